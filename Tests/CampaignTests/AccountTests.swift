import Testing
@testable import Campaign

private func hist(_ pairs: [(Int, UInt32)]) -> [UInt32] {
    var h = [UInt32](repeating: 0, count: 24)
    for (hour, n) in pairs { h[hour] += n }
    return h
}

private let none = [UInt32](repeating: 0, count: 24)

@Test func officeDayWithLunchBreakScoresHigh() throws {
    let weekday = hist([9, 10, 11, 13, 14, 15, 16, 17].map { ($0, 10) } + [(12, 1)])
    let r = WorkdayRhythm(weekday: weekday, weekend: none)
    #expect(r.timedPosts == 81)
    #expect(r.officeShare == 1)
    #expect(abs(try #require(r.lunchDip) - 0.9) < 1e-9)
    #expect(r.balance == 1)
    #expect(abs(r.score - 0.95) < 1e-9)
}

@Test func usEveningLandsInOneHalfOfTheBeijingDayAndScoresZero() {
    // 20:00–24:00 in New York (UTC−4) is 08:00–12:00 in Beijing the next morning.
    let weekday = hist([8, 9, 10, 11].map { ($0, 10) })
    let r = WorkdayRhythm(weekday: weekday, weekend: hist([8, 9, 10, 11].map { ($0, 4) }))
    #expect(r.officeShare == 30.0 / 56.0)
    #expect(r.balance == 0)
    #expect(r.score == 0)
}

@Test func roundTheClockPostingScoresLow() throws {
    let all = [UInt32](repeating: 1, count: 24)
    let r = WorkdayRhythm(weekday: all.map { $0 * 5 }, weekend: all.map { $0 * 2 })
    #expect(r.officeShare == WorkdayRhythm.uniformOfficeShare)
    #expect(try #require(r.lunchDip) == 0)
    #expect(abs(r.score - WorkdayRhythm.uniformOfficeShare / 2) < 1e-12)
}

@Test func noTimesMeansNoRhythm() {
    let r = WorkdayRhythm(weekday: none, weekend: none)
    #expect(r.officeShare == nil && r.lunchDip == nil && r.score == 0)
}

/// Feeds posts to an aggregator: each is (author, text, unix time, flags).
private func aggregate(_ posts: [(String?, String, Double?, UInt64)], config: NearDuplicateIndex.Config = .init()) -> CampaignAggregator {
    let agg = CampaignAggregator(labels: ["non_idiomatic", "mixed_zh_en"], clusters: config)
    let sign = Signer()
    for (author, text, time, flags) in posts {
        let probs: [Double] = [flags & 1 != 0 ? 0.9 : 0.1, .nan]
        var t = text
        t.withUTF8 { bytes in
            probs.withUnsafeBufferPointer { p in
                if let sig = sign(text) {
                    sig.withUnsafeBufferPointer { agg.add(author: author, time: time, probabilities: p, flags: flags, signature: $0, text: bytes) }
                } else {
                    agg.add(author: author, time: time, probabilities: p, flags: flags, signature: nil, text: bytes)
                }
            }
        }
    }
    return agg
}

private let pasted = "Western media keep lying about our country while ordinary people live happy and peaceful lives."
private let tuesday0930 = 1_709_602_200.0

@Test func creditsEveryAccountOncePerSharedCluster() throws {
    let agg = aggregate([
        ("a1", pasted, tuesday0930, 1),
        ("a2", pasted.uppercased(), tuesday0930 + 60, 1),
        ("a2", pasted + "!!", tuesday0930 + 120, 0),           // same account again: no new credit
        ("a3", "ＷＥＳＴＥＲＮ media keep lying about our country while ordinary people live happy and peaceful lives", nil, 0),
        ("a4", "A completely different post about the football match in the village yesterday evening.", tuesday0930, 0),
        ("a1", "A short one", tuesday0930, 0),
    ])
    let byName = Dictionary(uniqueKeysWithValues: agg.authorSummaries().map { ($0.name, $0) })
    #expect(byName["a1"]?.clusters == 1 && byName["a2"]?.clusters == 1 && byName["a3"]?.clusters == 1)
    #expect(byName["a4"]?.clusters == 0)
    #expect(byName["a1"]?.copies == 0 && byName["a2"]?.copies == 2 && byName["a3"]?.copies == 1)
    let c = try #require(agg.duplicateClusters().first)
    #expect(agg.duplicateClusters().count == 1)
    #expect(c.posts == 4 && c.distinctAuthors == 3 && !c.authorsTruncated)
    #expect(c.authorIDs.map(agg.authors.name) == ["a1", "a2", "a3"])
    #expect(c.firstTime == tuesday0930 && c.lastTime == tuesday0930 + 120)
    #expect(c.flaggedPosts == 2)
    #expect(c.sample == pasted.uppercased())
    #expect(agg.posts == 6 && agg.signedPosts == 5 && agg.duplicatePosts == 3 && agg.timedPosts == 5)
}

@Test func largeClustersCapTheirAuthorListButCountEveryAccount() throws {
    let posts: [(String?, String, Double?, UInt64)] = (0..<10).map { ("acct\($0)", pasted, nil, 0) }
    let agg = aggregate(posts, config: .init(authorsPerCluster: 3))
    let c = try #require(agg.duplicateClusters().first)
    #expect(c.posts == 10 && c.distinctAuthors == 10 && c.authorsTruncated && c.authorIDs.count == 3)
    #expect(agg.authorSummaries().allSatisfy { $0.clusters == 1 })
}

@Test func accountsRotatingThroughManyLargeClustersAreCountedOncePerCluster() throws {
    // Six different pasted texts, each posted by the same 10 accounts, three rounds: more clusters
    // than an account's recent-cluster memory and more authors than a cluster lists.
    var maker = SentenceMaker(state: 3)
    let texts = (0..<6).map { _ in maker.sentence(words: 16) }
    var posts: [(String?, String, Double?, UInt64)] = []
    for _ in 0..<3 { for t in texts { for a in 0..<10 { posts.append(("acct\(a)", t, nil, 0)) } } }
    let agg = aggregate(posts, config: .init(authorsPerCluster: 2))
    let clusters = agg.duplicateClusters()
    #expect(clusters.count == 6)
    #expect(clusters.allSatisfy { $0.posts == 30 && $0.distinctAuthors == 10 && $0.authorsTruncated && !$0.authorsEstimated })
    #expect(agg.authorSummaries().allSatisfy { $0.clusters == 6 && $0.lead.duplicate == 1 })
}

@Test func authorSummaryCountsFlagsScoresAndBeijingHours() throws {
    let agg = aggregate([
        ("a1", "one post about the weather this morning in town", tuesday0930, 1),
        ("a1", "second post about the weather this afternoon here", tuesday0930 + 4 * 3600, 0), // 13:30
        ("a1", "a weekend post about a long walk by the river", 1_709_953_200, 1),                // Sat 11:00
        ("a1", "a post without any time at all, for the counts", nil, 0),
        (nil, "a post without an author field, kept apart", tuesday0930, 0),
    ])
    let all = agg.authorSummaries()
    let a1 = try #require(all.first { $0.name == "a1" })
    #expect(a1.posts == 4 && a1.rhythm.timedPosts == 3)
    #expect(a1.rhythm.weekdayPosts == 2 && a1.rhythm.weekendPosts == 1)
    #expect(a1.hours[9] == 1 && a1.hours[13] == 1 && a1.hours[11] == 1 && a1.hours.reduce(0, +) == 3)
    #expect(a1.weekdayHours[11] == 0)
    #expect(a1.anyFlagShare == 0.5)
    #expect(a1.flagShare[0] == 0.5 && a1.flagShare[1] == nil)
    #expect(abs((a1.meanScore[0] ?? 0) - 0.5) < 1e-12 && a1.meanScore[1] == nil)
    #expect(a1.firstTime == tuesday0930 && a1.lastTime == 1_709_953_200)
    #expect(abs(a1.lead.value - (0.5 + a1.rhythm.score + 0) / 3) < 1e-12)
    let unknown = try #require(all.first { $0.isUnknown })
    #expect(unknown.posts == 1 && unknown.name == "(unknown)")
    #expect(!a1.isUnknown)
}

@Test func anAccountNamedLikeTheUnknownPlaceholderStaysSeparate() {
    let agg = aggregate([("(unknown)", "a post by an account with an odd name", nil, 0), (nil, "a post without an author", nil, 0)])
    #expect(agg.authors.count == 2)
    #expect(agg.authorSummaries().filter(\.isUnknown).count == 1)
}

@Test func theFounderGetsCreditForEveryRepeatMadeBeforeTheFirstCopy() throws {
    let agg = aggregate([
        ("a1", pasted, nil, 0),
        ("a1", pasted.uppercased(), nil, 0),
        ("a1", pasted + " https://t.co/abc", nil, 0),
        ("a2", pasted, nil, 0),
        ("a1", pasted, nil, 0),            // after the copy: a copy of a2's post too
        ("a3", "Another post entirely, about the football match in the village yesterday.", nil, 0),
    ])
    let byName = Dictionary(uniqueKeysWithValues: agg.authorSummaries().map { ($0.name, $0) })
    #expect(byName["a1"]?.sharedPosts == 4 && byName["a1"]?.copies == 1)
    #expect(byName["a2"]?.sharedPosts == 1 && byName["a2"]?.copies == 1)
    #expect(byName["a1"]?.lead.duplicate == 1 && byName["a2"]?.lead.duplicate == 1)
    #expect(byName["a3"]?.sharedPosts == 0)
}
