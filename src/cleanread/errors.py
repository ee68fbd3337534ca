"""Typed errors raised by cleanread's public API."""

from __future__ import annotations

__all__ = ["CleanreadError", "InputError", "OptionsError"]


class CleanreadError(Exception):
    """Base class of every error cleanread raises on purpose."""


class InputError(CleanreadError, TypeError):
    """The source passed to :func:`cleanread.clean` is not a page.

    Raised for wrong types only (``None``, numbers, file objects...). Empty or
    garbage text is *not* an error: it gives an empty :class:`Document`.
    """


class OptionsError(CleanreadError, ValueError):
    """An :class:`Options` field has a value outside its documented range."""
