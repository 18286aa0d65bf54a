/// How an invoice came to be: by hand, by an automatic run, as the re-issue of a deleted one, or
/// as the balance a client owed when the practice moved to Rapport (no sessions: an amount
/// brought forward).
public enum InvoiceOrigin: String, Sendable, Codable, CaseIterable {
    case manual, daily, monthly, reissue, openingBalance

    /// The origin of an invoice an automatic run (or a manual "bill now") makes in `mode`.
    public init(_ mode: InvoiceMode) {
        switch mode {
        case .manual: self = .manual
        case .daily: self = .daily
        case .monthly: self = .monthly
        }
    }
}

/// Where an invoice stands: open while anything is owed, paid once payments cover its total,
/// deleted once removed (it keeps its number and history).
public enum InvoiceStatus: String, Sendable, Codable, CaseIterable {
    case open, paid, deleted

    public init(isDeleted: Bool, total: Int64, paid: Int64) {
        self = isDeleted ? .deleted : paid >= total ? .paid : .open
    }
}
