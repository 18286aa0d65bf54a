"""Insurance for part of the bench's large practice (scripts/bench), through the API of a server
started for it: three payers with contracted rates for every service (each raised two months from
today), and from this week's Monday a primary policy with a copay for every client of the calendar's
clinician and for the heavy client. The calendar week and the client screen then route their
sessions to insurers and read the payers' terms, as an insured practice's do; the past, invoiced
already, stays as the generator made it.
"""
import datetime
import json
import time
import urllib.error
import urllib.request
from zoneinfo import ZoneInfo

PAYERS = [("Aetna", "60054"), ("Cigna", "62308"), ("Blue Cross", "00621")]


class API:
    def __init__(self, port, token):
        self.port = port
        self.token = token

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/v1{path}", data=data, method=method,
                                         headers={"Authorization": f"Bearer {self.token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                text = answer.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            raise SystemExit(f"bench: {method} {path} answered {error.code}: {error.read().decode()}")


def insure(bench, database, token, heavy):
    """Insures the heavy client and its clinician's clients; returns how many clients."""
    port = bench.free_port()
    server = bench.start_server(database, port)
    try:
        bench.wait_healthy(port, server, time.monotonic())
        api = API(port, token)
        practice = api.call("GET", "/practice")
        money = lambda amount: {"amount": amount, "currency": practice["currency"]}  # noqa: E731
        today = datetime.datetime.now(ZoneInfo(practice["timeZone"])).date()
        monday = today - datetime.timedelta(days=today.weekday())
        services = [service["id"] for service in api.call("GET", "/services")]
        payers = []
        for name, number in PAYERS:
            payer = api.call("POST", "/payers", {"name": name, "payerId": number, "filingIndicator": "CI"})
            payers.append(payer["id"])
            for service in services:
                api.call("POST", f"/payers/{payer['id']}/rates", {"serviceId": service, "amount": money(9800)})
                api.call("POST", f"/payers/{payer['id']}/rates", {
                    "serviceId": service, "amount": money(10400),
                    "effectiveFrom": str(today + datetime.timedelta(days=60))})
        clinician = api.call("GET", f"/clients/{heavy}")["primaryClinicianId"]
        clients, offset = [], 0
        while True:
            page = api.call("GET", f"/clients?clinicianId={clinician}&limit=500&offset={offset}")
            clients += [client["id"] for client in page]
            if len(page) < 500:
                break
            offset += 500
        if heavy not in clients:
            clients.append(heavy)
        for index, client in enumerate(clients):
            api.call("POST", f"/clients/{client}/policies", {
                "payerId": payers[index % len(payers)], "rank": "primary", "memberId": f"M{index:08d}",
                "effectiveFrom": str(monday), "copay": money(2000)})
        return len(clients)
    finally:
        bench.stop_server(server)
