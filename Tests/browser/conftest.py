"""Browser tests: the built `rapport` server on a fresh SQLite file and a free loopback port,
driven by Playwright in Debian's Chromium, as a person would use it.

Every test fails if a page logs a JavaScript error or a request fails, and saves a screenshot of
its final screen under test-output/browser/."""
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BINARY = ROOT / ".build" / "debug" / "rapport"
OUTPUT = ROOT / "test-output" / "browser"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def server():
    """A fresh Rapport with no practice yet."""
    folder = tempfile.mkdtemp(prefix="rapport-browser-")
    port = free_port()
    env = dict(os.environ, RAPPORT_SQLITE_PATH=os.path.join(folder, "rapport.sqlite"), LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    process = subprocess.Popen([str(BINARY), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):
                break
        except Exception:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the rapport server did not start")
            time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def page(browser, server, request):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.method} {req.url} {req.failure}"))
    page.on("response", lambda response: problems.append(f"HTTP {response.status}: {response.url}") if response.status >= 400 else None)
    yield page
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / (re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.name) + ".png")), full_page=True)
    context.close()
    assert problems == [], "the pages reported problems:\n" + "\n".join(problems)
