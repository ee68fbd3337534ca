# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Cleaning on Dask, for corpora larger than one machine (extra ``cleanread[dask]``).

The same functions run on the local scheduler and on a ``dask.distributed``
cluster: connect a ``Client`` first (``Client("tcp://scheduler:8786")``) and
every ``.compute()`` runs there.

- :func:`clean_bag` maps :func:`cleanread.batch.clean_many` over the partitions
  of a bag of records (str, bytes or mappings); give records an ``id``, since
  a record without one gets its position *within its partition*.
- :func:`clean_dataframe` cleans a text column of a dask DataFrame into a
  DataFrame of flat columns plus the whole Document as JSON.
- :func:`build_site_profile` counts site templates with a Dask reduction:
  each partition is counted into a :class:`~cleanread.sites.SiteProfile`, and
  the profiles are merged.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from cleanread.batch import Fields, clean_many
from cleanread.options import Options
from cleanread.sites import SiteProfile, SiteProfileBuilder

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["FRAME_COLUMNS", "build_site_profile", "clean_bag", "clean_dataframe"]

# Columns of the DataFrame that :func:`clean_dataframe` returns.
FRAME_COLUMNS = ("id", "url", "title", "language", "text", "error", "document")
# How many partitions are merged at once in the site-profile reduction tree.
PROFILE_SPLIT_EVERY = 8


def _require_dask() -> Any:
    try:
        import dask.bag
    except ImportError as exc:
        raise ImportError("cleanread.dask needs dask: pip install 'cleanread[dask]'") from exc
    return dask.bag


def _clean_partition(
    records: Iterable[object], options: Options | None, fields: Fields | None
) -> list[dict[str, Any]]:
    return list(clean_many(records, options, workers=0, fields=fields, timeout=None))


def clean_bag(bag: Any, options: Options | None = None, *, fields: Fields | None = None) -> Any:
    """A bag of result dicts, one per record of ``bag``, in order (lazy).

    >>> import dask.bag as db
    >>> bag = db.from_sequence([{"id": 1, "text": "A page."}, {"id": 2, "text": 7}], npartitions=2)
    >>> [r.get("error", {}).get("type") for r in clean_bag(bag).compute(scheduler="sync")]
    [None, 'InputError']
    """
    _require_dask()
    return bag.map_partitions(functools.partial(_clean_partition, options=options, fields=fields))


def _frame_row(result: Mapping[str, Any]) -> dict[str, Any]:
    error = result.get("error")
    return {
        "id": result.get("id"),
        "url": result.get("url"),
        "title": None if error else result.get("title"),
        "language": None if error else result.get("language"),
        "text": None if error else result.get("text"),
        "error": json.dumps(error, ensure_ascii=False) if error else None,
        "document": None if error else json.dumps(result, ensure_ascii=False),
    }


def _empty_frame() -> Any:
    import pandas as pd

    return pd.DataFrame({name: pd.Series([], dtype=object) for name in FRAME_COLUMNS})


def _clean_frame(
    frame: Any,
    text_column: str,
    id_column: str | None,
    url_column: str | None,
    options: Options | None,
) -> Any:
    import pandas as pd

    ids = frame[id_column].tolist() if id_column else frame.index.tolist()
    urls = frame[url_column].tolist() if url_column else [None] * len(frame)
    records = [
        {"id": rid, "url": url if isinstance(url, str) else None, "text": text}
        for rid, url, text in zip(ids, urls, frame[text_column].tolist(), strict=True)
    ]
    rows = [_frame_row(r) for r in clean_many(records, options, workers=0, timeout=None)]
    if not rows:
        return _empty_frame().set_axis(frame.index[:0])
    out = pd.DataFrame(
        {name: pd.Series([row[name] for row in rows], dtype=object) for name in FRAME_COLUMNS}
    )
    return out.set_axis(frame.index)


def clean_dataframe(
    ddf: Any,
    text_column: str,
    id_column: str | None = None,
    url_column: str | None = None,
    options: Options | None = None,
) -> Any:
    """Clean ``ddf[text_column]``; a dask DataFrame with :data:`FRAME_COLUMNS` (lazy).

    Ids come from ``id_column``, else from the index. ``document`` holds the
    whole result as JSON; ``error`` the error as JSON for records that failed.

    >>> import pandas as pd, dask.dataframe as dd
    >>> ddf = dd.from_pandas(pd.DataFrame({"body": ["A page.", ""]}), npartitions=1)
    >>> clean_dataframe(ddf, "body").compute(scheduler="sync")["id"].tolist()
    [0, 1]
    """
    _require_dask()
    if text_column not in ddf.columns:
        raise KeyError(f"no column {text_column!r}; columns are {list(ddf.columns)}")
    return ddf.map_partitions(
        _clean_frame, text_column, id_column, url_column, options, meta=_empty_frame()
    )


def _count_partition(records: Iterable[Any], url_key: str, text_key: str) -> SiteProfile:
    builder = SiteProfileBuilder()
    for record in records:
        if isinstance(record, tuple):
            url, source = record
        else:
            url, source = record.get(url_key), record.get(text_key)
        if isinstance(source, (str, bytes)) and isinstance(url, str):
            builder.add_page(url, source)
    return builder.build()


def _merge_profiles(profiles: Iterable[SiteProfile]) -> SiteProfile:
    builder = SiteProfileBuilder()
    for profile in profiles:
        builder.merge(profile)
    return builder.build()


def build_site_profile(
    bag: Any, *, url_key: str = "url", text_key: str = "text", compute: bool = True
) -> Any:
    r"""Count site templates over a bag of records (mappings, or ``(url, source)`` tuples).

    Returns the :class:`~cleanread.sites.SiteProfile`, or the lazy Dask item
    when ``compute=False``. Pass ``profile.compact()`` to workers for cleaning.

    >>> import dask.bag as db
    >>> pages = [{"url": f"https://a.example/{n}", "text": f"Menu\nStory {n}."} for n in range(6)]
    >>> build_site_profile(db.from_sequence(pages, npartitions=3)).pages("a.example")
    6
    """
    _require_dask()
    item = bag.reduction(
        functools.partial(_count_partition, url_key=url_key, text_key=text_key),
        _merge_profiles,
        split_every=PROFILE_SPLIT_EVERY,
    )
    return item.compute() if compute else item
