"""Structure-layer rules: sentence ends after abbreviations, Unicode composition."""

from __future__ import annotations

import unicodedata

from bot.extraction import extract, normalize_text
from bot.extraction.blocks import split_front_matter, text_blocks
from bot.extraction.questions import _sentences
from bot.models import Kind


def _split(text: str) -> list[str]:
    return [text[s:e].strip() for s, e, _ in _sentences(text)]


def test_a_full_stop_after_a_title_or_initial_does_not_end_a_sentence():
    text = "Mr. Smith met Dr. Jones at 9 a.m. on Friday. Did J. R. Ewing come too?"
    assert _split(text) == [
        "Mr. Smith met Dr. Jones at 9 a.m. on Friday.",
        "Did J. R. Ewing come too?",
    ]


def test_no_before_a_word_is_an_answer_and_before_a_number_a_short_form():
    assert _split("Is he a hero? No. Is he a warning? Yes.") == [
        "Is he a hero?",
        "No.",
        "Is he a warning?",
        "Yes.",
    ]
    assert _split("Did you hear Symphony No. 5 in the film?") == [
        "Did you hear Symphony No. 5 in the film?"
    ]


def test_a_dotted_short_form_ends_a_sentence_only_before_a_sentence_start():
    assert _split("It opened in the U.S. The reviews were kind.") == [
        "It opened in the U.S.",
        "The reviews were kind.",
    ]
    assert _split("Why did the U.S. release cut it, e.g. the ending?") == [
        "Why did the U.S. release cut it, e.g. the ending?"
    ]


def test_a_question_after_an_abbreviation_is_found_whole():
    doc = (
        "## Discussion questions\n\nWhy does Mr. Keating stand on the desk, and what does "
        "it show you?\n"
    )
    qs = [i.text for i in extract(doc, fmt="markdown").items if i.kind is Kind.QUESTION]
    assert qs == ["Why does Mr. Keating stand on the desk, and what does it show you?"]


def test_decomposed_accents_are_composed():
    decomposed = unicodedata.normalize("NFD", "José Luis Guerín")
    assert decomposed != "José Luis Guerín"
    assert normalize_text(decomposed) == "José Luis Guerín"


def test_word_processor_bullets_and_bracketed_numbers_are_list_items():
    from bot.extraction.blocks import ITEM, text_blocks

    for marker in ("●", "▪", "\uf0b7", "(1)", "a)"):
        doc = f"Questions\n\n{marker} Who is hurt by the ending?\n{marker} Why does she go?\n"
        items = [b for b in text_blocks(doc) if b.kind == ITEM]
        assert [b.text for b in items] == ["Who is hurt by the ending?", "Why does she go?"], marker


def test_a_guide_item_is_one_prompt_without_its_bullet():
    doc = (
        "Discussion questions\n\n"
        "● The film opens on a door. What does it stand for?\n"
        "● Who is hurt by the ending? Why?\n"
    )
    qs = [i.text for i in extract(doc, fmt="text").items if i.kind is Kind.QUESTION]
    assert qs == [
        "The film opens on a door. What does it stand for?",
        "Who is hurt by the ending? Why?",
    ]


def test_html_blocks_inside_markdown_are_read_as_html():
    doc = (
        "I keep coming back to this film, and I hope you do too.\n\n"
        '<p class="lead">What would <em>you</em> have done in her place?</p>\n\n'
        "The **ending** is left open.\n"
    )
    items = extract(doc, fmt="markdown").items
    assert [(i.kind, i.text) for i in items] == [
        (Kind.QUESTION, "What would you have done in her place?")
    ]


def test_block_quotes_either_side_of_an_html_block_stay_distinct():
    from bot.extraction.mdblocks import mixed_blocks

    doc = "> first quote\n\n<div><p>between</p></div>\n\n> second quote\n"
    mixed = mixed_blocks(doc)
    assert mixed is not None
    quotes = [b.quote for b in mixed[0] if b.quote]
    assert len(quotes) == 2 and quotes[0] != quotes[1]


def test_emphasis_only_paragraphs():
    from bot.extraction.blocks import PARA, Block, emphasis_only

    assert emphasis_only(Block(PARA, "**Why did you shoot on film?**"))
    assert emphasis_only(Block(PARA, "*Why film?*"))
    assert not emphasis_only(Block(PARA, "**Why** did you shoot on *film*?"))


def _questions(text: str, fmt: str = "markdown") -> list[str]:
    return [i.text for i in extract(text, fmt=fmt).items if i.kind is Kind.QUESTION]


def test_prose_broken_at_a_fixed_width_is_read_as_one_paragraph():
    # pandoc --wrap / email style: a question that crosses a line break is still one question
    text = (
        "I saw it twice, and the second time I noticed how the film treats its audience and\n"
        "what it expects from them. So I will end with a question for you. What does the\n"
        "long opening shot ask of you as a viewer, and how does it change the way you read\n"
        "the final scene?\n"
    )
    assert _questions(text) == [
        "What does the long opening shot ask of you as a viewer, and how does it change "
        "the way you read the final scene?"
    ]


def test_a_column_of_short_lines_keeps_its_line_breaks():
    # one question a line, no markers: each line ends a unit, so nothing is joined
    text = "Who is the narrator?\nWhy does she lie?\nWhat does the ending mean, and why?\n"
    assert text_blocks(text)[0].text == text.strip()


def test_labelled_lines_are_never_joined_into_prose():
    text = (
        "Q: What drew you to this story about a small town and its missing\n"
        "A: I grew up in a place very much like it, and I always wanted to film it.\n"
    )
    assert text_blocks(text)[0].text == text.strip()


def test_a_pages_main_content_inside_a_wrapper_named_like_a_sidebar_is_read():
    page = (
        '<html><body><nav class="menu"><a href="/">Home</a></nav>'
        '<div class="content-sidebar-wrap"><main class="content" role="main"><article>'
        "<p>Jorja Fox was interviewed at the premiere.</p>"
        "<p><strong>Interviewer:</strong> What was it like working with Chris Nolan?</p>"
        "<p><strong>Jorja Fox:</strong> Amazing. He is very generous.</p>"
        "<p><strong>Interviewer:</strong> And Guy Pearce?</p>"
        "<p><strong>Jorja Fox:</strong> I love Guy Pearce.</p>"
        '</article></main><aside class="sidebar"><p><strong>Tip:</strong> Follow us!</p>'
        "<p><strong>Ads:</strong> Buy now.</p></aside></div></body></html>"
    )
    turns = [(t.speaker, t.text) for it in extract(page, fmt="html").items for t in it.turns]
    assert [s for s, _ in turns] == ["Interviewer", "Jorja Fox", "Interviewer", "Jorja Fox"]
    assert all("Follow us" not in t and "Buy now" not in t for _, t in turns)


def test_front_matter_that_lost_its_opening_rule_holds_nothing_to_extract():
    doc = (
        "title: Before Sunrise\npublished: true\n"
        'description: "Or: the ways in which love grows and withers under capitalism"\n'
        'tags:\n - linklater\ndate: "2022-08-08"\n---\n\n'
        "I love watching movies with my grandma. Today we watched *Before Sunrise*.\n"
    )
    got = extract(doc, fmt="markdown")
    assert [i for i in got.items if i.kind == Kind.QUOTE] == []
    notes = "Note: this review has spoilers.\nWarning: it is long.\n---\n\nThe film opens.\n"
    assert split_front_matter(notes) == ({}, notes)  # no site key: a note and a rule


def test_front_matter_fenced_by_toml_or_a_sites_own_lines_holds_nothing_to_extract():
    site = (
        '# --\ntitle: "Andrei Rublev: resonance, color, sound, and time"\ndate: 2019-12-27\n'
        'description: "A review and analysis of suspense in Tarkovsky\'s film."\n# --\n\n'
        "It is hard to unpack a Tarkovsky film.\n"
    )
    got = extract(site, fmt="markdown")
    assert [i for i in got.items if i.kind == Kind.QUOTE] == []
    assert got.title == "Andrei Rublev: resonance, color, sound, and time"
    toml = '+++\ntitle = "Stalker"\ndate = 2019-01-01\n+++\n\nThe zone waits.\n'
    assert split_front_matter(toml) == (
        {"title": "Stalker", "date": "2019-01-01"},
        "\nThe zone waits.\n",
    )


def test_an_asp_pages_server_code_shows_nothing():
    page = (
        '<%@ Page Language="C#" MasterPageFile="~/Links/Reviews/Reviews.master" %>\n'
        '<asp:Content runat="server"><p>Walt says, "Get off my lawn." <%= DateTime.Now %></p>'
        "</asp:Content>"
    )
    got = extract(page, fmt="html")
    assert [i.text for i in got.items if i.kind == Kind.QUOTE] == ["Get off my lawn."]


def test_long_front_matter_holding_a_posts_comments_is_front_matter():
    comments = "".join(
        f'  - name: Reader {n}\n    body: "I love the line number {n}."\n' for n in range(60)
    )
    doc = f"---\ntitle: One life-changing line\ncomments:\n{comments}---\n\nGive me one line.\n"
    meta, body = split_front_matter(doc)
    assert meta["title"] == "One life-changing line"
    assert body.strip() == "Give me one line."


def test_a_block_quote_holds_markdown_of_its_own():
    blocks = text_blocks(
        "Intro.\n\n> Consider the following:\n> * How does it go?\n> * Why does it end?\n>\n"
        "> Second paragraph.\n\n```\ncode\n```\n"
    )
    assert [(b.kind, b.text, bool(b.quote)) for b in blocks] == [
        ("p", "Intro.", False),
        ("p", "Consider the following:", True),
        ("li", "How does it go?", True),
        ("li", "Why does it end?", True),
        ("p", "Second paragraph.", True),
        ("code", "code", False),
    ]


def test_markdown_prose_among_many_html_lines_keeps_its_paragraphs():
    cards = "".join(
        f'<h3> {name} </h3>\n<center><img src="/{name}.png"></center>\n<br>\n'
        f"{name} is one of the three women at the heart of the film, and the story gives "
        "her a scene of her own.\n\n"
        for name in ("Katherine", "Dorothy")
    )
    doc = (
        '<i> "Every time we get a chance to get ahead, they move the finish line." </i>\n\n'
        "It's been a minute since I have been so heavily inspired by a movie that I watched "
        "it twice.\n\n"
        "I have always enjoyed movies or shows that have a female lead who changes things.\n\n"
        "'Hidden Figures' is a story about three brilliant women who help NASA send a man "
        "to space.\n\n"
        "After reviewing the notes and spending hours in class discussing the movie, I have "
        "a lot to share.\n\n"
        "# The Inspirational Characters\n\n" + cards
    )
    items = extract(doc, fmt="markdown").items
    assert [(i.kind, i.text) for i in items] == [
        (Kind.QUOTE, "Every time we get a chance to get ahead, they move the finish line.")
    ]


def test_inline_html_in_markdown_is_markup_not_text():
    doc = (
        "**MRS. MORTAR:** Evelyn! What are you doing?\n\n"
        "**EVELYN:** <u>(she lisps)</u> Uh — nothing, Mrs. Mortar.\n\n"
        "**MRS. MORTAR:** You are certainly doing something.\n\n"
        "**PEGGY:** <u>(happily)</u> You've skipped three lines.\n"
    )
    (exchange,) = extract(doc, fmt="markdown").items
    assert [(t.speaker, t.text) for t in exchange.turns] == [
        ("MRS. MORTAR", "Evelyn! What are you doing?"),
        ("EVELYN", "Uh — nothing, Mrs. Mortar."),
        ("MRS. MORTAR", "You are certainly doing something."),
        ("PEGGY", "You've skipped three lines."),
    ]


def test_a_prompt_keeps_no_inline_html_tags():
    doc = (
        "## Discussion questions\n\n"
        "1. Selma tells Joan: <em>“They have taken 100 years of cinema and made it an "
        "app.”</em> Do you agree with her?\n"
        "2. Is “ripping out the cables” a solution?\n"
    )
    questions = [i.text for i in extract(doc, fmt="markdown").items if i.kind is Kind.QUESTION]
    assert questions[0] == (
        "Selma tells Joan: “They have taken 100 years of cinema and made it an app.” "
        "Do you agree with her?"
    )


def test_a_paragraph_of_inline_tags_alone_shows_nothing_and_breaks_nothing():
    for doc in ("<i>\n</i>", "Before.\n\n<b> \n </b>\n\nAfter.", "<u>\n\n</u>"):
        assert extract(doc, fmt="markdown").items == ()


def test_container_fences_and_attribute_lines_show_nothing_and_part_paragraphs():
    doc = (
        "Now it's time to see if you have understood the maths of trees.\n"
        "::: problem id=1_1 marks=1\n"
        "Which of these films won the Oscar?\n\n"
        "* [ ] Jaws\n* [x] Rocky\n{.col-4}\n\n"
        ":::\n"
        "The answer is Rocky.\n"
    )
    texts = [b.text for b in text_blocks(doc, markdown=True)]
    assert not any(":::" in t or "{.col-4}" in t for t in texts)
    assert "Which of these films won the Oscar?" in texts
    assert "The answer is Rocky." in texts


def test_a_problem_number_set_in_bold_opens_a_numbered_item():
    from bot.extraction.restructure import numbered_paragraphs

    doc = (
        "Intro line.\n::: problem id=1_1\n"
        "__1.1__ For 6 dots there are two trees. Which of these are they?\n:::\n\n"
        "::: problem\n**1.2** Draw the trees with 7 dots. How many did you find?\n:::\n"
    )
    items = [(b.marker, b.text) for b in numbered_paragraphs(text_blocks(doc, markdown=True))]
    assert items[1:] == [
        ("__1.1__", "For 6 dots there are two trees. Which of these are they?"),
        ("**1.2**", "Draw the trees with 7 dots. How many did you find?"),
    ]
