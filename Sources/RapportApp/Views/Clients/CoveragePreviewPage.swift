import Foundation
import RapportCore

/// What a policy change will do, with Confirm: the unbilled sessions that will bill someone else
/// (or another share), past and upcoming apart, and the invoices and claims that will then differ.
struct CoveragePreviewPage {
    struct Group {
        let count: Int
        let before: String
        let after: String
        let upcoming: Bool
    }

    let subject: String
    let groups: [Group]
    let invoices: [String]
    let claims: [String]
    let nothing: String
    let applyURL: String
    let cancelURL: String
    let carried: [String: String]
    let context: PageContext

    init(
        report: CoverageChangeReport, subject: String,
        nothing: String = "No unbilled session changes who it bills.", applyURL: String, cancelURL: String,
        carried: [String: String], context: PageContext, now: Date = Date()
    ) {
        var groups: [String: Group] = [:]
        for session in report.rerouted {
            let (before, after) = (Self.describe(session.before), Self.describe(session.after))
            let key = "\(session.start > now)|\(before)|\(after)"
            groups[key] = Group(
                count: (groups[key]?.count ?? 0) + 1, before: before, after: after, upcoming: session.start > now)
        }
        self.groups = groups.values.sorted { ($0.upcoming ? 1 : 0, $0.before) < ($1.upcoming ? 1 : 0, $1.before) }
        let format = DisplayFormat()
        invoices = report.billedDiffering.map {
            "Invoice #\($0.invoiceNumber): the session of \(format.date($0.dateOfService)) "
                + SourceText.difference($0, subject: "the client's rules")
        }
        claims = report.claimedDiffering.map {
            "Claim #\($0.claimNumber): the session of \(format.date($0.dateOfService)) " + SourceText.difference($0)
        }
        (self.subject, self.nothing, self.applyURL, self.cancelURL, self.carried, self.context) = (
            subject, nothing, applyURL, cancelURL, carried, context
        )
    }

    /// Who a session bills, with what the payer allows (a rate change moves only that).
    private static func describe(_ billing: SessionBilling) -> String {
        let text = SourceText.billing(billing)
        guard billing.to == "insurance", let allowed = billing.allowed else { return text }
        return text + " · allows \(allowed.shown)"
    }

    func render() -> String {
        let lines =
            groups.map { group in
                "\(group.count) \(group.upcoming ? "upcoming" : "past unbilled") session\(group.count == 1 ? "" : "s") will change from “\(group.before)” to “\(group.after)”."
            } + (invoices + claims).map { $0 + "." }
        return ChangePreview.render(
            subject: subject, lines: lines, nothing: nothing, applyURL: applyURL,
            cancelURL: cancelURL, carried: carried, context: context)
    }
}
