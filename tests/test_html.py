# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""HTML input: safety of the parser, robustness, DOM segmentation and structure.

The golden fixtures are checked by ``test_golden.py``; these tests pin what is
specific to HTML: nothing is ever fetched or expanded, deep and broken markup
completes, meta charsets are honoured, and tables, lists, figures, headings
and removed paths come out as the issue describes.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import cleanread
from cleanread import Document
from cleanread import html as html_module
from cleanread.blocks import Block, Label, LabelledBlock
from cleanread.html import (
    STANDFIRST_MIN_WORDS,
    TitleSources,
    _Page,
    _roles,
    choose_title,
    html_metadata,
    parse_html,
    segment_html,
)
from support import features as synthetic_features
from support import recording_server

if TYPE_CHECKING:
    from collections.abc import Iterator

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

BODY = (
    "The river rose through the night and by morning the "
    "lower streets of the town were under water. "
    "Volunteers carried sandbags to the church and the "
    "school, while the mayor asked residents to stay "
    "at home until the evening."
)
BODY2 = (
    "Engineers said the old dam had held, but that the "
    "spillway would need repairs before the winter. "
    "The regional government promised money for the work "
    "and for the families whose houses were damaged."
)


def page(body: str, *, head: str = "", lang: str = "en") -> str:
    """A small HTML page around ``body``."""
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    )


def article(extra: str = "") -> str:
    """An article with a title, two paragraphs and ``extra`` markup inside it."""
    return page(
        f"<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        "<article><h1>Flood Waters Reach the Old Town</h1>"
        f"<p>{BODY}</p>{extra}<p>{BODY2}</p></article>"
        "<footer><p>© 2025 Example Times. All rights reserved.</p></footer>",
        head="<title>Flood Waters Reach the Old Town | Example Times</title>",
    )


# --------------------------------------------------------------------------- safety


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"<!ENTITY leak 'FETCHED-OVER-NETWORK'>")

    def log_message(self, *_args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request made to it."""
    with recording_server(_CountingHandler) as served:
        yield served


def test_nothing_is_fetched(server: tuple[str, list[str]]) -> None:
    url, hits = server
    html = (
        f'<?xml version="1.0"?><!DOCTYPE html SYSTEM "{url}/doctype.dtd" '
        f'[<!ENTITY % ext SYSTEM "{url}/param.dtd"> %ext;]>'
        f'<html><head><link rel="stylesheet" href="{url}/style.css"><script '
        f'src="{url}/app.js"></script>'
        f'<base href="{url}/"></head><body><img src="{url}/photo.jpg"><iframe '
        f'src="{url}/frame"></iframe>'
        f'<object data="{url}/obj"></object><video src="{url}/v.mp4"></video><p>{BODY}</p>'
        f'<p style="background:url({url}/bg.png)">{BODY2}</p></body></html>'
    )
    doc = cleanread.clean(html)
    time.sleep(0.2)  # a request in flight would land now
    assert hits == []
    assert "FETCHED-OVER-NETWORK" not in doc.to_json()
    assert BODY in doc.paragraphs


def test_external_entity_is_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    html = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        f"<html><body><p>{BODY} &xxe;</p><p>&xxe;</p></body></html>"
    )
    doc = cleanread.clean(html)
    assert "TOP-SECRET-CONTENT" not in doc.to_json()


def test_billion_laughs_is_not_expanded() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    html = (
        f'<?xml version="1.0"?><!DOCTYPE html [{entities}]><html><body><p>{BODY} '
        f"&lol9;</p></body></html>"
    )
    doc = cleanread.clean(html)
    assert len(doc.to_json()) < 10_000
    assert "lollollol" not in doc.to_json()


def test_parser_configuration_is_safe() -> None:
    root = parse_html('<!DOCTYPE x [<!ENTITY e "expanded">]><p>&e; kept</p>')
    assert root is not None
    assert "expanded" not in "".join(root.itertext())


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<div>", "</div>"),
        ("<span>", "</span>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", "</li></ul>"),
        ("<b>", ""),
    ],
    ids=["div", "span", "table", "list", "unclosed-b"],
)
def test_deep_nesting_completes(opening: str, closing: str) -> None:
    depth = 100_000
    html = "<html><body>" + opening * depth + f"<p>{BODY}</p>" + closing * depth + "</body></html>"
    doc = cleanread.clean(html)
    assert isinstance(doc, Document)
    assert doc.source_type == "html"


def test_segmentation_is_iterative() -> None:
    # libxml2 caps the tree depth; the walk itself must never recurse.
    root = parse_html("<div>" * 5_000 + "deep text" + "</div>" * 5_000)
    assert root is not None
    segment_html(root)


@pytest.mark.parametrize(
    "html",
    [
        f"<html><body><p>{BODY}<div>{BODY2}</p></div>",
        f"<p>{BODY}<p>{BODY2}",
        f"</div></div><p>{BODY}</p></span></html></html><p>{BODY2}",
        f"<html><body><table><p>{BODY}</table><td>{BODY2}",
        f"<html><body><p>{BODY}</p><button><p>{BODY2}</p>",
        f"<html><body><p>{BODY}<!-- unclosed comment <p>{BODY2}",
        f'<html><body><p class="a" class="b" id=>{BODY}</p><p <p>{BODY2}</p>',
    ],
    ids=[
        "misnested",
        "unclosed-p",
        "stray-closers",
        "table-soup",
        "unclosed-button",
        "open-comment",
        "bad-attributes",
    ],
)
def test_malformed_markup_is_recovered(html: str) -> None:
    doc = cleanread.clean(html, source_type="html")
    assert BODY in doc.text


@pytest.mark.parametrize(
    "html",
    ["", "<html></html>", "<!DOCTYPE html>", "<p></p>", "\x00<html>\x00"],
    ids=["empty", "no-body", "doctype", "empty-p", "nul"],
)
def test_empty_html_gives_empty_document(html: str) -> None:
    doc = cleanread.clean(html, source_type="html")
    assert doc.to_dict().keys() == Document().to_dict().keys()
    assert doc.sections == ()


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("charset", "text", "codec"),
    [
        (
            "windows-1251",
            "Вчера вечером в городе открылась новая станция метро, и жители были очень довольны.",
            "cp1251",
        ),
        (
            "shift_jis",
            "昨夜、町に新しい地下鉄の駅が開業し、住民はとても喜んでいました。",
            "shift_jis",
        ),
        (
            "iso-8859-15",
            ("Le nouveau métro a ouvert hier soir et les habitants étaient très contents."),
            "iso8859-15",
        ),
    ],
    ids=["cp1251", "shift-jis", "latin-9"],
)
def test_meta_charset_is_honoured(charset: str, text: str, codec: str) -> None:
    html = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; '
        f'charset={charset}"><title>T</title></head>'
        f"<body><article><p>{text}</p><p>{text}</p></article></body></html>"
    )
    doc = cleanread.clean(html.encode(codec))
    assert doc.encoding is not None
    assert text in doc.text


def test_str_input_ignores_declared_charset() -> None:
    html = (
        f'<html><head><meta charset="iso-8859-1"></head><body><p>Grüße '
        f"aus Köln. {BODY}</p></body></html>"
    )
    assert "Grüße aus Köln." in cleanread.clean(html).text


# --------------------------------------------------------------------------- structure


def test_table_rows_become_text_rows() -> None:
    table = (
        "<table><thead><tr><th>Town</th><th>Level</th></tr></thead>"
        "<tbody><tr><td>Lindau</td><td>4,2 m</td></tr><tr><td>Kempten</td><td>3,9 "
        "m</td></tr></tbody></table>"
    )
    doc = cleanread.clean(article(table))
    assert "Town\tLevel" in doc.paragraphs
    assert "Lindau\t4,2 m" in doc.paragraphs
    assert "Kempten\t3,9 m" in doc.paragraphs


def test_wide_data_rows_are_not_menus() -> None:
    # "1 | Lindau | 42 | 3 | 7" looks like a "Home | News | ..." menu once joined
    rows = "".join(
        f"<tr><td>{n}</td><td>Town {n}</td><td>4{n}</td><td>{n + 2}</td><td>{n + 5}</td></tr>"
        for n in range(1, 6)
    )
    doc = cleanread.clean(article(f"<table>{rows}</table>"))
    assert "1\tTown 1\t41\t3\t6" in doc.paragraphs
    assert "5\tTown 5\t45\t7\t10" in doc.paragraphs


def test_caption_class_outside_a_figure_goes_to_images() -> None:
    caption = (
        '<div class="wp-caption"><img src="/b.jpg" alt="">'
        '<p class="wp-caption-text">Sandbags by the river</p></div>'
    )
    doc = cleanread.clean(article(caption))
    assert all("Sandbags" not in p for p in doc.paragraphs)
    assert BODY in doc.paragraphs


def test_short_byline_parts_before_the_text_are_not_body() -> None:
    byline = (
        '<div class="byline"><span>By</span><div class="author">Jane Quokka</div>'
        '<div class="author-org">The Example Times</div></div>'
    )
    doc = cleanread.clean(article(byline).replace(f"<p>{BODY}</p>", ""))
    assert "Jane Quokka" not in doc.body
    assert "The Example Times" not in doc.body
    assert BODY2 in doc.body


def test_a_long_reference_list_does_not_take_the_container() -> None:
    refs = "".join(
        f"<li>Quokka A, Wallaby B. Study number {n} of island marsupials and their "
        f"habits in the wild. Journal of Examples {n}: 1-10.</li>"
        for n in range(40)
    )
    doc = cleanread.clean(
        page(
            f"<div class='article-body'><div class='abstract'><p>{BODY}</p><p>{BODY2}</p></div>"
            f"<div class='references'><ul>{refs}</ul></div></div>"
        )
    )
    assert BODY in doc.body
    assert BODY2 in doc.body


def test_layout_tables_are_read_as_containers() -> None:
    html = page(
        f"<table><tr><td><h2>Section</h2><p>{BODY}</p></td><td><p>{BODY2}</p></td></tr></table>"
    )
    doc = cleanread.clean(html)
    assert BODY in doc.paragraphs
    assert BODY2 in doc.paragraphs


def test_list_items_are_paragraphs() -> None:
    items = (
        "<ul><li>Bring drinking water and a torch.</li><li>Keep "
        "documents in a waterproof bag.</li></ul>"
    )
    doc = cleanread.clean(article(items))
    assert "Bring drinking water and a torch." in doc.paragraphs
    assert "Keep documents in a waterproof bag." in doc.paragraphs


def test_headings_start_sections() -> None:
    doc = cleanread.clean(
        article(f"<h2>What Happens Next</h2><p>{BODY2.replace('Engineers', 'Officials')}</p>")
    )
    assert doc.title == "Flood Waters Reach the Old Town"
    assert [s.heading for s in doc.sections] == [None, "What Happens Next"]


def test_figure_caption_and_credit_go_to_images() -> None:
    figure = (
        '<figure><img src="/a.jpg" alt=""><figcaption>Sandbags in front of the church'
        ' <span class="credit">Photo: Reuters</span></figcaption></figure>'
    )
    doc = cleanread.clean(article(figure))
    assert len(doc.images) == 1
    assert doc.images[0].caption == "Sandbags in front of the church"
    assert doc.images[0].credit_line == "Photo: Reuters"
    assert all("Sandbags" not in p for p in doc.paragraphs)


def test_removed_blocks_carry_a_dom_path() -> None:
    doc = cleanread.clean(
        article('<div class="share-buttons"><a href="#">Share on Facebook</a></div>')
    )
    assert doc.removed
    assert all(r.lines is None and r.path for r in doc.removed)
    nav = next(r for r in doc.removed if r.text == "Home")
    assert nav.path is not None
    assert nav.path.endswith("li")
    assert "nav" in nav.path


def test_boilerplate_inside_the_article_is_removed() -> None:
    extra = (
        '<div class="ad-slot"><p>Advertisement</p></div>'
        '<div class="related-posts"><h3>Read also</h3><ul><li><a href="/x">Storm '
        "warnings for the coast</a></li></ul></div>"
    )
    doc = cleanread.clean(article(extra))
    assert "Advertisement" not in doc.text
    assert "Storm warnings for the coast" not in doc.text
    assert doc.flags["ad"]


def test_hidden_elements_are_removed() -> None:
    doc = cleanread.clean(
        article('<div style="display: none">Secret tracking text for robots only.</div>')
    )
    assert "Secret tracking text" not in doc.text
    assert any(r.reason.startswith("hidden") for r in doc.removed)


def test_hidden_structured_data_is_removed_even_when_large() -> None:
    # a hidden itemscope element is schema.org data for machines: it stays hidden even
    # when it holds a copy of the article large enough to distrust the page's hidden
    # marks (HIDDEN_MAX_SHARE), and its copy does not count towards that share
    data = (
        '<div style="display:none" itemscope itemtype="http://schema.org/NewsArticle">'
        "<div itemprop='name'>Harbour Desk Publishing Group</div>"
        f"<div itemprop='articleBody'><p>{BODY}</p><p>{BODY2}</p><p>{BODY}</p></div></div>"
    )
    doc = cleanread.clean(article(data))
    assert "Harbour Desk Publishing Group" not in doc.text
    assert doc.text.count(BODY[:40]) == 1


def test_scripts_and_styles_never_leak() -> None:
    doc = cleanread.clean(
        article(
            "<script>var x = 'SCRIPT-TEXT';</script><style>.a{}</style>"
            "<noscript>NOSCRIPT-TEXT</noscript>"
        )
    )
    assert "SCRIPT-TEXT" not in doc.to_json()
    assert "NOSCRIPT-TEXT" not in doc.to_json()


COMMENT = (
    "I read this report twice and I still think the town should have moved the "
    "sandbags earlier, because the forecast was clear for days before the rain."
)


def _discussion(opening: str) -> str:
    """A page whose long comment list outweighs the opening post ``opening``."""
    replies = "".join(
        f'<li class="comment"><div class="comment-body"><p>{COMMENT} Reply {n}.</p></div></li>'
        for n in range(20)
    )
    return page(
        f'<main>{opening}<div class="comments-area"><ol class="comment-list">{replies}'
        "</ol></div></main>"
    )


def test_long_comment_section_stays_out_of_an_article() -> None:
    # the post sits in an element marked as the article body: an article with comments
    doc = cleanread.clean(
        _discussion(f'<div class="entry-content"><p>{BODY}</p><p>{BODY2}</p></div>')
    )
    assert BODY in doc.body
    assert "Reply 3" not in doc.body


def test_comments_are_the_posts_of_a_forum() -> None:
    # no element names an article body: the comment-marked posts are the content
    doc = cleanread.clean(_discussion(f"<div class='opening'><p>{BODY}</p></div>"))
    assert "Reply 3" in doc.body


def test_a_quote_citation_does_not_end_the_thread() -> None:
    # "Ann said:" over a quoted post is the quote's citation, not a comment header
    quote = f"<blockquote><div class='citation'>Ann said:</div><p>{BODY[:80]}</p></blockquote>"
    doc = cleanread.clean(
        page(f"<main><p>{BODY}</p><p>{BODY2}</p>{quote}<p>{COMMENT} Second post.</p></main>")
    )
    assert BODY in doc.body
    assert "Second post." in doc.body


def test_link_lines_inside_the_article_are_removed() -> None:
    source = "<p><a href='https://example.org/report'>[Example Report]</a></p>"
    doc = cleanread.clean(article(source))
    assert "Example Report" not in doc.body
    assert any(r.reason.startswith("link line") for r in doc.removed)
    assert BODY in doc.body


TEASERS = (
    "The council voted to rebuild the bridge over the river before the spring floods come back.",
    "A new bakery opened on the main square and the queue reached the station on its first day.",
    "Students at the technical school built a small boat that they will race on the lake in May.",
    "The library will stay open late on Thursdays so that workers can borrow books in the evening.",
    "Farmers in the valley expect a good harvest of apples after the warm and sunny summer months.",
    "The old cinema is being restored by volunteers who want to show classic films there again.",
)


def _teasers() -> str:
    return "".join(
        f"<div class='card'><p><a href='/n/{n}'>Story {n}</a> {text}</p></div>"
        for n, text in enumerate(TEASERS)
    )


def test_marked_article_body_wins_over_a_wider_container_of_teasers() -> None:
    # the teasers hold most of the text, so the broad container spans them too
    doc = cleanread.clean(
        page(
            f"<div class='wrap'><div class='entry-content'><p>{BODY}</p><p>{BODY} Again.</p>"
            f"<p>{BODY} Once more.</p></div><div class='rail'>{_teasers()}</div></div>"
        )
    )
    assert BODY in doc.body
    assert "Story 2" not in doc.body


def test_article_in_several_marked_sections_keeps_the_wide_container() -> None:
    sections = "".join(
        f"<div class='part'><div class='rich-text'><p>{BODY} Part {n}.</p></div></div>"
        for n in range(4)
    )
    doc = cleanread.clean(page(f"<div class='wrap'>{sections}</div>"))
    assert all(f"Part {n}." in doc.body for n in range(4))


def test_page_starting_with_a_long_style_block_is_read_as_html() -> None:
    # saved without its head: only a long <style> comes before the markup
    style = "<style>\n" + ".card { margin: 0; padding: 4px; }\n" * 300 + "</style>\n"
    doc = cleanread.clean(style + article())
    assert doc.source_type == "html"
    assert BODY in doc.body
    assert "margin" not in doc.text


# --------------------------------------------------------------------------- metadata


def test_metadata_from_head_and_json_ld() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Flood Waters Reach the Old Town",
        "author": {"@type": "Person", "name": "Ines Vogel"},
        "datePublished": "2025-03-14T08:30:00+01:00",
    }
    html = page(
        f"<article><h1>Flood Waters Reach the Old Town</h1><p>{BODY}</p><p>{BODY2}</p></article>",
        head=(
            "<title>Flood waters | Example</title>"
            f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        ),
    )
    doc = cleanread.clean(html)
    assert (doc.title, doc.author, doc.date) == (
        "Flood Waters Reach the Old Town",
        "Ines Vogel",
        "2025-03-14",
    )


def test_title_strips_the_site_name() -> None:
    root = parse_html(
        "<html><head><title>Flood Waters Reach the Old Town "
        "| Example Times</title></head><body></body></html>"
    )
    assert html_metadata(root)["title"] == "Flood Waters Reach the Old Town"


def _title(head: str, body: str = "") -> str | None:
    root = parse_html(f"<html><head>{head}</head><body>{body}</body></html>")
    return html_metadata(root)["title"]


def test_title_drops_a_leading_site_name() -> None:
    head = (
        '<meta property="og:site_name" content="Example Times">'
        "<title>Example Times | Flood Waters Reach the Old Town</title>"
    )
    assert _title(head) == "Flood Waters Reach the Old Town"
    assert _title("<title>example.org - Flood Waters Reach the Old Town</title>") == (
        "Flood Waters Reach the Old Town"
    )


def test_title_repairs_what_templates_leave_in_it() -> None:
    mangled = "Our Owner\u00e2\u0080\u0099s Guide to Small Boats".encode()
    assert _title(f"<title>{mangled.decode()}</title>") == "Our Owner’s Guide to Small Boats"
    assert _title("<title>## *Notes on Rope* (1871) ()</title>") == "Notes on Rope (1871)"
    assert _title("<title>Does Rope Stretch？ ⋆ Example</title>") == "Does Rope Stretch?"
    assert _title("<title>绳子会伸长吗？</title>") == "绳子会伸长吗？"


def test_title_site_name_from_json_ld_website() -> None:
    ld = json.dumps({"@type": "WebSite", "name": "Example Times"})
    head = (
        f'<script type="application/ld+json">{ld}</script>'
        "<title>Example Times - Flood Waters Reach the Old Town</title>"
    )
    assert _title(head) == "Flood Waters Reach the Old Town"


def test_promo_h1_loses_to_the_metadata_title() -> None:
    head = "<title>Travel Insurance Quotes | Example</title>"
    assert _title(head, "<h1>Get a quote and protect your next trip</h1>") == (
        "Travel Insurance Quotes"
    )


def test_h1_rephrasing_the_metadata_title_wins() -> None:
    head = "<title>Flood Waters Reach Old Town | Example</title>"
    assert _title(head, "<h1>Flood Waters Reach the Old Town Centre</h1>") == (
        "Flood Waters Reach the Old Town Centre"
    )


def test_h1_with_a_tagline_keeps_the_headline_of_the_title() -> None:
    head = "<title>Best Movers in 2025 | Top 19 Companies | Example</title>"
    assert _title(head, "<h1>Best Movers in 2025 | Top 19 Companies</h1>") == "Best Movers in 2025"


def test_h1_text_is_read_as_displayed() -> None:
    head = "<title>Data Analytics Agency | Example</title>"
    body = "<h1>Data<br>Analytics <span>Agency</span><style>h1{color:red}</style>¶</h1>"
    assert _title(head, body) == "Data Analytics Agency"


def test_shouted_h1_takes_the_metadata_spelling() -> None:
    head = "<title>Tips for Online Success - Example &amp; Co</title>"
    assert _title(head, "<h1>TIPS FOR ONLINE SUCCESS</h1>") == "Tips for Online Success"


def test_title_chooser_falls_back_to_the_rule_without_a_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(html_module, "html_title_model", lambda: None)
    head = "<title>Flood Waters Reach Old Town | Example</title>"
    assert _title(head, "<h1>Flood Waters Reach the Old Town Centre</h1>") == (
        "Flood Waters Reach the Old Town Centre"
    )


def test_title_chooser_never_takes_a_tagline_over_its_headline() -> None:
    sources = TitleSources(
        page="Best Movers in 2025 | Top 19 Companies | Example",
        h1s=("Best Movers in 2025 | Top 19 Companies",),
        rule="Best Movers in 2025 | Top 19 Companies",
    )
    assert choose_title(sources) == "Best Movers in 2025"


def test_html_lang_is_checked_against_detection() -> None:
    german = (
        "Der Fluss ist in der Nacht gestiegen und am Morgen standen "
        "die unteren Straßen der Stadt unter Wasser. " * 3
    )
    doc = cleanread.clean(page(f"<p>{german}</p>", lang="en"))
    assert doc.language == "de"


def test_broken_json_ld_is_ignored() -> None:
    html = page(
        f"<p>{BODY}</p>",
        head='<script type="application/ld+json">{"@type": "Article", "headline": </script>',
    )
    assert BODY in cleanread.clean(html).paragraphs


# --------------------------------------------------------------------------- fixtures


def _pairs() -> list[str]:
    return sorted(
        p.name
        for p in FIXTURES.glob("*-html")
        if (p / "input.html").is_file()
        and (FIXTURES / p.name.removesuffix("-html") / "expected.json").is_file()
    )


@pytest.mark.parametrize("case", _pairs(), ids=str)
def test_same_title_and_sections_as_the_text_dump(case: str) -> None:
    expected = json.loads(
        (FIXTURES / case.removesuffix("-html") / "expected.json").read_text(encoding="utf-8")
    )
    doc = cleanread.clean((FIXTURES / case / "input.html").read_bytes())
    assert " ".join((doc.title or "").split()) == " ".join((expected["title"] or "").split())
    assert [s.heading for s in doc.sections] == [s["heading"] for s in expected["sections"]]


def test_a_sidebar_beside_a_short_article_keeps_its_kind() -> None:
    # the sidebar holds most of the text, but an <article> with text lies beside it
    side = "".join(f"<p>{text}</p>" for text in TEASERS)
    doc = cleanread.clean(
        page(
            f"<div class='wrap'><article><h1>Flood</h1><p>{BODY}</p><p>{BODY2}</p></article>"
            f"<div class='sidebar'>{side}</div></div>"
        )
    )
    assert BODY in doc.body
    assert TEASERS[2] not in doc.body


@pytest.mark.parametrize(
    ("path", "heading_level", "kept"),
    [
        ("body/div.entry-content/blockquote/p", 0, True),
        ("body/div.article-head/p.subline", 0, False),
        ("body/div.entry-content/h1", 1, False),
    ],
    ids=["pull-quote", "header-standfirst", "site-h1"],
)
def test_headline_like_line_atop_the_container(path: str, heading_level: int, kept: bool) -> None:
    # the classifier read the line as a headline; above the kept text, inside the
    # container, it opens the article unless it is header matter
    features = synthetic_features(title_case=0.6)
    line = Block(
        0,
        "It is not too little time that we have",
        None,
        None,
        features,
        tag="p",
        heading_level=heading_level,
        path=path,
        dom_content=True,
    )
    text = Block(
        1, BODY, None, None, features, tag="p", path="body/div.entry-content/p", dom_content=True
    )
    labelled = (
        LabelledBlock(line, Label.TITLE, "headline-like"),
        LabelledBlock(text, Label.PARAGRAPH, "running text"),
    )
    page_ = _Page((line, text), {}, "div", frozenset(), frozenset(), frozenset())
    out = _roles(labelled, "Time Philosophy", page_, "en")
    assert (out[0].label in (Label.PARAGRAPH, Label.HEADING)) is kept


@pytest.mark.parametrize(
    ("words", "removed"),
    [(STANDFIRST_MIN_WORDS, True), (STANDFIRST_MIN_WORDS - 1, False)],
    ids=["at", "below"],
)
def test_standfirst_min_words(words: int, removed: bool) -> None:
    # a long <h2> in the article header, above the text, is a standfirst
    features = synthetic_features(chars=60, words=words, terminal_punct=True)
    dek = Block(
        0,
        "The river rose overnight and the town prepared for the worst",
        None,
        None,
        features,
        tag="h2",
        heading_level=2,
        path="article/header.article-header/h2.sub-head",
        dom_content=True,
    )
    text = Block(
        1, BODY, None, None, dataclasses.replace(features, words=40), tag="p", dom_content=True
    )
    labelled = (
        LabelledBlock(dek, Label.HEADING, "heading"),
        LabelledBlock(text, Label.PARAGRAPH, "running text"),
    )
    page_ = _Page((dek, text), {}, "div", frozenset(), frozenset(), frozenset())
    out = _roles(labelled, "Flood Waters Reach the Old Town", page_, "en")
    assert (out[0].label is Label.REMOVED) is removed
