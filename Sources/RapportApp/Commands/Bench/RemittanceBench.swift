import Fluent
import Foundation
import RapportCore
import SQLKit

/// The payer's answer to the month-end claims: one 835 paying every claim ``ClaimsBench`` sent —
/// each line paid with a contractual write-off (CO-45) and a $20.00 copay (PR-3) — previewed, then
/// posted, each timed from a cold start of the import.
struct RemittanceBench {
    let database: any Database
    let actor: Actor

    func run() async throws -> [BenchMeasurement] {
        let claims = try await ClaimRow.read(on: database) {
            $0.where("practice_id", .equal, actor.practiceID).where("status", .equal, ClaimStatus.submitted.rawValue)
        }
        let lines = Dictionary(
            grouping: try await ClaimLineRow.read(claims: try claims.map { try $0.requireID() }, on: database),
            by: \.claimID)
        let file = try Self.remittance(paying: claims, lines: lines)
        let input = RemittanceInput(x12: file)
        let importer = RemittanceImport(database: database, actor: actor)
        let (preview, previewed) = try await timed { try await importer.preview(input) }
        guard preview.claims.count == claims.count, preview.exceptions.isEmpty else {
            throw BenchError("the preview posts \(preview.claims.count) of \(claims.count) claims: \(preview.exceptions.first?.description ?? "")")
        }
        let (posted, seconds) = try await timed { try await importer.post(input) }
        guard posted.claims.count == claims.count else {
            throw BenchError("posting posted \(posted.claims.count) of \(claims.count) claims")
        }
        let lineCount = lines.values.reduce(0) { $0 + $1.count }
        let size = "\(file.utf8.count / 1024) KB, \(lineCount) service lines"
        return [
            BenchMeasurement(
                workload: "835 preview: \(claims.count) claims", seconds: previewed,
                detail: "\(size); parsed, balanced, matched and planned, nothing written"),
            BenchMeasurement(
                workload: "835 post: \(claims.count) claims", seconds: seconds,
                detail: "\(size); payments, adjustments, patient responsibility and claim statuses written in one transaction"),
        ]
    }

    /// An 835 paying every line of `claims`: charge less a third written off and the $20.00 copay.
    static func remittance(paying claims: [ClaimRow], lines: [UUID: [ClaimLineRow]]) throws -> String {
        var body: [String] = []
        var total: Int64 = 0
        for claim in claims {
            let own = (claim.id.flatMap { lines[$0] } ?? []).sorted { $0.lineNumber < $1.lineNumber }
            let copay = min(2_000, own.map(\.charge).min() ?? 0)
            let writeOffs = own.map { ($0.charge - copay) / 3 }
            let paid = own.indices.reduce(Int64(0)) { $0 + own[$1].charge - copay - writeOffs[$1] }
            let owed = copay * Int64(own.count)
            total += paid
            body += [
                "CLP*\(claim.patientControlNumber)*1*\(amount(claim.total))*\(amount(paid))*\(amount(owed))*12*BENCH\(claim.number)*11*1",
                "NM1*QC*1*CLIENT*BENCH****MI*W\(claim.number)",
            ]
            for (index, line) in own.enumerated() {
                body += [
                    "SVC*HC:\(line.procedure)*\(amount(line.charge))*\(amount(line.charge - copay - writeOffs[index]))**1",
                    "DTM*472*\(line.dateOfService.description.replacingOccurrences(of: "-", with: ""))",
                    "CAS*CO*45*\(amount(writeOffs[index]))", "CAS*PR*3*\(amount(copay))", "REF*6R*\(line.lineID)",
                ]
            }
        }
        let header = [
            "BPR*I*\(amount(total))*C*CHK************20261201",
            "TRN*1*BENCH835*1512345678", "N1*PR*AETNA", "REF*2U*60054", "N1*PE*BENCHMARK PRACTICE*XX*1245319599",
            "LX*1",
        ]
        let transaction = ["ST*835*0001"] + header + body + ["SE*\(header.count + body.count + 2)*0001"]
        let envelope = [
            "ISA*00*          *00*          *ZZ*60054          *ZZ*BENCH01        *261201*1200*^*00501*000000001*0*T*:",
            "GS*HP*60054*BENCH01*20261201*1200*1*X*005010X221A1",
        ]
        return (envelope + transaction + ["GE*1*1", "IEA*1*000000001"]).joined(separator: "~\n") + "~\n"
    }

    /// Cents as an X12 decimal: `150`, `150.5`, `0.75`.
    private static func amount(_ cents: Int64) -> String {
        let fraction = cents % 100
        guard fraction != 0 else { return "\(cents / 100)" }
        let digits = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(cents / 100).\(digits.hasSuffix("0") ? String(digits.dropLast()) : digits)"
    }
}
