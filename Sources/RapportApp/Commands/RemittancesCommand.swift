import Fluent
import Foundation
import RapportCore
import Vapor

/// `rapport remittances preview FILE` shows what posting an 835 would do; `rapport remittances
/// import FILE` posts it. The practice is the one the remittance pays: its payee NPI is that
/// practice's billing provider's (or one of its clinicians').
struct RemittancesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "preview or import")
        var action: String

        @Argument(name: "file", help: "the 835 file")
        var file: String
    }

    var help: String { "Previews (preview) or posts (import) a payer's 835 remittance file." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        guard ["preview", "import"].contains(signature.action) else {
            console.error("Unknown action '\(signature.action)'. Try: rapport remittances preview FILE, or import FILE")
            throw RemittancesCommandError("usage: rapport remittances preview|import FILE")
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: signature.file)
        guard let size = attributes?[.size] as? Int else { throw RemittancesCommandError("\(signature.file): no such file") }
        guard size <= X12Interchange.maximumLength else {
            throw RemittancesCommandError("\(signature.file) is larger than 10 MB: it is not one payer's remittance")
        }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: signature.file)), as: UTF8.self)
        try await app.migrateInTurn()
        let input = RemittanceInput(x12: text)
        let details: RemittanceDetails
        do {
            let practiceID = try await RemittanceImport.practice(paidBy: text, on: app.db)
            let importer = RemittanceImport(
                database: app.db, actor: Actor.rapport("Remittance import", practiceID: practiceID))
            details = try await signature.action == "import" ? importer.post(input) : importer.preview(input)
        } catch let error as UseCaseError {
            throw RemittancesCommandError(error.fields.values.first ?? error.message)
        }
        let format = MoneyFormat.default(for: .usd)
        console.print(
            "\(details.payerName) payment \(details.traceNumber): \(format.format(details.payment))"
                + (details.posted ? ", posted." : ", not posted (preview)."))
        for claim in details.claims {
            console.print(
                "  claim #\(claim.claimNumber) \(claim.clientName): paid \(format.format(claim.paid)), written off \(format.format(claim.writtenOff)), client owes \(format.format(claim.patientResponsibility)) → \(claim.status)"
            )
        }
        for adjustment in details.providerAdjustments {
            console.print("  provider adjustment \(adjustment.reason): \(format.format(adjustment.amount))")
        }
        for exception in details.exceptions { console.print("  needs attention: \(exception.description)") }
    }
}

struct RemittancesCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
