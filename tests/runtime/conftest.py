"""Helpers for driving workers without Qt: the runtime is tested as a script would use it."""
from __future__ import annotations

import time

import pytest


def wait_until(condition, timeout: float = 10_000) -> None:
    """Poll ``condition`` every 10 ms until it holds; fail after ``timeout`` milliseconds."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} ms waiting for {condition}")
        time.sleep(0.01)


def wait(milliseconds: float) -> None:
    time.sleep(milliseconds / 1000)
