import Fluent
import Foundation
import RapportCore

/// A sent claim no remittance has answered within the practice's follow-up days.
struct ClaimFollowUp: Codable, Sendable {
    let claimId: UUID
    let number: Int
    let clientId: UUID
    let clientName: String
    let payerId: UUID
    let payerName: String
    let total: Money
    let submittedOn: LocalDate
    /// Days since it was sent.
    let daysWaiting: Int
}

extension Claims {
    /// Claims sent more than the practice's follow-up days ago and still awaiting payment, oldest
    /// first (a clinician's own clients' only).
    func followUp() async throws -> (days: Int, claims: [ClaimFollowUp]) {
        guard let practice = try await Practice.find(actor.practiceID, on: database) else {
            throw UseCaseError.notFound("practice")
        }
        let context = try PracticeContext(practice)
        let days = practice.claimFollowUpDays
        let cutoff = context.timeZone.startOfDay(context.today.adding(days: -days))
        let visible = try await Lookup(database: database, actor: actor).visibleClientIDs()
        if visible?.isEmpty == true { return (days, []) }
        let rows = try await ClaimRow.read(on: database) { select in
            let due = select.where("practice_id", .equal, actor.practiceID)
                .where("status", .equal, ClaimStatus.submitted.rawValue).where("submitted_at", .lessThan, cutoff)
            return (visible.map { due.where("client_id", .in, $0) } ?? due).orderBy("submitted_at")
        }
        let patients = try await ClaimPatient.read(Array(Set(rows.map(\.clientID))), on: database)
        let payers = Dictionary(
            uniqueKeysWithValues: try await Payer.query(on: database).filter(\.$practiceID == actor.practiceID).all()
                .map { (try $0.requireID(), $0.name) })
        let claims = try rows.map { row in
            let sent = context.date(of: row.submittedAt ?? row.createdAt ?? Date())
            let person = patients[row.clientID]?.person
            return ClaimFollowUp(
                claimId: try row.requireID(), number: row.number, clientId: row.clientID,
                clientName: person.map { "\($0.first) \($0.last)" } ?? "", payerId: row.payerID,
                payerName: payers[row.payerID] ?? "", total: context.money(row.total), submittedOn: sent,
                daysWaiting: sent.days(until: context.today))
        }
        return (days, claims)
    }
}
