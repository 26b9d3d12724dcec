#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Model {
    /// Writes the model to `path` in the model file format (`ModelFileLayout`), atomically: the
    /// bytes go to a temporary file in the same directory, are flushed to disk, and the temporary
    /// file is renamed over `path`, so a reader sees the old file or the new one, never half of one.
    /// Two writes of the same model produce byte-identical files.
    public func write(to path: String) throws(ModelFileError) {
        let bytes = try fileBytes(path: path)
        try AtomicFileWriter.replace(path, with: bytes)
    }

    /// The complete model file as bytes (`path` only names the file in errors).
    func fileBytes(path: String) throws(ModelFileError) -> [UInt8] {
        if let p = Model.nonFiniteProblem(weights: storage.weights, bias: storage.bias, stride: stride, labels: labels) {
            throw .cannotWrite(path: path, reason: "\(p); the trainer diverged: lower the learning rate or raise L2")
        }
        let json: [UInt8]
        do { json = try ModelHeaderJSON.encode(header) } catch {
            throw .cannotWrite(path: path, reason: "cannot encode the JSON header: \(error)")
        }
        let layout = ModelFileLayout(headerLength: json.count, bucketCount: bucketCount, labelCount: labelCount, stride: stride,
                                     dfBits: documentFrequencies?.bits, dfDocuments: documentFrequencies?.documents ?? 0)
        var out = layout.preamble
        out.reserveCapacity(layout.fileSize)
        out.append(contentsOf: json)
        func pad(to offset: Int) { out.append(contentsOf: repeatElement(0, count: offset - out.count)) }
        pad(to: layout.weightsOffset)
        out.appendLittleEndian(storage.weights)
        pad(to: layout.biasOffset)
        out.appendLittleEndian(storage.bias)
        if let df = documentFrequencies {
            pad(to: layout.dfOffset)
            df.counts.withUnsafeBufferPointer { out.appendLittleEndian($0) }
        }
        pad(to: layout.checksumOffset)
        let checksum = out.withUnsafeBytes { ModelChecksum.fnv1a64($0) }
        out.appendLittleEndian(checksum)
        return out
    }
}

extension Array where Element == UInt8 {
    /// Appends 4-byte values little-endian (a plain copy on little-endian hosts).
    mutating func appendLittleEndian<T: BitwiseCopyable>(_ values: UnsafeBufferPointer<T>) {
        precondition(MemoryLayout<T>.size == 4)
        #if _endian(little)
        append(contentsOf: UnsafeRawBufferPointer(values))
        #else
        values.withMemoryRebound(to: UInt32.self) { for v in $0 { appendLittleEndian(v) } }
        #endif
    }
}

/// Replaces a file atomically: temporary file in the same directory, fsync, rename, fsync of the
/// directory. The temporary file is removed if anything fails.
enum AtomicFileWriter {
    static func replace(_ path: String, with bytes: [UInt8]) throws(ModelFileError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw .cannotWrite(path: path, reason: "the path names a directory, not a file") }
        let temp = (directory == "/" ? "" : directory) + "/.\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: "cannot create a file in \(directory): \(MappedFile.message(errno))") }
        var ok = false
        defer { if !ok { unlink(temp) } }
        let written = bytes.withUnsafeBytes { buffer -> Int32 in
            var done = 0
            while done < buffer.count {
                let n = write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                done += n
            }
            return 0
        }
        if written != 0 {
            close(fd)
            throw .cannotWrite(path: path, reason: MappedFile.message(written))
        }
        if fsync(fd) != 0 {
            let e = errno
            close(fd)
            throw .cannotWrite(path: path, reason: "cannot flush to disk: \(MappedFile.message(e))")
        }
        close(fd)
        guard rename(temp, path) == 0 else { throw .cannotWrite(path: path, reason: MappedFile.message(errno)) }
        ok = true
        let dirFD = open(directory, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }
}
