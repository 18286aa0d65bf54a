/// Inline SVG icons: drawn with the text colour, no image requests, allowed by the CSP.
enum Icon {
    static var trash: Component {
        Markup.constant(
            """
            <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false" fill="none" \
            stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">\
            <path d="M3 6h18M8 6V4h8v2M6 6l1 14h10l1-14M10 11v6M14 11v6"/></svg>
            """)
    }
}
