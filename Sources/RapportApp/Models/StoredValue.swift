import Foundation
import RapportCore
import SQLKit

/// A stored value that does not read as its type: reported (logged, and the request answered with
/// the error), never replaced by a default or left out of a sum.
struct UnreadableStoredValue: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "the stored \(column) '\(value)' is not one Rapport knows; repair the row" }
}

/// One of Core's enums as a text column holds it.
protocol StoredText: RawRepresentable where RawValue == String {
    /// The column, for the error that names a row that does not read.
    static var column: String { get }
}

extension StoredText {
    /// The value a row holds; one that does not parse is an ``UnreadableStoredValue``.
    init(stored text: String) throws {
        guard let value = Self(rawValue: text) else { throw UnreadableStoredValue(column: Self.column, value: text) }
        self = value
    }
}

extension Attendance: StoredText { static var column: String { "attendance" } }
extension Role: StoredText { static var column: String { "role" } }
extension ServiceSource: StoredText { static var column: String { "service_source" } }
extension FeeSource: StoredText { static var column: String { "fee_source" } }
extension InvoiceMode: StoredText { static var column: String { "invoice_mode" } }
extension InvoiceOrigin: StoredText { static var column: String { "origin" } }

/// How a practice's late-cancel or no-show charge is stored: its kind, beside a value column.
enum MissedChargeKind: String, Codable, Sendable, StoredText {
    /// Value: the percentage of the fee, 0–100.
    case percent
    /// Value: the amount in minor units.
    case fixed
    case notBilled
    static var column: String { "missed-charge kind" }
}

/// A pricing rule row effective from a date: a service rate, a client's fee, a client's default
/// service. The column is read as a ``LocalDate``, so a stored date that does not parse fails the
/// read of the row (logged, and the request answered with the error): it is never left out of a
/// price.
protocol EffectiveDatedRow {
    var effectiveFrom: LocalDate { get }
}

extension EffectiveDatedRow {
    /// The date as shown: `nil` for a rule that has applied from the beginning (`0001-01-01`).
    var shownEffectiveFrom: LocalDate? { effectiveFrom == .distantPast ? nil : effectiveFrom }
}

extension Collection where Element: EffectiveDatedRow {
    /// The rows as a Core history of `value`, so "the value in force on a day" is asked of
    /// ``EffectiveHistory`` and never worked out again by comparing stored text.
    func history<Value>(_ value: (Element) -> Value) -> EffectiveHistory<Value> {
        EffectiveHistory(map { .init(effectiveFrom: $0.effectiveFrom, value: value($0)) })
    }
}

extension ServiceRate: EffectiveDatedRow {}
extension ClientFee: EffectiveDatedRow {}
extension ClientDefaultService: EffectiveDatedRow {}

extension LocalDate {
    /// A date a query read as text; one that does not parse is an ``UnreadableStoredValue``.
    init(stored text: String, column: String) throws {
        guard let date = LocalDate(text) else { throw UnreadableStoredValue(column: column, value: text) }
        self = date
    }
}

extension LocalDateTime {
    /// A wall-clock time a query read as text; one that does not parse is an ``UnreadableStoredValue``.
    init(stored text: String, column: String) throws {
        guard let time = LocalDateTime(text) else { throw UnreadableStoredValue(column: column, value: text) }
        self = time
    }
}

extension SQLRow {
    /// The column's text as `parse` reads it; text that does not read is an ``UnreadableStoredValue``
    /// naming `table.column`.
    func parse<Value>(_ column: String, of table: String, _ parse: (String) -> Value?) throws -> Value {
        try SQLRowReader(row: self).parse(column, of: table, parse)
    }

    /// ``parse(_:of:_:)`` for a column that may be null.
    func parseIfPresent<Value>(_ column: String, of table: String, _ parse: (String) -> Value?) throws -> Value? {
        try SQLRowReader(row: self).parseIfPresent(column, of: table, parse)
    }

    /// The postal address kept in a row's five `address_…` columns (all set, or none).
    func address(of table: String) throws -> PostalAddress? { try SQLRowReader(row: self).address(of: table) }
}

extension RowReading {
    /// The postal address kept in a row's five `address_…` columns (all set, or none).
    func address(of table: String) throws -> PostalAddress? {
        guard let line1 = try read("address_line1", as: String?.self),
            let city = try read("address_city", as: String?.self),
            let state = try read("address_state", as: String?.self),
            let zip = try parseIfPresent("address_zip", of: table, { ZIPCode($0) })
        else { return nil }
        return PostalAddress(
            line1: line1, line2: try read("address_line2", as: String?.self), city: city, state: state, zip: zip)
    }
}

extension PostalAddress {
    /// The five columns a row keeps an address in, as ``SQLRow/address(of:)`` reads them.
    static let storedColumns = ["address_line1", "address_line2", "address_city", "address_state", "address_zip"]
}
