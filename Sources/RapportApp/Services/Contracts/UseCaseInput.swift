import Foundation

/// What a use case takes: a plain value a caller fills in. The API decodes one strictly from JSON
/// (``StrictJSON``: unknown fields at any depth, control characters in text and numbers that do not
/// fit are refused, so a typo such as `"fe": 130` never looks like a successful change); the web
/// builds one from a form's fields.
protocol UseCaseInput: Decodable, Sendable {}
