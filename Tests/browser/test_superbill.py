"""A superbill an insurer accepts: refused while a piece it needs is missing, each named with where
to add it; printed once everything is there."""
import re

from playwright.sync_api import expect

from practice import add_client, api, api_token, default_service, invoiced_session, set_billing_provider, set_up_practice


def test_a_superbill_is_refused_until_complete_then_printed(page):
    set_up_practice(page)
    token = api_token(page)
    default_service(page, token)
    client = add_client(page, "Avery", "Nguyen")
    invoiced_session(page, token, client)
    set_billing_provider(page, token)
    api(page, token, "PATCH", f"/clients/{client}", {
        "dateOfBirth": "1990-05-17",
        "address": {"line1": "12 Oak Ave", "city": "Springfield", "state": "IL", "zip": "62704"}})
    api(page, token, "PUT", f"/clients/{client}/diagnoses", {"codes": ["F41.1"]})

    page.goto(f"/clients/{client}")
    page.get_by_role("link", name="Superbill").click()
    missing = page.locator("ul.superbill-missing li")
    npi = missing.filter(has_text="NPI is missing: Settings → Clinicians")
    expect(npi).to_have_count(1)
    expect(page.get_by_role("table")).to_have_count(0)
    npi.get_by_role("link", name="Add it").click()
    page.get_by_label("NPI").fill("1234567893")
    page.get_by_label("Credentials").fill("LCSW")
    page.get_by_label("Licence number").fill("149.012345")
    page.get_by_label("Licence state").fill("IL")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".notice")).to_be_visible()

    page.goto(f"/clients/{client}/superbill")
    expect(page.get_by_role("heading", name="Superbill")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("NPI 1234567893, licence 149.012345 (IL)")
    expect(page.locator("dl.facts")).to_contain_text("(217) 555-0100")
    expect(page.locator("dl.facts")).to_contain_text("A. F41.1")
    row = page.locator("table.list tbody tr").first
    expect(row).to_contain_text("90834")
    expect(row).to_contain_text("Balance due")
    expect(page.locator("dl.totals")).to_contain_text("Signature on file")
    page.screenshot(path="test-output/browser/superbill.png", full_page=True)
