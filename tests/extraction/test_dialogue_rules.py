"""Dialogue decisions, each on a small document of its own (shapes seen in real documents)."""

from __future__ import annotations

from bot.extraction import extract
from bot.extraction.dialogue_decisions import subtitle_labels_carry


def _turns(doc: str, fmt: str = "text") -> list[tuple[str | None, str]]:
    return [(t.speaker, t.text) for it in extract(doc, fmt=fmt).items for t in it.turns]


def _srt(*cues: str) -> str:
    return "".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{cue}\n\n" for n, cue in enumerate(cues, 1)
    )


def test_a_label_carries_over_only_where_most_cues_are_labelled():
    assert subtitle_labels_carry(3, 4)
    assert not subtitle_labels_carry(2, 10)
    assert not subtitle_labels_carry(0, 0)


def test_sdh_subtitles_leave_unlabelled_cues_out_of_the_turns():
    doc = _srt(
        "CLERK: Your key, sir.",
        "Thank you.",
        "Is the lift working?",
        "It never is.",
        "BARON: Good evening.",
        "Any letters?",
        "CLERK: None today.",
        "I was expecting one.",
        "From Vienna, perhaps.",
        "BARON: Perhaps tomorrow.",
    )
    assert _turns(doc) == [
        ("CLERK", "Your key, sir."),
        ("BARON", "Good evening."),
        ("CLERK", "None today."),
        ("BARON", "Perhaps tomorrow."),
    ]


def test_numbered_unnamed_speakers_are_labels():
    doc = _srt(
        "OPERATOR #1: Grand Hotel.\nOPERATOR #2: The line is busy.",
        "OPERATOR #1: Hold, please.",
        "OPERATOR #2: Connecting you now.",
    )
    assert [s for s, _ in _turns(doc)] == [
        "OPERATOR #1",
        "OPERATOR #2",
        "OPERATOR #1",
        "OPERATOR #2",
    ]


def test_a_play_cue_followed_by_its_direction_without_a_full_stop():
    doc = (
        "ACT I\n\nCovent Garden. Rain.\n\n"
        "THE DAUGHTER [in the space between the pillars, close to\nthe one on her left] "
        "I'm getting chilled to the bone.\n\n"
        "A BYSTANDER [on the lady's right] He won't get no cab, missus.\n\n"
        "THE MOTHER [advancing between her daughter and the note taker]\nHow very curious!\n\n"
        "THE DAUGHTER. Let us go home.\n"
    )
    assert _turns(doc) == [
        ("THE DAUGHTER", "I'm getting chilled to the bone."),
        ("A BYSTANDER", "He won't get no cab, missus."),
        ("THE MOTHER", "How very curious!"),
        ("THE DAUGHTER", "Let us go home."),
    ]


def test_a_capitalised_word_before_brackets_in_prose_is_not_a_cue():
    doc = "NASA [the agency] said the launch would wait.\n\nIt waited a week.\n"
    assert _turns(doc) == []


_SCRIPT = (
    "                         HARBOUR LIGHTS\n\n"
    "    EXT. QUAY - NIGHT\n\n"
    "    Rain. MARTA (40s) waits under a lamp.\n\n"
    "                        MARTA\n"
    "              Is the last boat gone?\n\n"
    "                        LEO\n"
    "              An hour ago. You missed it.\n\n"
    "                        MARTA\n"
    "                  (quietly)\n"
    "              Then I'll wait for the morning one.\n\n"
    "                        LEO\n"
    "              In this weather?\n\n"
    "                        MARTA\n"
    "              I've waited in worse.\n\n"
    "                        LEO (CONT'D)\n"
    "              Suit yourself.\n"
)
_SCRIPT_TURNS = [
    ("MARTA", "Is the last boat gone?"),
    ("LEO", "An hour ago. You missed it."),
    ("MARTA", "Then I'll wait for the morning one."),
    ("LEO", "In this weather?"),
    ("MARTA", "I've waited in worse."),
    ("LEO", "Suit yourself."),
]


def test_a_plain_text_screenplay_laid_out_by_indentation():
    assert _turns(_SCRIPT) == _SCRIPT_TURNS


def test_a_screenplay_inside_pre_on_a_web_page():
    page = "<html><body><h1>Scripts</h1><p>Read the script below.</p><pre>" + _SCRIPT
    page += "</pre><p>All scripts are for educational use.</p></body></html>"
    assert _turns(page, fmt="html") == _SCRIPT_TURNS


def test_indented_code_or_verse_in_pre_is_not_a_screenplay():
    verse = "<pre>\n" + "".join(
        f"            THE SEA\n    rolls over the stones, line {n},\n\n" for n in range(8)
    )
    assert _turns(verse + "</pre>", fmt="html") == []
