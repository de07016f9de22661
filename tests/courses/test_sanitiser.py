"""Markdown from instructors reaches students' browsers: nothing in it may run there."""

import re
from html.parser import HTMLParser

import pytest

from courses.markdown import ALLOWED_TAGS, render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "<javascript:alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">tab inside</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">named entity</a>',
    '<a href=" javascript:alert(1)">leading space</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](javascript:alert(1))",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<svg onload=alert(1)><circle r=5 /></svg>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<div onmouseover="alert(1)">hover</div>',
    "<details open ontoggle=alert(1)>toggle</details>",
    '<form action="https://evil.example"><input name=q><button formaction="javascript:x">go',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<link rel=stylesheet href="https://evil.example/x.css">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<table background="javascript:alert(1)"><tr><td>cell</td></tr></table>',
    '<a href="#" onclick="alert(1)" target="_blank">tricky</a>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<video><source onerror="alert(1)"></video><audio src=x onerror=alert(1)>',
]

SAFE_SCHEMES = {"http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "srcset", "xlink:href"}


class Inventory(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    handle_startendtag = handle_starttag


def inventory(html: str) -> Inventory:
    parser = Inventory()
    parser.feed(html)
    parser.close()
    return parser


def scheme(url: str) -> str:
    """The scheme a browser would see: it drops whitespace and control characters first."""
    cleaned = re.sub(r"[\x00-\x20]", "", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) if match else ""


@pytest.mark.parametrize("payload", PAYLOADS)
def test_it_removes_everything_that_could_run(payload):
    found = inventory(render_markdown(payload))

    assert set(found.tags) <= ALLOWED_TAGS
    for tag, name, value in found.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in {"style", "srcdoc", "formaction", "action", "background"}
        if name in URL_ATTRIBUTES and scheme(value):
            assert scheme(value) in SAFE_SCHEMES, (tag, name, value)


def test_it_removes_payloads_hidden_in_a_whole_lesson():
    lesson = "# Lesson\n\nBefore the payloads.\n\n" + "\n\n".join(PAYLOADS)

    html = render_markdown(lesson)

    found = inventory(html)
    assert "script" not in found.tags
    assert not any(name.startswith("on") for _tag, name, _value in found.attributes)
    assert "<h1>Lesson</h1>" in html
    assert "<p>Before the payloads.</p>" in html


def test_it_keeps_the_structure_of_a_lesson():
    text = """# Labour migration

## Flows

Most workers **move** within the *region*; ~~few~~ some go further.

| Country | Workers |
|---|---|
| Chile | 120 |

- one
- two

1. first
2. second

> A quotation.

`code` and a [link](https://www.iom.int/ "IOM") and <mailto:info@example.org>.

![A chart of flows](https://example.org/chart.png "Flows")
"""

    html = render_markdown(text)

    assert "<h1>Labour migration</h1>" in html
    assert "<h2>Flows</h2>" in html
    assert "<strong>move</strong>" in html and "<em>region</em>" in html
    assert "<s>few</s>" in html
    assert "<table>" in html and "<th>Country</th>" in html and "<td>Chile</td>" in html
    assert "<ul>" in html and "<ol>" in html and html.count("<li>") == 4
    assert "<blockquote>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://www.iom.int/" title="IOM" rel="noopener noreferrer">link</a>' in html
    assert 'href="mailto:info@example.org"' in html
    assert '<img src="https://example.org/chart.png" alt="A chart of flows" title="Flows">' in html


def test_it_keeps_safe_inline_html():
    html = render_markdown('<abbr title="International Organization for Migration">IOM</abbr>')

    assert '<abbr title="International Organization for Migration">IOM</abbr>' in html
