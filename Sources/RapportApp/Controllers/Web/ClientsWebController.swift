import RapportCore
import Vapor

/// Clients: list, add, overview, edit details.
struct ClientsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let clients = routes.grouped("clients")
        clients.get(use: list).requires(.readClients)
        clients.get("new", use: newPage).requires(.writeClients)
        clients.post("new", use: create).requires(.writeClients)
        clients.get(":id", use: overview).requires(.readClients).showsClientRecord("client overview")
        clients.get(":id", "sessions", use: sessions).requires(.readClients).showsClientRecord("client sessions")
        clients.get(":id", "edit", use: editPage).requires(.writeClients).showsClientRecord("Edit client info")
        clients.post(":id", "edit", use: update).requires(.writeClients)
        clients.post(":id", "invoices", use: invoiceSelected).requires(.writeBilling)
    }

    /// Clients by name, active ones unless another status is chosen; a status or clinician that is
    /// not one of the filter's options is said beside it and nothing is listed (422), never every
    /// client in its place.
    @Sendable func list(req: Request) async throws -> Response {
        var filters = FormState(values: try req.queryValues())
        let search = filters["search"]
        let status =
            filters.optionalChoice("status", among: ["active", "inactive", "all"], problem: "Choose a status from the list")
            ?? "active"
        let clinicians = try await req.useCases.clinicians.list()
        var clinician = filters.optionalID("clinician", problem: "Choose a clinician from the list")
        if let chosen = clinician, !clinicians.contains(where: { $0.id == chosen }) {
            filters.errors["clinician"] = "Choose a clinician from the list"
            clinician = nil
        }
        var clients: [ClientDetails] = []
        if filters.errors.isEmpty {
            clients = try await req.useCases.clients.list(
                search: search, status: status == "all" ? nil : status, clinicianID: clinician,
                page: try Page(limit: 500, offset: 0))
            filters.values["status"] = status
        }
        let names = Dictionary(clinicians.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let formatter = DisplayFormat()
        let page = ClientListPage(
            rows: clients.map {
                .init(
                    id: $0.id.uuidString, name: "\($0.lastName), \($0.firstName)",
                    dateOfBirth: formatter.date($0.dateOfBirth),
                    clinician: $0.primaryClinicianId.flatMap { names[$0] } ?? "", email: $0.email ?? "",
                    phone: $0.phone ?? "", status: $0.status)
            },
            filters: filters,
            clinicians: clinicians.map { ($0.id.uuidString, $0.name) },
            context: try await req.pageContext(.clients))
        return HTMLResponse.make(page.render(), status: filters.errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable func newPage(req: Request) async throws -> Response {
        try await renderForm(req, clientID: nil, form: FormState())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            let client = try await req.useCases.clients.create(
                input(values, creating: true))
            return req.redirect(to: "/clients/\(client.id)", redirectType: .normal)
        } catch let error as UseCaseError {
            var form = FormState(values: values)
            form.absorb(error, fields: AddressFields.fields("address"), fallback: "firstName")
            return try await renderForm(req, clientID: nil, form: form)
        } catch is DecodingError {
            var form = FormState(values: values)
            form.errors["dateOfBirth"] = "Enter a date"
            return try await renderForm(req, clientID: nil, form: form)
        }
    }

    @Sendable func editPage(req: Request) async throws -> Response {
        let id = try req.id()
        let query = try req.queryValues()
        if let tab = query["tab"], !["", "details", "billing"].contains(tab) {
            throw UseCaseError.invalid("tab", "must be details or billing, not “\(tab)”")
        }
        if query["tab"] == "billing" {
            guard try req.actor.role?.permissions.contains(.writeBilling) == true else {
                throw UseCaseError.forbidden("your role does not allow changing a client's fees")
            }
            return try await BillingTabController.render(
                req, clientID: id, form: nil, notice: query["notice"])
        }
        let client = try await req.useCases.clients.get(id)
        return try await renderForm(
            req, clientID: id,
            form: FormState(
                values: [
                    "firstName": client.firstName, "lastName": client.lastName, "email": client.email ?? "",
                    "phone": client.phone ?? "",
                    "dateOfBirth": client.dateOfBirth?.description ?? "",
                    "sex": client.sex?.rawValue ?? "",
                    "primaryClinicianId": client.primaryClinicianId?.uuidString ?? "",
                    "status": client.status,
                ].merging(AddressFields.values("address", client.address)) { first, _ in first }))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let id = try req.id()
        let values = try req.formValues()
        do {
            _ = try await req.useCases.clients.update(id, input(values, creating: false))
            return req.redirect(to: "/clients/\(id)?notice=Saved", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fields: AddressFields.fields("address"), fallback: "firstName")
            return try await renderForm(req, clientID: id, form: form)
        }
    }

    /// Makes an invoice from the sessions ticked on the client page.
    @Sendable func invoiceSelected(req: Request) async throws -> Response {
        let id = try req.id()
        let form = try req.formValues()
        let sessions = (form["session"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        // "Invoice it now" beside the client's patient responsibility sends no sessions.
        let billsPatientResponsibility = form["patientResponsibility"] == "1"
        guard !sessions.isEmpty || billsPatientResponsibility else {
            return try await ClientOverviewPage.render(
                req, clientID: id, formError: "Tick the sessions to put on the invoice.")
        }
        do {
            let invoice = try await req.useCases.invoicing.create(
                InvoiceInput(clientId: id, sessionIds: sessions, leaveOutUnbillable: true))
            guard let leftOut = invoice.leftOut, !leftOut.isEmpty else {
                return req.redirect(to: "/invoices/\(invoice.id)", redirectType: .normal)
            }
            // Say which ticked sessions were left off, and why, on the new invoice's page.
            let practice = try await req.useCases.practice()
            let format = DisplayFormat()
            let words = leftOut.map { "the session of \(format.date(practice.date(of: $0.start))) \($0.reason)" }
            let notice = "Left off this invoice: " + words.joined(separator: "; ") + "."
            return req.redirect(
                to:
                    "/invoices/\(invoice.id)?notice=\(notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            let detail = error.fields.values.sorted().first ?? error.message
            return try await ClientOverviewPage.render(
                req, clientID: id,
                formError: sessions.isEmpty ? "No invoice was made: \(detail)." : "No invoice was made: a session \(detail).")
        }
    }

    @Sendable func overview(req: Request) async throws -> Response {
        try await ClientOverviewPage.render(req, clientID: try req.id(), notice: try req.queryValue("notice"))
    }

    /// All upcoming (`when=upcoming`, soonest first) or past (`when=past`, latest first) sessions,
    /// fifty a page; a page past the end shows none, one before the first is the first. Any other
    /// `when`, or a page that is no number, is refused, named, rather than shown as the first page
    /// of upcoming sessions.
    @Sendable func sessions(req: Request) async throws -> Response {
        let id = try req.id()
        let when = try req.queryValues()["when"] ?? ""
        guard ["", "upcoming", "past"].contains(when) else {
            throw UseCaseError.invalid("when", "must be upcoming or past, not “\(when)”")
        }
        let client = try await req.useCases.clients.get(id)
        let practice = try await req.useCases.practice()
        let upcoming = when != "past"
        let page = min(max(1, try req.queryWholeNumber("page") ?? 1), Page.maxOffset / ClientSessionsPage.pageSize)
        let now = Date()
        let far: TimeInterval = 50 * 366 * 86_400
        let found = try await req.useCases.scheduling.list(
            .init(
                from: upcoming ? now : now.addingTimeInterval(-far), to: upcoming ? now.addingTimeInterval(far) : now,
                clinicianIDs: [], clientID: id, limit: ClientSessionsPage.pageSize + 1, newestFirst: !upcoming,
                offset: (page - 1) * ClientSessionsPage.pageSize))
        let shown = Array(found.prefix(ClientSessionsPage.pageSize))
        let numbers = try await req.useCases.invoiceNumbers(shown.compactMap(\.invoiceId))
        let format = DisplayFormat()
        return HTMLResponse.make(
            ClientSessionsPage(
                clientID: id.uuidString, clientName: "\(client.firstName) \(client.lastName)", upcoming: upcoming,
                rows: shown.map {
                    ClientPage.SessionRow($0, timeZone: practice.timeZone, format: format, invoiceNumbers: numbers)
                },
                page: page, hasNext: found.count > ClientSessionsPage.pageSize,
                context: try await req.pageContext(.clients)
            ).render())
    }

    private func input(_ values: [String: String], creating: Bool) throws -> ClientInput {
        func optional(_ key: String) -> Patch<String> { (values[key] ?? "").isEmpty ? .clear : .set(values[key] ?? "") }
        var input = ClientInput()
        input.firstName = values["firstName"] ?? ""
        input.lastName = values["lastName"] ?? ""
        input.email = optional("email")
        input.phone = optional("phone")
        let birth = values["dateOfBirth"] ?? ""
        if birth.isEmpty {
            input.dateOfBirth = .clear
        } else if let date = LocalDate(birth) {
            input.dateOfBirth = .set(date)
        } else {
            throw UseCaseError.invalid("dateOfBirth", "Enter a date")
        }
        input.sex = optional("sex")
        input.address = AddressFields.input("address", from: values).map { .set($0) } ?? .clear
        input.primaryClinicianId =
            (values["primaryClinicianId"] ?? "").isEmpty
            ? .clear : UUID(uuidString: values["primaryClinicianId"] ?? "").map { .set($0) }
        if creating {
            input.defaultServiceId = values["defaultServiceId"].flatMap { UUID(uuidString: $0) }
        } else {
            input.status = values["status"]
        }
        return input
    }

    private func renderForm(_ req: Request, clientID: UUID?, form: FormState) async throws -> Response {
        let clinicians = try await req.useCases.clinicians.list().filter(\.active)
        let services = try await req.useCases.services.list().filter(\.active)
        var name: String?
        if let clientID {
            let client = try await req.useCases.clients.get(clientID)
            name = "\(client.firstName) \(client.lastName)"
        }
        let page = ClientFormPage(
            clientID: clientID?.uuidString, clientName: name, form: form,
            clinicians: clinicians.map { ($0.id.uuidString, $0.name) },
            services: services.map { ($0.id.uuidString, "\($0.code) · \($0.description)") },
            context: try await req.pageContext(.clients))
        return HTMLResponse.make(page.render())
    }
}
