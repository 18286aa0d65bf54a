import Foundation

/// A US phone number as typed on a form or in the API: ten digits, with the usual punctuation.
enum PhoneNumber {
    /// The number's ten digits, or nil with the problem added on `field`; nil and no problem when
    /// it is optional and left empty.
    static func digits(_ text: String?, field: FieldPath, required: Bool, errors: inout FieldErrors) -> String? {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty, !required { return nil }
        let digits = text.filter { $0.isASCII && $0.isNumber }
        let typed = text.allSatisfy { $0.isASCII && ($0.isNumber || " ()+-.".contains($0)) }
        guard digits.count == 10, typed else {
            errors.add(field, "must be a 10-digit phone number such as (217) 555-0100")
            return nil
        }
        return digits
    }

    /// Ten digits as people write them: (217) 555-0100.
    static func shown(_ digits: String) -> String {
        guard digits.count == 10 else { return digits }
        let characters = Array(digits)
        return "(\(String(characters[0..<3]))) \(String(characters[3..<6]))-\(String(characters[6..<10]))"
    }
}
