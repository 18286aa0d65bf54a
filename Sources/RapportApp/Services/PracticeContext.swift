import Fluent
import Foundation
import RapportCore

/// A practice's settings as domain values: what every use case needs to price and place sessions.
struct PracticeContext: Sendable {
    let id: UUID
    let currency: Currency
    let timeZone: TimeZone
    let defaultServiceID: UUID?
    let attendancePolicy: AttendancePolicy

    init(_ practice: Practice) throws {
        guard let id = practice.id, let currency = Currency(code: practice.currency),
            let zone = TimeZone(iana: practice.timeZone)
        else {
            throw APIError(.internalServerError, code: "internal_error", message: "practice settings are unreadable")
        }
        self.id = id
        self.currency = currency
        self.timeZone = zone
        self.defaultServiceID = practice.defaultServiceID
        self.attendancePolicy = AttendancePolicy(
            lateCancel: MissedChargeColumns.charge(
                kind: practice.lateCancelKind, value: practice.lateCancelValue, currency: currency),
            noShow: MissedChargeColumns.charge(
                kind: practice.noShowKind, value: practice.noShowValue, currency: currency))
    }

    /// Loads the caller's practice.
    static func load(_ practiceID: UUID, on database: any Database) async throws -> PracticeContext {
        guard let practice = try await Practice.find(practiceID, on: database) else {
            throw APIError.notFound("practice")
        }
        return try PracticeContext(practice)
    }

    func money(_ amount: Int64) -> Money { Money(amount: amount, currency: currency) }

    /// The practice-local calendar date of an instant: the date a session is priced on.
    func date(of instant: Date) -> LocalDate { timeZone.localDate(instant) }

    /// Today in the practice's time zone.
    var today: LocalDate { date(of: Date()) }
}

/// How a ``MissedSessionCharge`` is stored in two columns.
enum MissedChargeColumns {
    static func charge(kind: String, value: Int64?, currency: Currency) -> MissedSessionCharge {
        switch kind {
        case "percent": .percent(Int(value ?? 0))
        case "fixed": .fixed(Money(amount: value ?? 0, currency: currency))
        default: .notBilled
        }
    }

    static func columns(_ charge: MissedSessionCharge) -> (kind: String, value: Int64?) {
        switch charge {
        case .percent(let percent): ("percent", Int64(percent))
        case .fixed(let amount): ("fixed", amount.amount)
        case .notBilled: ("notBilled", nil)
        }
    }
}
