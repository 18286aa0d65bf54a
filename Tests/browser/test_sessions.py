"""Booking and the session flyout — including the help article's old procedure, which still works."""
import datetime
import re
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from practice import add_client, add_clinician, add_service, book, fill_new_session, open_session, set_up_practice

TODAY = datetime.datetime.now(ZoneInfo("America/New_York")).date()


def a_practice(page):
    set_up_practice(page)
    add_service(page, "90834", "Psychotherapy, 45 minutes", 45, "150.00")
    add_service(page, "90837", "Psychotherapy, 60 minutes", 60, "180.00")


def test_services_a_client_with_a_default_service_and_a_weekly_series(page):
    a_practice(page)
    client = add_client(page, "Avery", "Nguyen", default_service="90837 · Psychotherapy, 60 minutes")
    book(page, "Nguyen, Avery", TODAY + datetime.timedelta(days=1), repeat="weekly", count=10)
    flyout = page.locator("dialog#flyout")
    expect(flyout).to_be_visible()
    expect(flyout.locator(".price .code")).to_have_text("90837")
    expect(flyout.locator(".price .fee")).to_have_text("$180.00")
    expect(flyout).to_contain_text("Weekly on")
    page.keyboard.press("Escape")
    page.goto(f"/clients/{client}")
    expect(page.locator("#upcoming-heading + table tbody tr")).to_have_count(10)


def test_the_article_procedure_edit_a_past_session_then_delete_its_invoice(page):
    a_practice(page)
    client = add_client(page, "Blake", "Garcia")
    past = TODAY - datetime.timedelta(days=7)
    book(page, "Garcia, Blake", past)
    # Invoice it from the client page, as the article's product would have.
    page.goto(f"/clients/{client}")
    page.locator("input[name=session]").first.check()
    page.get_by_role("button", name="Create invoice for selected sessions").click()
    expect(page.get_by_role("heading", name="Invoice #1")).to_be_visible()
    # The article's step 2: open the invoice, click the red Delete button.
    page.get_by_text("Delete", exact=True).click()
    page.get_by_label("Reason").fill("wrong code")
    page.get_by_role("button", name="Delete invoice").click()
    expect(page.locator(".status")).to_have_text("deleted")
    # Steps 3–5: Edit next to the service code, change code and fee, Save.
    open_session(page, past, "Blake Garcia")
    flyout = page.locator("dialog#flyout")
    flyout.get_by_text("Edit", exact=True).click()
    # The Edit form stays inside its card.
    card = flyout.locator("section.price").bounding_box()
    for field in flyout.locator(".form-row .field").all():
        box = field.bounding_box()
        assert box["x"] + box["width"] <= card["x"] + card["width"] + 1, f"a field spills out of the card: {box} {card}"
    flyout.get_by_label("Service code", exact=True).select_option(label="90837 · Psychotherapy, 60 minutes")
    flyout.get_by_label("Fee", exact=True).fill("125.00")
    with page.expect_navigation():
        flyout.get_by_role("button", name="Save").last.click()
    expect(flyout.locator(".price .code")).to_have_text("90837")
    expect(flyout.locator(".price .fee")).to_have_text("$125.00")
    expect(flyout.locator(".fee-source")).to_have_text("Typed for this session.")


def test_deleting_this_and_all_future_sessions_keeps_the_earlier_ones(page):
    a_practice(page)
    client = add_client(page, "Casey", "Smith")
    first = TODAY + datetime.timedelta(days=1)
    book(page, "Smith, Casey", first, repeat="weekly", count=8)
    open_session(page, first + datetime.timedelta(days=21), "Casey Smith")
    flyout = page.locator("dialog#flyout")
    delete = flyout.locator(".delete-session")
    delete.locator("summary").click()
    delete.get_by_label("This and all future sessions").check()
    with page.expect_navigation():
        delete.get_by_role("button", name="Delete", exact=True).click()
    page.goto(f"/clients/{client}")
    expect(page.locator("#upcoming-heading + table tbody tr")).to_have_count(3)


def test_deleting_a_single_session_asks_to_confirm(page):
    a_practice(page)
    client = add_client(page, "Dana", "Patel")
    day = TODAY + datetime.timedelta(days=2)
    book(page, "Patel, Dana", day)
    open_session(page, day, "Dana Patel")
    flyout = page.locator("dialog#flyout")
    flyout.locator(".delete-session summary").click()
    expect(flyout).to_contain_text("Delete this session?")
    with page.expect_navigation():
        flyout.get_by_role("button", name="OK, delete").click()
    expect(page.locator("a.session-block")).to_have_count(0)
    page.goto(f"/clients/{client}")
    expect(page.locator("#upcoming-heading + p")).to_have_text("None.")


def test_a_negative_fee_is_refused_beside_the_field(page):
    a_practice(page)
    add_client(page, "Elliot", "Kim")
    day = TODAY + datetime.timedelta(days=3)
    book(page, "Kim, Elliot", day)
    open_session(page, day, "Elliot Kim")
    flyout = page.locator("dialog#flyout")
    flyout.get_by_text("Edit", exact=True).click()
    flyout.get_by_label("Fee", exact=True).fill("-5")
    flyout.get_by_role("button", name="Save").last.click()
    expect(flyout.locator("#error-fee")).to_have_text("Fee must not be negative.")
    expect(flyout.get_by_label("Fee", exact=True)).to_have_value("-5")
    expect(flyout.locator(".price .fee")).to_have_text("$150.00")


def test_the_flyout_opens_and_closes_from_the_keyboard(page):
    a_practice(page)
    add_client(page, "Frankie", "Lopez")
    day = TODAY + datetime.timedelta(days=1)
    book(page, "Lopez, Frankie", day)
    page.goto(f"/calendar?view=day&date={day.isoformat()}")
    page.locator("a.session-block").first.focus()
    page.keyboard.press("Enter")
    flyout = page.locator("dialog#flyout")
    expect(flyout).to_be_visible()
    expect(flyout.get_by_role("heading", name="Frankie Lopez")).to_be_visible()
    page.keyboard.press("Escape")
    expect(flyout).to_be_hidden()


def test_moving_a_repeating_session_asks_which_sessions_and_moves_the_following_ones(page):
    a_practice(page)
    client = add_client(page, "Gray", "Young")
    first = TODAY + datetime.timedelta(days=1)
    book(page, "Young, Gray", first, time="10:00", repeat="weekly", count=6)
    open_session(page, first + datetime.timedelta(days=14), "Gray Young")
    flyout = page.locator("dialog#flyout")
    flyout.locator(".edit-price summary").click()
    flyout.get_by_label("Time", exact=True).fill("14:30")
    flyout.locator(".edit-price").get_by_label("This and all future sessions").check()
    with page.expect_navigation():
        flyout.get_by_role("button", name="Save").last.click()
    expect(flyout).to_contain_text("2:30 PM")
    page.goto(f"/clients/{client}")
    times = page.locator("#upcoming-heading + table tbody tr td:first-child").all_inner_texts()
    assert [t.split(", ")[-1] for t in times] == ["10:00 AM", "10:00 AM", "2:30 PM", "2:30 PM", "2:30 PM", "2:30 PM"]


def test_clicking_an_empty_slot_books_a_session_there(page):
    a_practice(page)
    day = TODAY + datetime.timedelta(days=2)
    page.goto(f"/calendar?view=day&date={day.isoformat()}")
    column = page.locator(".day-column").first
    box = column.bounding_box()
    quarter = 14  # --quarter in app.css
    # Two hours below the 7 AM top of the grid: 9:00.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 8 * quarter + quarter / 2)
    expect(page).to_have_url(re.compile(r"/sessions/new\?"))
    expect(page.get_by_label("Date", exact=True)).to_have_value(day.isoformat())
    expect(page.get_by_label("Time", exact=True)).to_have_value("09:00")


def test_the_new_session_form_says_what_the_session_will_bill(page):
    a_practice(page)
    client = add_client(page, "Harper", "Wilson", default_service="90837 · Psychotherapy, 60 minutes")
    page.goto(f"/sessions/new?client={client}")
    expect(page.locator("#price-preview")).to_have_text("Bills 90837 at $180.00 — service rate.")
    page.get_by_label("Service code", exact=True).select_option(label="90834 · Psychotherapy, 45 minutes · $150.00")
    expect(page.locator("#price-preview")).to_have_text("Bills 90834 at $150.00 — service rate.")
    page.get_by_label("Fee", exact=True).fill("99")
    page.get_by_label("Fee", exact=True).blur()
    expect(page.locator("#price-preview")).to_have_text("Bills 90834 at $99.00 — typed for the session.")


def test_sessions_at_the_same_time_sit_side_by_side(page):
    a_practice(page)
    add_client(page, "Indy", "King")
    add_client(page, "Jesse", "Moore")
    day = TODAY + datetime.timedelta(days=2)
    book(page, "King, Indy", day, time="11:00")
    book(page, "Moore, Jesse", day, time="11:30", anyway=True)
    page.goto(f"/calendar?view=day&date={day.isoformat()}")
    first = page.locator("a.session-block", has_text="Indy King").bounding_box()
    second = page.locator("a.session-block", has_text="Jesse Moore").bounding_box()
    assert first["x"] + first["width"] <= second["x"] or second["x"] + second["width"] <= first["x"], (first, second)


def test_a_double_booking_says_with_whom_and_can_be_booked_anyway(page):
    a_practice(page)
    add_client(page, "Avery", "Nguyen")
    add_client(page, "Blake", "Garcia")
    day = TODAY + datetime.timedelta(days=3)
    book(page, "Nguyen, Avery", day, time="10:00")
    fill_new_session(page, "Garcia, Blake", day, "10:15")
    page.get_by_role("button", name="Book session").click()
    warning = page.locator(".conflict-warning")
    expect(warning).to_contain_text("This overlaps another session")
    expect(warning).to_contain_text("already sees Avery Nguyen")
    expect(warning).to_contain_text("10:00 AM – 10:45 AM")
    # The form keeps what was typed; two sessions in the end means the warning booked nothing.
    expect(page.get_by_label("Time", exact=True)).to_have_value("10:15")
    page.get_by_role("button", name="Book anyway").click()
    expect(page).to_have_url(re.compile(r"/calendar\?"))
    page.wait_for_load_state("networkidle")
    page.goto(f"/calendar?view=day&date={day.isoformat()}")
    expect(page.locator("a.session-block")).to_have_count(2)


def test_the_day_has_a_column_per_clinician_in_their_colours_with_a_legend(page):
    a_practice(page)
    add_clinician(page, "Sam Ortiz")
    add_clinician(page, "Riley Park", color="Purple")
    for first, last in [("Avery", "Nguyen"), ("Blake", "Garcia"), ("Casey", "Smith")]:
        add_client(page, first, last)
    day = TODAY + datetime.timedelta(days=2)
    # Three clinicians at the same hour: no overlap for anyone, so no warning.
    book(page, "Nguyen, Avery", day, time="10:00", clinician="Maya Chen")
    book(page, "Garcia, Blake", day, time="10:00", clinician="Sam Ortiz")
    book(page, "Smith, Casey", day, time="10:00", clinician="Riley Park")
    page.goto(f"/calendar?view=day&date={day.isoformat()}")
    heads = page.locator(".clinician-head")
    expect(heads).to_have_text(["Maya Chen", "Riley Park", "Sam Ortiz"])
    for clinician, client in [("Maya Chen", "Avery Nguyen"), ("Riley Park", "Casey Smith"), ("Sam Ortiz", "Blake Garcia")]:
        column = page.locator(f".day-column[aria-label^='{clinician},']")
        block = column.locator("a.session-block")
        expect(block).to_have_count(1)
        expect(block.locator(".block-client")).to_have_text(client)
        # Wide enough that the name reads whole, not "E…".
        box = block.bounding_box()
        assert box["width"] > 110, box
        name = block.locator(".block-client")
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), f"{client}'s name is cut short"
    expect(page.locator(".day-column[aria-label^='Riley Park,'] a.session-block")).to_have_class(re.compile(r"\bclin-purple\b"))
    legend = page.locator(".calendar-legend")
    for text in ["Maya Chen", "Riley Park", "Sam Ortiz", "Scheduled", "Late cancel", "No show", "Repeating"]:
        expect(legend).to_contain_text(text)
    # A click in Sam's empty column books with Sam.
    page.locator(".day-column[aria-label^='Sam Ortiz,']").click(position={"x": 40, "y": 40})
    expect(page).to_have_url(re.compile(r"/sessions/new\?"))
    expect(page.get_by_label("Clinician", exact=True).locator("option:checked")).to_have_text("Sam Ortiz")
    # The week keeps one column a day, each session in its clinician's colour.
    page.goto(f"/calendar?view=week&date={day.isoformat()}")
    expect(page.locator(".clinician-head")).to_have_count(0)
    expect(page.locator("a.session-block.clin-purple")).to_have_count(1)


def test_the_repeat_fields_wait_for_a_repeat_and_the_series_is_said_in_words(page):
    a_practice(page)
    add_client(page, "Avery", "Nguyen")
    page.goto("/sessions/new")
    for label in ["Ends", "Number of sessions", "Last date", "Every N weeks"]:
        expect(page.get_by_label(label, exact=True)).to_be_hidden()
    page.get_by_label("Client", exact=True).select_option(label="Nguyen, Avery")
    page.get_by_label("Date", exact=True).fill("2027-01-05")
    page.get_by_label("Time", exact=True).fill("10:00")
    page.get_by_label("Repeats", exact=True).select_option("weekly")
    expect(page.get_by_label("Ends", exact=True)).to_be_visible()
    expect(page.get_by_label("Every N weeks", exact=True)).to_be_hidden()
    expect(page.locator("#series-summary")).to_have_text("Weekly on Tuesdays at 10:00 AM, with no end date")
    page.get_by_label("Ends", exact=True).select_option("after")
    expect(page.get_by_label("Last date", exact=True)).to_be_hidden()
    page.get_by_label("Number of sessions", exact=True).fill("20")
    expect(page.locator("#series-summary")).to_have_text("Weekly on Tuesdays at 10:00 AM, 20 sessions, until May 18, 2027")
    page.get_by_label("Repeats", exact=True).select_option("never")
    expect(page.get_by_label("Ends", exact=True)).to_be_hidden()
    expect(page.locator("#series-summary")).to_have_text("")


def test_two_clients_of_one_name_are_told_apart_and_the_list_filters_by_clinician(page):
    a_practice(page)
    add_clinician(page, "Sam Ortiz")
    for born, clinician in [("1990-05-17", "Maya Chen"), ("1984-11-02", "Sam Ortiz")]:
        page.goto("/clients/new")
        page.get_by_label("First name", exact=True).fill("Avery")
        page.get_by_label("Last name", exact=True).fill("Nguyen")
        page.get_by_label("Date of birth", exact=True).fill(born)
        page.get_by_label("Primary clinician", exact=True).select_option(label=clinician)
        page.get_by_role("button", name="Add client").click()
        expect(page.get_by_role("heading", name="Avery Nguyen")).to_be_visible()
    page.goto("/sessions/new")
    options = page.get_by_label("Client", exact=True).locator("option")
    # Clients of one name come in a stable order of their own (the list's order ends in the id).
    for told_apart in ["Nguyen, Avery · born May 17, 1990", "Nguyen, Avery · born Nov 2, 1984"]:
        expect(options.filter(has_text=told_apart)).to_have_count(1)
    page.goto("/clients")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="May 17, 1990")).to_contain_text("Maya Chen")
    expect(rows.filter(has_text="Nov 2, 1984")).to_contain_text("Sam Ortiz")
    page.get_by_label("Clinician", exact=True).select_option(label="Sam Ortiz")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nov 2, 1984")
    expect(rows.first).to_contain_text("Sam Ortiz")


def test_the_keyboard_can_skip_to_the_page_and_starts_in_the_right_field(page):
    a_practice(page)
    add_client(page, "Avery", "Nguyen")
    page.goto("/clients")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    # New session starts in the client search; a form sent back with a problem, in the field at fault.
    page.goto("/sessions/new")
    expect(page.get_by_role("searchbox", name="Find a client")).to_be_focused()
    page.get_by_label("Client", exact=True).select_option(label="Nguyen, Avery")
    page.get_by_label("Minutes", exact=True).fill("0")
    page.get_by_role("button", name="Book session").click()
    expect(page.get_by_label("Minutes", exact=True)).to_be_focused()


def test_working_hours_shade_the_day_and_a_booking_outside_them_asks(page):
    a_practice(page)
    add_client(page, "Avery", "Nguyen")
    page.goto("/settings")
    page.locator("section[aria-labelledby=clinicians-heading]").get_by_role("link", name="Maya Chen").click()
    page.get_by_label("Tuesday from", exact=True).fill("09:00")
    page.get_by_label("Tuesday to", exact=True).fill("17:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved")
    expect(page.get_by_label("Tuesday from", exact=True)).to_have_value("09:00")
    # Half a span is said beside the field.
    page.goto("/settings")
    page.locator("section[aria-labelledby=clinicians-heading]").get_by_role("link", name="Maya Chen").click()
    page.get_by_label("Wednesday from", exact=True).fill("10:00")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#error-hours-WE-1-end")).to_have_text("Enter both times, or neither for a day off")

    tuesday = TODAY + datetime.timedelta(days=7 + (1 - TODAY.weekday()) % 7)
    page.goto(f"/calendar?view=day&date={tuesday.isoformat()}")
    expect(page.locator(".day-column .off-hours")).to_have_count(2)
    expect(page.locator(".calendar-legend")).to_contain_text("Outside working hours")

    fill_new_session(page, "Nguyen, Avery", tuesday, "18:00")
    page.get_by_role("button", name="Book session").click()
    warning = page.locator(".conflict-warning")
    expect(warning).to_contain_text("outside the clinician's working hours")
    expect(warning).to_contain_text("Maya Chen works 9:00 AM – 5:00 PM on Tuesdays.")
    page.get_by_role("button", name="Book anyway").click()
    expect(page).to_have_url(re.compile(r"/calendar\?"))
    page.wait_for_load_state("networkidle")
