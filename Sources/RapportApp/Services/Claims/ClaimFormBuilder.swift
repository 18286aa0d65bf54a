import Fluent
import Foundation
import RapportCore

/// The CMS-1500 (02/12) of a claim, from the same data the 837 is written from: box 21 is the
/// claim's HI, 24A its DTP*472, 24D its SV101, 24E its pointers as letters, 33 the billing provider.
extension Claims {
    func form(_ id: UUID) async throws -> ClaimForm {
        let row = try await row(id, on: database)
        let practice = try await PracticeContext.of(actor, on: database)
        let assembler = try await ClaimAssembler.load(for: [row], practice: practice, on: database)
        let (claim, _) = try assembler.assemble(row)
        // The client's other policy in force on the claim's first date (boxes 9 and 11d).
        let others = try await Policy.query(on: database).filter(\.$clientID == row.clientID)
            .filter(\.$id != row.policyID).all().filter { $0.period?.contains(row.dateFrom) ?? false }
        let other = others.first
        let otherPayer = other.flatMap { assembler.payers[$0.payerID] }
        let payer = assembler.payers[row.payerID]
        let clinician = assembler.clinicians[row.clinicianID]
        let subscriber = claim.subscriber.person
        let patient = claim.patient?.person ?? subscriber
        let provider = claim.billingProvider
        let providerName: String =
            switch provider.entity {
            case .organization(let name): name
            case .person(let last, let first): "\(first) \(last)"
            }
        let providerAddress = provider.address.map(Self.formAddress)
        let renderingNPI = claim.rendering?.npi ?? provider.npi
        return ClaimForm(
            id: id, number: row.number, payerName: claim.payer.name, payerAddress: payer?.address.map(Self.formAddress),
            insuranceType: Self.insuranceType(claim.payer.filingIndicator), insuredID: claim.subscriber.memberID,
            patientName: Self.name(patient), patientBirthDate: patient.dateOfBirth.map(Self.longDate) ?? "",
            patientSex: patient.sex?.code ?? "", insuredName: Self.name(subscriber),
            patientAddress: patient.address.map(Self.formAddress), patientPhone: assembler.patients[row.clientID]?.phone ?? "",
            relationship: Self.relationship(claim.patient?.relationship ?? .subscriber),
            insuredAddress: subscriber.address.map(Self.formAddress),
            otherInsuredName: other.map { policy in
                policy.relationship == .subscriber
                    ? Self.name(patient) : "\(policy.subscriberLastName ?? ""), \(policy.subscriberFirstName ?? "")"
            },
            otherGroup: other.map { $0.groupNumber?.description ?? $0.memberID.description }, otherPlan: otherPayer?.name,
            insuredGroup: claim.subscriber.groupNumber ?? "", insuredBirthDate: subscriber.dateOfBirth.map(Self.longDate) ?? "",
            insuredSex: subscriber.sex?.code ?? "", planName: claim.payer.name, hasOtherPlan: other != nil,
            diagnoses: claim.diagnoses.compactMap { DiagnosisCode($0)?.withoutDot },
            resubmissionCode: row.frequency == .original ? nil : row.frequency.rawValue,
            originalReference: row.payerClaimNumber, priorAuthorization: claim.priorAuthorization,
            lines: claim.lines.map { line in
                ClaimForm.Line(
                    from: Self.shortDate(line.dateOfService), to: Self.shortDate(line.dateOfService),
                    place: (line.placeOfService ?? claim.placeOfService).description, procedure: line.procedure,
                    modifiers: line.modifiers, pointers: line.diagnosisPointers.map(ClaimForm.letter).joined(),
                    charge: line.charge, units: "\(line.units)", renderingNPI: renderingNPI)
            },
            taxID: provider.taxID?.digits ?? "", taxIDKind: provider.taxID?.kind == .ssn ? "SSN" : "EIN",
            accountNumber: claim.patientControlNumber, total: practice.money(row.total),
            paid: .zero(practice.currency),
            signingClinician: [clinician?.name, clinician?.credentials].compactMap { $0 }.joined(separator: ", "),
            signedDate: Self.shortDate(practice.date(of: row.submittedAt ?? row.createdAt ?? Date())),
            facility: [providerName] + (providerAddress.map { [$0.street, "\($0.city), \($0.state) \($0.zip)"] } ?? []),
            facilityNPI: provider.npi,
            billingProvider: [providerName]
                + (providerAddress.map { [$0.street, "\($0.city), \($0.state) \($0.zip)"] } ?? []),
            billingNPI: provider.npi)
    }

    private static func formAddress(_ address: PostalAddress) -> ClaimForm.Address {
        ClaimForm.Address(
            street: [address.line1, address.line2].compactMap { $0 }.joined(separator: " "), city: address.city,
            state: address.state, zip: address.zip.description)
    }

    private static func name(_ person: Claim.Person) -> String { "\(person.last), \(person.first)" }

    /// `MM DD YYYY`, as boxes 3 and 11a write a birth date.
    private static func longDate(_ date: LocalDate) -> String {
        String(format: "%02d %02d %04d", date.month, date.day, date.year)
    }

    /// `MM DD YY`, as box 24A writes a date of service.
    private static func shortDate(_ date: LocalDate) -> String {
        String(format: "%02d %02d %02d", date.month, date.day, date.year % 100)
    }

    private static func relationship(_ relationship: SubscriberRelationship) -> String {
        switch relationship {
        case .subscriber: "Self"
        case .spouse: "Spouse"
        case .child: "Child"
        case .other: "Other"
        }
    }

    private static func insuranceType(_ indicator: ClaimFilingIndicator) -> String {
        switch indicator {
        case .medicarePartB: "Medicare"
        case .medicaid: "Medicaid"
        case .tricare: "TRICARE"
        case .veterans: "CHAMPVA"
        case .commercial, .blueCrossBlueShield, .hmo, .ppo, .pos, .epo: "Group Health Plan"
        case .workersCompensation, .selfPay, .otherNonFederal, .mutuallyDefined: "Other"
        }
    }
}

extension ClaimForm {
    /// The form's letter for a diagnosis pointer (1 → A … 12 → L).
    static func letter(_ pointer: Int) -> String {
        let letters = Array("ABCDEFGHIJKL")
        return letters.indices.contains(pointer - 1) ? String(letters[pointer - 1]) : "?"
    }
}
