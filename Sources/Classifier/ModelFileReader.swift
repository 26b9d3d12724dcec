import TextFeatures

extension Model {
    /// Loads the model file at `path` (format: `ModelFileLayout`), memory-mapping it: the weights
    /// are scored in place, not copied. Checks, in order: the file exists, is a regular non-empty
    /// file, starts with `TTLMODEL`, has a format version this build supports, is not cut short,
    /// has no extra bytes, matches its checksum, has a decodable JSON header, and that header and
    /// sections agree (counts, calibrations, finite weights). Any failure is a `ModelFileError`
    /// naming the file; no input makes it crash.
    public static func load(path: String) throws(ModelFileError) -> Model {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        let size = bytes.count
        let magic = ModelFileLayout.magic
        guard bytes.prefix(magic.count).elementsEqual(magic.prefix(size)) else { throw .notAModel(path: path) }
        guard size >= 12 else {
            throw .truncated(path: path, section: size < 8 ? .magic : .preamble, expectedBytes: ModelFileLayout.preambleSize, actualBytes: size)
        }
        let version = bytes.readUInt32(at: 8)
        if version > ModelFileLayout.formatVersion {
            throw .newerVersion(path: path, version: version, supported: ModelFileLayout.formatVersion)
        }
        guard version >= ModelFileLayout.oldestReadableVersion else {
            throw .inconsistent(path: path, reason: "format version \(version) does not exist")
        }
        guard size >= ModelFileLayout.preambleSize else {
            throw .truncated(path: path, section: .preamble, expectedBytes: ModelFileLayout.preambleSize, actualBytes: size)
        }
        let layout = try ModelFileLayout(preamble: bytes, path: path)
        if let section = layout.truncatedSection(fileSize: size) {
            throw .truncated(path: path, section: section, expectedBytes: layout.fileSize, actualBytes: size)
        }
        guard size == layout.fileSize else {
            throw .inconsistent(path: path, reason: "\(size - layout.fileSize) unexpected bytes after the checksum (expected \(layout.fileSize) bytes in all, found \(size))")
        }
        let stored = bytes.readUInt64(at: layout.checksumOffset)
        let computed = ModelChecksum.fnv1a64(UnsafeRawBufferPointer(rebasing: bytes[..<layout.checksumOffset]))
        guard stored == computed else { throw .corrupted(path: path, stored: stored, computed: computed) }

        let header: ModelHeader
        do {
            header = try ModelHeaderJSON.decode(UnsafeRawBufferPointer(rebasing: bytes[layout.headerOffset..<(layout.headerOffset + layout.headerLength)]))
        } catch {
            throw .invalidHeader(path: path, reason: ModelHeaderJSON.reason(error))
        }
        do throws(FeatureConfigError) { try header.features.validate() } catch {
            throw .inconsistent(path: path, reason: error.description)
        }
        if let p = headerProblem(header, bucketCount: layout.bucketCount, labelCount: layout.labelCount) {
            throw .inconsistent(path: path, reason: p)
        }
        let df = layout.dfBits.map { bits in
            DocumentFrequencies(bits: bits, documents: layout.dfDocuments,
                                counts: (0..<layout.dfCount).map { bytes.readUInt32(at: layout.dfOffset + 4 * $0) })
        }
        let storage = try weightStorage(file, layout, labels: header.labels)
        return Model(header: header, storage: storage, bucketCount: layout.bucketCount, labelCount: layout.labelCount,
                     stride: layout.stride, documentFrequencies: df)
    }

    /// The weights in place (little-endian hosts) or byte-swapped into memory, after checking
    /// every weight and bias is a finite number.
    private static func weightStorage(_ file: MappedFile, _ layout: ModelFileLayout, labels: [String]) throws(ModelFileError) -> WeightStorage {
        #if _endian(little)
        let storage = WeightStorage(mapping: file, weightsOffset: layout.weightsOffset, weightCount: layout.weightCount,
                                    biasOffset: layout.biasOffset, biasCount: layout.labelCount)
        #else
        let read = { (offset: Int, count: Int) in
            (0..<count).map { Float(bitPattern: file.bytes.readUInt32(at: offset + 4 * $0)) }
        }
        let storage = WeightStorage(copying: LinearWeights(
            bucketCount: layout.bucketCount, labelCount: layout.labelCount, stride: layout.stride,
            weights: read(layout.weightsOffset, layout.weightCount), bias: read(layout.biasOffset, layout.labelCount)))
        #endif
        if let p = nonFiniteProblem(weights: storage.weights, bias: storage.bias, stride: layout.stride, labels: labels) {
            throw .inconsistent(path: file.path, reason: p)
        }
        return storage
    }

    /// Names the first NaN or infinite weight or bias, or nil when all are finite.
    static func nonFiniteProblem(weights: UnsafeBufferPointer<Float>, bias: UnsafeBufferPointer<Float>,
                                 stride: Int, labels: [String]) -> String? {
        if let i = weights.firstIndex(where: { !$0.isFinite }) {
            let lane = i % stride
            let label = lane < labels.count ? "label `\(labels[lane])`" : "padding lane \(lane)"
            return "the weight of bucket \(i / stride) for \(label) is \(weights[i]), not a finite number"
        }
        if let i = bias.firstIndex(where: { !$0.isFinite }) {
            return "the bias of label `\(labels[i])` is \(bias[i]), not a finite number"
        }
        return nil
    }
}
