# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Hypothesis strategies for cleanread's property tests, and the output contract they check.

Pages are assembled from parts written for these tests: article sentences in
many scripts, titles, bylines, captions and boilerplate (menus, cookie
notices, share bars, comment sections, footers). The same parts are rendered
as text dumps (with and without blank lines, with CRLF, with noise characters)
and as HTML (clean, tag soup, deeply nested, truncated). Random bytes, random
strings (lone surrogates included) and pages encoded in legacy charsets cover
the rest.

:func:`check_contract` holds the properties every :class:`Document` must have;
the property, adversarial and safety tests all call it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hypothesis import strategies as st

import cleanread
from cleanread import Document
from cleanread.blocks import Label, LabelledBlock
from cleanread.classify import classify
from cleanread.core import _language_sample, template_hits
from cleanread.lang import detect_language
from cleanread.lexicon import stopwords
from cleanread.parse import read_source
from cleanread.segment import collapse, segment_text, split_lines

if TYPE_CHECKING:
    from collections.abc import Callable

# --------------------------------------------------------------------------- parts

# Article sentences per language, written for these tests. Each is long enough to
# read as running text; paragraphs are drawn as runs of them.
SENTENCES: dict[str, tuple[str, ...]] = {
    "en": (
        "The council voted late on Tuesday to keep the old library open for another year.",
        "Residents had collected more than four thousand signatures in less than a month.",
        "Engineers say the bridge will need new cables before the winter storms arrive.",
        "Most of the money will come from a fund that was set up after the floods.",
        "She said that the results were better than anyone in the team had expected.",
        "The museum plans to show the paintings again once the roof has been repaired.",
    ),
    "de": (
        "Der Stadtrat hat am Dienstag beschlossen, die Bibliothek ein weiteres Jahr zu öffnen.",
        "Die Anwohner hatten in weniger als einem Monat über viertausend Unterschriften gesammelt.",
        "Nach Angaben der Ingenieure braucht die Brücke vor dem Winter neue Seile.",
        "Das meiste Geld stammt aus einem Fonds, der nach dem Hochwasser gegründet wurde.",
        "Die Ergebnisse seien besser gewesen, als irgendjemand im Team erwartet habe.",
    ),
    "fr": (
        "Le conseil municipal a voté mardi soir pour garder la vieille bibliothèque ouverte.",
        "Les habitants avaient réuni plus de quatre mille signatures en moins d'un mois.",
        "Selon les ingénieurs, le pont aura besoin de nouveaux câbles avant l'hiver.",
        "La plus grande partie de l'argent viendra d'un fonds créé après les inondations.",
    ),
    "es": (
        "El ayuntamiento votó el martes por la noche mantener abierta la antigua biblioteca.",
        "Los vecinos habían reunido más de cuatro mil firmas en menos de un mes.",
        "Según los ingenieros, el puente necesitará cables nuevos antes del invierno.",
        "La mayor parte del dinero saldrá de un fondo creado después de las inundaciones.",
    ),
    "pl": (
        "Rada miasta zdecydowała we wtorek, że stara biblioteka pozostanie otwarta jeszcze rok.",
        "Mieszkańcy zebrali ponad cztery tysiące podpisów w niecały miesiąc.",
        "Według inżynierów most będzie potrzebował nowych lin przed zimą.",
    ),
    "tr": (
        "Belediye meclisi salı akşamı eski kütüphanenin bir yıl daha açık kalmasına karar verdi.",
        "Mahalle sakinleri bir aydan kısa sürede dört binden fazla imza topladı.",
        "Mühendislere göre köprünün kıştan önce yeni kablolara ihtiyacı var.",
    ),
    "ru": (
        "Во вторник городской совет решил оставить старую библиотеку открытой ещё на год.",
        "Жители собрали более четырёх тысяч подписей меньше чем за месяц.",
        "По словам инженеров, мосту до зимы понадобятся новые тросы.",
        "Большая часть денег поступит из фонда, созданного после наводнения.",
    ),
    "el": (
        "Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να μείνει ανοιχτή η παλιά βιβλιοθήκη.",
        "Οι κάτοικοι συγκέντρωσαν πάνω από τέσσερις χιλιάδες υπογραφές σε λιγότερο από έναν μήνα.",
    ),
    "ar": (
        "قرر المجلس البلدي مساء الثلاثاء إبقاء المكتبة القديمة مفتوحة لعام آخر.",
        "جمع السكان أكثر من أربعة آلاف توقيع في أقل من شهر واحد.",
        "يقول المهندسون إن الجسر سيحتاج إلى كابلات جديدة قبل الشتاء.",
    ),
    "he": (
        "מועצת העיר החליטה ביום שלישי להשאיר את הספרייה הישנה פתוחה לשנה נוספת.",
        "התושבים אספו יותר מארבעת אלפים חתימות בפחות מחודש.",
    ),
    "zh": (
        "市议会周二晚上投票决定，老图书馆将再开放一年。",
        "居民们在不到一个月的时间里收集了四千多个签名。",
        "工程师表示，这座桥在冬天到来之前需要更换新的钢缆。",
        "大部分资金将来自洪水之后设立的一个基金。",
    ),
    "ja": (
        "市議会は火曜日の夜、古い図書館をもう一年開館し続けることを決めた。",
        "住民は一か月足らずで四千人を超える署名を集めた。",
        "技術者によると、冬が来る前に橋の新しいケーブルが必要だという。",
    ),
    "ko": (
        "시의회는 화요일 밤 오래된 도서관을 일 년 더 열어 두기로 결정했다.",
        "주민들은 한 달도 안 되어 사천 명이 넘는 서명을 모았다.",
    ),
    "hi": (
        "नगर परिषद ने मंगलवार रात पुराने पुस्तकालय को एक और साल खुला रखने का फैसला किया।",
        "निवासियों ने एक महीने से कम समय में चार हज़ार से अधिक हस्ताक्षर जुटाए।",
    ),
    "th": (
        "สภาเมืองลงมติเมื่อคืนวันอังคารให้ห้องสมุดเก่าเปิดต่อไปอีกหนึ่งปี",
        "ชาวบ้านรวบรวมรายชื่อได้มากกว่าสี่พันชื่อในเวลาไม่ถึงเดือน",
    ),
}

TITLES: tuple[str, ...] = (
    "Old Library Stays Open For Another Year",
    "Bibliothek bleibt ein weiteres Jahr geöffnet",
    "La vieille bibliothèque reste ouverte",
    "Старая библиотека останется открытой",
    "老图书馆将再开放一年",
    "古い図書館、もう一年開館へ",
    "المكتبة القديمة تبقى مفتوحة",
)
CATEGORIES: tuple[str, ...] = ("News", "Politik", "Culture", "Спорт", "科技", "Local")
BYLINES: tuple[str, ...] = (
    "By Jane Morrow",
    "Von Peter Albrecht | 12.03.2024",
    "Par Claire Dubois, publié le 4 mai 2023",
    "Автор: Иван Петров",
    "March 3, 2024",
    "2024-05-17 08:30",
)
CAPTIONS: tuple[str, ...] = (
    "The reading room on the first floor, seen from the gallery.",
    "Foto: Stadtarchiv",
    "Photo: Jane Morrow / City Desk",
    "Фото: пресс-служба",
)
HEADINGS: tuple[str, ...] = ("What happens next", "Wie es weitergeht", "La suite", "Что дальше")

# Boilerplate lines, by the removal kind a reader would give them.
BOILERPLATE: dict[str, tuple[str, ...]] = {
    "navigation": (
        "Home | News | Sport | Weather | Contact",
        "Skip to main content",
        "Startseite › Politik › Inland",
        "Menu",
        "Главная / Новости / Общество",
    ),
    "cookie_notice": (
        "We use cookies to improve your experience. By continuing you accept our cookie policy.",
        "Wir verwenden Cookies, um unsere Website für Sie zu verbessern. Akzeptieren",
        "Accept all cookies",
    ),
    "share": ("Share", "Share on Facebook", "Tweet", "Teilen", "Partager"),
    "related": ("Read also", "Related articles", "Lesen Sie auch", "Читайте также"),
    "comments": ("12 Comments", "Reply", "Kommentare (3)", "Leave a comment"),
    "newsletter": ("Subscribe to our newsletter", "Sign up now!", "Newsletter abonnieren"),
    "footer": (
        "© 2024 City Herald. All rights reserved.",
        "Privacy Policy | Terms of Use | Imprint",
        "Impressum",
    ),
    "ad": ("Advertisement", "Anzeige", "- Advertisement -", "Sponsored"),
}
RELATED_LINKS: tuple[str, ...] = (
    "Ten things to do in town this weekend",
    "Council approves new cycle lanes",
    "Weather: storms expected on Friday",
)
COMMENT_LINES: tuple[str, ...] = (
    "mike_77 · 2 hours ago",
    "Great article, thanks for writing it!",
    "I disagree, the library was never that busy anyway.",
)

# Characters that stress decoding and sanitising: controls, zero-width and bidi
# marks, combining marks, noncharacters, emoji, a lone surrogate (str input only).
NOISE_CHARS = (
    "\x00",
    "\x01",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u202e",
    "\u2066",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\u0301",
    "\u0489",
    "\U0001f600",
    "\U0001f1e9\U0001f1ea",
    "\ud800",
    "\udfff",
    "\t",
    "\r",
)
LEGACY_ENCODINGS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "iso8859-2",
    "koi8-r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp874",
    "cp932",
    "euc_jp",
    "gb18030",
    "big5",
    "cp949",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "utf-8-sig",
)

# --------------------------------------------------------------------------- page model


@dataclass(frozen=True)
class Part:
    """One line of a page: its text and its role ("content", "title", or a boilerplate kind)."""

    text: str
    role: str


@st.composite
def paragraphs(draw: st.DrawFn, lang: str | None = None) -> str:
    """A paragraph of one to four sentences of one language."""
    lang = lang or draw(st.sampled_from(sorted(SENTENCES)))
    pool = SENTENCES[lang]
    count = draw(st.integers(1, 4))
    sep = "" if lang in {"zh", "ja", "th"} else " "
    return sep.join(draw(st.sampled_from(pool)) for _ in range(count))


def _boilerplate(kinds: tuple[str, ...] = tuple(BOILERPLATE)) -> st.SearchStrategy[Part]:
    return st.sampled_from(kinds).flatmap(
        lambda kind: st.sampled_from(BOILERPLATE[kind]).map(lambda text: Part(text, kind))
    )


@st.composite
def page_parts(draw: st.DrawFn) -> list[Part]:
    """The lines of a realistic page, in reading order, with their roles."""
    lang = draw(st.sampled_from(sorted(SENTENCES)))
    parts: list[Part] = []
    parts += draw(st.lists(_boilerplate(("navigation", "cookie_notice", "ad")), max_size=5))
    if draw(st.booleans()):
        parts.append(Part(draw(st.sampled_from(CATEGORIES)), "category"))
    if draw(st.booleans()):
        parts.append(Part(draw(st.sampled_from(TITLES)), "title"))
    if draw(st.booleans()):
        parts.append(Part(draw(st.sampled_from(BYLINES)), "byline"))
    if draw(st.booleans()):
        parts.append(Part(draw(st.sampled_from(CAPTIONS)), "caption"))
    for _ in range(draw(st.integers(0, 6))):
        roll = draw(st.integers(0, 9))
        if roll == 0:
            parts.append(Part(draw(st.sampled_from(HEADINGS)), "heading"))
        elif roll == 1:
            parts.append(draw(_boilerplate(("share", "ad"))))
        else:
            parts.append(Part(draw(paragraphs(lang)), "content"))
    if draw(st.booleans()):
        parts.append(draw(_boilerplate(("related",))))
        parts += [
            Part(t, "related") for t in draw(st.lists(st.sampled_from(RELATED_LINKS), max_size=3))
        ]
    if draw(st.booleans()):
        parts.append(draw(_boilerplate(("comments",))))
        parts += [
            Part(t, "comments") for t in draw(st.lists(st.sampled_from(COMMENT_LINES), max_size=4))
        ]
    parts += draw(st.lists(_boilerplate(("newsletter", "footer", "share")), max_size=4))
    return parts


def _noisy(draw: st.DrawFn, text: str, *, allow_surrogates: bool) -> str:
    """Sprinkle noise characters into ``text`` now and then."""
    if draw(st.integers(0, 4)) != 0:
        return text
    chars = [c for c in NOISE_CHARS if allow_surrogates or not 0xD800 <= ord(c[0]) <= 0xDFFF]
    noise = draw(st.lists(st.sampled_from(chars), min_size=1, max_size=3))
    at = draw(st.integers(0, len(text)))
    return text[:at] + "".join(noise) + text[at:]


@st.composite
def text_pages(draw: st.DrawFn, *, noise: bool = True, allow_surrogates: bool = True) -> str:
    """A page as a text dump: lines joined with newlines, blank lines or CRLF, maybe noisy."""
    parts = draw(page_parts())
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    blank = draw(st.sampled_from(["", newline]))
    lines = []
    for part in parts:
        line = part.text
        if draw(st.integers(0, 5)) == 0:
            line = (
                draw(st.sampled_from([" ", "\t", "  "]))
                + line
                + draw(st.sampled_from(["", " ", "\t"]))
            )
        if noise:
            line = _noisy(draw, line, allow_surrogates=allow_surrogates)
        lines.append(line)
        if blank and draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(["", "   ", "\t"])))
    return (newline + blank).join(lines)


_BOILERPLATE_TAGS = {
    "navigation": ("nav", 'class="menu"'),
    "cookie_notice": ("div", 'id="cookie-banner"'),
    "share": ("div", 'class="share-buttons"'),
    "related": ("aside", 'class="related"'),
    "comments": ("section", 'id="comments"'),
    "newsletter": ("div", 'class="newsletter"'),
    "footer": ("footer", 'class="site-footer"'),
    "ad": ("div", 'class="ad-slot"'),
}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _render_html(draw: st.DrawFn, parts: list[Part]) -> str:
    body: list[str] = []
    for part in parts:
        text = _escape(part.text)
        if part.role == "title":
            body.append(f"<h1>{text}</h1>")
        elif part.role == "heading":
            body.append(f"<h2>{text}</h2>")
        elif part.role == "content":
            body.append(f"<p>{text}</p>")
        elif part.role == "caption":
            body.append(f"<figure><img src='a.jpg' alt=''><figcaption>{text}</figcaption></figure>")
        elif part.role in {"category", "byline"}:
            body.append(f"<span class='{part.role}'>{text}</span>")
        else:
            tag, attrs = _BOILERPLATE_TAGS[part.role]
            body.append(f"<{tag} {attrs}><a href='/x'>{text}</a></{tag}>")
    title = next((p.text for p in parts if p.role == "title"), "Untitled")
    lang = draw(st.sampled_from(["en", "de", "ru", "zh", ""]))
    head = f"<head><meta charset='utf-8'><title>{_escape(title)}</title></head>"
    return (
        f"<!DOCTYPE html><html lang='{lang}'>{head}<body><main>{''.join(body)}</main></body></html>"
    )


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A realistic page as well-formed HTML with boilerplate containers."""
    return _render_html(draw, draw(page_parts()))


_SOUP_TOKENS = (
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<span class='x'>",
    "</span>",
    "<a href='#'>",
    "</a>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<td>",
    "<li>",
    "<ul>",
    "</ul>",
    "<br>",
    "<br/>",
    "<h2>",
    "</h2>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html>",
    "<html>",
    "<body>",
    "</body>",
    "<noscript>",
    "<template>",
    "<svg><foreignObject>",
    "<math>",
    "<textarea>",
    "<title>",
    "<select><option>",
    "<iframe>",
    '<p class="',
    '" id=',
    "<img src=x onerror=alert(1)>",
    "&amp;",
    "&lt;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&nbsp;",
    "&notin",
    "&",
    "<",
    ">",
    "</",
    "<?xml version='1.0'?>",
    "<?php ?>",
    "\x00",
    "\ufeff",
    "\u202e",
    "<p hidden>",
    "<div style='display:none'>",
    "<nav>",
    "<footer>",
    "<aside class='related'>",
    "<div id='comments'>",
)


@st.composite
def malformed_html(draw: st.DrawFn) -> str:
    """Tag soup: realistic content interleaved with unbalanced, truncated and odd markup."""
    tokens = draw(
        st.lists(
            st.one_of(
                st.sampled_from(_SOUP_TOKENS),
                paragraphs(),
                st.sampled_from(RELATED_LINKS),
                st.text(max_size=20),
            ),
            max_size=60,
        )
    )
    page = "".join(tokens)
    if draw(st.booleans()):
        page = "<html><body>" + page
    if page and draw(st.booleans()):
        page = page[: draw(st.integers(0, len(page)))]  # truncated mid-token
    return page


@st.composite
def deep_html(draw: st.DrawFn) -> str:
    """Deeply nested markup (up to tens of thousands of levels), closed or not."""
    depth = draw(st.sampled_from([10, 255, 256, 257, 1000, 5000, 20_000]))
    tag = draw(st.sampled_from(["div", "span", "b", "table", "ul", "p", "li", "font", "a"]))
    closed = draw(st.booleans())
    inner = f"<p>{draw(paragraphs())}</p>"
    opening = f"<{tag}>" * depth
    closing = f"</{tag}>" * depth if closed else ""
    tail = f"<p>{draw(paragraphs())}</p>" if draw(st.booleans()) else ""
    return f"<html><body>{opening}{inner}{closing}{tail}</body></html>"


@st.composite
def encoded_pages(draw: st.DrawFn) -> bytes:
    """A text or HTML page in a legacy (or UTF-16/32) charset, unencodable parts replaced."""
    page = draw(st.one_of(text_pages(noise=False), html_pages()))
    encoding = draw(st.sampled_from(LEGACY_ENCODINGS))
    return page.encode(encoding, errors="replace")


# Random inputs: any bytes, any str (lone surrogates and every control included).
random_bytes = st.binary(max_size=4096)
random_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=2000)

# Every input kind the properties run on, by name (used as test ids).
TEXT_INPUTS: dict[str, st.SearchStrategy[str | bytes]] = {
    "text-page": text_pages(),
    "text-page-bytes": text_pages(allow_surrogates=False).map(lambda s: s.encode("utf-8")),
    "random-text": random_text,
}
HTML_INPUTS: dict[str, st.SearchStrategy[str | bytes]] = {
    "html-page": html_pages(),
    "html-page-bytes": html_pages().map(lambda s: s.encode("utf-8")),
    "malformed-html": malformed_html(),
    "deep-html": deep_html(),
}
OTHER_INPUTS: dict[str, st.SearchStrategy[str | bytes]] = {
    "random-bytes": random_bytes,
    "encoded-page": encoded_pages(),
}
ALL_INPUTS: dict[str, st.SearchStrategy[str | bytes]] = {
    **TEXT_INPUTS,
    **HTML_INPUTS,
    **OTHER_INPUTS,
}

# --------------------------------------------------------------------------- the contract

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def document_strings(doc: Document) -> list[str]:
    """Every string a Document exposes, its JSON form included."""
    out = [doc.to_json(), doc.to_markdown(), doc.text]
    out += [
        s for s in (doc.title, doc.category, doc.author, doc.date, doc.language, doc.encoding) if s
    ]
    return out


def check_contract(
    source: str | bytes, clean: Callable[[str | bytes], Document] = cleanread.clean
) -> Document:
    """Clean ``source`` and assert the properties every Document has; return it.

    Deterministic (a second run gives an equal Document and identical JSON),
    ``from_dict(to_dict())`` round-trips, no NUL or lone surrogate anywhere in
    the output, and ``to_json()`` is valid JSON that encodes as UTF-8.
    """
    doc = clean(source)
    assert isinstance(doc, Document)
    again = clean(source)
    assert again == doc, "clean() is not deterministic"
    assert again.to_json() == doc.to_json()
    assert Document.from_dict(doc.to_dict()) == doc, "Document does not round-trip"
    for text in document_strings(doc):
        assert "\x00" not in text, "output holds a NUL"
        assert _LONE_SURROGATE.search(text) is None, "output holds a lone surrogate"
    encoded = doc.to_json().encode("utf-8")  # raises on a lone surrogate
    assert json.loads(encoded.decode("utf-8")) == json.loads(doc.to_json())
    return doc


# --------------------------------------------------------------------------- line accounting


def labelled_text_blocks(
    source: str | bytes, options: cleanread.Options | None = None
) -> tuple[LabelledBlock, ...]:
    """Run the text pipeline up to the classifier, exactly as :func:`cleanread.clean` does."""
    opts = options or cleanread.Options()
    src = read_source(source, max_bytes=opts.max_input_bytes, source_type="text")
    language = opts.language or detect_language(_language_sample(src.text))
    stoplist = stopwords(language)
    blocks = segment_text(src.text, stoplist)
    return classify(
        blocks,
        language,
        opts,
        has_stoplist=bool(stoplist),
        template_hits=template_hits(blocks, opts),
    )


def input_lines(text: str) -> dict[int, str]:
    """Non-blank lines of a decoded text input, whitespace-collapsed, by 1-based number."""
    lines = {}
    for number, raw in enumerate(split_lines(text), start=1):
        line = collapse(raw)
        if line:
            lines[number] = line
    return lines


def kept_texts(doc: Document) -> Counter[str]:
    """Every kept line of a Document as a multiset: title, category, headings, paragraphs,
    captions, credit lines and comments."""
    kept: Counter[str] = Counter()
    for text in (doc.title, doc.category):
        if text:
            kept[text] += 1
    for section in doc.sections:
        if section.heading:
            kept[section.heading] += 1
        kept.update(section.paragraphs)
    for image in doc.images:
        if image.credit_line:
            kept[image.credit_line] += 1
        # A caption found inside its credit line ("Caption. Photo: X") is part of that
        # line, not a line of its own.
        if image.caption and not (image.credit_line and image.caption in image.credit_line):
            kept[image.caption] += 1
    kept.update(doc.comments)
    return kept


# Labels whose line is kept in the Document as a field's text.
KEPT_AS_TEXT = frozenset(
    {
        Label.TITLE,
        Label.CATEGORY,
        Label.HEADING,
        Label.PARAGRAPH,
        Label.CAPTION,
        Label.CREDIT,
        Label.COMMENT,
    }
)
# Labels whose line becomes parsed metadata (author, date), not kept verbatim.
KEPT_AS_METADATA = frozenset({Label.BYLINE})
