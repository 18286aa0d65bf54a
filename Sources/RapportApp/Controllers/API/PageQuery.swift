import Vapor

/// `?limit=&offset=` of a list with no other filter. Decoded, not looked up, so a limit or offset
/// that is not a whole number is refused rather than read as none.
struct PageQuery: Content {
    var limit: Int?
    var offset: Int?

    static func page(of req: Request) throws -> Page {
        let query = try req.query.decode(PageQuery.self)
        return try Page(limit: query.limit, offset: query.offset)
    }
}
