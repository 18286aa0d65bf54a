"""Settings → Staff, and Your account: password and API tokens."""
import re

from playwright.sync_api import expect

from practice import add_staff, set_up_practice, sign_in


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
    expect(page.locator("#error-password")).to_contain_text("must be at least 12 characters.")
    expect(form.get_by_label("Name", exact=True)).to_have_value("Jordan Alvarez")
    form.get_by_label("First password", exact=True).fill("jordans first passphrase")
    form.get_by_role("button", name="Add staff member").click()
    expect(page.locator(".notice")).to_have_text("Staff member added")

    # Jordan signs in and sees an empty calendar of their own.
    sign_in(page, "jordan@riverside.example", "jordans first passphrase")
    expect(page.locator(".user-name")).to_have_text("Jordan Alvarez")

    # The owner deactivates Jordan.
    sign_in(page, "maya@riverside.example", "a long enough passphrase")
    page.goto("/settings/staff")
    page.locator("tr[data-email='jordan@riverside.example']").get_by_role("button", name="Deactivate").click()
    expect(page.locator("tr[data-email='jordan@riverside.example'] .status")).to_have_text("deactivated")


def test_an_api_token_is_shown_once_and_can_be_revoked(page):
    set_up_practice(page)
    page.goto("/account/tokens")
    page.get_by_label("Token name", exact=True).fill("Accounting export")
    page.get_by_role("button", name="Create token").click()
    expect(page.locator("#new-token")).to_have_text(re.compile(r"^rpt_"))
    page.goto("/account/tokens")
    expect(page.locator("#new-token")).to_have_count(0)
    row = page.locator("tr", has_text="Accounting export")
    row.get_by_role("button", name="Revoke").click()
    expect(page.locator("tr", has_text="Accounting export")).to_contain_text("revoked")


def test_a_clinician_changes_their_password_from_their_account(page):
    set_up_practice(page)
    page.wait_for_load_state("load")
    add_staff(page, "Jordan Alvarez", "jordan@riverside.example", "clinician", "jordans first passphrase")
    sign_in(page, "jordan@riverside.example", "jordans first passphrase")
    # A clinician has no Settings to open, so no link to it; their name leads to their account.
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Settings")).to_have_count(0)
    page.get_by_role("link", name="Jordan Alvarez").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()

    page.get_by_label("Current password", exact=True).fill("jordans first passphrase")
    page.get_by_label("New password", exact=True).fill("Password1234")
    page.get_by_label("New password again", exact=True).fill("Password1234")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator("#error-newPassword")).to_have_text(
        "New password is one of the most commonly used passwords; choose another.")
    page.get_by_label("Current password", exact=True).fill("jordans first passphrase")
    page.get_by_label("New password", exact=True).fill("jordans second passphrase")
    page.get_by_label("New password again", exact=True).fill("jordans second passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".notice")).to_contain_text("Password changed")

    sign_in(page, "jordan@riverside.example", "jordans second passphrase")
