"""Remittances on the web: a payer's 835 chosen as a file, reviewed, posted; what cannot be posted
waits under Needs attention with what Rapport saw until a person decides."""
import re

from playwright.sync_api import expect

from practice import api, api_token, insured_client_with_a_past_session, set_up_practice


def remittance(claim: str, line: str, date: str, trace: str) -> str:
    """An 835 paying $78.00 of the $150.00 claim: $52.00 written off (CO-45), a $20.00 copay (PR-3)."""
    body = [
        "BPR*I*78*C*CHK************20261201", f"TRN*1*{trace}*1066033492", "N1*PR*AETNA", "REF*2U*60054",
        "N1*PE*RIVERSIDE COUNSELING*XX*1245319599", "LX*1", f"CLP*{claim}*1*150*78*20*12*AET5551*11*1",
        "NM1*QC*1*NGUYEN*AVERY****MI*W123456789", "SVC*HC:90834*150*78**1", f"DTM*472*{date}",
        "CAS*CO*45*52", "CAS*PR*3*20", f"REF*6R*{line}", "AMT*B6*98",
    ]
    segments = ["ISA*00*          *00*          *ZZ*60054          *ZZ*RIV12345       *261201*1200*^*00501*000000001*0*T*:",
                "GS*HP*60054*RIV12345*20261201*1200*1*X*005010X221A1", "ST*835*0001"] + body + [
        f"SE*{len(body) + 2}*0001", "GE*1*1", "IEA*1*000000001"]
    return "~\n".join(segments) + "~\n"


def choose(page, text: str, name: str):
    page.locator("#x12-file").set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}])
    expect(page.get_by_label("835 file")).to_have_value(text)


def test_an_835_is_reviewed_posted_and_what_cannot_be_posted_needs_attention(page):
    set_up_practice(page)
    token = api_token(page)
    client = insured_client_with_a_past_session(page, token)
    api(page, token, "PUT", f"/clients/{client}/diagnoses", {"codes": ["F41.1"]})
    api(page, token, "PUT", "/practice/clearinghouse", {
        "name": "Availity", "receiverId": "030240928", "submitterId": "RIV12345",
        "submitterName": "Riverside Counseling", "contactName": "Maya Chen", "contactPhone": "(217) 555-0100"})
    claim = api(page, token, "POST", "/claims", {"clientId": client})[0]
    api(page, token, "POST", "/claim-batches", {})
    line = claim["lines"][0]
    text = remittance(claim["patientControlNumber"], line["id"].replace("-", ""),
                      line["dateOfService"].replace("-", ""), "CHK1001")

    page.goto("/billing/claims")
    page.get_by_role("link", name="Remittances").click()
    page.get_by_label("835 file").fill("ISA*00*not an 835")
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#error-x12")).to_contain_text("not an X12 file")
    choose(page, text, "aetna-era.835")
    page.get_by_role("button", name="Review").click()
    expect(page.get_by_role("heading", name="Review AETNA payment CHK1001")).to_be_visible()
    row = page.locator("table.remittance-claims tbody tr")
    expect(row).to_contain_text("Avery Nguyen")
    expect(row).to_contain_text("$78.00")
    expect(row).to_contain_text("PR-3: Co-payment amount")
    page.get_by_role("button", name="Post").click()
    expect(page.locator(".notice")).to_have_text("Posted 1 claim payment.")
    expect(page.get_by_role("heading", name="AETNA payment CHK1001")).to_be_visible()
    page.get_by_role("link", name=re.compile(f"#{claim['number']}")).click()
    expect(page.get_by_role("heading", name=re.compile("Paid"))).to_be_visible()

    page.goto("/billing/remittances")
    choose(page, text, "again.835")
    page.get_by_role("button", name="Review").click()
    expect(page.locator("#error-x12")).to_contain_text("already posted")
    unknown = remittance("0123456789ABCDEF0123456789ABCDEF", line["id"].replace("-", ""), "20261118", "CHK1002")
    choose(page, unknown, "unknown.835")
    page.get_by_role("button", name="Review").click()
    expect(page.locator("ul.remittance-problems li")).to_contain_text("is not one of this practice's claims")
    page.get_by_role("button", name="Post").click()
    expect(page.locator(".notice")).to_have_text("Posted 0 claim payments; 1 needs attention.")
    page.get_by_role("link", name="← Remittances").click()
    attention = page.locator("table.remittance-exceptions tbody tr")
    expect(attention).to_contain_text("AVERY NGUYEN")
    expect(page.locator("table.remittances tbody tr")).to_have_count(2)

    # A person decides: posting it to the paid claim is refused in words; a refund with a reason resolves it.
    attention.get_by_label("Decision").select_option("matchClaim")
    attention.get_by_label("Claim #").fill(str(claim["number"]))
    attention.get_by_role("button", name="Resolve").click()
    expect(page.locator("table.remittance-exceptions tbody tr .field-error")).to_contain_text("not awaiting payment")
    attention.get_by_label("Decision").select_option("refund")
    attention.get_by_label("Reason").fill("paid to us by mistake; refund requested")
    attention.get_by_role("button", name="Resolve").click()
    expect(page.locator(".notice")).to_have_text("Resolved: to be refunded to the payer: paid to us by mistake; refund requested")
    expect(page.get_by_text("Nothing: every payment posted was explained.")).to_be_visible()

    # The $20.00 copay is the client's: shown on their page and billed by Invoice it now, naming the claim.
    page.goto(f"/clients/{client}")
    expect(page.locator("#money-patient-responsibility")).to_contain_text("$20.00")
    page.get_by_role("button", name="Invoice it now").click()
    expect(page.get_by_role("heading", name=re.compile("Invoice #"))).to_be_visible()
    expect(page.locator("tr.patient-responsibility")).to_contain_text(f"Patient responsibility after Aetna paid: claim #{claim['number']}")
    expect(page.locator("#invoice-total")).to_have_text("$20.00")
    page.goto("/billing/outstanding")
    expect(page.locator("table.list").first).to_contain_text("$20.00")
