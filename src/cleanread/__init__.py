"""cleanread: turn raw scraped web pages into clean, structured, explained documents.

>>> import cleanread
>>> cleanread.clean("").is_empty
True
"""

from __future__ import annotations

from cleanread.__about__ import __version__
from cleanread.batch import clean_many
from cleanread.blocks import Kind, Label
from cleanread.core import clean
from cleanread.document import SCHEMA_VERSION, Document, Image, Removed, Section
from cleanread.errors import CleanreadError, InputError, OptionsError
from cleanread.options import Options
from cleanread.sites import SiteProfile

__all__ = [
    "SCHEMA_VERSION",
    "CleanreadError",
    "Document",
    "Image",
    "InputError",
    "Kind",
    "Label",
    "Options",
    "OptionsError",
    "Removed",
    "Section",
    "SiteProfile",
    "__version__",
    "clean",
    "clean_many",
]
