import Foundation
import RapportCore

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

/// A pricing rule row effective from a stored `yyyy-MM-dd`: a service rate, a client's fee, a
/// client's default service.
protocol EffectiveDatedRow {
    var id: UUID? { get }
    var effectiveFrom: String { get }
    /// What the row is, for the error that names a row that does not read.
    static var ruleName: String { get }
}

extension EffectiveDatedRow {
    /// The date the rule applies from. One that does not parse is an ``UnreadableRule``, never a
    /// row quietly left out: leaving it out would change a price with no word.
    func effectiveDay() throws -> LocalDate {
        guard let date = LocalDate(effectiveFrom) else {
            throw UnreadableRule(what: Self.ruleName, id: id, stored: effectiveFrom)
        }
        return date
    }

    /// The date as shown: `nil` for a rule that has applied from the beginning (`0001-01-01`).
    func shownEffectiveDay() throws -> LocalDate? {
        let date = try effectiveDay()
        return date == .distantPast ? nil : date
    }
}

extension Collection where Element: EffectiveDatedRow {
    /// The rows as a Core history of `value`, so "the value in force on a day" is asked of
    /// ``EffectiveHistory`` and never worked out again by comparing stored text.
    func history<Value>(_ value: (Element) -> Value) throws -> EffectiveHistory<Value> {
        EffectiveHistory(try map { .init(effectiveFrom: try $0.effectiveDay(), value: value($0)) })
    }
}

struct UnreadableRule: Error, CustomStringConvertible {
    let what: String
    let id: UUID?
    let stored: String
    var description: String {
        "\(what) \(id?.uuidString ?? "?") has an effective date '\(stored)' that is not a date; prices that depend on it are not computed until it is repaired"
    }
}

extension ServiceRate: EffectiveDatedRow { static var ruleName: String { "service rate" } }
extension ClientFee: EffectiveDatedRow { static var ruleName: String { "client fee" } }
extension ClientDefaultService: EffectiveDatedRow { static var ruleName: String { "client default service" } }
