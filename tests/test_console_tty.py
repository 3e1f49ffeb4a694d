"""The interactive console on a real terminal (a pty): Ctrl-C leaves at once, cleanly."""

from __future__ import annotations

import os
import select
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or shutil.which("bash") is None, reason="needs a pty and bash"
)


def spawn(tmp_path: Path) -> tuple[int, int]:
    """``filmclub run`` on a new terminal, followed by ``stty -a`` to show the modes it left."""
    import pty

    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "FILMCLUB_"))
    }
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'club.db'}",
            "PYTHONPATH": str(REPO),
            "TERM": "xterm",
        }
    )
    command = f"'{sys.executable}' -m adapters.cli run; echo EXIT=$?; stty -a"
    pid, fd = pty.fork()
    if pid == 0:  # the child: bash leads the terminal's session, filmclub runs in its foreground
        os.chdir(tmp_path)
        os.execve(shutil.which("bash") or "bash", ["bash", "-c", command], env)
    return pid, fd


def read_until(fd: int, needle: str, timeout: float) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the terminal closed: everything has exited
                break
            if not chunk:
                break
            seen += chunk.decode(errors="replace")
    return seen


def test_ctrl_c_at_the_prompt_leaves_at_once_and_restores_the_terminal(tmp_path):
    pid, fd = spawn(tmp_path)
    try:
        assert "you> " in read_until(fd, "you> ", 60)
        os.write(fd, b"/filmclub hel")  # a half-typed line
        time.sleep(0.3)
        started = time.monotonic()
        os.write(fd, b"\x03")  # Ctrl-C, as the terminal sends it
        after = read_until(fd, "EXIT=", 10)
        assert "EXIT=0" in after, after
        assert time.monotonic() - started < 5
        assert "Traceback" not in after and "KeyboardInterrupt" not in after
        modes = read_until(fd, "icanon", 5)
        words = (after + modes).split()
        assert "echo" in words and "icanon" in words, "the terminal was left in raw mode"
    finally:
        os.close(fd)
        os.waitpid(pid, 0)


def test_ctrl_d_at_the_prompt_ends_the_console(tmp_path):
    pid, fd = spawn(tmp_path)
    try:
        assert "you> " in read_until(fd, "you> ", 60)
        os.write(fd, b"\x04")
        assert "EXIT=0" in read_until(fd, "EXIT=", 10)
    finally:
        os.close(fd)
        os.waitpid(pid, 0)
