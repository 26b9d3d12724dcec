/// How a reply relates to the post it answers, measured on content words (their style left out:
/// function words, casing and punctuation never count).
public struct PairSimilarity: Equatable, Sendable {
    /// Cosine of the tf-idf vectors of content words (0...1).
    public var cosine: Float = 0
    /// Cosine of character 4-gram counts of content words (catches `diabetes` / `diabetic`).
    public var charCosine: Float = 0
    /// Distinct content words the two share.
    public var sharedWords = 0
    /// Content words in the reply and the parent.
    public var replyWords = 0
    public var parentWords = 0
    /// The reply is written in another script than its parent (an English reply to a Chinese
    /// question; a mixed Chinese–English reply to a Chinese question is not).
    public var scriptMismatch = false
    /// log2(reply tokens / parent tokens), rounded.
    public var lengthRatioLog2 = 0

    // Pair version 2 (`FeatureConfig.pairVersion`).

    /// Share of the parent's content words (weighted by rarity, idf) that the reply uses (0...1).
    public var parentCoverage: Float = 0
    /// The parent's rarest content word (highest idf), as a byte range of the parent's normalised
    /// text, and whether the reply uses it.
    public var keyWord: Range<Int>? = nil
    public var keyWordShared = false
    /// idf of the rarest content word the two share (0: none shared).
    public var maxSharedIDF: Float = 0
    /// Distinct 5-byte word beginnings the two share (`licence` / `license`, `vaccinated` /
    /// `vaccination`), over content words of 5+ bytes.
    public var sharedPrefixes = 0
    /// Distinct numbers the two share (`487`, `2019`).
    public var sharedNumbers = 0
    /// The parent's question type and the reply's form.
    public var question = QuestionType.other
    public var answer = AnswerForm()
    /// One of the reply's first three content words is a content word of the parent (`Endocarditis
    /// is an infection …` under `What is endocarditis?`).
    public var opensWithParentWord = false

    // Pair version 3.

    /// Share of the parent's content (weighted by idf) that the reply uses or answers with a
    /// related word, one that shares a WordNet concept with it (`WordConcepts`) (0...1).
    public var relatedCoverage: Float = 0
    /// Parent content words the reply does not use but answers with a related word.
    public var relatedWords = 0
    /// The rarest of those, as a byte range of the parent's normalised text.
    public var relatedWord: Range<Int>? = nil
    /// The parent's key word is not in the reply, but a word related to it is.
    public var keyWordRelated = false

    // Pair version 4.

    /// Cosine of the reply's and the parent's summed word vectors (`WordVectors`, distilled from
    /// a sentence encoder), -1 ... 1: how close in meaning the two are even when they share no
    /// word. nil: either side has no word with a vector.
    public var meaning: Float? = nil

    public init() {}
}
