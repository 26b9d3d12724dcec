import Testing
@testable import TextFeatures

@Test func mixedPostIsProfiledAsMixed() {
    let a = FeatureExtractor().analyze("美国的 democracy 只是一个 show。")
    #expect(a.profile.looksMixedMandarinEnglish)
    #expect(a.tokenStrings == ["美国", "的", "democracy", "只是", "一个", "show"])
}
