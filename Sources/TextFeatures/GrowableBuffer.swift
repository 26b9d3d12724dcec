/// A growable buffer that a feature family fills element by element without `Array.append`'s
/// uniqueness check per element: the skeleton family's token hashes (`GrowableBuffer<UInt64>`) and
/// the skeleton written as text for `skelchars` (`GrowableBuffer<UInt8>`). Owned and freed by its
/// `FeatureExtractor`; reused from post to post.
struct GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    /// Appends one element, growing the buffer when it is full.
    @inline(__always)
    mutating func append(_ e: Element) {
        if count == capacity { grow(count + 1) }
        base[count] = e
        count &+= 1
    }

    /// Makes room for `extra` more elements, for the `appendReserved` calls that follow.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    /// Appends one element into room made by `reserve`.
    @inline(__always)
    mutating func appendReserved(_ e: Element) {
        base[count] = e
        count &+= 1
    }

    /// Appends `elements` into room made by `reserve`, one by one: they are short (function
    /// words), where a memcpy call costs more.
    @inline(__always)
    mutating func appendReserved(_ elements: UnsafeBufferPointer<Element>) {
        var i = count
        for e in elements { base[i] = e; i &+= 1 }
        count = i
    }

    /// The last element appended (the buffer must not be empty).
    @inline(__always)
    var last: Element { base[count - 1] }

    @inline(__always)
    subscript(i: Int) -> Element { base[i] }

    /// The elements written so far.
    var elements: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }

    private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
