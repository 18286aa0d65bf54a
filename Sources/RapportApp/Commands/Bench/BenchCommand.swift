import Fluent
import Foundation
import RapportCore
import Vapor

/// `rapport bench invoice-run|claims|reprice|explain`: the measurements `scripts/bench` takes inside
/// the process, each printed as one JSON line. `invoice-run`, `claims` and `reprice` need an empty
/// database of their own; `explain` reads the large practice `rapport demo --size large` made and
/// times each query it explains.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "workload", help: "invoice-run, claims, reprice or explain")
        var workload: String

        @Option(name: "clients", help: "invoice-run and claims: clients to bill (default 2000)")
        var clients: Int?

        @Option(
            name: "sessions",
            help: "invoice-run: sessions per client (default 8); claims: per client (default 4); reprice: sessions (default 10000)")
        var sessions: Int?
    }

    var help: String {
        "Timings for scripts/bench (invoice run and claim run beside their insert floors, the 837, the 835's preview and posting, repricing, query plans)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateInTurn()
        let clients = max(1, min(100_000, signature.clients ?? 2000))
        switch signature.workload {
        case "invoice-run":
            let measured = try await InvoiceRunBench(
                database: app.db, logger: app.logger, passwords: app.passwords
            ).run(clients: clients, sessionsPerClient: max(1, min(100, signature.sessions ?? 8)))
            try print(measured)
        case "claims":
            for measured in try await ClaimsBench(database: app.db, logger: app.logger, passwords: app.passwords).run(
                clients: clients, sessionsPerClient: max(1, min(50, signature.sessions ?? 4)))
            {
                try print(measured)
            }
        case "reprice":
            let measured = try await RepriceBench(database: app.db, passwords: app.passwords).run(
                sessions: max(1, min(1_000_000, signature.sessions ?? 10_000)))
            try print(measured)
        case "explain":
            for plan in try await QueryPlans(database: app.db).explain() { try print(plan) }
        default:
            context.console.error("Unknown workload '\(signature.workload)'. Try invoice-run, claims, reprice or explain.")
            throw BenchError("usage: rapport bench invoice-run|claims|reprice|explain [--clients N] [--sessions N]")
        }
    }

    private func print(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        Swift.print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// One in-process measurement, as `scripts/bench` reads it.
struct BenchMeasurement: Encodable {
    let workload: String
    let seconds: Double
    /// The same rows written the cheapest way, where the workload has such a floor.
    var floorSeconds: Double?
    /// What was done, for the reader to check (invoices made, sessions repriced, rows).
    let detail: String
}

/// `work`'s result and the seconds it took.
func timed<T>(_ work: () async throws -> T) async rethrows -> (T, Double) {
    let start = ContinuousClock.now
    let result = try await work()
    let elapsed = ContinuousClock.now - start
    return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}
