# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""cleanread.dask on a real dask.distributed LocalCluster with two worker processes."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from cleanread.batch import clean_many  # noqa: E402
from cleanread.dask import build_site_profile, clean_bag, clean_dataframe  # noqa: E402
from cleanread.sites import SiteProfile  # noqa: E402

WORDS = ("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel")


def _records() -> list[object]:
    records: list[object] = [
        {
            "id": f"r{i}",
            "url": f"https://example.com/{word}",
            "text": f"Home | News | Sport\n\nThe {word} story\n\n"
            f"This is the {word} article, a real paragraph "
            f"of text about {word} and nothing else.\n\n© Example Media",
        }
        for i, word in enumerate(WORDS)
    ]
    records.append({"id": "bad", "text": 12})
    return records


@pytest.fixture(scope="module")
def client():
    import dask.bag  # noqa: F401 - registers the bag collection

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_clean_bag_equals_clean_many(client):
    import dask.bag as db

    records = _records()
    bag = db.from_sequence(records, npartitions=3)
    assert clean_bag(bag).compute() == list(clean_many(records))
    assert len(client.scheduler_info()["workers"]) == 2


def test_clean_dataframe_equals_clean_many(client):
    import dask.dataframe as dd
    import pandas as pd

    records = [r for r in _records() if isinstance(r["text"], str)]
    frame = pd.DataFrame(records)
    result = clean_dataframe(
        dd.from_pandas(frame, npartitions=2), "text", id_column="id", url_column="url"
    ).compute()
    expected = list(clean_many(records))
    assert result["id"].tolist() == [r["id"] for r in expected]
    assert [json.loads(doc) for doc in result["document"]] == expected


def test_site_profile_by_reduction_equals_local_count(client):
    import dask.bag as db

    records = [r for r in _records() if isinstance(r["text"], str)]
    profile = build_site_profile(db.from_sequence(records, npartitions=4))
    assert profile == SiteProfile.from_records((r["url"], r["text"]) for r in records)
    assert profile.template_lines("example.com") > 0
