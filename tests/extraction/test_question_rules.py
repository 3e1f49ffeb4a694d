"""Discussion-question judgements, each on a small document of its own (rule tests only)."""

from __future__ import annotations

from bot.extraction import extract
from bot.extraction.questions import (
    ITEM_THRESHOLD,
    PROSE_THRESHOLD,
    ItemFeatures,
    ProseFeatures,
    item_score,
    prose_score,
)
from bot.models import Kind


def _questions(doc: str, fmt: str = "markdown") -> list[str]:
    return [i.text for i in extract(doc, fmt=fmt).items if i.kind is Kind.QUESTION]


def test_a_guide_item_keeps_its_lead_in_and_sub_prompts_without_its_marker():
    doc = (
        "## Discussion questions\n\n"
        "1. The film opens on a closed door. What does the door stand for?\n"
        "    * Consider the last shot as well.\n"
        "1. Who is most likely to be hurt by the ending? Why?\n"
    )
    assert _questions(doc) == [
        "The film opens on a closed door. What does the door stand for?\n"
        "    * Consider the last shot as well.",
        "Who is most likely to be hurt by the ending? Why?",
    ]


def test_an_answer_typed_under_an_item_is_not_part_of_it():
    doc = (
        "Viewing guide\n\n"
        "1. Why does the family leave the farm?\n"
        "   * They lose the harvest and the bank takes the land.\n"
        "2. Where do they go first?\n"
        "   * To the city, where the uncle lives.\n"
    )
    assert _questions(doc) == ["Why does the family leave the farm?", "Where do they go first?"]


def test_session_instructions_and_prayers_are_not_prompts():
    doc = (
        "## Discussion guide\n\n"
        "- Assign a notetaker for the group.\n"
        "- Answer the general questions first (five minutes).\n"
        "- Describe the moment the film changed for you.\n"
        "- Lord, will you open our hearts to what we have seen? Amen.\n"
    )
    assert _questions(doc) == ["Describe the moment the film changed for you."]


def test_numbered_terms_after_a_label_line_are_a_new_list():
    doc = (
        "## Concept\n\n"
        "- is the music used in a consistent way?\n"
        "- What is accompanied? What is left without music?\n"
        "- What motivates the music?\n\n"
        "Approaches:\n"
        "Most scores fall between two extremes:\n\n"
        "1. Playing the Drama\n"
        "2. Hitting the Action\n"
    )
    qs = _questions(doc)
    assert "Playing the Drama" not in qs and "Hitting the Action" not in qs


def test_a_lecture_question_answered_by_what_follows_is_not_a_prompt():
    doc = (
        "# Lecture 2\n\n"
        "How do we talk about what we hear?\n\n"
        "**Diegesis**: the world of the story, everything in it.\n\n"
        "We have music all over films, and we accept it. So why is it there?\n\n"
        "**The four functions**\n\n"
        "1. Music can create a sense of place.\n"
        "2. Music can give continuity.\n"
    )
    assert _questions(doc) == []


def test_the_author_asking_and_going_on_is_not_a_prompt_but_asking_the_reader_is():
    doc = (
        "I have been thinking about endings all year.\n\n"
        "Why are we so obsessed with how a tale concludes? My own story has not ended once.\n\n"
        "How do you watch a film? Do you put it on while cooking? There are many ways.\n"
    )
    assert _questions(doc) == [
        "How do you watch a film?",
        "Do you put it on while cooking?",
    ]


def test_a_closing_question_to_the_reader_is_found():
    doc = (
        "I watched the restored print last week and I keep thinking about it.\n\n"
        "The ending is left open, and the film is better for it.\n\n"
        "What would you have done in her place?\n"
    )
    assert _questions(doc) == ["What would you have done in her place?"]


def test_bold_interview_questions_are_not_discussion_questions():
    doc = (
        "I met the director in a cafe near the festival.\n\n"
        "**Why did you shoot on film, when every lab in the country had already closed its "
        "doors to you?**\n\n"
        "Because the grain is honest, and the lab was close.\n\n"
        "*What are you making next?*\n\n"
        "A short about my grandmother's village.\n"
    )
    assert _questions(doc) == []


def test_the_scores_have_named_thresholds():
    guide_q = ItemFeatures(True, True, False, False, False, False)
    procedural = ItemFeatures(False, False, True, False, True, False)
    assert item_score(guide_q) >= ITEM_THRESHOLD > item_score(procedural)
    open_q = ProseFeatures(
        section=False,
        prompt=False,
        reader=True,
        voice=True,
        ends_block=True,
        opens_and_goes_on=False,
        answered=False,
        heading_next=False,
        opens_section=False,
        closing=False,
        left_open=False,
        interviewer=False,
        prayer=False,
    )
    answered = ProseFeatures(**{**open_q.__dict__, "answered": True})
    assert prose_score(open_q) >= PROSE_THRESHOLD > prose_score(answered)


def test_a_question_left_open_by_what_follows_is_a_prompt():
    doc = (
        "We saw it on Thursday and argued all the way home.\n\n"
        "Did the brother know all along? I have my theory, and I'd love to hear yours.\n\n"
        "Why do we cry at endings? The story of my own life has not ended once.\n"
    )
    assert _questions(doc) == ["Did the brother know all along?"]


def test_a_lead_in_that_hands_the_question_to_the_reader_stays_with_it():
    doc = (
        "I watched it twice this week.\n\n"
        "So ask yourself: would you have opened the door?\n\n"
        "The critic goes further in her essay. She asks: why does the door matter at all?\n"
    )
    assert _questions(doc) == ["So ask yourself: would you have opened the door?"]
