import Testing
@testable import Campaign

private func traits(_ s: String) -> PostTraits {
    var t = s
    return t.withUTF8 { PostTraits(text: $0) }
}

@Test func postTraitsFindLinksHandlesRepliesHashtagsAndRetweets() {
    let reply = traits("@anna_b see HTTPS://t.co/abc #river")
    #expect(reply.isReply && reply.hasMention && reply.hasLink && reply.hasHashtag && !reply.isRetweet)
    let rt = traits("RT @desk: the harbor opens today")
    #expect(rt.isRetweet && rt.hasMention && !rt.isReply && !rt.hasLink && !rt.hasHashtag)
    let plain = traits("mail me at anna@example.org, issue #5 is fixed; C# is fine")
    #expect(!plain.hasMention && !plain.isReply && !plain.hasLink)
    #expect(plain.hasHashtag) // "#5" after a blank counts; "C#" does not start a tag
    let tagged = traits("喜欢 #中国风 的画")
    #expect(tagged.hasHashtag && !tagged.hasMention)
}

@Test func postTraitsCountScriptsAndLength() {
    let t = traits("今天meeting")
    #expect(t.han == 2 && t.latinLetters == 7 && t.letters == 9 && t.length == 9)
    let e = traits("")
    #expect(e.length == 0 && e.letters == 0)
}

@Test func lunchRateIsOneMinusTheDipAndNeverNegative() throws {
    var weekday = [UInt32](repeating: 0, count: 24)
    for h in [9, 10, 11, 13, 14, 15, 16, 17] { weekday[h] = 2 }
    weekday[12] = 6
    let r = WorkdayRhythm(weekday: weekday, weekend: [UInt32](repeating: 0, count: 24))
    #expect(try #require(r.lunchDip) == -2)
    #expect(try #require(r.lunchRate) == 3)
}

@Test func handLeadWithoutScoresAveragesTwoParts() {
    #expect(LeadScore(flag: nil, workday: 0.5, duplicate: 0.3).value == 0.4)
    #expect(abs(LeadScore(flag: 0.3, workday: 0.6, duplicate: 0.0).value - 0.3) < 1e-12)
}
