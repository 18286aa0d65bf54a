/// Lines of comma-separated values as RFC 4180 writes them (CRLF line ends; a field with a comma, a
/// quote or a line break is quoted, its quotes doubled), for files people open in spreadsheets.
public enum CSVText {
    /// One field of a line.
    public enum Cell: Equatable, Sendable {
        /// Text someone typed (a name, an address, a note): a spreadsheet would run one that begins
        /// with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so such text is written
        /// after an apostrophe (OWASP's advice for CSV injection).
        case text(String?)
        /// A value Rapport wrote in a known format: an amount, a date, a time, a number, an id.
        case value(String?)
    }

    public static func line(_ cells: [Cell]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    public static func line(header names: [String]) -> String {
        line(names.map { .value($0) })
    }

    static func field(_ cell: Cell) -> String {
        let text: String
        switch cell {
        case .value(let value): text = value ?? ""
        case .text(let value):
            let value = value ?? ""
            text = value.first.map { formulaStarts.contains($0) } == true ? "'" + value : value
        }
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]
}
