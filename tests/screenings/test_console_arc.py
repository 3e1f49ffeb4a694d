"""A whole screening in the console, from a script: `/wait` moves the clock through the arc."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.test_console import run_console


def _minutes_until(day: str, offset_days: int, clock: str, already: int = 0) -> int:
    """Minutes from now to ``clock`` UTC ``offset_days`` after ``day``, less ``already`` waited.

    The console's clock starts at the real time, so a fixed ``/wait`` lands before or after the
    arc's 19:00 prompts depending on the hour the test runs; waiting to a wall-clock time does not.
    """
    target = datetime.fromisoformat(f"{day}T{clock}+00:00") + timedelta(days=offset_days)
    return int((target - datetime.now(UTC)).total_seconds() // 60) - already


def test_a_screening_from_announcement_to_recap_in_the_console(tmp_path: Path) -> None:
    day = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    script = f"""\
/filmclub config set screening_reminders 1h
/filmclub config set arc_days 2
/filmclub screening add "{day} 20:00" 1 "Room 2"
/wait 1m
/filmclub rsvp 1
/as ann member
/filmclub rsvp 1
/filmclub screening list
/wait {_minutes_until(day, 1, "19:30", already=1)}m
I loved the ending.
/as bob member
Me too.
/wait 2d
/filmclub recap 1
/as you
/filmclub screening cancel 1
/wait 5m
"""
    out = run_console(tmp_path, script)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Screening #1 added: Her, " in text
    # The announcement with the console's way to say "I'm in".
    assert "Screening #1: Her, " in text and f"{day} 20:00 UTC · Room 2" in text
    assert "Say so with `/filmclub rsvp 1`" in text
    assert "You're in for screening #1 (Her); 2 coming." in text
    assert "2 coming [planned]" in text
    # The reminder by count; the arc's thread named after the film; the prompts in it.
    assert "Screening #1: Her starts in 1h" in text and "2 said they're in" in text
    assert "thread t1 opened: Her" in text
    assert "Let's talk about Her: one prompt a day for 2 days" in text
    assert text.count("[t1] filmclub:") >= 2
    assert "[t1] ann: I loved the ending." in text and "[t1] bob: Me too." in text
    # The recap at the end of the arc, and on demand: counts only.
    assert text.count("Recap of screening #1: Her") == 2
    assert "Replies: 2" in text and "Participants: 2" in text and "Prompts: 2" in text
    # Finished: it cannot be cancelled any more.
    assert "Screening #1 is finished: it cannot be changed." in text
    assert "Traceback" not in out.stderr


def test_a_console_restart_in_the_middle_posts_nothing_twice(tmp_path: Path) -> None:
    day = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    first = run_console(
        tmp_path,
        f"""\
/filmclub config set arc_days 2
/filmclub screening add "{day} 20:00"
/wait 1m
/filmclub rsvp 1
""",
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("🎬 Screening #1") == 1
    # A second run on the same database: the announcement is not repeated; the rest follows.
    wait = _minutes_until(day, 3, "19:30")
    second = run_console(tmp_path, f"/filmclub screening list\n/wait {wait}m\n")
    assert second.returncode == 0, second.stderr
    text = second.stdout
    assert "🎬 Screening #1" not in text
    assert "1 coming [planned]" in text
    assert text.count("starts in 24h") == 1 and text.count("starts in 1h") == 1
    assert text.count("Recap of screening #1: Her") == 1
