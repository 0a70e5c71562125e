"""The OEWS sample cut from the real May 2025 release (made by ``make wages-fixture``): occupations
15-1232, 29-1215 and 27-2042 at the nation, Texas, California, Austin, Albany OR, Aguadilla PR and
Albany NY, with every occupation title."""

from __future__ import annotations

import shutil
from pathlib import Path

SAMPLE = Path(__file__).parent / "data" / "oews-sample"


def copy_sample(target: Path) -> Path:
    """A writable copy of the sample, to break."""
    shutil.copytree(SAMPLE, target)
    return target
