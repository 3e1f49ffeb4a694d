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


def test_coded_quoted_prompts_under_a_heading_are_the_quoted_question():
    doc = (
        "## Discussion questions\n\n"
        "(1) Looking for home\n\n"
        "1A: “What did home mean to you as a child?”\n\n"
        "1B: “Why do you think the brothers never go back?”\n"
    )
    assert _questions(doc) == [
        "What did home mean to you as a child?",
        "Why do you think the brothers never go back?",
    ]


def test_a_one_word_question_after_a_question_belongs_to_it():
    doc = "I ran the group last night and I hope you join next time.\n\n"
    doc += "What were the film's strengths? Weaknesses?\n"
    assert _questions(doc) == ["What were the film's strengths? Weaknesses?"]


def test_a_guides_one_item_list_is_one_prompt():
    doc = (
        "The story:\n\n"
        "- Who changes most in the film? Why?\n"
        "- What does the last scene tell you?\n\n"
        "The world:\n\n"
        "- Is this a world you recognize? Or does it ask you to accept a strange one?\n"
    )
    assert _questions(doc)[-1] == (
        "Is this a world you recognize? Or does it ask you to accept a strange one?"
    )


def test_a_name_in_a_sentence_is_no_prayer():
    doc = (
        "## Discussion questions\n\n"
        "- The minister rarely spoke of the good news of Jesus, to children or adults. "
        "How does he show his faith instead?\n"
        "- Father, we thank you for this evening together. Amen.\n"
    )
    assert _questions(doc) == [
        "The minister rarely spoke of the good news of Jesus, to children or adults. "
        "How does he show his faith instead?"
    ]


def test_numbered_interview_questions_answered_in_the_first_person_are_not_prompts():
    doc = (
        "Get to know the filmmaker:\n\n"
        "1. What motivated you to make this film?\n\n"
        "It was something I needed to make. My father worked the ferries.\n\n"
        "2. How long did it take you to make it?\n\n"
        "About a year, mostly because we shot only at night.\n"
    )
    assert _questions(doc) == []


def test_numbered_questions_run_into_one_paragraph_lose_their_numbers():
    doc = (
        "I hope you try this with your group.\n\n"
        "Initial response 1. How did the film make you feel? 2. What will you remember "
        "from it?\n\n"
        "- • Is the film changing your own preconceptions?\n"
        "- • What is the film’s view of the world?\n"
    )
    assert _questions(doc) == [
        "How did the film make you feel?",
        "What will you remember from it?",
        "Is the film changing your own preconceptions?",
        "What is the film’s view of the world?",
    ]


def test_a_negative_question_making_the_authors_point_is_not_a_prompt():
    doc = (
        "We accept music all over films, though we never hear it in life. So shouldn't "
        "music be like a continuity error? It is artificial, and yet it works.\n\n"
        "Don't you think the silence in the last scene says more?\n"
    )
    assert _questions(doc) == ["Don't you think the silence in the last scene says more?"]


def test_short_answers_typed_between_worksheet_items_keep_the_list_whole():
    doc = (
        "Worksheet\n\n"
        "1. Why does the family leave the farm?\n\n"
        "Because of the drought\n\n"
        "2. Where do they go first?\n\n"
        "To the city\n"
    )
    assert _questions(doc) == ["Why does the family leave the farm?", "Where do they go first?"]


def test_a_question_standing_alone_as_a_paragraph_is_a_prompt():
    doc = "<p>Is Samantha's love for Theodore real?</p><p>Credits and stills © the studio</p>"
    assert _questions(doc, fmt="html") == ["Is Samantha's love for Theodore real?"]


def test_lines_of_speech_set_as_paragraphs_hold_no_discussion_question():
    # subtitles (or a script) pasted into a page, one line a paragraph, no speaker labels
    lines = [
        "Once upon a time there were three robbers.",
        "And who are you?",
        "The evil aunt, hahahaha!",
        "You don't look evil.",
        "I'm just playing the evil aunt.",
        "Get ready, kids!",
        "The movie's starting.",
        "What have I done to deserve this?",
        "Take your places!",
    ]
    page = "<html><body>" + "".join(f"<p>{ln}</p>" for ln in lines) + "</body></html>"
    assert _questions(page, fmt="html") == []


def test_a_guide_written_one_question_a_paragraph_keeps_its_questions():
    doc = "\n\n".join(
        [
            "Who tells this story, and can we trust her?",
            "Why does the film begin at the end?",
            "What does the red coat stand for?",
            "Which scene would you cut, and why?",
            "How does the music change after the storm?",
            "What would you ask the director?",
        ]
    )
    assert len(_questions(doc)) == 6


def test_questions_among_an_authors_running_notes_are_not_prompts():
    doc = (
        "## Watching it for the first time\n\n"
        "- This is definitely the atmosphere I was expecting.\n"
        "- Why would you go for a walk?\n"
        "- Ooh, I like her earrings.\n"
        "- It really is shot like a horror movie.\n"
        "- Hang on, did the dad get younger?\n"
    )
    assert _questions(doc) == []


def test_a_battery_of_questions_among_a_lessons_steps_is_a_prompt():
    doc = (
        "- Invite students to share what they know about documentary films.\n"
        "- What techniques do directors use? How do they create mood? What do they do with "
        "lighting and camera angles? Why?\n"
        "- Asset-based instruction increases students' confidence.\n"
    )
    assert len(_questions(doc)) == 1


def test_the_authors_own_questions_inside_a_story_are_not_put_to_the_reader():
    doc = (
        "When my dad booted up the DVD, I tried my best not to look. Why was my dad "
        "watching something that would kill you in seven days? Would it really kill you? "
        "I found myself hiding behind the sofa, peering at the small images on the screen.\n"
    )
    assert _questions(doc) == []


def test_markdown_with_html_lead_ins_is_read_per_block_not_as_one_html_page():
    doc = (
        "## Discussion Questions\n"
        '<p class="lead">Start Talking: find a conversation starter for your group.</p>\n\n'
        "* Have you ever had a runner's high? What's it like?\n"
        "* What are some daunting things you do that pay off?\n\n"
        '<p class="lead">Start Thinking: ask questions to get your group thinking.</p>\n\n'
        "* On a bad day, are you likely to: give up, get mad, go on, or get help?\n"
        "* Which scene plays over in your head? How could you apply it?\n"
        '<p class="lead">Start Sharing: choose questions that create openness.</p>\n'
    )
    assert _questions(doc) == [
        "Have you ever had a runner's high? What's it like?",
        "What are some daunting things you do that pay off?",
        "On a bad day, are you likely to: give up, get mad, go on, or get help?",
        "Which scene plays over in your head? How could you apply it?",
    ]


def test_a_guide_item_asked_with_a_full_stop_is_still_a_prompt():
    doc = (
        "1. What would you do if every day were the same? How are our lives like that?\n"
        "2. Do you like small talk? Why or why not?\n"
        "3. Read about the stages of grief. How does Phil demonstrate some of those stages.\n"
    )
    assert len(_questions(doc)) == 3


def test_a_synopsis_in_a_data_table_cell_is_not_a_prompt():
    synopsis = (
        "Sparks fly when spirited Elizabeth Bennet meets single, rich, and proud Mr. Darcy. "
        "But Mr. Darcy reluctantly finds himself falling in love with a woman beneath his "
        "class. Can each overcome their own pride and prejudice?"
    )
    page = (
        "<table><tr><th>Film</th><th>Synopsis</th></tr>"
        f"<tr><td>Pride &amp; Prejudice (2005)</td><td>{synopsis}</td></tr>"
        "<tr><td>Mulan (1998)</td><td>A young maiden secretly takes her father's place.</td></tr>"
        "</table>"
    )
    assert _questions(page, fmt="html") == []


def test_a_question_answered_by_the_next_paragraph_restating_it_is_a_faq_not_a_prompt():
    doc = (
        "Is this movie suitable for family viewing?\n\n"
        "This movie is suitable for family viewing, but younger viewers may find its mature "
        "themes slow going.\n\n"
        "Is it worth watching?\n\n"
        "It is worth watching for its strong performances and engaging storyline.\n"
    )
    assert _questions(doc) == []


def test_a_point_handed_to_the_reader_with_dont_you_think_is_a_question():
    doc = (
        "High fantasy is a quest for a token of power, tracked on maps.\n\n"
        "That seems like a fair account of the genre, don't you think? If you don't, what "
        "do you think I've missed?\n"
    )
    assert _questions(doc)[0] == ("That seems like a fair account of the genre, don't you think?")


def test_a_question_the_next_paragraph_answers_with_it_depends_is_answered():
    doc = (
        "The ring lures everyone who sees it. Who falls victim to this allure?\n\n"
        "Depends on what you mean by victim. In one sense it is a few important people.\n"
    )
    assert _questions(doc) == []


def test_the_author_asking_about_their_own_reading_is_not_asking_the_reader():
    doc = (
        "The rules cover boys visiting girls, and nothing else.\n\n"
        "Am I to infer from this that the other students need no rules at all?\n\n"
        "The book never says.\n"
    )
    assert _questions(doc) == []


def test_a_worksheet_question_followed_by_answer_blanks_is_a_prompt():
    doc = (
        "# Film Viewing Worksheet\n\n"
        "## Authorship\n"
        "What elements feel distinctly from the author's voice?\n\n"
        "Characters: ______________________\n"
        "Themes: ______________________\n\n"
        "## Follow-ups\n\n"
        "Compare with other adaptations? ______________________\n"
    )
    assert _questions(doc) == [
        # the fields under it are its sub-prompts (as a guide item keeps its sub-questions)
        "What elements feel distinctly from the author's voice?\n\n"
        "Characters: ______________________\nThemes: ______________________",
        "Compare with other adaptations?",
    ]


def test_a_question_and_its_punchline_as_two_bullets_are_a_joke_not_a_guide():
    doc = (
        "I'll end with a little joke.\n\n"
        "- What did James do when Lily declined to be his date?\n"
        "- Went stag.\n"
    )
    assert _questions(doc) == []


def test_markdown_with_html_lead_ins_saved_as_txt_is_still_read_per_block(tmp_path):
    from bot.sources import extract_document, read_path

    doc = (
        "## Discussion Questions\n"
        '<p class="lead">Start Talking: find a conversation starter for your group.</p>\n\n'
        "* Have you ever had a runner's high? What's it like?\n"
        "* What are some daunting things you do that pay off?\n\n"
        '<p class="lead">Start Thinking: ask questions to get your group thinking.</p>\n\n'
        "* Which scene plays over in your head? How could you apply it?\n"
    )
    path = tmp_path / "guide.txt"  # the extension says nothing: the content decides
    path.write_text(doc, encoding="utf-8")
    found = [
        i.text for i in extract_document(read_path(str(path))).items if i.kind is Kind.QUESTION
    ]
    assert found == [
        "Have you ever had a runner's high? What's it like?",
        "What are some daunting things you do that pay off?",
        "Which scene plays over in your head? How could you apply it?",
    ]


def test_a_viewing_guides_before_and_while_you_watch_prompts_count_without_a_question_mark():
    doc = (
        "# Rear Window (1954)\n\nA thriller directed by Alfred Hitchcock.\n\n"
        "## Before you watch\n\n"
        "1. Think about a time you watched someone without them knowing.\n"
        "2. Hand out the worksheet.\n\n"
        "## While viewing\n\n"
        "- Notice how the camera rarely leaves Jeff's apartment.\n\n"
        "## Cast\n\n"
        "- James Stewart plays Jeff.\n"
        "- Grace Kelly plays Lisa.\n"
    )
    assert _questions(doc) == [
        "Think about a time you watched someone without them knowing.",
        "Notice how the camera rarely leaves Jeff's apartment.",
    ]


def test_a_screenplays_action_lines_ask_no_discussion_questions():
    doc = (
        "Title: Big Fish\n\nEXT. SWAMP - NIGHT\n\n"
        "The house looms, broken windows and strangling vines. Who knows what is lurking in "
        "the shadows? The boys creep closer, step by step, through the mud and the reeds.\n\n"
        "ZACKY\nI don't got any batteries!\n\nDON PRICE\nThen why'd you bring it?\n\n"
        "The porch creaks. An owl calls somewhere out in the dark, and then it is quiet again.\n"
    )
    assert _questions(doc, fmt="fountain") == []


def test_a_question_per_line_under_a_lead_is_a_list_of_prompts():
    """Plain text with no list markers: each line a question, under 'Questions to consider:'."""
    doc = (
        "Film club notes: The Sea\n\nQuestions to consider:\n"
        "Why does Anna return to the village?\nWhat does the sea stand for?\n"
        "How does the score shape the last scene?\n"
    )
    assert _questions(doc, fmt="text") == [
        "Why does Anna return to the village?",
        "What does the sea stand for?",
        "How does the score shape the last scene?",
    ]
    spoken = "ANNA\nWhy did you come back here?\nWho told you I was home?\n\nTOM\nNobody did.\n"
    assert _questions("INT. KITCHEN - NIGHT\n\n" + spoken, fmt="fountain") == []


def test_a_worksheets_questions_in_a_table_beside_an_answer_column():
    md = (
        "# Worksheet\n\n| Question | Your answer |\n| --- | --- |\n"
        "| Why does Anna return? | |\n| What does the sea stand for? | |\n"
        "| How does the film end? | |\n"
    )
    html = (
        "<h1>Worksheet</h1><table><tr><th>Question</th><th>Your answer</th></tr>"
        "<tr><td>Why does Anna return?</td><td></td></tr>"
        "<tr><td>What does the sea stand for?</td><td></td></tr></table>"
    )
    assert _questions(md) == [
        "Why does Anna return?",
        "What does the sea stand for?",
        "How does the film end?",
    ]
    assert _questions(html, fmt="html") == ["Why does Anna return?", "What does the sea stand for?"]
    one = "# Facts\n\n| Film | Rating |\n| --- | --- |\n| Who Framed Roger Rabbit? | 4 |\n"
    assert _questions(one) == []


def test_a_suggested_response_run_on_in_the_item_is_not_part_of_the_prompt():
    doc = (
        "Discussion questions\n\n"
        "5. State a life-lesson you can take from this movie. Suggested Response: Answers will "
        "vary. One good response is that life is meaningless.\n\n"
        "6. What does the movie tell us about this idea? Suggested Response: The film tells us "
        "that after a while, that solution becomes boring.\n"
    )
    assert _questions(doc, fmt="text") == [
        "State a life-lesson you can take from this movie.",
        "What does the movie tell us about this idea?",
    ]


def test_an_item_that_quotes_a_line_and_asks_in_the_paragraph_below_is_one_prompt():
    doc = (
        "Discussion questions\n\n"
        "1. How does the film demonstrate that we need others?\n\n"
        "2. “I didn’t ask for this.”\n“No, you were born with it.”\n\n"
        "What do you think of Will’s reasoning there? Do you buy it? Why or why not?\n\n"
        "3. Can a person change someone else?\n"
    )
    assert _questions(doc, fmt="text") == [
        "How does the film demonstrate that we need others?",
        "“I didn’t ask for this.”\n“No, you were born with it.”\n\n"
        "What do you think of Will’s reasoning there? Do you buy it? Why or why not?",
        "Can a person change someone else?",
    ]


def test_a_question_the_author_cannot_decide_stays_open_and_who_goes_asks_nobody():
    doc = (
        "# The Ending of Arrival\n\n"
        "In terms of morality, I have mixed feelings. Is it immoral of Louise to bring her "
        "daughter into the world if she knew her daughter would suffer? It’s a touchy subject "
        "and I cannot come to a complete decision on the topic.\n\n"
        "Is it up to the parents? Do some situations call for different actions or is there a "
        "universally ethical way of handling it? I don’t know myself.\n\n"
        "Who goes to see a dinosaur movie and expects to think about empire? Not me. I went "
        "for the dinosaurs, and they were great.\n"
    )
    assert _questions(doc) == [
        "Is it immoral of Louise to bring her daughter into the world if she knew her "
        "daughter would suffer?",
        "Is it up to the parents?",
        "Do some situations call for different actions or is there a universally ethical way "
        "of handling it?",
    ]


def test_an_interviews_questions_are_the_interviewers_even_where_no_turn_is_found():
    """Titled as an interview, its questions are put to the interviewee; a guide to the film
    'Interview with the Vampire' still asks its reader."""
    body = (
        "We met the director in a café near the festival.\n\n"
        "Why did you decide to shoot in black and white? She laughs at that.\n\n"
        "It was the only way I could see the film, and the budget agreed with me.\n"
    )
    assert _questions("# Interview: Anna Berg\n\n" + body) == []
    guide = (
        "# Interview with the Vampire\n\n## Discussion questions\n\n"
        "Why does Louis stay with Lestat for so long?\n\nWhat does Claudia want from them?\n"
    )
    assert _questions(guide) == [
        "Why does Louis stay with Lestat for so long?",
        "What does Claudia want from them?",
    ]


def test_lettered_and_roman_numbered_prompts_lose_their_markers():
    for marks in (("i.", "ii.", "iii."), ("a.", "b.", "(c)")):
        doc = "# Worksheet\n\n" + "".join(
            f"{m} {q}\n"
            for m, q in zip(
                marks,
                ("Why does Anna return?", "What does the sea stand for?", "How does it end?"),
                strict=True,
            )
        )
        assert _questions(doc, fmt="text") == [
            "Why does Anna return?",
            "What does the sea stand for?",
            "How does it end?",
        ]


def test_prompts_set_as_bold_lines_or_subheadings_but_not_headings_a_post_answers():
    bold = (
        "# The Sea: discussion guide\n\n**Why does Anna return to the village?**\n\n"
        "**What does the sea stand for?**\n\n**How does the score shape the final scene?**\n"
    )
    assert _questions(bold) == [
        "Why does Anna return to the village?",
        "What does the sea stand for?",
        "How does the score shape the final scene?",
    ]
    hinted = (
        "# The Sea: discussion guide\n\n### Why does Anna return to the village?\n\n"
        "Think about her mother and the letter.\n\n### What does the sea stand for?\n\n"
        "Consider the opening shot.\n"
    )
    assert _questions(hinted) == [
        "Why does Anna return to the village?",
        "What does the sea stand for?",
    ]
    answered = (
        "# My Dune review\n\n## What is Dune about?\n\nIt is about a desert planet and a boy "
        "who would be a messiah.\n\n## Is it worth seeing?\n\nYes. See it on the biggest screen."
    )
    assert _questions(answered) == []


def test_a_study_guides_q_label_is_not_part_of_its_prompt():
    doc = (
        "# Study guide: The Sea\n\nQ: Why does Anna return to the village?\n\n"
        "Q: What does the sea stand for?\n"
    )
    assert _questions(doc) == [
        "Why does Anna return to the village?",
        "What does the sea stand for?",
    ]


def test_a_list_of_films_answering_its_own_questions_is_not_a_guide():
    films = (
        "# Ten films to watch this winter\n\n"
        "1. **Fargo (1996)** – Is there a better snow film? The Coens' comedy is a masterpiece.\n"
        "2. **The Thing (1982)** – Who can you trust? Nobody, in Carpenter's icy paranoia.\n"
        "3. **Frozen (2013)** – “Let it go” became an anthem for a generation of kids.\n"
        "4. **The Shining (1980)** – “Here's Johnny!” Need we say more?\n"
    )
    assert _questions(films) == []
    guide = (
        "# The Sea: discussion guide\n\n"
        "1. **The opening** – Why does the camera linger on the door?\n"
        "2. **The letter** – What does Anna learn from it?\n"
        "3. **The class** – A lot of people liked this film – why do you think that is?\n"
    )
    assert len(_questions(guide)) == 3


def test_a_site_generators_tags_alone_on_their_lines_show_nothing():
    doc = (
        "# Cinema\n\nThe cinema is where I have always gone with the **people I love**.\n\n"
        '{% include image.html url="x.jpg" %}\n'
        "{{< lead >}}\nWhat was **that movie you loved** and shared with **the person you love**?"
        "\n{{< /lead >}}\n\n---\n\nMore about films here.\n"
    )
    assert _questions(doc) == [
        "What was **that movie you loved** and shared with **the person you love**?"
    ]


def test_a_question_in_the_clause_after_a_dash():
    doc = (
        "# Baby Driver\n\nI loved it, and I will watch it again soon.\n\n"
        "Another observation is that this is the second film in a row I've seen to feature a "
        "Mamma Mia! actor - could this be a theme of the Sunday Screenings?\n\n---\n\n"
        "The film builds up to a thrilling climax.\n"
    )
    assert _questions(doc) == ["could this be a theme of the Sunday Screenings?"]


def test_questions_put_to_the_reader_in_german_and_portuguese():
    de = (
        "# Kritik\n\nIch habe den Film gestern gesehen.\n\n"
        "Warum erzählt der Film seine Geschichte rückwärts? Was denkst du?\n"
    )
    assert _questions(de) == [
        "Warum erzählt der Film seine Geschichte rückwärts?",
        "Was denkst du?",
    ]
    pt = "# Crítica\n\nEu assisti ao filme ontem.\n\nO que você achou do final?\n"
    assert _questions(pt) == ["O que você achou do final?"]


def test_exasperation_and_a_question_about_someone_else_mid_argument_ask_nobody():
    doc = (
        "# Joker\n\nI liked most of it. Why the f**k did they add that scene in Arkham? WHY? "
        "It ruins the ending.\n\n"
        "With Shaw this sense of community is lacking, and the house is in a roar. Does he seek "
        "to drive us to aspiration by the portrayal of sordidness? It is impossible to believe "
        "that he is unconscious of the humour.\n\nHow would you feel in his shoes?\n"
    )
    assert _questions(doc) == ["How would you feel in his shoes?"]


def test_asking_whether_the_reader_knows_a_fact_is_a_knowledge_check_not_a_prompt():
    doc = (
        "You see another example of this in casting. Do any of you know who the actress who "
        "plays Tampopo is?\n\nHer name is Nobuko Miyamoto. She was also Itami's wife.\n\n"
        "What would you cook for someone you love?\n"
    )
    assert _questions(doc) == ["What would you cook for someone you love?"]


def test_a_numbered_list_run_into_one_paragraph_gives_one_prompt_per_number():
    doc = (
        "Movies Lincoln Synopsis: Steven Spielberg directs this drama. Discussion Questions: "
        "1. What prior knowledge did you have about this period? How did it affect you? "
        "2. Lincoln has been criticised for its focus on white characters. To what extent is "
        "such a criticism fair? 3. Spielberg noted that he was not drawing parallels. What "
        "parallels did you see with politics today? 4. What did you think of the tactics "
        "Lincoln used?\n\nChapter 1. The war. It was long.\n"
    )
    got = _questions(doc, fmt="text")
    assert [q.split("?")[0] for q in got] == [
        "What prior knowledge did you have about this period",
        "Lincoln has been criticised for its focus on white characters. To what extent is "
        "such a criticism fair",
        "Spielberg noted that he was not drawing parallels. What parallels did you see with "
        "politics today",
        "What did you think of the tactics Lincoln used",
    ]


def test_who_else_could_asks_nobody_but_who_else_changes_asks():
    assert (
        _questions("Eastwood is 78. Who else at this age, could direct and act like that?\n") == []
    )
    guide = "## Discussion questions\n\n1. Who else in the film changes by the end?\n"
    assert _questions(guide) == ["Who else in the film changes by the end?"]


def test_a_question_answered_by_the_next_paragraphs_quotation_is_answered():
    doc = (
        "So can she share any fun stories about what happened on set?\n\n"
        "“Unfortunately, no, because there’s always some good ones,” Uggams said, smiling.\n\n"
        "What would you ask her?\n"
    )
    assert _questions(doc) == ["What would you ask her?"]


def test_a_question_that_carries_the_authors_argument_on_is_not_a_prompt():
    # A reporter's column: it speaks as "we", and "But what about…?" leads to its own answer.
    doc = (
        "# Back to work\n\n"
        "Jorja Fox speaks for many of us trying to work while worrying about the news.\n\n"
        "Clearly, Fox was ready for the new season. But what about the rest of America?\n\n"
        "High ratings indicate that Americans are craving entertainment, drama and comedy.\n\n"
        "So, is this show what you need right now?\n"
    )
    assert _questions(doc) == ["So, is this show what you need right now?"]


def test_a_list_item_that_labels_the_questions_under_it_is_no_prompt_but_they_are():
    doc = (
        "<h3>End-of-Chapter Assessment</h3><p>Review Questions</p><ol>"
        '<li><p>Questions for Section 8.1 "The History of Movies"</p><ol>'
        "<li>Why was the MPPC formed?</li>"
        "<li>What caused the movie industry to move to Hollywood?</li>"
        "<li>Describe the factors that led to the rise and fall of the studio system.</li>"
        "</ol></li></ol>"
    )
    assert _questions(doc, fmt="html") == [
        "Why was the MPPC formed?",
        "What caused the movie industry to move to Hollywood?",
        "Describe the factors that led to the rise and fall of the studio system.",
    ]


def test_a_task_under_a_heading_with_its_questions_is_one_prompt():
    doc = (
        "## Career Connection\n\n"
        "Research the career of a Hollywood producer. What tasks are these producers expected "
        "to perform? Do people in this career specialize in a certain genre of film?\n"
    )
    assert _questions(doc) == [
        "Research the career of a Hollywood producer. What tasks are these producers expected "
        "to perform? Do people in this career specialize in a certain genre of film?"
    ]


def test_a_question_whose_answer_goes_without_saying_is_not_a_prompt():
    doc = (
        "# The workplace show\n\n"
        "The show ran for seven seasons on network television.\n\n"
        "I watched it every week. His coworkers were attractive people who always had time "
        "for one another. Who could possibly disagree with Leo’s decision?\n\n"
        "The idea that the workplace could be a family took hold.\n\n"
        "What would you have chosen in Leo’s place?\n"
    )
    assert _questions(doc) == ["What would you have chosen in Leo’s place?"]


def test_a_question_on_a_lesson_plans_sub_item_is_the_teachers_prompt():
    doc = (
        "# Screening week\n\n"
        "## Lesson Plan\n\n"
        "#### Day 1\n\n"
        "- Prep\n"
        "    - Going to skip a few scenes\n"
        "- Emphasize that it's from 10 years ago\n"
        "    - What feels prescient?\n"
        "- Watch up to 41:55\n\n"
        "#### Day 2\n\n"
        "- Review\n"
        "    - Key terms\n"
        "    - What do you remember about where we left off?\n"
        "- Set scene\n"
        "    - The two leads had just met\n"
        "- Watch to the end\n"
    )
    assert _questions(doc) == [
        "What feels prescient?",
        "What do you remember about where we left off?",
    ]


def test_a_question_in_a_blogs_running_notes_stays_the_authors_own():
    doc = (
        "# Notes from the festival\n\n"
        "- Saw the opening film\n"
        "    - Why do festivals still open with a premiere?\n"
        "- Queued for an hour\n"
        "- Skipped the party\n"
    )
    assert _questions(doc) == []


def test_a_lead_in_then_a_question_clause_that_goes_on_after_a_comma_is_one_question():
    doc = (
        "# Enemy\n\n"
        "I loved this film. In a world already filled with patterns of repetition, what if "
        "you met someone who looked exactly like you, right down to a scar on your chest?\n"
    )
    assert _questions(doc) == [
        "In a world already filled with patterns of repetition, what if you met someone who "
        "looked exactly like you, right down to a scar on your chest?"
    ]


def test_questions_the_author_hands_to_every_viewer_are_prompts():
    doc = (
        "# Enemy\n\n"
        "The film ends in a bedroom.\n\n"
        "Even after all of this, you might still be annoyed that I haven’t answered the "
        "question: what does the giant spider mean at the end? Was the movie all a dream? "
        "Who’s the real Jake, Adam or Anthony? We all have our own answers to these questions, "
        "and that is the film's sleight of hand.\n"
    )
    assert _questions(doc) == [
        "Even after all of this, you might still be annoyed that I haven’t answered the "
        "question: what does the giant spider mean at the end?",
        "Was the movie all a dream?",
        "Who’s the real Jake, Adam or Anthony?",
    ]


def test_a_run_of_three_questions_laid_out_to_weigh_is_kept_mid_paragraph():
    doc = (
        "# Parasite\n\n"
        "The film won the Palme d'Or in 2019.\n\n"
        "I saw it twice. It would be interesting to think that the house betrayed all of them. "
        "But is space capable of betrayal? Or do we blame the creator of these spaces? Or do we "
        "point to the people who use those spaces? At the climax, no one wins.\n\n"
        "The house still stands. But why does it matter? The answer is in the basement.\n"
    )
    assert _questions(doc) == [
        "But is space capable of betrayal?",
        "Or do we blame the creator of these spaces?",
        "Or do we point to the people who use those spaces?",
    ]


def test_a_section_that_opens_with_a_task_for_the_class_is_a_prompt():
    doc = (
        "# Week 8: Blade Runner\n\n"
        "## Film overview\n\n"
        "Write a one-line summary of the plot of BLADERUNNER.\n\n"
        "(A good one :P).\n\n"
        "## Trailer\n\n"
        "Watch the trailer below.\n"
    )
    assert _questions(doc) == ["Write a one-line summary of the plot of BLADERUNNER."]


def test_a_standfirst_repeating_the_front_matter_summary_asks_no_reader():
    doc = (
        "---\n"
        "title: Parasite and architecture\n"
        "summary: How do Bong Joon Ho and Lee Ha Jun craft the house of Parasite?\n"
        "---\n\n"
        "*How do Bong Joon Ho and Lee Ha Jun craft the house of Parasite?*\n\n"
        "I saw the film on Halloween night in 2019 and the house stayed with me.\n\n"
        "The house is built around its staircases, and they tell the story.\n\n"
        "What house in a film has stayed with you?\n"
    )
    assert _questions(doc) == ["What house in a film has stayed with you?"]


def test_a_prompt_section_with_a_task_and_questions_one_per_line_gives_one_each():
    doc = (
        "# Reading Response 2\n\n"
        "## Prompt\n\n"
        "Name a current issue that interests you.\n"
        "Why does it interest you?\n"
        "What stake do you have in the issue?\n"
        "What is your position?\n"
    )
    assert _questions(doc) == [
        "Name a current issue that interests you.",
        "Why does it interest you?",
        "What stake do you have in the issue?",
        "What is your position?",
    ]


def test_questions_in_dutch_norwegian_and_turkish_reviews_are_put_to_the_reader():
    # Dutch and Norwegian ask with a question word at the start; Turkish asks with a particle
    # or a question word inside the sentence, and "you" is the verb's ending (-yorsun).
    dutch = (
        "# De stilte van Bergman\n\n"
        "Ik zag de film gisteren opnieuw in het filmhuis.\n\n"
        "Waarom kiest hij aan het einde voor stilte, denk jij?\n"
    )
    assert _questions(dutch) == ["Waarom kiest hij aan het einde voor stilte, denk jij?"]
    norwegian = (
        "# Kjønnsroller i norsk film\n\n"
        "Jeg har sett alle filmene fra i fjor.\n\n"
        "Hvorfor får jentene så sjelden hovedrollen?\n"
    )
    assert _questions(norwegian) == ["Hvorfor får jentene så sjelden hovedrollen?"]
    turkish = (
        "# Big Fish\n\n"
        "Babasının anılarında bir yolculuğa çıkan bir adamın hikâyesi.\n\n"
        "Film bittiğinde neyi hissediyorsun? Bu acı gerçekler mi, güzel yalanlar mı?\n"
    )
    assert _questions(turkish) == [
        "Film bittiğinde neyi hissediyorsun?",
        "Bu acı gerçekler mi, güzel yalanlar mı?",
    ]


def test_question_headings_the_text_announces_are_prompts_not_an_interview():
    doc = (
        "# Speak simply: Her\n\n"
        "![Boy meets Boy, in Space.](/img/him.jpg)\n\n"
        "Instead, here's a piece about a few questions that were a little difficult to pin "
        "down while you were watching it:\n\n"
        "## 1. What are feelings?\n\n"
        "I think this one is obvious, given that the film is practically an essay on them.\n\n"
        "## 2. What does it mean to be human?\n\n"
        "I think this is the question that most sci-fi films ask.\n"
    )
    result = extract(doc, fmt="markdown")
    assert [i.text for i in result.items if i.kind is Kind.QUESTION] == [
        "What are feelings?",
        "What does it mean to be human?",
    ]
    assert not [i for i in result.items if i.kind is Kind.EXCHANGE]


def test_a_but_question_paired_with_one_to_the_reader_is_put_to_the_reader_too():
    doc = (
        '"Home always comes at a price," says a character midway through Munich. But what '
        "price is too high? What happens if, in protecting what you love, you end up "
        "destroying it?\n\n"
        "Munich follows a group of Israelis hired by their government.\n"
    )
    assert _questions(doc) == [
        "But what price is too high?",
        "What happens if, in protecting what you love, you end up destroying it?",
    ]
    # alone, a 'But' question is the author's argument going on
    alone = (
        "Munich follows a group of Israelis hired by their government. But what price is too "
        "high? The film never says.\n\nIt ends in Brooklyn.\n"
    )
    assert _questions(alone) == []


def test_a_question_the_author_calls_hard_to_answer_stays_open():
    doc = (
        "In the end Mia and Sebastian look at each other, and the moment is full of tension.\n\n"
        "Is it a feel good movie and the ending a happy one? It is hard to characterize. But it "
        "sure is different from all the other movies I have seen.\n"
    )
    assert _questions(doc) == ["Is it a feel good movie and the ending a happy one?"]
    answered = (
        "In the end Mia and Sebastian look at each other, and the moment is full of tension.\n\n"
        "Is it a feel good movie and the ending a happy one? It is a sad one. But it "
        "sure is different from all the other movies I have seen.\n"
    )
    assert _questions(answered) == []


def test_a_question_cell_that_ends_with_an_instruction_is_a_prompt():
    doc = (
        "## After viewing\n\n"
        "| # | Question |\n|---|----------|\n"
        "| 1 | How does Jeff's injury shape what we see? |\n"
        "| 2 | Is Lisa more than a love interest? Explain. |\n"
    )
    assert _questions(doc) == [
        "How does Jeff's injury shape what we see?",
        "Is Lisa more than a love interest? Explain.",
    ]


def test_a_numbered_question_set_in_bold_is_no_speaker_and_no_part_of_the_prompt():
    doc = (
        "# Rear Window: after viewing\n\n"
        "**Q3.** Which scene did you find most suspenseful, and why?\n\n"
        "**Q4.** Does the ending reward Jeff's voyeurism?\n"
    )
    items = extract(doc, fmt="markdown").items
    assert not any(i.turns for i in items)
    assert _questions(doc) == [
        "Which scene did you find most suspenseful, and why?",
        "Does the ending reward Jeff's voyeurism?",
    ]


def test_a_vue_components_templates_are_its_page():
    doc = (
        "<template>\n  <main>\n    <h1>{{ toolkit.name }}</h1>\n"
        '    <template slot="Discussion">\n'
        "      <p><strong>General Opening Discussion</strong></p>\n"
        "      <ol>\n"
        "        <li>How did it feel to watch this film? Pick a sequence that stood out.</li>\n"
        "        <li>What are some of the forces this community is coming up against?</li>\n"
        "      </ol>\n"
        "      <p><strong>Historical Context of Development</strong></p>\n"
        '      <ol start="3">\n'
        "        <li>What is the significance of the video footage from 1998?</li>\n"
        "      </ol>\n"
        "    </template>\n  </main>\n</template>\n"
        "<script>export default { name: 'Film' }</script>\n"
    )
    items = extract(doc, fmt="html").items
    assert not any(i.turns for i in items)  # a section label over questions is no interviewer
    assert _questions(doc, fmt="html") == [
        "How did it feel to watch this film? Pick a sequence that stood out.",
        "What are some of the forces this community is coming up against?",
        "What is the significance of the video footage from 1998?",
    ]


def test_an_inert_template_inside_a_page_stays_hidden():
    doc = (
        "<html><body><h1>Guide</h1><ol><li>Who is the hero of the film?</li>"
        "<li>Why does the ending feel earned?</li></ol>"
        "<template><ol><li>What would you cut from the film?</li>"
        "<li>Which scene is the heart of it?</li></ol></template></body></html>"
    )
    assert _questions(doc, fmt="html") == [
        "Who is the hero of the film?",
        "Why does the ending feel earned?",
    ]


def test_italic_questions_in_a_list_are_no_interviewers():
    doc = (
        "<html><body><p>Questions for the facilitator to ask the group.</p>"
        "<p>Once this has been identified, then ask:</p><ul>"
        "<li><em>Who could help fulfill this purpose?</em></li>"
        "<li><em>Who is most relevant for this activity?</em></li>"
        "<li><em>Who might threaten the purpose?</em></li></ul>"
        "<p>For example: if your goal is to bring in new members, invite your neighbours.</p>"
        "</body></html>"
    )
    assert not any(i.turns for i in extract(doc, fmt="html").items)


def test_ask_yourself_though_then_a_capital_question_is_put_to_the_reader():
    doc = (
        "The film was uncomfortably new: the humour, the sub-plot, the cynicism.\n\n"
        "Ask yourself, though: How much of your love or hatred of the movie arises from the "
        "new stuff?\n\n"
        "## Another question\n\nThe film has a long middle.\n"
    )
    assert _questions(doc) == [
        "Ask yourself, though: How much of your love or hatred of the movie arises from the "
        "new stuff?"
    ]


def test_a_question_the_next_paragraph_sets_about_answering_is_the_authors():
    doc = (
        "I have seen it four times now.\n\n"
        "But was it the right target to aim for?\n\n"
        "The question (for audiences and critics) is whether he was aiming for the right "
        "thing. If you agree with his target, you'll love the movie.\n\n"
        "Was it a good movie? Did it satisfy expectations?\n\n"
        "First, we have to keep some perspective. The expectations were impossible.\n\n"
        "What was the bullseye he was trying to hit?\n\n"
        "My two criteria are simple: it had to be fun, and it had to surprise.\n\n"
        "If she knew her daughter would die young, why did she choose to have her at all?\n\n"
        "One of the arguments that I find most forgivable is that she cannot change it.\n"
    )
    assert _questions(doc) == []


def test_a_block_quoted_list_of_questions_under_the_authors_lead_in_is_a_callout():
    doc = (
        "## Part 2\n\nWatch the episode before your discussion section.\n\n"
        "> **Optional Follow-up**: Like this episode? Check out the next one and consider "
        "the following:\n"
        "> * How does the episode explore the impact on Joan's relationships?\n"
        "> * How does this portrayal reflect concerns about data privacy?\n\n"
        "* * *\n"
    )
    assert _questions(doc) == [
        "How does the episode explore the impact on Joan's relationships?",
        "How does this portrayal reflect concerns about data privacy?",
    ]


def test_a_block_quoted_list_without_a_lead_in_stays_a_quotation():
    doc = (
        "The director's notes for the cast ended like this.\n\n"
        "> * Why does she leave?\n> * Why does he stay?\n\n"
        "I never found out what she meant.\n"
    )
    assert _questions(doc) == []


def test_a_question_that_only_points_elsewhere_is_no_prompt():
    doc = (
        "## Discussion questions\n\n"
        "1. Which soliloquy uses the most distinctive words? Why?\n"
        "2. Interested in learning more about TF-IDF? Check out: https://example.org/tf-idf\n"
        "3. How does Hamlet's vocabulary change after Act 3?\n\n"
        "Like this lesson? Subscribe to the newsletter for more.\n"
    )
    assert _questions(doc) == [
        "Which soliloquy uses the most distinctive words? Why?",
        "How does Hamlet's vocabulary change after Act 3?",
    ]


def test_a_lesson_steps_questions_under_its_announcing_lead_in_are_prompts():
    doc = (
        "## Main activity\n\n"
        "1. Screen the opening sequence (10 minutes).\n"
        "2. In groups, students answer:\n"
        "   - How does colour tell us about the period?\n"
        "   - What does the hotel's design say about Gustave?\n"
        "3. Groups feed back to the class.\n"
    )
    assert _questions(doc) == [
        "How does colour tell us about the period?",
        "What does the hotel's design say about Gustave?",
    ]


def test_a_question_after_a_teachers_cue_is_put_to_the_class():
    doc = (
        "## Starter\n\n"
        "Show students a still from *The Grand Budapest Hotel*. What do they notice first? "
        "Why?\n\n"
        "## Main activity\n\nThe director's palette changes with each period.\n"
    )
    assert _questions(doc) == ["What do they notice first? Why?"]


def test_a_newsrooms_call_for_stories_is_no_prompt():
    doc = (
        "The council votes on Monday.\n\n"
        "Do you have a story about the Rialto? Email us at news@example.org.\n"
    )
    assert _questions(doc) == []


def test_another_pages_headline_after_read_more_is_no_prompt():
    doc = (
        "The festival named its winners on Sunday.\n\n"
        "**Read more:** [Can streaming save independent film?](/streaming)\n\n"
        "Related: Why are cinema tickets so expensive?\n"
    )
    assert _questions(doc) == []


def test_a_numbered_task_among_numbered_question_headings_is_a_prompt():
    doc = (
        "# Romeo and Juliet: Act 1\n\n"
        "### 1. **Where is the play set?**\n- Verona.\n\n"
        "### 2. **Is Benvolio a Montague or a Capulet?**\n- A Montague.\n\n"
        "### 3. **Name three oxymorons Romeo uses.**\n- Feather of lead, cold fire.\n\n"
        "### 4. **In your own words, explain the Nurse's story.**\n- She remembers the fall.\n\n"
        "### 5. **Why does Romeo agree to go to the party?**\n- To see Rosaline.\n\n"
        "## Notes\n\n### 1. Summary of the scene\n\nThe Capulets hold a feast.\n"
    )
    assert _questions(doc) == [
        "Where is the play set?",
        "Is Benvolio a Montague or a Capulet?",
        "Name three oxymorons Romeo uses.",
        "In your own words, explain the Nurse's story.",
        "Why does Romeo agree to go to the party?",
    ]


def test_the_authors_own_questions_settled_after_the_list_are_no_prompts():
    doc = (
        "For most of the film, I ask two questions:\n\n"
        "1. Is this story based on a real person?\n"
        "2. Where is this story going?\n\n"
        "In reality, neither one matters.\n"
    )
    assert _questions(doc) == []


def test_a_list_of_questions_under_a_plain_lead_in_stays_a_guide():
    doc = (
        "After the screening, ask your group:\n\n"
        "1. Is this story based on a real person?\n"
        "2. Where is this story going?\n\n"
        "In reality, neither one matters to the film's fans.\n"
    )
    assert _questions(doc) == [
        "Is this story based on a real person?",
        "Where is this story going?",
    ]


def test_questions_brought_up_as_examples_and_settled_after_the_list_are_no_prompts():
    doc = (
        "It's also not like unsolved sci-fi questions are unique to LOST:\n\n"
        "* How does the Flux Capacitor work?\n"
        "* How does Tony Stark build an arc reactor in a cave?\n\n"
        "I don't really know, and I don't really care. It's all just cool.\n"
    )
    assert _questions(doc) == []


def test_a_bold_question_answered_in_the_same_item_is_a_guests_answer():
    doc = (
        "Big takeaways from the panel:\n\n"
        "* **Should the Doctor regenerate into a woman?** No. Why? He's such a man.\n"
        "* **What advice do you give an aspiring actor?** Don't, unless you're really sure.\n"
        "* She loves the scripts. The hair! It's all going on up there, isn't it?\n"
    )
    assert _questions(doc) == []


def test_a_bold_question_with_a_hint_stays_a_prompt():
    doc = (
        "## Discussion questions\n\n"
        "* **Why does Anna go back to the farm?** Think about her mother's letter.\n"
        "* **What does the last shot show?** Consider the open door.\n"
    )
    assert _questions(doc) == [
        "**Why does Anna go back to the farm?** Think about her mother's letter.",
        "**What does the last shot show?** Consider the open door.",
    ]


def test_an_exams_part_letters_set_in_emphasis_are_list_markers():
    doc = (
        "## Higher Level, 2012\n\n"
        "1.  *(a)* Why does Krogstad first call on Nora? (10)\n\n"
        "*(b)*  Do you think Nora is a capable or a useless person? Explain your view. (10)\n\n"
        "**(ii)** Have your views on marriage changed after reading the play? Explain why.\n"
    )
    assert _questions(doc) == [
        "*(a)* Why does Krogstad first call on Nora? (10)",
        "Do you think Nora is a capable or a useless person? Explain your view. (10)",
        "Have your views on marriage changed after reading the play? Explain why.",
    ]


def test_html_paragraphs_opening_with_part_letters_are_a_worksheets_questions():
    doc = (
        "<h3>Understanding the text</h3>\n"
        "<p>Answer the following questions.</p>\n"
        "<p>a. Do you believe that Mrs. Wright killed her husband? Explain.</p>\n"
        "<p>= Yes. From the conversation we learn she was once a lively woman.</p>\n"
        "<p>b. Would the death have been uncovered if Mr. Hale hadn't stopped by?</p>\n"
        "<p>= No. The house was far from the main road.</p>\n"
    )
    assert _questions(doc, "html") == [
        "Do you believe that Mrs. Wright killed her husband? Explain.",
        "Would the death have been uncovered if Mr. Hale hadn't stopped by?",
    ]


def test_who_was_that_answered_by_a_name_in_the_next_paragraph_is_no_prompt():
    doc = (
        "I remember seeing the book years ago, the guy and his dog on the front.\n\n"
        "Who was that guy?\n\n"
        "David Foster Wallace was a writer who loved his guy-next-door persona.\n"
    )
    assert _questions(doc) == []


def test_a_question_and_its_or_alternative_closing_a_paragraph_are_left_to_the_reader():
    doc = (
        "I always felt that El had to die for the story to end. She is its heart. "
        "But should El have had a happy ending too? Or would that have been too much?\n\n"
        "Netflix has confirmed that there will be spin-offs.\n"
    )
    assert _questions(doc) == [
        "But should El have had a happy ending too?",
        "Or would that have been too much?",
    ]


def test_a_screenplays_closing_lines_after_its_dialogue_ask_nobody():
    doc = (
        "Title: The Last Reel\n\n"
        "INT. PROJECTION BOOTH - NIGHT\n\n"
        "MAYA\nI told you I would stay. Is it running?\n\n"
        "THEO\nYou know it's running. Listen to it.\n\n"
        "The reel spins out. Darkness. Maya looks at the empty seats, and we wonder with "
        "her.\n\n"
        "Would you have stayed for the last reel, if you were her?\n"
    )
    assert _questions(doc, "fountain") == []


def test_a_worksheets_ans_lines_answer_its_lettered_questions_and_are_no_turns():
    doc = (
        "<h3>Extract 1</h3>\n"
        "<p><strong>i) Where does this scene take place? Who has out-dwelt his hour?</strong>"
        "<br/>Ans: This scene takes place in the street outside Shylock's house, where "
        "Lorenzo has out-dwelt his hour to meet Gratiano and Salarino for the masque tonight."
        "<br/><br/><strong>ii) Who is Venus? How do Venus's pigeons behave?</strong><br/>"
        "Ans: In Greek mythology, Venus is the goddess of love, and her doves fly ten times "
        "faster when they are journeying to bind new love more firmly than old.</p>\n"
    )
    items = extract(doc, fmt="html").items
    assert [(i.kind, i.text) for i in items] == [
        (Kind.QUESTION, "Where does this scene take place? Who has out-dwelt his hour?"),
        (Kind.QUESTION, "Who is Venus? How do Venus's pigeons behave?"),
    ]


def test_a_label_item_over_nested_questions_gives_each_its_own_prompt():
    doc = (
        "## Content\n\n"
        "- Does the review have a **descriptive** heading?\n\n"
        "- First paragraph:\n\n"
        "  - Does the first paragraph contain your overall opinion of the\n"
        "    film (in two to three sentences)?\n\n"
        "  - Does the first paragraph give the title of the film?\n\n"
        "- Second paragraph:\n\n"
        "  - Do you provide a **short** summary of the plot.\n"
    )
    assert _questions(doc) == [
        "Does the review have a **descriptive** heading?",
        "Does the first paragraph contain your overall opinion of the\n"
        "    film (in two to three sentences)?",
        "Does the first paragraph give the title of the film?",
        "Do you provide a **short** summary of the plot.",
    ]


def test_a_run_in_mid_paragraph_asked_neither_as_we_nor_to_you_is_the_authors_wish_list():
    doc = (
        "# Who are movie reviews for?\n\n"
        "The basic question a review boils down to is, who is the audience for it? Who is it "
        "most useful for? Is it the person who just found out about the show? Or is it for the "
        "movie buffs? The maximum clicks would be from the first category.\n\n"
        "I'm not looking for the entire plot to be in the review. What I am looking for in a "
        "review is just some minor plot details. Also, if some actor has a breakthrough "
        "performance or a crappy one? How is the pacing, is it binge-worthy? Is it an edge of "
        "the seat thriller or a laid back flick I can watch at leisure? How is the cinematic "
        "style, the background score? Or is there an end credit scene or a bloopers reel? But "
        "all we get is plot details and some ideas from the reviewer.\n\n"
        "Film critics are an endangered species.\n"
    )
    assert _questions(doc) == []


def test_a_worksheets_form_fields_and_directions_are_no_prompts_but_a_task_in_its_table_is():
    doc = (
        "# Worksheet: Wall-E\n\n"
        "Name: ____________ Date: ________\n\n"
        "Watch the film and answer the questions below.\n\n"
        "| # | Question | Answer |\n|---|----------|--------|\n"
        "| 1 | What is Wall-E's job at the start of the film? | |\n"
        "| 2 | Why have the humans left Earth? | |\n"
        "| 3 | Describe how EVE changes over the film. | |\n"
    )
    assert _questions(doc) == [
        "What is Wall-E's job at the start of the film?",
        "Why have the humans left Earth?",
        "Describe how EVE changes over the film.",
    ]


def test_a_section_opening_with_a_task_and_its_one_instruction_is_a_prompt():
    doc = (
        "# Rear Window: Viewing Guide\n\n"
        "## After the film\n\n"
        "Write a paragraph about voyeurism in the film. Use two examples.\n"
    )
    assert _questions(doc) == ["Write a paragraph about voyeurism in the film. Use two examples."]
