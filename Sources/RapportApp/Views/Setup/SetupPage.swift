import Foundation
import RapportCore

/// First run: create the practice and its owner.
enum SetupPage {
    static func render(_ form: FormState) -> String {
        Layout.render(title: "Set up your practice", context: nil) {
            Markup.element("div", class: "narrow card") {
                Markup.element("h1") { Markup.text("Welcome to Rapport") }
                Markup.element("p", class: "lead") {
                    Markup.text(
                        "Set up your practice. You can change all of this later in Settings — the currency only until you add services with rates.")
                }
                if let problem = form.errors["_form"] {
                    Markup.element("p", class: "form-error") { Markup.text(problem) }
                }
                Markup.form(action: "/setup", method: .post, class: "stack") {
                    Markup.element("fieldset") {
                        Markup.element("legend") { Markup.text("Practice") }
                        FormField.input(
                            "Practice name", name: "practiceName", form: form,
                            extra: [("required", ""), ("autocomplete", "organization")])
                        FormField.select(
                            "Time zone", name: "timeZone", form: form,
                            options: TimeZones.common.map { ($0, $0.replacingOccurrences(of: "_", with: " ")) })
                        FormField.select("Currency", name: "currency", form: form, options: Currencies.common)
                    }
                    Markup.element("fieldset") {
                        Markup.element("legend") { Markup.text("You") }
                        FormField.input(
                            "Your name", name: "ownerName", form: form,
                            extra: [("required", ""), ("autocomplete", "name")])
                        FormField.input(
                            "Email", name: "email", form: form, type: "email",
                            extra: [("required", ""), ("autocomplete", "email")])
                        FormField.input(
                            "Password", name: "password", form: form, type: "password",
                            hint: "At least 12 characters, and not a commonly used password.",
                            extra: [("autocomplete", "new-password")])
                    }
                    FormField.submit("Create practice")
                }
            }
        }
    }
}

/// Time zones offered on forms, most common for North American, UK, Irish and Antipodean practices first.
enum TimeZones {
    static let common = [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "America/Halifax", "America/St_Johns", "America/Toronto",
        "America/Vancouver", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "Australia/Sydney",
        "Australia/Melbourne", "Australia/Brisbane", "Australia/Perth", "Pacific/Auckland", "Pacific/Chatham",
        "Asia/Kolkata", "Asia/Singapore", "UTC",
    ]
}

/// Currencies offered on forms.
enum Currencies {
    static let common = [
        ("USD", "US dollar (USD)"), ("CAD", "Canadian dollar (CAD)"), ("GBP", "Pound sterling (GBP)"),
        ("EUR", "Euro (EUR)"), ("AUD", "Australian dollar (AUD)"), ("NZD", "New Zealand dollar (NZD)"),
    ]
}

/// Locales a practice may choose for writing money, dates and times, named in English with an example.
enum Locales {
    static let identifiers = [
        "en_US", "en_CA", "fr_CA", "en_GB", "en_IE", "en_AU", "en_NZ", "en_ZA", "en_IN", "en_SG", "de_DE", "de_AT",
        "de_CH", "fr_FR", "fr_CH", "fr_BE", "nl_NL", "nl_BE", "it_IT", "es_ES", "es_MX", "pt_PT", "pt_BR", "sv_SE",
        "nb_NO", "da_DK", "fi_FI", "pl_PL", "cs_CZ", "ja_JP",
    ]

    /// Each locale named with an amount of the practice's own currency written its way.
    static func options(currency: Currency) -> [(String, String)] {
        identifiers.compactMap { id in
            guard let format = MoneyFormat(identifier: id) else { return nil }
            let name = Locale(identifier: "en_US").localizedString(forIdentifier: id) ?? id
            let amount = Int64(125_050) * Int64(pow(10.0, Double(currency.minorUnitDigits))) / 100
            return (id, "\(name) — \(format.format(Money(amount: amount, currency: currency)))")
        }
    }
}
