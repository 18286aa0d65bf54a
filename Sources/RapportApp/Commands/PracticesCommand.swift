import Fluent
import Foundation
import Vapor

/// `rapport practices list` shows the practices in the database; `rapport practices create --name
/// … --time-zone … --currency … --owner … --email …` adds one with its owner (the password is
/// asked for, or read from standard input with `--password-stdin`) and prints the owner's API token.
struct PracticesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "list or create")
        var action: String

        @Option(name: "name", help: "create: the practice's name")
        var name: String?

        @Option(name: "time-zone", help: "create: an IANA time zone such as America/Chicago")
        var timeZone: String?

        @Option(name: "currency", help: "create: an ISO 4217 code such as USD")
        var currency: String?

        @Option(name: "owner", help: "create: the owner's name")
        var owner: String?

        @Option(name: "email", help: "create: the owner's email, with which they sign in")
        var email: String?

        @Flag(name: "password-stdin", help: "create: read the owner's password from standard input")
        var passwordStdin: Bool

        @Flag(name: "not-clinician", help: "create: the owner does not see clients themselves")
        var notClinician: Bool
    }

    var help: String { "Lists the practices in this database, or creates another with its owner." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        try await app.migrateInTurn()
        switch signature.action {
        case "list":
            for practice in try await Practice.query(on: app.db).sort(\.$name).all() {
                let id = try practice.requireID()
                let people = try await User.query(on: app.db).filter(\.$practiceID == id).count()
                let clients = try await Client.query(on: app.db).filter(\.$practiceID == id).count()
                console.print("\(id)  \(practice.name)  (\(people) staff, \(clients) clients)")
            }
        case "create":
            let password: String
            if signature.passwordStdin {
                password = readLine(strippingNewline: true) ?? ""
            } else {
                password = console.ask("The owner's password (at least 10 characters):", isSecure: true)
            }
            let input = PracticeSetup.Input(
                practiceName: signature.name, timeZone: signature.timeZone, currency: signature.currency,
                ownerName: signature.owner, email: signature.email, password: password,
                ownerIsClinician: !signature.notClinician)
            let setup = PracticeSetup(database: app.db, passwords: app.passwords)
            do {
                let made = try await setup.createAnother(input, by: nil)
                console.print("Created practice \(made.practiceId); its owner signs in with \(signature.email ?? "").")
                console.print("The owner's API token (shown once): \(made.token)")
            } catch let error as UseCaseError {
                let problems = error.fields.isEmpty
                    ? [error.message] : error.fields.map { "--\(Self.option($0.key.description)): \($0.value)" }.sorted()
                throw ExportCommandError(problems.joined(separator: "; "))
            }
        default:
            throw ExportCommandError("'\(signature.action)' is not an action: rapport practices list|create")
        }
    }

    /// The option that gives an input field.
    private static func option(_ field: String) -> String {
        switch field {
        case "practiceName": "name"
        case "timeZone": "time-zone"
        case "ownerName": "owner"
        default: field
        }
    }
}
