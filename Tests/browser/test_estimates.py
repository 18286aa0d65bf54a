"""Good Faith Estimates on the web: made for a self-pay client with a weekly series, printed, and
flagged once the client's fee changes."""
import datetime

from playwright.sync_api import expect

from practice import add_client, api, api_token, default_service, set_up_practice


def test_an_estimate_is_made_printed_and_flagged_after_a_fee_change(page):
    set_up_practice(page)
    token = api_token(page)
    service = default_service(page, token)
    client = add_client(page, "Avery", "Nguyen")
    clinician = api(page, token, "GET", "/clinicians")[0]["id"]
    start = (datetime.date.today() + datetime.timedelta(days=5)).isoformat() + "T10:00"
    api(page, token, "POST", "/series", {"clientId": client, "clinicianId": clinician, "start": start,
                                         "rule": "FREQ=WEEKLY;COUNT=8"})
    api(page, token, "PUT", "/practice/billing-provider", {
        "entity": "organization", "organizationName": "Riverside Counseling", "npi": "1245319599",
        "taxId": "12-3456789", "taxIdKind": "ein", "taxonomy": "101YP2500X",
        "address": {"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701-1234"}})
    api(page, token, "PATCH", f"/clients/{client}", {"dateOfBirth": "1990-05-17"})

    page.goto("/invoices")
    page.get_by_role("link", name="Estimates due").click()
    expect(page.locator("table.estimates-due tbody tr")).to_contain_text("no estimate yet")
    page.get_by_role("link", name="Nguyen, Avery").click()
    page.get_by_label("Period").select_option("6")
    page.get_by_role("button", name="Make estimate").click()
    # The rule wants each provider's NPI on it: refused, saying where to add it.
    expect(page.locator(".form-error")).to_contain_text("Maya Chen has no NPI: Settings → Clinicians")
    api(page, token, "PATCH", f"/clinicians/{clinician}", {"npi": "1234567893"})
    page.get_by_label("Period").select_option("6")
    page.get_by_role("button", name="Make estimate").click()
    expect(page.get_by_role("heading", name="Good Faith Estimate", exact=True)).to_be_visible()
    row = page.locator(".estimate-provider table tbody tr").first
    expect(row).to_contain_text("90834")
    expect(row).to_contain_text("Weekly, 8 sessions")
    expect(page.locator("#estimate-total")).to_have_text("$1,200.00")
    expect(page.locator(".estimate-provider")).to_contain_text("NPI 1234567893 · Tax ID 123456789")
    expect(page.locator("section.disclaimers")).to_contain_text("patient-provider dispute resolution")
    page.screenshot(path="test-output/browser/good-faith-estimate.png", full_page=True)

    # An applied fee change flags the estimate ...
    api(page, token, "PATCH", f"/clients/{client}/billing",
        {"fees": [{"serviceId": service, "amount": {"amount": 16000, "currency": "USD"}}]})
    page.goto(f"/clients/{client}/good-faith-estimates")
    expect(page.locator("section.warnings")).to_contain_text("is now $160.00 a session (was $150.00)")
    expect(page.locator("table.estimates tbody tr").first).to_contain_text("Out of date")
    # ... and the next one's preview offers the new estimate, given with Confirm.
    page.goto(f"/clients/{client}/edit?tab=billing")
    page.get_by_label("Fee for 90834").fill("170")
    page.get_by_role("button", name="Save").click()
    offered = page.locator("fieldset.estimates-changed")
    expect(offered).to_contain_text("Avery Nguyen: 90834 with Maya Chen is now $170.00 a session (was $150.00)")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".notice")).to_contain_text("1 new Good Faith Estimate given")
    page.goto(f"/clients/{client}/good-faith-estimates")
    expect(page.locator("table.estimates tbody tr").first).to_contain_text("Current")
    expect(page.locator("table.estimates tbody tr").first).to_contain_text("$1,360.00")
