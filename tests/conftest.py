from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def pipeline():
    from eventwire import load_pipeline

    return load_pipeline(n_process=1)


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
