# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Safety (issue 5 §4-§6): no fetching, no entity expansion, inert Markdown, no regex
blow-up, and the same output in every process.

- XXE, billion-laughs, external and network DTD pages, as text and as HTML,
  str and bytes: a local HTTP server counts requests (libxml2 would fetch
  from C, below any Python patch) and Python's own socket and urllib entry
  points are patched to fail loudly; neither may be touched. File secrets
  referenced by entities must not appear in the output.
- ``Document.to_markdown`` escapes every character that would start markup.
- No regex of the data files (``cleanread.lexicon``) nests unbounded repeats that
  may split the same text in several ways, the shape behind exponential
  backtracking (a structural check; ``tools/regex_cost.py`` measures each regex's
  cost on long adversarial strings).
- Two subprocesses with different ``PYTHONHASHSEED`` values (one cleaning in
  this process, one through a two-worker pool) give identical JSON.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import socket
import subprocess
import sys
import urllib.request
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import cleanread
from cleanread import Document, Section, lexicon
from strategies import check_contract
from support import recording_server

if TYPE_CHECKING:
    from collections.abc import Iterator

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SECRET = "CLEANREAD-SECRET-7f3a9c"  # noqa: S105 - a marker, not a password

# --------------------------------------------------------------------------- no fetching


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with a DTD that would inject the secret, and records the path."""

    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = f'<!ENTITY leak "{SECRET}">'.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml-dtd")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server: (base URL, list of requested paths)."""
    with recording_server(_Recorder) as served:
        yield served


@pytest.fixture
def no_python_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make Python-level network access fail loudly and record any attempt."""
    attempts: list[str] = []

    def refuse(*args: Any, **_kwargs: Any) -> None:
        attempts.append(repr(args[1:] if args else args))
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def _hostile_pages(base: str, secret_file: Path) -> dict[str, str]:
    file_url = secret_file.as_uri()
    body = (
        "<p>The council voted late on Tuesday to keep the old library open for another "
        "year, and the residents were pleased.</p>"
    )
    return {
        "xxe-file": (
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "{file_url}">]>'
            f"<html><body><p>&xxe;</p>{body}</body></html>"
        ),
        "xxe-http": (
            f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{base}/xxe">]>'
            f"<html><body><h1>Title &xxe;</h1>{body}<p>&xxe;</p></body></html>"
        ),
        "external-dtd": (
            f'<!DOCTYPE html PUBLIC "-//X//DTD X//EN" "{base}/external.dtd">'
            f"<html><body>{body}<p>&leak;</p></body></html>"
        ),
        "parameter-entity": (
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY % remote SYSTEM "{base}/param.dtd">'
            f"%remote;]><html><body>{body}<p>&leak;</p></body></html>"
        ),
        "xinclude": (
            '<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>'
            f'<xi:include href="{file_url}" parse="text"/>'
            f'<xi:include href="{base}/xinclude"/>{body}</body></html>'
        ),
        "stylesheet-pi": (
            f'<?xml-stylesheet type="text/xsl" href="{base}/style.xsl"?>'
            f"<html><body>{body}</body></html>"
        ),
        "resources": (
            f'<html><head><link rel="stylesheet" href="{base}/a.css">'
            f'<script src="{base}/a.js"></script><base href="{base}/"></head><body>'
            f'<img src="{base}/a.png"><iframe src="{base}/frame"></iframe>'
            f'<object data="{base}/o"></object><embed src="{base}/e">{body}</body></html>'
        ),
        "svg-entity": (
            f'<!DOCTYPE svg [<!ENTITY xxe SYSTEM "{file_url}">]>'
            f"<html><body><svg><text>&xxe;</text></svg>{body}</body></html>"
        ),
    }


def _billion_laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(entities)}]>'
        f"<html><body><p>&lol{levels - 1};</p><p>The council voted late on Tuesday to keep "
        "the old library open for another year.</p></body></html>"
    )


def _quadratic_blowup() -> str:
    # Words, not one 50,000-letter word: that one hits a separate regex bug
    # (see test_regressions.py) and would hide what this page tests.
    big = "AAAA " * 10_000
    return (
        f'<?xml version="1.0"?><!DOCTYPE kaboom [<!ENTITY a "{big}">]>'
        f"<html><body><p>{'&a;' * 2000}</p></body></html>"
    )


_FORMS = ("sniffed", "html", "text", "bytes")


def _clean_every_way(page: str) -> list[Document]:
    return [
        check_contract(page),
        check_contract(page, lambda s: cleanread.clean(s, source_type="html")),
        check_contract(page, lambda s: cleanread.clean(s, source_type="text")),
        check_contract(page.encode("utf-8")),
    ]


def test_controls_show_the_attacks_are_real(server: tuple[str, list[str]], tmp_path: Path) -> None:
    """The server records requests, and an unsafe parser does leak the file secret."""
    base, hits = server
    before = len(hits)
    with urllib.request.urlopen(f"{base}/control") as response:  # noqa: S310 - local server
        assert SECRET in response.read().decode()
    assert hits[before:] == ["/control"]
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    page = _hostile_pages(base, secret_file)["xxe-file"]
    unsafe = etree.XMLParser(resolve_entities=True, load_dtd=True)
    assert SECRET in etree.tostring(etree.fromstring(page.encode(), unsafe)).decode()


def test_hostile_pages_fetch_nothing(
    server: tuple[str, list[str]], no_python_network: list[str], tmp_path: Path
) -> None:
    base, hits = server
    before = len(hits)
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET, encoding="utf-8")
    for name, page in _hostile_pages(base, secret_file).items():
        for form, doc in zip(_FORMS, _clean_every_way(page), strict=True):
            if form != "text":  # a text dump keeps the literal markup, URL and all
                assert SECRET not in doc.to_json(), f"{name}/{form}: secret leaked into output"
            assert "&leak;" not in doc.text or form == "text"
    assert hits[before:] == [], f"cleanread fetched {hits[before:]}"
    assert no_python_network == []


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(_billion_laughs(), id="billion-laughs"),
        pytest.param(_quadratic_blowup(), id="quadratic-blowup"),
    ],
)
def test_entity_bombs_are_not_expanded(page: str, no_python_network: list[str]) -> None:
    for doc in _clean_every_way(page):
        output = doc.to_json()
        # An expanded bomb would be 10**9 (or 10**8) characters; the output stays the
        # size of the input.
        assert len(output) < 4 * len(page) + 10_000
        assert "lol" * 100 not in output
        assert "AAAA " * 20_000 not in output
    assert no_python_network == []


# --------------------------------------------------------------------------- markdown

# Characters that start inline markup or raw HTML in CommonMark/GFM.
_INLINE_MARKUP = set("\\`*_{}[]<>()#+!|~")


def _unescaped(markdown_line: str) -> list[str]:
    """Markup characters in a line that are not preceded by an escaping backslash."""
    found = []
    escaped = False
    for ch in markdown_line:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in _INLINE_MARKUP:
            found.append(ch)
    return found


def _assert_inert(markdown: str) -> None:
    for line in markdown.split("\n"):
        content = line
        for marker in ("## ", "# "):
            if content.startswith(marker):  # headings cleanread writes itself
                content = content[len(marker) :]
                break
        assert not _unescaped(content), f"unescaped markup {_unescaped(content)} in {line!r}"
        stripped = content.lstrip()
        assert stripped[:1] not in {"-", "=", ">", "+", "*", "#"}, f"block marker in {line!r}"
        digits = len(stripped) - len(stripped.lstrip("0123456789"))
        if digits:
            assert stripped[digits : digits + 1] not in {".", ")"}, f"list marker in {line!r}"


INJECTIONS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "![pixel](https://tracker.example/p.gif)",
    "# Not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "**bold** _it_ `code` ~~gone~~",
    "<!-- comment --> <![CDATA[x]]>",
    "| a | b |\n|---|---|",
    "line\n# heading inside a paragraph\n===\n---",
    "\\<script\\> already escaped",
    "<https://autolink.example>",
    "[ref]: https://example.com",
)


@pytest.mark.parametrize("text", INJECTIONS)
def test_markdown_escapes_markup(text: str) -> None:
    doc = Document(title=text, sections=(Section(text, (text, f"Before {text} after")),))
    _assert_inert(doc.to_markdown())


@pytest.mark.parametrize("text", INJECTIONS)
def test_markdown_of_cleaned_pages_is_inert(text: str) -> None:
    body = "The council voted late on Tuesday to keep the old library open for another year. "
    page = f"{text}\n\n{body}{text} {body}\n\n{body}{text}\n"
    for doc in _clean_every_way(page):
        _assert_inert(doc.to_markdown())


@given(
    st.lists(st.text(st.characters(codec="utf-8"), min_size=1, max_size=80), min_size=1, max_size=4)
)
def test_markdown_is_inert_for_any_text(texts: list[str]) -> None:
    doc = Document(title=texts[0], sections=(Section(texts[-1], tuple(texts)),))
    _assert_inert(doc.to_markdown())


# --------------------------------------------------------------------------- regex cost

# A regex backtracks catastrophically only when an unbounded repeat holds another one
# that can match the same text in more than one way ("(a+)+", "(\\w+\\s?)*"). The data
# regexes may nest unbounded repeats only when each turn of the outer one opens with
# whitespace that the inner ones cannot match: then every split of the text is forced.
# (The cost of each regex on long adversarial strings is measured, not asserted, by
# tools/regex_cost.py.)


try:  # Python 3.11+
    from re import _constants as sre  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Repeat and group opcodes (possessive repeats and atomic groups are Python 3.11+).
_REPEATS = tuple(
    op for op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) if op
)
_LOOKS = tuple(op for op in (sre.ASSERT, sre.ASSERT_NOT, getattr(sre, "ATOMIC_GROUP", None)) if op)


def sre_parse(pattern: str, flags: int = 0) -> Any:
    """The parse tree of ``pattern``, as the ``re`` module builds it."""
    return _parser.parse(pattern, flags)


def _unbounded(op: Any, arg: Any) -> bool:
    return op in _REPEATS and arg[1] == sre.MAXREPEAT


def _children(op: Any, arg: Any) -> list[list[tuple[Any, Any]]]:
    if op in _REPEATS:
        return [list(arg[2])]
    if op is sre.SUBPATTERN:
        return [list(arg[-1])]
    if op is sre.BRANCH:
        return [list(branch) for branch in arg[1]]
    if op in _LOOKS:
        return [list(arg[-1])]
    return []


_SPACES = " \t\n\r\f\v\xa0\u3000"


def _matches_space(items: list[tuple[Any, Any]]) -> bool:
    """Whether any character position of ``items`` may match whitespace (conservative)."""
    for op, arg in items:
        if op is sre.LITERAL and chr(arg) in _SPACES:
            return True
        if op in (sre.ANY, sre.NOT_LITERAL):
            return True
        if op is sre.IN:
            for kind, value in arg:
                if kind is sre.NEGATE or (
                    kind is sre.CATEGORY and value not in (sre.CATEGORY_DIGIT, sre.CATEGORY_WORD)
                ):
                    return True
                if kind is sre.LITERAL and chr(value) in _SPACES:
                    return True
                if kind is sre.RANGE and any(value[0] <= ord(c) <= value[1] for c in _SPACES):
                    return True
        if any(_matches_space(child) for child in _children(op, arg)):
            return True
    return False


def _opens_with_space(items: list[tuple[Any, Any]]) -> bool:
    """Whether ``items`` must start with one whitespace character (``\\s`` or a space)."""
    if not items:
        return False
    op, arg = items[0]
    if op is sre.SUBPATTERN:  # a group opens with what its first item opens with
        return _opens_with_space(list(arg[-1]))
    if op is sre.LITERAL:
        return chr(arg) in _SPACES
    return op is sre.IN and arg == [(sre.CATEGORY, sre.CATEGORY_SPACE)]


def _nested_repeats(items: list[tuple[Any, Any]]) -> list[list[tuple[Any, Any]]]:
    """The unbounded repeats inside ``items`` (their bodies), at any depth."""
    found = []
    for op, arg in items:
        if _unbounded(op, arg):
            found.append(list(arg[2]))
        for child in _children(op, arg):
            found.extend(_nested_repeats(child))
    return found


def _ambiguous_repeats(items: list[tuple[Any, Any]]) -> bool:
    """Whether an unbounded repeat holds one that may split the same text several ways.

    Conservative: a nested repeat passes only when each turn of the outer repeat opens
    with whitespace and no nested repeat can match whitespace.
    """
    for op, arg in items:
        if _unbounded(op, arg):
            body = list(arg[2])
            inner = _nested_repeats(body)
            if inner and not (
                _opens_with_space(body) and not any(_matches_space(b) for b in inner)
            ):
                return True
        if any(_ambiguous_repeats(child) for child in _children(op, arg)):
            return True
    return False


def _data_regexes() -> list[tuple[str, str]]:
    out = []
    folder = resources.files("cleanread.data").joinpath("lexicon")
    for lang in sorted(p.name for p in folder.iterdir() if p.is_dir()):
        for kind, patterns in lexicon._lexicon_patterns(lang).items():
            out += [(f"lexicon/{lang}/{kind.value}", p) for p in patterns]
    out += [(f"dom/{name}", rx.pattern) for name, rx in lexicon.dom_matchers().items()]
    return out


def test_no_data_regex_nests_ambiguous_repeats() -> None:
    regexes = _data_regexes()
    assert len(regexes) > 1000
    bad = [
        (name, p) for name, p in regexes if _ambiguous_repeats(list(sre_parse(p, re.IGNORECASE)))
    ]
    assert not bad, f"regexes that may backtrack exponentially: {bad}"


def test_the_repeat_check_flags_the_classic_blow_ups() -> None:
    for pattern in (r"(a+)+$", r"(\w+\s?)*$", r"^(x|\w+)*y", r"(.*a){3,}"):
        assert _ambiguous_repeats(list(sre_parse(pattern))), pattern
    for pattern in (r"^(read|see) (more|also)$", r"\d+(\s\d+){2,}", r"(ab)+c"):
        assert not _ambiguous_repeats(list(sre_parse(pattern))), pattern


# --------------------------------------------------------------------------- determinism

_DETERMINISM_SCRIPT = r"""
import hashlib, json, sys
from pathlib import Path
import cleanread
from cleanread.batch import clean_many

workers = int(sys.argv[1])
paths = [Path(p) for p in sys.argv[2:]]
pages = [p.read_bytes() for p in paths]
out = {}
for path, page, result in zip(paths, pages, clean_many(pages, workers=workers)):
    direct = cleanread.clean(page).to_dict()
    batch = {k: v for k, v in result.items() if k not in ("id", "url", "notes")}
    assert batch == direct, f"clean_many differs from clean on {path}"
    text = json.dumps(direct, ensure_ascii=False, sort_keys=True)
    out[str(path)] = hashlib.sha256(text.encode("utf-8")).hexdigest()
print(json.dumps(out))
"""

# Own pages beside the fixtures: a set stressing dict/set ordering (many removal
# kinds, repeated lines, mixed scripts).
_EXTRA_PAGES = {
    "mixed.txt": (
        "Home | News | Sport\n\nSkip to main content\n\nNews\n\nOld Library Stays Open\n\n"
        "By Jane Morrow\n\nThe council voted late on Tuesday to keep the old library open for "
        "another year, after residents collected four thousand signatures.\n\n"
        "Во вторник городской совет решил оставить старую библиотеку открытой ещё на год.\n\n"
        "Share\n\nTweet\n\nRead also\n\nCouncil approves new cycle lanes\n\n12 Comments\n\n"
        "Great article!\n\nSubscribe to our newsletter\n\n© 2024 City Herald\n\nShare\n"
    ),
    "mixed.html": (
        "<html><body><nav class='menu'><a href='/'>Home</a> <a href='/n'>News</a></nav>"
        "<article><h1>Old Library Stays Open</h1><p>The council voted late on Tuesday to keep "
        "the old library open for another year, after residents collected four thousand "
        "signatures.</p><figure><figcaption>The reading room. Photo: Jane Morrow</figcaption>"
        "</figure><p>市议会周二晚上投票决定，老图书馆将再开放一年。居民们收集了四千多个签名。</p>"
        "</article><div class='share'>Share</div><div id='comments'>2 Comments</div>"
        "<footer>© 2024 City Herald</footer></body></html>"
    ),
}


def _run_determinism(workers: int, seed: str, paths: list[Path]) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", _DETERMINISM_SCRIPT, str(workers), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
        cwd=REPO,
        env=env,
    )
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_same_output_across_processes_hash_seeds_and_workers(tmp_path: Path) -> None:
    paths = sorted(FIXTURES.glob("*/input.*"))
    for name, page in _EXTRA_PAGES.items():
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    one = _run_determinism(0, "0", paths)
    assert len(one) == len(paths)
    assert _run_determinism(0, "4242", paths) == one, "PYTHONHASHSEED changes the output"
    assert _run_determinism(2, "999", paths) == one, "a two-worker pool changes the output"
