/// Limits how many tests hold a PostgreSQL database at once: every test app opens a connection
/// pool, and a cluster's connection slots are finite. SQLite tests are not limited.
actor DatabaseGate {
    static let postgres = DatabaseGate(permits: 6)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { available = permits }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
