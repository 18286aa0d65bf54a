// Rapport's only script: the calendar's session flyout, the new-session price preview, and a file
// picker that fills a text field (the 835 upload). Everything works without it — each session also
// has a page of its own, and a file's text can be pasted — this makes them quicker.
"use strict";

(function () {
  const dialog = document.getElementById("flyout");
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  if (!dialog) return;

  async function openSession(url) {
    const response = await fetch(url, { headers: { "X-Rapport-Fragment": "1" }, credentials: "same-origin" });
    if (!response.ok && response.status !== 422 && response.status !== 409) {
      window.location.href = url;
      return;
    }
    show(await response.text());
  }

  function show(html) {
    dialog.innerHTML = html;
    if (!dialog.open) dialog.showModal();
    const heading = dialog.querySelector("h2 a, h2");
    heading?.focus();
  }

  async function submitInside(form) {
    const response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "X-Rapport-Fragment": "1", "X-CSRF-Token": csrf },
      credentials: "same-origin",
    });
    const type = response.headers.get("Content-Type") ?? "";
    if (response.ok && type.includes("application/json")) {
      const { location } = await response.json();
      window.location.href = location;
    } else {
      show(await response.text());
    }
  }

  document.addEventListener("click", (event) => {
    const block = event.target.closest("a[data-session-id]");
    if (block && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
      event.preventDefault();
      openSession(block.href);
      return;
    }
    if (event.target.closest(".close-flyout")) dialog.close();
  });

  dialog.addEventListener("submit", (event) => {
    event.preventDefault();
    submitInside(event.target);
  });

  // A click on the backdrop (outside the panel) closes it, like Esc does.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) {
      const box = dialog.getBoundingClientRect();
      const inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) dialog.close();
    }
  });

  // After a change made in the flyout the calendar reloads with ?open=<id>: show it again.
  const reopen = document.querySelector("[data-open-session]")?.dataset.openSession;
  if (reopen) {
    const block = document.querySelector(`a[data-session-id="${CSS.escape(reopen)}"]`);
    if (block) openSession(block.href);
  }
})();

// A click on an empty part of a day in the time grid books a session there, on the quarter hour.
document.addEventListener("click", (event) => {
  const column = event.target.closest(".day-column");
  if (!column || event.target.closest("a")) return;
  const quarter = parseFloat(getComputedStyle(column).getPropertyValue("--quarter")) || 14;
  const quarters = Math.floor((event.clientY - column.getBoundingClientRect().top) / quarter);
  const minutes = Number(column.dataset.firstHour) * 60 + quarters * 15;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const clinician = column.dataset.clinician ? `&clinician=${column.dataset.clinician}` : "";
  window.location.href = `/sessions/new?date=${column.dataset.date}&time=${time}${clinician}`;
});

// Choosing among many clients: typing in the Client list jumps as a select does; this also lets a
// person type a part of the name anywhere in it.
document.querySelectorAll("select#field-client").forEach((select) => {
  const search = document.createElement("input");
  search.type = "search";
  search.placeholder = "Find a client…";
  search.setAttribute("aria-label", "Find a client");
  search.className = "client-search";
  // Where the page would put the cursor first, the search box takes it: typing finds the client.
  if (select.hasAttribute("data-first-focus")) {
    search.dataset.firstFocus = "";
    select.removeAttribute("data-first-focus");
  }
  select.before(search);
  search.addEventListener("input", () => {
    const needle = search.value.trim().toLowerCase();
    let first = null;
    for (const option of select.options) {
      const match = option.value === "" || option.text.toLowerCase().includes(needle);
      option.hidden = !match;
      if (match && option.value !== "" && !first) first = option;
    }
    if (first && needle) select.value = first.value;
  });
});

// New session: say what the session will bill as the client, service, date or fee change.
(function () {
  const preview = document.getElementById("price-preview");
  const form = preview?.closest("form");
  if (!form) return;
  async function update() {
    const query = new URLSearchParams({
      client: form.elements.client.value, service: form.elements.service.value,
      date: form.elements.date.value, fee: form.elements.fee.value,
    });
    const response = await fetch(`/sessions/new/price?${query}`, { credentials: "same-origin" });
    if (response.ok) preview.textContent = (await response.json()).text;
  }
  for (const name of ["client", "service", "date", "fee"]) form.elements[name].addEventListener("change", update);
  update();
})();

// A file picker that reads the chosen file into the text field it names (data-fills), so the form
// still posts plain text.
(function () {
  for (const picker of document.querySelectorAll('input[type="file"][data-fills]')) {
    picker.addEventListener("change", async () => {
      const target = document.getElementById(picker.dataset.fills);
      const file = picker.files?.[0];
      if (target && file) target.value = await file.text();
    });
  }
})();

// New session: the repeat fields show only when the choices call for them, and the series is summed
// up in words ("Weekly on Tuesdays at 10:00 AM, 20 sessions, until Apr 13, 2027") as they change.
(function () {
  const fieldset = document.querySelector("fieldset.repeat");
  const form = fieldset?.closest("form");
  const summary = document.getElementById("series-summary");
  if (!form || !summary) return;
  const names = ["date", "time", "repeat", "interval", "ends", "count", "until"];
  function show() {
    const repeat = form.elements.repeat.value;
    const ends = form.elements.ends.value;
    for (const field of fieldset.querySelectorAll(".repeat-field")) {
      let visible = repeat !== "never";
      if (field.dataset.whenRepeat && field.dataset.whenRepeat !== "any") visible &&= repeat === field.dataset.whenRepeat;
      if (field.dataset.whenEnds) visible &&= ends === field.dataset.whenEnds;
      field.hidden = !visible;
    }
  }
  let asked = 0;
  async function summarise() {
    const ask = ++asked;
    if (form.elements.repeat.value === "never") { summary.textContent = ""; return; }
    const query = new URLSearchParams(names.map((name) => [name, form.elements[name].value]));
    const response = await fetch(`/sessions/new/series?${query}`, { credentials: "same-origin" });
    // Only the latest question's answer is shown, whichever arrives last.
    if (response.ok && ask === asked) summary.textContent = (await response.json()).text;
  }
  for (const name of names) {
    for (const kind of ["change", "input"]) form.elements[name].addEventListener(kind, () => { show(); summarise(); });
  }
  show();
  summarise();
})();

// The first focus: a form sent back with problems puts the cursor in the first field at fault; a page
// that asks for something first (data-first-focus) puts it there.
(function () {
  if (document.activeElement && document.activeElement !== document.body) return;
  const target = document.querySelector('main [aria-invalid="true"]') || document.querySelector("main [data-first-focus]");
  target?.focus();
})();

// A Print button on a document prints it (the page's print styles leave out the controls).
for (const button of document.querySelectorAll("[data-print]")) button.addEventListener("click", () => window.print());
