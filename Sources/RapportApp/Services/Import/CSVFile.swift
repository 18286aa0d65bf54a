import CSV
import Foundation

/// A CSV file as text rows, read with CSV.swift: quoted fields with commas, quotes and line breaks,
/// a UTF-8 byte-order mark, Windows line ends, and `;` or tab separators (whichever the header line
/// uses most). Text that is not UTF-8 is read as Windows-1252, as spreadsheet programs on Windows
/// save it; a file with NUL bytes is binary (an .xlsx, say) and refused.
struct CSVFile: Sendable {
    let header: [String]
    /// The data rows, each with its line in the file (the header is line 1), blank rows left out.
    let rows: [(line: Int, cells: [String])]

    /// The most one import reads: enough for tens of thousands of clients.
    static let maxBytes = 20 << 20

    /// Why a file cannot be read at all, in words.
    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ data: Data) throws -> CSVFile {
        guard data.count <= maxBytes else {
            throw Unreadable(
                description: "the file is \(data.count >> 20) MB; import at most \(maxBytes >> 20) MB at a time (split it by rows, keeping the header in each part)")
        }
        guard !data.prefix(64 * 1024).contains(0) else {
            throw Unreadable(
                description: "the file is not text (it holds binary data: an Excel workbook, perhaps); save it as CSV and import that")
        }
        guard var text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw Unreadable(description: "the file's text cannot be read; save it as CSV in UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Unreadable(description: "the file is empty")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: separator(of: text))
        } catch {
            throw Unreadable(description: "the file has no header line")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [(line: Int, cells: [String])] = []
        var line = 1
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) { continue }
            rows.append((line, cells))
        }
        if let error = reader.error { throw Unreadable(description: "the file could not be read to its end (\(error))") }
        return CSVFile(header: header, rows: rows)
    }

    /// `,`, `;` or a tab: whichever the header line holds most of, outside quotes.
    static func separator(of text: String) -> UnicodeScalar {
        var counts: [UnicodeScalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted, scalar == "\n" || scalar == "\r" { break }
            if !quoted, counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != ",") }?.key ?? ","
    }
}
