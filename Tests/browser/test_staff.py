"""Settings → Staff and API tokens."""
import re

from playwright.sync_api import expect

from practice import set_up_practice


def test_the_owner_adds_a_clinician_who_can_sign_in_and_then_deactivates_them(page):
    set_up_practice(page)
    page.goto("/settings")
    page.get_by_role("link", name="Staff").click()
    form = page.locator("form[action='/settings/staff']")
    form.get_by_label("Name", exact=True).fill("Jordan Alvarez")
    form.get_by_label("Email", exact=True).fill("jordan@riverside.example")
    form.get_by_label("Role", exact=True).select_option("clinician")
    form.get_by_label("First password", exact=True).fill("short")
    form.get_by_role("button", name="Add staff member").click()
    expect(page.locator("#error-password")).to_have_text("must be at least 12 characters")
    expect(form.get_by_label("Name", exact=True)).to_have_value("Jordan Alvarez")
    form.get_by_label("First password", exact=True).fill("jordans first passphrase")
    form.get_by_role("button", name="Add staff member").click()
    expect(page.locator(".notice")).to_have_text("Staff member added")

    # Jordan signs in and sees an empty calendar of their own.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Email", exact=True).fill("jordan@riverside.example")
    page.get_by_label("Password", exact=True).fill("jordans first passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/calendar$"))
    expect(page.locator(".user-name")).to_have_text("Jordan Alvarez")

    # The owner deactivates Jordan.
    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Email", exact=True).fill("maya@riverside.example")
    page.get_by_label("Password", exact=True).fill("a long enough passphrase")
    page.get_by_role("button", name="Sign in").click()
    # Let the calendar finish loading before going elsewhere, or its request is aborted.
    expect(page).to_have_url(re.compile(r"/calendar$"))
    page.wait_for_load_state("load")
    page.goto("/settings/staff")
    page.locator("tr[data-email='jordan@riverside.example']").get_by_role("button", name="Deactivate").click()
    expect(page.locator("tr[data-email='jordan@riverside.example'] .status")).to_have_text("deactivated")


def test_an_api_token_is_shown_once_and_can_be_revoked(page):
    set_up_practice(page)
    page.goto("/settings/tokens")
    page.get_by_label("Token name", exact=True).fill("Accounting export")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_have_text(re.compile(r"^rpt_"))
    page.goto("/settings/tokens")
    expect(page.locator("#new-token")).to_have_count(0)
    row = page.locator("tr", has_text="Accounting export")
    row.get_by_role("button", name="Revoke").click()
    expect(page.locator("tr", has_text="Accounting export")).to_contain_text("revoked")
