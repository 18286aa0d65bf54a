"""Claims on the web: made from a client's page, fixed where the draft says, printed as a CMS-1500,
sent as an 837 file."""
import datetime
import re

from playwright.sync_api import expect

from practice import add_client, api, api_token, set_up_practice


def test_a_draft_claim_is_fixed_printed_and_sent(page):
    set_up_practice(page)
    token = api_token(page)
    services = api(page, token, "GET", "/services")
    service = services[0]["id"] if services else api(page, token, "POST", "/services", {
        "code": "90834", "description": "Psychotherapy, 45 minutes", "durationMinutes": 45,
        "rate": {"amount": 15000, "currency": "USD"}})["id"]
    api(page, token, "PATCH", "/practice", {"defaultServiceId": service})
    api(page, token, "PUT", "/practice/billing-provider", {
        "entity": "organization", "organizationName": "Riverside Counseling", "npi": "1245319599",
        "taxId": "12-3456789", "taxIdKind": "ein", "taxonomy": "101YP2500X", "placeOfService": "11",
        "address": {"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701-1234"}})
    clinician = api(page, token, "GET", "/clinicians")[0]["id"]
    api(page, token, "PATCH", f"/clinicians/{clinician}", {"npi": "1234567893", "taxonomy": "101YP2500X"})
    payer = api(page, token, "POST", "/payers", {"name": "Aetna", "payerId": "60054", "filingIndicator": "CI"})
    client = add_client(page, "Avery", "Nguyen")
    api(page, token, "PATCH", f"/clients/{client}", {
        "dateOfBirth": "1990-05-17", "sex": "female",
        "address": {"line1": "12 Oak Ave", "city": "Springfield", "state": "IL", "zip": "62704"}})
    today = datetime.date.today()
    api(page, token, "POST", f"/clients/{client}/policies", {
        "payerId": payer["id"], "rank": "primary", "memberId": "W123456789",
        "effectiveFrom": str(today - datetime.timedelta(days=60))})
    start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=3)).replace(microsecond=0)
    api(page, token, "POST", "/sessions", {"clientId": client, "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                           "attendance": "show"})

    page.goto(f"/clients/{client}")
    page.get_by_role("button", name="Create claims").click()
    expect(page.locator(".notice")).to_have_text("1 claim made")
    page.get_by_role("link", name="#1").click()
    expect(page.get_by_role("heading", name="Claim #1 · Draft")).to_be_visible()
    problem = page.locator("ul.claim-problems li[data-field='diagnoses']")
    expect(problem).to_contain_text("Diagnoses is empty")
    problem.get_by_role("link", name="Fix it").click()
    expect(page).to_have_url(re.compile(rf"/clients/{client}/edit\?tab=billing$"))
    page.get_by_label("ICD-10-CM codes").fill("F41.1")
    page.get_by_role("button", name="Record diagnoses").click()

    page.goto("/billing/claims")
    expect(page.locator("table.claims tbody tr").first).to_contain_text("Ready")
    page.get_by_role("link", name="#1").click()
    page.get_by_role("link", name="Print CMS-1500").click()
    expect(page.get_by_text("HEALTH INSURANCE CLAIM FORM")).to_be_visible()
    expect(page.locator(".cms-lines tbody tr").first).to_contain_text("90834")
    page.screenshot(path="test-output/browser/cms1500.png", full_page=True)

    page.goto("/billing/claims")
    page.get_by_role("button", name=re.compile("Send ready claims")).click()
    expect(page.locator(".form-error")).to_contain_text("Settings → Clearinghouse")
    page.goto("/settings/clearinghouse")
    page.get_by_label("Clearinghouse").fill("Availity")
    page.get_by_label("Receiver ID").fill("030240928")
    page.get_by_label("Submitter ID").fill("RIV12345")
    page.get_by_label("Submitter name").fill("Riverside Counseling")
    page.get_by_label("Contact name").fill("Maya Chen")
    page.get_by_label("Contact phone").fill("(217) 555-01")
    page.get_by_role("button", name="Save clearinghouse").click()
    expect(page.locator("#error-contactPhone")).to_contain_text("10-digit")
    page.get_by_label("Contact phone").fill("(217) 555-0100")
    page.get_by_role("button", name="Save clearinghouse").click()
    expect(page.locator(".notice")).to_have_text("Clearinghouse saved")

    page.goto("/billing/claims")
    page.get_by_role("button", name=re.compile("Send ready claims")).click()
    expect(page.locator(".notice")).to_have_text("Sent 1 claim in 1 batch")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download 837").click()
    text = open(download.value.path()).read()
    assert text.startswith("ISA*00*"), text[:80]
    assert "NM1*PR*2*AETNA*****PI*60054~" in text
