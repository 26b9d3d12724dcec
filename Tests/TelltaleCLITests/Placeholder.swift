import Testing
@Test func placeholderTelltaleCLITests() { #expect(Bool(true)) }
