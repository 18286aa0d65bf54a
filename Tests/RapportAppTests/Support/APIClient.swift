import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Talks to the app as an API client would: JSON in, JSON out, with a bearer token. Every answer
/// from `/api/v1` is checked against openapi.json (``DocumentedAPI``), so each test that calls the
/// API also proves the document describes what it received.
struct APIClient {
    let app: Application
    var token: String?

    struct Reply {
        let status: HTTPStatus
        let json: JSON
        let headers: HTTPHeaders
        var text: String
    }

    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, _ body: String? = nil, headers extra: HTTPHeaders = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if body != nil { headers.contentType = .json }
        let response = try await app.testing().sendRequest(
            method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let text = response.body.string
        if path.hasPrefix("/api/v1/"), method != .HEAD {
            for problem in DocumentedAPI.shared.problems(
                method: method.rawValue, target: path, status: Int(response.status.code), body: text)
            {
                Issue.record("\(method) \(path) answered \(response.status.code) unlike openapi.json: \(problem)")
            }
        }
        return Reply(status: response.status, json: JSON(parsing: text), headers: response.headers, text: text)
    }

    func get(_ path: String) async throws -> Reply { try await send(.GET, path) }
    func post(_ path: String, _ body: String) async throws -> Reply { try await send(.POST, path, body) }
    func patch(_ path: String, _ body: String) async throws -> Reply { try await send(.PATCH, path, body) }
    func delete(_ path: String) async throws -> Reply { try await send(.DELETE, path) }
}

/// A parsed JSON value with forgiving subscripts, so checks read like the response.
struct JSON: CustomStringConvertible {
    let value: Any?

    init(_ value: Any?) { self.value = value }

    init(parsing text: String) {
        value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    subscript(key: String) -> JSON { JSON((value as? [String: Any])?[key]) }
    subscript(index: Int) -> JSON {
        guard let array = value as? [Any], array.indices.contains(index) else { return JSON(nil) }
        return JSON(array[index])
    }

    var string: String? { value as? String }
    var int: Int? { (value as? NSNumber)?.intValue }
    var bool: Bool? { (value as? NSNumber)?.boolValue }
    var array: [JSON] { (value as? [Any])?.map(JSON.init) ?? [] }
    var isNull: Bool { value == nil || value is NSNull }
    var description: String {
        guard let value,
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
        else { return "nil" }
        return String(decoding: data, as: UTF8.self)
    }
}
