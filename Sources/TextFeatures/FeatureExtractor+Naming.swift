/// Naming only some features. Building a readable name for every feature of a post costs far
/// more than hashing it (a string per n-gram), yet an explanation shows three of them: the
/// scorer first finds which buckets can hold a reason, then extracts again naming only features
/// in those buckets (every indicator is still named: they are few, and names that merge a
/// threshold's variants must be complete; so is every byte n-gram cut inside a character, whose
/// name is not its own). Names are kept once each (`nameTable`), so a feature
/// repeated a million times in a long post costs one string and one position per occurrence.
extension FeatureExtractor {
    /// Features of UTF-8 `text` (replying to `parent` when given) into `vector`, with names only
    /// for the features whose bucket is in `buckets` and for indicators (`vector.namedPositions`,
    /// `nameIDs`, `nameTable`; `vector.names` stays empty). Indices and values are exactly those of
    /// `extract(text:parent:into:names:)`. `previous`: the vector of the extraction just made of
    /// this same text and parent; its normalisation, segmentation, profile and pair similarity are
    /// reused, and a text family with no bucket to name is copied from it instead of hashed again.
    public func extract(text: UnsafeBufferPointer<UInt8>, parent: UnsafeBufferPointer<UInt8>?,
                        into vector: inout FeatureVector, namingBuckets buckets: [UInt32], previous: FeatureVector? = nil) {
        let words = (bucketCount + 63) / 64
        if nameFilter.count != words { nameFilter = [UInt64](repeating: 0, count: words) }
        for b in buckets where Int(b) < bucketCount { nameFilter[Int(b >> 6)] |= 1 << UInt64(b & 63) }
        filtering = true
        if let previous {
            reuseAnalysis = true
            previousVector = previous
            previousStarts = familyStarts
            // Byte n-grams cut inside a character are always named: such text is never copied.
            previousHasNonASCII = post.normalized.contains { $0 >= 0x80 }
        }
        extract(text: text, parent: parent, into: &vector, names: true)
        reuseAnalysis = false
        previousVector = nil
        previousHasNonASCII = nil
        filtering = false
        for b in buckets where Int(b) < bucketCount { nameFilter[Int(b >> 6)] = 0 }
        nameIDs.removeAll(keepingCapacity: true)
    }

    /// Appends text family `family` (0 word, 1 chars, 2 han, 3 skeleton, 4 skelchars) from the previous
    /// extraction when naming and none of its buckets is to be named; false otherwise.
    func copyFamily(_ family: Int, into v: inout FeatureVector) -> Bool {
        guard let p = previousVector else { return false }
        let s = previousStarts
        let range = [s.0..<s.1, s.1..<s.2, s.2..<s.3, s.3..<s.4, s.4..<s.5][family]
        for i in range where wantsName(p.indices[i] & UInt32(bucketCount - 1)) { return false }
        v.indices.append(contentsOf: p.indices[range])
        v.values.append(contentsOf: p.values[range])
        return true
    }

    @inline(__always)
    func wantsName(_ bucket: UInt32) -> Bool {
        nameFilter[Int(bucket >> 6)] & (1 << UInt64(bucket & 63)) != 0
    }

    /// Whether a feature appended to `w` at or after `start` is to be named.
    func wantsName(in w: IndexWriter, from start: Int) -> Bool {
        for i in start..<w.count where wantsName(w.buffer[i]) { return true }
        return false
    }

    /// Whether the text-family feature just appended to `w` gets a name: always when every feature
    /// is named; else when its bucket is wanted, or `always` (a name that can be shared by features
    /// of other buckets: a byte n-gram cut inside a character reads `<i�` whichever bytes follow).
    @inline(__always)
    func nameWanted(_ w: IndexWriter, always: Bool = false) -> Bool {
        !filtering || always || wantsName(w.buffer[w.count - 1])
    }

    /// Records `name` for the text-family feature just appended to `w` (it reaches the vector at
    /// the end of the family).
    func record(_ name: String, _ w: IndexWriter, into v: inout FeatureVector) {
        if filtering { addName(name, at: v.indices.count + w.count - 1, into: &v) } else { v.names.append(name) }
    }

    /// Names the feature at `position` of `v` (filtered naming).
    func addName(_ name: String, at position: Int, into v: inout FeatureVector) {
        // Keyed by the bytes' FNV-1a (String hashing normalises Unicode: slow); a different name
        // under the same key (a 64-bit collision) gets its own entry, unkeyed.
        var key = FeatureHash.offsetBasis
        for b in name.utf8 { key = FeatureHash.step(key, b) }
        let id: Int32
        if let known = nameIDs[key], v.nameTable[Int(known)].utf8.elementsEqual(name.utf8) {
            id = known
        } else {
            id = Int32(v.nameTable.count)
            if nameIDs[key] == nil { nameIDs[key] = id }
            v.nameTable.append(name)
        }
        v.namedPositions.append(position)
        v.nameIDs.append(id)
    }
}
