import Fluent
import Foundation
import RapportCore

/// A client's diagnoses: an ordered list of ICD-10-CM codes that changes by date, as fees do.
struct ClientDiagnosisList {
    let database: any Database
    let actor: Actor

    func get(_ clientID: UUID) async throws -> ClientDiagnoses {
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        return try await content(clientID, on: database)
    }

    /// Sets the list from `effectiveFrom` (replacing a list of that same date). An empty list,
    /// without a date, removes every list; with a date it is refused, since claims from then on
    /// would have no diagnosis.
    func set(_ clientID: UUID, _ input: DiagnosesInput) async throws -> ClientDiagnoses {
        var errors = FieldErrors()
        let (codes, problems) = DiagnosisCode.list(input.codes)
        for problem in problems { errors.add(problem.index.map { .item("codes", $0) } ?? "codes", problem.message) }
        if codes.isEmpty, input.codes.isEmpty, input.effectiveFrom != nil {
            errors.add(
                "codes",
                "must list at least the principal diagnosis from a date; send [] without a date to remove them all")
        }
        try errors.throwIfAny()
        let from = input.effectiveFrom ?? .distantPast
        let checked = codes
        return try await database.writeTransaction(practice: actor.practiceID) { db in
            _ = try await Lookup(database: db, actor: actor).client(clientID)
            let before = try await content(clientID, on: db)
            // Without a date the list replaces the whole history, as a fee change without one does.
            let replaced = ClientDiagnosis.query(on: db).filter(\.$clientID == clientID)
            if from != .distantPast { replaced.filter(\.$effectiveFrom == from) }
            try await replaced.delete()
            for (index, code) in checked.enumerated() {
                try await ClientDiagnosis(
                    practiceID: actor.practiceID, clientID: clientID, effectiveFrom: from, position: index + 1,
                    code: code
                ).create(on: db)
            }
            let after = try await content(clientID, on: db)
            try await AuditLog(database: db, actor: actor).record(
                "update", "clientDiagnoses", id: clientID, before: before.current, after: after.current)
            return after
        }
    }

    /// Common codes matching a search by code or words, from Rapport's short public list.
    func codes(matching query: String) -> [DiagnosisEntry] {
        DiagnosisCatalog.search(query).map { DiagnosisEntry($0.code) }
    }

    private func content(_ clientID: UUID, on db: any Database) async throws -> ClientDiagnoses {
        let practice = try await PracticeContext.of(actor, on: db)
        let rows = try await ClientDiagnosis.query(on: db).filter(\.$clientID == clientID).all()
        let versions = Self.versions(rows)
        return ClientDiagnoses(
            clientId: clientID,
            current: (versions.last { $0.from <= practice.today }?.codes ?? []).map(DiagnosisEntry.init),
            history: versions.map {
                .init(effectiveFrom: $0.from == .distantPast ? nil : $0.from, codes: $0.codes.map(DiagnosisEntry.init))
            })
    }

    /// The rows as lists by date, oldest first, each in position order.
    static func versions(_ rows: [ClientDiagnosis]) -> [(from: LocalDate, codes: [DiagnosisCode])] {
        Dictionary(grouping: rows, by: \.effectiveFrom).sorted { $0.key < $1.key }.map { from, rows in
            (from, rows.sorted { $0.position < $1.position }.map(\.code))
        }
    }
}
