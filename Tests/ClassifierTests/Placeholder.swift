import Testing
@Test func placeholderClassifierTests() { #expect(Bool(true)) }
