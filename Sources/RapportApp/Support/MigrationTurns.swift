import FluentPostgresDriver
import Vapor

extension Application {
    /// The advisory lock that servers and commands sharing one PostgreSQL database take in turn
    /// to bring its schema up to date (`"rapport-migrations"` as a number).
    static let migrationLock: Int64 = 0x7261_7070_6d69_6772

    /// Brings the schema up to date, one process at a time.
    ///
    /// Fluent's migrator reads which migrations have run, then runs the rest, each in several
    /// statements and outside a transaction. Two servers started together after an upgrade would
    /// both find a migration to run and both run it: one fails part way (a column that already
    /// exists), leaving its migration unrecorded and its change half made, so no server can start
    /// again. On PostgreSQL a process first takes an advisory lock on a connection of its own,
    /// outside the pool (the migrator may need every pooled connection); the second waits, then
    /// finds nothing left to run. The lock ends with the connection, even if the process dies.
    /// A SQLite file is served by one process.
    public func migrateInTurn() async throws {
        try await inMigrationTurn { try await self.autoMigrate().get() }
    }

    /// Runs `body` (which migrates) holding the migration turn: at once on SQLite; on PostgreSQL
    /// once no other process of this database holds it (``migrateInTurn()``, `rapport migrate`).
    func inMigrationTurn<T>(_ body: () async throws -> T) async throws -> T {
        guard case .postgres(let url) = settings.database else { return try await body() }
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let connection = try await PostgresConnection.connect(
            on: eventLoopGroup.any(), configuration: configuration, id: 0, logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLock))", logger: logger)
            let result = try await body()
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}
