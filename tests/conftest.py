# Copyright 2026 cleanread developers. Licensed under the Apache License 2.0.
"""Hypothesis profiles for the whole suite, chosen by ``HYPOTHESIS_PROFILE``.

- ``ci`` (the default): few examples, derandomized, no deadline, so CI is fast
  and never flaky on a loaded machine.
- ``deep``: at least 10,000 examples per property, run before releases::

      HYPOTHESIS_PROFILE=deep python -m pytest tests/test_properties.py

- ``dev``: a middle ground with random seeds, for local bug hunting.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Examples per property in CI: enough to exercise every strategy branch.
CI_EXAMPLES = 40
# Examples per property before a release (issue 5 asks for at least 10,000).
DEEP_EXAMPLES = 10_000
# Examples per property for local runs.
DEV_EXAMPLES = 300

# Generated pages are large by design (deep nesting, long pages).
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]

settings.register_profile(
    "ci",
    max_examples=CI_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.register_profile(
    "deep",
    max_examples=DEEP_EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.register_profile(
    "dev",
    max_examples=DEV_EXAMPLES,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_DATA,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config: object) -> None:
    """Ignore one third-party deprecation raised while Hypothesis reports a failure.

    Hypothesis' reporting imports ``mypy_extensions.TypedDict`` on some set-ups;
    under ``filterwarnings = error`` that would turn a readable failure into an
    INTERNALERROR.
    """
    config.addinivalue_line(  # type: ignore[attr-defined]
        "filterwarnings", "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
    )
