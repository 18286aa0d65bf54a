extension Claim {
    /// An earlier payer's adjudication of the same services, which a secondary (or tertiary) claim
    /// carries: loops 2320 (the other subscriber's coverage, the claim's adjustments and what that
    /// payer paid, `AMT*D`), 2330A/2330B (the other subscriber and payer) and, per line, 2430 (what
    /// the payer paid and adjusted on it, and when).
    public struct OtherPayer: Sendable, Hashable {
        public var payer: Payer
        public var subscriber: Subscriber
        /// The patient's relationship to the other subscriber (SBR02).
        public var relationship: SubscriberRelationship
        /// What the payer paid on the claim (AMT*D).
        public var paid: Money
        /// The adjustments the payer made to the claim as a whole.
        public var adjustments: [Adjustment]
        /// When the payer adjudicated the claim (DTP*573).
        public var adjudicated: LocalDate
        public var lines: [LineAdjudication]

        public init(
            payer: Payer, subscriber: Subscriber, relationship: SubscriberRelationship, paid: Money,
            adjustments: [Adjustment], adjudicated: LocalDate, lines: [LineAdjudication]
        ) {
            self.payer = payer
            self.subscriber = subscriber
            self.relationship = relationship
            self.paid = paid
            self.adjustments = adjustments
            self.adjudicated = adjudicated
            self.lines = lines
        }
    }

    /// What the other payer did with one line (2430), named by the claim line's id.
    public struct LineAdjudication: Sendable, Hashable {
        public var lineID: String
        public var paid: Money
        public var adjustments: [Adjustment]

        public init(lineID: String, paid: Money, adjustments: [Adjustment]) {
            self.lineID = lineID
            self.paid = paid
            self.adjustments = adjustments
        }
    }
}

extension Claim837Writer {
    /// Loops 2320, 2330A and 2330B for each earlier payer, after the claim's providers.
    static func writeOtherPayers(_ claim: Claim, into x12: inout X12Segments) {
        for (index, other) in claim.otherPayers.enumerated() {
            let what = "otherPayers[\(index)]"
            x12.add(
                "SBR",
                [
                    other.subscriber.rank.rawValue, other.relationship.rawValue,
                    other.subscriber.groupNumber.map { x12.value($0, "\(what).groupNumber") } ?? "", "", "", "", "", "",
                    other.payer.filingIndicator.rawValue,
                ])
            writeAdjustments(other.adjustments, into: &x12)
            x12.add("AMT", ["D", X12Segments.amount(other.paid)])
            x12.add("OI", ["", "", "Y", "P", "", "Y"])
            let person = other.subscriber.person
            x12.add(
                "NM1",
                [
                    "IL", "1", x12.value(person.last, "\(what).subscriber.lastName"),
                    x12.value(person.first, "\(what).subscriber.firstName"), "", "", "", "MI",
                    x12.value(other.subscriber.memberID, "\(what).subscriber.memberId"),
                ])
            x12.add(
                "NM1",
                [
                    "PR", "2", x12.value(other.payer.name, "\(what).payer.name"), "", "", "", "", "PI",
                    x12.value(other.payer.payerID, "\(what).payer.payerId"),
                ])
        }
    }

    /// Loop 2430 for the line: what each earlier payer paid and adjusted on it, and when.
    static func writeLineAdjudications(_ line: Claim.Line, of claim: Claim, into x12: inout X12Segments) {
        for (index, other) in claim.otherPayers.enumerated() {
            guard let adjudication = other.lines.first(where: { $0.lineID == line.lineID }) else { continue }
            x12.add(
                "SVD",
                [
                    x12.value(other.payer.payerID, "otherPayers[\(index)].payer.payerId"),
                    X12Segments.amount(adjudication.paid),
                    X12Segments.composite(["HC", line.procedure.uppercased()] + line.modifiers.map { $0.uppercased() }),
                    "", String(line.units),
                ])
            writeAdjustments(adjudication.adjustments, into: &x12)
            x12.add("DTP", ["573", "D8", X12Segments.date(other.adjudicated)])
        }
    }

    /// One CAS per adjustment group, up to six reasons each (a seventh starts another CAS).
    private static func writeAdjustments(_ adjustments: [Adjustment], into x12: inout X12Segments) {
        for group in AdjustmentGroup.allCases {
            let inGroup = adjustments.filter { $0.group == group && $0.amount.amount != 0 }
            var start = 0
            while start < inGroup.count {
                let six = inGroup[start..<min(start + 6, inGroup.count)]
                x12.add(
                    "CAS",
                    [group.rawValue] + six.flatMap { adjustment in
                        [adjustment.reason, X12Segments.amount(adjustment.amount), adjustment.quantity.map(String.init) ?? ""]
                    })
                start += 6
            }
        }
    }
}
