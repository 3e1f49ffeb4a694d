"""Shape-level rules, each on a small document of its own."""

from __future__ import annotations

from bot.extraction import extract
from bot.models import Kind


def _questions(doc: str) -> list[str]:
    return [i.text for i in extract(doc, fmt="markdown").items if i.kind is Kind.QUESTION]


def _quotes(doc: str) -> list[tuple[str, str | None]]:
    return [(i.text, i.speaker) for i in extract(doc).items if i.kind is Kind.QUOTE]


def test_a_question_answered_by_a_reply_echoing_its_auxiliary():
    lead = "I keep thinking about this, and I hope you do too. "
    assert _questions(lead + "Does it make films better? Sometimes it does, not always.\n") == []
    assert _questions(lead + "Can a film change a life? It can, if you let it.\n") == []
    assert _questions(lead + "Is it a happy ending? Not really, and that is the point.\n") == []


def test_a_prompt_going_on_is_not_an_answer():
    doc = "## Questions for discussion\n\nIs it a happy ending? Explain why or why not.\n"
    assert _questions(doc) == ["Is it a happy ending?"]


def test_a_conditional_lead_in_before_a_colon_stays_in_the_question():
    doc = (
        "I wonder about you, reader. If you grew up with a video shop: what was the first "
        "film you chose there yourself?\n"
    )
    assert _questions(doc) == [
        "If you grew up with a video shop: what was the first film you chose there yourself?"
    ]
    reported = "He goes further in the essay. But he asks too: how can a film end twice?\n"
    assert _questions(reported) == []


def test_turned_to_and_said_credits_the_subject():
    doc = "After the film, Tom Baird turned to his daughter and said “we came here every week.”"
    assert _quotes(doc) == [("we came here every week.", "Tom Baird")]


def test_a_quoted_fragment_completing_said_the_x_was():
    doc = (
        "Councillor Dafydd Orme, who opposed the move, said the festival was “drifting away "
        "from the town that built it” and asked for free screenings."
    )
    assert _quotes(doc) == [("drifting away from the town that built it", "Dafydd Orme")]


def test_a_role_word_labelling_sentences_amid_other_speakers_is_a_speaker():
    doc = (
        "MODERATOR: Welcome back. Our guest tonight directed The Lantern Men.\n\n"
        "DIRECTOR: Thank you for having me.\n\n"
        "AUDIENCE MEMBER: Why black and white?\n\n"
        "DIRECTOR: Money, mostly. Colour stock was too expensive.\n"
    )
    items = extract(doc).items
    assert [i.kind for i in items] == [Kind.EXCHANGE]
    assert [t.speaker for t in items[0].turns] == [
        "MODERATOR",
        "DIRECTOR",
        "AUDIENCE MEMBER",
        "DIRECTOR",
    ]
    meta = "COPPER VALLEY (2024)\n\nDirector: Jane Doe\n\nRuntime: 112 min\n\nA fine film.\n"
    assert extract(meta).items == ()


def test_a_cue_lines_leading_direction_is_not_speech():
    doc = (
        "HAMLET, ACT III (a scene)\n\nHAMLET\nAre you honest?\n\nOPHELIA\n[Aside] My lord?\n\nHAMLET\nAre you fair?\n\n"
        "OPHELIA\nWhat means your lordship?\n"
    )
    turns = [t for it in extract(doc).items for t in it.turns]
    assert [t.text for t in turns][1] == "My lord?"
    colon = "ANNA: (sighs) Especially the oranges.\n\nLEO: Why the oranges?\n\nANNA: Ask him.\n"
    assert [t.text for it in extract(colon).items for t in it.turns][0] == (
        "Especially the oranges."
    )


def test_each_subtitle_cue_is_a_turn_of_its_own():
    doc = (
        "1\n00:00:01,000 --> 00:00:02,000\nMARTA: It is cold on deck.\n\n"
        "2\n00:00:02,500 --> 00:00:04,000\nThe wind never stops here.\n\n"
        "3\n00:00:04,500 --> 00:00:06,000\nLEO: Then come inside.\n\n"
        "4\n00:00:06,500 --> 00:00:08,000\nMARTA: In a minute.\n\n"
        "5\n00:00:08,500 --> 00:00:09,000\n♪ the harbour's far from me ♪\n"
    )
    turns = [(t.speaker, t.text) for it in extract(doc).items for t in it.turns]
    assert turns == [
        ("MARTA", "It is cold on deck."),
        ("MARTA", "The wind never stops here."),
        ("LEO", "Then come inside."),
        ("MARTA", "In a minute."),
    ]


def test_a_blockquote_closed_by_a_cite_name():
    doc = (
        "<p>Intro text here.</p><blockquote><p>I wanted the lighthouse to feel like a third "
        "person in the house.</p><cite>Maren Holt</cite></blockquote><p>Next.</p>"
    )
    items = extract(doc, fmt="html").items
    assert [(i.text, i.speaker) for i in items] == [
        ("I wanted the lighthouse to feel like a third person in the house.", "Maren Holt")
    ]


def test_a_question_answered_by_a_sentence_ending_in_its_auxiliary():
    lead = "I keep thinking about this, and I hope you do too. "
    doc = lead + "Is a thirty-second shot long? In an action film, where cuts come fast, it is.\n"
    assert _questions(doc) == []
