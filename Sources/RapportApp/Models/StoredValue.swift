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
