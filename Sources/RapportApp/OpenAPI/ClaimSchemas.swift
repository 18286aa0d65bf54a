import RapportCore

/// JSON Schemas of claims, their batches and the clearinghouse.
enum ClaimSchemas {
    typealias S = OpenAPISchemas

    static var claimLine: [String: Any] {
        S.object(
            [
                "id": S.uuid, "sessionId": S.uuid, "lineNumber": S.integer, "dateOfService": S.date,
                "placeOfService": S.string, "procedure": S.string, "modifiers": S.array(S.string),
                "units": S.integer, "charge": S.money, "diagnosisPointers": S.array(S.integer),
            ],
            required: [
                "id", "lineNumber", "dateOfService", "placeOfService", "procedure", "modifiers", "units", "charge",
                "diagnosisPointers",
            ])
    }

    static var problem: [String: Any] {
        S.object(
            [
                "field": ["type": "string", "description": "the claim's part: subscriber.memberId, lines[1].procedure…"],
                "message": S.string,
                "fixAt": ["type": "string", "description": "the page where it is put right"],
            ], required: ["field", "message"])
    }

    static var all: [String: Any] {
        [
            "ClaimsInput": S.object(
                [
                    "clientId": S.uuid,
                    "sessionIds": [
                        "type": "array", "items": S.uuid,
                        "description": "left out: every past session of the client that bills an insurer and is on no claim",
                    ],
                ], required: ["clientId"]),
            "ClaimRunInput": S.object(["through": S.date]),
            "ClaimRunResult": S.object(["claimsCreated": S.integer, "through": S.date], required: ["claimsCreated", "through"]),
            "ClaimCorrectionInput": S.object(
                [
                    "payerClaimNumber": [
                        "type": "string", "maxLength": 50, "description": "the payer's number for the sent claim",
                    ]
                ], required: ["payerClaimNumber"]),
            "ClaimBatchInput": S.object([
                "payerId": ["type": "string", "format": "uuid", "description": "left out: a batch for each payer"]
            ]),
            "Claim": S.object(
                [
                    "id": S.uuid, "number": S.integer, "patientControlNumber": S.string, "clientId": S.uuid,
                    "clientName": S.string, "policyId": S.uuid, "payerId": S.uuid, "payerName": S.string,
                    "rank": S.enumeration(PayerRank.allCases.map(\.word)), "clinicianId": S.uuid,
                    "status": S.enumeration(Claims.statuses),
                    "frequency": S.enumeration(["original", "replacement", "void"]),
                    "payerClaimNumber": S.string, "replacesClaimId": S.uuid, "priorClaimId": S.uuid, "dateFrom": S.date, "dateTo": S.date,
                    "total": S.money, "paid": S.money, "writtenOff": S.money, "patientResponsibility": S.money,
                    "placeOfService": S.string,
                    "diagnoses": S.array(OpenAPIDocument.ref("Diagnosis")), "priorAuthorization": S.string,
                    "lines": S.array(claimLine), "problems": S.array(problem), "batchId": S.uuid,
                    "createdAt": S.instant, "submittedAt": S.instant,
                ],
                required: [
                    "id", "number", "patientControlNumber", "clientId", "clientName", "policyId", "payerId",
                    "payerName", "rank", "clinicianId", "status", "frequency", "dateFrom", "dateTo", "total",
                    "paid", "writtenOff", "patientResponsibility", "placeOfService", "diagnoses", "lines", "problems",
                ]),
            "ClaimBatch": S.object(
                [
                    "id": S.uuid, "payerId": S.uuid, "payerName": S.string, "controlNumber": S.integer,
                    "claimCount": S.integer, "total": S.money, "replacements": S.array(S.string),
                    "createdAt": S.instant, "createdBy": S.string,
                ],
                required: [
                    "id", "payerId", "payerName", "controlNumber", "claimCount", "total", "replacements", "createdBy",
                ]),
            "ClearinghouseInput": S.object(
                [
                    "name": S.string,
                    "receiverId": ["type": "string", "description": "2–15 letters and digits (ISA08)"],
                    "submitterId": ["type": "string", "description": "2–15 letters and digits the clearinghouse gave (ISA06)"],
                    "submitterName": S.string, "contactName": S.string,
                    "contactPhone": ["type": "string", "description": "10 digits"],
                    "production": ["type": "boolean", "description": "false (the default) marks files as tests"],
                ], required: ["name", "receiverId", "submitterId", "submitterName", "contactName", "contactPhone"]),
            "Clearinghouse": S.object(
                [
                    "name": S.string, "receiverId": S.string, "submitterId": S.string, "submitterName": S.string,
                    "contactName": S.string, "contactPhone": S.string, "production": S.boolean,
                ],
                required: [
                    "name", "receiverId", "submitterId", "submitterName", "contactName", "contactPhone", "production",
                ]),
        ]
    }
}
