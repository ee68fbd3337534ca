"""The one immutable configuration object, :class:`Options`.

Options are validated when they are built, so a bad value fails at the call
site instead of deep inside the pipeline. ``favor`` is the single knob that
shifts every threshold of the classifier together.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from cleanread.blocks import Kind
from cleanread.errors import OptionsError

__all__ = ["DEFAULT_MAX_INPUT_BYTES", "FAVOR_SHIFT", "Favor", "Options", "SiteProfileLike"]

Favor = Literal["balanced", "precision", "recall"]


class SiteProfileLike(Protocol):
    """What the pipeline needs of a site profile (see :mod:`cleanread.sites`)."""

    def template_kind(self, url: str | None, text: str) -> tuple[Kind, str] | None:
        """Kind and reason if ``text`` is a template line of ``url``'s site, else None."""


# 8 MiB of input covers practically every real article page; larger inputs are
# truncated at a block boundary and the Document says so (``truncated``).
DEFAULT_MAX_INPUT_BYTES = 8 * 1024 * 1024

# How far ``favor`` moves the keep/remove decision threshold of the line
# scorer. Positive values demand more evidence before a line is kept.
FAVOR_SHIFT: dict[str, float] = {"balanced": 0.0, "precision": 0.12, "recall": -0.12}

_LANGUAGE_HINT_MAX = 3  # ISO 639-1 codes have two letters; accept "und"-style three.


@dataclass(frozen=True, slots=True)
class Options:
    """How :func:`cleanread.clean` behaves.

    >>> Options(favor="precision").favor
    'precision'
    >>> Options().replace(include_comments=True).include_comments
    True
    >>> Options(favor="fast")
    Traceback (most recent call last):
    ...
    cleanread.errors.OptionsError: favor must be one of 'balanced', 'precision', 'recall'; ...
    """

    #: Keep reader comments in ``Document.comments`` instead of only removing them.
    include_comments: bool = False
    #: "balanced", "precision" (drop doubtful lines) or "recall" (keep them).
    favor: Favor = "balanced"
    #: ISO 639-1 code that skips language detection, e.g. ``"de"``.
    language: str | None = None
    #: Inputs larger than this are truncated at a block boundary (``truncated: true``).
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    #: Treat the source as "text" or "html"; ``None`` sniffs it.
    source_type: Literal["text", "html"] | None = None
    #: Keep image captions and credits in ``Document.images``.
    include_images: bool = True
    #: Page URL, if known; used for site templates and as metadata.
    url: str | None = None
    #: Site templates learned from a batch (:class:`cleanread.sites.SiteProfile`);
    #: lines recurring on many pages of the page's site (from ``url``) are removed.
    site_profile: SiteProfileLike | None = None

    def __post_init__(self) -> None:
        """Validate every field; raise :class:`OptionsError` on a bad one."""
        if self.favor not in FAVOR_SHIFT:
            allowed = ", ".join(repr(k) for k in FAVOR_SHIFT)
            msg = f"favor must be one of {allowed}; got {self.favor!r}"
            raise OptionsError(msg)
        if not isinstance(self.include_comments, bool):
            raise OptionsError("include_comments must be a bool")
        if not isinstance(self.include_images, bool):
            raise OptionsError("include_images must be a bool")
        if self.language is not None and (
            not isinstance(self.language, str)
            or not self.language.isalpha()
            or not 2 <= len(self.language) <= _LANGUAGE_HINT_MAX
        ):
            msg = f"language must be an ISO 639-1 code such as 'de' or None; got {self.language!r}"
            raise OptionsError(msg)
        if (
            isinstance(self.max_input_bytes, bool)
            or not isinstance(self.max_input_bytes, int)
            or self.max_input_bytes <= 0
        ):
            msg = f"max_input_bytes must be a positive int; got {self.max_input_bytes!r}"
            raise OptionsError(msg)
        if self.source_type not in (None, "text", "html"):
            msg = f"source_type must be 'text', 'html' or None; got {self.source_type!r}"
            raise OptionsError(msg)
        if self.url is not None and not isinstance(self.url, str):
            raise OptionsError("url must be a str or None")

    def replace(self, **overrides: Any) -> Options:
        """Return a copy with some fields changed (validated again).

        Unknown field names raise :class:`OptionsError`.
        """
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(overrides) - names)
        if unknown:
            msg = (
                f"unknown option(s) {', '.join(unknown)}; valid options: {', '.join(sorted(names))}"
            )
            raise OptionsError(msg)
        if self.language is None and "language" in overrides and overrides["language"] == "":
            overrides["language"] = None
        return dataclasses.replace(self, **overrides)

    @property
    def threshold_shift(self) -> float:
        """The shift ``favor`` applies to the keep threshold."""
        return FAVOR_SHIFT[self.favor]
