import RapportCore
import Vapor

/// The signed-in practice's way of writing money, dates and times, bound for the request the way
/// its logger is: every page and message a request renders shows amounts in it without each view
/// being handed the practice. Outside a request (commands, jobs) it is US English.
enum PracticeLocale {
    @TaskLocal static var format = MoneyFormat(locale: Locale(identifier: "en_US"))
}

extension Money {
    /// The amount as the current practice writes it: `$1,250.00`, `1.250,00 €`.
    var shown: String { PracticeLocale.format.format(self) }
    /// The amount alone, as typed into a field: `1250.00`, `1250,00`.
    var typed: String { PracticeLocale.format.plain(self) }
}

/// Binds ``PracticeLocale/format`` to the signed-in actor's practice for the rest of the request.
struct PracticeLocaleMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let practice = request.auth.get(Actor.self)?.practice else { return try await next.respond(to: request) }
        return try await PracticeLocale.$format.withValue(practice.format) { try await next.respond(to: request) }
    }
}
