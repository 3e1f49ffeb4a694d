"""What a new operator ran into in the console, through `filmclub run` reading a script."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.test_console import run_console


def test_console_mistakes_get_clear_sentences(tmp_path):
    (tmp_path / "notes.txt").write_text("Some words about a film I liked.\n", encoding="utf-8")
    script = "\n".join(
        [
            '/as "Ann',
            "/thread t99",
            "/filmclub load file:///etc/passwd",
            "/filmclub load notes.txt",
            "/filmclub docs",
            "/filmclub stats",
            "",
        ]
    )
    out = run_console(tmp_path, script)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "A quote is not closed" in text and 'You are now "Ann' not in text
    assert "There is no thread t99." in text and "'t99'" not in text
    assert "Only http(s) links and local file paths can be loaded." in text
    assert "There is no file at file:" not in text
    # One label for a document without a title, one wording for an unknown film.
    assert '"untitled"' not in text and "“untitled”" not in text
    loaded = next(line for line in text.splitlines() if "Loaded document #" in line)
    assert "“notes.txt” (film: not detected)" in loaded
    listed = next(line for line in text.splitlines() if line.lstrip("•- ").startswith("#2 "))
    assert "notes.txt (film: not detected)" in listed
    assert "(film: ?)" not in text


def test_a_screening_edit_in_the_console_is_said_once(tmp_path):
    day = (datetime.now(UTC) + timedelta(days=20)).date().isoformat()
    script = "\n".join(
        [
            f'/filmclub screening add "{day} 19:00" 1',
            "/wait 1m",  # the announcement is posted: an edit is then said in the channel
            '/filmclub screening edit 1 where="Room 3"',
            "",
        ]
    )
    out = run_console(tmp_path, script)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Room 3.") == 1, out.stdout  # the posted line, not a copy
    assert "Screening #1 changed; the change is posted in #film-club." in out.stdout
