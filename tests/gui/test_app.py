"""Starting the window: what happens where no window can open."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from rnnviz.gui.app import display_problem


@pytest.mark.parametrize("env, platform, blocked", [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "linux", False),
    ({}, "darwin", False),
    ({}, "win32", False),
])
def test_which_environments_have_no_display(env, platform, blocked):
    assert (display_problem(env, platform) is not None) == blocked


def test_no_display_is_one_line_and_status_2_not_a_qt_abort():
    """On Linux; elsewhere a window system is always there and nothing is checked."""
    if not sys.platform.startswith("linux"):
        assert display_problem({}, sys.platform) is None
        return
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "rnnviz"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("rnnviz: no display found"), done.stderr
    assert "desktop session" in lines[0] and "rnnviz train" in lines[0]
