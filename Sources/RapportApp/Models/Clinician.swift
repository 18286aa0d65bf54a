import Fluent
import Foundation
import RapportCore

/// A staff member with a calendar.
final class Clinician: Model, @unchecked Sendable {
    static let schema = "clinicians"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @Field(key: "active") var active: Bool
    /// What claims say of the clinician who treats (2310B): NPI type 1, taxonomy, licence.
    @OptionalField(key: "npi") var npi: NPI?
    @OptionalField(key: "taxonomy") var taxonomy: TaxonomyCode?
    /// Letters after the name, such as LCSW or PsyD.
    @OptionalField(key: "credentials") var credentials: String?
    @OptionalField(key: "license_number") var licenseNumber: String?
    @OptionalField(key: "license_state") var licenseState: String?
    /// The name as claims write it (last and first apart); the display name is one text.
    @OptionalField(key: "claim_last_name") var claimLastName: String?
    @OptionalField(key: "claim_first_name") var claimFirstName: String?
    /// Their sessions' colour on the calendar.
    @OptionalField(key: "color") var color: ClinicianColor?
    /// Their working hours as JSON spans (see ``WorkingHours/init(stored:)``); nil: none set.
    @OptionalField(key: "working_hours") var workingHoursJSON: String?

    var workingHours: WorkingHours { get throws { try WorkingHours(stored: workingHoursJSON) } }
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $name, $email, $active, $npi, $taxonomy, $credentials, $licenseNumber, $licenseState,
            $claimLastName, $claimFirstName, $color, $workingHoursJSON, $createdAt
        ]
    }

    init() {}

    init(practiceID: UUID, name: String, email: String?) {
        self.practiceID = practiceID
        self.name = name
        self.email = email
        self.active = true
    }

    /// Saves a new clinician with the calendar colour fewest of the practice's clinicians have
    /// (unless one is already chosen), so colleagues start out apart on a shared calendar.
    func createWithColor(on db: any Database) async throws {
        if color == nil {
            let used = try await Clinician.query(on: db).filter(\.$practiceID == practiceID).all(\.$color)
            color = ClinicianColor.next(after: used.compactMap { $0 })
        }
        try await create(on: db)
    }
}
