import ArgumentParser
import Classifier
import Foundation
import TelltaleIO
import TextFeatures

/// `telltale features`: prints what TextFeatures sees in each input line (normalised text, tokens,
/// script profile, the counts label gates decide on, normalisation report and, with --names, the
/// hashed features). Lines are read as `score` reads them (a JSON object with `text`, `parent`,
/// `id`, or plain text), and features are extracted with the model's own configuration, so
/// `--names` lists exactly what `score` sums.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Print the normalised text, tokens, script profile and features of each input line."
    )

    @Option(name: .long, help: "Input file, or - for standard input.")
    var input: String = "-"

    @Flag(name: .long, help: "Also list every hashed feature with its readable name.")
    var names = false

    @Option(name: .long, help: "Model whose feature configuration is used (default: the model in Models/, or $TELLTALE_MODEL).")
    var model: String?

    @OptionGroup var lineLimit: LineLimitOption

    func run() throws {
        let m = try loadModel(model)
        let extractor = FeatureExtractor(config: m.header.features, documentFrequencies: m.documentFrequencies)
        OutputWriter.ignoreSIGPIPE()
        let out = OutputWriter()
        var parser = PostLineParser()
        var post = PostLine()
        let reader: LineReader
        do { reader = try LineReader.open(input, maxLineBytes: lineLimit.maxLineBytes) } catch { throw ValidationErrorMessage("\(error)") }
        while let (lineNumber, read) = reader.next() {
            var problem: LineError?
            switch read {
            case .tooLong(let n):
                problem = LineError(LineReader.tooLongMessage(bytes: n, limit: reader.maxLineBytes))
            case .text(let raw):
                if raw.isEmpty && lineNumber > 1 { continue }
                problem = parser.parse(raw, into: &post)
            }
            if let problem {
                // The same record as `score` writes: {"line":N,"id":ID (when read),"error":"..."}.
                var record = Array("{\"line\":\(lineNumber),".utf8)
                if case .text = read, !post.idJSON.isEmpty { record += Array("\"id\":".utf8) + post.idJSON + [UInt8(ascii: ",")] }
                record += Array("\"error\":".utf8)
                JSONWriter.appendString(problem.description, to: &record)
                out.write(record + Array("}\n".utf8))
                if out.isClosed { return }
                continue
            }
            let line = String(decoding: post.text, as: UTF8.self)
            let parent = post.hasParent ? String(decoding: post.parent, as: UTF8.self) : nil
            let a = extractor.analyze(line)
            var obj: [String: Any] = [
                "line": lineNumber,
                "text": line,
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
            if !post.idJSON.isEmpty, let id = try? JSONSerialization.jsonObject(with: Data(post.idJSON), options: .fragmentsAllowed) {
                obj["id"] = id
            }
            if let parent { obj["parent"] = parent }
            if names {
                let v = extractor.extract(text: line, parent: parent, names: true)
                obj["features"] = zip(v.indices, v.names).map { "\($0.0) \($0.1)" }
            }
            let json = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes])
            out.write(Array(json) + [0x0A])
            if out.isClosed { return }
        }
        out.flush()
    }
}
