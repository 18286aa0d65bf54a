import Foundation
import Vapor

/// What a new password must be, and how it is stored.
///
/// At least 12 characters and not one of the passwords attackers try first (OWASP ASVS 5.0
/// 6.2.1 and 6.2.4): the list ships in Resources/ (see its LICENSE file) and is read once per
/// process. Stored as bcrypt at `cost`.
struct PasswordPolicy: Sendable {
    static let minimumLength = 12

    /// A bcrypt hash of a random secret, made once, verified against when no account matches, so
    /// an unknown email takes as long as a wrong password.
    static let decoyHash = (try? Bcrypt.hash(UUID().uuidString, cost: 12)) ?? ""

    let cost: Int
    let commonPasswords: Set<String>

    /// Adds a message for `field` when `password` may not be used.
    func check(_ password: String, field: FieldPath = "password", errors: inout FieldErrors) {
        if password.count < Self.minimumLength {
            errors.add(field, "must be at least \(Self.minimumLength) characters")
        } else if isCommon(password) {
            errors.add(field, "is one of the most commonly used passwords; choose another")
        }
    }

    /// Compared as the list is kept: lowercased, without surrounding spaces.
    func isCommon(_ password: String) -> Bool {
        commonPasswords.contains(password.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// bcrypt at `cost`, off the event loop: at cost 12 a hash takes about a quarter of a second,
    /// which on an event loop would hold up every other request on that thread.
    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { try Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches a stored bcrypt hash, checked off the event loop like ``hash(_:)``.
    func verify(_ password: String, against hash: String) async -> Bool {
        (try? await NIOThreadPool.singleton.runIfActive { try Bcrypt.verify(password, created: hash) }) == true
    }
}

/// The shipped list of common passwords.
enum CommonPasswords {
    /// Read the first time it is asked for; ``configure(_:settings:)`` asks at start, so an
    /// install without the file fails to start rather than accepting every password.
    static let shipped = Result { try load() }

    static func load() throws -> Set<String> {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt") else {
            throw MissingResource(name: "common-passwords.txt")
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        return Set(text.split(separator: "\n").map { $0.lowercased() })
    }
}

struct MissingResource: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) is missing from Rapport's resources" }
}

extension Application {
    /// The password policy ``configure(_:settings:)`` set up.
    var passwords: PasswordPolicy {
        guard let policy = storage[PasswordPolicyKey.self] else {
            preconditionFailure("configure(_:settings:) sets the password policy before any request")
        }
        return policy
    }
}

struct PasswordPolicyKey: StorageKey {
    typealias Value = PasswordPolicy
}
