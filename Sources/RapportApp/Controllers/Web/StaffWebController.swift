import Vapor

/// Settings → Staff: add people with a role, change roles, set a new password, deactivate.
struct StaffWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "staff", use: staff).requires(.manageUsers)
        routes.post("settings", "staff", use: addStaff).requires(.manageUsers)
        routes.post("settings", "staff", ":id", use: changeStaff).requires(.manageUsers)
    }

    @Sendable func staff(req: Request) async throws -> Response {
        try await renderStaff(req, form: Self.newStaffForm, notice: try req.queryValue("notice"))
    }

    @Sendable func addStaff(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            _ = try await directory(req).create(
                .init(name: values["name"], email: values["email"], role: values["role"], password: values["password"]))
            return req.redirect(to: "/settings/staff?notice=Staff%20member%20added", redirectType: .normal)
        } catch let error as UseCaseError {
            var form = FormState(values: values)
            form.values["password"] = nil
            form.absorb(error, fallback: "name")
            return try await renderStaff(req, form: form, notice: nil)
        }
    }

    @Sendable func changeStaff(req: Request) async throws -> Response {
        let values = try req.formValues()
        var input = StaffDirectory.Input()
        input.role = values["role"]
        input.active = values["active"].map { $0 == "true" }
        input.password = values["password"]
        let id = try req.id()
        do {
            _ = try await directory(req).update(id, input)
            let notice = input.password == nil ? "Saved" : "New password set; they were signed out"
            return req.redirect(
                to: "/settings/staff?notice="
                    + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            guard input.password != nil else {
                return try await renderStaff(req, form: Self.newStaffForm, notice: error.message)
            }
            var row = FormState(idPrefix: "\(id)-")
            row.absorb(error, fallback: "password")
            return try await renderStaff(req, form: Self.newStaffForm, rows: [id: row], notice: nil)
        }
    }

    private static let newStaffForm = FormState(values: ["role": "clinician"])

    private func directory(_ req: Request) throws -> StaffDirectory {
        try req.useCases.staff
    }

    private func renderStaff(
        _ req: Request, form: FormState, rows: [UUID: FormState] = [:], notice: String?
    ) async throws -> Response {
        let page = StaffPage(
            users: try await directory(req).list(), form: form, rowForms: rows, notice: notice,
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
