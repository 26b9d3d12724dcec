import ArgumentParser

/// The `telltale` command: flags posts that carry the tells of a state-linked influence operation.
@main
struct Telltale: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telltale",
        abstract: "Score social-media posts for three tells of influence operations: non_idiomatic, mixed_zh_en, off_topic.",
        subcommands: [FeaturesCommand.self]
    )
}
