import Fluent
import Foundation
import RapportCore
import SQLKit

extension GoodFaithEstimates {
    /// Each provider of the estimate with what the client has been charged for their services in
    /// the period so far: sessions invoiced (at what the invoice says) and sessions held and not
    /// yet invoiced (at what they will bill) — so the line is seen before the invoice goes out.
    func charges(
        of estimate: GoodFaithEstimate, clientID: UUID, practice: PracticeContext, on db: any Database
    ) async throws -> [GoodFaithEstimateDetails.ProviderCharges] {
        let now = Date()
        let end = min(estimate.periodEnd, practice.today)
        guard estimate.periodStart <= end else {
            return estimate.providers.map {
                .init(provider: $0.name, estimated: $0.total, charged: .zero($0.total.currency), disputable: false)
            }
        }
        let sessions = try await SessionRecord.selectWithBilledAmount(practiceID: practice.id, on: try db.sql())
            .where("client_id", .equal, clientID)
            .where("starts_at", .greaterThanOrEqual, practice.timeZone.startOfDay(estimate.periodStart))
            .where("starts_at", .lessThan, min(now, practice.timeZone.startOfDay(end.adding(days: 1))))
            .where("attendance", .notEqual, Attendance.cancelled.rawValue)
            .where("claim_id", .is, SQLLiteral.null).rows(SessionRecord.self, on: db)
        let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: [clientID], on: db)
        var charged: [UUID: Int64] = [:]
        for session in sessions where session.invoiceID != nil || coverage.route(session, practice: practice).plan == nil {
            // Invoiced: what its line says; held and not yet invoiced: what it will bill.
            let amount =
                session.billedAmount
                ?? practice.attendancePolicy.charge(for: session.attendance, fee: practice.money(session.feeAmount))?.amount
                ?? 0
            charged[session.clinicianID, default: 0] += amount
        }
        return estimate.providers.map { provider in
            let amount = provider.id.flatMap(UUID.init(uuidString:)).flatMap { charged[$0] } ?? 0
            let total = practice.money(amount)
            return .init(
                provider: provider.name, estimated: provider.total, charged: total,
                disputable: GoodFaithEstimateRules.exceedsEstimate(billed: total, estimated: provider.total))
        }
    }

    /// What the client's page says of their current estimate: that it no longer matches, and each
    /// provider whose charges pass it by $400 or more. Empty for a client with no estimate.
    func warnings(_ clientID: UUID) async throws -> [String] {
        guard
            let row = try await GoodFaithEstimateRow.query(on: database).filter(\.$practiceID == actor.practiceID)
                .filter(\.$clientID == clientID).filter(\.$current == true).first()
        else { return [] }
        let current = try await details(
            row, client: try await Lookup(database: database, actor: actor).client(clientID),
            practice: try await PracticeContext.of(actor, on: database), on: database)
        var warnings: [String] = []
        if !current.changes.isEmpty {
            warnings.append(
                "The Good Faith Estimate no longer matches: " + current.changes.joined(separator: "; ")
                    + (current.revisionDue.map { ". A new one is due by \($0)" } ?? "") + ".")
        }
        for charges in current.charges where charges.disputable {
            warnings.append(Self.overWords(charges))
        }
        return warnings
    }

    static func overWords(_ charges: GoodFaithEstimateDetails.ProviderCharges) -> String {
        "Charges for \(charges.provider) are \(charges.charged.shown), \(Money(amount: charges.charged.amount - charges.estimated.amount, currency: charges.charged.currency).shown) more than the Good Faith Estimate's \(charges.estimated.shown): the client may dispute the bill within 120 days of it."
    }
}
