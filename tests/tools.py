"""Programs some tests need from the machine (Chromium, redis-server, nginx): where one is missing, the
test is skipped, saying how to install it, except under CI (CI or REQUIRE_BROWSER=1 set), where a
missing program is a failure: CI must never count a skipped test as a pass."""

from __future__ import annotations

import os

import pytest


def tools_required() -> bool:
    """True under CI: every program the tests need must be there."""
    flags = (os.environ.get("CI", ""), os.environ.get("REQUIRE_BROWSER", ""))
    return any(flag.strip().lower() in {"1", "true", "yes"} for flag in flags)


def missing_tool(message: str) -> None:
    """Skip the test for a missing program, or fail it under CI; never returns."""
    if tools_required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)
