"""Claims on the web: made from a client's page, fixed where the draft says, printed as a CMS-1500,
sent as an 837 file."""
import datetime
import re

from playwright.sync_api import expect

from practice import api, api_token, insured_client_with_a_past_session, set_up_practice


def test_a_draft_claim_is_fixed_printed_and_sent(page):
    set_up_practice(page)
    token = api_token(page)
    client = insured_client_with_a_past_session(page, token)

    page.goto(f"/clients/{client}")
    page.get_by_role("button", name="Create claims").click()
    expect(page.locator(".notice")).to_have_text("1 claim made")
    page.get_by_role("link", name="#1").click()
    expect(page.get_by_role("heading", name="Claim #1 · Draft")).to_be_visible()
    problem = page.locator("ul.claim-problems li[data-field='diagnoses']")
    expect(problem).to_contain_text("Diagnoses is empty")
    problem.get_by_role("link", name="Fix it").click()
    expect(page).to_have_url(re.compile(rf"/clients/{client}/edit\?tab=billing$"))
    page.get_by_label("ICD-10-CM codes").fill("F41.1")
    page.get_by_role("button", name="Record diagnoses").click()
    # The form's answer has to land before leaving: navigating away mid-load aborts it.
    expect(page.locator("ol.diagnoses li").first).to_have_text("F41.1 — Generalized anxiety disorder")

    page.goto("/billing/claims")
    expect(page.locator("table.claims tbody tr").first).to_contain_text("Ready")
    page.get_by_role("link", name="#1").click()
    page.get_by_role("link", name="Print CMS-1500").click()
    expect(page.get_by_text("HEALTH INSURANCE CLAIM FORM")).to_be_visible()
    expect(page.locator(".cms-lines tbody tr").first).to_contain_text("90834")
    page.screenshot(path="test-output/browser/cms1500.png", full_page=True)

    page.goto("/billing/claims")
    page.get_by_role("button", name=re.compile("Send ready claims")).click()
    expect(page.locator(".form-error")).to_contain_text("Settings → Clearinghouse")
    page.goto("/settings/clearinghouse")
    page.get_by_label("Clearinghouse").fill("Availity")
    page.get_by_label("Receiver ID").fill("030240928")
    page.get_by_label("Submitter ID").fill("RIV12345")
    page.get_by_label("Submitter name").fill("Riverside Counseling")
    page.get_by_label("Contact name").fill("Maya Chen")
    page.get_by_label("Contact phone").fill("(217) 555-01")
    page.get_by_role("button", name="Save clearinghouse").click()
    expect(page.locator("#error-contactPhone")).to_contain_text("10-digit")
    page.get_by_label("Contact phone").fill("(217) 555-0100")
    page.get_by_role("button", name="Save clearinghouse").click()
    expect(page.locator(".notice")).to_have_text("Clearinghouse saved")

    page.goto("/billing/claims")
    page.get_by_role("button", name=re.compile("Send ready claims")).click()
    expect(page.locator(".notice")).to_have_text("Sent 1 claim in 1 batch")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download 837").click()
    text = open(download.value.path()).read()
    assert text.startswith("ISA*00*"), text[:80]
    assert "NM1*PR*2*AETNA*****PI*60054~" in text
