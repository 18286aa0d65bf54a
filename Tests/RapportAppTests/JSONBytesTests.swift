import Foundation
import Testing
import Vapor

@testable import RapportApp
@testable import RapportCore

/// The hand-written JSON of the hot answers is byte for byte what `JSONEncoder.rapport` writes.
struct JSONBytesTests {
    /// Strings with everything JSON escapes, non-ASCII text and emoji, drawn from a fixed seed.
    @Test func stringsUUIDsAndInstantsAreWrittenAsTheEncoderWritesThem() throws {
        var random = SplitMix64(seed: 20261205)
        let alphabet: [Character] = Array("aZ09 \"\\/\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}é漢字🙂<>&'") + ["\u{2028}"]
        for _ in 0..<500 {
            let length = Int(random.next() % 24)
            let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            let id = UUID()
            let instant = Date(timeIntervalSince1970: TimeInterval(Int64(random.next() % 4_000_000_000) - 1_000_000_000))
            struct Sample: Encodable {
                let text: String
                let id: UUID
                let at: Date
            }
            var json = JSONBytes()
            json.objectStart()
            json.field("at", instant)
            json.field("id", id)
            json.field("text", text)
            json.objectEnd()
            let expected = try JSONEncoder.rapport.encode(Sample(text: text, id: id, at: instant))
            #expect(json.bytes == Array(expected), "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    /// Numbers at their edges, dates of every width of year, and both booleans.
    @Test func numbersDatesAndBooleansAreWrittenAsTheEncoderWritesThem() throws {
        var random = SplitMix64(seed: 20261206)
        var integers: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, .max, .min, .max - 1, .min + 1]
        for _ in 0..<300 { integers.append(Int64(bitPattern: random.next()) >> Int64(random.next() % 63)) }
        let dates = [LocalDate(year: 1, month: 1, day: 1), LocalDate(year: 999, month: 12, day: 31),
                     LocalDate(year: 2026, month: 2, day: 28), LocalDate(year: 9999, month: 12, day: 31)]
            .compactMap { $0 }
        for (index, integer) in integers.enumerated() {
            struct Sample: Encodable {
                let count: Int
                let date: LocalDate
                let flag: Bool
                let number: Int64
            }
            let sample = Sample(
                count: Int(truncatingIfNeeded: integer), date: dates[index % dates.count], flag: index % 2 == 0,
                number: integer)
            var json = JSONBytes()
            json.objectStart()
            json.field("count", sample.count)
            json.field("date", sample.date)
            json.field("flag", sample.flag)
            json.key("number")
            json.integer(sample.number)
            json.objectEnd()
            let expected = try JSONEncoder.rapport.encode(sample)
            #expect(json.bytes == Array(expected), "\(String(decoding: expected, as: UTF8.self))")
        }
    }

    /// A value the encoder cannot write fails the answer rather than turning into `null`.
    @Test func anEncodingErrorIsThrownNotWrittenAsNull() {
        struct Unwritable: Encodable {
            struct Refused: Error {}
            func encode(to encoder: any Encoder) throws { throw Refused() }
        }
        var json = JSONBytes()
        json.objectStart()
        json.field("fine", "yes")
        json.field("broken", encoded: Unwritable())
        json.objectEnd()
        #expect(throws: Unwritable.Refused.self) { try json.result() }
    }

    /// The outstanding report with a payer awaiting payment, a client aged past 60 days, one in
    /// credit and one whose name JSON escapes, as the encoder writes it; an aging with a key that
    /// is no bucket is written by the encoder, not dropped.
    @Test func theOutstandingReportMatchesTheEncoder() async throws {
        try await withRapport { app in
            let sent = try await RemittanceTests.Sent.make(app)
            let practice = sent.setup.practice
            let late = try await practice.makeClient(#"Zoë \"Z\""#, "O'Brien / Ruiz")
            _ = try await practice.invoice(
                late, [try await practice.book(late, daysFromToday: -70, attendance: "show")],
                issueDate: practice.date(daysFromToday: -65))
            _ = try await practice.invoice(late, [try await practice.book(late, daysFromToday: -2, attendance: "show")])
            let ahead = try await practice.makeClient("Paid", "Ahead")
            #expect(try await practice.pay(ahead, 4000).status == .created)

            let practiceID = try #require(try await Practice.query(on: app.db).first()).requireID()
            let owner = Actor(userID: nil, practiceID: practiceID, name: "Test", role: .owner)
            let report = try await Balances(database: app.db, actor: owner)
                .outstanding(page: try Page(limit: nil, offset: nil))
            #expect(report.clients.count == 2 && report.payers.count == 1)
            #expect(report.clients.contains { $0.credit.amount > 0 } && report.aging["61-90"]?.amount ?? 0 > 0)
            var json = JSONBytes()
            report.write(to: &json)
            #expect(try json.result() == Array(try JSONEncoder.rapport.encode(report)))

            let money = Money(amount: 100, currency: .usd)
            let odd = OutstandingReport.Row(
                clientId: UUID(), clientName: "x", openBalance: money, credit: money, balance: money,
                aging: ["0-30": money, "later": money])
            var written = JSONBytes()
            odd.write(to: &written)
            #expect(try written.result() == Array(try JSONEncoder.rapport.encode(odd)))
        }
    }

    /// Every kind of session the calendar and the client screen show — in a series, moved, with a
    /// typed fee, a location full of characters JSON escapes, a place of service, its own
    /// diagnoses, billed, insured — listed by the API exactly as the encoder writes the list.
    @Test func sessionListsAndTheClientScreenMatchTheEncoder() async throws {
        try await withRapport { app in
            let insured = try await SessionBillingTests.Insured.make(app)
            let practice = insured.setup.practice
            let client = insured.client
            _ = try await practice.bookWeekly(client, startingDaysFromToday: -14, count: 6)
            let plain = try await practice.book(
                client, daysFromToday: -3, attendance: "show",
                extra: #", "location": "Room \"B\" / 2nd floor\nback \\ door 🙂", "fee": {"amount": 9900, "currency": "USD"}, "placeOfService": "02""#
            )
            _ = try await practice.api.patch("/api/v1/sessions/\(plain)", #"{"diagnoses": ["F43.23", "F41.1"]}"#)
            _ = try await practice.book(client, daysFromToday: -6, attendance: "noShow")
            let paysThemselves = try await practice.book(client, daysFromToday: -5, attendance: "show")
            _ = try await practice.api.patch("/api/v1/sessions/\(paysThemselves)", #"{"selfPay": true}"#)
            _ = try await practice.invoice(client, [paysThemselves])
            // The client screen lists deleted and re-issued invoices too.
            var selfPay: [String] = []
            for day in [-8, -9] {
                let session = try await practice.book(client, daysFromToday: day, attendance: "show")
                _ = try await practice.api.patch("/api/v1/sessions/\(session)", #"{"selfPay": true}"#)
                selfPay.append(session)
            }
            let deleted = try await practice.invoice(client, [selfPay[0]])["id"].string ?? ""
            let reason = "Wrong%20fee%20%22B%22%20%2F%20redo"
            #expect(try await practice.api.delete("/api/v1/invoices/\(deleted)?reason=\(reason)").status == .ok)
            let reissued = try await practice.invoice(client, [selfPay[1]])["id"].string ?? ""
            #expect(try await practice.api.post("/api/v1/invoices/\(reissued)/reissue", "").status == .created)

            let actor = try #require(try await Practice.query(on: app.db).first()).requireID()
            let owner = Actor(userID: nil, practiceID: actor, name: "Test", role: .owner)
            let range = SessionScheduling.Range(
                from: Date().addingTimeInterval(-30 * 86_400), to: Date().addingTimeInterval(60 * 86_400),
                clinicianIDs: [], clientID: nil, limit: 2000)
            let sessions = try await SessionScheduling(database: app.db, actor: owner, settings: app.settings).list(range)
            #expect(sessions.count >= 8)
            #expect(sessions.contains { $0.placeOfService != nil && $0.diagnoses != nil && $0.location != nil })
            #expect(sessions.contains { $0.billing.to == "insurance" } && sessions.contains { $0.billed })
            let written = try JSONBytes.array(sessions)
            #expect(Array(buffer: written) == Array(try JSONEncoder.rapport.encode(sessions)))

            let overview = try await ClientOverviewReport(database: app.db, actor: owner, settings: app.settings)
                .load(try #require(UUID(uuidString: client)))
            #expect(overview.invoices.count == 4)
            #expect(overview.invoices.contains { $0.deleted?.reason != nil && $0.replacedByInvoiceId == nil })
            #expect(overview.invoices.contains { $0.replacedByInvoiceId != nil })
            var json = JSONBytes()
            overview.write(to: &json)
            #expect(try json.result() == Array(try JSONEncoder.rapport.encode(overview)))
        }
    }
}
