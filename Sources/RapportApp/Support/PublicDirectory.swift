import Foundation

/// Where the stylesheet and scripts the pages link to are served from: `RAPPORT_PUBLIC_DIR` when
/// set, else `Public/` in the working directory, else the `Public/` of the source tree the binary
/// was built from — so `rapport serve` finds them wherever it is started.
enum PublicDirectory {
    /// A file every public directory of Rapport's holds.
    static let marker = "css/app.css"

    /// This file, where it was compiled (a default argument would give the caller's).
    private static let sourceFile = #filePath

    static func locate(
        workingDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        let candidates: [String] = [
            environment["RAPPORT_PUBLIC_DIR"].flatMap { $0.isEmpty ? nil : $0 },
            URL(fileURLWithPath: workingDirectory).appendingPathComponent("Public").path,
            // Sources/RapportApp/Support/PublicDirectory.swift → the package root.
            URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Public").path,
        ].compactMap { $0 }
        let found = candidates.first { directory in
            FileManager.default.fileExists(atPath: URL(fileURLWithPath: directory).appendingPathComponent(marker).path)
        }
        let directory = found ?? candidates[0]
        return directory.hasSuffix("/") ? directory : directory + "/"
    }
}
