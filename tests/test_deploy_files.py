"""The deployment files: a hardened systemd unit that systemd accepts, an image and a compose file."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UNIT = REPO / "deploy" / "filmclub.service"


def unit_settings() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_is_hardened_and_restarts_on_failure():
    unit = unit_settings()
    assert unit["DynamicUser"] == ["yes"]
    assert unit["ProtectSystem"] == ["strict"]
    assert unit["StateDirectory"] == ["filmclub"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["KillSignal"] == ["SIGTERM"]
    assert int(unit["TimeoutStopSec"][0]) > 10  # the bot's own shutdown takes at most 10 s
    assert unit["ExecStart"][0].endswith("filmclub run")


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not here")
def test_systemd_accepts_the_unit(tmp_path):
    # The unit's ExecStart names the documented install path; point it at this checkout's CLI.
    cli = Path(sys.executable).with_name("filmclub")
    unit = UNIT.read_text(encoding="utf-8").replace("/opt/filmclub/venv/bin/filmclub", str(cli))
    copy = tmp_path / "filmclub.service"
    copy.write_text(unit, encoding="utf-8")
    verify = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, check=False
    )
    assert verify.returncode == 0, verify.stderr
    assert "filmclub.service" not in verify.stderr, verify.stderr  # no warning about our unit


def test_the_image_runs_as_a_non_root_user_with_a_healthcheck():
    text = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.M)
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*filmclub\", \"healthcheck", text, re.M)
    # Every extra the image installs is one pyproject defines.
    extras = re.search(r"ARG EXTRAS=(\S+)", text).group(1).split(",")  # type: ignore[union-attr]
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    for extra in extras:
        assert re.search(rf"^{extra} = \[", pyproject, re.M), extra


def test_compose_runs_filmclub_on_postgresql_after_the_database_is_healthy():
    text = (REPO / "compose.yaml").read_text(encoding="utf-8")
    assert "image: postgres:" in text
    assert "DATABASE_URL: postgresql://" in text
    assert "condition: service_healthy" in text
    assert "${POSTGRES_PASSWORD:?" in text  # no default password
