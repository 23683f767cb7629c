"""A flat copy of an HTML page nested too deeply for lxml, keeping its words and paragraphs.

libxml2 (under lxml, under trafilatura) stops building the tree about 256 elements deep, so
a page wrapped in a few hundred `<div>`s comes out with no text at all. The standard
library's HTMLParser builds no tree and has no depth limit: it walks such a page and writes
it again as one `<article>` of `<p>`s, which trafilatura then reads as usual.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

import lxml.etree
import lxml.html

# libxml2's own limit is 256; a page deeper than this is flattened before it is read.
MAX_DEPTH = 250
_AT_MAX_DEPTH = "/" + "/".join(["*"] * MAX_DEPTH)  # an element that deep, found in C
# Elements whose text is not the article: dropped from the flat copy, with what they hold.
_SKIP = {"script", "style", "noscript", "template", "nav", "footer", "aside", "form", "svg"}
# Elements that never hold content, so never open a level.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
# Elements whose end closes a paragraph of the flat copy.
_BLOCK = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "blockquote", "pre", "tr",
    "table", "h1", "h2", "h3", "h4", "h5", "h6", "header", "figure", "figcaption", "dd", "dt",
}  # fmt: skip


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.title: list[str] = []
        self.in_title = False
        self.head: list[str] = []  # <meta> and <link> tags: trafilatura reads the metadata
        self.paragraphs: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link") and not self.skipping:
            rendered = " ".join(f'{k}="{escape(v or "")}"' for k, v in attrs)
            self.head.append(f"<{tag} {rendered}>")
        if tag in _VOID:
            return
        if tag == "title":
            self.in_title = True
        if tag in _SKIP or self.skipping:
            self.skipping += 1
        if tag in _BLOCK:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "title":
            self.in_title = False
        if self.skipping:
            self.skipping -= 1
        if tag in _BLOCK or tag == "br":
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skipping:
            self.words.append(data)

    def _end_paragraph(self) -> None:
        text = " ".join("".join(self.words).split())
        if text:
            self.paragraphs.append(text)
        self.words = []


def too_deep(html: str) -> bool:
    """True when lxml finds elements MAX_DEPTH levels deep (a parse takes ~1 ms per 100 KB)."""
    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return False  # nothing lxml can build a tree of; trafilatura says what is wrong
    return bool(document.xpath(_AT_MAX_DEPTH))


def flatten_html(html: str) -> str:
    """Return the page as one `<article>` of `<p>`s with its title and `<meta>` tags."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    parser._end_paragraph()
    title = escape(" ".join("".join(parser.title).split()))
    body = "\n".join(f"<p>{escape(p)}</p>" for p in parser.paragraphs)
    head = "\n".join(parser.head)
    return (
        f"<html><head><title>{title}</title>\n{head}</head>"
        f"<body><article>\n{body}\n</article></body></html>"
    )


def html_to_text(html: str) -> str:
    """Return the paragraphs of an HTML fragment (a feed item's content) as plain text."""
    parser = _Flattener()
    parser.feed(html)
    parser.close()
    parser._end_paragraph()
    return "\n\n".join(parser.paragraphs)
