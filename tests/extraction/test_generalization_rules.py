"""Rules that carry the extractor over to fresh real shapes, each on a small document of its own."""

from __future__ import annotations

from bot.extraction import extract
from bot.extraction.htmlblocks import html_blocks


def _turns(doc: str, fmt: str = "text") -> list[tuple[str | None, str]]:
    return [(t.speaker, t.text) for it in extract(doc, fmt=fmt).items for t in it.turns]


_FR_INTERVIEW = """<p>L’entretien qui suit a été réalisé avec Marie Dubois, monteuse, pendant le festival.</p>
<p><strong>Comment êtes-vous arrivée au montage ?</strong><br />Par hasard. J’étais assistante
sur un court métrage et le monteur est tombé malade.</p>
<p><strong>Quel est votre premier souvenir de salle ?</strong><br />Je me souviens d’un vieux
western, j’avais six ans.</p>
<p>Mon père m’y emmenait chaque dimanche.</p>
<p><strong>Travaillez-vous toujours avec les mêmes réalisateurs ?</strong><br />Souvent, oui.
Nous avons nos habitudes, je connais leurs manies.</p>
"""


def test_a_bold_question_on_its_own_line_is_a_block_of_its_own():
    blocks, _ = html_blocks(
        "<p><strong>Why this film?</strong><br/>Because it scared me.</p>"
        "<p><strong>Note:</strong><br/>not set apart.</p>"
    )
    assert [(b.text, b.bold) for b in blocks[:2]] == [
        ("Why this film?", True),
        ("Because it scared me.", False),
    ]
    assert len(blocks) == 3 and not blocks[2].bold  # a label is not a question set apart


def test_a_bold_opening_word_without_a_line_break_stays_in_its_paragraph():
    blocks, _ = html_blocks("<p><strong>Why this film?</strong> Because it scared me.</p>")
    assert len(blocks) == 1


def test_a_french_interview_with_bold_questions_and_no_labels():
    turns = _turns(_FR_INTERVIEW, fmt="html")
    assert [s for s, _ in turns] == ["Interviewer", "Marie Dubois"] * 3
    assert turns[0][1] == "Comment êtes-vous arrivée au montage ?"
    assert turns[3][1].endswith("Mon père m’y emmenait chaque dimanche.")


def _quotes(doc: str, fmt: str = "text") -> list[tuple[str | None, str]]:
    return [(it.speaker, it.text) for it in extract(doc, fmt=fmt).items if it.kind.value == "quote"]


_PRESS = """<h3>What the papers said</h3>
<div class="text">A festival that keeps proving small cameras can tell big stories.</div>
<div class="src">/// Daily Ledger 03/02/19</div>
<div class="text">Is there a better night out in town? The programme is sharp and generous.</div>
<div class="src">/// The Evening Post</div>
"""


def test_excerpts_each_followed_by_their_source_line_are_quotes_by_the_source():
    doc = extract(_PRESS, fmt="html")
    quotes = [(it.speaker, it.text) for it in doc.items if it.kind.value == "quote"]
    assert quotes == [
        ("Daily Ledger", "A festival that keeps proving small cameras can tell big stories."),
        (
            "The Evening Post",
            "Is there a better night out in town? The programme is sharp and generous.",
        ),
    ]
    # the excerpt's question is the paper's, not one to discuss
    assert not [it for it in doc.items if it.kind.value == "question"]


def test_a_single_paragraph_above_a_dash_line_is_not_a_press_list():
    doc = "We loved every minute of the screening and will be back next year.\n\n— Sam\n"
    assert _quotes(doc) == []


def _questions(doc: str, fmt: str = "markdown") -> list[str]:
    return [it.text for it in extract(doc, fmt=fmt).items if it.kind.value == "question"]


_LESSON = """## Opening

- Invite students to sit with a partner and open their notebooks.
- Play the clip twice, then collect the exit tickets at the door.
- Who is speaking in the first scene? Why does the camera stay on her face? What would you change?

“What does *frame* mean as it is used in this clip? What in the shot helps you understand it?” (A frame is the edge of the picture; the narrator points at it.)

“Is it raining?” he asked. “No.”
"""


def test_a_quoted_teacher_prompt_with_a_sample_answer_is_one_question():
    qs = _questions(_LESSON)
    assert (
        "What does *frame* mean as it is used in this clip? What in the shot helps you "
        "understand it?"
    ) in qs
    assert not any("narrator points" in q for q in qs)  # the sample answer is not the prompt
    assert not any("raining" in q for q in qs)  # somebody speaking, no sample answer


def test_a_list_item_of_questions_is_one_prompt_not_its_sentences():
    qs = _questions(_LESSON)
    assert (
        "Who is speaking in the first scene? Why does the camera stay on her face? What would you change?"
    ) in qs
    assert "What would you change?" not in qs


def test_a_script_cue_keeps_its_long_unwrapped_speech_lines():
    long = "And then, today, you showed up at the station with two tickets and a plan for once. "
    doc = (
        "EXT. STREET - DAY\n\nA dog runs by.\n\n"
        f"NICK\n{long * 2}\nIf I can just ask you out on a date.\n\n"
        "He walks on.\n\nLAURA\nNick!\n\nNICK\nOw!\n"
    )
    turns = _turns(doc, fmt="fountain")
    assert [s for s, _ in turns] == ["NICK", "LAURA", "NICK"]
    assert turns[0][1].endswith("If I can just ask you out on a date.")


def test_an_inline_line_break_ending_a_markdown_line_shows_nothing():
    doc = (
        "There is the following incredible exchange:\n\n"
        "> **Field Reporter**: Are they slow-moving, chief?<br/>\n"
        "> **Sheriff Hale**: Yeah, they're dead. They're all messed up.\n\n"
        "The film goes on.\n"
    )
    assert _turns(doc, fmt="markdown") == [
        ("Field Reporter", "Are they slow-moving, chief?"),
        ("Sheriff Hale", "Yeah, they're dead. They're all messed up."),
    ]


def test_a_short_block_quote_nobody_is_credited_with_is_an_unattributed_quote():
    doc = (
        "The film opens with a line I keep thinking about.\n\n"
        "> Either the town is cursed every winter, or something is wrong with the mayor.\n\n"
        "It sets the tone for the whole story.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (None, "Either the town is cursed every winter, or something is wrong with the mayor.")
    ]


def test_a_block_quoted_question_notes_or_script_lines_are_not_a_bare_quote():
    question = "> What did you think of the ending when you first saw it in the theatre?\n\n"
    notes = "> ## Instructions\n>\n> 1. Assign a notetaker for the group.\n> 2. Watch the clip.\n\n"
    script = "> RICK: No Sam, I'm waiting for a lady, and she is very late tonight.\n\n"
    note = "> This review was first published in 2012 and has been updated since then.\n\n"
    for doc in (question, notes, script, note):
        assert _quotes("Intro line here.\n\n" + doc + "Answer.\n", fmt="markdown") == []


def test_each_paragraph_of_an_uncredited_block_quoted_passage_is_a_quote():
    doc = (
        "Why is the film titled like this? A review I read explains it.\n\n"
        "> At Sundance, some viewers and critics wondered about the title. The answer is in "
        "the last scene, where the man watches her go and the screen splits in two.\n>\n"
        "> Here's the situation: two people in their late 30s meet at a wedding. They have "
        "known each other before, and the film slowly tells us how well.\n\n"
        "I agree with every word.\n"
    )
    got = _quotes(doc, fmt="markdown")
    assert [s for s, _ in got] == [None, None]
    assert got[0][1].startswith("At Sundance") and got[1][1].startswith("Here's the situation")


def test_a_guide_item_with_context_then_an_imperative_is_a_prompt():
    doc = (
        "## Talk about the film\n\n"
        "1. The farm is remote. How does the setting shape the family?\n"
        "2. There are many themes, such as loss and home. Choose one theme and describe how "
        "it grows.\n"
        "3. Who changes most by the end? Why?\n"
    )
    qs = _questions(doc)
    assert any(q.startswith("There are many themes") for q in qs)
    assert len(qs) == 3


def test_a_procedural_note_in_a_guide_list_is_not_a_prompt():
    doc = (
        "1. The farm is remote. How does the setting shape the family?\n"
        "2. Who changes most by the end? Why?\n"
        "3. Print the sheet first. Make copies for every table.\n"
    )
    assert not any(q.startswith("Print") for q in _questions(doc))


def test_an_editors_note_in_a_block_quote_is_not_a_quote():
    doc = "Intro line here.\n\n> This review was first published in the spring issue of 2012.\n\nEnd.\n"
    assert _quotes(doc, fmt="markdown") == []


def test_a_quotation_never_closed_runs_to_the_paragraph_end():
    doc = (
        "Sam Reyes spoke to the radio show on Monday.\n\n"
        "Reyes praised the director's style, adding 'she's such a bright light on any set.\n\n"
        "The film opens in May."
    )
    assert _quotes(doc) == [("Sam Reyes", "she's such a bright light on any set.")]


def test_an_apostrophe_opening_a_word_is_not_an_unclosed_quotation():
    doc = "Sam Reyes said the film looks like the '70s in every frame of it.\n\nIt opens in May."
    assert _quotes(doc) == []


def test_quoted_excerpts_each_followed_by_a_bare_source_name_are_quotes_by_the_source():
    doc = (
        "Intro.\n\n"
        '"A festival that keeps proving small cameras can tell big stories."\n\n'
        "**The Daily Ledger**\n\n"
        '"The programme is sharp and generous, the best night out in town."\n\n'
        "*Evening Post*\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("The Daily Ledger", "A festival that keeps proving small cameras can tell big stories."),
        ("Evening Post", "The programme is sharp and generous, the best night out in town."),
    ]


def test_paragraphs_above_bold_sub_headings_are_not_excerpts():
    doc = (
        "We liked it a lot, the whole thing was good fun for everyone.\n\n**The Good**\n\n"
        "The cast is great and the music works well in every scene.\n\n**The Bad**\n\nIt is long.\n"
    )
    assert _quotes(doc, fmt="markdown") == []


def test_a_pronoun_skips_places_and_examples_named_after_the_speaker():
    doc = (
        "Sam Reyes spoke to the radio show on Monday about the sequel.\n\n"
        "Theaters are still closed in big markets like New York and Los Angeles.\n\n"
        "He added that the film 'deserves to be seen on a very big screen,' and smiled."
    )
    assert _quotes(doc) == [("Sam Reyes", "deserves to be seen on a very big screen")]


def test_dash_dialogue_replies_are_not_source_lines():
    doc = (
        "Il regarda longtemps la mer avant de se retourner vers elle.\n\n— Non.\n\n"
        "Elle haussa les épaules et reprit sa lecture sans un mot.\n\n— Merci.\n"
    )
    assert _quotes(doc) == []


def test_french_attributions_with_guillemets():
    doc = (
        "Le film sort mercredi. Luc Besson était ravi.\n\n"
        "« C’est le plus beau jour de ma vie », a déclaré Luc Besson hier soir.\n\n"
        "« Nous recommencerons l’an prochain avec toute l’équipe », explique-t-il.\n\n"
        "Agnès Varda raconte : « Nous avons tourné la nuit, dans le froid, pendant trois "
        "semaines. »\n\n"
        "Ana Lind : « Je reviendrai ici chaque année avec mes films. »\n"
    )
    assert _quotes(doc) == [
        ("Luc Besson", "C’est le plus beau jour de ma vie"),
        ("Luc Besson", "Nous recommencerons l’an prochain avec toute l’équipe"),
        ("Agnès Varda", "Nous avons tourné la nuit, dans le froid, pendant trois semaines."),
        ("Ana Lind", "Je reviendrai ici chaque année avec mes films."),
    ]


def test_an_accented_lower_case_word_is_not_part_of_a_name():
    doc = "Intro.\n\nLuc Besson était ravi. « C’est un grand jour pour nous tous », dit-il.\n"
    assert _quotes(doc) == [("Luc Besson", "C’est un grand jour pour nous tous")]


def test_a_french_essay_asks_its_reader():
    doc = (
        "J’ai revu le film hier soir et je suis sorti bouleversé par la dernière scène.\n\n"
        "La photographie est magnifique, le montage aussi.\n\n"
        "Et vous, qu’en avez-vous pensé ? Avez-vous été convaincus par la fin du film ?\n"
    )
    assert _questions(doc) == [
        "Et vous, qu’en avez-vous pensé ?",
        "Avez-vous été convaincus par la fin du film ?",
    ]


def test_a_french_question_answered_at_once_is_not_for_the_reader():
    doc = "Le film raconte une famille. Pourquoi ce titre ? Parce que la maison brûle.\n\nFin.\n"
    assert _questions(doc) == []
