import Testing
@testable import Classifier

@Suite struct CalibrationTests {
    static let grid = stride(from: -30.0, through: 30.0, by: 0.25).map { $0 }

    @Test(arguments: [Calibration.identity, .platt(a: 0.7, b: -1.2), .platt(a: 2, b: 0.5),
                      .isotonic(x: [-3, -1, 0, 2], y: [0.01, 0.2, 0.2, 0.97]), .isotonic(x: [1], y: [0.4])])
    func probabilitiesAreMonotoneAndInUnitInterval(c: Calibration) {
        #expect(c.problem == nil)
        var previous = -1.0
        for z in Self.grid {
            let p = c.probability(raw: z)
            #expect(p >= 0 && p <= 1, "z=\(z) p=\(p)")
            #expect(p >= previous, "not monotone at z=\(z)")
            previous = p
        }
    }

    @Test func identityIsTheLogistic() {
        #expect(Calibration.identity.probability(raw: 0) == 0.5)
        #expect(abs(Calibration.identity.probability(raw: 2) - 0.8807970779778823) < 1e-12)
        #expect(Calibration.identity.probability(raw: .infinity) == 1)
        #expect(Calibration.identity.probability(raw: -.infinity) == 0)
    }

    @Test func plattShiftsAndScales() {
        let c = Calibration.platt(a: 2, b: -1)
        #expect(c.probability(raw: 0.5) == 0.5)
        #expect(abs(c.probability(raw: 1) - Calibration.identity.probability(raw: 1)) < 1e-12)
    }

    @Test func isotonicInterpolatesAndClamps() {
        let c = Calibration.isotonic(x: [-1, 1, 3], y: [0.1, 0.5, 0.9])
        #expect(c.probability(raw: -100) == 0.1)
        #expect(c.probability(raw: -1) == 0.1)
        #expect(abs(c.probability(raw: 0) - 0.3) < 1e-12)
        #expect(abs(c.probability(raw: 2) - 0.7) < 1e-12)
        #expect(c.probability(raw: 100) == 0.9)
    }

    @Test(arguments: [
        (Calibration.platt(a: .nan, b: 0), "not finite"),
        (.isotonic(x: [], y: []), "equal"),
        (.isotonic(x: [0, 1], y: [0.5]), "equal"),
        (.isotonic(x: [1, 0], y: [0.1, 0.2]), "not ascending"),
        (.isotonic(x: [0, 1], y: [0.5, 0.2]), "not ascending"),
        (.isotonic(x: [0, 1], y: [0.5, 1.5]), "outside 0...1"),
    ])
    func invalidCalibrationsAreNamed(c: Calibration, fragment: String) {
        #expect(c.problem?.contains(fragment) == true, "\(c): \(c.problem ?? "nil")")
    }
}
