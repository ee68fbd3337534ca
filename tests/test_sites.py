# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Site templates: counting, thresholds, kinds and reasons, persistence, merging, memory bounds."""

from __future__ import annotations

import math
import pickle

import pytest

from cleanread import Kind, Options, clean
from cleanread.sites import (
    MIN_LINE_PAGES,
    MIN_LINE_SHARE,
    MIN_SITE_PAGES,
    SiteProfile,
    SiteProfileBuilder,
    site_of,
)

BODY = "This is the story of {n}, told in a real article body, with a sentence of its own."
WORDS = (
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliett",
)


def _page(i: int) -> str:
    n = WORDS[i]
    return "\n\n".join(
        [
            "Home | World | Sports | Culture",
            f"Headline number {n} for this page",
            BODY.format(n=n),
            f"A second paragraph for page {n}, with more words that belong only to it.",
            "Our special offer for members",
            f"More unique closing text for page {n}, long enough to be a paragraph of its own.",
            "© 2024 Example Media. All rights reserved.",
        ]
    )


def _profile(pages: int, site: str = "https://www.example.com/") -> SiteProfile:
    return SiteProfile.from_records((f"{site}{n}", _page(n)) for n in range(pages))


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.com/a", "example.com"),
        ("http://news.bbc.co.uk/x", "bbc.co.uk"),
        ("https://abc.net.au", "abc.net.au"),
        ("https://wien.orf.at/stories/1", "orf.at"),
        ("http://10.0.0.1:8080/", "10.0.0.1"),
        ("", None),
        ("localhost", None),
    ],
    ids=["www", "co.uk", "net.au", "subdomain", "ip", "empty", "no-dot"],
)
def test_site_of(url, site):
    assert site_of(url) == site


def test_small_sites_are_left_alone():
    profile = _profile(MIN_SITE_PAGES - 1)
    assert profile.template_lines("example.com") == 0
    assert profile.template_kind("https://example.com/9", "Home | World | Sports | Culture") is None


def test_recurring_lines_get_kind_by_position_and_a_reason():
    profile = _profile(8)
    nav = profile.template_kind("https://example.com/99", "Home | World | Sports | Culture")
    assert nav == (Kind.NAVIGATION, "on 8 of 8 pages of example.com")
    assert (
        profile.template_kind("https://example.com/99", "Our special offer for members")[0]
        is Kind.TEMPLATE
    )
    footer = profile.template_kind(
        "https://example.com/99", "© 2025 Example Media. All rights reserved."
    )
    assert footer is not None
    assert footer[0] is Kind.FOOTER  # digits are normalised: another year is the same line
    assert profile.template_kind("https://example.com/99", BODY.format(n=WORDS[3])) is None
    assert profile.template_kind("https://other.org/1", "Home | World | Sports | Culture") is None


def test_clean_removes_template_lines_with_the_profile_reason():
    profile = _profile(8)
    doc = clean(_page(3), Options(site_profile=profile, url="https://example.com/3"))
    reasons = {r.text: (r.kind, r.reason) for r in doc.removed}
    # the page's rules removed the menu already: it keeps its kind and gains the site evidence
    kind, reason = reasons["Home | World | Sports | Culture"]
    assert kind is Kind.NAVIGATION
    assert reason.endswith("on 8 of 8 pages of example.com")
    # the rules kept the offer line; the profile removes it, by its position on the page
    assert "Our special offer for members" in clean(_page(3)).text
    assert reasons["Our special offer for members"] == (
        Kind.TEMPLATE,
        "on 8 of 8 pages of example.com",
    )
    assert BODY.format(n=WORDS[3]) in doc.text


def test_profile_only_removes_template_lines():
    """Every other line gets the label it gets without a profile: neighbours are not disturbed."""
    profile = _profile(8)
    for i in range(8):
        url = f"https://example.com/{i}"
        plain = clean(_page(i)).to_dict()
        with_site = clean(_page(i), Options(site_profile=profile, url=url)).to_dict()
        plain_removed = {r["text"]: r["kind"] for r in plain["removed"]}
        site_removed = {r["text"]: r["kind"] for r in with_site["removed"]}
        assert plain_removed.items() <= site_removed.items()
        for text in set(site_removed) - set(plain_removed):
            assert profile.template_kind(url, text) is not None
        assert with_site["title"] == plain["title"]
        assert [line for line in plain["text"].split("\n\n") if line not in site_removed] == (
            with_site["text"].split("\n\n")
        )


def test_min_line_share_and_min_line_pages():
    """A line on MIN_LINE_SHARE of a site's pages (and on MIN_LINE_PAGES of them) is template."""
    pages = 15
    need = max(MIN_LINE_PAGES, math.ceil(MIN_LINE_SHARE * pages))
    box = "Follow us for more stories like this one"

    def page(i: int, with_box: bool) -> str:
        extra = [box] if with_box else []
        return _page(i % len(WORDS)) + "\n\n" + "\n\n".join(extra)

    at = SiteProfile.from_records(
        (f"https://example.com/{i}", page(i, i < need)) for i in range(pages)
    )
    below = SiteProfile.from_records(
        (f"https://example.com/{i}", page(i, i < need - 1)) for i in range(pages)
    )
    assert at.template_kind("https://example.com/x", box) is not None
    assert below.template_kind("https://example.com/x", box) is None


def test_save_load_pickle_and_hash(tmp_path):
    profile = _profile(6)
    path = tmp_path / "profile.json"
    profile.save(path)
    loaded = SiteProfile.load(path)
    assert loaded == profile
    assert hash(loaded) == hash(profile)
    assert pickle.loads(pickle.dumps(profile)) == profile  # noqa: S301 - our own bytes
    assert hash(Options(site_profile=profile)) == hash(Options(site_profile=loaded))


def test_merge_equals_counting_everything_at_once():
    left = SiteProfile.from_records((f"https://example.com/{n}", _page(n)) for n in range(3))
    right = SiteProfile.from_records((f"https://example.com/{n}", _page(n)) for n in range(3, 7))
    assert left.template_lines("example.com") == 0
    assert left.merge(right) == _profile(7)


def test_compact_keeps_decisions():
    profile = _profile(6)
    small = profile.compact()
    for line in [
        "Home | World | Sports | Culture",
        BODY.format(n=WORDS[1]),
        "Our special offer for members",
    ]:
        assert small.template_kind("https://example.com/1", line) == profile.template_kind(
            "https://example.com/1", line
        )


def test_memory_is_bounded_by_pruning_rare_lines():
    builder = SiteProfileBuilder(max_lines_per_site=20)
    for n in range(10):
        builder.add_page(f"https://example.com/{n}", _page(n))
    profile = builder.build()
    assert len(profile.counts["example.com"].lines) <= 20
    assert (
        profile.template_kind("https://example.com/1", "Home | World | Sports | Culture")
        is not None
    )


def test_from_pages_without_urls():
    profile = SiteProfile.from_pages([_page(n) for n in range(6)])
    assert profile.template_kind(None, "Home | World | Sports | Culture") is not None


def test_bad_profile_dict_is_refused():
    with pytest.raises(ValueError, match="site profile"):
        SiteProfile.from_dict({"format": "other"})
