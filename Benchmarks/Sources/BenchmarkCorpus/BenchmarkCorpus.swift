import Foundation

/// Text samples for the TextFeatures benchmarks. Real posts are read at run time from
/// `../shared/corpora/<task>/dev.jsonl` beside the repository (never copied into it); when that
/// folder is absent a paragraph written for this project stands in, so the benchmarks still run.
public struct BenchmarkCorpus: Sendable {
    /// Which sample: English posts (ASCII-heavy) or Chinese and Chinese–English mixed posts.
    public enum Kind: String, Sendable, CaseIterable {
        case english, chinese
    }

    public let kind: Kind
    /// One post per entry.
    public let posts: [String]
    /// Where the posts came from (a file path, or "built-in").
    public let source: String
    /// Total UTF-8 bytes of `posts`.
    public var bytes: Int { posts.reduce(0) { $0 + $1.utf8.count } }

    /// Loads up to `maxBytes` of posts of `kind`.
    public static func load(_ kind: Kind, maxBytes: Int = 1 << 20) -> BenchmarkCorpus {
        let file = kind == .english ? "non_idiomatic/dev.jsonl" : "mixed_zh_en/dev.jsonl"
        for dir in corporaDirectories() {
            let path = dir + "/" + file
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            var posts: [String] = []
            var total = 0
            for line in data.split(separator: UInt8(ascii: "\n")) where total < maxBytes {
                guard let obj = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                      let text = obj["text"] as? String else { continue }
                // Chinese sample: posts with Han characters (the file also holds English controls).
                if kind == .chinese && !text.unicodeScalars.contains(where: { $0.value >= 0x4E00 && $0.value <= 0x9FFF }) { continue }
                posts.append(text)
                total += text.utf8.count
            }
            if !posts.isEmpty { return BenchmarkCorpus(kind: kind, posts: posts, source: path) }
        }
        let paragraph = kind == .english ? builtInEnglish : builtInChinese
        var posts: [String] = []
        var total = 0
        while total < maxBytes {
            for p in paragraph { posts.append(p); total += p.utf8.count }
        }
        return BenchmarkCorpus(kind: kind, posts: posts, source: "built-in")
    }

    /// `$TELLTALE_CORPORA`, then `../shared/corpora` from the working directory and from this file.
    static func corporaDirectories() -> [String] {
        var dirs: [String] = []
        if let env = ProcessInfo.processInfo.environment["TELLTALE_CORPORA"] { dirs.append(env) }
        let cwd = FileManager.default.currentDirectoryPath
        dirs.append(cwd + "/../shared/corpora")
        dirs.append(cwd + "/../../shared/corpora")
        // #filePath = <repo>/Benchmarks/Sources/BenchmarkCorpus/BenchmarkCorpus.swift
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        dirs.append(repo.deletingLastPathComponent().path + "/shared/corpora")
        return dirs
    }

    // Written for this project (not corpus text).
    static let builtInEnglish = [
        "The city council met on Tuesday to discuss the new bike lanes, and most residents who spoke were in favour.",
        "@mayor_office thanks for fixing the potholes on 5th Street!!! Took 3 months but it's done 👍 https://example.org/roads",
        "Honestly I don't get why people queue for two hours for a sandwich... it's bread, cheese and ham. #overrated",
        "Our team shipped v2.4.1 today: faster search, fewer crashes, and a dark mode that doesn't burn your eyes at 2am.",
        "If you're travelling this weekend, check the forecast first - heavy rain is expected across the north-west.",
    ]
    static let builtInChinese = [
        "今天的天气非常好，我们一起去公园散步吧。",
        "这个 app 的 UI 设计太复杂了，用户体验很差，希望下个 version 能改进。",
        "美国的 democracy 只是一个 show，大家都知道。",
        "#今日话题# 收到货了，包装很好，物流也快，五星好评！",
        "我觉得这个 project 的 deadline 太紧了，team 里每个人都在加班。",
    ]
}
