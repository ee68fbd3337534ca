"""Benchmark harness for cleanread.

Run ``python -m bench DATASET_DIR`` to score cleanread and a set of anchor
extractors (keep-everything, C4 and Gopher-style line filters, jusText,
trafilatura, readability, resiliparse) on benchmark sets laid out as
``pages/``, ``text/``, ``truth/`` and ``index.json``.  See
``docs/benchmarks.md`` for the metric and how to run it.
"""
