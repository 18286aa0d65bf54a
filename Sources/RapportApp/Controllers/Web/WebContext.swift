import Fluent
import RapportCore
import Vapor

extension Request {
    /// The page context for a signed-in browser request.
    func pageContext(_ section: PageContext.Section) async throws -> PageContext {
        let actor = try actor
        let practice = try await PracticeContext.of(actor, on: db)
        return PageContext(
            userName: actor.name, practiceName: practice.name,
            csrf: storage[CurrentWebSession.self]?.csrfToken ?? "", section: section,
            showsSettings: Role(rawValue: actor.role)?.permissions.contains(.manageSettings) == true)
    }

    /// A form post's fields as plain strings (everything a browser sends is text). A control
    /// character (NUL…) in any field is refused, naming the field, rather than stored cut short.
    func formValues() throws -> [String: String] {
        var values = URLEncoded.values(body.string ?? "")
        values["_csrf"] = nil
        if let field = values.keys.sorted().first(where: { ControlCharacters.found(in: values[$0] ?? "") }) {
            throw APIError.invalid(field, "must not contain control characters (such as NUL)")
        }
        return values
    }

    /// Whether the flyout's script sent this request and wants a fragment back, not a page.
    var wantsFragment: Bool { headers.first(name: "X-Rapport-Fragment") == "1" }

    /// After a successful form post: go to `location` (303), or tell the flyout script where to go.
    func done(_ location: String) throws -> Response {
        if wantsFragment {
            let response = Response(status: .ok)
            try response.content.encode(["location": location], as: .json)
            return response
        }
        return redirect(to: location, redirectType: .normal)
    }

    /// A local path to return to, from a form's `return` or `next` field; never another site.
    func safeReturn(_ value: String?, fallback: String) -> String {
        SameSitePath.checked(value) ?? fallback
    }
}

/// Amounts as people type them: `130`, `130.00`, `$1,250.50`.
enum TypedMoney {
    static func parse(_ text: String?, currency: Currency) -> Money? {
        guard let text else { return nil }
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "$", with: "").replacingOccurrences(of: "£", with: "").replacingOccurrences(
                of: "€", with: "")
        return Money(decimal: cleaned, currency: currency)
    }
}
