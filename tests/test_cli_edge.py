"""The command line's edge, in real processes: missing extras, bad paths and closed pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

HER = str(REPO / "bot" / "data" / "her.txt")

# Makes the named top-level packages unimportable, as on a machine without the extra installed.
BLOCKER = """
import sys
class _Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
BLOCKED = set(sys.argv.pop(1).split(",")) - {""}
sys.meta_path.insert(0, _Blocker())
from adapters.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


def filmclub(
    tmp_path: Path, *args: str, blocked: str = "", stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "FILMCLUB_"))
    }
    environment.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'club.db'}", **env})
    return subprocess.run(
        [sys.executable, "-c", BLOCKER, blocked, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr and "Event loop is closed" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("filmclub: ")
    return line


def test_discord_configured_without_discord_py_names_the_extra(tmp_path):
    result = filmclub(tmp_path, "run", blocked="discord", DISCORD_TOKEN="abc.def.ghi")
    line = one_clear_line(result)
    assert 'pip install "filmclub[discord]"' in line and "Discord" in line
    assert not (tmp_path / "club.db").exists()  # refused before anything was created


def test_slack_configured_without_its_packages_names_the_extra(tmp_path):
    result = filmclub(
        tmp_path,
        "run",
        blocked="slack_bolt,slack_sdk,aiohttp",
        SLACK_BOT_TOKEN="xoxb-1",
        SLACK_APP_TOKEN="xapp-1",
    )
    assert 'pip install "filmclub[slack]"' in one_clear_line(result)


def test_discord_tasks_exist_without_discord_py_and_name_the_extra(tmp_path):
    for task in (["invite", "--client-id", "123"], ["sync"]):
        result = filmclub(tmp_path, "discord", *task, blocked="discord", DISCORD_TOKEN="a.b.c")
        assert "invalid choice" not in result.stderr
        assert 'pip install "filmclub[discord]"' in one_clear_line(result)


def test_the_console_needs_no_extra(tmp_path):
    result = filmclub(tmp_path, "run", blocked="discord,slack_bolt,aiohttp", stdin="/quit\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_in_a_missing_folder_is_one_clear_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'nonexistent' / 'dir' / 'x.db'}"
    line = one_clear_line(filmclub(tmp_path, "run", stdin="/quit\n", DATABASE_URL=url))
    assert "nonexistent" in line and "does not exist" in line


def test_a_file_that_is_not_a_database_is_one_clear_line(tmp_path):
    (tmp_path / "club.db").write_bytes(b"not a database at all" * 100)
    assert "club.db" in one_clear_line(filmclub(tmp_path, "run", stdin="/quit\n"))


def test_export_to_a_missing_folder_is_one_clear_line(tmp_path):
    assert filmclub(tmp_path, "run", stdin="/quit\n").returncode == 0  # a club to export
    line = one_clear_line(filmclub(tmp_path, "export", str(tmp_path / "nonexistent/dir/x.json")))
    assert "No such file or directory" in line and "nonexistent" in line


def test_export_of_a_missing_database_is_refused_and_creates_nothing(tmp_path):
    line = one_clear_line(filmclub(tmp_path, "export", str(tmp_path / "backup.json")))
    assert "no database" in line
    assert not (tmp_path / "club.db").exists() and not (tmp_path / "backup.json").exists()


def test_output_into_a_closed_pipe_ends_quietly(tmp_path):
    # `filmclub extract … | head -1`: the reader is gone before (or while) we write.
    for args in (["extract", HER], ["extract", HER, "--format", "json"], ["--help"]):
        read, write = os.pipe()
        os.close(read)
        try:
            result = subprocess.run(
                [sys.executable, "-c", BLOCKER, "", *args],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                cwd=tmp_path,
                env={**os.environ, "PYTHONPATH": str(REPO)},
                timeout=60,
                check=False,
            )
        finally:
            os.close(write)
        assert result.stderr == "", (args, result.stderr)
