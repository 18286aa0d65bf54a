import Fluent
import Foundation
import RapportCore
import SQLKit

// The client and policy as a claim names them, read with SQLKit: a batch assembles thousands of
// claims, and Fluent's decoding of whole rows cost more than the queries.

/// The client as a claim names them: the patient, and the phone the CMS-1500 prints.
struct ClaimPatient: Sendable {
    let person: Claim.Person
    let phone: String?

    static func read(_ ids: [UUID], on db: any Database) async throws -> [UUID: ClaimPatient] {
        var patients: [UUID: ClaimPatient] = [:]
        let table = Client.schema
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            let rows = try await db.sql().select()
                .columns(["id", "last_name", "first_name", "date_of_birth", "sex", "phone"] + PostalAddress.storedColumns)
                .from(table).where("id", .in, Array(chunk)).all()
            for row in rows {
                let person = Claim.Person(
                    last: try row.decode(column: "last_name", as: String.self),
                    first: try row.decode(column: "first_name", as: String.self),
                    dateOfBirth: try row.parseIfPresent("date_of_birth", of: table) { LocalDate($0) },
                    sex: try row.parseIfPresent("sex", of: table) { Sex(rawValue: $0) },
                    address: try row.address(of: table))
                patients[try row.decode(column: "id", as: UUID.self)] = ClaimPatient(
                    person: person, phone: try row.decode(column: "phone", as: String?.self))
            }
        }
        return patients
    }
}

/// The policy as a claim names it: the subscriber and their member and group numbers.
struct ClaimPolicy: Sendable {
    let relationship: SubscriberRelationship
    /// The subscriber as the policy records them when they are not the client; the address is nil
    /// where the client's is used.
    let subscriber: Claim.Person
    let memberID: String
    let groupNumber: String?

    static func read(_ ids: [UUID], on db: any Database) async throws -> [UUID: ClaimPolicy] {
        var policies: [UUID: ClaimPolicy] = [:]
        let table = Policy.schema
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            let rows = try await db.sql().select()
                .columns(
                    [
                        "id", "relationship", "member_id", "group_number", "subscriber_last_name",
                        "subscriber_first_name", "subscriber_birth_date", "subscriber_sex",
                    ] + PostalAddress.storedColumns
                )
                .from(table).where("id", .in, Array(chunk)).all()
            for row in rows {
                let subscriber = Claim.Person(
                    last: try row.decode(column: "subscriber_last_name", as: String?.self) ?? "",
                    first: try row.decode(column: "subscriber_first_name", as: String?.self) ?? "",
                    dateOfBirth: try row.parseIfPresent("subscriber_birth_date", of: table) { LocalDate($0) },
                    sex: try row.parseIfPresent("subscriber_sex", of: table) { Sex(rawValue: $0) },
                    address: try row.address(of: table))
                policies[try row.decode(column: "id", as: UUID.self)] = ClaimPolicy(
                    relationship: try row.parse("relationship", of: table) { SubscriberRelationship(rawValue: $0) },
                    subscriber: subscriber,
                    memberID: try row.parse("member_id", of: table) { PolicyReference($0) }.description,
                    groupNumber: try row.parseIfPresent("group_number", of: table) { PolicyReference($0) }?.description)
            }
        }
        return policies
    }
}
