import TextFeatures

/// The binary layout of a Telltale model file, format version 1. All integers and floats are
/// little-endian; every section after the JSON header starts at a multiple of 64 bytes (zero
/// padding in between), so the weights can be read in place from a memory mapping.
///
/// ```
/// offset  bytes  field
///      0      8  magic "TTLMODEL"
///      8      4  format version, UInt32 (= 1)
///     12      4  JSON header length in bytes, UInt32
///     16      4  bucket count, UInt32 (a power of two, = header.features.bucketCount)
///     20      4  label count, UInt32 (= header.labels.count)
///     24      4  stride: floats per bucket, UInt32 (multiple of 4, ≥ label count)
///     28      4  document-frequency bits, UInt32 (0xFFFF_FFFF: no document frequencies)
///     32      4  documents counted in the document frequencies, UInt32
///     36     28  reserved, zero
///     64      n  JSON header: `ModelHeader`, JSONEncoder with sorted keys (deterministic)
///   ⌈64⌉         weights: bucketCount × stride Float32, weights[bucket * stride + label]
///   ⌈64⌉         bias: labelCount Float32
///   ⌈64⌉         document frequencies (if present): 2^bits UInt32 counts
///   ⌈64⌉      8  checksum: FNV-1a-64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
///                of every preceding byte, padding included; the file ends here
/// ```
struct ModelFileLayout: Equatable {
    static let magic: [UInt8] = Array("TTLMODEL".utf8)
    /// 2: the header's feature configuration may hold `pairVersion` 2 (pair features a telltale
    /// reading version 1 would compute differently); the layout is that of version 1, which is still read.
    /// Pair versions 3 and 4 need no new number: every telltale that reads format 2 checks `pairVersion`
    /// and refuses a newer one ("a newer telltale wrote this model").
    static let formatVersion: UInt32 = 2
    static let oldestReadableVersion: UInt32 = 1
    static let preambleSize = 64
    static let noDocumentFrequencies: UInt32 = 0xFFFF_FFFF
    static let maxHeaderLength = 1 << 26

    var headerLength: Int
    var bucketCount: Int
    var labelCount: Int
    var stride: Int
    /// nil: the file has no document frequencies.
    var dfBits: Int?
    var dfDocuments: UInt32

    var headerOffset: Int { ModelFileLayout.preambleSize }
    var weightsOffset: Int { align(headerOffset + headerLength) }
    var weightCount: Int { bucketCount * stride }
    var biasOffset: Int { align(weightsOffset + weightCount * 4) }
    var dfOffset: Int { align(biasOffset + labelCount * 4) }
    var dfCount: Int { dfBits.map { 1 << $0 } ?? 0 }
    var checksumOffset: Int { align(dfOffset + dfCount * 4) }
    var fileSize: Int { checksumOffset + 8 }

    /// Where each section ends (exclusive), in file order; a section owns the padding before it.
    var sectionEnds: [(ModelFileSection, Int)] {
        var ends: [(ModelFileSection, Int)] = [
            (.magic, 8), (.preamble, ModelFileLayout.preambleSize), (.header, headerOffset + headerLength),
            (.weights, weightsOffset + weightCount * 4), (.bias, biasOffset + labelCount * 4),
        ]
        if dfBits != nil { ends.append((.documentFrequencies, dfOffset + dfCount * 4)) }
        ends.append((.checksum, fileSize))
        return ends
    }

    /// The first section a file of `size` bytes does not hold completely (nil: none is cut short).
    func truncatedSection(fileSize size: Int) -> ModelFileSection? {
        sectionEnds.first { $0.1 > size }?.0
    }

    init(headerLength: Int, bucketCount: Int, labelCount: Int, stride: Int, dfBits: Int?, dfDocuments: UInt32) {
        self.headerLength = headerLength
        self.bucketCount = bucketCount
        self.labelCount = labelCount
        self.stride = stride
        self.dfBits = dfBits
        self.dfDocuments = dfDocuments
    }

    /// Reads the fixed header (the caller has checked `bytes.count >= preambleSize`, the magic and
    /// the version) and checks the counts are in range, so no offset can overflow.
    init(preamble bytes: UnsafeRawBufferPointer, path: String) throws(ModelFileError) {
        let headerLength = Int(bytes.readUInt32(at: 12))
        guard headerLength <= ModelFileLayout.maxHeaderLength else {
            throw .inconsistent(path: path, reason: "JSON header length \(headerLength) is larger than \(ModelFileLayout.maxHeaderLength) bytes")
        }
        let buckets = Int(bytes.readUInt32(at: 16)), labels = Int(bytes.readUInt32(at: 20)), stride = Int(bytes.readUInt32(at: 24))
        if let p = Model.shapeProblem(bucketCount: buckets, labelCount: labels, stride: stride) {
            throw .inconsistent(path: path, reason: p)
        }
        let rawBits = bytes.readUInt32(at: 28)
        var bits: Int? = nil
        if rawBits != ModelFileLayout.noDocumentFrequencies {
            guard rawBits <= 24 else {
                throw .inconsistent(path: path, reason: "document-frequency bits \(rawBits) not between 0 and 24")
            }
            bits = Int(rawBits)
        }
        self.init(headerLength: headerLength, bucketCount: buckets, labelCount: labels, stride: stride,
                  dfBits: bits, dfDocuments: bytes.readUInt32(at: 32))
    }

    /// The 64-byte fixed header for this layout.
    var preamble: [UInt8] {
        var out = ModelFileLayout.magic
        for field in [ModelFileLayout.formatVersion, UInt32(headerLength), UInt32(bucketCount), UInt32(labelCount),
                      UInt32(stride), dfBits.map(UInt32.init) ?? ModelFileLayout.noDocumentFrequencies, dfDocuments] {
            out.appendLittleEndian(field)
        }
        out.append(contentsOf: repeatElement(0, count: ModelFileLayout.preambleSize - out.count))
        return out
    }

    private func align(_ x: Int) -> Int { (x + 63) & ~63 }
}

/// FNV-1a-64, the model file checksum: detects every single-byte change.
enum ModelChecksum {
    static func fnv1a64(_ bytes: UnsafeRawBufferPointer) -> UInt64 { FNV1a64.hash(bytes) }
}

extension UnsafeRawBufferPointer {
    /// Little-endian UInt32 at `offset` (the caller checks bounds).
    func readUInt32(at offset: Int) -> UInt32 { UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    func readUInt64(at offset: Int) -> UInt64 { UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
}

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ x: T) {
        Swift.withUnsafeBytes(of: x.littleEndian) { append(contentsOf: $0) }
    }
}

/// The model file format this build reads and writes (`telltale --version` prints it).
public enum ModelFormat {
    public static let version = Int(ModelFileLayout.formatVersion)
}
