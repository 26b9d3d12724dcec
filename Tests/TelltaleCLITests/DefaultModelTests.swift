import Foundation
import Testing

/// The shipped default model (Models/telltale.model) on posts written for these tests, through the
/// built executable. Flags use the model's own thresholds (0.5 each, see Models/README.md).
@Suite struct DefaultModelTests {
    static let model = CLI.packageRoot.appendingPathComponent("Models/telltale.model").path

    struct Scored {
        var scores: [String: Any]
        var flags: [String]
        var reasons: [String: [String]]
        func probability(_ label: String) -> Double? { scores[label] as? Double }
        func isNull(_ label: String) -> Bool { scores[label] is NSNull }
    }

    /// Scores `(text, parent)` posts with --explain, one result per post, in order.
    static func score(_ posts: [(String, String?)]) throws -> [Scored] {
        var input = Data()
        for (text, parent) in posts {
            var obj = ["text": text]
            if let parent { obj["parent"] = parent }
            input += try JSONSerialization.data(withJSONObject: obj) + Data([0x0A])
        }
        let r = try CLI.run(["score", "--model", model, "--explain"], stdin: input)
        #expect(r.status == 0, "\(r.stderr)")
        return try r.stdoutLines.map { line in
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return Scored(scores: obj["scores"] as? [String: Any] ?? [:], flags: obj["flags"] as? [String] ?? [],
                          reasons: obj["reasons"] as? [String: [String]] ?? [:])
        }
    }

    /// A reply and two parents: one it answers, one it has nothing to do with.
    static let replies: [(reply: String, answers: String, unrelated: String)] = [
        ("Police in several countries worked together to arrest members of a telecom fraud ring this month.",
         "What are police doing to stop international telecom fraud?",
         "How do I lose belly fat through weight lifting?"),
        ("Lifting builds muscle, but belly fat only goes away when you eat fewer calories than you burn.",
         "How do I lose belly fat through weight lifting?",
         "What are police doing to stop international telecom fraud?"),
    ]

    @Test func offTopicFollowsTheParent() throws {
        let posts = Self.replies.flatMap { [($0.reply, Optional($0.answers)), ($0.reply, Optional($0.unrelated))] }
        let s = try Self.score(posts)
        try #require(s.count == posts.count)
        for (i, r) in Self.replies.enumerated() {
            let onTopic = s[2 * i], offTopic = s[2 * i + 1]
            let low = try #require(onTopic.probability("off_topic")), high = try #require(offTopic.probability("off_topic"))
            // Not flagged under its own question, and the parent alone moves the score by more than half.
            #expect(!onTopic.flags.contains("off_topic") && low < 0.5, "under its own question: \(low) — \(r.reply)")
            #expect(high - low > 0.5, "the parent should decide: \(low) vs \(high) — \(r.reply)")
            #expect(offTopic.flags.contains("off_topic") && high > 0.9, "under an unrelated question: \(high) — \(r.reply)")
            #expect(offTopic.reasons["off_topic"]?.isEmpty == false)
        }
        // Without a parent the label does not apply.
        #expect(try Self.score([(Self.replies[0].reply, nil)])[0].isNull("off_topic"))
    }

    @Test func aBlankParentIsNoParent() throws {
        let reply = Self.replies[1].reply
        let s = try Self.score([(reply, ""), (reply, "   "), (reply, "\n\t\u{3000}"), (reply, nil)])
        for (i, blank) in s.prefix(3).enumerated() {
            #expect(blank.isNull("off_topic") && !blank.flags.contains("off_topic"), "blank parent \(i): \(blank.scores)")
            #expect(blank.reasons["off_topic"] == ["no parent: the parent post is empty"], "\(blank.reasons)")
            #expect(blank.probability("non_idiomatic") == s[3].probability("non_idiomatic"))
        }
        #expect(s[3].isNull("off_topic") && s[3].reasons["off_topic"] == nil)
    }

    /// The example: a reply mixing Chinese and English that answers its Chinese question
    /// is not off-topic; the same question under state messaging (in Chinese) is, and an English
    /// reply to it is too.
    @Test func mixedChineseEnglishAnswerToAChineseQuestionIsOnTopic() throws {
        let question = "怎样才能有效减肥？"
        let s = try Self.score([
            ("减肥主要靠饮食控制，healthy diet比做多少sit-ups都重要。", question),
            ("中美两国警方深化合作，联合打击跨境电信诈骗犯罪。", question),
            ("The police of our two countries have deepened cooperation against telecom fraud.", question),
        ])
        try #require(s.count == 3)
        let answer = try #require(s[0].probability("off_topic"))
        #expect(answer < 0.5 && !s[0].flags.contains("off_topic"), "mixed answer: \(s[0].scores) \(s[0].reasons)")
        #expect(s[0].flags.contains("mixed_zh_en"))
        for other in s.dropFirst() {
            let p = try #require(other.probability("off_topic"))
            #expect(p > 0.5 && other.flags.contains("off_topic"), "unrelated reply: \(other.scores)")
        }
    }

    /// A reply of one site's style under another question of the same site: the pair decides.
    /// MedQuAD's one-word "What is X?" questions are the hardest swaps (90 % of the dev probe's
    /// MedQuAD swaps are flagged at 0.5, Models/README.md): every swap scores far above its own
    /// question, and most are flagged.
    @Test func sameStyleAnswerUnderAnotherQuestionOfTheSiteIsOffTopic() throws {
        let gout = "Gout is a form of arthritis: uric acid crystals build up in a joint, most often the big toe, and cause sudden pain and swelling."
        let glaucoma = "Glaucoma is a group of eye diseases that damage the optic nerve, often because pressure inside the eye is too high; it can lead to vision loss."
        let asthma = "Asthma is a chronic disease of the airways: they swell and narrow, making it hard to breathe, with wheezing and coughing."
        let cases = [(gout, "What is gout?", "What is glaucoma?"), (glaucoma, "What is glaucoma?", "What is gout?"),
                     (asthma, "What is asthma?", "What causes kidney stones?")]
        let s = try Self.score(cases.flatMap { [($0.0, $0.1), ($0.0, $0.2)] })
        var flagged = 0
        for i in cases.indices {
            let own = try #require(s[2 * i].probability("off_topic")), swapped = try #require(s[2 * i + 1].probability("off_topic"))
            #expect(own < 0.01, "under its own question: \(own) — \(cases[i].1)")
            #expect(swapped - own > 0.15, "under another question of the same style: \(swapped) — \(cases[i].2)")
            if s[2 * i + 1].flags.contains("off_topic") {
                flagged += 1
                // Its reasons are about the pair, not the reply's words.
                #expect(s[2 * i + 1].reasons["off_topic"]?.first?.contains("parent") == true, "\(s[2 * i + 1].reasons)")
            }
        }
        #expect(flagged >= 2, "most swaps flagged: \(flagged) of \(cases.count)")
    }

    /// Forum answers that share no content word with their question (pair features version 4:
    /// closeness in meaning) are not flagged; chit-chat and state messaging under the same
    /// questions are, and the reasons say the reply's meaning is far from the parent's.
    @Test func forumAnswerWithoutSharedWordsIsOnTopic() throws {
        let gym = "Any affordable gym in Doha? I want to lose belly fat before summer."
        let dealer = "Which dealer sells used cars with a warranty?"
        let s = try Self.score([
            ("Try the fitness centre near the mall, cheap monthly membership and friendly trainers.", gym),
            ("Go to the Toyota showroom on Salwa Road, their certified pre-owned vehicles come with one year cover.", dealer),
            ("Police in Xinjiang work closely with the people to keep our streets safe and harmonious.", gym),
            ("lol good morning everyone, have a nice day", dealer),
        ])
        for answer in s[0...1] {
            let p = try #require(answer.probability("off_topic"))
            #expect(p < 0.5 && !answer.flags.contains("off_topic"), "answer: \(answer.scores) \(answer.reasons)")
        }
        for other in s[2...3] {
            let p = try #require(other.probability("off_topic"))
            #expect(p > 0.9 && other.flags.contains("off_topic"), "not an answer: \(other.scores)")
        }
        #expect(s[2].reasons["off_topic"]?.contains { $0.hasPrefix("meaning far from the parent's") } == true, "\(s[2].reasons)")
    }

    /// A thank-you in front of an answer does not make it off-topic (the forum's "Bad" comments
    /// taught `thanks` as off-topic evidence until genuine answers were trained with one too);
    /// a thank-you alone still does not answer.
    @Test func politenessAroundAnAnswerIsNotOffTopic() throws {
        let question = "How do I renew my residence permit in Doha?"
        let answer = "You need to go to the immigration office with your passport and bring copies."
        let s = try Self.score([(answer, question), ("Thanks! " + answer, question), ("Thanks for sharing, have a great weekend everyone!", question)])
        for polite in s[0...1] {
            let p = try #require(polite.probability("off_topic"))
            #expect(p < 0.5 && !polite.flags.contains("off_topic"), "answer: \(polite.scores) \(polite.reasons)")
        }
        #expect(try #require(s[2].probability("off_topic")) > 0.9, "thanks alone: \(s[2].scores)")
    }

    /// Short everyday answers (Corpus/everyday-answers.jsonl): "Thanks!" in front moves off_topic by
    /// less than 0.15 on average (+0.19 before the short-answer copies of the fifth session). Two
    /// of the eight are flagged without it and four with it (Models/README.md, "Short answers").
    @Test func aThankYouBarelyMovesShortEverydayAnswers() throws {
        let path = CLI.packageRoot.appendingPathComponent("Corpus/everyday-answers.jsonl").path
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let pairs = rows.compactMap { r in (r["text"] as? String).map { ($0, r["parent"] as? String) } }
        try #require(pairs.count == 8)
        let plain = try Self.score(pairs), polite = try Self.score(pairs.map { ("Thanks! " + $0.0, $0.1) })
        let moves = try zip(plain, polite).map { p, t in try #require(t.probability("off_topic")) - #require(p.probability("off_topic")) }
        #expect(moves.reduce(0, +) / Double(moves.count) < 0.15, "\(moves)")
    }

    @Test func mandarinMixedWithEnglishIsFlagged() throws {
        let posts = ["这个 project 的 deadline 太紧了，我们需要更多 time 来 finish。", "美国的 democracy 只是一个 show，大家不要相信。",
                     "I love this city. 我爱这里的早餐和夜市，下次还要来。"]
        for (text, s) in zip(posts, try Self.score(posts.map { ($0, nil) })) {
            #expect(s.flags.contains("mixed_zh_en"), "\(s.scores): \(text)")
            #expect(s.reasons["mixed_zh_en"]?.first?.hasPrefix("gate:") == false)
        }
    }

    /// Posts that are not Mandarin + English, and the gate reason each must give.
    static let notMixed: [(text: String, reason: String)] = [
        ("오늘 회의는 세 시에 시작합니다. See you tomorrow!", "gate: Korean (hangul) text is not Mandarin"),
        ("내일 서울에서 만나요. The train leaves at nine.", "gate: Korean (hangul) text is not Mandarin"),
        ("明日の会議は十時からです。 See you there!", "gate: Japanese (kana) text is not Mandarin"),
        ("新しい駅の近くに美味しいラーメン屋がオープンしました。 Highly recommended!", "gate: Japanese (kana) text is not Mandarin"),
        ("今天的会议改到3点了 @lihua 请看 https://example.com/a1 #工作日常# 2024年", "gate: no English word outside links, handles and hashtags (needs 1)"),
        ("我们明天见 https://t.co/Ab12Cd #Beijing", "gate: no English word outside links, handles and hashtags (needs 1)"),
        ("这家店的牛肉面只要25元，排队等了40分钟，还是值得的！", "gate: no English word outside links, handles and hashtags (needs 1)"),
        ("Had a lovely dinner with my family tonight 好", "gate: only 1 Han character outside links and handles (needs 2)"),
        ("Had a lovely dinner with my family tonight 😋🎉", "gate: no Han character outside links and handles (needs 2)"),
    ]

    @Test func japaneseKoreanDecoratedChineseAndStrayCharactersAreNotMixed() throws {
        let s = try Self.score(Self.notMixed.map { ($0.text, nil) })
        try #require(s.count == Self.notMixed.count)
        for (c, r) in zip(Self.notMixed, s) {
            #expect(r.probability("mixed_zh_en") == 0 && !r.flags.contains("mixed_zh_en"), "\(r.scores): \(c.text)")
            // The gate's reason is given when the model alone would have flagged the post.
            #expect(r.reasons["mixed_zh_en"] == nil || r.reasons["mixed_zh_en"] == [c.reason], "\(c.text)")
        }
        // An English post with emoji is nowhere near a flag: no gate reason clutters its output.
        #expect(s.last?.reasons["mixed_zh_en"] == nil)
    }

    @Test func nonIdiomaticIsForEnglish() throws {
        let native = ["Beijing said on Tuesday it would cut tariffs on some American farm goods, easing trade tensions ahead of next month's talks.",
                      "China's commerce ministry announced new export controls on rare earth metals, a move analysts said was aimed at Washington."]
        let translated = ["We must firmly grasp the important strategic opportunity period and vigorously promote the high-quality development of the economy.",
                          "The relevant departments should further strengthen the prevention and control work and effectively safeguard the life safety of the masses."]
        let foreign = ["今天天气很好，我们去公园散步吧。", "明日の会議は十時からです。 See you there!", "So true! https://t.co/Ab12Cd"]
        let s = try Self.score((native + translated + foreign).map { ($0, nil) })
        try #require(s.count == 7)
        for (text, r) in zip(native, s[0..<2]) {
            #expect(!r.flags.contains("non_idiomatic") && (r.probability("non_idiomatic") ?? 1) < 0.3, "\(r.scores): \(text)")
        }
        for (text, r) in zip(translated, s[2..<4]) { #expect(r.flags.contains("non_idiomatic"), "\(r.scores): \(text)") }
        // Not mostly English (or too short to judge): null, with the gate's reason.
        for (text, r) in zip(foreign, s[4...]) {
            #expect(r.isNull("non_idiomatic") && r.reasons["non_idiomatic"]?.first?.hasPrefix("gate: ") == true, "\(r.scores): \(text)")
        }
    }

    @Test func inspectListsTheGates() throws {
        let r = try CLI.run(["inspect", Self.model])
        #expect(r.status == 0)
        // inspect wraps at 100 columns: compare the text with its line breaks undone.
        #expect(r.stdout.replacingOccurrences(of: "\n  ", with: " ").contains("gates: non_idiomatic mostly-english (≥ 3 English words, English ≥ 50% of words; else null); mixed_zh_en mandarin-english (≥ 2 Han, ≥ 1 English words, kana+Hangul ≤ 10% of CJK; else 0)"))
    }
}
