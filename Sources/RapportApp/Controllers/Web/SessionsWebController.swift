import RapportCore
import Vapor

/// Booking sessions from the browser: single or repeating.
struct SessionsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("sessions", "new", use: page).requires(.writeSchedule)
        routes.post("sessions", "new", use: create).requires(.writeSchedule)
        routes.get("sessions", "new", "price", use: price).requires(.readSchedule)
        routes.get("sessions", "new", "series", use: series).requires(.readSchedule)
    }

    /// The series the form's repeat choices would book, in words, for the form to show before Save;
    /// a choice that makes no series says what is wrong instead.
    @Sendable func series(req: Request) async throws -> Response {
        let practice = try await req.useCases.practice()
        var values: [String: String] = [:]
        for name in ["date", "time", "repeat", "interval", "ends", "count", "until"] {
            values[name] = try req.queryValue(name)
        }
        return try await ["text": Self.seriesSummary(values, timeZone: practice.timeZone) ?? ""].encodeResponse(for: req)
    }

    /// "Weekly on Tuesdays at 10:00 AM, 20 sessions, until Apr 13, 2027"; nil when the form does not
    /// repeat or its date and time are not filled in yet.
    static func seriesSummary(_ values: [String: String], timeZone: TimeZone) -> String? {
        guard (values["repeat"] ?? "never") != "never",
            case .success(let start) = TypedDateTime.parse(date: values["date"], time: values["time"])
        else { return nil }
        var form = FormState(values: values)
        guard let rule = repeatRule(values, start: start, form: &form) else {
            return form.errors.sorted { $0.key < $1.key }.first.map(\.value)
        }
        return RuleText.summary(rule, start: start, timeZone: timeZone)
    }

    /// What a session would bill: the new-session form shows it as the client, service, date or fee change.
    @Sendable func price(req: Request) async throws -> Response {
        let practice = try await req.useCases.practice()
        guard let client = try req.queryValue("client").flatMap({ UUID(uuidString: $0) }),
            (try? await req.useCases.clients.get(client)) != nil
        else { return try await ["text": ""].encodeResponse(for: req) }
        let date = try req.queryValue("date").flatMap { LocalDate($0) } ?? practice.today
        let service = try req.queryValue("service").flatMap { UUID(uuidString: $0) }
        let fee = TypedMoney.parse(try req.queryValue("fee"), currency: practice.currency)
        let rules = try await req.useCases.pricingRules(practice).rules(forClient: client)
        let services = try await req.useCases.services.labels()
        let text: String
        if let price = try? Pricing.price(
            PricingRequest(date: date, chosenServiceID: service, feeOverride: fee), rules: rules)
        {
            text =
                "Bills \(services[price.serviceID]?.code ?? "") at \(price.fee.shown) — \(SourceText.fee(price.feeSource).lowercased())."
        } else {
            text = "No service yet: add one in Settings, or choose one here."
        }
        return try await ["text": text].encodeResponse(for: req)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let actor = try req.actor
        let practice = try await req.useCases.practice()
        var values = [
            "date": try req.queryValue("date") ?? practice.today.description,
            "time": Self.quarterHour(try req.queryValue("time")) ?? "09:00",
            "repeat": "never", "ends": "never", "interval": "2",
        ]
        if let client = try req.queryValue("client").flatMap({ UUID(uuidString: $0) }) {
            values["client"] = client.uuidString
            values["clinician"] = try await req.useCases.clients.get(client)
                .primaryClinicianId?.uuidString
        }
        // A click in a clinician's column of the day view books with them.
        if let clinician = try req.queryValue("clinician").flatMap({ UUID(uuidString: $0) }) {
            values["clinician"] = clinician.uuidString
        }
        if values["clinician"] == nil, let me = actor.clinicianID {
            values["clinician"] = me.uuidString
        }
        return try await render(req, form: FormState(values: values))
    }

    /// `HH:mm` from a query parameter, or nil when it is not a time of day.
    static func quarterHour(_ text: String?) -> String? {
        guard let text, let time = LocalDateTime("2000-01-01T\(text)") else { return nil }
        return time.time.hoursAndMinutes
    }

    @Sendable func create(req: Request) async throws -> Response {
        let values = try req.formValues()
        let practice = try await req.useCases.practice()
        var form = FormState(values: values)
        let client = UUID(uuidString: values["client"] ?? "")
        if client == nil { form.errors["client"] = "Choose a client" }
        let clinician = UUID(uuidString: values["clinician"] ?? "")
        if clinician == nil { form.errors["clinician"] = "Choose a clinician" }
        var start: LocalDateTime?
        switch TypedDateTime.parse(date: values["date"], time: values["time"]) {
        case .success(let local): start = local
        case .failure(let problem): form.errors[problem.field] = problem.message
        }
        var duration: Int?
        if let text = values["duration"], !text.isEmpty {
            duration = Int(text)
            if duration == nil { form.errors["duration"] = "Enter the length in minutes" }
        }
        let fee = (values["fee"] ?? "").isEmpty ? nil : form.money("fee", currency: practice.currency)
        let service = UUID(uuidString: values["service"] ?? "")
        let location = (values["location"] ?? "").isEmpty ? nil : values["location"]
        guard form.errors.isEmpty, let client, let clinician, let start else {
            return try await render(req, form: form)
        }
        let fields: [FieldPath: String] = [
            "clientId": "client", "clinicianId": "clinician", "start": "date", "durationMinutes": "duration",
            "fee": "fee",
            "serviceId": "service", "location": "location", "placeOfService": "placeOfService", "count": "count",
            "until": "until", "interval": "interval",
            "byDay": "repeat", "byMonthDay": "repeat", "frequency": "repeat", "rule": "repeat", "timeZone": "_form",
        ]
        // Empty: the practice's usual place (from its billing provider).
        let place = values["placeOfService"].flatMap { $0.isEmpty ? nil : $0 }
        // Sent by the conflict warning's "Book anyway".
        let allowConflicts = values["allowConflicts"] == "true" ? true : nil
        do {
            let sessionID: UUID
            if (values["repeat"] ?? "never") == "never" {
                var input = SessionInput(
                    clientId: client, clinicianId: clinician, start: practice.timeZone.instant(of: start),
                    durationMinutes: duration)
                input.location = location.map { .set($0) }
                input.placeOfService = place.map { .set($0) }
                input.serviceId = service.map { .set($0) }
                input.fee = fee.map { .set($0) }
                input.allowConflicts = allowConflicts
                sessionID = try await req.useCases.scheduling.create(input).id
            } else {
                var input = SeriesInput(clientId: client, clinicianId: clinician, start: start)
                input.durationMinutes = duration
                input.location = location
                input.placeOfService = place
                input.serviceId = service
                input.fee = fee
                input.allowConflicts = allowConflicts
                input.rule = Self.repeatRule(values, start: start, form: &form)?.description
                guard form.errors.isEmpty else { return try await render(req, form: form) }
                let series = try await req.useCases.series.create(input)
                sessionID = series.occurrences.first?.id ?? series.id
            }
            return req.redirect(to: "/calendar?date=\(start.date)&open=\(sessionID)", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            form.absorb(error, fields: fields, fallback: "_form")
            return try await render(req, form: form)
        }
    }

    /// The form's repeat choices as a series rule (``RecurrenceRule/init(repeating:everyWeeks:from:ending:)``
    /// in Core); a problem goes beside the field it is about.
    private static func repeatRule(
        _ values: [String: String], start: LocalDateTime, form: inout FormState
    ) -> RecurrenceRule? {
        guard let choice = RepeatChoice(rawValue: values["repeat"] ?? "") else {
            form.errors["repeat"] = "Choose how the session repeats"
            return nil
        }
        var weeks: Int?
        if choice == .everyNWeeks {
            weeks = Int(values["interval"] ?? "")
            if weeks == nil { form.errors["interval"] = "Enter how many weeks apart" }
        }
        let end: RepeatEnd
        switch values["ends"] ?? "never" {
        case "after":
            guard let count = Int(values["count"] ?? "") else {
                form.errors["count"] = "Enter how many sessions"
                return nil
            }
            end = .after(sessions: count)
        case "on":
            guard let until = LocalDate(values["until"] ?? "") else {
                form.errors["until"] = "Enter the last date"
                return nil
            }
            end = .on(until)
        default: end = .never
        }
        guard form.errors.isEmpty else { return nil }
        do {
            return try RecurrenceRule(repeating: choice, everyWeeks: weeks, from: start.date, ending: end)
        } catch {
            let field =
                [("COUNT", "count"), ("last date", "until"), ("INTERVAL", "interval"), ("weeks apart", "interval")]
                .first { error.message.contains($0.0) }?.1 ?? "repeat"
            form.errors[field] = error.message.prefix(1).uppercased() + error.message.dropFirst()
            return nil
        }
    }

    private func render(_ req: Request, form: FormState) async throws -> Response {
        let practice = try await req.useCases.practice()
        let clients = try await req.useCases.clients.list(
            search: nil, status: "active", page: try Page(limit: 2000, offset: 0, maxLimit: 2000))
        let clinicians = try await req.useCases.clinicians.list().filter(\.active)
        let services = try await req.useCases.services.list().filter(\.active)
        let page = NewSessionPage(
            form: form, clients: ClientChoices.options(clients),
            clinicians: clinicians.map { ($0.id.uuidString, $0.name) },
            services: services.map {
                ($0.id.uuidString, "\($0.code) · \($0.description) · \($0.rate?.shown ?? "")")
            },
            timeZone: practice.timeZone,
            seriesSummary: Self.seriesSummary(form.values, timeZone: practice.timeZone),
            context: try await req.pageContext(.calendar))
        return HTMLResponse.make(page.render())
    }
}
