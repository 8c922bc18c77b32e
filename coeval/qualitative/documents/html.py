"""Readable text from HTML (and from Markdown, which we render to HTML first).

The standard-library parser never fetches anything and never expands entities beyond the
fixed HTML set, so a hostile page cannot make us read files or the network. Scripts, styles and
other non-text content are dropped whole, not just their tags.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIPPED = frozenset(
    "script style noscript template head iframe object embed svg math canvas select".split()
)
_PARAGRAPHS = frozenset(
    """p div section article header footer main aside nav blockquote pre figure figcaption
    h1 h2 h3 h4 h5 h6 table ul ol dl form fieldset address hr details summary""".split()
)
_LINES = frozenset("li tr dt dd caption".split())
_CELLS = frozenset("td th".split())
_VOID = frozenset("br hr img input meta link area base col embed source track wbr".split())


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.open_skipped: list[str] = []

    def _break(self, newline: str) -> None:
        self.parts.append(newline)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in _SKIPPED:
            self.skip_depth += 1
            self.open_skipped.append(tag)
            return
        if self.skip_depth:
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag == "br":
            self._break("\n")
        elif tag in _PARAGRAPHS:
            self._break("\n\n")
        elif tag in _LINES:
            self._break("\n")
        elif tag in _CELLS:
            self._break("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIPPED:
            self.handle_starttag(tag, attrs)
            if tag not in _VOID:
                self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED:
            if tag in self.open_skipped:
                # Close back to the matching element so a stray end tag cannot leak script text.
                while self.open_skipped:
                    self.skip_depth -= 1
                    if self.open_skipped.pop() == tag:
                        break
            return
        if self.skip_depth:
            return
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _PARAGRAPHS:
            self._break("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self.skip_depth:
            return
        if self.pre_depth:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))


def _tidy(raw: str) -> str:
    lines = [line.strip(" ") for line in raw.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\t+\n", "\n", text)
    text = re.sub(r"\n(?:\t)+", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def html_to_text(markup: str) -> tuple[str, str | None]:
    """The visible text and the page title, if it has one."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    title = re.sub(r"\s+", " ", "".join(parser.title_parts)).strip() or None
    return _tidy("".join(parser.parts)), title


def declared_charset(data: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", data[:4096], re.IGNORECASE)
    return match.group(1).decode("ascii").lower() if match else None
