import Foundation
import Vapor

/// A request body whose unknown fields are refused rather than silently ignored: a typo such as
/// `"fe": 130` must not look like a successful change.
protocol StrictContent: Decodable, Sendable {
    associatedtype CodingKeys: CodingKey & CaseIterable
}

extension Request {
    /// Decodes a JSON body, refusing fields `T` does not know.
    func decodeStrict<T: StrictContent>(_ type: T.Type) throws -> T {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw APIError.malformed("a JSON body is required")
        }
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw APIError.malformed("the body must be a JSON object")
        }
        let known = Set(T.CodingKeys.allCases.map(\.stringValue))
        let unknown = fields.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw APIError.malformed(
                "unknown field\(unknown.count > 1 ? "s" : "") \(unknown.joined(separator: ", "))", field: unknown[0])
        }
        return try JSONDecoder.rapport.decode(T.self, from: data)
    }
}
