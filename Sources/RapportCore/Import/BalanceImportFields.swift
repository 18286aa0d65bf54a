import Foundation

/// The columns a list of opening balances may have — what each client owed (or had in credit)
/// when the practice left its previous product — and the names other products give them.
public enum BalanceImportField: String, ImportField {
    /// The client's external id (as the client list gave it), or the client's name.
    case externalID, client, balance, asOf

    /// The names (in ``ImportColumns/key(_:)`` form) that mean this column.
    public static let names: [BalanceImportField: [String]] = [
        .externalID: [
            "externalid", "clientid", "clientexternalid", "patientid", "clientnumber", "accountnumber", "chartnumber",
            "id", "mrn",
        ],
        .client: ["client", "clientname", "name", "patient", "patientname", "fullname"],
        .balance: [
            "balance", "openingbalance", "amount", "amountdue", "balancedue", "outstanding", "outstandingbalance",
            "clientbalance", "accountbalance", "currentbalance", "totalbalance", "owed", "amountowed",
        ],
        .asOf: ["asof", "asofdate", "date", "balancedate", "balanceasof", "statementdate", "lastupdated"],
    ]

    public var title: String {
        switch self {
        case .externalID: "external_id"
        case .client: "client"
        case .balance: "balance"
        case .asOf: "as_of"
        }
    }

    /// A balance as accounting exports write one, split into its sign and its amount for the
    /// practice's money parser: `-40.00`, `(40.00)`, `40.00-` and `40.00 CR` are credits (the
    /// practice owes the client); nil when the text has two signs, as `-(40.00)` does.
    public static func signed(_ text: String) -> (credit: Bool, amount: String)? {
        var amount = text.trimmingCharacters(in: .whitespaces)
        var signs = 0
        if amount.hasPrefix("("), amount.hasSuffix(")") {
            amount = String(amount.dropFirst().dropLast())
            signs += 1
        }
        if amount.uppercased().hasSuffix("CR") {
            amount = String(amount.dropLast(2))
            signs += 1
        }
        amount = amount.trimmingCharacters(in: .whitespaces)
        if amount.hasPrefix("-") {
            amount.removeFirst()
            signs += 1
        } else if amount.hasSuffix("-") {
            amount.removeLast()
            signs += 1
        }
        guard signs <= 1, !amount.isEmpty, !amount.hasPrefix("-"), !amount.hasPrefix("(") else { return nil }
        return (signs == 1, amount.trimmingCharacters(in: .whitespaces))
    }
}
