"""At tablet width (768 px) no page scrolls sideways and the top bar is one row, and no page shows a
stored name (noShow, feeSource…) where words belong: every page the app links to is visited, from a
practice with something on each of them."""
import datetime
import re

from playwright.sync_api import expect

from practice import (add_client, add_clinician, api, api_token, default_service, invoiced_session, set_billing_provider,
                      set_up_practice)

UUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
SKIP = ("/logout", ".csv", "cms1500", "/837", "download", "/api/", "calendar-feed")


def test_no_page_scrolls_sideways_at_768_the_top_bar_is_one_row_and_words_not_stored_names(page):
    set_up_practice(page)
    token = api_token(page)
    default_service(page, token)
    add_clinician(page, "Sam Ortiz")
    client = add_client(page, "Avery", "Nguyen")
    invoice = invoiced_session(page, token, client)
    api(page, token, "POST", "/payments", {
        "clientId": client, "amount": {"amount": 5000, "currency": "USD"}, "method": "check",
        "reference": "Check 1042", "apply": "auto"})
    set_billing_provider(page, token)
    api(page, token, "POST", "/sessions", {
        "clientId": client, "start": (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2))
        .replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")})
    assert invoice["number"] == 1

    page.set_viewport_size({"width": 768, "height": 900})
    queue = ["/calendar", "/calendar?view=day", "/calendar?view=month", "/sessions/new", f"/clients/{client}/sessions"]
    seen, problems = set(), []
    while queue and len(seen) < 80:
        path = queue.pop(0)
        kind = UUID.sub(":id", path.split("#")[0])
        kind = kind.split("?")[0] + ("?" + kind.split("?")[1].split("&")[0] if "view=" in kind else "")
        if kind in seen:
            continue
        seen.add(kind)
        response = page.goto(path)
        if not response or response.status >= 400 or "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 768:
            problems.append(f"{path} is {width} px wide")
        stored = sorted(set(re.findall(r"\b[a-z]+[A-Z][A-Za-z]*\b", page.locator("main").inner_text())))
        if stored:
            problems.append(f"{path} shows stored names: {', '.join(stored)}")
        bar = page.locator(".topbar")
        if bar.count() and bar.bounding_box()["height"] > 60:
            problems.append(f"{path}: the top bar takes {bar.bounding_box()['height']:.0f} px (more than one row)")
        for href in page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))"):
            if not any(part in href for part in SKIP):
                queue.append(href)
    assert len(seen) > 25, f"only {len(seen)} kinds of page were reached: {sorted(seen)}"
    assert problems == [], "\n".join(problems)
    page.goto("/calendar?view=day")
    expect(page.locator(".topbar")).to_be_visible()
