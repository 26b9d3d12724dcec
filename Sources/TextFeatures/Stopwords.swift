/// English function words: not content words when comparing a reply with its parent.
enum Stopwords {
    static let english: Set<String> = Set("""
    a about above after again against all also am an and any are aren't as at be because been before being below \
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each \
    few for from further get got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers \
    herself him himself his how how's however i i'd i'll i'm i've if in into is isn't it it's its itself just \
    let's like may me might more most much must mustn't my myself no nor not now of off on once one only or other \
    ought our ours ourselves out over own really same shan't she she'd she'll she's should shouldn't so some such \
    than that that's the their theirs them themselves then there there's these they they'd they'll they're they've \
    this those through to too under until up upon us very was wasn't we we'd we'll we're we've were weren't what \
    what's when when's where where's which while who who's whom why why's will with won't would wouldn't yes yet \
    you you'd you'll you're you've your yours yourself yourselves thanks thank please hi hello ok okay dear
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}

extension Stopwords {
    /// Chinese function words and question words of two characters (how, what, can, we, this,
    /// because ...): not content words when comparing a reply with its parent.
    static let chinese: [String] = """
    如何 怎么 怎样 什么 为何 哪里 哪些 哪个 多少 是否 可以 能否 应该 需要 我们 你们 他们 她们 它们 自己     这个 那个 这些 那些 这样 那样 一个 一些 没有 不是 就是 还是 但是 可是 因为 所以 如果 虽然 而且 然后     已经 现在 才能 能够 一下 有没有 最好 时候 知道 觉得 请问 大家 谢谢 或者 比较 非常 真的 怎么样 为什么
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}
