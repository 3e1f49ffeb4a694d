"""The console adapter end to end: `filmclub run` reading a script from standard input."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_console(tmp_path: Path, script: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_", "FILMCLUB_"))
    }
    environment.update({"DATABASE_URL": f"sqlite:///{tmp_path / 'club.db'}", **env})
    return subprocess.run(
        [sys.executable, "-m", "adapters.cli", "run"],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(REPO)},
        timeout=60,
        check=False,
    )


SCRIPT = """\
/filmclub help
/filmclub preview questions
/filmclub question
I think Samantha is sincere.
/as ann member
She is not human, though.
/filmclub config set spoilers on
/filmclub quote
/filmclub exchange
/thread t1
Back to the first question.
/filmclub history
/filmclub stats
/filmclub frobnicate
"""


def test_a_whole_discussion_from_a_script(tmp_path):
    out = run_console(tmp_path, SCRIPT)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Loaded the sample document #1" in text
    assert "/filmclub discuss" in text and "/filmclub stats" in text
    assert "qn1  " in text
    # The question prompt and its thread, titled from the question itself.
    assert "thread t1 opened: If we can exist in a world" in text
    assert "From Her makes me sad in the best possible way" in text
    assert "Only the club's moderators can use `/filmclub config set`" in text
    assert "\u2014 Spike Jonze" in text
    assert "Theodore: Do you talk to someone else while we\u2019re talking?" in text
    assert "Now replying in t1" in text
    history = text[text.rindex("Recent prompts") :]
    first_line = [line for line in history.splitlines() if "qn1" in line][0]
    assert "3 replies, 2 participants" in first_line
    assert "3 prompts, 3 replies, 2 participants" in text
    assert "I don't know the command `frobnicate`" in text
    assert "Traceback" not in out.stderr


def test_state_survives_a_restart_and_the_sample_loads_once(tmp_path):
    run_console(tmp_path, "/filmclub question\n")
    out = run_console(tmp_path, "/filmclub docs\n/filmclub question\n")
    assert "Loaded the sample" not in out.stdout
    assert out.stdout.count("#1 Her makes me sad") == 1
    assert "Posted qn2" in out.stdout  # the rotation remembers qn1 was posted


def test_loading_a_file_and_a_bad_one(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text(
        "Notes on Alien\n\nWhy does Ripley go back for the cat?\n\n"
        "\u201cIn space no one can hear you scream,\u201d the poster said.\n",
        encoding="utf-8",
    )
    out = run_console(
        tmp_path,
        f"/filmclub load {doc}\n/filmclub load {doc}\n/filmclub load missing.txt\n/filmclub docs\n",
    )
    assert "Loaded document #2" in out.stdout
    assert "already loaded as #2" in out.stdout
    assert "couldn't load that document" in out.stdout
    assert out.stdout.count("#2 ") >= 1 and "#3" not in out.stdout


def test_malformed_settings_fail_at_start_naming_the_variable(tmp_path):
    out = run_console(tmp_path, "", DATABASE_URL="mysql://db/club")
    assert out.returncode == 2
    assert "DATABASE_URL" in out.stderr and "Traceback" not in out.stderr


async def test_every_moderator_command_typed_by_a_member_is_refused(engine, store):
    import io

    from adapters.console import ConsolePlatform, ConsoleSession
    from tests.test_moderation import SAMPLE_ARGS, dump

    out = io.StringIO()
    platform = ConsolePlatform(out)
    engine.attach(platform)
    session = ConsoleSession(engine, platform, "mod")
    await session.load_sample()
    await session.handle("/filmclub suggest Is the OS lonely too?")
    await session.handle("/as bob member")
    before = await dump(store)
    commands = [c for c in engine.registry if c.moderator]
    for command in commands:
        words = [
            f'"{v}"' if " " in str(v) else str(v)
            for k, v in SAMPLE_ARGS.get(command.name, {}).items()
            if k in {o.name for o in command.options}
        ]
        out.truncate(0)
        out.seek(0)
        await session.handle(f"/filmclub {command.name} {' '.join(words)}")
        assert "Only the club's moderators" in out.getvalue(), command.name
    assert await dump(store) == before
