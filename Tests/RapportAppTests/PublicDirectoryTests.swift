import Foundation
import Testing

@testable import RapportApp

/// `rapport serve` finds the stylesheet and scripts wherever it is started from.
struct PublicDirectoryTests {
    @Test func startedElsewhereItFindsTheSourceTreesPublicFolder() {
        let found = PublicDirectory.locate(workingDirectory: "/tmp", environment: [:])
        #expect(FileManager.default.fileExists(atPath: found + PublicDirectory.marker), "\(found)")
        #expect(found.hasSuffix("Public/"))
    }

    @Test func anExplicitFolderWins() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-public-\(UUID())")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("css"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("body {}".utf8).write(to: folder.appendingPathComponent("css/app.css"))
        let found = PublicDirectory.locate(workingDirectory: "/", environment: ["RAPPORT_PUBLIC_DIR": folder.path])
        #expect(found == folder.path + "/")
    }

    @Test func aFolderWithoutTheStylesheetIsPassedOver() {
        let found = PublicDirectory.locate(
            workingDirectory: "/tmp", environment: ["RAPPORT_PUBLIC_DIR": "/nonexistent-rapport-folder"])
        #expect(FileManager.default.fileExists(atPath: found + PublicDirectory.marker))
    }
}
