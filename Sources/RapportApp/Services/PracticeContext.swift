import Fluent
import Foundation
import RapportCore
import SQLKit

/// A practice's settings as domain values: what every use case needs to price and place sessions.
struct PracticeContext: Sendable {
    let id: UUID
    /// The practice's name, as the pages show it.
    let name: String
    let currency: Currency
    let timeZone: TimeZone
    /// How the practice's people write money, dates and times.
    let format: MoneyFormat
    let defaultServiceID: UUID?
    let attendancePolicy: AttendancePolicy

    init(_ practice: Practice) throws {
        guard let id = practice.id else { throw Self.unreadable }
        try self.init(
            id: id, name: practice.name, currency: practice.currency, timeZone: practice.timeZone,
            locale: practice.locale,
            defaultServiceID: practice.defaultServiceID,
            lateCancel: (practice.lateCancelKind, practice.lateCancelValue),
            noShow: (practice.noShowKind, practice.noShowValue))
    }

    private init(
        id: UUID, name: String, currency code: String, timeZone identifier: String, locale: String,
        defaultServiceID: UUID?,
        lateCancel: (kind: MissedChargeKind, value: Int64?), noShow: (kind: MissedChargeKind, value: Int64?)
    ) throws {
        guard let currency = Currency(code: code), let zone = TimeZone(iana: identifier) else { throw Self.unreadable }
        self.id = id
        self.name = name
        self.currency = currency
        self.timeZone = zone
        self.format = MoneyFormat(identifier: locale) ?? .default(for: currency)
        self.defaultServiceID = defaultServiceID
        self.attendancePolicy = AttendancePolicy(
            lateCancel: try MissedChargeColumns.charge(
                kind: lateCancel.kind, value: lateCancel.value, currency: currency),
            noShow: try MissedChargeColumns.charge(kind: noShow.kind, value: noShow.value, currency: currency))
    }

    private static let unreadable = UseCaseError(
        .internalFailure, code: "internal_error", message: "practice settings are unreadable")

    /// The caller's practice: read with the API token (see ``BearerAuthenticator``), or loaded now.
    static func of(_ actor: Actor, on database: any Database) async throws -> PracticeContext {
        if let practice = actor.practice { return practice }
        return try await load(actor.practiceID, on: database)
    }

    /// The practices columns a context is made of, for queries that read them with something else.
    static let columns = [
        "name", "currency", "time_zone", "locale", "default_service_id", "late_cancel_kind", "late_cancel_value",
        "no_show_kind",
        "no_show_value",
    ]

    /// Loads a practice's settings: one SQLKit read of ``columns``.
    static func load(_ practiceID: UUID, on database: any Database) async throws -> PracticeContext {
        guard
            let row = try await database.sql().select().columns(columns).from(Practice.schema)
                .where("id", .equal, practiceID).first()
        else { throw UseCaseError.notFound("practice") }
        return try PracticeContext(id: practiceID, row: row)
    }

    /// A context from a row holding ``columns``.
    init(id practiceID: UUID, row: any SQLRow) throws {
        try self.init(
            id: practiceID, name: try row.decode(column: "name", as: String.self),
            currency: try row.decode(column: "currency", as: String.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            locale: try row.decode(column: "locale", as: String.self),
            defaultServiceID: try row.decode(column: "default_service_id", as: UUID?.self),
            lateCancel: (
                try MissedChargeKind(stored: row.decode(column: "late_cancel_kind", as: String.self)),
                try row.decode(column: "late_cancel_value", as: Int64?.self)
            ),
            noShow: (
                try MissedChargeKind(stored: row.decode(column: "no_show_kind", as: String.self)),
                try row.decode(column: "no_show_value", as: Int64?.self)
            ))
    }

    func money(_ amount: Int64) -> Money { Money(amount: amount, currency: currency) }

    /// The practice-local calendar date of an instant: the date a session is priced on.
    func date(of instant: Date) -> LocalDate { timeZone.localDate(instant) }

    /// Today in the practice's time zone.
    var today: LocalDate { date(of: Date()) }
}

/// How a ``MissedSessionCharge`` is stored in two columns.
enum MissedChargeColumns {
    /// The charge two columns hold. A percent or fixed charge without its value (or a percent
    /// outside 0–100) is an ``UnreadableStoredValue``: guessing one would change what sessions bill.
    static func charge(kind: MissedChargeKind, value: Int64?, currency: Currency) throws -> MissedSessionCharge {
        switch (kind, value) {
        case (.percent, let percent?) where (0...100).contains(percent): return .percent(Int(percent))
        case (.fixed, let amount?): return .fixed(Money(amount: amount, currency: currency))
        case (.notBilled, _): return .notBilled
        case (.percent, _), (.fixed, _):
            throw UnreadableStoredValue(
                column: "\(kind.rawValue) charge value", value: value.map(String.init) ?? "null")
        }
    }

    static func columns(_ charge: MissedSessionCharge) -> (kind: MissedChargeKind, value: Int64?) {
        switch charge {
        case .percent(let percent): (.percent, Int64(percent))
        case .fixed(let amount): (.fixed, amount.amount)
        case .notBilled: (.notBilled, nil)
        }
    }
}
