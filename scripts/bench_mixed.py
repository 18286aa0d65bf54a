"""scripts/bench's mixed load: many practices on one PostgreSQL, served by two app servers.

Per practice, a front desk's reads (each clinician's calendar week, client screens) and a steady
stream of writes (bookings, attendance, payments on a fixed schedule, whatever their latency: a
tenth of the requests if the reads ran at half their pace alone), measured first as reads alone and
then mixed, each kind by its own wrk so each has its own latencies. Beside them: the kept-answer
hit rate (from both servers' /metrics), PostgreSQL's lock waits (pg_locks sampled twice a second),
each server's connection pool and reads at once, and PostgreSQL's max_connections.
"""
import datetime
import json
import os
import random
import re
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

LUA = "scripts/bench-mixed.lua"
DEFAULT_POOL = 20  # Settings.databasePool


def psql(url, sql):
    return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql], check=True, capture_output=True,
                          text=True).stdout.strip()


class Practice:
    """One generated practice as the API shows it: its token, clinicians and clients."""

    def __init__(self, bench, port, token):
        self.token = token
        get = lambda path: bench.get_json(port, path, token)
        self.zone = ZoneInfo(get("/api/v1/practice")["timeZone"])
        self.clinicians = [c["id"] for c in get("/api/v1/clinicians")][:3]
        self.clients = [c["id"] for c in get("/api/v1/clients?limit=8")]
        today = datetime.datetime.now(self.zone).date()
        monday = today - datetime.timedelta(days=today.weekday())
        self.week = (datetime.datetime.combine(monday, datetime.time(), self.zone),
                     datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time(), self.zone))
        near = urllib.parse.urlencode({
            "from": datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(), self.zone).isoformat(),
            "to": datetime.datetime.combine(today + datetime.timedelta(days=4), datetime.time(), self.zone).isoformat()})
        self.unbilled = [s["id"] for s in get(f"/api/v1/sessions?{near}") if not s.get("billed")][:20]

    def reads(self):
        calendar = [("GET", "/api/v1/sessions?" + urllib.parse.urlencode(
            {"from": self.week[0].isoformat(), "to": self.week[1].isoformat(), "clinicianId": c}), "")
            for c in self.clinicians]
        screens = [("GET", f"/api/v1/clients/{c}/overview", "") for c in self.clients]
        return calendar, screens

    def writes(self, rng):
        start = datetime.datetime.now(self.zone).replace(second=0, microsecond=0)
        bookings = []
        for _ in range(60):
            when = start + datetime.timedelta(days=rng.randint(20, 120), hours=rng.randint(-4, 4),
                                              minutes=15 * rng.randint(0, 3))
            # The same bookings are sent again and again, so each overlaps its own earlier copies:
            # booked anyway, as a practice books a group session.
            bookings.append(("POST", "/api/v1/sessions", json.dumps(
                {"clientId": rng.choice(self.clients), "start": when.isoformat(), "allowConflicts": True})))
        marks = [("PATCH", f"/api/v1/sessions/{s}", json.dumps({"attendance": a}))
                 for s in self.unbilled for a in ("show", "scheduled")]
        payments = [("POST", "/api/v1/payments", json.dumps(
            {"clientId": c, "amount": {"amount": 500, "currency": "USD"}, "method": "cash", "apply": "none"}))
            for c in self.clients]
        return bookings, marks, payments


def write_requests(path, practices, pick):
    """Every practice's requests of one kind, interleaved, one per line for bench-mixed.lua."""
    lines = []
    for practice in practices:
        for method, target, body in pick(practice):
            lines.append("\t".join([method, target, practice.token, body]))
    random.Random(7).shuffle(lines)
    Path(path).write_text("\n".join(lines) + "\n")


def kept_counts(port):
    """(found, missed) kept-answer lookups the server has counted."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    found = missed = 0
    for match in re.finditer(r'rapport_kept_answers_total\{[^}]*found="(yes|no)"[^}]*\} ([0-9.e+]+)', text):
        if match.group(1) == "yes":
            found += float(match.group(2))
        else:
            missed += float(match.group(2))
    return found, missed


class LockSampler(threading.Thread):
    """pg_locks and pg_stat_activity twice a second while the load runs."""

    def __init__(self, url):
        super().__init__(daemon=True)
        self.url, self.stop, self.waits, self.connections = url, threading.Event(), [], []

    def run(self):
        while not self.stop.is_set():
            row = psql(self.url, "SELECT (SELECT count(*) FROM pg_locks WHERE NOT granted), "
                                 "(SELECT count(*) FROM pg_stat_activity WHERE datname = current_database())")
            waiting, connections = (int(v) for v in row.split("|"))
            self.waits.append(waiting)
            self.connections.append(connections)
            self.stop.wait(0.5)


def measure(bench, postgres, smoke):
    name = "PostgreSQL, mixed"
    count, size = (2, ["--clinicians", "2", "--clients", "6", "--years", "1"]) if smoke else \
        (20, ["--clinicians", "5", "--clients", "100", "--years", "2"])
    seconds = 2 if smoke else 60
    database = postgres.fresh("mixed")
    bench.say(f"mixed load: generating {count} practices in one PostgreSQL database")
    out, generated = bench.rapport(database, "demo", "--size", "large", "--practices", str(count), *size,
                                   timeout=3600)
    tokens = re.findall(r"API token:\s+(\S+)", out)
    if len(tokens) != count:
        raise SystemExit(f"bench: expected {count} practices, the generator printed {len(tokens)}")
    bench.add(name, f"generate {count} practices", seconds=generated,
              detail=re.search(r"(\d+) sessions in all", out).group(0))
    ports = [bench.free_port(), bench.free_port()]
    # Each server works on a few reads at once, so the writes do not queue behind many (a setting a
    # host of many practices on a small machine would make; off by default).
    slots = (os.cpu_count() or 1) + 1
    servers = [bench.start_server({**database, "RAPPORT_READ_SLOTS": str(slots)}, port) for port in ports]
    workdir = Path(bench.workdir)
    try:
        for port, server in zip(ports, servers):
            bench.wait_healthy(port, server, time.monotonic())
        practices = [Practice(bench, ports[0], token) for token in tokens]
        rng = random.Random(11)
        write_requests(workdir / "calendar.txt", practices, lambda p: p.reads()[0])
        write_requests(workdir / "screens.txt", practices, lambda p: p.reads()[1])
        kinds = {"bookings": 0, "attendance": 1, "payments": 2}
        for kind, index in kinds.items():
            write_requests(workdir / f"{kind}.txt", practices, lambda p, i=index: p.writes(rng)[i])
        connections = max(2, bench.args.connections // 2)

        def run(files, duration):
            """wrk processes at once, alternating between the two servers; each one's figures."""
            processes = []
            for index, (file, conns, pause, *rate) in enumerate(files):
                port = ports[index % 2]
                command = ["wrk", "-t1", f"-c{conns}", f"-d{duration}s", "--timeout", "10s", "-s", LUA,
                           f"http://127.0.0.1:{port}/", "--", str(file), str(pause)] + [str(r) for r in rate]
                processes.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                  text=True, cwd=bench.root))
            results = []
            for process in processes:
                out, err = process.communicate(timeout=duration + 120)
                lines = [line for line in out.splitlines() if line.startswith("{")]
                if process.returncode != 0 or not lines:
                    raise SystemExit(f"bench: wrk failed in the mixed load: {err}")
                results.append(json.loads(lines[-1]))
            return results

        bench.say("mixed load: reads alone")
        alone = run([(workdir / "calendar.txt", connections, 0), (workdir / "screens.txt", connections, 0)], seconds)
        # Writes on a fixed schedule, whatever their latency: a tenth of the requests of a mix whose
        # reads run at half their pace alone (the target's line), shared by the three kinds. Four
        # connections per kind, so that a slow answer does not hold up the next write's time.
        reads_alone = sum(r["rps"] for r in alone)
        rate = max(reads_alone / 2 / 9 / len(kinds), 0.5)
        before = [kept_counts(port) for port in ports]
        sampler = LockSampler(database["DATABASE_URL"])
        sampler.start()
        bench.say("mixed load: reads with writes")
        mixed = run([(workdir / "calendar.txt", connections, 0), (workdir / "screens.txt", connections, 0)]
                    + [(workdir / f"{kind}.txt", 4, 0, rate) for kind in kinds], seconds)
        sampler.stop.set()
        sampler.join()
        after = [kept_counts(port) for port in ports]
        max_connections = psql(database["DATABASE_URL"], "SHOW max_connections")
    finally:
        for server in servers:
            bench.stop_server(server)

    found = sum(a[0] - b[0] for a, b in zip(after, before))
    missed = sum(a[1] - b[1] for a, b in zip(after, before))
    total = sum(r["requests"] for r in mixed)
    write_requests_done = sum(r["requests"] for r in mixed[2:])
    for label, alone_row, mixed_row in (("calendar week JSON", alone[0], mixed[0]),
                                        ("client screen JSON", alone[1], mixed[1])):
        bench.add(name, f"{label}, reads alone", load=alone_row)
        bench.add(name, f"{label}, with writes", load=mixed_row,
                  target=("alone", alone_row, 2, "p50 within 2× of reads alone"))
    for kind, row in zip(kinds, mixed[2:]):
        bench.add(name, f"writes: {kind}", load=row, target=("p99", 50, None, "p99 ≤ 50 ms"))
    bench.add(name, "writes' share of the mixed requests", value=write_requests_done / max(total, 1), unit="%",
              detail=f"{write_requests_done} of {total}")
    bench.add(name, "kept-answer hit rate under the mix", value=found / max(found + missed, 1), unit="%",
              detail=f"{found:.0f} found, {missed:.0f} computed")
    bench.add(name, "PostgreSQL lock waits (pg_locks not granted, sampled every 0.5 s)",
              value=max(sampler.waits or [0]),
              detail=f"mean {sum(sampler.waits) / max(len(sampler.waits), 1):.2f} over {len(sampler.waits)} samples")
    bench.add(name, "connections", value=max(sampler.connections or [0]),
              detail=f"at most this many open; each server's pool {DEFAULT_POOL} (RAPPORT_DB_POOL) and reads "
                     f"at once {slots} (RAPPORT_READ_SLOTS), PostgreSQL max_connections {max_connections}")
