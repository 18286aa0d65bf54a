"""Insurance set-up: who bills, the payers, and a client's diagnoses, each problem beside its field."""
from playwright.sync_api import expect

from practice import add_client, set_up_practice


def test_the_billing_provider_is_set_in_settings_and_a_short_zip_is_refused_beside_it(page):
    set_up_practice(page)
    page.goto("/settings")
    page.get_by_role("link", name="Billing provider").click()
    page.get_by_label("Practice name").fill("Calm Waters Counseling")
    page.get_by_label("NPI").fill("1245319599")
    page.get_by_label("Tax ID", exact=True).fill("12-3456789")
    page.get_by_label("Taxonomy code").fill("101YP2500X")
    street = page.locator("fieldset").first
    street.get_by_label("Street").fill("1 Main St")
    street.get_by_label("City").fill("Springfield")
    street.get_by_label("State").fill("IL")
    street.get_by_label("ZIP").fill("62701")
    page.get_by_role("button", name="Save billing provider").click()
    expect(page.locator(".field.has-error .field-error")).to_have_text(
        "must have all 9 digits (62701-1234) for the billing provider")
    page.locator("fieldset").first.get_by_label("ZIP").fill("62701-1234")
    page.get_by_label("Tax ID", exact=True).fill("12-3456789")
    page.get_by_role("button", name="Save billing provider").click()
    expect(page.locator(".notice")).to_have_text("Billing provider saved")
    expect(page.get_by_text("On file: ends in 6789")).to_be_visible()


def test_a_payer_and_a_clients_diagnoses_are_recorded(page):
    set_up_practice(page)
    page.goto("/settings/payers")
    page.get_by_label("Name").fill("Aetna")
    page.get_by_label("Payer ID").fill("60054")
    page.get_by_role("button", name="Add payer").click()
    expect(page.locator(".notice")).to_have_text("Payer added")
    client = add_client(page, "Avery", "Nguyen")
    page.goto(f"/clients/{client}/edit?tab=billing")
    page.get_by_label("ICD-10-CM codes").fill("F41.1, F4.11")
    page.get_by_role("button", name="Record diagnoses").click()
    expect(page.locator("#error-dx-codes")).to_contain_text("ICD-10-CM code")
    page.get_by_label("ICD-10-CM codes").fill("F41.1, F33.0")
    page.get_by_role("button", name="Record diagnoses").click()
    expect(page.locator("ol.diagnoses li").first).to_have_text("F41.1 — Generalized anxiety disorder")
