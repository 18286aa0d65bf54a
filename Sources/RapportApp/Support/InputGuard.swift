import Vapor

/// Refuses, before any route runs, an address that no route should have to read: control
/// characters (NUL above all: SQLite would cut text short at it, PostgreSQL refuse it) or broken
/// percent-encoding in the path or query. Bodies are checked where they are decoded
/// (``StrictJSON`` and ``Request/formValues()``).
struct InputGuard: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let url = request.url
        for (part, text) in [("path", url.path), ("query", url.query ?? "")] {
            guard let decoded = text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                throw UseCaseError.malformed("the address's \(part) has broken percent-encoding")
            }
            if ControlCharacters.found(in: decoded) {
                throw UseCaseError.malformed("the address's \(part) contains a control character (such as NUL)")
            }
        }
        return try await next.respond(to: request)
    }
}

/// Control characters no text field may hold: C0 codes but tab, line feed and carriage return, and DEL.
enum ControlCharacters {
    static func found(in text: String) -> Bool {
        text.unicodeScalars.contains { ($0.value < 0x20 || $0.value == 0x7F) && !["\t", "\n", "\r"].contains($0) }
    }
}
