import Foundation
import Testing
import Vapor

@testable import RapportApp

extension PracticeFixture {
    /// Books a single session `daysFromToday` (negative: in the past), optionally recording attendance.
    /// Every session is at 9:00 with the practice's one clinician, so several clients on a day
    /// overlap on purpose (`allowConflicts`): billing tests are not about the calendar, and
    /// ScheduleConflictAppTests is.
    func book(
        _ client: String, daysFromToday days: Int, attendance: String? = nil, extra: String = ""
    ) async throws -> String {
        let reply = try await api.post(
            "/api/v1/sessions",
            """
            {"clientId": "\(client)", "start": "\(instant(daysFromToday: days))", "allowConflicts": true\(attendance.map { #", "attendance": "\#($0)""# } ?? "")\(extra)}
            """)
        #expect(reply.status == .created, "\(reply.text)")
        return reply.json["id"].string ?? ""
    }

    /// Books a weekly series of `count` sessions starting `days` from today at 09:00; its JSON.
    func bookWeekly(_ client: String, startingDaysFromToday days: Int, count: Int = 12) async throws -> JSON {
        let reply = try await api.post(
            "/api/v1/series",
            """
            {"clientId": "\(client)", "clinicianId": "\(clinicianID)", "start": "\(localStart(daysFromToday: days))", "rule": "FREQ=WEEKLY;COUNT=\(count)"}
            """)
        #expect(reply.status == .created, "\(reply.text)")
        return reply.json
    }

    /// Makes an invoice by hand and returns its JSON.
    func invoice(_ client: String, _ sessions: [String], issueDate: String? = nil) async throws -> JSON {
        let ids = sessions.map { "\"\($0)\"" }.joined(separator: ", ")
        let date = issueDate.map { #", "issueDate": "\#($0)""# } ?? ""
        let reply = try await api.post(
            "/api/v1/invoices", #"{"clientId": "\#(client)", "sessionIds": [\#(ids)]\#(date)}"#)
        #expect(reply.status == .created, "\(reply.text)")
        return reply.json
    }

    func pay(_ client: String, _ amount: Int, apply: String = #""auto""#) async throws -> APIClient.Reply {
        try await api.post(
            "/api/v1/payments",
            """
            {"clientId": "\(client)", "amount": \(money(amount)), "method": "card", "apply": \(apply)}
            """)
    }

    /// A client with two sessions held (10 and 3 days ago) on one $300.00 invoice, $200.00 of it paid.
    func clientPartlyPaid() async throws -> String {
        let client = try await makeClient()
        _ = try await invoice(
            client,
            [
                try await book(client, daysFromToday: -10, attendance: "show"),
                try await book(client, daysFromToday: -3, attendance: "show"),
            ])
        _ = try await pay(client, 20000)
        return client
    }

    func balance(_ client: String) async throws -> JSON {
        try await api.get("/api/v1/clients/\(client)/balance").json
    }

    var today: String { zone.localDate(Date()).description }
    func date(daysFromToday days: Int) -> String { zone.localDate(Date()).adding(days: days).description }
}
