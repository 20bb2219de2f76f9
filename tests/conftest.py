"""Shared fixtures. The optimizer table itself lives in ``cases.py`` (importable because
pytest puts this directory on ``sys.path``), so the golden-file script can use it too."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    """A fresh, fixed-seed generator per test: tests never depend on each other's draws."""
    return np.random.default_rng(12345)
