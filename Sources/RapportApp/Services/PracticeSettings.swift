import Fluent
import Foundation
import RapportCore

/// Reads and changes the practice's settings; a new default service reprices unbilled sessions.
struct PracticeSettings {
    let database: any Database
    let actor: Actor

    func get() async throws -> PracticeDetails {
        guard let practice = try await Practice.find(actor.practiceID, on: database) else {
            throw UseCaseError.notFound("practice")
        }
        return PracticeDetails(practice, context: try PracticeContext(practice))
    }

    func update(_ patch: PracticePatch) async throws -> PracticeDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            guard let practice = try await Practice.find(actor.practiceID, on: db) else {
                throw UseCaseError.notFound("practice")
            }
            let before = PracticeDetails(practice, context: try PracticeContext(practice))
            var errors = FieldErrors()
            if let name = patch.name {
                practice.name = TextInput.required(name, field: "name", errors: &errors) ?? practice.name
            }
            if let zone = patch.timeZone {
                if TimeZone(iana: zone) == nil {
                    errors.add("timeZone", "must be an IANA time zone such as America/New_York")
                }
                practice.timeZone = zone
            }
            if let locale = patch.locale {
                if locale.isEmpty || MoneyFormat(identifier: locale) != nil {
                    practice.locale = locale
                } else {
                    errors.add(
                        "locale", "must be a locale such as en_US, en_GB, de_DE or fr_FR, written with the digits 0–9")
                }
            }
            if let code = patch.currency, code != practice.currency {
                if Currency(code: code) == nil {
                    errors.add("currency", "must be an ISO 4217 code such as USD")
                } else if try await Service.query(on: db).filter(\.$practiceID == actor.practiceID).count() > 0 {
                    errors.add(
                        "currency",
                        "cannot change once the practice has services with rates in \(practice.currency)")
                }
                practice.currency = code
            }
            if let serviceID = patch.defaultServiceId {
                let service = try await Lookup(database: db, actor: actor)
                    .reference("defaultServiceId") {
                        try await Lookup(database: db, actor: actor).service(serviceID)
                    }
                if !service.active { errors.add("defaultServiceId", "is a deactivated service") }
                practice.defaultServiceID = serviceID
            }
            try errors.throwIfAny()
            let context = try PracticeContext(practice)
            if let lateCancel = patch.lateCancel?.charge(field: "lateCancel", practice: context, errors: &errors) {
                (practice.lateCancelKind, practice.lateCancelValue) = MissedChargeColumns.columns(lateCancel)
            }
            if let noShow = patch.noShow?.charge(field: "noShow", practice: context, errors: &errors) {
                (practice.noShowKind, practice.noShowValue) = MissedChargeColumns.columns(noShow)
            }
            // Automatic invoicing and automatic claims: switching either on starts it from today, so
            // it never reaches back into old history; a start date is for a mode that is on.
            Self.schedule(
                patch.invoiceMode, since: patch.invoiceModeSince, of: practice, \.invoiceMode, \.invoiceModeSince,
                fields: ("invoiceMode", "invoiceModeSince", "invoicing"), today: context.today, errors: &errors)
            if let text = patch.claimGrouping {
                if let grouping = ClaimGrouping(rawValue: text) {
                    practice.claimGrouping = grouping
                } else {
                    errors.add("claimGrouping", "must be dateOfService (a claim per date) or month (a claim per month)")
                }
            }
            Self.schedule(
                patch.claimMode, since: patch.claimModeSince, of: practice, \.claimMode, \.claimModeSince,
                fields: ("claimMode", "claimModeSince", "claims"), today: context.today, errors: &errors)
            if let text = patch.feedClientNames {
                if let naming = FeedClientNames(rawValue: text) {
                    practice.feedClientNames = naming
                } else {
                    errors.add("feedClientNames", "must be initials, fullName or hidden")
                }
            }
            if let days = patch.claimFollowUpDays {
                if (1...365).contains(days) {
                    practice.claimFollowUpDays = days
                } else {
                    errors.add("claimFollowUpDays", "must be a number of days from 1 to 365")
                }
            }
            if let days = patch.paymentDueDays {
                if (0...365).contains(days) {
                    practice.paymentDueDays = days
                } else {
                    errors.add("paymentDueDays", "must be a number of days from 0 (due on receipt) to 365")
                }
            }
            try errors.throwIfAny()
            try await practice.save(on: db)
            let updated = try PracticeContext(practice)
            if patch.defaultServiceId != nil || patch.timeZone != nil {
                try await Repricer(database: db, practice: updated).reprice(clients: nil, from: nil)
            }
            let after = PracticeDetails(practice, context: updated)
            try await AuditLog(database: db, actor: actor).record(
                "update", "practice", id: actor.practiceID, before: before, after: after)
            return after
        }
    }
}

extension PracticeSettings {
    /// Applies a schedule (`manual`, `daily` or `monthly`) and its start date as a patch gives them.
    fileprivate static func schedule(
        _ text: String?, since: LocalDate?, of practice: Practice,
        _ mode: ReferenceWritableKeyPath<Practice, InvoiceMode>,
        _ start: ReferenceWritableKeyPath<Practice, LocalDate?>, fields: (mode: FieldPath, since: FieldPath, what: String),
        today: LocalDate, errors: inout FieldErrors
    ) {
        if let text {
            if let chosen = InvoiceMode(rawValue: text) {
                if chosen != practice[keyPath: mode] {
                    practice[keyPath: mode] = chosen
                    practice[keyPath: start] = chosen == .manual ? nil : today
                }
            } else {
                errors.add(fields.mode, "must be manual, daily or monthly")
            }
        }
        if let since {
            if practice[keyPath: mode] == .manual {
                errors.add(fields.since, "applies to daily or monthly \(fields.what)")
            }
            practice[keyPath: start] = since
        }
    }
}
