import Testing

@testable import RapportApp

/// What a user typed shows as typed: the five characters HTML gives meaning to become entities,
/// everything else (accents, emoji, combining marks) stays as it is.
struct MarkupEscapeTests {
    @Test func theFiveBecomeEntitiesAndNothingElseChanges() {
        #expect(Markup.escape(#"<a href="x">Tom & Jerry's</a>"#) == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        for plain in ["", "Avery Nguyen", "Zoë Müller", "Ana 👩🏽‍⚕️", "e\u{301}", "B92D3374-9B21-4416-BB58-E9089DA16D29"] {
            #expect(Markup.escape(plain) == plain)
        }
        #expect(Markup.escape("Zoë & 👩🏽‍⚕️ <é>") == "Zoë &amp; 👩🏽‍⚕️ &lt;é&gt;")
        #expect(Markup.escape("&amp;") == "&amp;amp;", "an entity typed is shown as typed, not read")
    }

    /// How elements are written: attributes in the order given with the class first, nil left out,
    /// "" as a bare attribute, a name given twice keeping its place and its last value; void
    /// elements closed in their own tag; the page's doctype before `<html>`.
    @Test func elementsAndAttributesAreWrittenAsGiven() {
        let html = Markup.element("a", class: "button", [("href", "/x?a=1&b=2"), ("hidden", ""), ("title", nil)]) {
            Markup.text("Go")
            Markup.void("input", [("type", "checkbox"), ("checked", ""), ("type", "radio")])
        }.render()
        #expect(html == #"<a class="button" href="/x?a=1&amp;b=2" hidden>Go<input type="radio" checked/></a>"#)
        let page = Markup.document(language: "en") { Markup.element("title") { Markup.text("A & B") } } body: {
            Markup.written { out in out.element("p", [("class", "note")], text: "<3") }
        }
        #expect(page == #"<!DOCTYPE html><html lang="en"><head><title>A &amp; B</title></head><body><p class="note">&lt;3</p></body></html>"#)
    }
}
