import Vapor

@testable import RapportApp

extension Application {
    /// How many lookups of the kept-answer cache `cache` found what they looked for, as `/metrics`
    /// counts them.
    func keptFound(_ cache: String) -> Int {
        let text = metrics.exposition(connections: [])
        let line = text.split(separator: "\n").first {
            $0.hasPrefix(#"rapport_kept_answers_total{cache="\#(cache)",found="yes"}"#)
        }
        return Int(line?.split(separator: " ").last ?? "0") ?? 0
    }
}
