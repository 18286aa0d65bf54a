/// Insurance: the billing provider, payers and their rates, a client's diagnoses and policies.
enum InsuranceOperations {
    typealias Op = OpenAPIDocument.Operation

    static let all: [Op] = [
        Op(
            method: "get", path: "/practice/billing-provider",
            summary: "Who the practice's claims say bills (404 until set); the tax ID shows its last four digits",
            response: (200, "BillingProvider")),
        Op(method: "get", path: "/payers", summary: "The insurers the practice bills", response: (200, "[Payer]")),
        Op(
            method: "get", path: "/clients/{id}/diagnoses",
            summary: "The client's diagnoses in force today, and every list by the date it applies from",
            response: (200, "ClientDiagnoses")),
        Op(
            method: "put", path: "/clients/{id}/diagnoses",
            summary: "Set the client's diagnosis list from a date (principal first, at most 12 ICD-10-CM codes)",
            body: "DiagnosesInput", response: (200, "ClientDiagnoses")),
        Op(
            method: "get", path: "/diagnosis-codes",
            summary: "Common ICD-10-CM codes with their descriptions, matching ?search= by code or words",
            response: (200, "[Diagnosis]"), query: [("search", "part of a code or words of its description")]),
        Op(
            method: "post", path: "/payers", summary: "Add a payer (name, payer ID, claim filing indicator)",
            body: "PayerInput", response: (201, "Payer")),
        Op(
            method: "get", path: "/payers/{id}", summary: "One payer with its contracted rates",
            response: (200, "Payer")),
        Op(
            method: "patch", path: "/payers/{id}", summary: "Change or deactivate a payer", body: "PayerInput",
            response: (200, "Payer")),
        Op(
            method: "post", path: "/payers/{id}/rates",
            summary:
                "What the payer allows for a service from a date (an entry of the same date is replaced); answers the payer with changeId, to undo with POST /billing-changes/{id}/undo",
            body: "PayerRateInput", response: (200, "Payer")),
        Op(
            method: "post", path: "/payers/{id}/rates/preview",
            summary:
                "What setting the rate would do: the unbilled sessions of the payer's clients whose allowed amount or client's share would change, and the invoices and claims that would then differ; nothing is written",
            body: "PayerRateInput", response: (200, "CoverageChangeReport")),
        Op(
            method: "put", path: "/practice/billing-provider",
            summary:
                "Set the billing provider: organisation or solo clinician, NPI (check digit), tax ID, taxonomy, street address with a 9-digit ZIP, optional pay-to address, default place of service",
            body: "BillingProviderInput", response: (200, "BillingProvider")),
        Op(
            method: "put", path: "/clients/{id}/self-pay",
            summary:
                "Whether the client pays for their sessions themselves although insured; their unbilled sessions follow",
            body: "SelfPayInput", response: (200, "Client")),
        Op(
            method: "get", path: "/clients/{id}/policies",
            summary: "The client's insurance policies, primary first, with their prior authorizations and visits used",
            response: (200, "[Policy]")),
        Op(
            method: "post", path: "/clients/{id}/policies",
            summary:
                "Add a policy: payer, rank, member ID, dates, the subscriber when it is not the client, copay, coinsurance and deductible left",
            body: "PolicyInput", response: (201, "Policy")),
        Op(
            method: "post", path: "/clients/{id}/policies/preview",
            summary:
                "What adding, changing or removing a policy would do: the unbilled sessions that would bill someone else or another share, and the invoices and claims that would then differ; nothing is written",
            body: "PolicyPreviewInput", response: (200, "CoverageChangeReport")),
        Op(method: "get", path: "/clients/{id}/policies/{policyId}", summary: "One policy", response: (200, "Policy")),
        Op(
            method: "patch", path: "/clients/{id}/policies/{policyId}",
            summary: "Change a policy (give it its last day with effectiveTo); null clears an optional value",
            body: "PolicyInput", response: (200, "Policy")),
        Op(
            method: "delete", path: "/clients/{id}/policies/{policyId}",
            summary: "Remove a policy entered by mistake, with its authorizations; answers what was removed",
            response: (200, "Policy")),
        Op(
            method: "post", path: "/clients/{id}/policies/{policyId}/authorizations",
            summary: "Record a prior authorization: its number, the visits it allows and its dates",
            body: "AuthorizationInput", response: (201, "Policy")),
        Op(
            method: "patch", path: "/clients/{id}/policies/{policyId}/authorizations/{authorizationId}",
            summary: "Change a prior authorization", body: "AuthorizationInput", response: (200, "Policy")),
        Op(
            method: "delete", path: "/clients/{id}/policies/{policyId}/authorizations/{authorizationId}",
            summary: "Remove a prior authorization", response: (200, "Policy")),
        Op(
            method: "get", path: "/claims",
            summary: "Claims, newest first; a claim that a check stops is a draft, one that passes every check is ready",
            response: (200, "[Claim]"),
            query: [
                ("status", "draft, ready, submitted, paid, partiallyPaid, denied, closed, voided or replaced"),
                ("payerId", "one payer"), ("clientId", "one client"), ("limit", "1–500"), ("offset", "skip this many"),
            ]),
        Op(
            method: "post", path: "/claims",
            summary:
                "Make claims for a client's past sessions that bill an insurer (those named, or all not yet claimed): one per policy, clinician and date of service or month",
            body: "ClaimsInput", response: (201, "[Claim]")),
        Op(
            method: "post", path: "/claims/run",
            summary: "Automatic claims now, through a date (yesterday by default); the practice's claim mode must be daily or monthly",
            body: "ClaimRunInput", response: (200, "ClaimRunResult")),
        Op(
            method: "get", path: "/claims/{id}", summary: "One claim with its lines and what stops it being sent",
            response: (200, "Claim")),
        Op(
            method: "post", path: "/claims/{id}/void",
            summary: "Void a sent claim: a frequency-8 claim naming the payer's claim number; its sessions are unclaimed",
            body: "ClaimCorrectionInput", response: (201, "Claim")),
        Op(
            method: "post", path: "/claims/{id}/correct",
            summary: "Replace a sent claim with one made from its sessions under today's rules (frequency 7)",
            body: "ClaimCorrectionInput", response: (201, "Claim")),
        Op(
            method: "delete", path: "/claims/{id}",
            summary: "Remove a claim that was never sent; its sessions follow the client's rules again",
            response: (200, "Claim")),
        Op(
            method: "get", path: "/claim-batches", summary: "Batches sent, newest first", response: (200, "[ClaimBatch]"),
            query: [("limit", "1–500"), ("offset", "skip this many")]),
        Op(
            method: "post", path: "/claim-batches",
            summary: "Send every ready claim (of one payer, or of each): one 837P file per payer",
            body: "ClaimBatchInput", response: (201, "[ClaimBatch]")),
        Op(method: "get", path: "/claim-batches/{id}", summary: "One batch", response: (200, "ClaimBatch")),
        Op(
            method: "get", path: "/claim-batches/{id}/837", summary: "The batch's 837P file as it was sent (text)",
            response: (200, nil), textMediaType: "text/plain"),
        Op(
            method: "get", path: "/practice/clearinghouse",
            summary: "Where claims are sent (404 until set)", response: (200, "Clearinghouse")),
        Op(
            method: "put", path: "/practice/clearinghouse",
            summary: "Set the clearinghouse: its name and receiver ID, the submitter ID and contact it gave the practice, test or production",
            body: "ClearinghouseInput", response: (200, "Clearinghouse")),
    ]
}
