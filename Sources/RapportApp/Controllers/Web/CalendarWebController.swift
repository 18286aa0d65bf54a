import RapportCore
import Vapor

/// The calendar and the session flyout.
struct CalendarWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar", use: calendar).requires(.readSchedule)
        let session = routes.grouped("calendar", "sessions", ":id")
        session.get(use: panel).requires(.readSchedule)
        session.post("attendance", use: attendance).requires(.recordAttendance)
        session.post("edit", use: edit).requires(.writeSchedule)
        session.post("delete", use: delete).requires(.writeSchedule)
    }

    /// Day, week or month for all or some clinicians; the page is kept for this browser session
    /// while what it shows stands (``SessionScheduling/kept(_:in:make:)``): another clinician's
    /// booking, or a payment, leaves it kept.
    @Sendable func calendar(req: Request) async throws -> Response {
        let practice = try await req.useCases.practice()
        let (view, anchor, selected, open) = try Self.shown(req.queryValues(), today: practice.today)
        let make = {
            try await page(req, practice: practice, view: view, anchor: anchor, selected: selected, open: open)
        }
        guard req.acceptsKeptAnswer else { return HTMLResponse.make(try await make()) }
        let actor = try req.actor
        let key = CalendarPageKey(
            practiceID: actor.practiceID, calendars: actor.calendars,
            variant: req.storage[CurrentWebSession.self]?.csrfToken ?? "",
            query: "\(view.rawValue) \(anchor) \(open?.uuidString ?? "")",
            chosen: selected.sorted { $0.uuidString < $1.uuidString }, today: practice.today)
        return HTMLResponse.make(
            try await req.useCases.scheduling.kept(key, in: req.application.readCaches.calendarPages, make: make))
    }

    /// What the calendar's address asks to show: the view (a week when not given), the day it
    /// shows (today), the clinicians chosen (all) and the session to open (none). A value that does
    /// not read is refused, named (a page from ``WebErrorPages``), never replaced by today's week.
    static func shown(_ query: [String: String], today: LocalDate) throws
        -> (view: CalendarModel.View, anchor: LocalDate, selected: Set<UUID>, open: UUID?)
    {
        var errors = FieldErrors()
        func given(_ name: String) -> String? { query[name].flatMap { $0.isEmpty ? nil : $0 } }
        var view = CalendarModel.View.week
        if let text = given("view") {
            if let chosen = CalendarModel.View(rawValue: text) { view = chosen } else {
                errors.add("view", "must be day, week or month, not “\(text)”")
            }
        }
        let anchor = DateParameter.parse(given("date"), field: "date", errors: &errors) ?? today
        var selected: Set<UUID> = []
        for text in (given("clinician") ?? "").split(separator: ",") {
            if let id = UUID(uuidString: String(text)) { selected.insert(id) } else {
                errors.add("clinician", "must list clinicians' ids, not “\(text)”")
            }
        }
        var open: UUID?
        if let text = given("open") {
            open = UUID(uuidString: text)
            if open == nil { errors.add("open", "must be a session's id, not “\(text)”") }
        }
        try errors.throwIfAny()
        return (view, anchor, selected, open)
    }

    private func page(
        _ req: Request, practice: PracticeContext, view: CalendarModel.View, anchor: LocalDate, selected: Set<UUID>,
        open: UUID?
    ) async throws -> String {
        let days = CalendarModel.days(for: view, around: anchor)
        guard let first = days.first, let last = days.last else { throw Abort(.badRequest) }
        let sessions = try await req.useCases.scheduling
            .listNamed(
                .init(
                    from: practice.timeZone.startOfDay(first), to: practice.timeZone.startOfDay(last.adding(days: 1)),
                    clinicianIDs: Array(selected), clientID: nil, limit: 5000))
        let everyone = try await req.useCases.calendarClinicians()
        let clinicians: [CalendarClinician] =
            switch try req.actor.calendars {
            case .practice: everyone
            case .clinician(let own): everyone.filter { $0.id == own }
            case .none: []
            }
        let model = CalendarModel(
            view: view, anchor: anchor, days: days, today: practice.today,
            clinicians: clinicians, selectedClinicians: selected,
            blocks: sessions.map { session, clientName in
                CalendarModel.Block(
                    session: session, clientName: clientName,
                    localStart: practice.timeZone.local(session.start), localEnd: practice.timeZone.local(session.end))
            },
            formatter: DisplayFormat(), openSessionID: open)
        return CalendarPage.render(model, context: try await req.pageContext(.calendar))
    }

    /// The flyout: a fragment for the calendar's script, or a page of its own without script.
    @Sendable func panel(req: Request) async throws -> Response {
        try await render(panel: try await makePanel(req, form: FormState()), req: req)
    }

    /// Records attendance.
    @Sendable func attendance(req: Request) async throws -> Response {
        let values = try req.formValues()
        return try await change(
            req, values: values, scope: .thisOnly, input: SessionInput(attendance: values["attendance"]))
    }

    /// Changes the time, length, code, fee and place of service — or resets code and fee to follow
    /// the client's rules.
    @Sendable func edit(req: Request) async throws -> Response {
        let values = try req.formValues()
        let practice = try await req.useCases.practice()
        let current = try await req.useCases.scheduling.get(req.id())
        var input = SessionInput()
        var problems = FormState(values: values)
        if let date = values["date"], let time = values["time"], !date.isEmpty || !time.isEmpty {
            switch TypedDateTime.parse(date: date, time: time) {
            case .success(let local):
                let start = practice.timeZone.instant(of: local)
                if start != current.start { input.start = start }
            case .failure(let problem):
                problems.errors[problem.field] = problem.message
            }
        }
        if let text = values["duration"], !text.isEmpty {
            if let minutes = Int(text) {
                if minutes != current.durationMinutes { input.durationMinutes = minutes }
            } else {
                problems.errors["duration"] = "Enter the length in minutes"
            }
        }
        // Code and fee are only sent when they change, so a time change leaves them as they are.
        let chosen = UUID(uuidString: values["serviceId"] ?? "")
        let currentChoice = current.service.source == .chosen ? current.service.id : nil
        if chosen != currentChoice { input.serviceId = chosen.map { .set($0) } ?? .clear }
        let feeText = (values["fee"] ?? "").trimmingCharacters(in: .whitespaces)
        let currentOverride = current.feeSource == .override ? current.fee : nil
        if feeText.isEmpty {
            if currentOverride != nil { input.fee = .clear }
        } else if let fee = TypedMoney.parse(feeText, currency: practice.currency) {
            if fee != currentOverride { input.fee = .set(fee) }
        } else {
            problems.errors["fee"] = TypedMoney.problem(feeText, currency: practice.currency)
        }
        // Empty: the practice's usual place. Sent only when it changes, like the code and fee.
        if let place = values["placeOfService"], place != (current.placeOfService?.description ?? "") {
            input.placeOfService = place.isEmpty ? .clear : .set(place)
        }
        // The session's own diagnoses: sent only when they change; empty follows the client's again.
        if let text = values["diagnoses"] {
            let typed = DiagnosesSection.input(from: ["codes": text]).codes
            let current = current.diagnoses?.map(\.code.description) ?? []
            if typed.compactMap(DiagnosisCode.init) != current.compactMap(DiagnosisCode.init) || typed.count != current.count {
                input.diagnoses = typed.isEmpty ? .clear : .set(typed)
            }
        }
        // Who pays: sent only when it changes (a series-wide change refuses it beside the field).
        if let text = values["selfPay"], text != (current.selfPay.map { $0 ? "true" : "false" } ?? "") {
            switch text {
            case "": input.selfPay = .clear
            case "true", "false": input.selfPay = .set(text == "true")
            default: problems.errors["selfPay"] = "Choose who pays for this session"
            }
        }
        let scope = Self.scope(values, problems: &problems.errors)
        guard let scope, problems.errors.isEmpty else {
            return try await render(panel: try await makePanel(req, form: problems), req: req)
        }
        return try await change(req, values: values, scope: scope, input: input)
    }

    /// The sessions the form chose (this one when it offers no choice); one it does not offer is
    /// said on the form, never taken as "this session only".
    private static func scope(_ values: [String: String], problems: inout [String: String]) -> Scope? {
        guard let scope = Scope(rawValue: values["scope"] ?? Scope.thisOnly.rawValue) else {
            problems["_form"] = "Choose this session only, this and all future sessions, or all sessions in the series."
            return nil
        }
        return scope
    }

    /// Deletes this session, this and following, or all in its series.
    @Sendable func delete(req: Request) async throws -> Response {
        let values = try req.formValues()
        var problems: [String: String] = [:]
        guard let scope = Self.scope(values, problems: &problems) else {
            return try await render(
                panel: try await makePanel(req, form: FormState(values: values, errors: problems)), req: req)
        }
        do {
            _ = try await req.useCases.scheduling
                .delete(req.id(), scope: scope)
            return try req.done(req.safeReturn(values["return"], fallback: "/calendar"))
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.errors["_form"] = error.message
            return try await render(panel: try await makePanel(req, form: form), req: req)
        }
    }

    private func change(
        _ req: Request, values: [String: String], scope: Scope, input: SessionInput
    ) async throws -> Response {
        let id = try req.id()
        var input = input
        // Sent by the conflict warning's "Save anyway".
        if values["allowConflicts"] == "true" { input.allowConflicts = true }
        do {
            let result = try await req.useCases.scheduling.update(id, input, scope: scope)
            let stillThere = result.changed.contains { $0.id == id } || result.kept.contains { $0.id == id }
            let back = req.safeReturn(values["return"], fallback: "/calendar")
            return try req.done(stillThere ? back + (back.contains("?") ? "&" : "?") + "open=\(id)" : back)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(
                error,
                fields: [
                    "fee": "fee", "serviceId": "serviceId", "attendance": "attendance", "start": "date",
                    "durationMinutes": "duration", "rule": "date", "placeOfService": "placeOfService",
                    "selfPay": "selfPay", "diagnoses": "diagnoses",
                ], fallback: "_form")
            return try await render(panel: try await makePanel(req, form: form), req: req)
        }
    }

    /// Shows the panel — also with form errors: the page itself explains them, so the status is 200.
    private func render(panel: SessionPanel, req: Request) async throws -> Response {
        if req.wantsFragment { return HTMLResponse.make(panel.body.render()) }
        let context = try await req.pageContext(.calendar)
        return HTMLResponse.make(
            Layout.render(title: panel.clientName, context: context) {
                Markup.element("div", class: "narrow card") {
                    Markup.link("← Back to the calendar", to: panel.returnTo, class: "back")
                    panel.body
                }
            })
    }

    private func makePanel(_ req: Request, form: FormState) async throws -> SessionPanel {
        let practice = try await req.useCases.practice()
        let useCases = try req.useCases
        let session = try await useCases.scheduling.get(req.id())
        let client = try await useCases.clients.get(session.clientId)
        let clinician = try await useCases.clinicians.get(session.clinicianId)
        var invoiceNumber: Int?
        if let id = session.invoiceId { invoiceNumber = try await useCases.lookup.invoiceNumber(id) }
        var repeatRule: String?
        if let id = session.seriesId { repeatRule = RuleText.describe(try await useCases.series.rule(of: id)) }
        let services = try await req.useCases.services.list().filter(\.active)
        let returnValue = try form.values["return"] ?? req.queryValue("return")
        return SessionPanel(
            session: session, clientName: "\(client.firstName) \(client.lastName)", clinicianName: clinician.name,
            localStart: practice.timeZone.local(session.start), localEnd: practice.timeZone.local(session.end),
            invoiceNumber: invoiceNumber,
            services: services.map { ($0.id.uuidString, "\($0.code) · \($0.description)") },
            repeatRule: repeatRule,
            formatter: DisplayFormat(), timeZone: practice.timeZone,
            returnTo: req.safeReturn(returnValue, fallback: "/calendar?date=\(practice.date(of: session.start))"),
            csrf: req.storage[CurrentWebSession.self]?.csrfToken ?? "", form: form)
    }
}
