/// Writes claims as one 837P interchange (HIPAA 5010, `005010X222A1`): the envelope, the submitter
/// and receiver, then per billing provider its claims, each with its subscriber (and patient when
/// that is someone else), payer, diagnoses and lines. Pure: the app hands it checked claims and the
/// control numbers it reserved, and stores the text.
public enum Claim837Writer {
    public struct Envelope: Sendable, Hashable {
        public enum Usage: String, Sendable { case test = "T", production = "P" }

        /// Who sends (the practice, as its clearinghouse knows it) and who receives.
        public var senderID: String
        public var receiverID: String
        public var submitterName: String
        public var contactName: String
        public var contactPhone: String
        public var receiverName: String
        /// The interchange (ISA13) and group (GS06) control number: per practice, increasing, never reused.
        public var controlNumber: Int
        public var created: LocalDateTime
        public var usage: Usage

        public init(
            senderID: String, receiverID: String, submitterName: String, contactName: String, contactPhone: String,
            receiverName: String, controlNumber: Int, created: LocalDateTime, usage: Usage
        ) {
            self.senderID = senderID
            self.receiverID = receiverID
            self.submitterName = submitterName
            self.contactName = contactName
            self.contactPhone = contactPhone
            self.receiverName = receiverName
            self.controlNumber = controlNumber
            self.created = created
            self.usage = usage
        }
    }

    public struct Output: Sendable {
        public let text: String
        /// Values changed so the file could hold them ("subscriber.lastName 'O*Neil' is written as 'O NEIL'").
        public let replacements: [String]
    }

    public enum WriteError: Error, Equatable, CustomStringConvertible {
        case noClaims
        case controlNumberOutOfRange(Int)
        case claimHasProblems(patientControlNumber: String, [ClaimCheck.Problem])

        public var description: String {
            switch self {
            case .noClaims: "a batch needs at least one claim"
            case .controlNumberOutOfRange(let number): "control number \(number) is not between 1 and 999999999"
            case .claimHasProblems(let number, let problems):
                "claim \(number) is not ready: " + problems.map(\.description).joined(separator: "; ")
            }
        }
    }

    /// The interchange. Every claim must pass ``ClaimCheck``: a claim with a problem is refused,
    /// never written.
    public static func write(_ claims: [Claim], envelope: Envelope) throws(WriteError) -> Output {
        guard !claims.isEmpty else { throw .noClaims }
        guard (1...999_999_999).contains(envelope.controlNumber) else {
            throw .controlNumberOutOfRange(envelope.controlNumber)
        }
        for claim in claims {
            let problems = ClaimCheck.problems(claim)
            guard problems.isEmpty else {
                throw .claimHasProblems(patientControlNumber: claim.patientControlNumber, problems)
            }
        }
        var x12 = X12Segments()
        let control = String(envelope.controlNumber)
        let date = X12Segments.date(envelope.created.date)
        let time = pad2(envelope.created.time.hour) + pad2(envelope.created.time.minute)
        let sender = x12.value(envelope.senderID, "sender ID")
        let receiver = x12.value(envelope.receiverID, "receiver ID")
        x12.add(
            "ISA",
            [
                "00", fixed("", 10), "00", fixed("", 10), "ZZ", fixed(sender, 15), "ZZ", fixed(receiver, 15),
                String(date.dropFirst(2)), time, String(X12Segments.repetition), "00501", fixed(control, 9, pad: "0"),
                "0", envelope.usage.rawValue, String(X12Segments.component),
            ])
        x12.add("GS", ["HC", sender, receiver, date, time, control, "X", "005010X222A1"])
        let transactionStart = x12.segments.count
        x12.add("ST", ["837", "0001", "005010X222A1"])
        x12.add("BHT", ["0019", "00", control, date, time, "CH"])
        x12.add("NM1", ["41", "2", x12.value(envelope.submitterName, "submitter name"), "", "", "", "", "46", sender])
        x12.add(
            "PER",
            ["IC", x12.value(envelope.contactName, "contact name"), "TE", envelope.contactPhone.filter(\.isASCIIDigit)])
        x12.add("NM1", ["40", "2", x12.value(envelope.receiverName, "receiver name"), "", "", "", "", "46", receiver])

        var level = 0
        var providers: [Claim.BillingProvider] = []
        for claim in claims where !providers.contains(claim.billingProvider) { providers.append(claim.billingProvider) }
        for provider in providers {
            level += 1
            let providerLevel = level
            writeBillingProvider(provider, level: providerLevel, into: &x12)
            for claim in claims where claim.billingProvider == provider {
                level += 1
                let subscriberLevel = level
                writeSubscriber(claim, level: subscriberLevel, parent: providerLevel, into: &x12)
                if let patient = claim.patient {
                    level += 1
                    x12.add("HL", [String(level), String(subscriberLevel), "23", "0"])
                    x12.add("PAT", [patient.relationship.rawValue])
                    writePerson(patient.person, qualifier: "QC", memberID: nil, what: "patient", into: &x12)
                }
                writeClaim(claim, into: &x12)
            }
        }
        x12.add("SE", [String(x12.segments.count - transactionStart + 1), "0001"])
        x12.add("GE", ["1", control])
        x12.add("IEA", ["1", fixed(control, 9, pad: "0")])
        return Output(text: x12.text, replacements: x12.replacements)
    }

    private static func writeBillingProvider(_ provider: Claim.BillingProvider, level: Int, into x12: inout X12Segments)
    {
        x12.add("HL", [String(level), "", "20", "1"])
        x12.add("PRV", ["BI", "PXC", provider.taxonomy.uppercased()])
        switch provider.entity {
        case .organization(let name):
            x12.add("NM1", ["85", "2", x12.value(name, "billingProvider.name"), "", "", "", "", "XX", provider.npi])
        case .person(let last, let first):
            x12.add(
                "NM1",
                [
                    "85", "1", x12.value(last, "billingProvider.lastName"),
                    x12.value(first, "billingProvider.firstName"),
                    "", "", "", "XX", provider.npi,
                ])
        }
        if let address = provider.address { writeAddress(address, what: "billingProvider.address", into: &x12) }
        if let taxID = provider.taxID { x12.add("REF", [taxID.kind.qualifier, taxID.digits]) }
    }

    private static func writeSubscriber(_ claim: Claim, level: Int, parent: Int, into x12: inout X12Segments) {
        let subscriber = claim.subscriber
        x12.add("HL", [String(level), String(parent), "22", claim.patient == nil ? "0" : "1"])
        x12.add(
            "SBR",
            [
                subscriber.rank.rawValue, claim.patient == nil ? SubscriberRelationship.subscriber.rawValue : "",
                subscriber.groupNumber.map { x12.value($0, "subscriber.groupNumber") } ?? "", "", "", "", "", "",
                claim.payer.filingIndicator.rawValue,
            ])
        writePerson(subscriber.person, qualifier: "IL", memberID: subscriber.memberID, what: "subscriber", into: &x12)
        x12.add(
            "NM1",
            [
                "PR", "2", x12.value(claim.payer.name, "payer.name"), "", "", "", "", "PI",
                x12.value(claim.payer.payerID, "payer.payerId"),
            ])
    }

    private static func writePerson(
        _ person: Claim.Person, qualifier: String, memberID: String?, what: String, into x12: inout X12Segments
    ) {
        x12.add(
            "NM1",
            [
                qualifier, "1", x12.value(person.last, "\(what).lastName"),
                x12.value(person.first, "\(what).firstName"),
                "", "", "", memberID == nil ? "" : "MI", memberID.map { x12.value($0, "\(what).memberId") } ?? "",
            ])
        if let address = person.address { writeAddress(address, what: "\(what).address", into: &x12) }
        if let birth = person.dateOfBirth, let sex = person.sex {
            x12.add("DMG", ["D8", X12Segments.date(birth), sex.code])
        }
    }

    private static func writeAddress(_ address: PostalAddress, what: String, into x12: inout X12Segments) {
        x12.add(
            "N3",
            [x12.value(address.line1, "\(what).line1"), address.line2.map { x12.value($0, "\(what).line2") } ?? ""])
        x12.add("N4", [x12.value(address.city, "\(what).city"), address.state, address.zip.digits])
    }

    private static func writeClaim(_ claim: Claim, into x12: inout X12Segments) {
        let total = claim.totalCharge.map(X12Segments.amount) ?? "0"
        x12.add(
            "CLM",
            [
                x12.value(claim.patientControlNumber, "patientControlNumber"), total, "", "",
                X12Segments.composite([claim.placeOfService.description, "B", claim.frequency.rawValue]), "Y", "A", "Y",
                "Y",
            ])
        if claim.frequency != .original, let number = claim.payerClaimNumber {
            x12.add("REF", ["F8", x12.value(number, "payerClaimNumber")])
        }
        if let authorization = claim.priorAuthorization, !authorization.isEmpty {
            x12.add("REF", ["G1", x12.value(authorization, "priorAuthorization")])
        }
        let codes = claim.diagnoses.compactMap(DiagnosisCode.init).map(\.withoutDot)
        x12.add(
            "HI",
            codes.enumerated().map { index, code in X12Segments.composite([index == 0 ? "ABK" : "ABF", code]) })
        if let rendering = claim.rendering {
            x12.add(
                "NM1",
                [
                    "82", "1", x12.value(rendering.last, "rendering.lastName"),
                    x12.value(rendering.first, "rendering.firstName"), "", "", "", "XX", rendering.npi,
                ])
            x12.add("PRV", ["PE", "PXC", rendering.taxonomy.uppercased()])
        }
        writeOtherPayers(claim, into: &x12)
        for (index, line) in claim.lines.enumerated() {
            x12.add("LX", [String(index + 1)])
            let place = line.placeOfService.flatMap { $0 == claim.placeOfService ? nil : $0.description } ?? ""
            x12.add(
                "SV1",
                [
                    X12Segments.composite(
                        ["HC", line.procedure.uppercased()] + line.modifiers.map { $0.uppercased() }),
                    X12Segments.amount(line.charge), "UN", String(line.units), place, "",
                    X12Segments.composite(line.diagnosisPointers.map(String.init)),
                ])
            x12.add("DTP", ["472", "D8", X12Segments.date(line.dateOfService)])
            x12.add("REF", ["6R", x12.value(line.lineID, "lines[\(index)].lineId")])
            writeLineAdjudications(line, of: claim, into: &x12)
        }
    }

    /// An ISA element: exactly `width` characters, padded with spaces (or leading zeros).
    private static func fixed(_ text: String, _ width: Int, pad: Character = " ") -> String {
        let cut = String(text.prefix(width))
        let fill = String(repeating: pad, count: width - cut.count)
        return pad == " " ? cut + fill : fill + cut
    }

    private static func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
