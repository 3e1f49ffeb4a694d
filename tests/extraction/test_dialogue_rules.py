"""Dialogue decisions, each on a small document of its own (shapes seen in real documents)."""

from __future__ import annotations

from bot.extraction import extract
from bot.extraction.dialogue_decisions import subtitle_labels_carry
from bot.models import Kind


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


def test_a_block_quoted_q_and_a_with_a_role_word_label():
    doc = (
        "The paper talked to the director.\n\n> LaTimes: Why did you shoot on film?\n>\n"
        "> Director: Because it looks like memory to me.\n>\n> LaTimes: And the budget?\n>\n"
        "> Director: It cost us dearly, but it was worth it.\n"
    )
    assert [s for s, _ in _turns(doc, "markdown")] == ["LaTimes", "Director"] * 2


def test_interview_questions_set_as_block_quotes():
    doc = (
        "We sat down with Ana Lopes to talk about her debut.\n\n> How did the film start?\n\n"
        "It started with a photograph my grandmother kept in a drawer.\n\n"
        "> Why black and white?\n\nI wanted the past to feel like the past to me.\n"
    )
    assert _turns(doc, "markdown") == [
        ("Interviewer", "How did the film start?"),
        ("Ana Lopes", "It started with a photograph my grandmother kept in a drawer."),
        ("Interviewer", "Why black and white?"),
        ("Ana Lopes", "I wanted the past to feel like the past to me."),
    ]


def test_a_quoted_question_in_an_essay_is_not_an_interview():
    doc = (
        "Critics kept asking the same thing.\n\n> Is the film too long?\n\n"
        "I think it is exactly as long as it needs to be, and the last hour earns it.\n"
    )
    assert _turns(doc, "markdown") == []


def test_dialogue_in_markdown_table_rows():
    doc = (
        "Transcript of the scene.\n\n| Speaker | Line |\n|---|---|\n"
        "| TANYA | Where were you last night? |\n| MARK | At the cinema, watching the late show. |\n"
        "| TANYA | Which film did you see? |\n| **MARK** | The one about the lighthouse. |\n"
    )
    assert _turns(doc, "markdown") == [
        ("TANYA", "Where were you last night?"),
        ("MARK", "At the cinema, watching the late show."),
        ("TANYA", "Which film did you see?"),
        ("MARK", "The one about the lighthouse."),
    ]


def test_a_data_table_is_not_dialogue():
    doc = (
        "| Film | Year |\n|---|---|\n| Alien | 1979 |\n| Heat | 1995 |\n| Alien | 1979 |\n\n"
        "| Day | Plan |\n|---|---|\n| Monday | Watch the film. |\n| Tuesday | Discuss it. |\n"
    )
    assert _turns(doc, "markdown") == []


def test_a_bulleted_list_of_labelled_questions_is_not_a_conversation():
    doc = (
        "Give each character a question that sums up their goal. Here's Jurassic Park:\n\n"
        "- Dr. Grant: will he learn to like kids?\n"
        "- Ian Malcolm: can he convince the others this is dangerous?\n"
        "- Dennis Nedry: will he escape with the eggs?\n"
    )
    assert _turns(doc, "markdown") == []


def test_a_bulleted_transcript_where_speakers_return_is_a_conversation():
    doc = (
        "From the rehearsal:\n\n- Tanya: Where were you last night?\n"
        "- Mark: At the cinema.\n- Tanya: Which film?\n- Mark: The lighthouse one.\n"
    )
    assert [s for s, _ in _turns(doc, "markdown")] == ["Tanya", "Mark", "Tanya", "Mark"]


def test_conversation_evidence_is_scored():
    from bot.extraction.dialogue_decisions import RunFeatures, is_conversation

    base = dict(turns=2, speakers=2, asked=False, all_sentences=True, people_labels=True)
    assert is_conversation(RunFeatures(**base, list_items=False))
    assert not is_conversation(RunFeatures(**base, list_items=True))
    assert not is_conversation(RunFeatures(**{**base, "people_labels": False}, list_items=False))
    assert not is_conversation(RunFeatures(**{**base, "speakers": 1}, list_items=False))


def test_interview_evidence_is_scored():
    from bot.extraction.dialogue_decisions import InterviewFeatures, is_unlabelled_interview

    base = dict(set_apart=4, questions=4, labelled=0, says_interview=False)
    fp = dict(first_person_answers=0.8)
    assert is_unlabelled_interview(InterviewFeatures(**base, **fp, question_headings=False))
    # question sub-headings (an essay's, a guide's) need the text to say it is an interview
    assert not is_unlabelled_interview(InterviewFeatures(**base, **fp, question_headings=True))
    says = {**base, "says_interview": True}
    assert is_unlabelled_interview(InterviewFeatures(**says, **fp, question_headings=True))
    few = {**base, "questions": 1}
    assert not is_unlabelled_interview(InterviewFeatures(**few, **fp, question_headings=False))


def test_bold_questions_opening_their_answer_paragraphs():
    md = (
        "We spoke with director Ana Lopes about her debut.\n\n"
        "**How did the film start?** It started with a photograph my grandmother kept.\n\n"
        "**Why black and white?** I wanted the past to feel like the past to me.\n"
    )
    expected = [
        ("Interviewer", "How did the film start?"),
        ("Ana Lopes", "It started with a photograph my grandmother kept."),
        ("Interviewer", "Why black and white?"),
        ("Ana Lopes", "I wanted the past to feel like the past to me."),
    ]
    assert _turns(md, "markdown") == expected
    html = (
        "<p>We spoke with director Ana Lopes about her debut.</p>"
        "<p><strong>How did the film start?</strong><br>It started with a photograph my "
        "grandmother kept.</p><p><strong>Why black and white?</strong><br>I wanted the past "
        "to feel like the past to me.</p>"
    )
    assert _turns(html, "html") == expected


def test_a_faq_with_bold_question_leads_is_not_an_interview():
    doc = (
        "# Club FAQ\n\n**When do screenings start?** Screenings start at eight on Fridays.\n\n"
        "**Can guests come?** Guests are welcome if a member brings them along.\n"
    )
    assert _turns(doc, "markdown") == []


def test_citations_in_brackets_do_not_make_a_play():
    doc = (
        "UNESCO (2019) found that cinemas close in small towns first.\n\n"
        "OECD (2020) reported the same pattern in rural regions.\n\n"
        "UNESCO (2021) added that festivals slow the decline.\n\n"
        "OECD (2022) agreed with this view and said so.\n"
    )
    assert _turns(doc) == []


def test_a_table_sorted_by_its_first_column_is_not_dialogue():
    doc = (
        "| Film | Note |\n|---|---|\n| Alien | First screening sold out. |\n"
        "| Alien | Second screening moved. |\n| Heat | Print arrived late. |\n"
        "| Heat | Sound was fixed. |\n"
    )
    assert _turns(doc, "markdown") == []


def test_questions_inside_exchanges_are_not_discussion_questions():
    from bot.models import Kind

    docs = [
        (
            "We sat down with Ana Lopes to talk about her debut.\n\n> How did the film start?\n\n"
            "It started with a photograph my grandmother kept.\n\n> Why black and white?\n\n"
            "I wanted the past to feel like the past to me.\n",
            "markdown",
        ),
        (
            "We spoke with director Ana Lopes.\n\n**How did the film start?** It started with "
            "a photograph I kept.\n\n**Why black and white?** I wanted the past to feel old.\n",
            "markdown",
        ),
        (
            "| Speaker | Line |\n|---|---|\n| TANYA | Where were you last night? |\n"
            "| MARK | At the cinema. |\n| TANYA | Which film did you see? |\n| MARK | Heat. |\n",
            "markdown",
        ),
    ]
    for doc, fmt in docs:
        kinds = [i.kind for i in extract(doc, fmt=fmt).items]
        assert Kind.EXCHANGE in kinds and Kind.QUESTION not in kinds, doc


def test_a_play_whose_cues_of_several_words_stand_alone_in_capitals():
    doc = (
        "SALOME\n\nA Tragedy in One Act\n\n"
        "THE YOUNG SYRIAN\n\nHow beautiful is the Princess Salome to-night!\n\n"
        "THE PAGE OF HERODIAS\n\nLook at the moon! How strange the moon seems!\n\n"
        "FIRST SOLDIER\n\nWhat an uproar! Who are those wild beasts howling?\n\n"
        "SECOND SOLDIER\n\nThe Jews. They are always like that.\n\n"
        "FIRST SOLDIER\n\nWhy do they dispute about their religion?\n\n"
        "SECOND SOLDIER\n\nI cannot tell. They are always doing it.\n\n"
        "THE YOUNG SYRIAN\n\nHow beautiful is the Princess Salome to-night!\n\n"
        "THE PAGE OF HERODIAS\n\nYou are always looking at her. You look at her too much.\n"
    )
    assert [s for s, _ in _turns(doc)] == [
        "THE YOUNG SYRIAN",
        "THE PAGE OF HERODIAS",
        "FIRST SOLDIER",
        "SECOND SOLDIER",
        "FIRST SOLDIER",
        "SECOND SOLDIER",
        "THE YOUNG SYRIAN",
        "THE PAGE OF HERODIAS",
    ]


def test_a_bold_question_interview_in_russian_is_an_interview():
    """Answers in the first person and an introduction that says so, in Russian (a real shape)."""
    doc = (
        "# Интервью с режиссёром\n\nМы встретились с режиссёром фильма после премьеры.\n\n"
        "**Как появилась идея фильма?**\n\n"
        "Идея пришла ко мне много лет назад, когда я работал в маленьком театре.\n\n"
        "**Сколько времени заняли съёмки?**\n\n"
        "Почти два года. Мы снимали только летом, потому что зимой это невозможно.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert turns[0] == ("Interviewer", "Как появилась идея фильма?")
    assert [s for s, _ in turns] == ["Interviewer", "Interviewee", "Interviewer", "Interviewee"]
    assert turns[3][1].startswith("Почти два года.")


def test_a_transcripts_one_speaker_passages_and_notes():
    """A speaker of the transcript's conversations speaking alone between audience notes is
    dialogue; a bold sub-heading is not the interviewer; a bracketed note alone is no speech."""
    doc = (
        "## Q&A\n\n[Asked how she got involved]\n\n"
        "**Jorja Fox:** I grew up in a very small town, and my grandmother loved animals.\n\n"
        "[How do circuses get their animals?]\n\n"
        "**Jorja Fox:** Most of them come from breeding programs in this country.\n\n"
        "**Post Screening**\n\n"
        "**Jorja Fox:** I love the film so much, and I was moved more than I wanted to be.\n\n"
        "**Interviewer:** *[unintelligible question]*\n\n"
        "**Jorja Fox:** Yeah, I think so. Not many people left early.\n\n"
        "**Interviewer:** Will you come back next year?\n\n"
        "**Jorja Fox:** I come here often, so yes.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert [s for s, _ in turns] == ["Jorja Fox"] * 4 + ["Interviewer", "Jorja Fox"]
    assert turns[0][1].startswith("I grew up") and turns[1][1].startswith("Most of them")
    assert not any("Post Screening" in t or "unintelligible" in t for _, t in turns)


def test_a_film_credits_block_is_not_dialogue():
    """Credits set as `Name: Role` lines (names repeat, like speakers) are not people speaking."""
    doc = (
        "# À nous la liberté (1931)\n\n"
        "René Clair: Director\n\nGeorges Auric: Music\n\nRené Clair: Writer\n\n"
        "Georges Périnal: Cinematography\n\n"
        "The film follows two convicts who plan an escape together.\n"
    )
    assert _turns(doc, fmt="markdown") == []
    spoken = (
        "Louis: We go tonight, before the guard changes.\n\n"
        "Émile: And if they catch us?\n\nLouis: Then we go tomorrow.\n"
    )
    assert [s for s, _ in _turns(doc + "\n" + spoken, fmt="markdown")] == [
        "Louis",
        "Émile",
        "Louis",
    ]


def test_q_dot_and_a_dot_transcripts_on_lines_or_in_paragraphs():
    """`Q. …` / `A. …`: an answer opening with a short sentence ("A. Very.") is still an answer."""
    lines = (
        "Interview with Jane Doe\n\nQ. How did the project start?\n"
        "A. With a photograph my grandmother kept.\n"
        "Q. Was it hard to finance?\nA. Very. We spent four years looking.\n"
    )
    paragraphs = lines.replace("?\nA.", "?\n\nA.").replace(".\nQ.", ".\n\nQ.")
    for doc in (lines, paragraphs):
        turns = _turns(doc)
        assert [s for s, _ in turns] == ["Q", "A", "Q", "A"]
        assert turns[3][1] == "Very. We spent four years looking."


def test_numbered_speakers_of_an_automatic_transcript():
    """`Speaker 1:` labels are speakers (their questions are not put to the reader);
    `Chapter 1:` and `Step 2:` are not."""
    doc = (
        "Transcript\n\nSpeaker 1: Welcome back to the show.\n\nSpeaker 2: Thanks for having me.\n\n"
        "Speaker 1: What did you think of the ending?\n\nSpeaker 2: It was perfect, honestly.\n"
    )
    assert [s for s, _ in _turns(doc)] == ["Speaker 1", "Speaker 2"] * 2
    assert not [i for i in extract(doc).items if i.kind == "question"]
    steps = (
        "How to run a screening\n\nStep 1: Pick a film everyone can find.\n\n"
        "Step 2: Watch it together.\n\nStep 1: Again, pick a film.\n\nStep 2: Discuss.\n"
    )
    assert _turns(steps) == []


def test_a_bold_name_alone_above_its_speech_is_a_cue_when_names_alternate():
    names = ("Jane Doe", "Tom Lee") * 2
    speech = ("I wanted something quiet.", "Why quiet?", "Everything else is loud.", "And?")
    md = "# Interview\n\nWe met the director.\n\n" + "".join(
        f"**{n}**\n\n{s}\n\n" for n, s in zip(names, speech, strict=True)
    )
    html = "<h1>Interview</h1><p>We met the director.</p>" + "".join(
        f"<p><strong>{n}</strong></p><p>{s}</p>" for n, s in zip(names, speech, strict=True)
    )
    want = list(zip(names, speech, strict=True))
    assert _turns(md, fmt="markdown") == want
    assert _turns(html, fmt="html") == want
    sections = "# Review\n\n**Plot**\n\nA man walks into the sea.\n\n**Cast**\n\nTom is good.\n"
    assert _turns(sections * 2, fmt="markdown") == []


def test_dialogue_set_one_line_per_table_row_with_bracketed_or_colon_labels():
    """A lesson's table used as layout: one labelled line per row, the other cells empty."""
    doc = (
        "## 1. Vocabulary\n\nDialog |\n------- | -------|\n"
        "[IAN] I don't agree with Kevin. |\n[IAN] I think movies are more fun. |\n"
        "[KEVIN] Some westerns are dreadful. |\n[KEVIN] Guess who wins? |\n\n"
        "## 2. Grammar\n\nDialog |\n------- | -------|\n"
        "TIM: I can't believe that movie was made with so little money. |\n"
        "MEGAN: Oh? How much money did they spend? |\nTIM: $6.1 million. |\n"
        "MEGAN: Huh. How did they do it? |\n\n"
        "## 3. Sounds\n\n[MUSIC] plays over the credits while we read.\n\n"
        "[LAUGHTER] follows the joke, as it should.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert [s for s, _ in turns] == ["IAN", "IAN", "KEVIN", "KEVIN", "TIM", "MEGAN", "TIM", "MEGAN"]
    assert turns[0][1] == "I don't agree with Kevin." and turns[5][1].startswith("Oh? How much")
    assert not [i for i in extract(doc, fmt="markdown").items if i.kind == "question"]


def test_a_bold_question_interview_named_in_its_front_matter_title_and_signed_off():
    """The title in the front matter names the interviewee; character references show as the
    reader sees them; the author's closing line about the interviewee is not an answer."""
    doc = (
        "---\ntitle: 'The Future of British Film: Interview with Rob Savage'\n---\n\n"
        "Last week I went to the festival and spent a packed day watching films.\n\n"
        "**How does it feel to be a role model?**\n\n"
        "I think it&#8217;s nice to feel that something I made could inspire people.\n\n"
        "**Was the leap to a feature daunting?**\n\n"
        "It was completely daunting, but freeing at the same time. ****\n\n"
        "**Which director do you most admire?**\n\n"
        "I think this week it&#8217;s Steven Soderbergh, because he&#8217;s retiring.\n\n"
        "Rob is currently working on his second feature. Can&#8217;t wait!\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert [s for s, _ in turns] == ["Interviewer", "Rob Savage"] * 3
    assert turns[1][1] == "I think it’s nice to feel that something I made could inspire people."
    assert turns[3][1] == "It was completely daunting, but freeing at the same time."
    assert turns[5][1] == "I think this week it’s Steven Soderbergh, because he’s retiring."


def test_a_plays_speech_under_its_cue_opening_with_the_cues_own_direction():
    """Gutenberg's Ibsen: the cue alone ("BERTA."), then "[Also softly.]  I told you so…"."""
    doc = (
        "HEDDA GABLER\n\nACT FIRST\n\n"
        "MISS TESMAN.\n\n[Stops close to the door, listens, and says softly:]  Upon my word, I\n"
        "don't believe they are stirring yet!\n\n\n"
        "BERTA.\n\n[Also softly.]  I told you so, Miss.  Remember how late the steamboat\n"
        "got in last night.\n\n\n"
        "MISS TESMAN.\n\nWell well--let them have their sleep out.\n\n\n"
        "BERTA.\n\n[Beside the table, at a loss what to do with the bouquet in her hand.]\n"
        "I declare there isn't a bit of room left.\n"
    )
    turns = _turns(doc)
    assert [s for s, _ in turns] == ["MISS TESMAN", "BERTA"] * 2
    assert turns[0][1].startswith("Upon my word, I")
    assert turns[1][1].startswith("I told you so, Miss.")
    assert turns[3][1] == "I declare there isn't a bit of room left."


def test_subtitle_speakers_from_webvtt_voice_tags_dash_lines_and_bracketed_names():
    vtt = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Roger Bingham>We are in New York City.\n\n"
        "00:00:03.500 --> 00:00:05.000\n<v.loud Neil deGrasse Tyson>Yes, we are.\n\n"
        "00:00:05.500 --> 00:00:07.000\n<v Roger Bingham>We talk about <i>the film</i>.</v>\n\n"
        "00:00:07.500 --> 00:00:09.000\n<v Neil deGrasse Tyson>Which one?\n"
    )
    assert _turns(vtt) == [
        ("Roger Bingham", "We are in New York City."),
        ("Neil deGrasse Tyson", "Yes, we are."),
        ("Roger Bingham", "We talk about the film."),
        ("Neil deGrasse Tyson", "Which one?"),
    ]
    srt = (
        "1\n00:00:01,000 --> 00:00:03,000\n- [JOHN] Where were you?\n- [MARY] Out.\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\n(JOHN) Out where?\n\n"
        "3\n00:00:05,500 --> 00:00:07,000\n(MARY) Just out, John.\n\n"
        "4\n00:00:07,500 --> 00:00:09,000\n[MUSIC] plays on over the credits\n"
    )
    assert _turns(srt) == [
        ("JOHN", "Where were you?"),
        ("MARY", "Out."),
        ("JOHN", "Out where?"),
        ("MARY", "Just out, John."),
    ]


def test_bold_q_dot_questions_and_a_dashed_interview():
    bold = (
        "# Jane Doe on The Sea\n\n**Q. Why did you shoot in Iceland?**\n\n"
        "A. I wanted the cold to be in every frame.\n\n**Q. Was it hard on the crew?**\n\n"
        "A. Very. We froze for six weeks.\n"
    )
    assert _turns(bold, fmt="markdown") == [
        ("Q", "Why did you shoot in Iceland?"),
        ("A", "I wanted the cold to be in every frame."),
        ("Q", "Was it hard on the crew?"),
        ("A", "Very. We froze for six weeks."),
    ]
    dashed = (
        "# Интервью с режиссёром\n\nМы встретились с режиссёром после премьеры.\n\n"
        "— Почему вы снимали в Исландии?\n\n— Я хотела, чтобы холод был в каждом кадре.\n\n"
        "— Было трудно?\n\n— Очень. Мы мерзли шесть недель, но я ни о чём не жалею.\n"
    )
    turns = _turns(dashed, fmt="markdown")
    assert [s for s, _ in turns] == ["Interviewer", "Interviewee"] * 2
    assert turns[1][1] == "Я хотела, чтобы холод был в каждом кадре."
    novel = "# Chapter one\n\nShe came in late.\n\n— Where were you?\n\n— Out.\n\n— Out where?\n"
    assert _turns(novel, fmt="markdown") == []


def test_a_named_persons_labelled_answers_between_narration_join_the_conversation():
    """A feature quoting its interviewees as labelled turns between paragraphs of narration:
    one who answers alone each time is still a speaker, named in the prose and labelled alike."""
    doc = (
        "# Onward: three Pixar coordinators\n\nWe spoke with Dana Frankoff and Christine Crowley.\n\n"
        "**Interviewer:** What do you miss most about Houston?\n\n"
        "**Dana:** The food, and my family, in that order.\n\n"
        "**Interviewer:** And least?\n\n**Dana:** The humidity, every single day.\n\n"
        "Christine went on to say what made this project special to her.\n\n"
        "**Christine:** This is the first role at Pixar where I got to travel for it.\n\n"
        "It is delightful to see how the process is special for production members.\n\n"
        "**Christine:** The best part was being in the room for the story conversations.\n"
    )
    speakers = [s for s, _ in _turns(doc, fmt="markdown")]
    assert speakers == ["Interviewer", "Dana", "Interviewer", "Dana", "Christine", "Christine"]


def test_a_crew_list_inside_an_interview_is_not_a_turn():
    doc = (
        "# Coin Operated: Q&A with Nick\n\n**Can you discuss your crew?**\n\n"
        "Nick: I was lucky to work with a great team, and I learned a lot from them.\n\n"
        "Film Crew:\nWriter / Director: Nicholas Arioli, San Francisco, CA\n"
        "Producer: Jennifer Dahlman, CA\nComposers: Emile Mosseri and Alex Schiff, New York\n"
        "Executive Producers: Jessica Sittig (San Francisco), Serkan Piantino (New York), and "
        "Andrew Bosworth (CA)\n\n**How did you get into film?**\n\n"
        "**Nick:** I love movies. They work really well on me.\n\n**What next?**\n\n"
        "**Nick:** A feature, I hope, if the money comes.\n"
    )
    speakers = [s for s, _ in _turns(doc, fmt="markdown")]
    assert speakers == ["Interviewer", "Nick"] * 3


def test_an_interview_with_plain_question_paragraphs_but_not_an_essay_asking_itself():
    interview = (
        "# Jane Doe on The Sea\n\nWe spoke with the director the day after the premiere.\n\n"
        "How did the project start?\n\nIt started with a photograph my grandmother kept.\n\n"
        "Why Iceland?\n\nI wanted the cold to be in every frame, and the light.\n\n"
        "What did the cast think of the weather?\n\nThey hated it at first. Then we got used to it.\n"
    )
    turns = _turns(interview, fmt="markdown")
    assert [s for s, _ in turns] == ["Interviewer", "Jane Doe"] * 3
    essay = (
        "# Why I love slow cinema\n\nWhy do I keep coming back to slow films?\n\n"
        "I think it is because they give me time to think.\n\nIs that a luxury?\n\n"
        "Maybe it is, but I have learned to love it.\n\nWhat about the long take?\n\n"
        "I would choose it every time.\n"
    )
    assert _turns(essay, fmt="markdown") == []


def test_a_plays_cue_followed_by_a_dash_and_its_direction():
    doc = (
        "THE PLAYBOY OF THE WESTERN WORLD\n\nACT I\n\n"
        "PEGEEN — [slowly as she writes.] — Six yards of stuff for to make a yellow gown.\n\n"
        "SHAWN KEOGH — [a fat and fair young man comes in.] — Where's himself?\n\n"
        "PEGEEN — [without looking at him.] — He's coming.\n\n"
        "SHAWN — [uneasily.] — I didn't see him on the road.\n"
    )
    turns = _turns(doc)
    assert [s for s, _ in turns] == ["PEGEEN", "SHAWN KEOGH", "PEGEEN", "SHAWN"]
    assert turns[1][1] == "Where's himself?"
    assert not [i for i in extract(doc).items if i.kind == "question"]


def test_an_interview_whose_questions_are_emphasised_sub_headings_put_to_you():
    doc = (
        "# Stage Time Above Perfection\n\nThis week's feature is **Jonathan Cortizo**, a "
        "Brooklyn filmmaker.\n\n### _**Introduce yourself - who are you?**_\n\n"
        "My name is Jonathan Cortizo, and I direct documentary and fashion films.\n\n"
        "### _**What do you love best about your type of work?**_\n\n"
        "I love identifying shared pain that affects people across broad spectrums.\n\n"
        "### _**What advice would you give to a beginner?**_\n\n"
        "Shoot every day, even when it is bad. I still do.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert [s for s, _ in turns][::2] == ["Interviewer"] * 3
    assert turns[1][1].startswith("My name is Jonathan Cortizo")


def test_an_interviewers_prompts_may_be_remarks_put_to_the_interviewee():
    doc = (
        "# An Interview with Errol Morris\n\nI recently spoke with Morris in his office.\n\n"
        "**Your company is called Fourth Floor Productions, but we're on the second floor.**\n\n"
        "I used to have an office in midtown Manhattan, in an abandoned building.\n\n"
        "**So you had the fourth floor?**\n\nNo. I had the third floor.\n\n"
        "**You once worked as a private detective.**\n\nI did, for my boss Jimmy Mintz.\n\n"
        "**Your first film was about pet cemeteries.**\n\nIt was, and I still love it.\n\n"
        "**Do you think that criticism had to do with expectations?**\n\nYes, I do.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert [s for s, _ in turns][::2] == ["Interviewer"] * 5
    assert turns[0][1].startswith("Your company is called")
    assert turns[1][1].startswith("I used to have an office")
    essay = (
        "# Why I love Alien\n\n**You never forget the first time you see it.**\n\n"
        "I was twelve when I saw the chestburster scene.\n\n**Is it a horror film?**\n\n"
        "I think it is a haunted-house film.\n\n**You might disagree.**\n\nMy friends do.\n\n"
        "**Or is it science fiction?**\n\nI say both.\n\n**Your call.**\n\nI made mine.\n"
    )
    assert _turns(essay, fmt="markdown") == []


def test_the_last_cell_of_a_table_set_in_a_block_quote_is_not_a_quotation():
    doc = (
        "<p>Notice to producers.</p><blockquote><table>"
        "<tr><td>No changes shall be made.</td></tr>"
        "<tr><td>The publication of this play does not imply that it is necessarily available "
        "for performance by amateurs or professionals. Amateurs and professionals considering "
        "a production are advised to apply to Samuel French, Inc., for consent.</td></tr>"
        "</table></blockquote>"
    )
    assert [i for i in extract(doc, fmt="html").items if i.kind == "quote"] == []


def test_a_gutenberg_html_plays_small_capital_cues_with_a_no_break_space():
    doc = (
        "<h1>LADY WINDERMERE'S FAN</h1><h2>FIRST ACT</h2>"
        '<p>[<i>Enter</i> <span class="smcap">Parker</span>.]</p>\n'
        '<p><span class="smcap">Parker</span>.&nbsp; Is your ladyship at\nhome this '
        "afternoon?</p>\n"
        '<p><span class="smcap">Lady Windermere</span>.&nbsp;\nYes&mdash;who has called?</p>\n'
        '<p><span class="smcap">Parker</span>.&nbsp; Lord Darlington, my\nlady.</p>\n'
        '<p><span class="smcap">Lady Windermere</span>.&nbsp;\n[<i>Hesitates for a moment</i>.]'
        "&nbsp; Show him up&mdash;and\nI&rsquo;m at home to any one who calls.</p>\n"
    )
    turns = _turns(doc, fmt="html")
    assert [s for s, _ in turns] == ["Parker", "Lady Windermere", "Parker", "Lady Windermere"]
    assert " ".join(turns[0][1].split()) == "Is your ladyship at home this afternoon?"
    assert " ".join(turns[3][1].split()) == "Show him up—and I’m at home to any one who calls."


def test_labels_in_chinese_script_with_a_full_width_colon_and_numbered_excerpts():
    doc = (
        "下面是我翻译的剧中几段台词。\n\n1.\n\n"
        "    塞琳娜：我看上去变了吗？\n\n    杰西：你必须脱了衣服，我才能知道。\n\n"
        "Celine: Do I look any different?\n\nJesse: I'd have to see you naked.\n\n2.\n\n"
        "    杰西（谈到他的婚姻）：我觉得自己好像同某个过去的约会对象一起管理托儿所。\n\n"
        "Jesse: I feel like I'm running a small nursery with someone I used to date.\n"
    )
    turns = _turns(doc)
    assert [s for s, _ in turns] == ["塞琳娜", "杰西", "Celine", "Jesse", "杰西", "Jesse"]
    assert turns[3][1] == "I'd have to see you naked."
    assert turns[4][1] == "我觉得自己好像同某个过去的约会对象一起管理托儿所。"


def test_a_sections_name_before_a_colon_is_no_speaker():
    doc = (
        "Day One: Sitting in her living room, I asked her about editors. After Shawn read her "
        'pan of Badlands, he said, "I guess you didn\'t know that Terry is like a son to me."\n\n'
        'Day Two: I returned for our second conversation, and Kael said, "Tough luck, Bill."\n'
    )
    got = extract(doc, fmt="markdown")
    assert [i for i in got.items if i.turns] == []
    assert [i.text for i in got.items if i.kind == "quote"] == [
        "I guess you didn't know that Terry is like a son to me.",
        "Tough luck, Bill.",
    ]


def test_a_radio_transcripts_labels_with_a_broken_space_after_the_honorific():
    doc = (
        "(Soundbite of movie)\n\n"
        "Mr.\ufffdCOLIN FIRTH (Actor): (As George Falconer) Finally. It has been raining here.\n\n"
        "Mr.\ufffdJON HAMM (Actor): (As Hank Ackerley) I'm sorry. I must have the wrong number.\n\n"
        "Mr.\ufffdFIRTH: (As George Falconer) I'm sorry, I was expecting someone else.\n"
    )
    assert [s for s, _ in _turns(doc)] == [
        "Mr.\ufffdCOLIN FIRTH",
        "Mr.\ufffdJON HAMM",
        "Mr.\ufffdFIRTH",
    ]


def test_a_broadcast_transcripts_labels_with_the_speakers_role_after_a_comma():
    doc = (
        "TERRY GROSS, HOST: This is FRESH AIR. I'm Terry Gross.\n\n"
        "(BEGIN AUDIO CLIP)\n\n"
        "SANDRA BULLOCK, ACTRESS: At last.\n\nVAL KILMER, ACTOR: At last?\n\n"
        "BULLOCK: Didn't I tell you Aaron?\n\nKILMER: Freedom? Why would I care about that?\n\n"
        "Well, yes: I think so, said nobody.\n"
    )
    assert [s for s, _ in _turns(doc)] == [
        "TERRY GROSS",
        "SANDRA BULLOCK",
        "VAL KILMER",
        "BULLOCK",
        "KILMER",
    ]


def test_plain_questions_above_the_interviewees_labelled_answers_are_the_interviewers():
    doc = (
        "The following questions and answers are excerpted from a conversation after the "
        "screening.\n\nWhat was your writing process like?\n\n"
        "Asghar Farhadi: I let my subconscious work and I write anything that comes.\n\n"
        "The family dynamic is so strong. How did you create that?\n\n"
        "AF: This comes from our lives in Iran as well.\n"
    )
    turns = _turns(doc)
    assert [s for s, _ in turns] == ["Interviewer", "Asghar Farhadi", "Interviewer", "AF"]
    essay = (
        "What makes a film last?\n\nNote: this essay was first published in 2010.\n\n"
        "Why do we return to it?\n\nUpdate: a sequel is coming.\n"
    )
    assert _turns(essay) == []


_WORKSHEET = (
    "2. Read the following excerpts of the film transcript. Then respond to the prompts below.\n\n"
    "TANYA: We will all be better off if less plastic is manufactured in the first place. "
    "Scientists are calling for it.\n\n"
    "WOMAN: Rwanda being an agricultural country, we have tried to assess the impact of "
    "plastic bags on our soil.{note}\n\n"
    "**Part A**\n\n"
    "What is the gist of this excerpt?\n"
)


def test_two_upper_case_labels_each_speaking_once_are_a_transcript_excerpt():
    assert _turns(_WORKSHEET.format(note=""), fmt="markdown") == [
        (
            "TANYA",
            "We will all be better off if less plastic is manufactured in the first place. "
            "Scientists are calling for it.",
        ),
        (
            "WOMAN",
            "Rwanda being an agricultural country, we have tried to assess the impact of "
            "plastic bags on our soil.",
        ),
    ]


def test_a_time_code_after_the_last_sentence_still_ends_a_sentence():
    turns = _turns(_WORKSHEET.format(note=" (1:25:41–2:26:41)"), fmt="markdown")
    assert [s for s, _ in turns] == ["TANYA", "WOMAN"]
    assert turns[1][1].endswith("our soil. (1:25:41–2:26:41)")


def test_a_cue_with_a_title_and_no_full_stop_before_its_direction_starts_a_turn():
    # Wilde as Gutenberg prints him: "MRS. CHEVELEY [_Superciliously_.]  Indeed?"
    doc = (
        "LADY CHILTERN.  We were at school together, Mrs. Cheveley.\n\n"
        "MRS. CHEVELEY [_Superciliously_.]  Indeed?  I have forgotten all about my\n"
        "schooldays.\n\n"
        "LADY CHILTERN.  [_Coldly_.]  I am not surprised!\n"
    )
    assert _turns(doc) == [
        ("LADY CHILTERN", "We were at school together, Mrs. Cheveley."),
        ("MRS. CHEVELEY", "Indeed?  I have forgotten all about my\nschooldays."),
        ("LADY CHILTERN", "I am not surprised!"),
    ]


def test_a_cues_own_direction_over_two_lines_is_not_part_of_the_speech():
    doc = (
        "MRS. CHEVELEY.  How do you do, Lady Chiltern?\n\n"
        "LADY CHILTERN.  [_Advances towards_ MRS. CHEVELEY _with a sweet smile_.\n"
        "_Then suddenly stops_, _and bows rather distantly_.]  I think Mrs.\n"
        "Cheveley and I have met before.\n\n"
        "MRS. CHEVELEY.  I have been out of England for so long.\n"
    )
    assert _turns(doc)[1] == ("LADY CHILTERN", "I think Mrs.\nCheveley and I have met before.")


def test_a_spanish_interview_of_plain_numbered_questions_names_its_subject_from_the_title():
    doc = (
        '<html><head><title>Juan Minujín: "Vaquero es una película sobre el oficio"</title>'
        "</head><body><article>"
        "<p>El actor estrena su primera película. Conversamos con él en Buenos Aires.</p>"
        "<p>1- ¿Cómo nació la idea de Vaquero?</p>"
        "<p>Nació de mi experiencia como actor, de los castings y de las esperas.</p>"
        "<p>2- ¿Fue difícil dirigirte a vos mismo?</p>"
        "<p>Sí, bastante. Al final confié en el equipo.</p>"
        "<p>3- ¿Qué viene ahora?</p><p>Una serie para televisión.</p>"
        "</article></body></html>"
    )
    turns = _turns(doc, fmt="html")
    assert turns[:2] == [
        ("Interviewer", "¿Cómo nació la idea de Vaquero?"),
        ("Juan Minujín", "Nació de mi experiencia como actor, de los castings y de las esperas."),
    ]
    assert len(turns) == 6


def test_an_italic_question_interview_keeps_the_interviewers_remarks_and_stops_at_the_byline():
    doc = (
        "_The screening on Sunday will be introduced by Mark Fuller, who edited this interview._\n\n"
        "**Michael Powell interviewed by Kevin Brownlow on ‘A Woman of Paris’**\n\n"
        "_I heard second-hand about the effect that the film had on you to begin with._\n\n"
        "Oh well, in 1921, I was 16, and I was determined to go into films.\n\n"
        "_But it didn’t work with the audiences, did it?_\n\n"
        "I don’t know, well, I don’t think so.\n\n"
        "_And yet the style was picked up by all those other directors._\n\n"
        "Yes, I think of Monta Bell, and Lubitsch of course.\n\n"
        "_What were your first reactions when you saw it again?_\n\n"
        "First reactions? I felt a deliberate control from the opening shot.\n\n"
        "**Michael Powell interviewed by Kevin Brownlow, London 1977**\n<br>\n\n"
        "_Cast:_\n\n"
        "Edna Purviance _(Marie)_  \nAdolphe Menjou _(Pierre)_\n"
    )
    assert _turns(doc, fmt="markdown") == [
        (
            "Interviewer",
            "I heard second-hand about the effect that the film had on you to begin with.",
        ),
        ("Michael Powell", "Oh well, in 1921, I was 16, and I was determined to go into films."),
        ("Interviewer", "But it didn’t work with the audiences, did it?"),
        ("Michael Powell", "I don’t know, well, I don’t think so."),
        ("Interviewer", "And yet the style was picked up by all those other directors."),
        ("Michael Powell", "Yes, I think of Monta Bell, and Lubitsch of course."),
        ("Interviewer", "What were your first reactions when you saw it again?"),
        (
            "Michael Powell",
            "First reactions? I felt a deliberate control from the opening shot.",
        ),
    ]


def test_a_conversation_in_a_synopsis_does_not_make_an_essays_questions_an_interview():
    doc = (
        "# Undine\n\n"
        "Christoph tells her of his interest at the café. During that conversation, an "
        "aquarium breaks.\n\n"
        "## Analysis\n\n"
        "Or is this film an exercise in style, to be looked at as an aesthetic experience?\n\n"
        "The Movie Shrink believes the story alludes to other stories.\n\n"
        "But is there still something else? Is there more?\n\n"
        "The Movie Shrink believes so, although these elements are not obvious.\n\n"
        "But how to make sense of this, what does it suggest?\n\n"
        "It suggests that Germany has met different challenges of integration.\n"
    )
    assert _turns(doc, fmt="markdown") == []


def test_a_headline_read_out_in_a_subtitle_is_no_quote():
    doc = _srt(
        'The headline says, "Plague spreads across the whole of Europe tonight."',
        "- Nobody knows.\n- Keep reading.",
        "What does it say next?",
    )
    items = extract(doc, fmt="text").items
    assert [i for i in items if i.kind.value in ("quote", "question")] == []


def test_a_labelled_turn_set_wholly_in_italics_keeps_its_label():
    doc = (
        "Welcome back to the podcast, where we share stories from filmmakers.\n\n"
        "*Max: Courtney, how are you today?*\n\n"
        "Courtney: I'm good. Thank you Max.\n\n"
        "*Max: Where did your film journey start?*\n\n"
        "Courtney: In Houston, in our twenties, working in advertising.\n"
    )
    assert _turns(doc, fmt="markdown") == [
        ("Max", "Courtney, how are you today?"),
        ("Courtney", "I'm good. Thank you Max."),
        ("Max", "Where did your film journey start?"),
        ("Courtney", "In Houston, in our twenties, working in advertising."),
    ]


def test_a_reviews_before_and_after_sections_are_no_exchange():
    doc = (
        "Year 1, Day 248\n\n"
        "BEFORE: Another double-feature day today. Expectations are extremely low going into "
        "this film; I wonder if I'll be one of the people who like it.\n\n"
        "AFTER: Turns out, it wasn't nearly as bad as I was expecting it to be. The music, "
        "yes the music, I found to be well done and entertaining.\n"
    )
    assert _turns(doc, fmt="markdown") == []


def test_a_paragraph_telling_of_the_speakers_is_the_editors_not_the_last_answer():
    doc = (
        "**Dana:** That is a good question. Go where you can get the best education.\n\n"
        "**Jacy:** Keep going! A lot of people will tell you no, but you push past that.\n\n"
        "Adversity is a common thread, but the best advice is to persist. Dana explains why "
        "Pixar is the studio she considers home.\n\n"
        "**Dana:** The culture in a company is always very different.\n\n"
        "**Jacy:** I went to Texas A&M and came out here my last year of college.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert (
        "Jacy",
        "Keep going! A lot of people will tell you no, but you push past that.",
    ) in turns
    assert not any("Adversity" in text for _, text in turns)


def test_an_answer_running_over_a_site_generators_tag_is_kept_whole():
    doc = (
        "**Dana:** I went to school in Houston, and I studied animation there for years.\n\n"
        "**Jacy:** I studied visualization at Texas A&M and I loved every class.\n\n"
        '{% include media type="img" src="/img/onward.jpg" %}\n\n'
        "I then came out here my last year of college and was hired as a PA.\n\n"
        "**Dana:** The culture in a company is always very different.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert (
        "Jacy",
        "I studied visualization at Texas A&M and I loved every class.\n\n"
        "I then came out here my last year of college and was hired as a PA.",
    ) in turns


def test_speaker_names_set_as_sub_headings_are_turns():
    doc = (
        "# Season 1 Q&A\n\n"
        "#### TIM\n\nHello, and welcome to the season one questions. What are your thoughts?\n\n"
        "#### BEN\n\nWhat a season. It was well seasoned.\n\n"
        "#### TIM\n\nSo we've got a lot of questions from the fans.\n\n"
        "A great many of them, in fact.\n\n"
        "#### BEN\n\nShall I read the first one?\n"
    )
    assert _turns(doc, fmt="markdown") == [
        ("TIM", "Hello, and welcome to the season one questions. What are your thoughts?"),
        ("BEN", "What a season. It was well seasoned."),
        ("TIM", "So we've got a lot of questions from the fans.\n\nA great many of them, in fact."),
        ("BEN", "Shall I read the first one?"),
    ]


def test_capital_sub_headings_that_do_not_alternate_are_no_speakers():
    doc = (
        "# A review\n\n## SYNOPSIS\n\nA woman returns to her village after ten years.\n\n"
        "## VERDICT\n\nSee it on the biggest screen you can find.\n"
    )
    assert _turns(doc, fmt="markdown") == []


def test_an_interview_titled_q_and_a_colon_name_names_its_subject_not_the_film():
    doc = (
        "<html><body><article><h1>Q&amp;A: Céline Sciamma</h1>"
        "<p>The director of Petite Maman talks about childhood and time.</p>"
        "<h3>Where did the idea come from?</h3>"
        "<p>It came from a feeling more than a story. I wanted to make a film about a girl.</p>"
        "<h3>Why shoot in autumn?</h3>"
        "<p>Autumn is the season of transition. The light is beautiful and sad.</p>"
        "<h3>What comes next?</h3><p>I am writing. That is all I can say.</p>"
        "</article></body></html>"
    )
    speakers = {s for s, _ in _turns(doc, fmt="html")}
    assert speakers == {"Interviewer", "Céline Sciamma"}


def test_a_film_named_after_of_in_the_introduction_is_not_the_interviewee():
    doc = (
        "<html><body><article><h1>Childhood and time</h1>"
        "<p>We spoke with the director of Petite Maman about childhood.</p>"
        "<h3>Where did the idea come from?</h3>"
        "<p>It came from a feeling more than a story. I wanted to make a film about a girl.</p>"
        "<h3>Why shoot in autumn?</h3>"
        "<p>Autumn is the season of transition. I find the light beautiful and sad.</p>"
        "</article></body></html>"
    )
    speakers = {s for s, _ in _turns(doc, fmt="html")}
    assert "Interviewer" in speakers and "Petite Maman" not in speakers


def test_a_bold_labelled_question_with_the_answer_on_the_next_line_is_two_turns():
    doc = (
        "Interview conducted and transcribed by Ramzi S.\n\n"
        "**R: How do you decide what musical or play you’re going to do?**  \n"
        "F: Well, usually we think about the talent that we have in the school.\n\n"
        "**R: You’ve done twelve plays now at Marymount**  \n"
        "F: Have I? [laughs]\n"
    )
    assert _turns(doc, fmt="markdown") == [
        ("R", "How do you decide what musical or play you’re going to do?"),
        ("F", "Well, usually we think about the talent that we have in the school."),
        ("R", "You’ve done twelve plays now at Marymount"),
        ("F", "Have I? [laughs]"),
    ]


def test_an_exchange_set_in_a_preformatted_block_is_dialogue_but_code_is_not():
    doc = (
        "In season 2, Jack and Locke had this epic debate about the hatch.\n\n"
        "<pre>Jack: It's a button.  \nLocke: It's a leap of faith, Jack.</pre>\n\n"
        "The finale settles it.\n\n"
        "```\nconfig: true\nname: lost\n```\n"
    )
    assert _turns(doc, fmt="markdown") == [
        ("Jack", "It's a button."),
        ("Locke", "It's a leap of faith, Jack."),
    ]


def test_a_lesson_plans_bold_fields_are_no_speakers():
    doc = (
        "# Lesson 4: Reading a Scene (Rear Window)\n\n"
        "**Objective:** Students analyse how framing builds suspense.\n\n"
        "**Warm-up (5 min):** Ask students: What is the scariest thing you have ever "
        "watched, and why?\n\n"
        "**Activity:** Watch the clip. In pairs, students discuss:\n\n"
        "- Where is the camera? Whose point of view do we share?\n"
        "- What do we know that Lisa does not?\n\n"
        "**Exit ticket:** In one sentence, explain how Hitchcock makes us complicit.\n"
    )
    items = extract(doc, fmt="markdown").items
    assert not any(i.turns for i in items)
    assert [i.text for i in items if i.kind.value == "question"] == [
        "Ask students: What is the scariest thing you have ever watched, and why?",
        "Where is the camera? Whose point of view do we share?",
        "What do we know that Lisa does not?",
    ]


def test_two_named_characters_trading_lines_stay_an_exchange():
    doc = (
        "Her, a review\n\nTheodore: How many others?\nSamantha: 641.\n\n"
        "**Verdict:** See it.\n\n**Runtime:** 126 minutes.\n\n**Rating:** 9/10.\n"
    )
    assert _turns(doc, fmt="markdown") == [("Theodore", "How many others?"), ("Samantha", "641.")]


def test_a_character_named_by_role_in_lower_case_is_a_speaker():
    doc = (
        "**Monica :** Bonjour à tous.\n\n"
        "**Le photographe :** Superbe. Donnez-moi une seconde.\n\n"
        "**Chandler :** Bien sûr, prenez votre temps.\n\n"
        "**Le photographe :** Maintenant, pourquoi ne pas prendre Monica en photo ?\n\n"
        "**Monica :** D'accord.\n"
    )
    (exchange,) = extract(doc, fmt="markdown").items
    assert [t.speaker for t in exchange.turns] == [
        "Monica",
        "Le photographe",
        "Chandler",
        "Le photographe",
        "Monica",
    ]


def test_a_bold_lead_in_with_an_article_is_no_speaker():
    doc = (
        "The film opens quietly.\n\n"
        "**The verdict:** see it twice.\n\n"
        "**A question:** why does it end there?\n\n"
        "**The verdict:** a triumph.\n"
    )
    assert not any(i.kind is Kind.EXCHANGE for i in extract(doc, fmt="markdown").items)


def test_sdh_speakers_named_in_brackets_are_turns_and_sounds_are_not():
    doc = _srt(
        "[car engine starts]",
        "[sighs] Oh.",
        "[man on PA]\nMontauk train on Track B.",
        "[Joel] It's freezing\non this beach.",
        "I ditched work today.",
        "- Snappy name, huh?\n- [Joel] I like it.",
        "[both laughing]",
        "[Clementine] You're kinda closed-mouthed,\naren't you?",
    )
    assert _turns(doc) == [
        ("man on PA", "Montauk train on Track B."),
        ("Joel", "It's freezing\non this beach."),
        ("Joel", "I like it."),
        ("Clementine", "You're kinda closed-mouthed,\naren't you?"),
    ]


def test_a_bold_cue_on_its_own_line_keeps_its_speech_to_the_next_cue():
    doc = (
        "**Annie:**\nI don't know where to start.\n\n"
        "When I came to Goshen College in '49, would you be ready to die? How many of you "
        "would be ready to die for it?\n\n"
        "I think that's still a good question.\n\n"
        "**Young Annie:**\nThe soldiers came to the house.\n\n"
        "**Annie:**\nNobody could go back.\n\n"
        "------\n\n"
        "The end of the scene.\n"
    )
    items = extract(doc, fmt="markdown").items
    assert [(t.speaker, t.text) for it in items for t in it.turns] == [
        (
            "Annie",
            "I don't know where to start.\n\nWhen I came to Goshen College in '49, would you be "
            "ready to die? How many of you would be ready to die for it?\n\n"
            "I think that's still a good question.",
        ),
        ("Young Annie", "The soldiers came to the house."),
        ("Annie", "Nobody could go back."),
    ]
    assert not any(it.kind is Kind.QUESTION for it in items)


def test_a_plain_screenplays_title_page_gives_no_turns():
    cue = " " * 10
    speech = " " * 6
    lines = ["BUILD TEAM THE MUSICAL", "Screenplay", "", "EXAMPLE DRAFT", "February 7, 2026", ""]
    lines += ["  INT. BUILD TEAM ROOM - DAY", "", "  The room is crowded.", ""]
    for who, said in [("JOHN", "What is that?"), ("NATE", "A motor."), ("JOHN", "Why?")] * 2:
        lines += [cue + who, speech + said, ""]
    turns = _turns("\n".join(lines))
    assert ("EXAMPLE DRAFT", "February 7, 2026") not in turns
    assert turns[:3] == [("JOHN", "What is that?"), ("NATE", "A motor."), ("JOHN", "Why?")]
