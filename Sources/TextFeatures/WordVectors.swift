/// Small static word vectors for `ContentWords` stems, so pair features (version 4) can tell
/// whether a reply is about what its parent asks even when the two share no word (`gym` /
/// `workout`, `visa` / `sponsor`). Distilled once from the sentence encoder all-MiniLM-L6-v2 by
/// `scripts/gen-word-vectors.py` (a text's vector is the sum of its words' vectors, fitted to the
/// encoder's embedding of the text); the table (`WordVectors+Table.swift`) is read in place from
/// the binary's read-only data: nothing is parsed or allocated at run time.
public enum WordVectors {
    /// The stems' content hashes (`ContentWords.seed`) in a `Base64Slots` table, under two thirds
    /// full; a slot's value is the stem's row. A row is its scale code (2 base-64 digits, 12 bits)
    /// and `dimensions` components, each one character `'P' + c` for c in -31 ... 31; 8 rows a
    /// line. A component's value is c × the row's decoded scale (the common factor 1/31 is left
    /// out: only directions matter). Words are weighted by rarity already (the vectors carry their
    /// idf).
    struct Index: @unchecked Sendable {
        let slots: Base64Slots
        // A pointer to the constant bytes of a string literal: immutable, valid for the whole run.
        let rows: UnsafePointer<UInt8>

        static let rowLength = 2 + WordVectors.dimensions
        static let rowsPerLine = 8

        /// The row of the stem with content hash `h` (nil: not in the table).
        @inline(__always)
        func row(_ h: UInt64) -> Int? { slots.value(h) }

        /// Where row `r` starts.
        @inline(__always)
        func rowStart(_ r: Int) -> UnsafePointer<UInt8> {
            rows + (r / Index.rowsPerLine) * (Index.rowsPerLine * Index.rowLength + 1) + (r % Index.rowsPerLine) * Index.rowLength
        }

        /// The decoded scale of row `r`.
        @inline(__always)
        func scale(_ r: Int) -> Float {
            WordVectors.scales[Int(truncatingIfNeeded: Base64Slots.digits(rowStart(r), 2))]
        }
    }

    static let index = Index(slots: Base64Slots(text: slotText.utf8Start, mask: slotCount - 1), rows: rowText.utf8Start)
    /// Every scale code's decoded value (4,096 of them), computed once.
    static let scales: [Float] = (0..<4096).map { code in
        expf(scaleLow + Float(code) / 4095 * (scaleHigh - scaleLow))
    }

    /// The sum of the vectors of a text's words: eight SIMD16 lanes (128 dimensions), on the stack.
    struct Sum {
        var a = SIMD16<Float>(), b = SIMD16<Float>(), c = SIMD16<Float>(), d = SIMD16<Float>()
        var e = SIMD16<Float>(), f = SIMD16<Float>(), g = SIMD16<Float>(), h = SIMD16<Float>()

        /// Adds the vector of the stem with content hash `key` (nothing when it is not in the table).
        @inline(__always)
        mutating func add(_ key: UInt64) {
            guard let r = WordVectors.index.row(key) else { return }
            let s = WordVectors.index.scale(r)
            let p = UnsafeRawPointer(WordVectors.index.rowStart(r) + 2)
            a += Sum.components(p, 0) * s
            b += Sum.components(p, 16) * s
            c += Sum.components(p, 32) * s
            d += Sum.components(p, 48) * s
            e += Sum.components(p, 64) * s
            f += Sum.components(p, 80) * s
            g += Sum.components(p, 96) * s
            h += Sum.components(p, 112) * s
        }

        @inline(__always)
        static func components(_ p: UnsafeRawPointer, _ at: Int) -> SIMD16<Float> {
            let bytes = p.loadUnaligned(fromByteOffset: at, as: SIMD16<UInt8>.self)
            return SIMD16<Float>(SIMD16<Int32>(truncatingIfNeeded: bytes) &- 0x50)
        }

        func dot(_ o: Sum) -> Float {
            (a * o.a + b * o.b + c * o.c + d * o.d + e * o.e + f * o.f + g * o.g + h * o.h).sum()
        }

        /// `self + k × o`.
        @inline(__always)
        func adding(_ o: Sum, times k: Float) -> Sum {
            var r = self
            r.a += o.a * k; r.b += o.b * k; r.c += o.c * k; r.d += o.d * k
            r.e += o.e * k; r.f += o.f * k; r.g += o.g * k; r.h += o.h * k
            return r
        }

        /// A sum holding `values` (128 of them).
        init(_ values: [Float]) {
            func lane(_ i: Int) -> SIMD16<Float> { SIMD16(values[(16 * i)..<(16 * i + 16)]) }
            (a, b, c, d, e, f, g, h) = (lane(0), lane(1), lane(2), lane(3), lane(4), lane(5), lane(6), lane(7))
        }

        init() {}

        /// The text's direction with what every text shares taken out: unit length, minus the
        /// training texts' mean, minus its parts along their top principal directions.
        func specific() -> Sum {
            var v = adding(self, times: 1 / dot(self).squareRoot() - 1).adding(WordVectors.mean, times: -1)
            for d in WordVectors.directions { v = v.adding(d, times: -v.dot(d)) }
            return v
        }
    }

    static let mean = Sum(textMean)
    static let directions = textDirections.map(Sum.init)

    /// How close in meaning two texts are, from their content words (`ContentWords` hashes,
    /// repeats counted): the cosine of their summed vectors once what every text shares is taken
    /// out (`Sum.specific`), -1 ... 1; nil when either side has no word in the table (its sum is 0).
    public static func cosine(_ x: [UInt64], _ y: [UInt64]) -> Float? {
        var sx = Sum(), sy = Sum()
        for h in x { sx.add(h) }
        guard sx.dot(sx) > 0 else { return nil }
        for h in y { sy.add(h) }
        guard sy.dot(sy) > 0 else { return nil }
        let px = sx.specific(), py = sy.specific()
        let nx = px.dot(px), ny = py.dot(py)
        guard nx > 0, ny > 0 else { return nil }
        return max(-1, min(1, px.dot(py) / (nx * ny).squareRoot()))
    }

    /// Whether the stem `word` (lower case, as `ContentWords` stems it) has a vector.
    public static func contains(stem word: String) -> Bool {
        index.row(FeatureHash.hash(word, seed: ContentWords.seed)) != nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
