import Vapor

extension Request {
    /// `path` as a full address on this server, as the caller reached it: the scheme from
    /// `RAPPORT_SECURE_COOKIES` (set when served over TLS), the host from the request's `Host`.
    func absoluteURL(_ path: String) -> String {
        let scheme = application.settings.secureCookies ? "https" : "http"
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")
        let host = headers.first(name: .host).flatMap { $0.isEmpty || !$0.allSatisfy(allowed.contains) ? nil : $0 }
        return "\(scheme)://\(host ?? "127.0.0.1:8080")\(path)"
    }
}
