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
}
