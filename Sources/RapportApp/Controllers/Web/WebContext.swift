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
            showsSettings: actor.role?.permissions.contains(.manageSettings) == true,
            showsExport: actor.role?.permissions.contains(.exportData) == true)
    }

    /// A form post's fields as plain strings (everything a browser sends is text). A control
    /// character (NUL…) in any field is refused, naming the field, rather than stored cut short.
    func formValues() throws -> [String: String] {
        var values = try URLEncoded.values(body.string ?? "")
        values["_csrf"] = nil
        if let field = values.keys.sorted().first(where: { ControlCharacters.found(in: values[$0] ?? "") }) {
            throw UseCaseError.invalid(FieldPath(key: field), "must not contain control characters (such as NUL)")
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

/// Amounts as the practice's people type them (`130`, `130.50`, `$1,250.50` in the US; `130,50`,
/// `1.250,50 €` in Germany), read strictly by the practice's ``MoneyFormat``.
enum TypedMoney {
    static func parse(_ text: String?, currency: Currency) -> Money? {
        guard let text else { return nil }
        return try? PracticeLocale.format.parse(text, currency: currency).get()
    }

    /// The sentence for beside the field when `text` is refused.
    static func problem(_ text: String?, currency: Currency) -> String {
        guard let text, case .failure(let error) = PracticeLocale.format.parse(text, currency: currency) else {
            return "Enter an amount"
        }
        return error.message
    }
}

extension FormState {
    /// The amount typed in `name`; one that cannot be read gets its sentence beside the field.
    mutating func money(_ name: String, currency: Currency) -> Money? {
        let amount = TypedMoney.parse(values[name], currency: currency)
        if amount == nil { errors[name] = TypedMoney.problem(values[name], currency: currency) }
        return amount
    }

    /// The amount typed in `name`, nil when the field is empty.
    mutating func optionalMoney(_ name: String, currency: Currency) -> Money? {
        (values[name] ?? "").trimmingCharacters(in: .whitespaces).isEmpty ? nil : money(name, currency: currency)
    }

    /// The whole number typed in `name` (a trailing % is allowed for percentages), nil when the
    /// field is empty; anything else is said beside the field.
    mutating func optionalWholeNumber(_ name: String, example: String) -> Int? {
        var text = (values[name] ?? "").trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard !text.isEmpty else { return nil }
        guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text) else {
            errors[name] = "Enter a whole number such as \(example)"
            return nil
        }
        return number
    }

    /// The id chosen in `name`, nil when none is; text that is no id gets `problem` beside the field.
    mutating func optionalID(_ name: String, problem: String) -> UUID? {
        let text = values[name] ?? ""
        guard !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else {
            errors[name] = problem
            return nil
        }
        return id
    }

    /// The option chosen in `name` (a select's value), nil when none is; a value that is not one of
    /// `options` gets `problem` beside the field, so a list is never shown unfiltered in its place.
    mutating func optionalChoice(_ name: String, among options: [String], problem: String) -> String? {
        let text = values[name] ?? ""
        guard !text.isEmpty else { return nil }
        guard options.contains(text) else {
            errors[name] = problem
            return nil
        }
        return text
    }

    /// A period typed in two date fields, `from` and `to`, each nil when left empty; a date that
    /// does not read, or a `to` before `from`, is said beside its field.
    mutating func period(example: LocalDate) -> (from: LocalDate?, to: LocalDate?) {
        let from = optionalDate("from", example: example)
        let to = optionalDate("to", example: example)
        if let from, let to, to < from { errors["to"] = "Enter a date on or after the From date" }
        return (from, to)
    }

    /// The date typed in `name`, nil when the field is empty; one that is not a date is said beside
    /// the field, with `example` to show the shape.
    mutating func optionalDate(_ name: String, example: LocalDate) -> LocalDate? {
        let text = values[name] ?? ""
        guard !text.isEmpty else { return nil }
        guard let date = LocalDate(text) else {
            errors[name] = "Enter a date such as \(example)"
            return nil
        }
        return date
    }
}

/// A date and a time from a form's two fields, read strictly (no February 30th, no 25:00), with the
/// problem named on the field it belongs to.
enum TypedDateTime {
    static func parse(date: String?, time: String?) -> Result<LocalDateTime, FieldProblem> {
        let dateText = (date ?? "").trimmingCharacters(in: .whitespaces)
        let timeText = (time ?? "").trimmingCharacters(in: .whitespaces)
        guard let day = LocalDate(dateText) else {
            return .failure(
                FieldProblem(
                    field: "date",
                    message: dateText.isEmpty
                        ? "Enter a date" : "\(dateText) is not a date on the calendar (yyyy-MM-dd)"))
        }
        guard let local = LocalDateTime("\(day)T\(timeText)") else {
            return .failure(
                FieldProblem(
                    field: "time",
                    message: timeText.isEmpty ? "Enter a time" : "\(timeText) is not a time of day (00:00 to 23:59)"))
        }
        return .success(local)
    }

    struct FieldProblem: Error {
        let field: String
        let message: String
    }
}
