import Fluent
import Foundation
import RapportCore

/// A pricing rule change, checked and ready to write.
enum RuleChange {
    case client(
        clientID: UUID, defaultService: Patch<UUID>?, fees: [(serviceID: UUID, amount: Int64?)], from: LocalDate)
    case serviceRate(serviceID: UUID, amount: Int64, from: LocalDate)

    /// The sessions it can reprice: one client's, or everyone's for a service rate.
    var clientIDs: [UUID]? {
        if case .client(let id, _, _, _) = self { return [id] }
        return nil
    }

    var from: LocalDate {
        switch self {
        case .client(_, _, _, let from), .serviceRate(_, _, let from): from
        }
    }
}

/// A rule row as it was written or removed, so a change can be undone exactly.
struct RuleRow: Codable, Sendable {
    enum Table: String, Codable { case clientFee, clientDefaultService, serviceRate }

    let table: Table
    let id: UUID
    let clientID: UUID?
    let serviceID: UUID?
    let amount: Int64?
    let effectiveFrom: LocalDate

    /// A part this kind of row must have; a stored change without it is reported, never filled in.
    func required<Value>(_ part: KeyPath<RuleRow, Value?>) throws -> Value {
        guard let value = self[keyPath: part] else {
            throw UseCaseError(
                .internalFailure, code: "internal_error",
                message:
                    "the stored billing change is incomplete (a \(table.rawValue) row without a needed value); nothing was undone"
            )
        }
        return value
    }
}

/// Writes rule changes and their exact reversal. A change without an effective date replaces the
/// history from the beginning; one with a date replaces only that date's entry.
struct RuleEditor {
    let database: any Database
    let practiceID: UUID

    func write(_ change: RuleChange) async throws -> (removed: [RuleRow], added: [RuleRow]) {
        var removed: [RuleRow] = [], added: [RuleRow] = []
        let from = change.from
        let replacesAll = change.from == .distantPast
        switch change {
        case .client(let clientID, let defaultService, let fees, _):
            if let defaultService {
                let old = try await ClientDefaultService.query(on: database).filter(\.$clientID == clientID)
                    .filter(replacesAll ? \.$effectiveFrom >= from : \.$effectiveFrom == from).all()
                removed += try old.map(Self.row)
                try await ClientDefaultService.query(on: database).filter(\.$id ~~ old.compactMap(\.id)).delete()
                let row = ClientDefaultService(
                    practiceID: practiceID, clientID: clientID, serviceID: defaultService.value, effectiveFrom: from)
                try await row.create(on: database)
                added.append(try Self.row(row))
            }
            for fee in fees {
                let old = try await ClientFee.query(on: database).filter(\.$clientID == clientID).filter(
                    \.$serviceID == fee.serviceID
                )
                .filter(replacesAll ? \.$effectiveFrom >= from : \.$effectiveFrom == from).all()
                removed += try old.map(Self.row)
                try await ClientFee.query(on: database).filter(\.$id ~~ old.compactMap(\.id)).delete()
                let row = ClientFee(
                    practiceID: practiceID, clientID: clientID, serviceID: fee.serviceID, amount: fee.amount,
                    effectiveFrom: from)
                try await row.create(on: database)
                added.append(try Self.row(row))
            }
        case .serviceRate(let serviceID, let amount, _):
            let old = try await ServiceRate.query(on: database).filter(\.$serviceID == serviceID)
                .filter(replacesAll ? \.$effectiveFrom >= from : \.$effectiveFrom == from).all()
            removed += try old.map(Self.row)
            try await ServiceRate.query(on: database).filter(\.$id ~~ old.compactMap(\.id)).delete()
            let row = ServiceRate(practiceID: practiceID, serviceID: serviceID, amount: amount, effectiveFrom: from)
            try await row.create(on: database)
            added.append(try Self.row(row))
        }
        return (removed, added)
    }

    /// Removes `added` and restores `removed`; refuses when a later change already replaced `added`.
    func reverse(removed: [RuleRow], added: [RuleRow]) async throws {
        for row in added {
            let deleted: Int
            switch row.table {
            case .clientFee: deleted = try await ClientFee.query(on: database).filter(\.$id == row.id).count()
            case .clientDefaultService:
                deleted = try await ClientDefaultService.query(on: database).filter(\.$id == row.id).count()
            case .serviceRate: deleted = try await ServiceRate.query(on: database).filter(\.$id == row.id).count()
            }
            guard deleted == 1 else {
                throw UseCaseError.conflict(
                    "change_superseded", "a later change replaced this one; undo the later change first")
            }
            switch row.table {
            case .clientFee: try await ClientFee.query(on: database).filter(\.$id == row.id).delete()
            case .clientDefaultService:
                try await ClientDefaultService.query(on: database).filter(\.$id == row.id).delete()
            case .serviceRate: try await ServiceRate.query(on: database).filter(\.$id == row.id).delete()
            }
        }
        for row in removed {
            switch row.table {
            case .clientFee:
                let restored = ClientFee(
                    practiceID: practiceID, clientID: try row.required(\.clientID),
                    serviceID: try row.required(\.serviceID),
                    amount: row.amount, effectiveFrom: row.effectiveFrom)
                restored.id = row.id
                try await restored.create(on: database)
            case .clientDefaultService:
                let restored = ClientDefaultService(
                    practiceID: practiceID, clientID: try row.required(\.clientID), serviceID: row.serviceID,
                    effectiveFrom: row.effectiveFrom)
                restored.id = row.id
                try await restored.create(on: database)
            case .serviceRate:
                let restored = ServiceRate(
                    practiceID: practiceID, serviceID: try row.required(\.serviceID),
                    amount: try row.required(\.amount),
                    effectiveFrom: row.effectiveFrom)
                restored.id = row.id
                try await restored.create(on: database)
            }
        }
    }

    private static func row(_ fee: ClientFee) throws -> RuleRow {
        RuleRow(
            table: .clientFee, id: try fee.requireID(), clientID: fee.clientID, serviceID: fee.serviceID,
            amount: fee.amount,
            effectiveFrom: fee.effectiveFrom)
    }

    private static func row(_ value: ClientDefaultService) throws -> RuleRow {
        RuleRow(
            table: .clientDefaultService, id: try value.requireID(), clientID: value.clientID,
            serviceID: value.serviceID,
            amount: nil, effectiveFrom: value.effectiveFrom)
    }

    private static func row(_ rate: ServiceRate) throws -> RuleRow {
        RuleRow(
            table: .serviceRate, id: try rate.requireID(), clientID: nil, serviceID: rate.serviceID,
            amount: rate.amount,
            effectiveFrom: rate.effectiveFrom)
    }
}
