"""Scored judgements about dialogue: one function per decision, each with named thresholds.

Each decision takes features that the candidate stage measured and returns a score; the
threshold beside it says where a "yes" starts. Thresholds were set on the development split of
the real labelled corpus (never on the test split); the figure that set each is in its comment.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- does a subtitle file's speaker label carry over to the next, unlabelled cues? ----------------
#
# SDH subtitles label a speaker only where it is not obvious (off screen, several people in one
# cue), so an unlabelled cue is often somebody else; a file that marks every change of speaker
# labels most cues. Carry a label forward only in files where most spoken cues carry one.
# Dev split: the SDH file labels 0.2 of its cues (carrying forward there made P 0.64); files
# that label each change label > 0.6.
SUBTITLE_CARRY_MIN_LABELLED = 0.5


def subtitle_labels_carry(labelled_cues: int, spoken_cues: int) -> bool:
    """Does every change of speaker carry a label, so an unlabelled cue is the last speaker's?"""
    if spoken_cues <= 0:
        return False
    return labelled_cues / spoken_cues >= SUBTITLE_CARRY_MIN_LABELLED


@dataclass(frozen=True)
class Evidence:
    """One weighted feature of a decision, kept so a reader can see why it went that way."""

    name: str
    weight: float


def total(evidence: list[Evidence]) -> float:
    """The score of a decision: the sum of its evidence."""
    return sum(e.weight for e in evidence)


# -- is a run of labelled lines a conversation? ----------------------------------------------------
#
# A run of "Label: text" lines is a conversation when someone speaks twice, or a question gets a
# reply, or the lines are sentences under labels that look like people. A labelled list (bullets
# "- Dr. Grant: will he…?", each label once) and a glossary ("**Diegesis**: the world of…") are
# not. Dev split: with RUN_LIST_PENALTY the character-goal list and the lecture glossary stop
# firing; every transcript, interview and play there keeps its score.
W_SPEAKS_TWICE = 2.0
W_QUESTION_ANSWERED = 2.0
W_ALL_SENTENCES = 1.0
W_PEOPLE_LABELS = 1.0
W_LABELLED_LIST = -3.0  # every turn a list item, every label used once
W_KNOWN_SPEAKER = 1.0  # a speaker of the document's other conversations speaks here
W_BARE_VALUES = -3.0  # most "turns" are a name or a figure, not said: credits, a fact sheet
W_FIELD_SHEET = -3.0  # the document's labels are fields: three or more, each used once, none
# like a person ("**Objective:** …", "**Warm-up (5 min):** Ask students: What…?", "**Activity:**")
BARE_VALUE_SHARE = 0.6
CONVERSATION_THRESHOLD = 2.0


@dataclass(frozen=True)
class RunFeatures:
    """What a run of labelled turns looks like."""

    turns: int
    speakers: int
    asked: bool  # a turn before the last ends with "?"
    all_sentences: bool  # every turn is a sentence (words ending in . ? ! …)
    people_labels: bool  # every label looks like a person (Q/A, full or upper-case name…)
    list_items: bool  # every turn is a list item
    known_speakers: int = 0  # labels that speak in the document's other conversations
    bare_values: float = 0.0  # share of turns that are a few words with no sentence's end
    field_sheet: bool = False  # its labels are the document's one-off fields, not speakers


def conversation_evidence(f: RunFeatures) -> list[Evidence]:
    out: list[Evidence] = []
    if f.turns > f.speakers:
        out.append(Evidence("someone speaks twice", W_SPEAKS_TWICE))
    if f.asked:
        out.append(Evidence("a question gets a reply", W_QUESTION_ANSWERED))
    if f.all_sentences:
        out.append(Evidence("the turns are sentences", W_ALL_SENTENCES))
    if f.people_labels:
        out.append(Evidence("the labels look like people", W_PEOPLE_LABELS))
    if f.list_items and f.turns == f.speakers:
        out.append(Evidence("a labelled list, each label once", W_LABELLED_LIST))
    if f.known_speakers:
        out.append(Evidence("its speakers talk in the document's conversations", W_KNOWN_SPEAKER))
    if f.bare_values > BARE_VALUE_SHARE:
        out.append(Evidence("most turns are bare values (credits)", W_BARE_VALUES))
    if f.field_sheet and not f.people_labels and not f.known_speakers:
        out.append(Evidence("the document's labels are one-off fields", W_FIELD_SHEET))
    return out


def is_conversation(f: RunFeatures) -> bool:
    """Two or more speakers, and enough evidence that they are talking to each other; or, in a
    transcript, a passage by speakers of its other conversations (one speaker between notes)."""
    if f.speakers < 2 and not (f.known_speakers == f.speakers and f.all_sentences):
        return False
    return total(conversation_evidence(f)) >= CONVERSATION_THRESHOLD


# -- is a candidate label a speaker label? ---------------------------------------------------------
#
# The label's form says how much it can be trusted alone: "Name: speech" and a screenplay cue are
# plain labels; "NAME." / "Name (aside)." cues and bold lead names also begin ordinary sentences
# and list items ("**Memory.** The flat…"); a one-word "Nora. Yes, it is!" is the weakest. A
# label gains by recurring, by a neighbour of the same form (a play's cues come in a row) and by
# being Q/A; it loses as a one-off in a list item or starting with an article ("The Verdict: …").
# Dev split: these weights keep every labelled turn of the plays, transcripts and interviews and
# drop the bold lead-ins of guides.
FORM_BASE = {"colon": 2.0, "screen": 2.0, "bold": 2.0, "cue": 1.0, "dot": 1.0, "lead": 1.0}
W_WEAK_GROUP = 2.0  # weak one-word cues: the same few names alternate (each >= 3 times)
W_RECURS = 1.0
W_QA_NAME = 2.0
W_SAME_FORM_NEIGHBOUR = 1.0  # only for cue / dot forms
W_ARTICLE_ONE_OFF = -1.0  # a colon label starting with an article, used once
W_ONE_OFF_IN_LIST = -1.0
LABEL_THRESHOLD = 2.0


@dataclass(frozen=True)
class LabelFeatures:
    """What a candidate speaker label looks like in its document."""

    form: str  # colon | screen | bold | cue | dot | lead | weak
    recurs: bool  # the same label is used elsewhere
    qa_name: bool  # Q / A / Interviewer …
    same_form_neighbour: bool  # a candidate of the same form within two blocks
    article: bool  # starts with The / A / My …
    in_list_item: bool
    weak_group: bool = False  # for weak cues: part of a group of alternating names


def label_evidence(f: LabelFeatures) -> list[Evidence]:
    out = [Evidence(f"form {f.form}", FORM_BASE.get(f.form, 0.0))]
    if f.form == "weak":
        if f.weak_group:
            out.append(Evidence("alternating one-word cues", W_WEAK_GROUP))
        return out
    if f.recurs:
        out.append(Evidence("the label recurs", W_RECURS))
    if f.qa_name:
        out.append(Evidence("a Q/A label", W_QA_NAME))
    if f.form in ("cue", "dot") and f.same_form_neighbour and not f.recurs:
        out.append(Evidence("a neighbour of the same form", W_SAME_FORM_NEIGHBOUR))
    if f.form == "colon" and f.article and not f.recurs:
        out.append(Evidence("an article, used once", W_ARTICLE_ONE_OFF))
    if f.in_list_item and not f.recurs and f.form in ("cue", "dot", "lead"):
        out.append(Evidence("a one-off label in a list item", W_ONE_OFF_IN_LIST))
    return out


def is_speaker_label(f: LabelFeatures) -> bool:
    """Does the candidate label name who speaks?"""
    return total(label_evidence(f)) >= LABEL_THRESHOLD


# -- is this an unlabelled interview (questions set apart, answers below)? -----------------------
#
# Questions set in bold, italics, as sub-headings or as block quotes, with plain paragraphs
# answering them, make an interview only when questions dominate the set-apart paragraphs and
# outnumber labelled turns, and then when the text says it is one ("we spoke with…") or the
# answers speak in the first person (an FAQ's answers do not). Question sub-headings are common in
# essays and guides, so with them only the text's own word counts. An interviewer's prompt may be
# a remark put to the interviewee ("**Your company is called Fourth Floor…**"): where the text says
# it is an interview, remarks put to "you" count with the questions towards their share.
MIN_QUESTIONS = 2
MIN_QUESTION_SHARE = 0.5
FIRST_PERSON_SHARE = 0.5  # answers speaking in the first person, above this share
W_SAYS_INTERVIEW = 2.0
W_FIRST_PERSON_ANSWERS = 1.0
W_QUESTION_HEADINGS = -1.0
W_ASKS_YOU = 1.0  # "Introduce yourself…?", "What do you love…?": asked of someone
ASKS_YOU_SHARE = 0.5
INTERVIEW_THRESHOLD = 1.0


@dataclass(frozen=True)
class InterviewFeatures:
    """What the set-apart questions of a document look like."""

    set_apart: int  # paragraphs set apart as questions could be (bold, italic, heading, quote)
    questions: int  # of which end in a question
    labelled: int  # labelled turns elsewhere in the document
    says_interview: bool  # the introduction says it is an interview
    first_person_answers: float  # share of answers speaking in the first person
    question_headings: bool  # some questions are sub-headings
    asks_you: float = 0.0  # share of the questions put to "you" ("What do you love about…?")
    remarks_to_you: int = 0  # set-apart remarks, not questions, put to "you"


def interview_evidence(f: InterviewFeatures) -> list[Evidence]:
    out: list[Evidence] = []
    if f.says_interview:
        out.append(Evidence("the text says it is an interview", W_SAYS_INTERVIEW))
    if f.first_person_answers > FIRST_PERSON_SHARE:
        out.append(Evidence("the answers speak in the first person", W_FIRST_PERSON_ANSWERS))
    if f.question_headings:
        out.append(Evidence("questions set as sub-headings", W_QUESTION_HEADINGS))
    if f.asks_you > ASKS_YOU_SHARE:
        out.append(Evidence("the questions are put to 'you'", W_ASKS_YOU))
    return out


def is_unlabelled_interview(f: InterviewFeatures) -> bool:
    """Are the set-apart questions an interviewer's, answered by the paragraphs below them?"""
    prompts = f.questions + (f.remarks_to_you if f.says_interview else 0)
    if f.questions < MIN_QUESTIONS or prompts < MIN_QUESTION_SHARE * f.set_apart:
        return False
    if f.labelled >= f.set_apart:
        return False
    return total(interview_evidence(f)) >= INTERVIEW_THRESHOLD


# -- does the last turn go on over the unlabelled paragraphs after it? ---------------------------
#
# A multi-paragraph answer: at most MAX_CONTINUATION_PARAS plain paragraphs continue the last turn
# when the conversation then resumes with a speaker already in it (and not the same one). When
# the dialogue ends there instead, the paragraphs must run up to a break in the document and read
# like the speaker going on: a conversation before them, a long last turn (not a quoted chat
# line), speech in the first or second person, nobody in the conversation named, no "Key: value"
# furniture and no question to the reader. Every one of these is a veto: prose after a dialogue
# is far more common than an answer running on unlabelled, so the decision is a conjunction.
MAX_CONTINUATION_PARAS = 3
MIN_LAST_TURN_CHARS = 80  # "I do.": a line of a quoted chat, not an answer


@dataclass(frozen=True)
class ContinuationFeatures:
    """The paragraphs after a turn, and what comes after them."""

    resumes: bool  # a labelled turn follows the paragraphs
    resumes_with_known_speaker: bool  # … by someone already in the run, not the last speaker
    resumes_with_question: bool  # … by an interviewer's set-apart question
    ends_at_break: bool  # otherwise: a heading, rule, editor's note or the end follows
    conversational: bool  # two or more speakers before
    last_turn_chars: int
    last_turn_quoted: bool  # the last turn is a complete quoted utterance
    names_speakers: bool  # the paragraphs name people of the conversation (narration)
    key_lines: bool  # "Tags: …", "Rating: 8/10"
    personal: bool  # every paragraph speaks in the first or second person
    asks: bool  # a paragraph asks a question (the author to the reader)


def continuation_vetoes(f: ContinuationFeatures) -> list[str]:
    """Why the paragraphs are not the last turn going on (empty: they are)."""
    if f.resumes:
        out = []
        if f.resumes_with_question:
            out.append("a new question follows")
        if not f.resumes_with_known_speaker:
            out.append("the next speaker is new or the same")
        if f.names_speakers and not f.personal:
            out.append("they tell of the speakers, in the third person")  # the editor's words
        return out
    checks = [
        (not f.ends_at_break, "prose goes on after them"),
        (not f.conversational, "no conversation before them"),
        (f.last_turn_chars < MIN_LAST_TURN_CHARS, "the last turn is a short line"),
        (f.last_turn_quoted, "the last turn is a quoted utterance"),
        (f.names_speakers, "they name the speakers"),
        (f.key_lines, "page furniture"),
        (not f.personal, "not first or second person"),
        (f.asks, "they ask the reader"),
    ]
    return [why for bad, why in checks if bad]


def turn_continues(f: ContinuationFeatures) -> bool:
    """Do the paragraphs continue the last turn?"""
    return not continuation_vetoes(f)
