"""A practice's locale on every page: a euro practice in Germany reads 130,50 € and 14:00 wherever
money and times are shown, never $ or PM."""
import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from practice import add_client, add_service, book, set_up_practice

TODAY = datetime.datetime.now(ZoneInfo("Europe/Berlin")).date()


def test_a_24_hour_euro_practice_shows_its_money_and_times_its_own_way(page):
    set_up_practice(page, name="Praxis am Park", zone="Europe/Berlin", currency="EUR")
    add_service(page, "90834", "Psychotherapie, 45 Minuten", 45, "130,50")
    # The euro's usual writing is German: the practice starts out with 130,50 € and 14:00.
    page.goto("/settings")
    expect(page.get_by_label("Money, dates and times", exact=True)).to_have_value("de_DE")
    expect(page.get_by_label("Money, dates and times", exact=True).locator("option:checked")).to_contain_text("1.250,50 €")
    client = add_client(page, "Avery", "Nguyen")
    for day in [-2, 1]:
        book(page, "Nguyen, Avery", TODAY + datetime.timedelta(days=day), time="14:00")
    page.goto(f"/clients/{client}")
    page.locator("input[name=session]").first.check()
    page.get_by_role("button", name="Create invoice for selected sessions").click()
    expect(page.get_by_role("heading", name="Invoice #1")).to_be_visible()

    tomorrow = TODAY + datetime.timedelta(days=1)
    pages = [
        f"/calendar?view=week&date={tomorrow.isoformat()}", f"/calendar?view=day&date={tomorrow.isoformat()}",
        f"/clients/{client}", "/invoices", page.url, f"/clients/{client}/statement", "/payments/new?client=" + client,
    ]
    for path in pages:
        page.goto(path)
        text = page.locator("main").inner_text()
        assert "$" not in text and " PM" not in text and " AM" not in text, f"{path}: {text[:400]}"
    page.goto(f"/calendar?view=day&date={tomorrow.isoformat()}")
    expect(page.locator("a.session-block .block-code")).to_contain_text("14:00")
    expect(page.locator(".hour-label").filter(has_text="14:00")).to_have_count(1)
    page.goto(f"/clients/{client}")
    expect(page.locator("#upcoming-heading + table")).to_contain_text("14:00")
    expect(page.locator("#upcoming-heading + table")).to_contain_text("130,50 €")
    page.goto("/invoices")
    expect(page.locator("table.list")).to_contain_text("130,50 €")
