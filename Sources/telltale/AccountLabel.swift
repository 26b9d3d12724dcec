import Foundation

/// Reads an account's training label from a post's `labels` object (`{"state_linked": 1}`): 1 or 0
/// (also `true`/`false`), -1 when the object, the key or a 0/1 value is missing.
enum AccountLabel {
    static func read(_ rawLabels: String?, label: String) -> Int8 {
        guard let raw = rawLabels, raw.first == "{",
              let object = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any],
              let value = object[label] else { return -1 }
        if let b = value as? Bool { return b ? 1 : 0 }
        if let n = value as? NSNumber {
            let d = n.doubleValue
            return d == 1 ? 1 : d == 0 ? 0 : -1
        }
        return -1
    }
}
