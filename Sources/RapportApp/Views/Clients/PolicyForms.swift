import Foundation
import RapportCore

/// The policy and authorization forms' fields, read into the use case's inputs. Field names are the
/// API's paths (`subscriber.dateOfBirth`), so each of the use case's messages lands beside its field.
enum PolicyForms {
    static let ranks: [(value: String, title: String)] = PayerRank.allCases.map { ($0.word, $0.word.capitalized) }
    static let relationships: [(value: String, title: String)] = [
        ("self", "The client is the subscriber"), ("spouse", "Spouse of the subscriber"),
        ("child", "Child of the subscriber"), ("other", "Other relation to the subscriber"),
    ]
    static let sexes: [(value: String, title: String)] = [
        ("", "Choose"), ("female", "Female"), ("male", "Male"), ("unknown", "Unknown"),
    ]

    /// Where the use case's messages go: every field under its own name, the subscriber's address parts too.
    static var fields: [FieldPath: String] {
        let subscriber = FieldPath(key: "subscriber")
        var fields: [FieldPath: String] = [
            "copay": "copay", "deductibleRemaining": "deductibleRemaining", subscriber: "subscriber",
        ]
        for part in ["firstName", "lastName", "dateOfBirth", "sex"] {
            fields[subscriber.appending(part)] = "subscriber.\(part)"
        }
        let address = subscriber.appending("address")
        fields[address] = "subscriber.address.line1"
        for part in AddressFields.parts { fields[address.appending(part)] = "subscriber.address.\(part)" }
        return fields
    }

    /// The policy the form asks for; what cannot be read is said beside its field in `form`.
    static func input(_ form: inout FormState, currency: Currency, today: LocalDate) -> PolicyInput {
        let values = form.values
        var input = PolicyInput()
        if let payer = UUID(uuidString: values["payerId"] ?? "") {
            input.payerId = payer
        } else {
            form.errors["payerId"] = "Choose the payer"
        }
        input.rank = values["rank"]
        input.memberId = values["memberId"]
        input.groupNumber = .set(values["groupNumber"] ?? "")
        input.effectiveFrom = form.optionalDate("effectiveFrom", example: today)
        if input.effectiveFrom == nil, form.errors["effectiveFrom"] == nil {
            form.errors["effectiveFrom"] = "Enter the first day the policy covers"
        }
        input.effectiveTo = form.optionalDate("effectiveTo", example: today).map { .set($0) } ?? .clear
        input.relationship = values["relationship"] ?? "self"
        if input.relationship == "self" {
            input.subscriber = .clear
        } else {
            let sex = values["subscriber.sex"] ?? ""
            input.subscriber = .set(
                SubscriberInput(
                    firstName: values["subscriber.firstName"], lastName: values["subscriber.lastName"],
                    dateOfBirth: form.optionalDate("subscriber.dateOfBirth", example: LocalDate(year: 1980, month: 4, day: 2)!),
                    sex: sex.isEmpty ? nil : sex, address: AddressFields.input("subscriber.address", from: values)))
        }
        input.copay = form.optionalMoney("copay", currency: currency).map { .set($0) } ?? .clear
        input.coinsurancePercent = form.optionalWholeNumber("coinsurancePercent", example: "20").map { .set($0) } ?? .clear
        input.deductibleRemaining =
            form.optionalMoney("deductibleRemaining", currency: currency).map { .set($0) } ?? .clear
        return input
    }

    /// The form values of a stored policy.
    static func values(_ policy: PolicyDetails) -> [String: String] {
        var values = [
            "payerId": policy.payerId.uuidString, "rank": policy.rank, "memberId": policy.memberId,
            "groupNumber": policy.groupNumber ?? "", "effectiveFrom": policy.effectiveFrom.description,
            "effectiveTo": policy.effectiveTo?.description ?? "", "relationship": policy.relationship,
            "copay": policy.copay?.typed ?? "", "coinsurancePercent": policy.coinsurancePercent.map(String.init) ?? "",
            "deductibleRemaining": policy.deductibleRemaining?.typed ?? "",
        ]
        if let subscriber = policy.subscriber {
            values["subscriber.firstName"] = subscriber.firstName
            values["subscriber.lastName"] = subscriber.lastName
            values["subscriber.dateOfBirth"] = subscriber.dateOfBirth?.description ?? ""
            values["subscriber.sex"] = subscriber.sex?.rawValue ?? ""
            values.merge(AddressFields.values("subscriber.address", subscriber.address)) { first, _ in first }
        }
        return values
    }

    /// The authorization the form asks for.
    static func authorization(_ form: inout FormState, today: LocalDate) -> AuthorizationInput {
        AuthorizationInput(
            number: form.values["number"], visits: form.optionalWholeNumber("visits", example: "12"),
            startsOn: form.optionalDate("startsOn", example: today), endsOn: form.optionalDate("endsOn", example: today))
    }

    static func fields(_ form: FormState, payers: [(value: String, title: String)]) -> Component {
        ComponentGroup {
            Markup.element("div", class: "form-grid") {
                FormField.select("Payer", name: "payerId", form: form, options: [("", "Choose")] + payers)
                FormField.select("Rank", name: "rank", form: form, options: ranks)
                FormField.input("Member ID", name: "memberId", form: form, hint: "As the card prints it")
                FormField.input("Group number", name: "groupNumber", form: form, hint: "Optional")
                FormField.input("Covers from", name: "effectiveFrom", form: form, type: "date")
                FormField.input(
                    "Covers until", name: "effectiveTo", form: form, type: "date", hint: "Empty: no end date")
            }
            Markup.element("fieldset", class: "form-grid") {
                Markup.element("legend") { Markup.text("Subscriber") }
                FormField.select("Relationship", name: "relationship", form: form, options: relationships)
                if let problem = form.errors["subscriber"] {
                    Markup.element("p", class: "field-error", [("id", form.errorID("subscriber")), ("role", "alert")]) {
                        Markup.text(problem)
                    }
                }
                FormField.input(
                    "Subscriber's first name", name: "subscriber.firstName", form: form,
                    hint: "Only when the client is not the subscriber")
                FormField.input("Subscriber's last name", name: "subscriber.lastName", form: form)
                FormField.input("Subscriber's date of birth", name: "subscriber.dateOfBirth", form: form, type: "date")
                FormField.select("Subscriber's sex", name: "subscriber.sex", form: form, options: sexes)
            }
            AddressFields.render(
                "subscriber.address", legend: "Subscriber's address (empty: the client's)", form: form)
            Markup.element("fieldset", class: "form-grid") {
                Markup.element("legend") { Markup.text("What the client pays") }
                FormField.input(
                    "Copay", name: "copay", form: form, hint: "Per visit", extra: [("inputmode", "decimal")])
                FormField.input(
                    "Coinsurance %", name: "coinsurancePercent", form: form, hint: "Of the allowed amount",
                    extra: [("inputmode", "numeric")])
                FormField.input(
                    "Deductible left", name: "deductibleRemaining", form: form, hint: "Still to meet this plan year",
                    extra: [("inputmode", "decimal")])
            }
        }
    }
}
