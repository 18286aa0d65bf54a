import Foundation
import Vapor

/// API tokens are random 32-byte secrets shown once; only their SHA-256 hash is stored.
enum TokenHasher {
    /// A new token, e.g. `rpt_3q2…`, and the hash to store for it.
    static func newToken() -> (token: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token =
            "rpt_"
            + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, hash(token))
    }

    static func hash(_ token: String) -> String {
        sha256Hex(token)
    }
}
