import Foundation
import Vapor

/// A request body decoded strictly (see ``StrictJSON``): unknown fields at any depth, control
/// characters in text and numbers that do not fit are refused, so a typo such as `"fe": 130` never
/// looks like a successful change.
protocol StrictContent: Decodable, Sendable {}

extension Request {
    /// Decodes a JSON body strictly.
    func decodeStrict<T: StrictContent>(_ type: T.Type) throws -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw APIError.malformed("a JSON body is required")
        }
        // One parse: a body that is not JSON, or not an object, fails in the decoder with no field
        // named, and the error middleware says so.
        return try StrictJSON.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
