import Foundation

/// A program outside Rapport (PostgreSQL's client tools), run to completion off the event loops.
struct ExternalTool {
    let name: String
    let executable: URL

    /// `name` from PATH, else from the newest `/usr/lib/postgresql/VERSION/bin`.
    static func postgres(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> ExternalTool
    {
        let manager = FileManager.default
        let onPath = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" }
        let versions = ((try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "/usr/lib/postgresql/\($0)/bin/\(name)" }
        guard let found = (onPath + versions).first(where: { manager.isExecutableFile(atPath: $0) }) else {
            throw BackupError.toolMissing(name)
        }
        return ExternalTool(name: name, executable: URL(fileURLWithPath: found))
    }

    struct Result {
        let output: String
        let errors: String
    }

    /// Runs the tool with `arguments`, adding `environment` to this process's; throws
    /// ``BackupError/toolFailed(_:_:)`` with what it wrote to standard error when it exits non-zero.
    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Files rather than pipes: a tool that fills one pipe while we drain the other cannot stall.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: BackupError.toolFailed(name, "\(error)"))
            }
        }
        try? out.close()
        try? err.close()
        let result = Result(
            output: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            errors: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
        guard status == 0 else {
            let message = result.errors.trimmingCharacters(in: .whitespacesAndNewlines)
            throw BackupError.toolFailed(name, message.isEmpty ? "exit status \(status)" : message)
        }
        return result
    }
}
