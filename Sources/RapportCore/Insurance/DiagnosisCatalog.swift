/// Descriptions of the ICD-10-CM codes therapy practices use most, so a code typed or searched shows
/// its words. Source: ICD-10-CM, National Center for Health Statistics (CDC), a US government work in
/// the public domain. This is not the whole code set: a well-shaped code that is not listed is
/// accepted without a description (the payer decides whether it exists).
public enum DiagnosisCatalog {
    public struct Entry: Sendable, Hashable {
        public let code: DiagnosisCode
        public let description: String
    }

    public static let entries: [Entry] = [
        ("F10.20", "Alcohol dependence, uncomplicated"),
        ("F31.81", "Bipolar II disorder"),
        ("F32.0", "Major depressive disorder, single episode, mild"),
        ("F32.1", "Major depressive disorder, single episode, moderate"),
        ("F32.2", "Major depressive disorder, single episode, severe without psychotic features"),
        ("F32.9", "Major depressive disorder, single episode, unspecified"),
        ("F32.A", "Depression, unspecified"),
        ("F33.0", "Major depressive disorder, recurrent, mild"),
        ("F33.1", "Major depressive disorder, recurrent, moderate"),
        ("F33.2", "Major depressive disorder, recurrent severe without psychotic features"),
        ("F33.9", "Major depressive disorder, recurrent, unspecified"),
        ("F34.1", "Dysthymic disorder"),
        ("F40.01", "Agoraphobia with panic disorder"),
        ("F40.10", "Social phobia, unspecified"),
        ("F41.0", "Panic disorder [episodic paroxysmal anxiety]"),
        ("F41.1", "Generalized anxiety disorder"),
        ("F41.9", "Anxiety disorder, unspecified"),
        ("F42.2", "Mixed obsessional thoughts and acts"),
        ("F43.10", "Post-traumatic stress disorder, unspecified"),
        ("F43.12", "Post-traumatic stress disorder, chronic"),
        ("F43.20", "Adjustment disorder, unspecified"),
        ("F43.21", "Adjustment disorder with depressed mood"),
        ("F43.22", "Adjustment disorder with anxiety"),
        ("F43.23", "Adjustment disorder with mixed anxiety and depressed mood"),
        ("F43.25", "Adjustment disorder with mixed disturbance of emotions and conduct"),
        ("F51.01", "Primary insomnia"),
        ("F60.3", "Borderline personality disorder"),
        ("F84.0", "Autistic disorder"),
        ("F90.0", "Attention-deficit hyperactivity disorder, predominantly inattentive type"),
        ("F90.1", "Attention-deficit hyperactivity disorder, predominantly hyperactive type"),
        ("F90.2", "Attention-deficit hyperactivity disorder, combined type"),
        ("F91.3", "Oppositional defiant disorder"),
        ("F93.0", "Separation anxiety disorder of childhood"),
        ("Z63.0", "Problems in relationship with spouse or partner"),
    ].compactMap { code, description in DiagnosisCode(code).map { Entry(code: $0, description: description) } }

    private static let byCode = Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0.description) })

    /// The description of a listed code, or nil.
    public static func description(of code: DiagnosisCode) -> String? { byCode[code] }

    /// Listed codes whose code starts with, or whose words contain, every word of `query`.
    public static func search(_ query: String) -> [Entry] {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return entries }
        return entries.filter { entry in
            let code = entry.code.description.lowercased()
            let text = entry.description.lowercased()
            return words.allSatisfy {
                code.hasPrefix($0) || code.filter { $0 != "." }.hasPrefix($0) || text.contains($0)
            }
        }
    }
}
