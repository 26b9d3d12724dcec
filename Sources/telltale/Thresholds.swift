import ArgumentParser

/// Parses `--threshold label=p` options into a label → probability map (the Scorer checks the
/// labels against the model).
func parseThresholds(_ specs: [String]) throws -> [String: Double] {
    var t: [String: Double] = [:]
    for spec in specs {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let p = Double(parts[1]), p >= 0, p <= 1 else {
            throw ValidationError("--threshold '\(spec)': expected label=p with p between 0 and 1, e.g. non_idiomatic=0.7")
        }
        t[parts[0]] = p
    }
    return t
}
