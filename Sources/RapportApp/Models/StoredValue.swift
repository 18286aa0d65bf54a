import RapportCore

/// A stored value that does not read as its type: reported (logged, and the request answered with
/// the error), never replaced by a default or left out of a sum.
struct UnreadableStoredValue: Error, CustomStringConvertible {
    let column: String
    let value: String
    var description: String { "the stored \(column) '\(value)' is not one Rapport knows; repair the row" }
}

extension Role {
    /// The role a row holds.
    init(stored text: String) throws {
        guard let value = Role(rawValue: text) else { throw UnreadableStoredValue(column: "role", value: text) }
        self = value
    }
}

extension ServiceSource {
    init(stored text: String) throws {
        guard let value = ServiceSource(rawValue: text) else {
            throw UnreadableStoredValue(column: "service_source", value: text)
        }
        self = value
    }
}

extension FeeSource {
    init(stored text: String) throws {
        guard let value = FeeSource(rawValue: text) else { throw UnreadableStoredValue(column: "fee_source", value: text) }
        self = value
    }
}

extension InvoiceMode {
    init(stored text: String) throws {
        guard let value = InvoiceMode(rawValue: text) else {
            throw UnreadableStoredValue(column: "invoice_mode", value: text)
        }
        self = value
    }
}

extension Attendance {
    /// The attendance a row holds.
    init(stored text: String) throws {
        guard let value = Attendance(rawValue: text) else {
            throw UnreadableStoredValue(column: "attendance", value: text)
        }
        self = value
    }
}
