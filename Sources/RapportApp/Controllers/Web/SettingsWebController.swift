import RapportCore
import Vapor

/// Settings: practice details and billing rules, services and rates, clinicians.
struct SettingsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("settings")
        settings.get(use: page).requires(.manageSettings)
        settings.post("practice", use: savePractice).requires(.manageSettings)
        settings.post("services", use: addService).requires(.manageSettings)
        settings.post("services", ":id", "rate", use: changeRate).requires(.manageSettings)
        settings.post("services", ":id", "rate", "apply", use: applyRate).requires(.manageSettings)
        settings.post("services", ":id", "active", use: setActive).requires(.manageSettings)
        settings.post("clinicians", use: addClinician).requires(.manageSettings)
    }

    struct Forms {
        var practice: FormState?
        var service = FormState(values: ["durationMinutes": "50"])
        var rates: [String: FormState] = [:]
        var clinician = FormState()
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, forms: Forms(), notice: try req.queryValue("notice"))
    }

    @Sendable func savePractice(req: Request) async throws -> Response {
        let values = try req.formValues()
        let practice = try await req.useCases.practice()
        var form = FormState(values: values)
        var patch = PracticePatch()
        patch.name = values["name"]
        patch.timeZone = values["timeZone"]
        patch.currency = values["currency"]
        patch.locale = values["locale"]
        patch.defaultServiceId = values["defaultServiceId"].flatMap { UUID(uuidString: $0) }
        patch.invoiceMode = values["invoiceMode"]
        patch.claimMode = values["claimMode"]
        patch.claimGrouping = values["claimGrouping"]
        patch.feedClientNames = values["feedClientNames"]
        if let days = values["claimFollowUpDays"]?.trimmingCharacters(in: .whitespaces), !days.isEmpty {
            if let number = Int(days) {
                patch.claimFollowUpDays = number
            } else {
                form.errors["claimFollowUpDays"] = "Type a number of days, such as 30"
            }
        }
        if let days = values["paymentDueDays"]?.trimmingCharacters(in: .whitespaces), !days.isEmpty {
            if let number = Int(days) {
                patch.paymentDueDays = number
            } else {
                form.errors["paymentDueDays"] = "Type a number of days, such as 30, or 0 for on receipt"
            }
        }
        for (prefix, apply) in [
            ("lateCancel", { (charge: MissedCharge) in patch.lateCancel = charge }),
            ("noShow", { patch.noShow = $0 }),
        ] {
            let value = values["\(prefix)Value"] ?? ""
            switch MissedChargeKind(rawValue: values["\(prefix)Kind"] ?? MissedChargeKind.notBilled.rawValue) {
            case .percent:
                guard
                    let percent = Int(
                        value.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces))
                else {
                    form.errors["\(prefix)Value"] = "Enter a percentage from 0 to 100"
                    continue
                }
                apply(MissedCharge(.percent(percent)))
            case .fixed:
                guard let amount = TypedMoney.parse(value, currency: practice.currency) else {
                    form.errors["\(prefix)Value"] = TypedMoney.problem(value, currency: practice.currency)
                    continue
                }
                apply(MissedCharge(.fixed(amount)))
            case .notBilled:
                apply(MissedCharge(.notBilled))
            case nil:
                form.errors["\(prefix)Kind"] = "Choose not billed, a percentage or a fixed amount"
            }
        }
        guard form.errors.isEmpty else { return try await render(req, forms: Forms(practice: form), notice: nil) }
        do {
            _ = try await req.useCases.practiceSettings.update(patch)
            return req.redirect(to: "/settings?notice=Practice%20settings%20saved", redirectType: .normal)
        } catch let error as UseCaseError {
            form.absorb(error, fields: ["lateCancel": "lateCancelValue", "noShow": "noShowValue"], fallback: "name")
            return try await render(req, forms: Forms(practice: form), notice: nil)
        }
    }

    @Sendable func addService(req: Request) async throws -> Response {
        let values = try req.formValues()
        let practice = try await req.useCases.practice()
        var form = FormState(values: values)
        let rate = form.money("rate", currency: practice.currency)
        let minutes = Int(values["durationMinutes"] ?? "")
        if minutes == nil { form.errors["durationMinutes"] = "Enter the length in minutes" }
        guard form.errors.isEmpty else { return try await render(req, forms: Forms(service: form), notice: nil) }
        do {
            _ = try await req.useCases.services.create(
                ServiceInput(
                    code: values["code"], description: values["description"], durationMinutes: minutes, rate: rate))
            return req.redirect(to: "/settings?notice=Service%20added", redirectType: .normal)
        } catch let error as UseCaseError {
            form.absorb(error, fields: ["rate": "rate"], fallback: "code")
            return try await render(req, forms: Forms(service: form), notice: nil)
        }
    }

    /// A new rate is previewed first, like a client's fee change: which unbilled sessions change
    /// price and which invoices now differ; Confirm applies it (``applyRate(req:)``).
    @Sendable func changeRate(req: Request) async throws -> Response {
        let values = try req.formValues()
        let id = try req.id()
        let change: BillingChangeInput
        switch try await rateChange(req, values: values) {
        case .failure(let problem):
            return try await render(req, forms: Forms(rates: [id.uuidString: problem.form]), notice: nil)
        case .success(let input): change = input
        }
        do {
            let report = try await req.useCases.billingChanges.preview(change)
            let service = try await req.useCases.services.get(id)
            let page = BillingPreviewPage(
                report: report, subject: "the \(service.code) rate",
                applyURL: "/settings/services/\(id)/rate/apply", cancelURL: "/settings",
                carried: values, context: try await req.pageContext(.settings))
            return HTMLResponse.make(page.render())
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fields: ["rate": "rate", "effectiveFrom": "effectiveFrom"], fallback: "rate")
            return try await render(req, forms: Forms(rates: [id.uuidString: form]), notice: nil)
        }
    }

    /// Confirm on a rate preview: the same change applied, and the ticked invoices re-issued.
    @Sendable func applyRate(req: Request) async throws -> Response {
        let values = try req.formValues()
        let id = try req.id()
        switch try await rateChange(req, values: values) {
        case .failure(let problem):
            return try await render(req, forms: Forms(rates: [id.uuidString: problem.form]), notice: nil)
        case .success(var change):
            do {
                change.reissue = BillingTabController.tickedReissues(values)
                change.reestimate = values["reestimate"] == "true"
                let report = try await req.useCases.billingChanges.apply(change)
                let reissued = report.reissued.count
                let notice =
                    "Rate changed. \(report.sessionsRepriced) unbilled session\(report.sessionsRepriced == 1 ? "" : "s") follow it"
                    + (reissued > 0 ? "; \(reissued) invoice\(reissued == 1 ? "" : "s") re-issued" : "")
                    + BillingTabController.reestimated(report) + "."
                return req.redirect(
                    to: "/settings?notice="
                        + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    redirectType: .normal)
            } catch let error as UseCaseError where error.kind != .notFound {
                var form = FormState(values: values)
                form.absorb(error, fields: ["rate": "rate", "effectiveFrom": "effectiveFrom"], fallback: "rate")
                return try await render(req, forms: Forms(rates: [id.uuidString: form]), notice: nil)
            }
        }
    }

    private struct RateProblem: Error { let form: FormState }

    /// The rate change a form asks for, or the form with its problems beside the fields.
    private func rateChange(
        _ req: Request, values: [String: String]
    ) async throws -> Result<BillingChangeInput, RateProblem> {
        let practice = try await req.useCases.practice()
        var form = FormState(values: values)
        let rate = form.money("rate", currency: practice.currency)
        let from = form.optionalDate("effectiveFrom", example: practice.today)
        guard form.errors.isEmpty else { return .failure(RateProblem(form: form)) }
        return .success(BillingChangeInput(serviceId: try req.id(), rate: rate, effectiveFrom: from))
    }

    @Sendable func setActive(req: Request) async throws -> Response {
        let active = try req.formValues()["active"] == "true"
        do {
            _ = try await req.useCases.services.update(
                req.id(), ServiceInput(active: active))
            return req.redirect(
                to: "/settings?notice=" + (active ? "Service%20reactivated" : "Service%20deactivated"),
                redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            return try await render(req, forms: Forms(), notice: error.message)
        }
    }

    @Sendable func addClinician(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            _ = try await req.useCases.clinicians.create(
                ClinicianInput(name: values["name"], email: values["email"]))
            return req.redirect(to: "/settings?notice=Clinician%20added", redirectType: .normal)
        } catch let error as UseCaseError {
            var form = FormState(values: values)
            form.absorb(error, fallback: "name")
            return try await render(req, forms: Forms(clinician: form), notice: nil)
        }
    }

    private func render(_ req: Request, forms: Forms, notice: String?) async throws -> Response {
        let practice = try await req.useCases.practiceSettings.get()
        let services = try await req.useCases.services.list()
        let clinicians = try await req.useCases.clinicians.list()
        func chargeValue(_ charge: MissedCharge) -> String {
            charge.kind == MissedChargeKind.percent.rawValue ? "\(charge.percent ?? 0)" : charge.amount?.typed ?? ""
        }
        let practiceForm =
            forms.practice
            ?? FormState(values: [
                "name": practice.name, "timeZone": practice.timeZone, "locale": practice.locale,
                "currency": practice.currency,
                "defaultServiceId": practice.defaultServiceId?.uuidString ?? "",
                "invoiceMode": practice.invoiceMode.rawValue, "lateCancelKind": practice.lateCancel.kind,
                "claimMode": practice.claimMode.rawValue, "claimGrouping": practice.claimGrouping.rawValue,
                "claimFollowUpDays": "\(practice.claimFollowUpDays)", "lateCancelValue": chargeValue(practice.lateCancel),
                "noShowKind": practice.noShow.kind, "noShowValue": chargeValue(practice.noShow),
                "feedClientNames": practice.feedClientNames.rawValue, "paymentDueDays": "\(practice.paymentDueDays)",
            ])
        let page = SettingsPage(
            practiceForm: practiceForm, serviceForm: forms.service, rateForms: forms.rates,
            clinicianForm: forms.clinician,
            services: services.map {
                .init(
                    id: $0.id.uuidString, code: $0.code, description: $0.description, duration: $0.durationMinutes,
                    rate: $0.rate?.shown ?? "", active: $0.active, isDefault: $0.isPracticeDefault)
            },
            clinicians: clinicians.map { ($0.id, $0.name, $0.email ?? "", $0.active) }, notice: notice,
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
