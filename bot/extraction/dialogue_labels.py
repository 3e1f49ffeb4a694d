"""Candidate speaker labels: the forms a turn's label takes in real documents, and the block
features (direction, interjection, editor's note) that the dialogue decisions use."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .blocks import CODE, HEADING, ITEM, PARA, Block

_W = r"(?:(?i:mr|mrs|ms|dr|prof|st|mme|mlle|sr|jr)\.|(?:[^\W\d_]\.){1,3}(?=[ \t])|[^\W\d_][\w'’\-]{0,24})"
# "OPERATOR #2", "MAN #1": numbered unnamed speakers (subtitles, transcripts)
_NAME = rf"{_W}(?:[ \t\ufffd](?:{_W}|&)){{0,4}}?(?:[ \t]?#\d{{1,3}}|[ \t]\d{{1,2}})?"
_DIR = r"(?:[ \t]*[_*]{0,2}[\[(][^\])\n]{0,160}[\])][_*]{0,2}\]?)?"
_MK = r"(?:\*\*|__|\*|_)?"
# "Name: speech", "**Name:** speech", "**Name**: speech", "_Name:_ speech", "Name (dir): speech"
_STAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]+)?"
_COLON_INLINE = re.compile(
    rf"^[ \t]*{_STAMP}(?P<pre>{_MK})(?P<name>{_NAME})(?P<role>,[ \t]+[^\W\d_][\w .'’&-]{{1,40}}?)?"
    rf"(?P<mid>{_MK})(?P<dir>{_DIR})[ \t]*:(?P<post>{_MK})"
    rf"[ \t]+(?P<speech>\S[^\n]*(?:\n[^\n]*)*)$"
)
# "NAME:" alone on its line (speech below)
_COLON_CUE = re.compile(
    rf"^[ \t]*(?P<pre>{_MK})(?P<name>{_NAME})(?P<dir>{_DIR})[ \t]*:(?P<post>{_MK})[ \t]*$"
)
# "_Name._ speech", "NAME. speech", "Name.  speech"
_DOT_INLINE = re.compile(
    rf"^[ \t]*(?P<pre>{_MK})(?P<name>{_NAME})(?P<dir>{_DIR})\.(?P<post>{_MK})"
    rf"(?P<gap>[ \t\u00a0]+)(?P<speech>\S[^\n]*(?:\n[^\n]*)*)$"
)
# "_Name._" / "_Name (direction)._" / "NAME." alone
_DOT_CUE = re.compile(
    rf"^[ \t]*(?P<pre>{_MK})(?P<name>{_NAME})(?P<dir>{_DIR})\.(?P<post>{_MK})[ \t]*$"
)
# Screenplay cue: upper-case name with optional extensions and a dual-dialogue caret.
_SCREEN_CUE = re.compile(
    r"^[ \t]*(?:@(?P<forced>[^\W\d_][^\s(]*(?:[ \t]+[^\s(]+){0,3}?)|"
    r"(?P<name>[^\W\da-z_][^\sa-z(]*(?:[ \t]+[^\sa-z(]+){0,4}?))"
    r"(?P<ext>(?:[ \t]*\([^)\n]{0,40}\))*)[ \t]*\^?[ \t]*$"
)
_TIMED_CUE = re.compile(
    rf"^[ \t]*(?P<name>{_NAME}(?:[ \t]\d{{1,2}})?)[ \t]+[\[(]?(?:\d{{1,2}}:)?\d{{1,2}}:\d{{2}}[\])]?[ \t]*$"
)
# "Q. speech" / "A. speech": tried before the general form, which reads "A. Very." as a name
_QA_DOT = re.compile(
    rf"^[ \t]*(?P<pre>{_MK})(?P<name>(?i:q|a|question|answer))\.(?P<post>{_MK})[ \t]+(?P<speech>\S[^\n]*(?:\n[^\n]*)*)$"
)
_BOLD_LEAD = re.compile(rf"^(\*\*|__)(?P<name>{_NAME})\1(?:[ \t]+\S|[ \t]*\n[ \t]*\S)")
_BOLD_WHOLE = re.compile(r"^[ \t]*(\*\*|__)(?!\s)(?P<body>[^\n]*(?:\n[^\n]*)*?)(?<!\s)\1[ \t]*$")

_STOP = {
    # a review's before/after sections ("BEFORE: Another double-feature day…", "AFTER: …")
    "before",
    "after",
    # a worksheet's model answer under its question ("i) Where does this scene take place?"
    # / "Ans: In the street outside Shylock's house."): a key, not a speaker
    "ans",
    "afterwards",
    "later",
    "tonight",
    "tomorrow",
    "thoughts",
    "expectations",
    "impressions",
    "reaction",
    "takeaway",
    "takeaways",
    "overall",
    "plot",
    "premise",
    "review",
    "opinion",
    "note",
    "notes",
    "example",
    "examples",
    "update",
    "updated",
    "edit",
    "rating",
    "ratings",
    "source",
    "sources",
    "credit",
    "credits",
    "author",
    "authors",
    "date",
    "title",
    "directions",
    "direction",
    "warning",
    "spoiler",
    "spoilers",
    "tags",
    "tag",
    "category",
    "categories",
    "summary",
    "synopsis",
    "starring",
    "stars",
    "director",
    "directors",
    "directed",
    "cast",
    "character",
    "runtime",
    "genre",
    "verdict",
    "score",
    "grade",
    "pros",
    "cons",
    "p.s",
    "ps",
    "fig",
    "figure",
    "table",
    "step",
    "chapter",
    "part",
    "act",
    "scene",
    "episode",
    "season",
    "caption",
    "photo",
    "image",
    "via",
    "from",
    "by",
    "posted",
    "filed",
    "related",
    "see",
    "also",
    "read",
    "location",
    "time",
    "place",
    "setting",
    "contact",
    "email",
    "phone",
    "website",
    "address",
    "tip",
    "hint",
    "bonus",
    "fact",
    "the",
    "a",
    "an",
    "this",
    "that",
    "it",
    "my",
    "our",
    "in",
    "on",
    "at",
    "for",
    "and",
    "but",
    "so",
    "yes",
    "no",
    "well",
    "oh",
    "ok",
    "okay",
    "however",
    "meanwhile",
    "first",
    "second",
    "third",
    "finally",
    "then",
    "ingredients",
    "method",
    "layout",
    "description",
    "draft",
    "draft date",
    "language",
    "country",
    "year",
    "length",
    "format",
    "studio",
    "distributor",
    "released",
    "release",
    "release date",
    "writer",
    "writers",
    "written by",
    "producer",
    "producers",
    "music",
    "cinematography",
    "editing",
    "running time",
    "budget",
    "box office",
    "keywords",
    "key",
    "important",
    "reminder",
    "disclaimer",
    "bottom line",
    "conclusion",
    "introduction",
    "background",
    "context",
    "objective",
    "objectives",
    "goal",
    "task",
    "assignment",
    "homework",
    "due",
    "instructions",
    "materials",
    "question",
    "questions",
    "answer",
    "answers",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "mt",
    "vs",
    "i.e",
    "e.g",
    "etc",
    "no.",
    "int",
    "ext",
    "fade in",
    "fade out",
    "cut to",
    "the end",
    "end",
    "dramatis personae",
    "characters",
    "persons",
    "prologue",
    "epilogue",
    "intermission",
    "curtain",
    "here",
    "there",
    "now",
    "today",
    "yesterday",
    "why",
    "what",
    "how",
    "who",
    "when",
    "where",
    "lol",
    "ps.",
    "nb",
    "n.b",
    "http",
    "https",
    "www",
    "tl;dr",
    "tldr",
    "edit 2",
    "update 2",
    "rated",
    "sfx",
    "fx",
    "sound",
    "sounds",
    "sound effect",
    "sound effects",
    "grams",
    "atmos",
    "ambience",
    "effect",
    "effects",
    "visual",
    "graphic",
    "graphics",
    "title card",
    "on screen",
    "onscreen",
    "result",
    "results",
    "status",
    "type",
    "name",
    "level",
    "price",
    "cost",
    "size",
}
_ROLE_LABELS = {
    "member",
    "members",
    "question",
    "questioner",
    "participant",
    "moderator",
    "host",
    "speaker",
    "voice",
    "guest",
    "woman",
    "man",
    "person",
    "student",
    "teacher",
    "reporter",
    "panelist",
    "panellist",
    "viewer",
    "caller",
    "fan",
    "critic",
    "director",
    "producer",
    "writer",
    "actor",
    "interviewer",
    "journalist",
}
# A character a script names by role, after its article ("The photographer", "Le photographe",
# "El camarero"): accepted in lower case, since a role noun is no prose lead-in ("The verdict:")
_ROLE_ARTICLES = {"the", "le", "la", "l'", "l’", "el", "il", "lo", "der", "die", "das"}
_ROLE_NOUNS = {
    "photographer",
    "waiter",
    "waitress",
    "doctor",
    "nurse",
    "priest",
    "officer",
    "policeman",
    "driver",
    "clerk",
    "stranger",
    "narrator",
    "girl",
    "boy",
    "mother",
    "father",
    "announcer",
    "guard",
    "soldier",
    "minister",
    "judge",
    "bartender",
    "barman",
    "receptionist",
    "manager",
    "photographe",
    "serveur",
    "serveuse",
    "médecin",
    "prêtre",
    "narrateur",
    "narratrice",
    "femme",
    "homme",
    "mère",
    "père",
    "policier",
    "chauffeur",
    "inconnu",
    "inconnue",
    "journaliste",
    "animateur",
    "animatrice",
    "juge",
    "garçon",
    "fille",
    "vendeur",
    "vendeuse",
    "camarero",
    "camarera",
    "médico",
    "narrador",
    "narradora",
    "hombre",
    "mujer",
    "fotógrafo",
    "cameriere",
    "fotografo",
    "arzt",
    "kellner",
    "erzähler",
    "fotograf",
}
_WEAK_STOP = {
    "yes",
    "no",
    "oh",
    "ah",
    "well",
    "okay",
    "ok",
    "right",
    "fine",
    "sure",
    "wow",
    "thanks",
    "good",
    "great",
    "exactly",
    "indeed",
    "true",
    "so",
    "now",
    "then",
    "later",
    "again",
    "first",
    "next",
    "finally",
    "also",
    "still",
    "yet",
    "anyway",
    "alas",
    "hello",
    "goodbye",
    "perhaps",
    "maybe",
    "agreed",
    "correct",
    "wrong",
    "nothing",
    "everything",
    "enough",
    "never",
    "always",
    "seriously",
    "honestly",
    "absolutely",
    "definitely",
    "look",
    "listen",
    "wait",
    "stop",
    "please",
    "sorry",
    "amen",
    "hmm",
    "huh",
    "ha",
    "no.",
    "period",
    "note",
    "end",
}
QA_NAMES = {"q", "a", "question", "answer", "interviewer", "interviewee"}
SCREEN_STOP = re.compile(
    r"^(?:INT|EXT|EST|I/E|INT\./EXT|EXT\./INT)[ .]|^(?:ACT|SCENE|CHAPTER|PART|BOOK|PROLOGUE|EPILOGUE|"
    r"THE END|END|INTRODUCTION|DRAMATIS|CURTAIN|FADE|CUT|DISSOLVE|SMASH|MATCH|TITLE|CREDITS|"
    r"CONTINUED|MORE|BACK TO|INTERCUT|MONTAGE|SUPER|INSERT|CLOSE ON|ANGLE|POV|LATER|"
    r"CONTINUOUS|FLASHBACK|OPENING|NOTE)\b"
)
SUBJECT = "\x00subject"  # placeholder speaker: the interviewee, named once the run is kept


@dataclass
class Cand:
    """A candidate turn found at block ``index``."""

    index: int
    speaker: str
    speech: str | None  # None: the speech follows in the next blocks
    form: str  # colon | dot | screen | bold | cue | lead
    upper: bool = False
    heading: bool = False
    italic: bool = False
    quoted: bool = False  # a question set as a block quote
    answer: str | None = None  # the answer after a bold question in the same paragraph
    marked: bool = False  # the markup says it is a turn (an HTML script's classes)
    alone: bool = False  # a name alone on its line, set in italics or capitals (speech below)


def _markup_ok(pre: str, mid: str, post: str) -> bool:
    if not pre:
        return not mid and not post
    return mid == pre or post == pre


_PARTICLE_NAME = re.compile(r"^(?:de|da|di|du|le|la|van|von|mc|mac)[A-Z][\w'’\-]+$")  # "deGrasse"


_CREDIT_ROLES = {
    "producer",
    "producers",
    "director",
    "directors",
    "writer",
    "writers",
    "composer",
    "composers",
    "editor",
    "editors",
    "designer",
    "designers",
    "cinematographer",
    "supervisor",
    "photography",
    "design",
    "effects",
}


_PARTS = {
    "day",
    "week",
    "part",
    "chapter",
    "step",
    "act",
    "scene",
    "round",
    "session",
    "episode",
    "lesson",
    "unit",
    "module",
    "night",
    "stage",
    "book",
    "volume",
    "reel",
    "take",
    "phase",
}
_NUMBER_WORDS = {
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "i",
    "ii",
    "iii",
    "iv",
    "v",
    "vi",
    "vii",
    "viii",
    "ix",
    "x",
    "first",
    "second",
    "third",
    "last",
    "final",
}


_QUESTION_NUMBER = re.compile(r"^[Qq]\.?[ \t]?\d{1,3}[a-z]?\.?$")


def name_ok(name: str, *, form: str) -> bool:
    name = name.strip()
    if not name or len(name) > 40:
        return False
    words = name.split()
    low = name.lower().rstrip(".")
    if low in QA_NAMES:
        return True
    if low in _STOP or words[0].lower() in _STOP and len(words) == 1:
        return False
    if _QUESTION_NUMBER.match(name):
        return False  # "**Q3.** Which scene …?": a guide's numbered question, not a speaker
    if len(words) > 1 and words[-1].lower() in _CREDIT_ROLES:
        return False  # "Executive Producers: Jessica Sittig (San Francisco), …": credits
    if len(words) == 2 and words[0].lower() in _PARTS and words[1].lower() in _NUMBER_WORDS:
        return False  # "Day One: Sitting in the living room…", "Part Two:": a section's name
    if (
        len(words) == 2
        and words[0].lower() in _ROLE_ARTICLES
        and (
            words[1].lower() in _ROLE_NOUNS
            or words[1].lower() in _ROLE_LABELS - {"question", "voice", "member", "members"}
        )
    ):
        return True  # "The photographer:", "Le photographe :": a character by their role
    if words[0].lower().rstrip(".") in {
        "the",
        "a",
        "an",
        "my",
        "our",
        "this",
        "that",
        "his",
        "her",
    }:
        # "The Boy" is a fine cue in plays; as a colon label ("The Boy: …" but also "The
        # problem: …") it must be capitalised throughout and recur (checked by the caller).
        if len(words) > (4 if name.isupper() else 3) or len(words) == 1:
            return False  # ("THE PAGE OF HERODIAS": a play's cue in capitals runs longer)
        if form == "colon" and not all(w[:1].isupper() for w in words):
            return False
    if not words[0][0].isupper():
        return False
    if any(w[0].isdigit() for w in words[:-1]) or (words[-1][0].isdigit() and len(words) == 1):
        return False
    if words[-1][0].isdigit() and not words[-1].isdigit():
        return False
    if words[-1].isdigit() and (len(words) < 2 or words[-2].lower() not in _ROLE_LABELS):
        return False  # "Speaker 2", "Audience member 3"; not "Chapter 1", "Step 2"
    if 2 <= len(words) <= 3 and all(w.lower() in _ROLE_LABELS or w.isdigit() for w in words[1:]):
        return True  # "Audience member", "Audience member 2", "Guest speaker"
    # Connectors may be lower case, other words must be capitalised.
    for w in words[1:]:
        if (
            w[0].islower()
            and not _PARTICLE_NAME.match(w)
            and w
            not in {
                "and",
                "de",
                "da",
                "van",
                "von",
                "der",
                "del",
                "la",
                "le",
                "of",
                "the",
                "du",
                "di",
                "bin",
                "al",
                "y",
                "&",
            }
        ):
            return False
    if name.endswith(("-", "'", "’")):
        return False
    return True


def strip_wrap(speech: str) -> str:
    s = speech.strip()
    for o, c in (("“", "”"), ('"', '"'), ("‘", "’")):
        if len(s) > 2 and s.startswith(o) and s.endswith(c):
            inner = s[1:-1]
            if o == c and o in inner:
                continue
            if o != c and (o in inner or c in inner):
                continue
            return inner.strip()
    # "Speech text" followed by trailing markup
    return s


def strip_markup_edges(text: str) -> str:
    t = text.strip()
    for mk in ("**", "__"):
        if t.startswith(mk) and t.endswith(mk) and len(t) > 4 and mk not in t[2:-2]:
            t = t[2:-2].strip()
    return t


def _first_line(text: str) -> str:
    nl = text.find("\n")
    return text if nl < 0 else text[:nl]


def candidate(b: Block, i: int, screenplay: bool) -> Cand | None:
    """Label the block as a candidate turn (any of the labelled forms), or None."""
    if (
        b.kind == HEADING
        and b.level >= 2
        and b.text.rstrip(" *_").endswith("?")
        and len(b.text) < 400
    ):
        # A question set as a sub-heading, in an interview (checked by the caller).
        return Cand(i, "Interviewer", strip_markup_edges(b.text), "bold", heading=True)
    if b.kind == HEADING and b.level >= 2:
        # A transcript that sets each speaker's name as a sub-heading ("#### TIM"), the speech
        # in the paragraphs under it: a cue set apart, judged with the others of its kind.
        return _alone_cue(b, i, b.text, b.text)
    if b.kind not in (PARA, ITEM):
        return None
    if b.role == "turn":
        return _marked_turn(b, i)
    text = b.text[:200_000]
    first = _first_line(text)
    if len(first) > 2000:
        return None
    for form in (
        _html_label,
        _bold_paragraph,
        _bold_question_lead,
        _screen_cue,
        _bracket_cue,
        _dash_cue,
        _bold_name,
        _colon_label,
        _cue_line,
        _dot_label,
        _alone_cue,
        _quoted_question,
        _dash_question,
    ):
        c = form(b, i, text, first)
        if c is not None:
            return c
    return None


_CUE_EXTENSION = re.compile(r"[ \t]*(?:\([^)\n]{0,60}\)[ \t]*)+$")


def _marked_turn(b: Block, i: int) -> Cand | None:
    """A cue and its speech that the HTML marks as such (``<p class="character">``): the cue
    without its extension (``(V.O.)``, ``(Mr Jacques)``), full stop or dual-dialogue caret is
    the speaker; a leading parenthetical is not part of the speech."""
    first, _, rest = b.text.partition("\n")
    name = _CUE_EXTENSION.sub("", first.strip().rstrip("^").strip()).rstrip(".:").strip()
    lines = rest.split("\n")
    if lines and lines[0].startswith("(") and lines[0].rstrip().endswith(")"):
        lines = lines[1:]
    speech = "\n".join(lines).strip()
    if not speech or not name or len(name) > 60 or not any(c.isalpha() for c in name):
        return None
    return Cand(i, name, speech, "screen", name.isupper(), marked=True)


_ALONE_ITALIC = re.compile(r"^[ \t]*([_*])(?P<name>[^\W\d_][\w'’\- ]{0,40}?)\1[ \t]*$")
_ALONE_CAPS = re.compile(r"^[ \t]*(?P<name>[^\W\d_a-z](?:[^\W\d_a-z]|['’\- ]){1,40}?)[ \t]*$")


_ARTICLE_WORD = re.compile(r"^(?:the|a|an)[ \t]+(?=\S)", re.I)


def _alone_cue(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Plays that set the cue apart, the speech in the next paragraph (often indented verse):
    ``_Ogre_`` or ``OGRE`` alone on its line. Only counts when such names alternate (checked
    by the caller): an italic or capital line alone is also a heading or a title."""
    if b.kind not in (PARA, HEADING) or b.quote or "\n" in text.strip() or len(text) > 60:
        return None
    m = _ALONE_CAPS.match(text) if b.kind == HEADING else None
    m = m or _ALONE_ITALIC.match(text) or _ALONE_CAPS.match(text)
    if not m:
        return None
    name = m.group("name").strip()
    if m.re is _ALONE_CAPS and not name.isupper():
        return None
    # "THE PAGE OF HERODIAS", "THE VOICE OF JOKANAAN": a role as the cue, its article aside
    bare = _ARTICLE_WORD.sub("", name, count=1) or name
    if len(name.split()) > 5 or not name_ok(bare, form="dot") or _transition_like(name.upper()):
        return None
    return Cand(i, name, None, "cue", name.isupper(), alone=True)


def _dash_question(b: Block, i: int, text: str, first: str) -> Cand | None:
    """An interview set as dashed lines, as Russian or French print does ("— Почему…?" then
    "— Я хотела…"): a dashed question is the interviewer's (only in an unlabelled interview)."""
    t = text.strip()
    if b.kind != PARA or b.quote or "\n" in t or not t.startswith(("— ", "– ")) or len(t) > 600:
        return None
    if not t.rstrip("*_ ").endswith("?"):
        return None
    return Cand(i, "Interviewer", t[2:].strip(), "bold")


def _quoted_question(b: Block, i: int, text: str, first: str) -> Cand | None:
    """A question set as a block quote, the answer below it in plain paragraphs (some
    interviews set their questions apart this way); only counts in an unlabelled interview."""
    t = strip_markup_edges(text.strip())
    if not b.quote or b.kind != PARA or "\n" in t or len(t) > 600:
        return None
    if not t.rstrip("*_ ").endswith("?"):
        return None
    return Cand(i, "Interviewer", t, "bold", quoted=True)


def _html_label(b: Block, i: int, text: str, first: str) -> Cand | None:
    """HTML leading bold/italic label: ``<strong>Name:</strong> …``, ``<strong>Name</strong>: …``,
    ``<strong>Name</strong> <em>[direction]</em>: …``, ``<em>Name.</em> …``, ``<b>NAME</b> …``."""
    if b.lead is None or b.bold or b.italic:
        return None
    lead = b.lead.strip()
    rest = b.lead_rest
    if lead.endswith(":") and rest:
        name = lead[:-1].strip()
        return Cand(i, name, strip_wrap(rest), "colon") if name_ok(name, form="html") else None
    m = re.match(r"^(?:[\[(][^\])\n]{0,160}[\])]\]?)?[ \t]*:[ \t]*", rest)
    if m and m.end() < len(rest):
        if name_ok(lead, form="html"):
            return Cand(i, lead, strip_wrap(rest[m.end() :]), "colon")
        return None
    if lead.endswith(".") and rest and len(lead) < 40:
        name = lead[:-1].strip()
        return Cand(i, name, strip_wrap(rest), "dot") if name_ok(name, form="dot") else None
    if rest[:1] in ".[" and len(lead) < 40 and name_ok(lead, form="dot"):
        # "<b>Gwendolen</b>.  The fact…" (the full stop outside the bold), "<b>Jack</b> and
        # <b>Algernon</b> [Speaking together.]  Our…": a play's cue; its own direction goes
        speech = strip_lead_direction(rest[1:].strip() if rest[0] == "." else rest)
        if speech and speech[:1] != "[":
            return Cand(i, lead, strip_wrap(speech), "dot")
        return None
    if rest and len(lead) < 40 and name_ok(lead, form="lead") and rest[:1].isalpha():
        # "<b>KUMAIL</b> I'll tell you…": a bold name with no colon (needs repetition)
        return Cand(i, lead, strip_wrap(rest), "lead", lead.isupper())
    return None


def _bold_paragraph(b: Block, i: int, text: str, first: str) -> Cand | None:
    """A paragraph wholly in bold: an interviewer's question (``Q: …`` inside keeps its label)."""
    if b.kind == ITEM and b.marker[:1].isdigit():
        return None  # a numbered item ("**1. Why …?**") is a guide's question
    if b.bold:
        body = b.text
    elif text.lstrip().startswith(("**", "__")):
        mb = _BOLD_WHOLE.match(text)
        if not mb or "**" in mb.group("body") or "__" in mb.group("body"):
            return None
        body = mb.group("body")
    else:
        return _italic_question(b, i, text)
    lm = _COLON_INLINE.match(body)
    if lm and name_ok(lm.group("name"), form="colon") and not lm.group("pre") and _role_ok(lm):
        # "<b>Q: How did you…?</b>": a labelled question set in bold
        return Cand(i, lm.group("name").strip(), lm.group("speech").strip(), "bold")
    qm = _QA_DOT.match(body)
    if qm and not qm.group("pre"):
        # "**Q. Why did you shoot in Iceland?**": the same, with a full stop
        return Cand(i, qm.group("name"), qm.group("speech").strip(), "bold")
    if not b.bold and (lm or _COLON_CUE.match(body)):
        return None  # "**Rating: 6/10**" and the like
    if _bold_alone_name(b, body):
        # "**Jane Doe**" alone, the speech in the next paragraph: a cue when such names
        # alternate (checked by the caller), else a sub-heading
        name = body.strip()
        return Cand(i, name, None, "cue", name.isupper(), alone=True)
    return Cand(i, "Interviewer", body.strip(), "bold")


def _bold_alone_name(b: Block, body: str) -> bool:
    name = body.strip()
    if b.kind != PARA or b.quote or "\n" in name or len(name) > 40 or not name[:1].isupper():
        return False
    if len(name.split()) > 4 or name[-1] in ".?!:;,)]\"”’'":
        return False
    return name_ok(name, form="dot") and not _transition_like(name.upper())


_BOLD_QUESTION_LEAD = re.compile(
    r"^[ \t]*(\*\*|__)(?P<q>[^*_\n][^\n]{0,600}?\?)[ \t]*\1[ \t]*\n?[ \t]*(?=\S)"
)


def _bold_question_lead(b: Block, i: int, text: str, first: str) -> Cand | None:
    """``**How did it start?** It started with…`` / ``<strong>Q?</strong><br>A``: a question
    in bold opening the paragraph that answers it; only counts in an unlabelled interview."""
    if b.kind != PARA or b.bold:
        return None
    if b.lead is not None and not b.italic:
        question, answer = b.lead.strip(), b.lead_rest.strip()
        if not question.endswith("?") or not answer or not text.lstrip().startswith(question[:20]):
            return None
    else:
        m = _BOLD_QUESTION_LEAD.match(text) if text.lstrip().startswith(("**", "__")) else None
        if m is None:
            return None
        question, answer = m.group("q").strip(), text[m.end() :].strip()
    if not answer[:1].isalnum() and answer[:1] not in "“\"‘'(":
        return None
    if COLON_LABEL_START.match(question):
        return None  # "**Q: How…?** …" is a labelled question, read by the label forms
    return Cand(i, "Interviewer", question, "bold", quoted=True, answer=answer)


COLON_LABEL_START = re.compile(r"^[A-Z][\w .]{0,20}:\s")


def _italic_question(b: Block, i: int, text: str) -> Cand | None:
    """A question set wholly in italics (some interviews do this instead of bold); it only
    counts in an unlabelled interview (stage directions are italic too)."""
    body = wholly_italic(b, text)
    if body is None or "?" not in body or "\n" in body:
        return None
    lm = _COLON_INLINE.match(body)
    if lm and not lm.group("pre") and name_ok(lm.group("name"), form="colon"):
        return None  # "*Max: Where did it start?*": a labelled turn in italics (the label form)
    return Cand(i, "Interviewer", body.strip(), "bold", italic=True)


def wholly_italic(b: Block, text: str) -> str | None:
    """The words of a paragraph set wholly in italics (``_…_``, ``*…*``, ``<em>``), or None."""
    t = text.strip()
    if b.italic:
        return t
    if len(t) > 2 and t[0] in "*_" and t[-1] == t[0] and t[1] not in "*_" and t[0] not in t[1:-1]:
        return t[1:-1]
    return None


def _screen_cue(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Screenplay: an upper-case (or ``@``-forced) cue line with the speech on the lines below;
    a leading parenthetical is not part of the speech."""
    if "\n" not in text or b.kind != PARA:
        return None
    m = _SCREEN_CUE.match(_unbold(first))
    if not m:
        return None
    if m.group("forced"):
        name = m.group("forced").strip()
    elif _is_screen_cue(m.group("name")):
        name = m.group("name").strip().rstrip(".").strip()
    else:
        return None
    lines = [ln.strip() for ln in text[len(first) + 1 :].split("\n")]
    if lines and lines[0].startswith("(") and lines[0].endswith(")"):
        lines = lines[1:]
    speech = "\n".join(lines).strip()
    return Cand(i, name, speech, "screen", True) if speech else None


_BRACKET_CUE = re.compile(
    r"^[ \t]*(?P<name>[^\W\da-z_](?:[^\W\da-z_]|['’.\-])*"
    r"(?:[ \t]+[^\W\da-z_](?:[^\W\da-z_]|['’.\-])*){0,3})"
    # the direction is words ("[in the space…]", "(aside)"), not a citation ("(2019)", "[1]")
    r"[ \t]+(?P<dir>\[(?![\d\s])[^\]]{1,400}\]|\((?![\d\s])[^)]{1,400}\))[ \t.:]*\n?[ \t]*"
    r"(?P<speech>\S.*)$",
    re.S,
)


# "[IAN] I don't agree with Kevin.": the name in brackets in capitals (transcripts, lessons);
# not a sound ("[MUSIC] …", "[LAUGHTER] …")
_BRACKETED_NAME = re.compile(
    r"^[ \t]*[\[(](?P<name>[^\W\da-z_][^\W\da-z_'’.\-]*(?:[ \t][^\W\da-z_][^\W\da-z_'’.\-]*){0,3})[\])]"
    r"[ \t:]+(?P<speech>[^\W_].*)$",
    re.S,
)
_SOUNDS = {
    "music",
    "laughter",
    "laughs",
    "laughing",
    "applause",
    "inaudible",
    "crosstalk",
    "silence",
    "pause",
    "sighs",
    "cheering",
    "noise",
    "unintelligible",
    "indistinct",
    "singing",
    "off",
    "end",
    "intro",
    "outro",
}


# "PEGEEN — [slowly as she writes.] — Six yards of stuff…": a play's cue in capitals, a dash,
# the cue's own direction (optional), a dash, the speech (Synge, as Gutenberg prints him)
_DASH_CUE = re.compile(
    r"^[ \t]*(?P<name>[^\W\da-z_][^\W\da-z_'’.\-]*(?:[ \t][^\W\da-z_][^\W\da-z_'’.\-]*){0,3})"
    r"[ \t]*[—–][ \t]*(?:\[[^\]\n]{1,200}\]\.?[ \t]*(?:[—–][ \t]*)?)?(?P<speech>[^\W_].*)$",
    re.S,
)


def _dash_cue(b: Block, i: int, text: str, first: str) -> Cand | None:
    """A play's cue in capitals followed by a dash (and the cue's direction), then the speech;
    counts only when such cues alternate (checked by the caller)."""
    if "—" not in first[:120] and "–" not in first[:120]:
        return None
    m = _DASH_CUE.match(text[:5000])
    if not m or len(m.group("name")) < 2:
        return None
    name = m.group("name").strip()
    if not name_ok(name, form="dot") or _transition_like(name):
        return None
    return Cand(i, name, m.group("speech").strip(), "dot", True)


def _bracket_cue(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Plays printed without a full stop after the cue: ``THE DAUGHTER [in the space between
    the pillars] I'm getting chilled…`` -- an upper-case name, then the cue's own direction
    (which may run over lines), then the speech."""
    if "[" not in first and "(" not in first:
        return None
    bm = _BRACKETED_NAME.match(text[:5000]) if first.lstrip()[:1] in "[(" else None
    if bm:
        name = bm.group("name")
        if name_ok(name, form="dot") and not set(name.lower().split()) & _SOUNDS:
            return Cand(i, name, bm.group("speech").strip(), "dot", True)
        return None
    m = _BRACKET_CUE.match(text[:5000])
    if not m:
        return None
    name = m.group("name").rstrip(".")  # ("PETER. [He sits.]": the cue's full stop)
    if not name_ok(name, form="dot") or _transition_like(name) or len(name) < 2:
        return None
    speech = text[m.start("speech") :].strip()
    if not speech[:1].isalnum() and speech[:1] not in "“\"‘'—-_*":
        return None
    return Cand(i, name.strip(), speech, "dot", True)


def _bold_name(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Markdown ``**NAME** speech`` with no colon (needs repetition, like HTML bold names)."""
    # (also "**NAME**" on its own line, the speech on the lines below)
    m = _BOLD_LEAD.match(text[: len(first) + 200]) if first.startswith(("**", "__")) else None
    if not m or ":" in m.group("name") or not name_ok(m.group("name"), form="lead"):
        return None
    speech = text[m.end("name") + 2 :].strip()
    if not speech or not speech[:1].isalpha():
        return None
    return Cand(i, m.group("name"), strip_wrap(speech), "lead", m.group("name").isupper())


# Kana, CJK ideographs and Hangul: names written without capitals or spaces
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
CJK_NAME = re.compile(rf"[{_CJK}][{_CJK}·・]{{0,7}}")
_CJK_LABEL = re.compile(
    rf"^[ \t]*(?P<name>{CJK_NAME.pattern})(?:[（(][^）)\n]{{0,40}}[）)])?[ \t]*：[ \t]*"
    r"(?P<speech>\S[^\n]*(?:\n[^\n]*)*)$"
)


def _role_ok(m: re.Match[str]) -> bool:
    """A role after the name ("TERRY GROSS, HOST:", "SANDRA BULLOCK, ACTRESS:") is a broadcast
    transcript's, after a name in capitals; "Well, yes:" is no label."""
    name = m.group("name")
    return not m.group("role") or (name.isupper() and len(name.strip()) > 2)


def _wrapped_turn(pre: str, mid: str, post: str, speech: str) -> bool:
    """The whole turn set in italics or bold, its label inside ("*Max: Courtney, how are you
    today?*", "**R: How do you choose the musical?**")."""
    end = speech.rstrip()
    return (
        pre in ("*", "_", "**", "__")
        and not mid
        and not post
        and end.endswith(pre)
        and pre not in end[: -len(pre)]
    )


def _colon_label(b: Block, i: int, text: str, first: str) -> Cand | None:
    """``Name: speech``, ``**Name:** speech``, ``**Name**: speech``, ``[00:01:12] NAME: …``."""
    if "：" in first:
        cm = _CJK_LABEL.match(text)
        if cm:
            # "杰西：恩，这么说吧……": a name in Chinese, Japanese or Korean script before a
            # full-width colon (its own direction in full-width brackets left off)
            return Cand(i, cm.group("name"), strip_wrap(cm.group("speech")), "colon")
    m = _COLON_INLINE.match(text) if ":" in first else None
    if not m:
        return None
    pre, speech = m.group("pre"), m.group("speech")
    wrapped = _wrapped_turn(pre, m.group("mid"), m.group("post"), speech)
    if not wrapped and not _markup_ok(pre, m.group("mid"), m.group("post")):
        return None
    if wrapped:
        speech = speech.rstrip()[: -len(pre)]
    name = m.group("name")
    if not _role_ok(m):
        return None
    if not name_ok(name, form="colon") or _looks_like_url(text):
        return None
    return Cand(i, name.strip(), strip_wrap(speech), "colon", name.isupper())


def _cue_line(b: Block, i: int, text: str, first: str) -> Cand | None:
    """``NAME:`` alone on its line, the speech below it (or in the next paragraphs); also a
    transcription service's ``Speaker 1  0:03`` line with the speech below."""
    tm = _TIMED_CUE.match(first) if ":" in first and "\n" in text else None
    if tm and name_ok(tm.group("name"), form="cue"):
        rest = text[len(first) + 1 :].strip()
        if rest:
            return Cand(i, tm.group("name").strip(), rest, "cue", tm.group("name").isupper())
    m = _COLON_CUE.match(first) if ":" in first else None
    if not m or not _markup_ok(m.group("pre"), "", m.group("post")):
        return None
    name = m.group("name")
    if not name_ok(name, form="cue"):
        return None
    if name.isupper() and _transition_like(name):
        return None  # "FADE IN:", "SMASH CUT TO:"
    rest = text[len(first) + 1 :].strip() if "\n" in text else ""
    return Cand(i, name.strip(), strip_wrap(rest) if rest else None, "cue", name.isupper())


def _dot_label(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Plays: ``_Name._`` / ``NAME.`` alone (speech below), or ``NAME. speech``,
    ``Name.  speech`` (two spaces), ``_Name._ speech``, ``Q. speech``."""
    if "." not in first:
        return None
    m = _DOT_CUE.match(first)
    if m and _markup_ok(m.group("pre"), "", m.group("post")):
        name = m.group("name")
        if (
            (m.group("pre") or name.isupper())
            and name_ok(name, form="dot")
            and not (name.isupper() and _transition_like(name))  # "ACT I.", "SCENE II."
        ):
            rest = text[len(first) + 1 :].strip() if "\n" in text else ""
            return Cand(i, name.strip(), rest or None, "cue", name.isupper())
    qa = _QA_DOT.match(text)
    if qa and _markup_ok(qa.group("pre"), "", qa.group("post")):
        return Cand(
            i, qa.group("name"), qa.group("speech").strip(), "dot", qa.group("name").isupper()
        )
    m = _DOT_INLINE.match(text)
    if not m or not _markup_ok(m.group("pre"), "", m.group("post")):
        return None
    name = m.group("name")
    strong = (
        bool(m.group("pre"))
        or (name.isupper() and len(name) > 1)
        or name.lower() in QA_NAMES
        or len(m.group("gap")) >= 2
    )
    if not name_ok(name, form="dot") or len(name.split()) > 3:
        return None
    if not strong:
        # "Nora. Yes, it is!": a one-word cue with one space is also how sentences begin;
        # it counts only when the same few names alternate (checked by the caller).
        speech = m.group("speech").strip()
        if " " in name.strip() or not speech[:1].isupper() or name.lower() in _WEAK_STOP:
            return None
        return Cand(i, name.strip(), speech, "weak")
    speech = strip_lead_direction(m.group("speech").strip())
    return Cand(i, name.strip(), speech, "dot", name.isupper())


_LEAD_DIRECTION = re.compile(
    r"^(?:[_*]{0,2}\[(?:[^\]\n]|\n(?![ \t]*\n)){1,300}\][_*]{0,2}\.?|"
    r"[_*]{0,2}\((?:[^)\n]|\n(?![ \t]*\n)){1,300}\)[_*]{0,2}\.?|"
    r"_[^_\n]{1,200}(?:\._|_\.)|\*[^*\n]{1,200}(?:\.\*|\*\.))(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*)(?=\S)"
)


def strip_lead_direction(speech: str) -> str:
    """``[Airily.]  Oh, neighbours``: the cue's own stage direction, right after the cue, is
    not part of the speech (a direction later in the speech stays)."""
    m = _LEAD_DIRECTION.match(speech)
    return speech[m.end() :] if m else speech


def _unbold(line: str) -> str:
    """``**LEO**`` -> ``LEO`` (a Markdown screenplay's bold cue)."""
    t = line.strip()
    for mk in ("**", "__"):
        if len(t) > 4 and t.startswith(mk) and t.endswith(mk):
            return t[2:-2]
    return line


def _looks_like_url(text: str) -> bool:
    return bool(re.match(r"^\s*\w+://", text))


def _transition_like(name: str) -> bool:
    """``FADE IN``, ``SMASH CUT TO``, ``INT. HOUSE``: screenplay furniture, not a speaker."""
    n = name.strip()
    return bool(SCREEN_STOP.match(n)) or n.endswith(" TO") or n == "TO"


def _is_screen_cue(name: str) -> bool:
    n = name.strip()
    if len(n) < 2 or len(n) > 40 or not any(c.isalpha() for c in n):
        return False
    if n.upper() != n or n.endswith(":") or n.endswith(" TO") or n == "TO":
        return False
    if SCREEN_STOP.match(n):
        return False
    if n.startswith((">", ".", "!", "~", "=", "#", "[", "*", "_", "-")):
        return False
    return True


def is_direction(b: Block) -> bool:
    t = b.text.strip()
    if not t:
        return True
    if b.italic:
        return True
    if t[0] in "[(" or (t.startswith("_") and t.endswith(("_", "_.", "_]"))):
        return True
    if b.indent >= 2 and b.kind == PARA:
        return True
    return False


def cue_like(b: Block) -> bool:
    """A ``Label: text`` line whose label is not a speaker (``SFX:``, ``MUSIC:``)."""
    first = _first_line(b.text)
    if ":" not in first or len(first) > 300:
        return False
    m = _COLON_INLINE.match(first)
    return bool(m) and m.group("name").lower().strip() in _STOP


def is_interjection(b: Block) -> bool:
    t = b.text.strip()
    return len(t) < 40 and t.startswith("[") and t.endswith("]")


def _label_line(line: str) -> bool:
    if len(line) > 5000:
        return False
    if "." in line[:14] and _QA_DOT.match(line):
        return True  # "Q. …" / "A. …" lines of a transcript
    if ":" not in line:
        return False
    m = _COLON_INLINE.match(line)
    if not m or not _role_ok(m):
        return False
    pre, mid, post = m.group("pre"), m.group("mid"), m.group("post")
    if not _markup_ok(pre, mid, post) and not _wrapped_turn(pre, mid, post, m.group("speech")):
        return False
    name = m.group("name")
    if not name_ok(name, form="colon"):
        return False
    if name.lower() in QA_NAMES:
        return True
    return not (name.isupper() and _transition_like(name))


def split_label_lines(blocks: list[Block]) -> list[Block]:
    """Split paragraphs holding several ``Name: line`` lines into one block per turn (a
    preformatted block of nothing but such lines, ``<pre>Jack: It's a button.\nLocke: …``,
    is an exchange set in a fixed font, not code)."""
    out: list[Block] = []
    for b in blocks:
        if b.kind == CODE and _labelled_lines_only(b.text):
            b = replace(b, kind=PARA)
        if b.kind != PARA or "\n" not in b.text:
            out.append(b)
            continue
        lines = b.text.split("\n")
        if len(lines) > 5000:
            out.append(b)
            continue
        marks = [i for i, ln in enumerate(lines) if _label_line(ln)]
        if len(marks) < 2:
            out.append(b)
            continue
        plain = replace(b, lead=None, lead_rest="", bold=False, italic=False)
        if marks[0] > 0:
            out.append(replace(plain, text="\n".join(lines[: marks[0]])))
        for a, z in zip(marks, marks[1:] + [len(lines)], strict=True):
            out.append(replace(plain, text="\n".join(lines[a:z])))
    return out


def _labelled_lines_only(text: str) -> bool:
    """Two or more lines, all ``Name: speech``, by two or more names."""
    lines = [ln for ln in text.split("\n")[:201] if ln.strip()]
    if not 2 <= len(lines) <= 200 or not all(_label_line(ln) for ln in lines):
        return False
    return len({ln.split(":", 1)[0].strip(" *_") for ln in lines}) >= 2


KEY_LINE = re.compile(r"^[\w][\w ]{0,30}:[ \t]")


def editorial(b: Block) -> bool:
    """A paragraph set wholly in italics (an editor's note, a release date), not an answer."""
    t = b.text.strip()
    return b.italic or (len(t) > 2 and t[0] in "*_" and t[-1] == t[0] and t[1] != t[0])
