import Foundation
import Vapor

extension Request {
    /// Decodes a use case's input from a JSON body, strictly (see ``UseCaseInput``).
    func decodeStrict<T: UseCaseInput>(_ type: T.Type) throws -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw UseCaseError.malformed("a JSON body is required")
        }
        // One parse: a body that is not JSON, or not an object, fails in the decoder with no field
        // named, and the error middleware says so.
        return try StrictJSON.decode(T.self, from: Data(buffer.readableBytesView))
    }
}
