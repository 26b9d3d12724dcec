import ArgumentParser
import Foundation
import TextFeatures

/// `telltale features`: prints what TextFeatures sees in each input line (normalised text, tokens,
/// script profile, the counts label gates decide on, normalisation report and, with --names, the
/// hashed features).
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Print the normalised text, tokens, script profile and features of each input line."
    )

    @Option(name: .long, help: "Input file, or - for standard input.")
    var input: String = "-"

    @Flag(name: .long, help: "Also list every hashed feature with its readable name.")
    var names = false

    func run() throws {
        let extractor = FeatureExtractor()
        guard let handle = input == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: input) else {
            throw ValidationErrorMessage("cannot open input file '\(input)': check the path and permissions")
        }
        let data = handle.readDataToEndOfFile()
        var lineNumber = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.isEmpty && lineNumber > 1 { continue }
            guard let line = String(validating: raw, as: UTF8.self) else {
                print(#"{"line":\#(lineNumber),"error":"invalid UTF-8"}"#)
                continue
            }
            let a = extractor.analyze(line)
            var obj: [String: Any] = [
                "line": lineNumber,
                "normalized": a.normalizedText,
                "tokens": a.tokenStrings,
                "profile": [
                    "han": a.profile.count(.han), "latin": a.profile.count(.latin), "kana": a.profile.count(.kana),
                    "hangul": a.profile.count(.hangul), "cyrillic": a.profile.count(.cyrillic),
                    "latin_words": a.profile.latinWords, "switches": a.profile.switches,
                    "han_inside_latin": a.profile.hanInsideLatin, "latin_inside_han": a.profile.latinInsideHan,
                    "cjk_punctuation": a.profile.cjkPunctuation, "looks_mixed_zh_en": a.profile.looksMixedMandarinEnglish,
                    "japanese": a.profile.isJapanese, "korean": a.profile.isKorean,
                ] as [String: Any],
                // What label gates decide on (ScriptSummary).
                "gate_counts": [
                    "han": Int(a.profile.summary.han), "kana": Int(a.profile.summary.kana), "hangul": Int(a.profile.summary.hangul),
                    "latin_words": Int(a.profile.summary.latinWords), "other_words": Int(a.profile.summary.otherWords),
                ],
                "normalization": [
                    "full_width_latin": a.report.fullWidthLatin, "homoglyphs": a.report.homoglyphs,
                    "invisibles": a.report.invisibles,
                ],
            ]
            if names {
                let v = extractor.extract(text: line, names: true)
                obj["features"] = zip(v.indices, v.names).map { "\($0.0) \($0.1)" }
            }
            let json = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
            FileHandle.standardOutput.write(json + Data([0x0A]))
        }
    }
}
