import Testing
@Test func placeholderTrainTests() { #expect(Bool(true)) }
