"""Scripts whose markup says who speaks: plays in HTML, screenplays rendered to HTML, libretti."""

from __future__ import annotations

from bot.extraction import extract
from bot.extraction.htmlblocks import html_blocks
from bot.models import Kind


def _turns(doc: str, fmt: str = "html") -> list[tuple[str | None, str]]:
    return [
        (t.speaker, " ".join(t.text.split()))
        for it in extract(doc, fmt=fmt).items
        for t in it.turns
    ]


def _questions(doc: str, fmt: str = "html") -> list[str]:
    return [it.text for it in extract(doc, fmt=fmt).items if it.kind is Kind.QUESTION]


def test_a_bold_cue_with_the_full_stop_outside_the_bold_and_a_direction():
    doc = (
        "<p><b>Vera</b>.  Did you lock the gate?</p>\n"
        "<p><b>Tom</b>.  [After a pause.]  I thought you had.</p>\n"
        "<p><b>Vera</b>.  Then the goats are out again.</p>\n"
        "<p><b>Tom</b>.  [Rising.]  I will fetch them.</p>\n"
    )
    assert _turns(doc) == [
        ("Vera", "Did you lock the gate?"),
        ("Tom", "I thought you had."),
        ("Vera", "Then the goats are out again."),
        ("Tom", "I will fetch them."),
    ]
    assert _questions(doc) == []


def test_a_shared_cue_of_two_bold_names_is_one_turn():
    doc = (
        "<p><b>Vera</b>.  Shall we tell him?</p>\n"
        "<p><b>Tom</b>.  Together, then.</p>\n"
        "<p><b>Vera</b> and <b>Tom</b> [Speaking together.]  The goats are gone!</p>\n"
        "<p><b>Vera</b>.  All of them.</p>\n"
    )
    assert ("Vera and Tom", "The goats are gone!") in _turns(doc)


_SCREENPLAIN = """<html><head><title>Screenplay</title></head><body><div id="wrapper" class="screenplay">
<h2>INT. KITCHEN - NIGHT</h2>
<div class="action"><p>Rain on the window.</p></div>
<div class="dialog"><p class="character">MARA</p><p class="parenthetical">(whispering)</p><p>Is he asleep?</p></div>
<div class="dialog"><p class="character">JONAS (V.O.)</p><p>Since nine.</p><p>Leave the light on.</p></div>
<div class="action"><p>A sign on the door: <em>KEEP OUT: WET PAINT</em></p></div>
<div class="dialog"><p class="character">MARA</p><p>Fine.</p></div>
</div></body></html>"""


def test_a_screenplay_rendered_to_html_by_its_classes():
    assert _turns(_SCREENPLAIN) == [
        ("MARA", "Is he asleep?"),
        ("JONAS", "Since nine. Leave the light on."),
        ("MARA", "Fine."),
    ]
    assert _questions(_SCREENPLAIN) == []


def test_fountain_js_dialogue_with_the_cue_as_a_heading():
    doc = (
        "<html><body><h3>EXT. PIER - DAY</h3>\n"
        '<div class="dialogue"><h4>ANNA</h4><p>Where is the boat?</p></div>\n'
        "<p>Gulls.</p>\n"
        '<div class="dialogue"><h4>OLE</h4><p class="parenthetical">(shrugs)</p><p>Gone.</p></div>\n'
        '<div class="dialogue"><h4>ANNA</h4><p>Then we swim.</p></div>\n'
        "</body></html>"
    )
    assert _turns(doc) == [
        ("ANNA", "Where is the boat?"),
        ("OLE", "Gone."),
        ("ANNA", "Then we swim."),
    ]


def test_a_libretto_table_with_speaker_paragraphs():
    doc = (
        "<html><body><table>\n"
        '<tr><td><p class="speaker">Daland.</p><p>The storm has passed,</p><p>rest now, boys.</p></td>'
        '<td><p class="speaker">Mate.</p><p class="prose">Aye, captain!</p></td></tr>\n'
        '<tr><td><p class="speaker">Daland.</p><p>Keep the watch.</p></td>'
        '<td><p class="speaker">Mate.</p><p>I will.</p></td></tr>\n'
        "</table></body></html>"
    )
    assert _turns(doc) == [
        ("Daland", "The storm has passed, rest now, boys."),
        ("Mate", "Aye, captain!"),
        ("Daland", "Keep the watch."),
        ("Mate", "I will."),
    ]


def test_a_speaker_class_with_nothing_spoken_after_it_is_no_turn():
    doc = (
        '<html><body><div class="speaker">Dr. Ada Lane</div><div class="bio">Historian.</div>'
        "<p>Is film history written by the winners? She thinks so.</p></body></html>"
    )
    assert _turns(doc) == []


_VERSE_PLAY = """ACT I.

SCENE I. _A wood at night._


_Fox_

  Who walks so late beneath the oak?
  The moon is down, the lamps are out.


_Hare_

  Only a hare, good sir, no more.


[_Fox circles the tree._


_Fox_

  Then stay, and hear what I would say.


[_Hare trembles._


  Or run, and see how far you get.


_Hare_

  I'll run.


[_Exit Hare._
"""


def test_a_play_whose_cue_is_an_italic_name_alone_above_indented_verse():
    assert _turns(_VERSE_PLAY, fmt="text") == [
        ("Fox", "Who walks so late beneath the oak? The moon is down, the lamps are out."),
        ("Hare", "Only a hare, good sir, no more."),
        # a direction inside the speech stays; one after its last line is not part of it
        (
            "Fox",
            "Then stay, and hear what I would say. [_Hare trembles._ Or run, and see how far you get.",
        ),
        ("Hare", "I'll run."),
    ]
    assert _questions(_VERSE_PLAY, fmt="text") == []


def test_italic_lines_alone_that_are_not_alternating_names_are_no_cues():
    doc = (
        "My favourite films this year.\n\n_Vertigo_\n\n  Still the best film about obsession.\n\n"
        "_Vertigo_\n\n  I watched it twice; why does it work so well?\n\n_Heat_\n\n  A long night.\n"
    )
    assert _turns(doc, fmt="text") == []


def test_a_speaker_named_by_initials_and_surname():
    doc = (
        "Our favourite exchange:\n\n"
        "> Stella: You need a new pair of eyes.\n>\n"
        "> L.B. Jefferies: Reader's Digest, April 1939.\n>\n"
        "> Stella: Well, I only quote from the best.\n"
    )
    assert [s for s, _ in _turns(doc, fmt="markdown")] == ["Stella", "L.B. Jefferies", "Stella"]


def test_an_answer_in_two_paragraphs_before_the_next_labelled_bold_question():
    doc = (
        "**Q: How did rehearsals start?**\n\n"
        "I: We read the whole play aloud, twice, before anyone stood up.\n\n"
        "O: Definitely. And it has been such an opportunity to be cast as Macbeth, I think.\n\n"
        "Physically, I am smaller than the others, and there are always jokes about it.\n\n"
        "**Q: Was that hard?**\n\n"
        "O: Sometimes, yes.\n"
    )
    turns = _turns(doc, fmt="markdown")
    assert turns[2] == (
        "O",
        "Definitely. And it has been such an opportunity to be cast as Macbeth, I think. "
        "Physically, I am smaller than the others, and there are always jokes about it.",
    )


def test_a_play_whose_cues_are_speaker_spans_inside_the_speech_paragraph():
    doc = (
        "<html><body>"
        '<p><span class="speaker">Kent.</span> Is not this your son, my lord?</p>\n'
        '<p><span class="speaker">Gloucester.</span> His breeding, sir, hath been at my charge.</p>\n'
        '<p><span class="speaker">Kent.</span> I cannot conceive you.</p>\n'
        '<p><span class="speaker">Gloucester.</span> Sir, this young fellow’s mother could.</p>\n'
        "</body></html>"
    )
    assert [s for s, _ in _turns(doc)] == ["Kent", "Gloucester", "Kent", "Gloucester"]


def test_a_cast_list_marked_with_character_classes_is_no_dialogue():
    doc = (
        "<html><body><h2>Cast</h2>"
        + "".join(
            f'<div class="cast"><p class="character">{c}</p><p>{a}</p></div>'
            for c, a in (
                ("Tony", "Al Pacino"),
                ("Elvira", "Michelle Pfeiffer"),
                ("Manny", "Steven Bauer"),
            )
        )
        + "<p>Manny said it best. What else is there to say?</p></body></html>"
    )
    assert _turns(doc) == []


def test_prefixed_renderer_classes_are_read_like_plain_ones():
    doc = (
        "<html><body>"
        '<p class="jouvence-scene-heading">INT. CAR - NIGHT</p>'
        '<p class="jouvence-character">LENA</p><p class="jouvence-dialog">Left here.</p>'
        '<p class="jouvence-action">He turns right.</p>'
        '<p class="jouvence-character">MAX</p><p class="jouvence-dialog">Too late.</p>'
        '<p class="jouvence-character">LENA</p><p class="jouvence-dialog">Of course it is.</p>'
        "</body></html>"
    )
    assert _turns(doc) == [
        ("LENA", "Left here."),
        ("MAX", "Too late."),
        ("LENA", "Of course it is."),
    ]


def test_a_subtitle_page_marking_speaker_changes_names_nobody():
    doc = (
        "<html><body><div>"
        "<p class='new-speaker'>And who are you?</p><p class='new-speaker'>Tiffany, and you?</p>"
        "<p>The evil aunt!</p><p class='new-speaker'>Get ready, kids!</p><p>The film starts.</p>"
        "<p class='new-speaker'>Tomi?</p><p>Tomi, the storyteller.</p>"
        "</div></body></html>"
    )
    assert _turns(doc) == []
    assert all(b.role == "" for b in html_blocks(doc)[0])


_CAPS_PLAY = """THE PERSONS OF THE PLAY.

    THE FERRYMAN.
    A TRAVELLER.

THE FERRYMAN

How dark the river is to-night!

THE VOICE OF THE TRAVELLER

[_From the far bank._]

Ferryman! Will you take me over?

THE FERRYMAN

Not until the moon is up.

THE VOICE OF THE TRAVELLER

Then I shall wait.

[_Noise of the water._]
"""


def test_a_play_whose_cue_is_a_capital_name_alone_with_its_article():
    assert _turns(_CAPS_PLAY, fmt="text") == [
        ("THE FERRYMAN", "How dark the river is to-night!"),
        # the cue's own direction, right under it, is not part of the speech
        ("THE VOICE OF THE TRAVELLER", "Ferryman! Will you take me over?"),
        ("THE FERRYMAN", "Not until the moon is up."),
        ("THE VOICE OF THE TRAVELLER", "Then I shall wait."),
    ]
    assert _questions(_CAPS_PLAY, fmt="text") == []


def test_a_play_set_as_a_table_one_row_a_speech():
    """Standard Ebooks' drama layout: a speaker cell and a speech cell per row, a row with an
    empty first cell for a stage direction; the excerpt may end before the table closes."""
    row = '<tr><td epub:type="z3998:persona">{}</td><td>{}</td></tr>'
    doc = (
        "<section><h2>Act I</h2><p>Scene: Morning-room in Algernon’s flat.</p><table><tbody>"
        "<tr><td/><td><i>Lane is arranging afternoon tea.</i></td></tr>"
        + row.format("Algernon", "Did you hear what I was playing, Lane?")
        + row.format("Lane", "I didn’t think it polite to listen, sir.")
        + row.format("Algernon", "I’m sorry for that, for your sake.")
        + row.format("Lane", "Yes, sir. <i>Hands them on a salver.</i>")
    )
    turns = _turns(doc)
    assert turns == [
        ("Algernon", "Did you hear what I was playing, Lane?"),
        ("Lane", "I didn’t think it polite to listen, sir."),
        ("Algernon", "I’m sorry for that, for your sake."),
        ("Lane", "Yes, sir. Hands them on a salver."),
    ]
    # a data table (every first cell different) stays a table of cells
    data = "<table>" + "".join(
        row.format(f"Film {k}", f"A story told in {k} parts.") for k in range(5)
    )
    assert _turns(data + "</table>") == []
