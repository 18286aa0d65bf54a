import Fluent
import Foundation
import RapportCore

/// A fee change that reprices `sessions` unbilled sessions: the practice's default service gets a
/// new rate from today, applied through ``BillingChanges`` as the Billing and Insurance tab does.
struct RepriceBench {
    let database: any Database
    let passwords: PasswordPolicy

    func run(sessions: Int) async throws -> BenchMeasurement {
        let clients = max(1, sessions / 5)
        let bench = try await BenchPractice.create(clients: clients, on: database, passwords: passwords) {
            client, today in
            let count = client < sessions % clients ? sessions / clients + 1 : sessions / clients
            return (0..<count).compactMap { week in
                LocalTime(hour: 8 + client % 9, minute: 0).map {
                    (LocalDateTime(date: today.adding(days: 1 + week * 7 + client % 5), time: $0), Attendance.scheduled)
                }
            }
        }
        guard let service = bench.practice.defaultServiceID else { throw BenchError("no default service") }
        let change = BillingChangeInput(
            serviceId: service, rate: Money(amount: 16_000, currency: .usd), effectiveFrom: bench.practice.today)
        let (report, seconds) = try await timed {
            try await BillingChanges(database: database, actor: bench.actor).apply(change)
        }
        guard report.sessionsRepriced == sessions else {
            throw BenchError("the change repriced \(report.sessionsRepriced) of \(sessions) sessions")
        }
        return BenchMeasurement(
            workload: "repricing \(sessions) unbilled sessions after a fee change", seconds: seconds,
            detail: "\(report.sessionsRepriced) sessions repriced, difference \(report.difference)")
    }
}
