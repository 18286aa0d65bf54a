import Fluent
import Foundation

/// One sign-in attempt, kept to slow down password guessing (per account and per address).
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    @Field(key: "address") var address: String
    @Field(key: "succeeded") var succeeded: Bool
    @Field(key: "at") var at: Date

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $email, $address, $succeeded, $at] }

    init() {}

    init(email: String, address: String, succeeded: Bool, at: Date) {
        self.email = email
        self.address = address
        self.succeeded = succeeded
        self.at = at
    }
}
