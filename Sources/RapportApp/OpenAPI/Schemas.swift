import RapportCore

/// JSON Schemas of the API's bodies.
enum OpenAPISchemas {
    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }

    static var string: [String: Any] { ["type": "string"] }
    static var uuid: [String: Any] { ["type": "string", "format": "uuid"] }
    static var date: [String: Any] { ["type": "string", "format": "date", "description": "yyyy-MM-dd"] }
    static var instant: [String: Any] {
        ["type": "string", "format": "date-time", "description": "RFC 3339 with offset"]
    }
    static var localDateTime: [String: Any] {
        ["type": "string", "description": "local wall-clock time yyyy-MM-ddTHH:mm[:ss]"]
    }
    static var integer: [String: Any] { ["type": "integer"] }
    /// An integer the server accepts only within `range` (it says so with a 422 naming the field).
    static func integer(_ range: ClosedRange<Int>) -> [String: Any] {
        ["type": "integer", "minimum": range.lowerBound, "maximum": range.upperBound]
    }
    static var boolean: [String: Any] { ["type": "boolean"] }
    /// A place of service; when left out, the practice's usual place applies.
    static var placeOfService: [String: Any] {
        [
            "type": "string",
            "description": "two digits: 11 office, 02 or 10 telehealth; left out: the practice's usual place",
        ]
    }
    static var money: [String: Any] { OpenAPIDocument.ref("Money") }
    static func nullable(_ schema: [String: Any]) -> [String: Any] { ["oneOf": [schema, ["type": "null"]]] }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    static var workingHoursEntry: [String: Any] {
        object(
            [
                "weekday": enumeration(Weekday.allCases.map(\.rawValue)),
                "start": ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"],
                "end": ["type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$"],
            ], required: ["weekday", "start", "end"])
    }

    static var missedCharge: [String: Any] {
        object(
            [
                "kind": enumeration(["percent", "fixed", "notBilled"]), "percent": integer(0...100), "amount": money,
            ], required: ["kind"])
    }

    static var all: [String: Any] {
        [
            "Error": object(
                [
                    "error": object(
                        [
                            "code": string, "message": string,
                            "fields": ["type": "object", "additionalProperties": string],
                            "conflicts": array(
                                object(
                                    [
                                        "start": instant, "sessionId": uuid, "sessionStart": instant,
                                        "sessionEnd": instant, "clientName": string, "clinicianName": string,
                                        "kinds": array(enumeration(["clinician", "client"])),
                                    ], required: ["start", "sessionId", "sessionStart", "sessionEnd", "kinds"])),
                            "outsideHours": array(
                                object(
                                    [
                                        "start": instant, "end": instant, "clinicianId": uuid, "clinicianName": string,
                                        "hours": array(workingHoursEntry),
                                    ], required: ["start", "end", "clinicianId", "hours"])),
                        ], required: ["code", "message"])
                ], required: ["error"]),
            "Money": object(
                ["amount": ["type": "integer", "description": "minor units, e.g. cents"], "currency": string],
                required: ["amount", "currency"]),
            "SetupInput": object(
                [
                    "practiceName": string, "timeZone": string, "currency": string, "ownerName": string,
                    "email": string,
                    "password": ["type": "string", "minLength": 12], "ownerIsClinician": boolean,
                ], required: ["practiceName", "timeZone", "currency", "ownerName", "email", "password"]),
            "SetupOutput": object(["practiceId": uuid, "userId": uuid, "clinicianId": uuid, "token": string]),
            "Practice": object([
                "id": uuid, "name": string, "timeZone": string, "currency": string, "locale": string,
                "defaultServiceId": uuid,
                "lateCancel": missedCharge, "noShow": missedCharge,
                "invoiceMode": enumeration(["manual", "daily", "monthly"]), "invoiceModeSince": date,
                "claimGrouping": enumeration(ClaimGrouping.allCases.map(\.rawValue)),
                "claimMode": enumeration(["manual", "daily", "monthly"]), "claimModeSince": date,
                "claimFollowUpDays": integer, "paymentDueDays": integer,
                "feedClientNames": enumeration(FeedClientNames.allCases.map(\.rawValue)),
            ]),
            "PracticePatch": object([
                "name": string, "timeZone": string, "currency": string, "locale": string, "defaultServiceId": uuid,
                "lateCancel": missedCharge, "noShow": missedCharge,
                "invoiceMode": enumeration(["manual", "daily", "monthly"]), "invoiceModeSince": date,
                "claimGrouping": enumeration(ClaimGrouping.allCases.map(\.rawValue)),
                "claimMode": enumeration(["manual", "daily", "monthly"]), "claimModeSince": date,
                "claimFollowUpDays": ["type": "integer", "minimum": 1, "maximum": 365],
                "paymentDueDays": [
                    "type": "integer", "minimum": 0, "maximum": 365,
                    "description": "days a client has to pay what a statement shows; 0: on receipt",
                ],
                "feedClientNames": enumeration(FeedClientNames.allCases.map(\.rawValue)),
            ]),
            "Clinician": object([
                "id": uuid, "name": string, "email": string, "active": boolean, "npi": string, "taxonomy": string,
                "credentials": string, "licenseNumber": string, "licenseState": string, "claimLastName": string,
                "claimFirstName": string, "color": enumeration(ClinicianColor.allCases.map(\.rawValue)),
                "workingHours": array(workingHoursEntry),
            ]),
            "ClinicianInput": object([
                "color": enumeration(ClinicianColor.allCases.map(\.rawValue)),
                "workingHours": [
                    "type": "array", "items": workingHoursEntry, "maxItems": 28,
                    "description": "the whole working week, span by span; [] clears it",
                ],
                "name": string, "email": string, "active": boolean,
                "npi": ["type": "string", "description": "the clinician's NPI (type 1), 10 digits; empty clears it"],
                "taxonomy": [
                    "type": "string", "description": "NUCC taxonomy code such as 101YP2500X; empty clears it",
                ],
                "credentials": ["type": "string", "description": "such as LCSW or PsyD"],
                "licenseNumber": string, "licenseState": ["type": "string", "description": "two-letter state code"],
                "claimLastName": ["type": "string", "description": "the last name as claims write it"],
                "claimFirstName": string,
            ]),
            "Service": object([
                "id": uuid, "code": string, "description": string, "durationMinutes": integer, "active": boolean,
                "isPracticeDefault": boolean, "rate": money,
                "rates": array(object(["amount": money, "effectiveFrom": date])),
            ]),
            "ServiceInput": object([
                "code": string, "description": string, "durationMinutes": integer(1...1440), "active": boolean,
                "rate": money, "rateEffectiveFrom": date,
            ]),
            "Client": object([
                "id": uuid, "firstName": string, "lastName": string, "email": string, "phone": string,
                "dateOfBirth": date, "sex": enumeration(["female", "male", "unknown"]),
                "address": InsuranceSchemas.address,
                "status": enumeration(["active", "inactive"]), "primaryClinicianId": uuid, "selfPay": boolean,
            ]),
            "ClientInput": object([
                "firstName": string, "lastName": string, "email": nullable(string), "phone": nullable(string),
                "dateOfBirth": nullable(date), "sex": nullable(enumeration(["female", "male", "unknown"])),
                "address": nullable(InsuranceSchemas.addressInput), "status": enumeration(["active", "inactive"]),
                "primaryClinicianId": nullable(uuid),
                "defaultServiceId": uuid,
            ]),
            "ClientBilling": object([
                "clientId": uuid, "defaultServiceId": uuid,
                "defaultServiceHistory": array(
                    object(["serviceId": uuid, "serviceCode": string, "effectiveFrom": date])),
                "fees": array(OpenAPIDocument.ref("ClientFee")), "feeHistory": array(OpenAPIDocument.ref("ClientFee")),
            ]),
            "ClientFee": object([
                "serviceId": uuid, "serviceCode": string, "amount": nullable(money), "effectiveFrom": date,
            ]),
            "ClientBillingPatch": object([
                "defaultServiceId": nullable(uuid),
                "fees": array(object(["serviceId": uuid, "amount": nullable(money)], required: ["serviceId"])),
                "effectiveFrom": date, "reissue": BillingSchemas.reissue,
            ]),
            "BillingChangeResult": object([
                "billing": OpenAPIDocument.ref("ClientBilling"), "sessionsRepriced": integer, "changeId": uuid,
                "reissued": BillingSchemas.reissued,
            ]),
            "Session": object([
                "id": uuid, "clientId": uuid, "clinicianId": uuid, "seriesId": uuid, "originalStart": localDateTime,
                "start": instant, "end": instant, "durationMinutes": integer, "location": string,
                "placeOfService": string,
                "attendance": enumeration(["scheduled", "show", "cancelled", "lateCancelled", "noShow"]),
                "service": object([
                    "id": uuid, "code": string, "description": string,
                    "source": enumeration(["chosen", "clientDefault", "practiceDefault"]),
                ]),
                "fee": money, "feeSource": enumeration(["override", "clientFee", "serviceRate"]),
                "bills": nullable(money), "billed": boolean, "invoiceId": uuid, "claimId": uuid,
                "editedIndividually": boolean,
                "selfPay": boolean, "billing": OpenAPIDocument.ref("SessionBilling"),
                "diagnoses": array(OpenAPIDocument.ref("Diagnosis")),
            ]),
            "SessionInput": object([
                "clientId": uuid, "clinicianId": uuid, "start": instant, "durationMinutes": integer(1...1440),
                "location": nullable(string), "placeOfService": nullable(placeOfService),
                "serviceId": nullable(uuid), "fee": nullable(money),
                "attendance": enumeration(["scheduled", "show", "cancelled", "lateCancelled", "noShow"]),
                "selfPay": [
                    "oneOf": [["type": "boolean"], ["type": "null"]],
                    "description":
                        "true: the client pays for this session; false: it bills insurance although the client pays for others; null: as the client chose (one session at a time)",
                ],
                "diagnoses": [
                    "oneOf": [["type": "array", "maxItems": 12, "items": ["type": "string"]], ["type": "null"]],
                    "description": "its own ICD-10-CM codes, principal first (one session at a time); null: the client's",
                ],
                "rule": ["type": "string", "description": "RRULE; with scope following or all only"],
                "allowConflicts": [
                    "type": "boolean",
                    "description": "book or move it even where it overlaps another session of the clinician or the client",
                ],
            ]),
            "ScopedChangeResult": object([
                "changed": array(OpenAPIDocument.ref("Session")), "deleted": array(uuid),
                "kept": array(
                    object([
                        "id": uuid, "start": instant,
                        "reason": enumeration(["billed", "attended", "editedIndividually"]),
                    ])),
                "seriesId": uuid,
            ]),
            "SeriesInput": object(
                [
                    "clientId": uuid, "clinicianId": uuid, "start": localDateTime, "timeZone": string,
                    "durationMinutes": integer(1...1440),
                    "location": string, "placeOfService": placeOfService, "serviceId": uuid, "fee": money,
                    "rule": string,
                    "frequency": enumeration(["daily", "weekly", "monthly"]), "interval": integer(1...1000),
                    "byDay": array(string),
                    "byMonthDay": array(integer(-31...31)), "count": integer(1...RecurrenceRule.maxCount),
                    "until": date,
                    "allowConflicts": [
                        "type": "boolean", "description": "book the series even where occurrences overlap other sessions",
                    ],
                ], required: ["clientId", "clinicianId", "start"]),
            "Series": object([
                "id": uuid, "clientId": uuid, "clinicianId": uuid, "rule": string, "start": localDateTime,
                "timeZone": string,
                "durationMinutes": integer, "location": string, "placeOfService": string, "serviceId": uuid,
                "fee": money,
                "generatedThrough": instant,
                "ended": boolean, "occurrences": array(OpenAPIDocument.ref("Session")),
            ]),
        ]
    }
}
