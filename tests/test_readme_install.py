"""README's install commands and .ci/run: they work as root on a bare Debian image (no sudo, no
package lists yet) and as a user with sudo, and CI runs the README's test command."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV = " && python3 -m venv .venv"


def readme_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    commands = [line for block in blocks for line in block.splitlines() if "apt-get" in line]
    assert len(commands) == 2, commands             # install-and-start, and the test command
    return commands


def packages(command: str) -> list[str]:
    return command.split("apt-get install -y ")[1].split(" && ")[0].split()


def ci_script() -> str:
    return (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("with_sudo", [False, True], ids=["root-without-sudo", "user-with-sudo"])
@pytest.mark.parametrize("shell", ["/bin/sh", "/bin/bash"])
def test_readme_apt_part_runs_with_and_without_sudo(tmp_path, with_sudo, shell):
    log = tmp_path / "log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fakes = {"apt-get": f'#!/bin/sh\necho "apt-get $*" >> {log}\n'}
    if with_sudo:
        fakes["sudo"] = f'#!/bin/sh\necho sudo >> {log}\nexec "$@"\n'
    for name, text in fakes.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    for command in readme_commands():
        log.write_text("")
        apt_part = command.split(VENV)[0]
        done = subprocess.run([shell, "-c", apt_part], env={"PATH": str(bin_dir)}, capture_output=True,
                              text=True, cwd=tmp_path, timeout=30)
        assert done.returncode == 0, (apt_part, done.stderr)
        calls = log.read_text().splitlines()
        apt = [c for c in calls if c != "sudo"]
        assert apt[0] == "apt-get update" and apt[1].startswith("apt-get install -y "), calls
        assert calls.count("sudo") == (2 if with_sudo else 0), calls
        assert "fonts-nanum" in apt[1].split()


def test_ci_installs_the_readme_packages_and_runs_its_test_command():
    test_command = readme_commands()[1]
    script = ci_script()
    debs = re.search(r'QT_DEBS="([^"]*)"', script).group(1).split()
    assert sorted(debs) == sorted(packages(test_command)) and "fonts-nanum" in debs
    last = [line for line in script.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert last == "python3 -m venv .venv" + test_command.split(VENV, 1)[1]


def test_readme_says_what_fonts_nanum_is_for():
    text = " ".join((ROOT / "README.md").read_text().split())
    assert "`fonts-nanum` for Korean text" in text
    assert "drop the `sudo`" not in text
