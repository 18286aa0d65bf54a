"""The new way: change the client's fee once, see what changes, confirm — no session edits."""
import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from practice import (add_client, add_service, api, api_token, book, default_service, invoiced_session, open_session,
                      set_billing_provider, set_up_practice)

TODAY = datetime.datetime.now(ZoneInfo("America/New_York")).date()


def test_a_fee_change_on_the_billing_tab_is_previewed_and_upcoming_sessions_follow(page):
    set_up_practice(page)
    add_service(page, "90834", "Psychotherapy, 45 minutes", 45, "150.00")
    client = add_client(page, "Avery", "Nguyen")
    first = TODAY + datetime.timedelta(days=1)
    book(page, "Nguyen, Avery", first, repeat="weekly", count=12)

    page.goto(f"/clients/{client}")
    page.get_by_role("link", name="Edit client info").click()
    page.get_by_role("link", name="Billing and Insurance").click()
    expect(page.get_by_role("heading", name="Service Code")).to_be_visible()
    page.get_by_label("Fee for 90834").fill("130.00")
    page.get_by_role("button", name="Save").click()

    expect(page.locator(".preview")).to_contain_text("12 upcoming sessions will change from 90834 $150.00 to 90834 $130.00.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".notice")).to_contain_text("12 sessions now bill at the new price")

    open_session(page, first + datetime.timedelta(days=28), "Avery Nguyen")
    flyout = page.locator("dialog#flyout")
    expect(flyout.locator(".price .fee")).to_have_text("$130.00")
    expect(flyout.locator(".fee-source")).to_have_text("From the client's fee for this service.")


def test_a_negative_fee_on_the_billing_tab_is_refused_beside_the_field(page):
    set_up_practice(page)
    add_service(page, "90834", "Psychotherapy, 45 minutes", 45, "150.00")
    client = add_client(page, "Blake", "Garcia")
    page.goto(f"/clients/{client}/edit?tab=billing")
    page.get_by_label("Fee for 90834").fill("-20")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".field.has-error .field-error")).to_have_text("A fee cannot be negative")
    expect(page.get_by_label("Fee for 90834")).to_have_value("-20")


def test_a_paid_invoice_cannot_be_deleted(page):
    set_up_practice(page)
    add_service(page, "90834", "Psychotherapy, 45 minutes", 45, "150.00")
    client = add_client(page, "Casey", "Smith")
    book(page, "Smith, Casey", TODAY - datetime.timedelta(days=3))
    page.goto(f"/clients/{client}")
    page.locator("input[name=session]").first.check()
    page.get_by_role("button", name="Create invoice for selected sessions").click()
    page.get_by_role("link", name="Record payment").click()
    page.get_by_label("Amount").fill("50")
    page.get_by_role("button", name="Record payment").click()
    expect(page.locator("#money-balance")).to_have_text("$100.00")
    page.locator("#invoices-heading + table").get_by_role("link", name="#1").click()
    page.get_by_text("Delete", exact=True).click()
    page.get_by_role("button", name="Delete invoice").click()
    expect(page.locator(".form-error")).to_contain_text("unapply the payments first")
    expect(page.locator(".page-head .status")).to_have_text("open")


def test_a_payment_is_found_in_the_payments_list_and_unapplied_from_its_page(page):
    set_up_practice(page)
    add_service(page, "90834", "Psychotherapy, 45 minutes", 45, "150.00")
    client = add_client(page, "Dana", "Reyes")
    book(page, "Reyes, Dana", TODAY - datetime.timedelta(days=2))
    page.goto(f"/clients/{client}")
    page.locator("input[name=session]").first.check()
    page.get_by_role("button", name="Create invoice for selected sessions").click()
    page.get_by_role("link", name="Record payment").click()
    page.get_by_label("Amount").fill("60")
    page.get_by_label("Reference").fill("Check 1042")
    page.get_by_role("button", name="Record payment").click()
    # The payment's answer is a redirect to the client page; wait for it before leaving.
    expect(page.get_by_role("status")).to_contain_text("Payment recorded")

    page.goto("/invoices")
    page.get_by_role("link", name="Payments", exact=True).click()
    row = page.locator("table.payments tbody tr").first
    expect(row).to_contain_text("Dana Reyes")
    expect(row).to_contain_text("Check 1042")
    expect(row).to_contain_text("#1")
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("payment of $60.00")
    page.get_by_role("button", name="Unapply $60.00").click()
    expect(page.get_by_role("status")).to_contain_text("it is the client's credit now")
    expect(page.locator("#payment-unapplied")).to_have_text("$60.00")
    page.goto(f"/clients/{client}")
    expect(page.locator("#money-balance")).to_have_text("$90.00")


def test_a_statement_reads_as_the_client_reads_it_with_whom_to_pay_and_by_when(page):
    set_up_practice(page)
    token = api_token(page)
    default_service(page, token)
    client = add_client(page, "Avery", "Nguyen")
    # Billed, then re-issued at the current rules: the practice's history, not the client's.
    first = invoiced_session(page, token, client)
    api(page, token, "POST", f"/invoices/{first['id']}/reissue")
    set_billing_provider(page, token)
    api(page, token, "PATCH", "/practice", {"paymentDueDays": 14})

    page.goto(f"/clients/{client}")
    page.get_by_role("link", name="Statement").click()
    document = page.locator(".printable")
    facts = document.locator("dl.facts")
    expect(facts).to_contain_text("1 Main St, Springfield, IL 62701-1234")
    expect(facts).to_contain_text("(217) 555-0100")
    expect(facts).to_contain_text("12-3456789")
    expect(facts).to_contain_text(TODAY.strftime("%b %-d, %Y"))
    totals = document.locator("dl.totals")
    expect(totals).to_contain_text("Amount due")
    expect(totals).to_contain_text("$150.00")
    expect(totals).to_contain_text((TODAY + datetime.timedelta(days=14)).strftime("%b %-d, %Y"))
    text = document.inner_text()
    for internal in ["deleted", "re-issued", "Maya Chen", "invoiceDeleted", "noShow", "lateCancelled"]:
        assert internal not in text, f"the client's statement says {internal!r}"
    # One date format throughout: no ISO dates on what the client reads.
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), text
    expect(page.get_by_role("button", name="Print")).to_be_visible()
