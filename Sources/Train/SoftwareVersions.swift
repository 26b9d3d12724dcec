// CICU comes with TextFeatures (Train does not include ICU headers; it only asks the shim for the version).
import CICU

/// Versions recorded in model provenance.
public enum SoftwareVersions {
    /// Telltale's version (bump with releases).
    public static let telltale = "0.1.0"

    /// The ICU library version features were computed with (segmentation and normalisation depend on it).
    public static var icu: String {
        var buf = [CChar](repeating: 0, count: 32)
        tt_icu_version(&buf, 32)
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `["telltale": ..., "icu": ...]`.
    public static var all: [String: String] { ["telltale": telltale, "icu": icu] }
}
