/// Reads 835 remittances (HIPAA 5010, `005010X221A1`): every transaction of the interchange, with
/// the envelope checked (control numbers match, segment and transaction counts hold, nothing cut
/// off) and every value the posting relies on parsed. Anything malformed is an ``X12ReadError``
/// naming its segment; whether the amounts balance is ``RemittanceBalance``'s to say.
public enum Remittance835Parser {
    public static func parse(_ text: String) throws(X12ReadError) -> [Remittance] {
        let interchange = try X12Interchange(text: text)
        var reader = Reader(interchange: interchange)
        return try reader.read()
    }

    /// An amount as X12 writes it (`150`, `-98.5`, `.75`), in cents; nil when it is not one or has
    /// fractions of a cent.
    public static func cents(_ text: String) -> Int64? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        var fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), whole.count <= 15,
            (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        while fraction.count > 2, fraction.last == "0" { fraction = fraction.dropLast() }
        guard fraction.count <= 2 else { return nil }
        let cents = (Int64(whole.isEmpty ? "0" : whole) ?? 0) * 100
            + (Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
        return negative ? -cents : cents
    }

    private struct Reader {
        let interchange: X12Interchange
        var index = 0

        var segments: [X12Interchange.Segment] { interchange.segments }

        mutating func read() throws(X12ReadError) -> [Remittance] {
            let isa = try expect("ISA", "the file must begin with ISA")
            var remittances: [Remittance] = []
            var groups = 0
            while let segment = peek(), segment.id == "GS" {
                index += 1
                groups += 1
                guard segment[1] == "HP" else {
                    throw error(
                        segment,
                        "the functional group is '\(segment[1])', not HP (health care claim payment): this is not an 835 remittance")
                }
                guard segment[8].hasPrefix("005010X221") else {
                    throw error(segment, "version '\(segment[8])': Rapport reads 835s of version 005010X221A1")
                }
                var transactions = 0
                while let next = peek(), next.id == "ST" {
                    remittances.append(try transaction())
                    transactions += 1
                }
                let ge = try expect("GE", "the group must end with GE")
                guard ge[1] == String(transactions) else {
                    throw error(ge, "GE01 says \(ge[1]) transactions, the group holds \(transactions)")
                }
                guard ge[2] == segment[6] else {
                    throw error(ge, "GE02 '\(ge[2])' does not match GS06 '\(segment[6])'")
                }
            }
            let iea = try expect("IEA", "the interchange must end with IEA")
            guard iea[1] == String(groups) else { throw error(iea, "IEA01 says \(iea[1]) groups, the file holds \(groups)") }
            guard iea[2] == isa[13] else { throw error(iea, "IEA02 '\(iea[2])' does not match ISA13 '\(isa[13])'") }
            if let extra = peek() { throw error(extra, "the file goes on after its IEA") }
            guard !remittances.isEmpty else {
                throw X12ReadError(segment: iea.number, id: "IEA", reason: "the file holds no 835 transaction")
            }
            return remittances
        }

        mutating func transaction() throws(X12ReadError) -> Remittance {
            let st = try expect("ST", "a transaction begins with ST")
            guard st[1] == "835" else {
                throw error(st, "the transaction is an \(st[1]), not an 835 remittance")
            }
            let bpr = try expect("BPR", "an 835 begins with BPR, the payment")
            var payment = try amount(bpr, 2)
            if bpr[3] == "D" { payment = -payment }
            let trn = try expect("TRN", "BPR is followed by TRN, the payment's trace number")
            guard trn[1] == "1", !trn[2].isEmpty else { throw error(trn, "TRN must be TRN*1 with the trace number in TRN02") }
            var remittance = Remittance(
                payment: money(payment), paymentMethod: bpr[4], paymentDate: bpr[16].isEmpty ? nil : try date(bpr, 16),
                traceNumber: trn[2], originatorID: trn[3], payer: .init(name: ""), payee: .init(name: ""), claims: [],
                providerAdjustments: [], segment: st.number)
            var party: WritableKeyPath<Remittance, Remittance.Party>?
            var sawPayer = false
            var sawPayee = false
            var claim: ClaimPayment?
            var line: ServicePayment?
            func closeLine() {
                if let done = line { claim?.lines.append(done) }
                line = nil
            }
            func closeClaim() {
                closeLine()
                if let done = claim { remittance.claims.append(done) }
                claim = nil
            }
            while let segment = next() {
                switch segment.id {
                case "N1" where claim == nil:
                    let found = Remittance.Party(
                        name: segment[2], qualifier: segment[3].isEmpty ? nil : segment[3],
                        identifier: segment[4].isEmpty ? nil : segment[4])
                    switch segment[1] {
                    case "PR": (remittance.payer, party, sawPayer) = (found, \.payer, true)
                    case "PE": (remittance.payee, party, sawPayee) = (found, \.payee, true)
                    default: party = nil
                    }
                case "REF" where claim == nil:
                    if let party { remittance[keyPath: party].references[segment[1]] = segment[2] }
                case "LX":
                    closeClaim()
                    party = nil
                case "CLP":
                    closeClaim()
                    party = nil
                    guard sawPayer, sawPayee else { throw error(segment, "a claim comes before the payer (N1*PR) and payee (N1*PE)") }
                    claim = try claimPayment(segment)
                case "CAS":
                    guard claim != nil else { throw error(segment, "an adjustment (CAS) outside any claim") }
                    let adjustments = try self.adjustments(segment)
                    if line != nil { line?.adjustments += adjustments } else { claim?.adjustments += adjustments }
                case "NM1" where claim != nil && line == nil:
                    if segment[1] == "QC" {
                        claim?.patient = ClaimPayment.Patient(
                            lastName: segment[3], firstName: segment[4], memberID: segment[9].isEmpty ? nil : segment[9])
                    }
                case "SVC":
                    guard claim != nil else { throw error(segment, "a service line (SVC) outside any claim") }
                    closeLine()
                    line = try servicePayment(segment)
                case "DTM" where line != nil:
                    if segment[1] == "472" || (segment[1] == "150" && line?.dateOfService == nil) {
                        line?.dateOfService = try date(segment, 2)
                    }
                case "REF" where line != nil:
                    if segment[1] == "6R" { line?.lineID = segment[2] }
                case "AMT" where line != nil:
                    if segment[1] == "B6" { line?.allowed = money(try amount(segment, 2)) }
                case "LQ" where line != nil:
                    if segment[1] == "HE", !segment[2].isEmpty { line?.remarks.append(segment[2]) }
                case "PLB":
                    closeClaim()
                    remittance.providerAdjustments += try providerAdjustments(segment)
                case "SE":
                    closeClaim()
                    let count = segment.number - st.number + 1
                    guard segment[1] == String(count) else {
                        throw error(segment, "SE01 says \(segment[1]) segments, the transaction has \(count): it was cut or joined")
                    }
                    guard segment[2] == st[2] else { throw error(segment, "SE02 '\(segment[2])' does not match ST02 '\(st[2])'") }
                    guard sawPayer, sawPayee else {
                        throw error(segment, "the remittance names no \(sawPayer ? "payee (N1*PE)" : "payer (N1*PR)")")
                    }
                    return remittance
                case "ST", "GE", "IEA", "GS", "ISA":
                    throw error(segment, "\(segment.id) inside a transaction: the transaction's SE is missing")
                default:
                    continue
                }
            }
            throw X12ReadError(
                segment: segments.last?.number, id: segments.last?.id,
                reason: "the file ends before the transaction's SE: it was cut off")
        }

        func claimPayment(_ segment: X12Interchange.Segment) throws(X12ReadError) -> ClaimPayment {
            guard !segment[1].isEmpty else { throw error(segment, "CLP01, the claim's patient control number, is empty") }
            guard let status = ClaimPaymentStatus(rawValue: segment[2]) else {
                throw error(segment, "CLP02 '\(segment[2])' is not a claim status code")
            }
            return ClaimPayment(
                patientControlNumber: segment[1], status: status, charge: money(try amount(segment, 3)),
                paid: money(try amount(segment, 4)),
                patientResponsibility: segment[5].isEmpty ? nil : money(try amount(segment, 5)),
                filingIndicator: segment[6], payerClaimNumber: segment[7], adjustments: [], patient: nil, lines: [],
                segment: segment.number)
        }

        func servicePayment(_ segment: X12Interchange.Segment) throws(X12ReadError) -> ServicePayment {
            let code = interchange.components(segment[1])
            guard code.count >= 2, !code[0].isEmpty, !code[1].isEmpty else {
                throw error(segment, "SVC01 '\(segment[1])' is not a procedure such as HC:90834")
            }
            var units = 1
            if !segment[5].isEmpty {
                guard let cents = Remittance835Parser.cents(segment[5]), cents >= 0, cents % 100 == 0 else {
                    throw error(segment, "SVC05 '\(segment[5])' is not a whole number of units")
                }
                units = Int(cents / 100)
            }
            return ServicePayment(
                qualifier: code[0], procedure: code[1], modifiers: Array(code.dropFirst(2).prefix(4)).filter { !$0.isEmpty },
                charge: money(try amount(segment, 2)), paid: money(try amount(segment, 3)), units: units,
                dateOfService: nil, lineID: nil, allowed: nil, adjustments: [], remarks: [], segment: segment.number)
        }

        func adjustments(_ segment: X12Interchange.Segment) throws(X12ReadError) -> [Adjustment] {
            guard let group = AdjustmentGroup(rawValue: segment[1]) else {
                throw error(segment, "CAS01 '\(segment[1])' is not an adjustment group (CO, OA, PI or PR)")
            }
            var found: [Adjustment] = []
            for triplet in 0..<6 {
                let reasonAt = 2 + triplet * 3
                let reason = segment[reasonAt]
                if reason.isEmpty { break }
                var quantity: Int?
                if !segment[reasonAt + 2].isEmpty {
                    guard let cents = Remittance835Parser.cents(segment[reasonAt + 2]), cents % 100 == 0 else {
                        throw error(segment, "CAS\(pad(reasonAt + 2)) '\(segment[reasonAt + 2])' is not a whole quantity")
                    }
                    quantity = Int(cents / 100)
                }
                found.append(
                    Adjustment(group: group, reason: reason, amount: money(try amount(segment, reasonAt + 1)), quantity: quantity))
            }
            guard !found.isEmpty else { throw error(segment, "CAS holds no reason and amount") }
            return found
        }

        func providerAdjustments(_ segment: X12Interchange.Segment) throws(X12ReadError) -> [ProviderAdjustment] {
            let period = segment[2].isEmpty ? nil : try date(segment, 2)
            var found: [ProviderAdjustment] = []
            for pair in 0..<6 {
                let at = 3 + pair * 2
                if segment[at].isEmpty { break }
                let reason = interchange.components(segment[at])
                found.append(
                    ProviderAdjustment(
                        providerID: segment[1], fiscalPeriodEnd: period, reason: reason[0],
                        reference: reason.count > 1 && !reason[1].isEmpty ? reason[1] : nil,
                        amount: money(try amount(segment, at + 1)), segment: segment.number))
            }
            guard !found.isEmpty else { throw error(segment, "PLB holds no adjustment") }
            return found
        }

        func amount(_ segment: X12Interchange.Segment, _ position: Int) throws(X12ReadError) -> Int64 {
            let text = segment[position]
            guard !text.isEmpty else { throw error(segment, "\(segment.id)\(pad(position)) is required: an amount") }
            guard let cents = Remittance835Parser.cents(text) else {
                throw error(segment, "\(segment.id)\(pad(position)) '\(text.prefix(20))' is not an amount in dollars and cents")
            }
            return cents
        }

        func date(_ segment: X12Interchange.Segment, _ position: Int) throws(X12ReadError) -> LocalDate {
            let text = segment[position]
            let digits = Array(text)
            guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let year = Int(String(digits[0..<4])), let month = Int(String(digits[4..<6])),
                let day = Int(String(digits[6..<8])), let date = LocalDate(year: year, month: month, day: day)
            else { throw error(segment, "\(segment.id)\(pad(position)) '\(text.prefix(20))' is not a date (CCYYMMDD)") }
            return date
        }

        func money(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

        func pad(_ position: Int) -> String { position < 10 ? "0\(position)" : "\(position)" }

        func error(_ segment: X12Interchange.Segment, _ reason: String) -> X12ReadError {
            X12ReadError(segment: segment.number, id: segment.id, reason: reason)
        }

        func peek() -> X12Interchange.Segment? { index < segments.count ? segments[index] : nil }

        mutating func next() -> X12Interchange.Segment? {
            defer { index += 1 }
            return peek()
        }

        mutating func expect(_ id: String, _ why: String) throws(X12ReadError) -> X12Interchange.Segment {
            guard let segment = peek() else {
                throw X12ReadError(
                    segment: segments.last.map { $0.number + 1 }, id: id,
                    reason: "the file ends where \(id) should be (\(why)): it was cut off")
            }
            guard segment.id == id else { throw error(segment, "expected \(id) here (\(why)), found \(segment.id)") }
            index += 1
            return segment
        }
    }
}
