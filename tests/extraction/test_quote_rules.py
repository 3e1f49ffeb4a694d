"""Quote decisions, each on a small document of its own (shapes seen in real documents)."""

from __future__ import annotations

from bot.extraction import extract
from bot.models import Kind


def _quotes(doc: str, fmt: str = "text") -> list[tuple[str, str | None]]:
    return [(i.text, i.speaker) for i in extract(doc, fmt=fmt).items if i.kind is Kind.QUOTE]


def test_mixed_quote_marks_split_by_the_attribution_are_two_segments():
    doc = (
        "Local filmmakers Katie Billo and Sara Geidlinger host the screening.\n\n"
        '“When we lift women, we lift the community," Sara said. "When we teach children '
        "about equality, we build community.”\n"
    )
    assert _quotes(doc) == [
        ("When we lift women, we lift the community", "Sara Geidlinger"),
        ("When we teach children about equality, we build community.", "Sara Geidlinger"),
    ]


def test_a_first_name_shared_by_two_people_is_not_resolved():
    doc = (
        "Sara Geidlinger and Sara Polley both spoke.\n\n"
        "“We wanted the whole town to come and watch it,” Sara said.\n"
    )
    assert _quotes(doc) == [("We wanted the whole town to come and watch it", "Sara")]


def test_a_bold_pull_quote_signed_by_a_bold_tilde_line():
    doc = (
        "Updated: Mar 24, 2023\n\n"
        '**“Women-made art encourages us all to start and maintain conversations."**\n\n'
        "**~ Producer Katie Billo, Digital Sabbath Film Company**\n\n"
        "On March 8 the screening takes place.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "Women-made art encourages us all to start and maintain conversations.",
            "Katie Billo",
        )
    ]
