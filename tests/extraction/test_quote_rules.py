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


def test_a_short_quotation_right_after_a_speech_verb_is_a_quotation():
    doc = (
        "What makes the scene strange is Mr. Sir remarks, “It ain’t” which confuses me more. "
        "The kids all react with an “Ohhh” and someone even says, “Ok, Ok” to close it.\n"
    )
    assert _quotes(doc) == [("It ain’t", "Mr. Sir"), ("Ok, Ok", "someone")]


def test_a_short_scare_quote_is_not_a_quotation():
    doc = "The so-called “director’s cut” runs four hours, and the “fans” love it.\n"
    assert _quotes(doc) == []


def test_a_speech_verb_with_the_addressee_named_before_a_colon():
    doc = (
        "1. How are Selma Hayek’s concerns different from Joan’s?\n"
        "1. In minute 42, Selma tells Joan: <em>“They have taken 100 years of cinema and "
        "diminished it to an app.”</em>\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("They have taken 100 years of cinema and diminished it to an app.", "Selma Hayek")
    ]


def test_a_review_section_headed_thoughts_is_not_a_comment_section():
    doc = (
        "<h1>Holes</h1><h2>Thoughts</h2><p>Near the end, Mr. Sir remarks, “It ain’t” "
        "and nobody laughs.</p><h2>3 Thoughts on “Holes”</h2><p>Great review! Loved it, "
        "said Ann, “best film of the year for me.”</p>"
    )
    assert _quotes(doc, fmt="html") == [("It ain’t", "Mr. Sir")]


def test_a_multi_paragraph_quotation_is_one_quote():
    doc = (
        "The director explained her method at length.\n\n"
        "“I never storyboard. I walk the location first and listen to it for a day.\n\n"
        "“Then I know where the camera wants to be,” said Ana Lopes.\n"
    )
    assert _quotes(doc) == [
        (
            "I never storyboard. I walk the location first and listen to it for a day.\n\n"
            "“Then I know where the camera wants to be",
            "Ana Lopes",
        )
    ]


def test_organisations_named_by_the_text_are_speakers():
    doc = (
        "The New York Times says the film is “a quiet triumph of patience and light over "
        "noise.” Sundance states that “the festival will return to Park City next year.”\n"
    )
    assert _quotes(doc) == [
        ("a quiet triumph of patience and light over noise.", "The New York Times"),
        ("the festival will return to Park City next year.", "Sundance"),
    ]


def test_a_single_name_before_said_but_not_a_sentence_run_into_it():
    doc = (
        "He posted the clip on Twitter. Morris said, “I never expected the film to reach so "
        "many people at once.”\n\nCritics said “this is the film of the decade, no doubt.”\n"
    )
    got = _quotes(doc)
    assert got[0] == ("I never expected the film to reach so many people at once.", "Morris")
    assert got[1][1] != "Critics"


def test_a_heading_is_not_a_speaker():
    doc = (
        "## Reading Kael\n\n“The movies are so rarely great art that if we cannot appreciate "
        "great trash we have very little reason to be interested in them.”\n"
    )
    assert [s for _, s in _quotes(doc, fmt="markdown")] == [None]


def test_a_headline_credits_its_quotation_after_the_colon():
    page = (
        "<ul><li><a href='/a'><b>&#8220;Zooms are Totally Underutilized&#8221;: Bo Burnham on "
        "<em>Eighth Grade</em></b></a></li><li><a href='/b'><b>&#8220;I Went Through Two "
        "Marriages But I Still Have the Same Editor&#8221;: Gianfranco Rosi’s Masterclass</b>"
        "</a></li></ul>"
    )
    assert _quotes(page, fmt="html") == [
        ("Zooms are Totally Underutilized", "Bo Burnham"),
        ("I Went Through Two Marriages But I Still Have the Same Editor", "Gianfranco Rosi"),
    ]
    # The page's own title is its title, not a quotation (the interview below holds the words).
    heading = "# “The Sea Is a Character”: Maren Holt on Lighthouse\n\nWe met her in Oslo.\n"
    assert _quotes(heading, fmt="markdown") == []


def test_a_quoted_title_in_a_headline_is_not_a_quotation():
    assert _quotes("## “Alien” at 45: the film that still scares\n\nText.\n", "markdown") == []


def test_an_embedded_post_flattened_into_a_paragraph_is_a_quote_by_its_display_name():
    doc = (
        "The reaction was quick.\n\nThis film broke my heart in the best way possible "
        "tonight.— Sundance Institute (@sundanceorg) January 20, 2024\n\nMore later.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("This film broke my heart in the best way possible tonight.", "Sundance Institute")
    ]


def test_a_role_before_the_name_is_not_part_of_the_speaker():
    # News style: "said critic Mark Kermode", "festival director Alberto Barbera said".
    text = (
        "The festival opened.\n\n"
        '"It is a film that will stay with audiences for years," said critic Mark Kermode.\n\n'
        '"We have never seen lines like this," festival director Alberto Barbera said on '
        'Wednesday. "It shows that cinema is alive."\n'
    )
    quotes = [(i.text, i.speaker) for i in extract(text).items if i.kind is Kind.QUOTE]
    assert quotes == [
        ("It is a film that will stay with audiences for years", "Mark Kermode"),
        ("We have never seen lines like this", "Alberto Barbera"),
        ("It shows that cinema is alive.", "Alberto Barbera"),
    ]


def test_spanish_attribution_verbs_with_and_without_a_subject():
    doc = (
        "Los Ángeles. El cineasta Carlos Cuarón habló del festival.\n\n"
        '"Tenemos que actuar en bloque, me parece muy necesario", comparó.\n\n'
        '"Es muy rico poder traer mi película a una vitrina como ésta", señaló Cuarón.\n'
    )
    texts = [t for t, _ in _quotes(doc)]
    assert texts == [
        "Tenemos que actuar en bloque, me parece muy necesario",
        "Es muy rico poder traer mi película a una vitrina como ésta",
    ]


def test_a_quoted_fragment_completing_reported_speech_in_spanish():
    doc = (
        "Carlos Cuarón habló en Los Ángeles.\n\n"
        'Cuarón manifestó que su carrera "ha sido de muchos altibajos aunque no lo sienta".\n'
    )
    assert [t for t, _ in _quotes(doc)] == ["ha sido de muchos altibajos aunque no lo sienta"]


def test_a_short_reply_attributed_after_it_is_a_quotation():
    doc = (
        "Viggo Mortensen spoke about the play.\n\n"
        "“It was terrifying,” he remembers. The run was a success.\n\n"
        '"Es refrescante", dijo Liam Hemsworth.\n'
    )
    assert [t for t, _ in _quotes(doc)] == ["It was terrifying", "Es refrescante"]


def test_a_gesture_after_the_quotation_attributes_it():
    doc = (
        "Viggo Mortensen spoke about the role.\n\n"
        "“If I had a choice, I’d always ask for more time,” he shrugs. The film was shot "
        "in Cologne.\n\n"
        "He remembered “the smell of his grandfather’s old cigars” well.\n"
    )
    assert _quotes(doc) == [("If I had a choice, I’d always ask for more time", "Viggo Mortensen")]


def test_two_apostrophes_typed_for_the_closing_mark():
    doc = (
        "Jennifer Lawrence regresó al plató.\n\n"
        "\"Cada vez que me equivocaba Woody decía, '¡Mejor será que regreses ese Oscar!'', "
        'dijo Lawrence. "Pero cuando volví les dije a todos que todo iba a cambiar", dijo.\n'
    )
    texts = [t for t, _ in _quotes(doc)]
    assert "Cada vez que me equivocaba Woody decía, '¡Mejor será que regreses ese Oscar!'" in texts
    assert "Pero cuando volví les dije a todos que todo iba a cambiar" in texts


def test_a_quotation_left_open_before_the_next_one_ends_at_its_last_sentence():
    doc = (
        "Discussion Questions\n"
        "1) What does the film leave you thinking about?\n"
        "2) Two women in the film describe Mark in very different terms.\n"
        "Erica: “You are probably going to be a very successful computer person. It'll be "
        "because you're an a**hole.\n"
        "Marilyn: “You're not an a**hole, Mark. You're just trying so hard to be.”\n"
        "Which is closer to the mark?\n"
    )
    assert _quotes(doc) == [
        (
            "You are probably going to be a very successful computer person. It'll be because "
            "you're an a**hole.",
            "Erica",
        ),
        ("You're not an a**hole, Mark. You're just trying so hard to be.", "Marilyn"),
    ]


def test_a_verb_with_no_subject_credits_the_last_speaker_not_the_last_place():
    doc = (
        "Los Ángeles. La clave es un bloque latino, afirmó el cineasta Carlos Cuarón.\n\n"
        '"Ésta sería la gran oportunidad para aprovechar el momento", señaló Cuarón.\n\n'
        "Destacó que su película ya fue estrenada en el Distrito Federal: "
        '"Ya sobrevivió una semana y esperamos que siga".\n\n'
        '"Es que todos andamos regados por el mundo", añadió.\n'
    )
    assert {s for _, s in _quotes(doc)} == {"Carlos Cuarón"}


def test_a_surname_two_people_share_is_the_one_the_text_keeps_using():
    doc = (
        "Cuando Jennifer Lawrence regresó al plató, la recibieron con un aplauso.\n\n"
        '"Realmente no busco algo cuando me siento a leer el guión", dijo Lawrence. '
        "Lawrence ganó el Oscar.\n\n"
        'El director Francis Lawrence agrega: "Jen es un ejemplo para todos nosotros".\n\n'
        '"Es como la epinefrina creativa para mí", dijo Lawrence. La película se estrena hoy.\n'
    )
    assert _quotes(doc) == [
        ("Realmente no busco algo cuando me siento a leer el guión", "Jennifer Lawrence"),
        ("Jen es un ejemplo para todos nosotros", "Francis Lawrence"),
        ("Es como la epinefrina creativa para mí", "Jennifer Lawrence"),
    ]


def test_a_place_used_as_an_adjective_is_no_one_to_refer_back_to():
    doc = (
        "Felix Film met Viggo Mortensen at the museum, in a quiet area of North London.\n\n"
        "Having visited the museums in both London and Vienna, Mortensen says the London home "
        "gave him the best idea. “I liked thinking of him in the garden,” he says.\n"
    )
    assert _quotes(doc) == [("I liked thinking of him in the garden", "Viggo Mortensen")]


def test_short_film_lines_in_quotation_marks_set_apart_in_a_block_quote():
    doc = (
        "<p>And lots of lovely throwaway lines -</p>\n"
        '<blockquote><p>"I left my papers in the car go and get them for me."</p>\n'
        '<p>"Get them yourself!"</p></blockquote>\n'
        "<p>The model shot is the best bit, and the “old mill” is fine.</p>\n"
        '<blockquote><p>"The Lady Vanishes"</p></blockquote>\n'
    )
    assert _quotes(doc, fmt="html") == [
        ("I left my papers in the car go and get them for me.", None),
        ("Get them yourself!", None),
    ]


def test_a_short_blurb_on_a_page_of_sourced_press_excerpts():
    doc = (
        "<div><p>“One of the most powerful musical shows you will see this year.”</p>"
        "<p>Edinburgh Reporter</p></div>\n"
        "<div><p>“A triumph!”</p><p>Birmingham Mail</p></div>\n"
        "<div><p>“A feast of remarkable theatricality, totally enveloping.”</p>"
        "<p>Birmingham Post</p></div>\n"
    )
    assert _quotes(doc, fmt="html") == [
        ("One of the most powerful musical shows you will see this year.", "Edinburgh Reporter"),
        ("A triumph!", "Birmingham Mail"),
        ("A feast of remarkable theatricality, totally enveloping.", "Birmingham Post"),
    ]


def test_a_straight_quotation_never_closed_does_not_turn_the_rest_inside_out():
    doc = (
        'Blader, who teaches there, was blunt. "We push students to find their own voice. '
        '"There is a confluence between film and multiple histories of storytelling," Blader '
        'said. "We look at theater, performance and art," she added.\n'
    )
    texts = [t for t, _ in _quotes(doc)]
    assert "There is a confluence between film and multiple histories of storytelling" in texts
    assert "We look at theater, performance and art" in texts
    assert not any("Blader said" in t for t in texts)


def test_a_quotation_introduced_by_a_word_for_what_it_is():
    doc = (
        "The screening opened with the famous quote, “Men are afraid women will laugh at "
        "them. Women are afraid men will kill them.”\n\n"
        "[David Sims's Letterboxd review](https://letterboxd.com/davidlsims/) is, \"there "
        "hasn't been a third act collapse this bad since Clippers-Rockets 2015\".\n"
    )
    found = dict(_quotes(doc, fmt="markdown"))
    assert "Men are afraid women will laugh at them. Women are afraid men will kill them." in found
    assert (
        found["there hasn't been a third act collapse this bad since Clippers-Rockets 2015"]
        == "David Sims"
    )


def test_a_block_quotes_footer_or_figure_caption_names_its_source():
    line = "<p>A quiet miracle of a film that trusts its audience.</p>"
    pages = (
        f"<blockquote>{line}<footer>— Roger Ebert, Chicago Sun-Times</footer></blockquote>",
        f"<blockquote>{line}<footer>Roger Ebert</footer></blockquote>",
        f"<figure><blockquote>{line}</blockquote>"
        "<figcaption>Roger Ebert in <cite>Chicago Sun-Times</cite></figcaption></figure>",
    )
    for page in pages:
        doc = f"<h1>Review</h1><p>Critics were kind.</p>{page}"
        assert _quotes(doc, fmt="html") == [
            ("A quiet miracle of a film that trusts its audience.", "Roger Ebert")
        ]
    # a picture's caption and the page footer stay out of the text
    doc = (
        "<h1>Review</h1><figure><img src=x><figcaption>Anna on the beach, Photo: Studio"
        "</figcaption></figure><p>Done.</p><footer>“Copyright all rights reserved” — Site</footer>"
    )
    assert _quotes(doc, fmt="html") == []


def test_a_short_second_segment_after_its_attribution_is_part_of_the_quotation():
    for o, c in (("“", "”"), ("‘", "’")):
        doc = (
            f"The film opened last week. {o}I never wanted to make a war film,{c} says Jane Doe, "
            f"who directed it. {o}It found me.{c}\n"
        )
        assert _quotes(doc) == [
            ("I never wanted to make a war film", "Jane Doe"),
            ("It found me.", "Jane Doe"),
        ]
    doc = "“I never wanted a war film,” says Jane Doe. Her next is about “the old country”.\n"
    assert _quotes(doc) == [("I never wanted a war film", "Jane Doe")]


def test_news_copy_in_straight_single_quotes_left_open_and_reopened():
    """A tabloid's quotations: straight single marks, a paragraph left open and the next
    reopening it (one quotation), a closing mark at the paragraph's end, a role before a name,
    and 'penned' as a verb of saying."""
    doc = (
        "<h1>News</h1><p>Kirstie Alley has hit out at the Academy Awards.</p>"
        "<p>The Cheers star penned in a furious rant: 'This is a disgrace to artists everywhere, "
        "can you imagine telling Picasso what had to be in his paintings.</p>"
        "<p>'You people have lost your minds. Control artists, control individual thought.'</p>"
        "<p>She added: 'I've been in the Academy for 40 years.'</p>"
        "<p>Comedian Tim Young said: 'So minority filmmakers will be left wondering.'</p>"
    )
    assert _quotes(doc, fmt="html") == [
        (
            "This is a disgrace to artists everywhere, can you imagine telling Picasso what "
            "had to be in his paintings.\n\n'You people have lost your minds. Control artists, "
            "control individual thought.",
            "Kirstie Alley",
        ),
        ("I've been in the Academy for 40 years.", "Kirstie Alley"),
        ("So minority filmmakers will be left wondering.", "Tim Young"),
    ]


def test_the_speaker_before_an_aspect_verb_and_the_people_asked():
    doc = (
        "Notes\n\nSean keeps asking Will, “What do you want to do?” Will has no answer.\n\n"
        'Outside the bowling alley Phil asks the two locals "What if there were no tomorrow?"\n'
    )
    assert _quotes(doc) == [
        ("What do you want to do?", "Sean"),
        ("What if there were no tomorrow?", "Phil"),
    ]


def test_a_line_from_the_film_opening_a_guides_prompt_is_a_quote():
    doc = (
        "Discussion questions\n\n"
        "6. “I think that’s a super philosophy, Will.” What is Sean telling him here?\n\n"
        "8. “I didn’t ask for this.”\n“No, you were born with it.”\n\n"
        "What do you think of Will’s reasoning there?\n"
    )
    assert _quotes(doc) == [
        ("I think that’s a super philosophy, Will.", None),
        ("I didn’t ask for this.", None),
        ("No, you were born with it.", None),
    ]
    lines = "Favourite lines\n\n“I think that’s a super philosophy.” “Born with it, no doubt.”\n"
    assert _quotes(lines) == []


def test_critics_phrases_in_a_round_up_and_not_a_links_tooltip():
    doc = (
        "# Cannes 2013\n\nCritics were blown away by its “wildly undisciplined” narrative, "
        "and it has been called “a masterpiece of human warmth, empathy and generosity”.\n\n"
        'The screening is at [Princess Cinemas](https://princesscinemas.com/ "Open in a new '
        'window"), where the reviews were “kind to the point of being fond”.\n\n'
        "My neighbour’s “greatest film of all time” is a different one.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("a masterpiece of human warmth, empathy and generosity", None),
        ("kind to the point of being fond", None),
    ]


def test_a_markdown_block_quotes_closing_cite_names_its_source():
    doc = (
        "# Red Sparrow\n\nI read some reviews after the fact. These two are spot on.\n\n"
        "> Lawrence looks like she’s having fun playing spy vs. spy. "
        "<cite>[Michael Smith for Tulsa World][ms]</cite>\n\n"
        "> Red Sparrow is many things. Regrettably, a good movie isn't one of them. "
        "<cite>Rick Kisonak, Seven Days</cite>\n\n[ms]: http://example.org/review\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("Lawrence looks like she’s having fun playing spy vs. spy.", "Michael Smith"),
        (
            "Red Sparrow is many things. Regrettably, a good movie isn't one of them.",
            "Rick Kisonak",
        ),
    ]


def test_a_possessive_ends_a_name():
    doc = (
        "<h1>Dune review</h1><p>Villeneuve's Dune is enormous. “I wanted the audience to feel "
        "small,” Villeneuve told Variety.</p>"
    )
    assert _quotes(doc, fmt="html") == [("I wanted the audience to feel small", "Villeneuve")]


def test_an_age_between_the_name_and_the_verb_after_the_quotation():
    doc = "Jane Doe made the film in Iceland. “We froze for six weeks straight,” Doe, 45, said.\n"
    assert _quotes(doc) == [("We froze for six weeks straight", "Jane Doe")]


def test_the_person_told_is_not_the_speaker_and_a_line_is_no_one():
    intro = "# Casablanca\n\nCasablanca is a film about Rick Blaine and Ilsa Lund.\n\n"
    told = intro + "When Rick tells Ilsa “We'll always have Paris,” the film turns.\n"
    assert _quotes(told, fmt="markdown") == [("We'll always have Paris", "Rick Blaine")]
    line = intro + "The most famous line, “Round up the usual suspects,” is Renault's.\n"
    assert _quotes(line, fmt="markdown") == [("Round up the usual suspects", None)]


def test_a_credited_block_quote_is_whole_and_markup_is_not_a_quotation_mark():
    doc = (
        "# Anthony Lane\n\nI had no idea **[Anthony Lane](http://example.org/lane)** existed. "
        'His reviews are collected in "_[Nobody\'s Perfect Again](https://example.org/book)_".\n\n'
        "Here's what Rachel Cooke wrote for The Guardian in [this review](https://example.org/r):\n\n"
        "> If you have never read a Lane review before, you are in for a treat. As Lane himself "
        "wrote, “The last Michael Bay film was a handy guide to asteroids,” and he was right.\n\n"
        "[Here](http://example.org/list)'s a list of his reviews by likes and dislikes, though "
        "the grades' logic escapes me.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "If you have never read a Lane review before, you are in for a treat. As Lane himself "
            "wrote, “The last Michael Bay film was a handy guide to asteroids,” and he was right.",
            "Rachel Cooke",
        )
    ]


def test_he_says_after_a_character_known_by_one_name():
    doc = (
        "The film is directed by Walter Salles, who also made the wonderful Motorcycle Diaries. "
        "Pacu is presented with a book by Clara. She asks him if he can read. "
        '"No", he says, "but I can read the pictures".\n'
    )
    assert _quotes(doc) == [("No", "Pacu"), ("but I can read the pictures", "Pacu")]


def test_a_favourite_line_credited_to_the_film_is_the_characters():
    doc = (
        "# Favourite lines\n\n- **The White Tiger (2019).**\n\n"
        "> Balram: Rich men are born with opportunities they can waste.\n>\n"
        "> — <cite>The White Tiger[^7]</cite>\n\n"
        "> You are different from the rest. Your heart is pure! Rejoice!\n>\n"
        "> — <cite>The Beast[^5]</cite>\n\n[^7]: The White Tiger (2019), IMDb.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("Rich men are born with opportunities they can waste.", "Balram"),
        ("You are different from the rest. Your heart is pure! Rejoice!", "The Beast"),
    ]
    assert not [i for i in extract(doc, fmt="markdown").items if i.kind is Kind.EXCHANGE]


def test_two_apostrophes_typed_for_double_quotation_marks_as_in_a_newspaper_archive():
    doc = (
        "Juzo Itami made Tampopo in 1985.\n\n"
        "Itami addressed this in an interview with The New York Times in 1987. When he said,\n\n"
        "> ''My generation is the first one that saw the gap between prewar Japan and postwar "
        "life, '' he said. ''We share pure Japanese ways of thinking and Western thinking.''\n\n"
        "Here's Itami again:\n\n"
        "> 'You must remember,'' he said, ''that food and sex originally are the same thing.''\n"
    )
    got = [(t.rstrip(", "), s) for t, s in _quotes(doc, fmt="markdown")]
    assert got == [
        (
            "My generation is the first one that saw the gap between prewar Japan and postwar life",
            "Juzo Itami",
        ),
        ("We share pure Japanese ways of thinking and Western thinking.", "Juzo Itami"),
        ("You must remember", "Juzo Itami"),
        ("that food and sex originally are the same thing.", "Juzo Itami"),
    ]


def test_a_transcript_with_encoded_marks_titles_with_their_stop_and_an_aside_before_the_verb():
    doc = (
        "The children watched &quot;Mr. Smith Goes to Washington.&quot;\n"
        "And when &quot;Schindler&#39;s List&quot; demanded that they never forget,\n"
        "one child, full of the pain of consciousness, remarked,\n"
        "&quot;We already forgot,\notherwise how did &#39;Hotel Rwanda&#39; happen?&quot;\n"
    )
    got = _quotes(doc, fmt="markdown")
    assert [(" ".join(t.split()), s) for t, s in got] == [
        ("We already forgot, otherwise how did 'Hotel Rwanda' happen?", "one child")
    ]


def test_a_sentences_first_word_is_no_speaker_and_claiming_or_responding_with_attributes():
    doc = (
        "Paul Abbott gave the keynote.\n\n"
        "When writing State of Play he refused to research, claiming that “research gets in "
        "the way of a good story.”\n\n"
        "Asked about women characters, he responded with “If a writer can’t write a woman, "
        "they’re not a writer.”\n"
    )
    assert _quotes(doc) == [
        ("research gets in the way of a good story.", "Paul Abbott"),
        ("If a writer can’t write a woman, they’re not a writer.", "Paul Abbott"),
    ]


def test_a_block_quote_citing_an_articles_title_is_the_quoted_persons_whole_passage():
    page = (
        "<p>Christian Bale, who was cast to play Moses, became a spokesperson for the film. "
        "Bale’s defense of the casting reveals how these decisions were made:</p>"
        "<blockquote><p>I don’t think fingers should be pointed, but we should all look at "
        "ourselves and say, “Are we supporting wonderful actors?”</p>"
        "<cite><em>Christian Bale and Ridley Scott defend Exodus casting at the premiere</em>"
        "</cite></blockquote><p>The rationale is obvious.</p>"
    )
    got = [(t, s) for t, s in _quotes(page, fmt="html")]
    assert got == [
        (
            "I don’t think fingers should be pointed, but we should all look at ourselves and "
            "say, “Are we supporting wonderful actors?”",
            "Christian Bale",
        )
    ]


def test_a_quotation_introduced_by_a_colon_is_the_clauses_subjects_or_nobodys():
    doc = (
        "Ken Loach was unequivocal about the film: “Films, like words, can be weapons in a "
        "struggle.”\n\n"
        "Just take this sentence for example: “Heli may be the most optimistic film you will "
        "ever see.”\n\n"
        'body: "I love this blog and its exceptional features so much"\n'
    )
    assert _quotes(doc) == [
        ("Films, like words, can be weapons in a struggle.", "Ken Loach"),
        ("Heli may be the most optimistic film you will ever see.", None),
    ]


def test_a_links_address_in_quotation_marks_is_no_quotation():
    doc = (
        'For a full review: <a href= "https://www.eskimotv.net/articles/2020/02/21/onward/">'
        'Click Here</a>. Dana told me, "I really miss my family and the Tex Mex food."\n'
    )
    assert _quotes(doc, fmt="markdown") == [
        ("I really miss my family and the Tex Mex food.", "Dana")
    ]


def test_a_paragraph_wholly_quoted_after_a_lead_in_ending_in_a_colon():
    doc = (
        "Stories like Nosferatu unlock a healthy fear.\n\n"
        "Willem Dafoe's aged professor summed my concerns with one line:\n\n"
        '"Science... it blinds us to the darkness." \n\nYou will never see me near an altar.\n'
    )
    assert _quotes(doc, fmt="markdown") == [
        ("Science... it blinds us to the darkness.", "Willem Dafoe")
    ]


def test_a_speaker_who_tells_someone_named_by_a_possessive():
    doc = (
        "Tonio is shown sitting on the swing. He tells his younger brother “I taught you how "
        "to fly with this, remember?”\n"
    )
    assert _quotes(doc) == [("I taught you how to fly with this, remember?", "Tonio")]


def test_is_what_he_says_after_the_quotation_attributes_it():
    doc = (
        "Walt Kowalski is a veteran who hates imports. “Would it kill you to buy American?” "
        "is what he says to his son.\n"
    )
    assert _quotes(doc) == [("Would it kill you to buy American?", "Walt Kowalski")]


def test_a_quoted_title_after_an_attribution_is_no_second_segment():
    doc = (
        "Leslie Uggams spoke at the premiere. “We all have our problems,” she said, adding that "
        "getting stories like the one seen in “American Fiction” out there “is not easy, as "
        "Jeffrey told everybody.”\n"
    )
    assert [t for t, _ in _quotes(doc)] == [
        "We all have our problems",
        "is not easy, as Jeffrey told everybody.",
    ]


def test_a_block_quoted_question_a_lead_in_introduces_is_a_quotation():
    doc = (
        "He opens the book with an introduction where two paragraphs stood out to me:\n\n"
        "> The ability of an audience to enter into the narrative arc of a movie is being lost; "
        "do today’s audiences have the patience to wait for Harry Lime?\n\n"
        "> Even students majoring in film had never seen one by Buñuel, Bresson, or Ozu.\n\n"
        "While he may seem grumpy, there are obvious points to be made.\n"
    )
    texts = [t for t, _ in _quotes(doc, fmt="markdown")]
    assert texts == [
        "The ability of an audience to enter into the narrative arc of a movie is being lost; "
        "do today’s audiences have the patience to wait for Harry Lime?",
        "Even students majoring in film had never seen one by Buñuel, Bresson, or Ozu.",
    ]
    # without the lead-in, a question set apart is an interview's, not a quotation
    alone = doc.split("\n\n", 1)[1]
    assert "Harry Lime" not in " ".join(t for t, _ in _quotes(alone, fmt="markdown"))


def test_a_first_person_phrase_woven_into_a_sentence_is_the_subjects_words():
    doc = (
        "Jorja Fox plays Sara Sidle on CSI.\n\n"
        'When shooting resumed, Fox found comfort in "having a place where I had to go and '
        "something I'm supposed to do.\"\n\n"
        'The new season was "a bold new direction for network television" after all.\n\n'
        'We can all sit back and think, "Yes, I knew the storyteller was right all along."\n'
    )
    assert _quotes(doc) == [
        ("having a place where I had to go and something I'm supposed to do.", "Jorja Fox")
    ]


def test_a_quotation_left_open_and_reopened_in_one_paragraph_goes_on_in_the_same_voice():
    # A news page whose paragraphs ran together: the closing mark of a paragraph was never
    # written, and the next paragraph of the quotation opens again.
    doc = (
        "Justin Bloch studied film at the university.\n\n"
        "Other TAT graduates have worked on such films as “Coraline” and “Toy Story.” "
        "“Everyone has a small part that makes up the larger production,” Bloch said. "
        "“Working in L.A., I see people who lose sight of that and fall flat on their face. "
        "“A lot of people here only know post-production. TAT students bridge that gap.”\n"
    )
    assert _quotes(doc) == [
        ("Everyone has a small part that makes up the larger production", "Justin Bloch"),
        (
            "Working in L.A., I see people who lose sight of that and fall flat on their face.",
            "Justin Bloch",
        ),
        (
            "A lot of people here only know post-production. TAT students bridge that gap.",
            "Justin Bloch",
        ),
    ]


def test_a_block_quote_closed_by_an_author_year_reference_is_its_authors_words():
    doc = (
        "An essay about money in film.\n\n"
        "The modus operandi of capitalists is to use benchmarks:\n\n"
        "> A capitalist investing in bonds typically tries to beat the benchmark; and so on. "
        "Every investment is stacked against its own group benchmark. (Nitzan & Bichler, 2009, "
        "p. 309)\n\n"
        "Relevancy is defined by other factors.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "A capitalist investing in bonds typically tries to beat the benchmark; and so on. "
            "Every investment is stacked against its own group benchmark.",
            "Nitzan and Bichler",
        )
    ]


def test_a_quoted_sentence_of_its_own_in_a_profile_is_its_subjects_words():
    doc = (
        "Kristen Wiig talks about comedy.\n\n"
        "‘I was so nervous the whole time,’ she says.\n\n"
        "She laughs. ‘It is a strange job, being funny for a living.’ Then she orders tea.\n\n"
        "References\n\n"
        "McMahon, J. (2019). “Is Hollywood a risky business? An analysis of risk”. New "
        "Political Economy, 24(4), 487–509.\n"
    )
    assert _quotes(doc) == [
        ("I was so nervous the whole time", "Kristen Wiig"),
        ("It is a strange job, being funny for a living.", "Kristen Wiig"),
    ]


def test_one_characters_labelled_lines_in_a_block_quote_are_quotations_not_a_conversation():
    doc = (
        "## Everything Everywhere All at Once\n\n"
        "Waymond's speech is the heart of the film.\n\n"
        "> Red Donkey: You know... Colonel shoot apes when wall's done.\n>\n"
        "> Caesar: His wall is... madness. It will not save him.\n>\n"
        "> Red Donkey: I save myself.\n>\n"
        "> Caesar: Is there anything left of you to save?\n\n"
        "And later:\n\n"
        "> CEO Waymond: You think I'm weak don't you?\n>\n"
        "> CEO Waymond: I know you see yourself as a fighter. Well, I see myself as one too.\n>\n"
        "> — <cite>Everything Everywhere All at Once.[^3]</cite>\n"
    )
    items = extract(doc, fmt="markdown").items
    assert [(i.text, i.speaker) for i in items if i.kind is Kind.QUOTE] == [
        ("You think I'm weak don't you?", "CEO Waymond"),
        ("I know you see yourself as a fighter. Well, I see myself as one too.", "CEO Waymond"),
    ]
    assert [[t.speaker for t in i.turns] for i in items if i.kind is Kind.EXCHANGE] == [
        ["Red Donkey", "Caesar", "Red Donkey", "Caesar"]
    ]


def test_a_speaker_named_by_a_markdown_link_after_the_quotation():
    doc = (
        "Amateur film is history.\n\n"
        "“These films create a visual history of the 20th century,” said "
        "[Heather Norris Nicholson](http://hud.academia.edu/HeatherNorrisNicholson), visiting "
        "researcher at the University of Huddersfield.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("These films create a visual history of the 20th century", "Heather Norris Nicholson")
    ]


def test_a_phrase_completing_what_a_named_person_said_is_their_words():
    doc = (
        "Heather Norris Nicholson, author of the book [*British Women Amateur Filmmakers: "
        "National Memories and Global Identities*](https://example.org/book), said one of the "
        "things she loves about amateur film is its ability to “open up alternative ways of "
        "seeing place and people.”\n\n"
        "There’s a phrase in the air this year that says, the new tools “get you to good enough "
        "faster than ever before” and nobody knows.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "open up alternative ways of seeing place and people.",
            "Heather Norris Nicholson",
        )
    ]


def test_a_first_person_phrase_in_british_single_marks_is_the_subjects_words():
    doc = (
        "Jessie Buckley stars in the film.\n\n"
        "Between takes, Buckley found comfort in ‘knowing that I had somewhere to be every "
        "morning’ and kept going.\n"
    )
    assert _quotes(doc) == [("knowing that I had somewhere to be every morning", "Jessie Buckley")]


def test_said_the_publications_critic_names_the_speaker_after_the_possessive():
    doc = (
        "Critics weigh in on the Oscars.\n\n"
        '"I am pretty sure this is the year of The Aviator," said the Observer\'s Philip Roth.\n\n'
        '"It is a fine film all the same," said the Guardian\'s film critic Peter Bradshaw.\n'
    )
    assert _quotes(doc) == [
        ("I am pretty sure this is the year of The Aviator", "Philip Roth"),
        ("It is a fine film all the same", "Peter Bradshaw"),
    ]


def test_a_title_in_italics_in_a_lead_in_is_not_the_speaker():
    doc = (
        "I often find solace in the letter at the end of *Bottle Rocket*:\n\n"
        "> Dear Grace, I enjoyed your letter. I agree Camp Douglas isn’t all it’s cracked up "
        "to be. It never was.\n\n"
        "I find this scene comforting.\n"
    )
    assert [s for _, s in _quotes(doc, fmt="markdown")] == [None]


def test_a_span_with_words_put_in_brackets_is_a_quotation_from_its_author():
    doc = (
        "An essay on naturalism.\n\n"
        "In the first chapter of *McTeague*, Frank Norris gives his dentist one “dream [was] "
        "to have a huge gilded tooth” and nothing else.\n\n"
        "“I think... let me see here...” “You're turned to the first page.”\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("dream [was] to have a huge gilded tooth", "Frank Norris")
    ]


def test_a_song_line_she_sings_is_her_quotation():
    doc = (
        "Jessie Buckley plays Rose-Lynn.\n\n"
        "“Had to find my own way, make my own mistakes,” she sings.\n"
    )
    assert _quotes(doc) == [("Had to find my own way, make my own mistakes", "Jessie Buckley")]


def test_a_speaker_named_later_in_the_sentence_after_the_quotation():
    doc = (
        "# Is Trilith, a Company Town, the Template for Future Studios?\n\n"
        "Rob Parker runs the studio.\n\n"
        "You might stumble across a shoot on your street. “There’s about a dozen different "
        "looks” for shooting in the town, says Parker, who points out the open area.\n\n"
        "“We can still build great places in America,” he contends.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("There’s about a dozen different looks", "Rob Parker"),
        ("We can still build great places in America", "Rob Parker"),
    ]


def test_one_unnamed_person_after_the_quotation_is_its_speaker():
    doc = (
        "The show was slow going at first.\n\n"
        "It was slow going at first: “My wife is confused,” one programming director "
        "complained, “and she is a smart broad.” But producers were careful.\n"
    )
    assert _quotes(doc) == [
        ("My wife is confused", "one programming director"),
        ("and she is a smart broad.", "one programming director"),
    ]


def test_a_quoted_list_of_names_is_no_sentence_of_someones_words():
    doc = (
        "Mr. Hughes holds a piece of wrinkled paper.\n\n"
        'Six names are hand written in ink. "Noah K, Kelvin B, Rich G, Mike S, Peter C." '
        "He searches the crowd.\n"
    )
    assert _quotes(doc) == []


def test_a_sentence_quoted_whole_that_ends_inside_a_nested_quotation():
    doc = (
        "Mary Steenburgen wrote the song.\n\n"
        "It fits the plot of the film. “So I called her up and said ‘Talk to me in your "
        "accent.’ And that gave us the opening line: ‘I’ve worn out the stones.’” The rest "
        "followed.\n"
    )
    assert [text for text, _ in _quotes(doc)][:1] == [
        "So I called her up and said ‘Talk to me in your accent.’ And that gave us the opening "
        "line: ‘I’ve worn out the stones.’"
    ]


def test_what_the_words_are_before_its_verb_is_no_speaker():
    doc = (
        "Reality shows are built on individuals.\n\n"
        "The number one reality TV cliché is, “I didn’t come here to make friends.” What is "
        "left unsaid is the rest.\n\n"
        "The film's tagline was “In space no one can hear you scream.”\n"
    )
    assert _quotes(doc) == [
        ("I didn’t come here to make friends.", None),
        ("In space no one can hear you scream.", None),
    ]


def test_a_short_sentence_quoted_with_its_speaker_and_verb_at_once_is_a_quote():
    doc = (
        "The film switches from sepia to colour as they enter the Zone. "
        '"We are home" Stalker says. Later, in "De Profundis" he says nothing at all.\n'
    )
    assert _quotes(doc) == [("We are home", "Stalker")]


def test_a_persons_response_to_something_was_their_words():
    doc = (
        "The scenes are long. Tarkovsky's response to criticism of the pace of the film was "
        '"the film needs to be slower and duller at the start so that the viewers who walked '
        'into the wrong theatre have time to leave."\n'
    )
    assert _quotes(doc) == [
        (
            "the film needs to be slower and duller at the start so that the viewers who "
            "walked into the wrong theatre have time to leave.",
            "Tarkovsky",
        )
    ]


def test_a_sentence_adverb_is_no_speaker():
    doc = (
        "His companion answers with a long speech about laws and triangles. "
        'Ultimately: "God is the same triangle for all of us". '
        "Apparently Tarkovsky said: “The Zone is a state of mind, nothing more.”\n"
    )
    assert _quotes(doc) == [
        ("God is the same triangle for all of us", None),
        ("The Zone is a state of mind, nothing more.", "Tarkovsky"),
    ]


def test_a_thing_that_says_something_is_no_speaker():
    doc = (
        "It is the opposite of entitlement: a mindset which says “this is what we have, "
        "what can we do with it” and gets on with the job.\n"
    )
    assert all(speaker is None for _, speaker in _quotes(doc))


def test_a_speaker_set_off_by_an_apposition_before_the_verb():
    doc = (
        "“Le vent se lève,” Miori Takimoto, playing Naoko Satomi, says in a strong accent. "
        "The film goes on.\n"
    )
    assert _quotes(doc) == [("Le vent se lève", "Miori Takimoto")]


def test_a_block_quote_after_a_paragraph_ending_with_a_verb_and_a_comma():
    doc = (
        "In the 2013 documentary, *The Kingdom of Dreams and Madness*, Miyazaki muses,\n\n"
        "> I need to hurry and finish this film. You know, people\n"
        "> who design airplanes and machines are cursed.\n\n"
        "Castorp then begins a monologue, musing, “Yes. A good place for forgetting.”\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "I need to hurry and finish this film. You know, people\n"
            "who design airplanes and machines are cursed.",
            "Miyazaki",
        ),
        ("Yes. A good place for forgetting.", "Castorp"),
    ]


def test_a_persons_response_with_a_colon_introduces_even_two_words():
    doc = 'Shawn asked her to cut the line. Kael\'s response: "Tough sh*t."\n'
    assert _quotes(doc) == [("Tough sh*t.", "Kael")]


def test_a_first_person_phrase_after_a_name_inside_the_sentence_is_that_persons():
    doc = (
        "Things have since shifted. Ellen Page called working with Allen “the biggest regret "
        "of my career”, and others followed.\n"
    )
    assert [q for q, _ in _quotes(doc)] == ["the biggest regret of my career"]


def test_a_thought_and_a_thing_that_says_are_not_quotations():
    doc = (
        "It's something special when you see a movie and think “God, I want that to be real”. "
        "It is a mindset which says “this is what we have, what can we do with it”.\n"
    )
    assert _quotes(doc) == []


def test_a_pull_quote_repeating_the_articles_own_sentence_is_no_quotation():
    doc = (
        "One figure who has thus far seemed immune to the #MeToo movement, however, is "
        "director Woody Allen.\n\n"
        "> “One figure who had thus far seemed immune to the #MeToo movement was Woody Allen”\n\n"
        "“Cinema is a matter of what's in the frame and what's out,” Scorsese said.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("Cinema is a matter of what's in the frame and what's out", "Scorsese")
    ]


def test_answers_under_topic_labels_are_the_guests_words_not_the_topics():
    doc = (
        "# A surprise visit\n\n"
        "Nicholas Cage spoke to the film class. He fielded questions for over an hour.\n\n"
        '* On Pokey: "He always seemed like he was a little peeved at Gumby."\n'
        '* On insecurity: "I do worry a lot. I never start a picture knowing what I do."\n'
    )
    assert _quotes(doc, fmt="markdown") == [
        ("He always seemed like he was a little peeved at Gumby.", "Nicholas Cage"),
        ("I do worry a lot. I never start a picture knowing what I do.", "Nicholas Cage"),
    ]


def test_german_guillemets_open_with_the_right_pointing_mark():
    doc = (
        "Ist »John Carter« so gut wie »Avatar«? Nein. Regisseur Andrew Stanton sagt: "
        "»Ich wollte immer einen Film über den Mars machen, schon als Kind.« Das glaube ich "
        "ihm sofort, nach »Wall-E« sowieso.\n"
    )
    assert [q for q, _ in _quotes(doc)] == [
        "Ich wollte immer einen Film über den Mars machen, schon als Kind."
    ]
    # French spacing is read as French: « … » opens with «.
    french = (
        "Dans « Le Mépris », Godard cite Bazin : « Le cinéma substitue à notre regard un "
        "monde qui s'accorde à nos désirs. » Puis il coupe, et « Le Mépris » continue.\n"
    )
    assert [q for q, _ in _quotes(french)] == [
        "Le cinéma substitue à notre regard un monde qui s'accorde à nos désirs."
    ]


def test_a_quotation_left_open_and_reopened_in_the_next_paragraph_is_one_quote():
    single = (
        "His son, Alec Lom, said: 'Like many actors, he never wanted to be pigeon-holed in a "
        "particular role.\n\n"
        "'He had many funny stories about the antics on the set.'\n"
    )
    assert _quotes(single) == [
        (
            "Like many actors, he never wanted to be pigeon-holed in a particular role.\n\n"
            "'He had many funny stories about the antics on the set.",
            "Alec Lom",
        )
    ]
    straight = (
        'In her autobiography, Diane Keaton wrote: "I have assessed my happiness ratio and this '
        "is the result. \n\n"
        '"I just don\'t think anyone could have the same feelings that I have for this family."\n'
    )
    assert [s for _, s in _quotes(straight)] == ["Diane Keaton"]


def test_a_work_named_after_its_kind_is_not_whom_he_refers_to():
    doc = (
        "Herbert Lom starred in the 1959 film The Big Fisherman.\n\n"
        "He later recalled: 'Everybody had Communist leanings. But I admired America greatly.'\n"
    )
    assert _quotes(doc) == [
        ("Everybody had Communist leanings. But I admired America greatly.", "Herbert Lom")
    ]


def test_a_quotation_joined_by_and_to_an_accepted_one_is_said_by_the_same_voice():
    doc = (
        "Skywalkers follows Angela Nikolau on the rooftops of Moscow.\n\n"
        "On a crane above the city, Angela Nikolau says, “Careful, it’s a little slippery.” "
        "and “It’s swaying so much.” Then the wind picks up.\n"
    )
    assert _quotes(doc) == [
        ("Careful, it’s a little slippery.", "Angela Nikolau"),
        ("It’s swaying so much.", "Angela Nikolau"),
    ]
    # a title joined by 'and' is still a title
    titles = (
        "Angela Nikolau says, “Careful, it’s a little slippery.” She loved “Vertigo” and "
        "“Rear Window” as a child.\n"
    )
    assert _quotes(titles) == [("Careful, it’s a little slippery.", "Angela Nikolau")]


def test_a_pronoun_with_a_contraction_is_a_pronoun_not_a_speaker_name():
    doc = (
        "Skywalkers follows Angela Nikolau on the rooftops of Moscow.\n\n"
        "She’ll be on a crane, saying things like, “Careful, it’s a little slippery.”\n"
    )
    assert _quotes(doc) == [("Careful, it’s a little slippery.", "Angela Nikolau")]
    plural = (
        "The film follows two influencers who say odd things. They’ll be on a crane, saying "
        "things like, “Careful, it’s a little slippery.”\n"
    )
    assert [s for _, s in _quotes(plural)] == [None]
    # 'So I’m' is the writer, "I", not a name
    writer = "So I’m getting nervous, and I say, “Hey. What’s the first thing?”\n"
    assert _quotes(writer) == [("Hey. What’s the first thing?", "I")]


def test_a_phrase_ending_in_and_before_the_verb_is_no_speaker():
    doc = (
        "It felt like they just found a few down-on-their-luck people and said, “look how sad "
        "these people are”.\n"
    )
    assert _quotes(doc) == [("look how sad these people are", None)]


def test_a_speaker_the_text_does_not_name_after_the_verb():
    doc = (
        '"HOME ALWAYS comes at a price," says a character midway through Steven Spielberg\'s '
        "new film Munich.\n"
    )
    assert _quotes(doc) == [("HOME ALWAYS comes at a price", "a character")]


def test_a_block_quoted_list_is_no_quotation_and_its_last_item_no_source():
    doc = (
        "# Discussion questions\n\n"
        "> **Instructions for each group:**\n"
        "> - Assign a notetaker\n"
        "> - Assign someone to share out to the larger group at the end\n"
        "> - Answer your group's assigned questions (10 minutes)\n\n"
        "## 1. Joan is Awful\n"
    )
    assert _quotes(doc, fmt="markdown") == []


def test_a_short_fragment_ending_a_named_speakers_clause_is_their_quotation():
    doc = (
        "Nolan has said the film is “a horror movie” at heart.\n\n"
        "Abigail Disney spoke of how documentary film-makers shouldn’t have to “beg for crumbs” "
        "from the streamers.\n\n"
        "Manohla Dargis called it “a brilliant, ambitious film.”\n"
    )
    assert _quotes(doc) == [
        ("a horror movie", "Nolan"),
        ("beg for crumbs", "Abigail Disney"),
        ("a brilliant, ambitious film.", "Manohla Dargis"),
    ]


def test_a_fragment_after_critics_in_general_stays_a_phrase():
    doc = "Some critics have called it “a bit slow” and others “nostalgia bait”.\n"
    assert _quotes(doc) == []


def test_a_line_snapped_in_a_scene_is_a_quotation():
    doc = (
        "Florence Pugh gets the best line of the film. “You don’t get to commit sin and then "
        "ask all of us to feel sorry for you,” she snaps at her husband.\n"
    )
    assert _quotes(doc) == [
        (
            "You don’t get to commit sin and then ask all of us to feel sorry for you",
            "Florence Pugh",
        )
    ]


def test_a_poem_quoted_a_line_to_a_block_quote_is_one_quotation_by_its_poet():
    doc = (
        "The series opens with Frost.\n\n"
        "> Whatever else the Civil War was for\n\n"
        "> It wasn't just to keep the States together,\n\n"
        "> Nor just to free the slaves, though it did both.\n\n"
        '---Robert Frost, "The Black Cottage" (1915)\n\n'
        "> The people can not be all, and always, well informed.\n\n"
        "---Jefferson to William Smith, Paris, 1787\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "Whatever else the Civil War was for\n\n"
            "It wasn't just to keep the States together,\n\n"
            "Nor just to free the slaves, though it did both.",
            "Robert Frost",
        ),
        ("The people can not be all, and always, well informed.", "Jefferson"),
    ]


def test_in_the_words_of_and_to_quote_name_the_speaker_after_them():
    doc = (
        'In the words of Roger Ebert, "No good movie is too long and no bad movie is short '
        'enough."\n\n'
        'To quote Pauline Kael, "The words Kiss Kiss Bang Bang are the briefest statement of '
        'the appeal of movies."\n'
    )
    assert _quotes(doc) == [
        ("No good movie is too long and no bad movie is short enough.", "Roger Ebert"),
        (
            "The words Kiss Kiss Bang Bang are the briefest statement of the appeal of movies.",
            "Pauline Kael",
        ),
    ]


def test_a_participle_before_a_name_is_not_part_of_the_speakers_name():
    doc = 'Quoting Kael, the critic wrote that "it is all about the kiss and the bang."\n'
    assert all(speaker != "Quoting Kael" for _, speaker in _quotes(doc))


def test_a_paragraph_wholly_quoted_inside_html_italics_is_a_quotation():
    doc = (
        "I loved it.\n\n"
        '<i> "Every time we get a chance to get ahead, they move the finish line." </i>\n\n'
        "It stayed with me.\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        ("Every time we get a chance to get ahead, they move the finish line.", None)
    ]


def test_a_news_role_before_the_name_after_the_verb_credits_the_name():
    doc = '"We have been here since 1931," said owner Maria Costa. "Where else would people go?"\n'
    assert _quotes(doc) == [
        ("We have been here since 1931", "Maria Costa"),
        ("Where else would people go?", "Maria Costa"),
    ]


def test_a_character_with_the_actor_in_brackets_speaks_and_a_film_in_brackets_does_not():
    doc = (
        "When his wife Hedwig (Sandra Hüller) learns he may be moved, she refuses to leave: "
        '"They will have to drag me out of here."\n\n'
        'Spike Lee (Do the Right Thing) said: "Wake up, and stay awake."\n'
    )
    assert _quotes(doc) == [
        ("They will have to drag me out of here.", "Hedwig"),
        ("Wake up, and stay awake.", "Spike Lee"),
    ]


def test_a_short_block_quote_after_a_lead_in_that_announces_words_is_quoted():
    doc = (
        "The film has a lovely score.\n\n"
        "In someone else's words, this movie is:\n\n"
        "> An Extraordinary Story of an Ordinary Life\n\n"
        "I agree.\n"
    )
    assert _quotes(doc, "markdown") == [("An Extraordinary Story of an Ordinary Life", None)]


def test_a_short_block_quote_after_a_plain_lead_in_is_no_quotation():
    doc = "The film has a lovely score.\n\nHere is the plot:\n\n> A Story of Life\n\nI agree.\n"
    assert _quotes(doc, "markdown") == []


def test_a_title_with_a_capitalised_small_word_and_its_stop_inside_the_marks_is_a_title():
    doc = (
        "Open to students, the theme of this year's festival is “The World I Want to Live "
        "In.” Films are due in May.\n"
    )
    assert _quotes(doc) == []


def test_as_a_name_put_it_after_a_quotation_credits_the_name():
    doc = (
        "The film is “a triumph of small gestures,” as Roger Ebert put it. It is far from “one "
        "of the most impactful shots in all of Bergman” as Cowie wants to describe it. The "
        "ending is “a door left open,” in Pauline Kael's words.\n"
    )
    assert _quotes(doc) == [
        ("a triumph of small gestures", "Roger Ebert"),
        ("one of the most impactful shots in all of Bergman", "Cowie"),
        ("a door left open", "Pauline Kael"),
    ]


def test_as_i_said_after_a_phrase_is_the_authors_own_words():
    assert _quotes("The picture is “good fun” as I said before.\n") == []


def test_italic_paragraphs_after_a_colon_lead_in_are_an_excerpt_not_an_interview():
    doc = (
        "These scenes capture the feeling better than any other film. The first scene is "
        "taken largely from the interview:\n\n"
        "*You know what? Why don't you write whatever you want? I am telling you that this "
        "was not a lost weekend sort of thing.*\n\n"
        "*And when that happens to you, you become tremendously willing to examine other "
        "ways to live.*\n\n"
        "Yes, I like to hear myself talk. But this is my blog, after all.\n"
    )
    items = extract(doc, fmt="markdown").items
    assert [(i.kind, i.text) for i in items] == [
        (
            Kind.QUOTE,
            "You know what? Why don't you write whatever you want? I am telling you that "
            "this was not a lost weekend sort of thing.",
        ),
        (
            Kind.QUOTE,
            "And when that happens to you, you become tremendously willing to examine other "
            "ways to live.",
        ),
    ]


def test_a_lone_italic_question_after_a_colon_stays_an_interviewers_question():
    doc = (
        "We spoke to the director about her new film:\n\n"
        "*What drew you to the story?*\n\n"
        "I grew up in that valley, and the river was everything to us.\n\n"
        "*Was the shoot hard?*\n\n"
        "The winter was brutal, but the crew stayed with it.\n"
    )
    items = extract(doc, fmt="markdown").items
    assert items and all(i.kind is Kind.EXCHANGE for i in items)


def test_a_line_quoted_whole_in_brackets_is_a_quotation():
    doc = (
        'Season 5 began with gimmicks: Walt suddenly feels invincible ("Just because you shot '
        "Jesse James doesn't make you Jesse James\"), and the show leans into a heist.\n"
    )
    assert _quotes(doc) == [
        ("Just because you shot Jesse James doesn't make you Jesse James", None)
    ]


def test_a_title_a_phrase_or_a_mock_paraphrase_in_brackets_is_no_quotation():
    doc = (
        'It was the best film of the year ("The Godfather Part Two"), he likes it ("a lot"), '
        'and the plot goes ("let\'s end conflict by sorting everyone into five factions!").\n'
    )
    assert _quotes(doc) == []


def test_words_recited_in_a_plays_scene_are_no_quotation():
    doc = (
        "**MRS. MORTAR:** Continue, Peggy. From the top.\n\n"
        "**PEGGY:** The quality of mercy is not strained.\n\n"
        "**MRS. MORTAR:** Go on.\n\n"
        "\"And earthly power doth then show likest God's when mercy seasons justice. We do "
        'pray for mercy."\n\n'
        "**EVELYN:** You've skipped three lines.\n\n"
        "**MRS. MORTAR:** In my entire career I've never missed a line.\n"
    )
    kinds = [i.kind for i in extract(doc, fmt="markdown").items]
    assert Kind.EXCHANGE in kinds and Kind.QUOTE not in kinds


def test_a_verdict_in_the_critics_own_words_is_their_quotation():
    doc = (
        "Critics were divided. The New Yorker dismissed it as “sentimental hokum.”\n\n"
        "Pauline Kael derided it as “glossy nonsense.”\n\n"
        "The Guardian hailed the film as “a masterpiece of mood”.\n"
    )
    assert _quotes(doc) == [
        ("sentimental hokum.", "New Yorker"),
        ("glossy nonsense.", "Pauline Kael"),
        ("a masterpiece of mood", "The Guardian"),
    ]


def test_an_aside_between_the_speaker_and_the_verb_names_no_one():
    doc = (
        "Director Jane Doe premieres *Homegrown* on Friday.\n\n"
        "Doe, who grew up in East Austin, said the film was “a love letter to my hometown.”\n\n"
        "Mark Smith, the head of Austin Film Society, said: “We started the festival for films "
        "like this one.”\n"
    )
    assert _quotes(doc) == [
        ("a love letter to my hometown.", "Jane Doe"),
        ("We started the festival for films like this one.", "Mark Smith"),
    ]


def test_a_quoted_sentence_keeps_the_speaker_named_before_it():
    doc = (
        'At one point Ilsa says to Rick: "Kiss me. Kiss me as if it were the last time." '
        "I cried.\n\n"
        'Later Rick says to Sam, "Play it again for me now, Sam." It works.\n'
    )
    assert _quotes(doc) == [
        ("Kiss me. Kiss me as if it were the last time.", "Ilsa"),
        ("Play it again for me now, Sam.", "Rick"),
    ]


def test_a_saying_or_a_proverb_is_nobodys_words():
    doc = (
        'As the old saying goes, "they don\'t make them like they used to."\n\n'
        'The old proverb says "a picture is worth a thousand words."\n'
    )
    assert _quotes(doc) == [
        ("they don't make them like they used to.", None),
        ("a picture is worth a thousand words.", None),
    ]


def test_a_line_owned_by_the_name_before_its_mark_is_their_quotation():
    doc = (
        'Rick\'s "I stick my neck out for nobody" sums him up in six words, and '
        'Spielberg\'s "Close Encounters of the Third Kind" owes it a debt.\n'
    )
    assert _quotes(doc) == [("I stick my neck out for nobody", "Rick")]


def test_a_work_named_after_its_kind_or_listed_after_say_is_a_title():
    doc = (
        'What\'s the problem with a few more loops in my life of, say, "Chinatown," '
        '"Beat the Devil," "Repo Man" or "The Godfather: Part II"?\n\n'
        '"The fact is I am quite happy in a movie, even a bad movie," said Binx Bolling, the '
        'title character of Walker Percy\'s 1961 novel, "The Moviegoer."\n'
    )
    assert _quotes(doc) == [
        ("The fact is I am quite happy in a movie, even a bad movie", "Binx Bolling")
    ]


def test_a_block_quote_signed_by_a_name_in_emphasis_on_its_last_line():
    doc = (
        "> Write what you know about the world emotionally. Just because you are a canteen "
        "lady does not mean you write canteen ladies.  \n> **Paul Abbott, 2013.**\n\n"
        "On the drive up I thought about it.\n\n"
        "> The cinema is truth twenty-four times a second and nothing else at all.\n>\n"
        "> *Jean-Luc Godard*\n"
    )
    assert _quotes(doc, fmt="markdown") == [
        (
            "Write what you know about the world emotionally. Just because you are a canteen "
            "lady does not mean you write canteen ladies.",
            "Paul Abbott",
        ),
        (
            "The cinema is truth twenty-four times a second and nothing else at all.",
            "Jean-Luc Godard",
        ),
    ]


def test_a_thought_put_in_words_is_a_quotation():
    doc = (
        'The next song came on. I was thinking, "Damn it, U2, why do you write songs like '
        'this." I thought "Inception" was great.\n'
    )
    assert _quotes(doc) == [("Damn it, U2, why do you write songs like this.", "I")]


def test_a_short_line_exclaimed_is_a_quotation_and_an_exclaimed_title_is_not():
    doc = (
        "Lee gave his characters catchphrases—“Flame on!”, “Hulk smash!”—and thought "
        'balloons. We watched "Airplane!" and "Mamma Mia!" twice; a real "wow!" moment.\n'
    )
    assert _quotes(doc) == [("Flame on!", None), ("Hulk smash!", None)]


def test_japanese_quotations_in_corner_brackets_before_the_quotative_particle():
    doc = (
        "吉永さんが舞台の上で「胴上げしたい」とおっしゃり、会場は大いに盛り上がりました。"
        "「生」と「死」を描いた作品で、『おとうと』の続編です。\n"
    )
    assert _quotes(doc) == [("胴上げしたい", "吉永さん")]


def test_chinese_quotations_after_a_verb_of_saying_and_short_exclamations():
    doc = (
        "李还赋予了自己的角色经典语录，比如“点火！”“浩克砸！”。"
        "李曾经说过：“我们的目标是，终有一天，成年人手拿一本漫画杂志也不会觉得尴尬。”\n"
    )
    assert _quotes(doc) == [
        ("点火！", None),
        ("浩克砸！", None),
        ("我们的目标是，终有一天，成年人手拿一本漫画杂志也不会觉得尴尬。", "李"),
    ]


def test_words_that_describe_a_person_are_the_describers_quotation():
    doc = (
        "Chadwick Boseman died on Friday.\n\n"
        'Actress Halle Berry described him as an "incredible man with immeasurable talent, who '
        'leaned into life regardless of his personal battles".\n'
    )
    assert _quotes(doc) == [
        (
            "incredible man with immeasurable talent, who leaned into life regardless of his "
            "personal battles",
            "Halle Berry",
        )
    ]
