import Classifier

/// Loads the model named by --model (or the default one); any failure is a clear error (exit 1).
func loadModel(_ explicit: String?) throws -> Model {
    let path = try ModelLocator.resolve(explicit)
    do {
        return try Model.load(path: path)
    } catch {
        throw ValidationErrorMessage("\(error)")
    }
}
