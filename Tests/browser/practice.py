"""Steps a user takes, written once for the tests that need them."""
import datetime
import re

from playwright.sync_api import Page, expect


def set_up_practice(page: Page, name: str = "Riverside Counseling", zone: str = "America/New_York", currency: str = "USD"):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/setup$"))
    page.get_by_label("Practice name", exact=True).fill(name)
    page.get_by_label("Time zone", exact=True).select_option(zone)
    page.get_by_label("Currency", exact=True).select_option(currency)
    page.get_by_label("Your name", exact=True).fill("Maya Chen")
    page.get_by_label("Email", exact=True).fill("maya@riverside.example")
    page.get_by_label("Password", exact=True).fill("a long enough passphrase")
    page.get_by_role("button", name="Create practice").click()
    expect(page).to_have_url(re.compile(r"/calendar$"))


def sign_in(page: Page, email: str, password: str):
    """Signs out whoever is signed in, then signs in as `email` and waits for the calendar."""
    sign_out = page.get_by_role("button", name="Sign out")
    if sign_out.count():
        sign_out.click()
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/calendar$"))
    # Let the calendar finish loading before going elsewhere, or its request is aborted.
    page.wait_for_load_state("load")


def add_staff(page: Page, name: str, email: str, role: str, password: str):
    page.goto("/settings/staff")
    form = page.locator("form[action='/settings/staff']")
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Email", exact=True).fill(email)
    form.get_by_label("Role", exact=True).select_option(role)
    form.get_by_label("First password", exact=True).fill(password)
    form.get_by_role("button", name="Add staff member").click()
    expect(page.locator(".notice")).to_have_text("Staff member added")


def add_service(page: Page, code: str, description: str, minutes: int, rate: str):
    page.goto("/settings")
    form = page.locator("form[action='/settings/services']")
    form.get_by_label("Code", exact=True).fill(code)
    form.get_by_label("Description", exact=True).fill(description)
    form.get_by_label("Minutes", exact=True).fill(str(minutes))
    form.get_by_label("Rate", exact=True).fill(rate)
    form.get_by_role("button", name="Add service").click()
    expect(page.locator("p.notice")).to_have_text("Service added")


def add_client(page: Page, first: str, last: str, default_service: str = "") -> str:
    page.goto("/clients/new")
    page.get_by_label("First name", exact=True).fill(first)
    page.get_by_label("Last name", exact=True).fill(last)
    page.get_by_label("Primary clinician", exact=True).select_option(label="Maya Chen")
    if default_service:
        page.get_by_label("Default service", exact=True).select_option(label=default_service)
    page.get_by_role("button", name="Add client").click()
    expect(page.get_by_role("heading", name=f"{first} {last}")).to_be_visible()
    return page.url.rsplit("/", 1)[1]


def book(page: Page, client: str, date: datetime.date, time: str = "10:00", repeat: str = "never", count: int | None = None,
         anyway: bool = False, clinician: str = ""):
    """Books through the New session form; `anyway` answers an overlap warning with Book anyway."""
    fill_new_session(page, client, date, time, clinician)
    page.get_by_label("Repeats", exact=True).select_option(repeat)
    if count:
        page.get_by_label("Ends", exact=True).select_option("after")
        page.get_by_label("Number of sessions", exact=True).fill(str(count))
    page.get_by_role("button", name="Book session").click()
    if anyway:
        page.get_by_role("button", name="Book anyway").click()
    expect(page).to_have_url(re.compile(r"/calendar\?"))
    # The calendar then opens the new session's panel; let that request finish before moving on,
    # or the next navigation aborts it.
    page.wait_for_load_state("networkidle")


def fill_new_session(page: Page, client: str, date: datetime.date, time: str, clinician: str = ""):
    """Opens the New session form and fills in who and when."""
    page.goto("/sessions/new")
    page.get_by_label("Client", exact=True).select_option(label=client)
    if clinician:
        page.get_by_label("Clinician", exact=True).select_option(label=clinician)
    page.get_by_label("Date", exact=True).fill(date.isoformat())
    page.get_by_label("Time", exact=True).fill(time)


def open_session(page: Page, date: datetime.date, client: str):
    page.goto(f"/calendar?view=day&date={date.isoformat()}")
    page.locator("a.session-block", has_text=client).first.click()
    expect(page.locator("dialog#flyout")).to_be_visible()


def add_payer(page: Page, name: str, payer_id: str):
    page.goto("/settings/payers")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Payer ID").fill(payer_id)
    page.get_by_role("button", name="Add payer").click()
    expect(page.locator(".notice")).to_have_text("Payer added")


def api_token(page: Page) -> str:
    """Creates an API token on Your account → API tokens and returns its secret (shown once)."""
    page.goto("/account/tokens")
    page.get_by_label("Token name").fill("browser test set-up")
    page.get_by_role("button", name="Create token").click()
    return page.locator("#new-token").inner_text().strip()


def api(page: Page, token: str, method: str, path: str, body=None):
    """Calls the API as the token's owner and returns the JSON answer; fails on any error status."""
    response = page.request.fetch(f"/api/v1{path}", method=method, data=body,
                                  headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert response.ok, f"{method} {path}: {response.status} {response.text()}"
    return response.json() if response.text() else None


def default_service(page: Page, token: str) -> str:
    """Through the API: the practice's first service (90834 at $150.00 when it has none) as its
    default. Returns the service's id."""
    services = api(page, token, "GET", "/services")
    service = services[0]["id"] if services else api(page, token, "POST", "/services", {
        "code": "90834", "description": "Psychotherapy, 45 minutes", "durationMinutes": 45,
        "rate": {"amount": 15000, "currency": "USD"}})["id"]
    api(page, token, "PATCH", "/practice", {"defaultServiceId": service})
    return service


def insured_client_with_a_past_session(page: Page, token: str) -> str:
    """Through the API: the billing provider, the clinician's NPI, Aetna, and Avery Nguyen with
    demographics, an Aetna policy and a 90834 session held three days ago. Returns the client's id."""
    default_service(page, token)
    api(page, token, "PUT", "/practice/billing-provider", {
        "entity": "organization", "organizationName": "Riverside Counseling", "npi": "1245319599",
        "taxId": "12-3456789", "taxIdKind": "ein", "taxonomy": "101YP2500X", "placeOfService": "11",
        "address": {"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701-1234"}})
    clinician = api(page, token, "GET", "/clinicians")[0]["id"]
    api(page, token, "PATCH", f"/clinicians/{clinician}", {"npi": "1234567893", "taxonomy": "101YP2500X"})
    payer = api(page, token, "POST", "/payers", {"name": "Aetna", "payerId": "60054", "filingIndicator": "CI"})
    client = add_client(page, "Avery", "Nguyen")
    api(page, token, "PATCH", f"/clients/{client}", {
        "dateOfBirth": "1990-05-17", "sex": "female",
        "address": {"line1": "12 Oak Ave", "city": "Springfield", "state": "IL", "zip": "62704"}})
    today = datetime.date.today()
    api(page, token, "POST", f"/clients/{client}/policies", {
        "payerId": payer["id"], "rank": "primary", "memberId": "W123456789",
        "effectiveFrom": str(today - datetime.timedelta(days=60))})
    start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=3)).replace(microsecond=0)
    api(page, token, "POST", "/sessions", {"clientId": client, "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                           "attendance": "show"})
    return client


def add_clinician(page: Page, name: str, color: str = "") -> None:
    """Adds a clinician in Settings, and chooses their calendar colour on their page."""
    page.goto("/settings")
    section = page.locator("section[aria-labelledby=clinicians-heading]")
    section.get_by_label("Name", exact=True).fill(name)
    section.get_by_role("button", name="Add clinician").click()
    expect(page.locator("section[aria-labelledby=clinicians-heading]").get_by_role("link", name=name)).to_be_visible()
    if color:
        page.locator("section[aria-labelledby=clinicians-heading]").get_by_role("link", name=name).click()
        page.get_by_label("Calendar colour", exact=True).select_option(label=color)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_role("status")).to_have_text("Saved")


def invoiced_session(page: Page, token: str, client: str, days_ago: int = 3) -> dict:
    """Through the API: a session `days_ago` the client attended, on an invoice. Returns the invoice."""
    start = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_ago)).replace(microsecond=0)
    session = api(page, token, "POST", "/sessions", {
        "clientId": client, "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "attendance": "show"})
    return api(page, token, "POST", "/invoices", {"clientId": client, "sessionIds": [session["id"]]})


def set_billing_provider(page: Page, token: str) -> None:
    """Through the API: Riverside Counseling as the billing provider, an organisation with an EIN."""
    api(page, token, "PUT", "/practice/billing-provider", {
        "entity": "organization", "organizationName": "Riverside Counseling", "npi": "1245319599",
        "taxId": "12-3456789", "taxIdKind": "ein", "taxonomy": "101YP2500X", "phone": "(217) 555-0100",
        "address": {"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701-1234"}})
