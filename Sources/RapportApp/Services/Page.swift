import Fluent

/// `?limit=&offset=` with bounds: both are checked before any arithmetic, so `offset + limit`
/// cannot overflow whatever a caller sends.
struct Page {
    let limit: Int
    let offset: Int

    /// Ten million rows in: past any list a practice has, and far from `Int` overflow.
    static let maxOffset = 10_000_000

    init(limit: Int?, offset: Int?, defaultLimit: Int = 100, maxLimit: Int = 500) throws {
        var errors = FieldErrors()
        if let limit, !(1...maxLimit).contains(limit) { errors.add("limit", "must be between 1 and \(maxLimit)") }
        if let offset, !(0...Self.maxOffset).contains(offset) {
            errors.add("offset", "must be between 0 and \(Self.maxOffset)")
        }
        try errors.throwIfAny()
        self.limit = limit ?? defaultLimit
        self.offset = offset ?? 0
    }

    /// The rows of this page, as a range of positions.
    var range: Range<Int> { offset..<(offset + limit) }
}

extension QueryBuilder {
    /// This page of the query's rows (after its sort).
    func page(_ page: Page) -> Self { range(page.range) }
}
