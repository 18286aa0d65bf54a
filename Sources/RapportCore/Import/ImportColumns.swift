import Foundation

/// A column an import reads: the names other products give it, and Rapport's own.
public protocol ImportField: Hashable, Sendable, CaseIterable {
    /// The names (in ``ImportColumns/key(_:)`` form) that mean each column.
    static var names: [Self: [String]] { get }
    /// How Rapport's export and its messages name the column.
    var title: String { get }
}

extension ImportColumns where Field: ImportField {
    public init(header: [String]) { self.init(header: header, names: Field.names) }

    /// The file's own title for a column it has, else Rapport's name for it.
    public func title(of field: Field) -> String { titles[field] ?? field.title }

    /// Which column of the file each field was read from, by Rapport's names.
    public var used: [String: String] { Dictionary(uniqueKeysWithValues: titles.map { ($0.key.title, $0.value) }) }
}

/// What the columns of an imported file mean: each header is matched, after lower-casing and
/// dropping everything but letters and digits, against the names common exports use for it
/// ("Date of Birth", "DOB", "birthdate"…), so a file exported from another product maps without
/// editing.
public struct ImportColumns<Field: Hashable & Sendable>: Sendable {
    /// The column each field was found in, by position.
    public let positions: [Field: Int]
    /// The file's title of each field's column.
    public let titles: [Field: String]
    /// Headers matched to no field (ignored, and listed so the person importing sees them).
    public let ignored: [String]
    /// Fields named by two columns.
    public let duplicates: [(Field, [String])]

    /// - Parameter names: every name each field may have, already in key form (see ``key(_:)``).
    public init(header: [String], names: [Field: [String]]) {
        var byKey: [String: Field] = [:]
        for (field, keys) in names { for key in keys { byKey[key] = field } }
        var positions: [Field: Int] = [:]
        var titles: [Field: String] = [:]
        var seen: [Field: [String]] = [:]
        var ignored: [String] = []
        for (index, title) in header.enumerated() {
            guard let field = byKey[Self.key(title)] else {
                if !title.trimmingCharacters(in: .whitespaces).isEmpty { ignored.append(title) }
                continue
            }
            seen[field, default: []].append(title)
            if positions[field] == nil {
                positions[field] = index
                titles[field] = title
            }
        }
        self.positions = positions
        self.titles = titles
        self.ignored = ignored
        self.duplicates = seen.filter { $0.value.count > 1 }.map { ($0.key, $0.value) }
    }

    /// `"Date of Birth"` → `"dateofbirth"`.
    public static func key(_ title: String) -> String {
        String(title.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The row's value for `field`, trimmed; nil when the column is absent or the cell empty.
    public func value(_ field: Field, in row: [String]) -> String? {
        guard let position = positions[field], position < row.count else { return nil }
        let value = row[position].trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }
}

/// A column of dates as practice software writes them: `2026-01-05`, `01/05/2026` or
/// `05.01.2026`. A column uses one way throughout — a date written another way is an error, not a
/// guess. Slashed dates are month-first unless the column shows otherwise (a first number above
/// 12, and no second one above 12).
public struct ImportDateColumn: Sendable {
    public enum Style: String, Sendable {
        case iso = "yyyy-MM-dd"
        case monthFirst = "MM/dd/yyyy"
        case dayFirst = "dd/MM/yyyy"
        case dotted = "dd.MM.yyyy"
    }

    /// How the column writes its dates (from its first date); nil for a column with none.
    public let style: Style?

    public init(_ values: [String]) {
        let written = values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let first = written.first, let kind = Self.kind(first) else {
            style = nil
            return
        }
        if kind != .monthFirst {
            style = kind
            return
        }
        let slashed = written.filter { Self.kind($0) == .monthFirst }.map { Self.numbers($0) }
        let firstOver12 = slashed.contains { $0[0] > 12 }
        let secondOver12 = slashed.contains { $0[1] > 12 }
        style = firstOver12 && !secondOver12 ? .dayFirst : .monthFirst
    }

    /// The date, or why it is not one, in words for the row's problem list.
    public func parse(_ text: String) -> Result<LocalDate, ImportProblem> {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard let kind = Self.kind(text) else {
            return .failure(.init("'\(text)' is not a date; write it as \(style?.rawValue ?? Style.iso.rawValue)"))
        }
        let style = style ?? kind
        let sameFamily = kind == style || (kind == .monthFirst && style == .dayFirst)
        guard sameFamily else {
            return .failure(
                .init("'\(text)' is written \(kind.rawValue) but this column's dates are \(style.rawValue); write every date the same way"))
        }
        let n = Self.numbers(text)
        let date: LocalDate? =
            switch style {
            case .iso: LocalDate(year: n[0], month: n[1], day: n[2])
            case .monthFirst: LocalDate(year: n[2], month: n[0], day: n[1])
            case .dayFirst, .dotted: LocalDate(year: n[2], month: n[1], day: n[0])
            }
        return date.map { .success($0) } ?? .failure(.init("'\(text)' is not a date on the calendar (\(style.rawValue))"))
    }

    /// The date in `text`, or nil with the reason handed to `problem` (nil for no text at all).
    public func date(_ text: String?, problem: (String) -> Void) -> LocalDate? {
        guard let text else { return nil }
        switch parse(text) {
        case .success(let date): return date
        case .failure(let failure):
            problem(failure.message)
            return nil
        }
    }

    /// The way a single date is written: ISO, slashed (month- or day-first: decided by the column), dotted.
    static func kind(_ text: String) -> Style? {
        let parts = text.split(separator: text.contains("-") ? "-" : text.contains("/") ? "/" : ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        if text.contains("-") { return parts[0].count == 4 ? .iso : nil }
        guard parts[2].count == 4 else { return nil }
        return text.contains("/") ? .monthFirst : .dotted
    }

    static func numbers(_ text: String) -> [Int] {
        text.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).compactMap { Int($0) }
    }
}

/// One problem with one cell or row of an imported file, in words.
public struct ImportProblem: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
