"""The filmclub command line: extract, version, and user mistakes without tracebacks."""

from __future__ import annotations

import json

from adapters.cli import main
from bot import __version__
from tests.conftest import REPO


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert __version__ in capsys.readouterr().out


def test_extract_json_has_the_documented_shape(capsys):
    assert main(["extract", str(REPO / "bot" / "data" / "her.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "film", "items"}
    assert data["title"] == "Her makes me sad in the best possible way"
    kinds = {item["kind"] for item in data["items"]}
    assert kinds == {"quote", "exchange", "question"}
    quote = next(i for i in data["items"] if i["kind"] == "quote")
    assert quote["speaker"] == "Spike Jonze" and not quote["text"].startswith("\u201c")
    exchange = next(i for i in data["items"] if i["kind"] == "exchange")
    assert exchange["turns"][0] == {
        "speaker": "Theodore",
        "text": "Do you talk to someone else while we\u2019re talking?",
    }


def test_extract_text_is_for_people(capsys):
    assert main(["extract", str(REPO / "bot" / "data" / "her.txt"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "Spike Jonze" in out and "Theodore" in out


def test_extract_a_missing_file_is_a_clear_error(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("filmclub: ") and "Traceback" not in err


def test_extract_a_binary_file_is_refused(capsys, tmp_path):
    png = tmp_path / "poster.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    assert main(["extract", str(png)]) == 2
    assert "Traceback" not in capsys.readouterr().err
