"""Operator mistakes at the command line, in real processes: one clear line, exit 2, no harm."""

from __future__ import annotations

import copy
import json
import sqlite3

import pytest

from tests.test_cli_edge import filmclub, one_clear_line


@pytest.fixture
def export(tmp_path):  # type: ignore[no-untyped-def]
    """A valid export of a club with the sample document (made by the real console)."""
    made = filmclub(tmp_path, "run", stdin="/filmclub docs\n")
    assert made.returncode == 0, made.stderr
    out = filmclub(tmp_path, "export", "ok.json")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "exported 1 club to ok.json"
    return json.loads((tmp_path / "ok.json").read_text(encoding="utf-8"))


def _break(payload, how):  # type: ignore[no-untyped-def]
    broken = copy.deepcopy(payload)
    if how == "no number":
        del broken["clubs"][0]["documents"][0]["number"]
    elif how == "null documents":
        broken["clubs"][0]["documents"] = None
    elif how == "club is a number":
        broken["clubs"] = [1]
    elif how == "a list as a value":
        broken["clubs"][0]["documents"][0]["title"] = ["x"]
    return broken


@pytest.mark.parametrize(
    "how", ["no number", "null documents", "club is a number", "a list as a value"]
)
def test_a_malformed_export_is_refused_in_one_line_and_nothing_is_written(tmp_path, export, how):
    (tmp_path / "bad.json").write_text(json.dumps(_break(export, how)), encoding="utf-8")
    target = tmp_path / "fresh.db"
    result = filmclub(tmp_path, "import", "bad.json", DATABASE_URL=f"sqlite:///{target}")
    assert "not a valid export: " in one_clear_line(result)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT COUNT(*) FROM clubs").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (0,)


def test_import_of_a_missing_or_non_json_file_says_so_in_a_sentence(tmp_path):
    line = one_clear_line(filmclub(tmp_path, "import", "nowhere.json"))
    assert line == "filmclub: there is no file nowhere.json"
    (tmp_path / "notes.json").write_text("hello", encoding="utf-8")
    line = one_clear_line(filmclub(tmp_path, "import", "notes.json"))
    assert "notes.json is not a filmclub export: it is not JSON" in line
    assert "Errno" not in line and "line 1 column 1" not in line


def test_counts_are_real_plurals(tmp_path, export):
    listed = filmclub(tmp_path, "purge", "--list")
    assert "1 document, 0 prompts" in listed.stdout, listed
    imported = filmclub(tmp_path, "import", "ok.json", DATABASE_URL=f"sqlite:///{tmp_path}/n.db")
    assert imported.stdout.startswith("imported 1 club: "), imported
    assert "(s)" not in listed.stdout + imported.stdout


@pytest.mark.parametrize("value", ["-1", "0", "soon", "nan"])
def test_healthcheck_refuses_a_timeout_that_is_not_a_positive_number(tmp_path, value):
    result = filmclub(tmp_path, "healthcheck", "--timeout", value)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--timeout: must be a positive number of seconds" in result.stderr


@pytest.mark.parametrize("task", [["purge", "--list"], ["purge", "x:y"], ["export", "-"]])
def test_tasks_on_a_missing_database_refuse_instead_of_creating_it(tmp_path, task):
    missing = tmp_path / "nonexistent.db"
    line = one_clear_line(filmclub(tmp_path, *task, DATABASE_URL=f"sqlite:///{missing}"))
    assert f"there is no database at {missing} (DATABASE_URL)" in line
    assert not missing.exists()


@pytest.mark.parametrize("url", ["sqlite:relative.db", "sqlite://", "relative.db", "mysql://h/x"])
def test_a_malformed_database_url_is_named_with_the_accepted_forms(tmp_path, url):
    line = one_clear_line(filmclub(tmp_path, "purge", "--list", DATABASE_URL=url))
    assert "DATABASE_URL" in line and "sqlite:///relative/path.db" in line
    assert "postgresql://" in line
    assert list(tmp_path.iterdir()) == []  # no file named "sqlite:relative.db"


def test_a_damaged_pdf_gives_filmclubs_message_without_pypdfs_warnings(tmp_path):
    from tests.extraction.test_sources import make_pdf

    (tmp_path / "cut.pdf").write_bytes(make_pdf(["Hello there."]).replace(b"%%EOF", b""))
    line = one_clear_line(filmclub(tmp_path, "extract", "cut.pdf"))
    assert line.startswith("filmclub: cut.pdf looks like a PDF but could not be read")
    console = filmclub(tmp_path, "run", stdin="/filmclub load cut.pdf\n")
    assert console.returncode == 0, console.stderr
    assert "could not be read" in console.stdout
    assert "EOF marker" not in console.stdout + console.stderr
    assert "CAUTION" not in console.stdout + console.stderr
