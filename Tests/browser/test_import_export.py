"""Moving data in and out on the web: a client list from another product checked, corrected and
imported, then its opening balances; a calendar feed link made in Your account; sessions exported
as CSV."""
from playwright.sync_api import expect

from practice import add_client, set_up_practice

BAD = "Client ID;First Name;Last Name;DOB\r\nA-1;Avery;Nguyen;04/03/1990\r\nA-2;Blake;Lee;1990-13-45\r\n"
GOOD = "\ufeffClient ID;First Name;Last Name;DOB\r\nA-1;Avery;Nguyen;04/03/1990\r\nA-2;Blake;Lee;12/30/1985\r\n"
BALANCES = "Client ID,Balance Due,As Of\r\nA-1,240.50,11/30/2026\r\nA-2,(15.00),11/30/2026\r\n"


def choose(page, text: str):
    page.locator("#csv-file").set_input_files(files=[{"name": "clients.csv", "mimeType": "text/csv",
                                                      "buffer": text.encode()}])


def test_a_client_list_is_checked_corrected_and_imported(page):
    set_up_practice(page)
    page.goto("/settings")
    page.get_by_role("link", name="Import", exact=True).click()
    choose(page, BAD)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="1 problem: nothing can be imported yet")).to_be_visible()
    row = page.locator("table.import-problems tbody tr").first
    expect(row).to_contain_text("3")
    expect(row).to_contain_text("DOB")
    choose(page, GOOD)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Ready: 2 to add, 0 to update")).to_be_visible()
    page.get_by_role("button", name="Import 2 clients").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 2 clients added, 0 updated.")
    page.goto("/clients")
    expect(page.get_by_role("link", name="Lee, Blake")).to_be_visible()

    page.goto("/settings/import")
    page.get_by_label("What the file holds").select_option("balances")
    choose(page, BALANCES)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", name="Ready: 2 to add, 0 to update")).to_be_visible()
    page.get_by_role("button", name="Import 2 balances").click()
    expect(page.get_by_role("status")).to_contain_text("Imported: 2 opening balances added, 0 replaced.")
    page.goto("/invoices")
    page.get_by_role("link", name="#1", exact=True).click()
    expect(page.locator("tr.brought-forward")).to_contain_text("Balance brought forward")
    expect(page.locator("#invoice-total")).to_have_text("$240.50")
    expect(page.get_by_role("button", name="Re-issue at current fees")).to_have_count(0)


def test_a_clinician_makes_a_calendar_feed_link_and_sessions_export(page):
    set_up_practice(page)
    add_client(page, "Avery", "Nguyen")
    page.goto("/account")
    page.get_by_role("button", name="Make a link").click()
    link = page.get_by_label("Your new link. Copy it now: it is not shown again.")
    url = link.input_value()
    assert url.endswith(".ics") and "/calendar-feeds/rpt_" in url
    feed = page.request.get(url)
    assert feed.status == 200 and feed.text().startswith("BEGIN:VCALENDAR")
    page.get_by_role("button", name="Revoke the link").click()
    assert page.request.get(url).status == 404
    page.goto("/settings")
    page.get_by_role("link", name="Export data").click()
    page.get_by_label("What").select_option("clients")
    page.get_by_role("button", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download rapport-clients.csv").click()
    assert download.value.suggested_filename == "rapport-clients.csv"
    assert "Nguyen" in open(download.value.path(), encoding="utf-8").read()
