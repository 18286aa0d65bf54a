"""Insurance set-up: who bills, the payers, and a client's diagnoses, each problem beside its field."""
import datetime
import re

from playwright.sync_api import expect

from practice import add_client, add_payer, api, api_token, set_up_practice


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
        "ZIP must have all 9 digits (62701-1234) for the billing provider.")
    page.locator("fieldset").first.get_by_label("ZIP").fill("62701-1234")
    page.get_by_label("Tax ID", exact=True).fill("12-3456789")
    page.get_by_role("button", name="Save billing provider").click()
    expect(page.locator(".notice")).to_have_text("Billing provider saved")
    expect(page.get_by_text("On file: ends in 6789")).to_be_visible()


def test_a_payer_and_a_clients_diagnoses_are_recorded(page):
    set_up_practice(page)
    add_payer(page, "Aetna", "60054")
    client = add_client(page, "Avery", "Nguyen")
    page.goto(f"/clients/{client}/edit?tab=billing")
    page.get_by_label("ICD-10-CM codes").fill("F41.1, F4.11")
    page.get_by_role("button", name="Record diagnoses").click()
    expect(page.locator("#error-dx-codes")).to_contain_text("ICD-10-CM code")
    page.get_by_label("ICD-10-CM codes").fill("F41.1, F33.0")
    page.get_by_role("button", name="Record diagnoses").click()
    expect(page.locator("ol.diagnoses li").first).to_have_text("F41.1 — Generalized anxiety disorder")


def test_a_childs_policy_names_its_subscriber_and_counts_authorized_visits(page):
    set_up_practice(page)
    add_payer(page, "Aetna", "60054")
    client = add_client(page, "Avery", "Nguyen")
    page.goto(f"/clients/{client}/edit?tab=billing")
    expect(page.get_by_text("No policies: sessions bill the client.")).to_be_visible()
    page.get_by_role("link", name="Add a policy").click()
    page.get_by_label("Payer").select_option(label="Aetna · 60054")
    page.get_by_label("Member ID").fill("W123456789")
    page.get_by_label("Covers from").fill("2026-01-01")
    page.get_by_label("Relationship").select_option("child")
    page.get_by_label("Subscriber's first name").fill("Sam")
    page.get_by_label("Subscriber's last name").fill("Nguyen")
    page.get_by_label("Subscriber's sex").select_option("male")
    page.get_by_label("Copay").fill("20")
    page.get_by_role("button", name="Add policy").click()
    expect(page.locator("#error-subscriber\\.dateOfBirth")).to_have_text(
        "Enter the subscriber's date of birth: the payer matches the subscriber by it.")
    expect(page.get_by_label("Member ID")).to_have_value("W123456789")
    page.get_by_label("Subscriber's date of birth").fill("1980-04-02")
    page.get_by_role("button", name="Add policy").click()
    expect(page.get_by_role("heading", name=re.compile("Review the change"))).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".notice")).to_have_text("Aetna policy added")
    row = page.locator("table.policies tbody tr")
    expect(row).to_contain_text("Aetna")
    expect(row).to_contain_text("Copay $20.00")
    row.get_by_role("link", name="Edit").click()
    page.get_by_label("Authorization number").fill("PA-1")
    page.get_by_label("Visits").fill("12")
    page.get_by_label("From", exact=True).fill("2026-01-01")
    page.get_by_label("Until", exact=True).fill("2026-12-31")
    page.get_by_role("button", name="Add authorization").click()
    expect(page.locator(".notice")).to_have_text("Authorization added")
    expect(page.get_by_text("0 of 12 used, 0 booked, 12 left")).to_be_visible()
    page.get_by_role("link", name="← Billing and Insurance").click()
    expect(page.locator("table.policies tbody tr")).to_contain_text("PA-1: 0 of 12 used")


def test_a_contracted_rate_is_previewed_with_the_allowed_amounts_it_moves_then_saved(page):
    set_up_practice(page)
    token = api_token(page)
    services = api(page, token, "GET", "/services")
    service = services[0] if services else api(page, token, "POST", "/services", {
        "code": "90834", "description": "Psychotherapy, 45 minutes", "durationMinutes": 45,
        "rate": {"amount": 15000, "currency": "USD"}})
    api(page, token, "PATCH", "/practice", {"defaultServiceId": service["id"]})
    payer = api(page, token, "POST", "/payers", {"name": "Aetna", "payerId": "60054", "filingIndicator": "CI"})
    client = add_client(page, "Avery", "Nguyen")
    today = datetime.date.today()
    api(page, token, "POST", f"/clients/{client}/policies", {
        "payerId": payer["id"], "rank": "primary", "memberId": "W123456789",
        "effectiveFrom": str(today - datetime.timedelta(days=60)), "copay": {"amount": 2000, "currency": "USD"}})
    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)).replace(microsecond=0)
    api(page, token, "POST", "/sessions", {"clientId": client, "start": start.strftime("%Y-%m-%dT%H:%M:%SZ")})

    page.goto(f"/settings/payers/{payer['id']}")
    page.get_by_label("Service").select_option(service["id"])
    page.get_by_label("Allows").fill("-3")
    page.get_by_role("button", name="Save rate").click()
    expect(page.locator("#error-rate-amount")).to_be_visible()
    page.get_by_label("Allows").fill("98")
    page.get_by_role("button", name="Save rate").click()
    expect(page.get_by_role("heading", name=re.compile("Review the change to Aetna’s rate for 90834"))).to_be_visible()
    expect(page.locator(".preview-line")).to_have_text(
        "1 upcoming session will change from “Bills Aetna · client's share $20.00 · allows $150.00” "
        "to “Bills Aetna · client's share $20.00 · allows $98.00”.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".notice")).to_have_text("Rate saved")
    expect(page.locator("section[aria-labelledby='rates-heading'] tbody tr").first).to_contain_text("$98.00")
