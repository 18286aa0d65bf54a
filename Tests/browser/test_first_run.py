import re

from playwright.sync_api import expect

from practice import set_up_practice


def test_first_run_creates_the_practice_and_opens_the_calendar(page):
    set_up_practice(page)
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Calendar")).to_have_attribute("aria-current", "page")
    expect(page.locator(".practice-name")).to_have_text("Riverside Counseling")
    expect(page.locator(".week-grid .day-head")).to_have_count(7)


def test_setup_shows_each_error_beside_its_field_and_keeps_what_was_typed(page):
    page.goto("/setup")
    page.get_by_label("Practice name").fill("Riverside Counseling")
    page.get_by_label("Your name").fill("Maya Chen")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create practice").click()
    expect(page.locator("#error-password")).to_have_text("Password must be at least 12 characters.")
    expect(page.locator("#error-email")).to_have_text("Email must be an email address such as name@example.com.")
    expect(page.get_by_label("Practice name")).to_have_value("Riverside Counseling")
    expect(page.get_by_label("Password")).to_have_value("")


def test_signing_out_and_back_in(page):
    set_up_practice(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.get_by_label("Email").fill("maya@riverside.example")
    page.get_by_label("Password").fill("wrong password entirely")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".form-error")).to_have_text("That email and password do not match an account.")
    page.get_by_label("Password").fill("a long enough passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/calendar$"))
