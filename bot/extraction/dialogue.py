"""Find speaker-labelled dialogue (transcripts, interviews, plays, screenplays) in blocks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace

from bot.models import Turn

from .blocks import CODE, HEADING, ITEM, PARA, RULE, TABLE, Block
from .dialogue_decisions import (
    MAX_CONTINUATION_PARAS,
    ContinuationFeatures,
    InterviewFeatures,
    LabelFeatures,
    RunFeatures,
    is_conversation,
    is_speaker_label,
    is_unlabelled_interview,
    subtitle_labels_carry,
    turn_continues,
)

logger = logging.getLogger(__name__)

_W = r"(?:(?i:mr|mrs|ms|dr|prof|st|mme|mlle|sr|jr)\.|[^\W\d_]\.(?=[ \t])|[^\W\d_][\w'’\-]{0,24})"
# "OPERATOR #2", "MAN #1": numbered unnamed speakers (subtitles, transcripts)
_NAME = rf"{_W}(?:[ \t](?:{_W}|&)){{0,4}}?(?:[ \t]?#\d{{1,3}})?"
_DIR = r"(?:[ \t]*[_*]{0,2}[\[(][^\])\n]{0,160}[\])][_*]{0,2}\]?)?"
_MK = r"(?:\*\*|__|\*|_)?"
# "Name: speech", "**Name:** speech", "**Name**: speech", "_Name:_ speech", "Name (dir): speech"
_STAMP = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]+)?"
_COLON_INLINE = re.compile(
    rf"^[ \t]*{_STAMP}(?P<pre>{_MK})(?P<name>{_NAME})(?P<mid>{_MK})(?P<dir>{_DIR})[ \t]*:(?P<post>{_MK})"
    rf"[ \t]+(?P<speech>\S[^\n]*(?:\n[^\n]*)*)$"
)
# "NAME:" alone on its line (speech below)
_COLON_CUE = re.compile(
    rf"^[ \t]*(?P<pre>{_MK})(?P<name>{_NAME})(?P<dir>{_DIR})[ \t]*:(?P<post>{_MK})[ \t]*$"
)
# "_Name._ speech", "NAME. speech", "Name.  speech"
_DOT_INLINE = re.compile(
    rf"^[ \t]*(?P<pre>{_MK})(?P<name>{_NAME})(?P<dir>{_DIR})\.(?P<post>{_MK})"
    rf"(?P<gap>[ \t]+)(?P<speech>\S[^\n]*(?:\n[^\n]*)*)$"
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
_BOLD_LEAD = re.compile(rf"^(\*\*|__)(?P<name>{_NAME})\1[ \t]+\S")
_BOLD_WHOLE = re.compile(r"^[ \t]*(\*\*|__)(?!\s)(?P<body>[^\n]*(?:\n[^\n]*)*?)(?<!\s)\1[ \t]*$")

_STOP = {
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
_QA_NAMES = {"q", "a", "question", "answer", "interviewer", "interviewee"}
_SCREEN_STOP = re.compile(
    r"^(?:INT|EXT|EST|I/E|INT\./EXT|EXT\./INT)[ .]|^(?:ACT|SCENE|CHAPTER|PART|BOOK|PROLOGUE|EPILOGUE|"
    r"THE END|END|INTRODUCTION|DRAMATIS|CURTAIN|FADE|CUT|DISSOLVE|SMASH|MATCH|TITLE|CREDITS|"
    r"CONTINUED|MORE|BACK TO|INTERCUT|MONTAGE|SUPER|INSERT|CLOSE ON|ANGLE|POV|LATER|"
    r"CONTINUOUS|FLASHBACK|OPENING|NOTE)\b"
)
_SUBJECT = "\x00subject"  # placeholder speaker: the interviewee, named once the run is kept


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


def _markup_ok(pre: str, mid: str, post: str) -> bool:
    if not pre:
        return not mid and not post
    return mid == pre or post == pre


def _name_ok(name: str, *, form: str) -> bool:
    name = name.strip()
    if not name or len(name) > 40:
        return False
    words = name.split()
    low = name.lower().rstrip(".")
    if low in _QA_NAMES:
        return True
    if low in _STOP or words[0].lower() in _STOP and len(words) == 1:
        return False
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
        if len(words) > 3 or len(words) == 1:
            return False
        if form == "colon" and not all(w[:1].isupper() for w in words):
            return False
    if not words[0][0].isupper():
        return False
    if any(w[0].isdigit() for w in words[:-1]) or (words[-1][0].isdigit() and len(words) == 1):
        return False
    if words[-1][0].isdigit() and not words[-1].isdigit():
        return False
    if 2 <= len(words) <= 3 and all(w.lower() in _ROLE_LABELS or w.isdigit() for w in words[1:]):
        return True  # "Audience member", "Audience member 2", "Guest speaker"
    # Connectors may be lower case, other words must be capitalised.
    for w in words[1:]:
        if w[0].islower() and w not in {
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
        }:
            return False
    if name.endswith(("-", "'", "’")):
        return False
    return True


def _strip_wrap(speech: str) -> str:
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


def _strip_markup_edges(text: str) -> str:
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
    if b.kind == HEADING and b.level >= 2 and b.text.rstrip().endswith("?") and len(b.text) < 400:
        # A question set as a sub-heading, in an interview (checked by the caller).
        return Cand(i, "Interviewer", _strip_markup_edges(b.text), "bold", heading=True)
    if b.kind not in (PARA, ITEM):
        return None
    text = b.text[:200_000]
    first = _first_line(text)
    if len(first) > 2000:
        return None
    for form in (
        _html_label,
        _bold_paragraph,
        _screen_cue,
        _bracket_cue,
        _bold_name,
        _colon_label,
        _cue_line,
        _dot_label,
        _quoted_question,
    ):
        c = form(b, i, text, first)
        if c is not None:
            return c
    return None


def _quoted_question(b: Block, i: int, text: str, first: str) -> Cand | None:
    """A question set as a block quote, the answer below it in plain paragraphs (some
    interviews set their questions apart this way); only counts in an unlabelled interview."""
    t = _strip_markup_edges(text.strip())
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
        return Cand(i, name, _strip_wrap(rest), "colon") if _name_ok(name, form="html") else None
    m = re.match(r"^(?:[\[(][^\])\n]{0,160}[\])]\]?)?[ \t]*:[ \t]*", rest)
    if m and m.end() < len(rest):
        if _name_ok(lead, form="html"):
            return Cand(i, lead, _strip_wrap(rest[m.end() :]), "colon")
        return None
    if lead.endswith(".") and rest and len(lead) < 40:
        name = lead[:-1].strip()
        return Cand(i, name, _strip_wrap(rest), "dot") if _name_ok(name, form="dot") else None
    if rest and len(lead) < 40 and _name_ok(lead, form="lead") and rest[:1].isalpha():
        # "<b>KUMAIL</b> I'll tell you…": a bold name with no colon (needs repetition)
        return Cand(i, lead, _strip_wrap(rest), "lead", lead.isupper())
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
    if lm and _name_ok(lm.group("name"), form="colon") and not lm.group("pre"):
        # "<b>Q: How did you…?</b>": a labelled question set in bold
        return Cand(i, lm.group("name").strip(), lm.group("speech").strip(), "bold")
    if not b.bold and (lm or _COLON_CUE.match(body)):
        return None  # "**Rating: 6/10**" and the like
    return Cand(i, "Interviewer", body.strip(), "bold")


def _italic_question(b: Block, i: int, text: str) -> Cand | None:
    """A question set wholly in italics (some interviews do this instead of bold); it only
    counts in an unlabelled interview (stage directions are italic too)."""
    t = text.strip()
    if b.italic:
        body = t
    elif len(t) > 2 and t[0] in "*_" and t[-1] == t[0] and t[1] not in "*_" and t[0] not in t[1:-1]:
        body = t[1:-1]
    else:
        return None
    if "?" not in body or "\n" in body:
        return None
    return Cand(i, "Interviewer", body.strip(), "bold", italic=True)


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
    r"^[ \t]*(?P<name>[^\W\da-z_][^\W\da-z_'’\-]*(?:[ \t]+[^\W\da-z_][^\W\da-z_'’\-]*){0,3})"
    r"[ \t]+(?P<dir>\[[^\]]{1,400}\]|\([^)]{1,400}\))[ \t.:]*\n?[ \t]*(?P<speech>\S.*)$",
    re.S,
)


def _bracket_cue(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Plays printed without a full stop after the cue: ``THE DAUGHTER [in the space between
    the pillars] I'm getting chilled…`` -- an upper-case name, then the cue's own direction
    (which may run over lines), then the speech."""
    if "[" not in first and "(" not in first:
        return None
    m = _BRACKET_CUE.match(text[:5000])
    if not m:
        return None
    name = m.group("name")
    if not _name_ok(name, form="dot") or _transition_like(name) or len(name) < 2:
        return None
    speech = text[m.start("speech") :].strip()
    if not speech[:1].isalnum() and speech[:1] not in "“\"‘'—-_*":
        return None
    return Cand(i, name.strip(), speech, "dot", True)


def _bold_name(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Markdown ``**NAME** speech`` with no colon (needs repetition, like HTML bold names)."""
    m = _BOLD_LEAD.match(first) if first.startswith(("**", "__")) else None
    if not m or ":" in m.group("name") or not _name_ok(m.group("name"), form="lead"):
        return None
    speech = text[m.end("name") + 2 :].strip()
    if not speech or not speech[:1].isalpha():
        return None
    return Cand(i, m.group("name"), _strip_wrap(speech), "lead", m.group("name").isupper())


def _colon_label(b: Block, i: int, text: str, first: str) -> Cand | None:
    """``Name: speech``, ``**Name:** speech``, ``**Name**: speech``, ``[00:01:12] NAME: …``."""
    m = _COLON_INLINE.match(text) if ":" in first else None
    if not m or not _markup_ok(m.group("pre"), m.group("mid"), m.group("post")):
        return None
    name = m.group("name")
    if not _name_ok(name, form="colon") or _looks_like_url(text):
        return None
    return Cand(i, name.strip(), _strip_wrap(m.group("speech")), "colon", name.isupper())


def _cue_line(b: Block, i: int, text: str, first: str) -> Cand | None:
    """``NAME:`` alone on its line, the speech below it (or in the next paragraphs); also a
    transcription service's ``Speaker 1  0:03`` line with the speech below."""
    tm = _TIMED_CUE.match(first) if ":" in first and "\n" in text else None
    if tm and _name_ok(tm.group("name"), form="cue"):
        rest = text[len(first) + 1 :].strip()
        if rest:
            return Cand(i, tm.group("name").strip(), rest, "cue", tm.group("name").isupper())
    m = _COLON_CUE.match(first) if ":" in first else None
    if not m or not _markup_ok(m.group("pre"), "", m.group("post")):
        return None
    name = m.group("name")
    if not _name_ok(name, form="cue"):
        return None
    if name.isupper() and _transition_like(name):
        return None  # "FADE IN:", "SMASH CUT TO:"
    rest = text[len(first) + 1 :].strip() if "\n" in text else ""
    return Cand(i, name.strip(), _strip_wrap(rest) if rest else None, "cue", name.isupper())


def _dot_label(b: Block, i: int, text: str, first: str) -> Cand | None:
    """Plays: ``_Name._`` / ``NAME.`` alone (speech below), or ``NAME. speech``,
    ``Name.  speech`` (two spaces), ``_Name._ speech``, ``Q. speech``."""
    if "." not in first:
        return None
    m = _DOT_CUE.match(first)
    if m and _markup_ok(m.group("pre"), "", m.group("post")):
        name = m.group("name")
        if (m.group("pre") or name.isupper()) and _name_ok(name, form="dot"):
            rest = text[len(first) + 1 :].strip() if "\n" in text else ""
            return Cand(i, name.strip(), rest or None, "cue", name.isupper())
    m = _DOT_INLINE.match(text)
    if not m or not _markup_ok(m.group("pre"), "", m.group("post")):
        return None
    name = m.group("name")
    strong = (
        bool(m.group("pre"))
        or (name.isupper() and len(name) > 1)
        or name.lower() in _QA_NAMES
        or len(m.group("gap")) >= 2
    )
    if not _name_ok(name, form="dot") or len(name.split()) > 3:
        return None
    if not strong:
        # "Nora. Yes, it is!": a one-word cue with one space is also how sentences begin;
        # it counts only when the same few names alternate (checked by the caller).
        speech = m.group("speech").strip()
        if " " in name.strip() or not speech[:1].isupper() or name.lower() in _WEAK_STOP:
            return None
        return Cand(i, name.strip(), speech, "weak")
    speech = _strip_lead_direction(m.group("speech").strip())
    return Cand(i, name.strip(), speech, "dot", name.isupper())


_LEAD_DIRECTION = re.compile(
    r"^(?:[_*]{0,2}\[[^\]\n]{1,200}\][_*]{0,2}\.?|[_*]{0,2}\([^)\n]{1,200}\)[_*]{0,2}\.?|"
    r"_[^_\n]{1,200}(?:\._|_\.)|\*[^*\n]{1,200}(?:\.\*|\*\.))[ \t]+(?=\S)"
)


def _strip_lead_direction(speech: str) -> str:
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
    return bool(_SCREEN_STOP.match(n)) or n.endswith(" TO") or n == "TO"


def _is_screen_cue(name: str) -> bool:
    n = name.strip()
    if len(n) < 2 or len(n) > 40 or not any(c.isalpha() for c in n):
        return False
    if n.upper() != n or n.endswith(":") or n.endswith(" TO") or n == "TO":
        return False
    if _SCREEN_STOP.match(n):
        return False
    if n.startswith((">", ".", "!", "~", "=", "#", "[", "*", "_", "-")):
        return False
    return True


def _is_direction(b: Block) -> bool:
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


def _cue_like(b: Block) -> bool:
    """A ``Label: text`` line whose label is not a speaker (``SFX:``, ``MUSIC:``)."""
    first = _first_line(b.text)
    if ":" not in first or len(first) > 300:
        return False
    m = _COLON_INLINE.match(first)
    return bool(m) and m.group("name").lower().strip() in _STOP


def _is_interjection(b: Block) -> bool:
    t = b.text.strip()
    return len(t) < 40 and t.startswith("[") and t.endswith("]")


def _label_line(line: str) -> bool:
    if ":" not in line or len(line) > 5000:
        return False
    m = _COLON_INLINE.match(line)
    if not m or not _markup_ok(m.group("pre"), m.group("mid"), m.group("post")):
        return False
    name = m.group("name")
    if not _name_ok(name, form="colon"):
        return False
    if name.lower() in _QA_NAMES:
        return True
    return not (name.isupper() and _transition_like(name))


def split_label_lines(blocks: list[Block]) -> list[Block]:
    """Split paragraphs holding several ``Name: line`` lines into one block per turn."""
    out: list[Block] = []
    for b in blocks:
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


Run = list[tuple[str, str, list[int]]]  # (speaker, turn text, block indices)


_ARTICLE = re.compile(r"^(?:the|a|an|my|our|this|that|his|her)\s", re.I)


def _candidates(blocks: list[Block], screenplay: bool) -> tuple[dict[int, Cand], bool]:
    """Candidate turns by block index, filtered by document-level evidence; and whether the
    document is a screenplay."""
    cands: dict[int, Cand] = {}
    for i, b in enumerate(blocks):
        c = candidate(b, i, screenplay)
        if c is not None:
            cands[i] = c
    _role_labels(blocks, cands)
    screens = [c for c in cands.values() if c.form == "screen"]
    screen_mode = screenplay or (len(screens) >= 3 and len({c.speaker for c in screens}) >= 2)
    if not screen_mode:
        for i in [i for i, c in cands.items() if c.form == "screen"]:
            del cands[i]
    # Each candidate label is judged once, from its features in the document (recurrence,
    # neighbours, form): cue forms that read like ordinary sentences need their name to recur.
    counts: dict[str, int] = {}
    for c in cands.values():
        counts[c.speaker] = counts.get(c.speaker, 0) + 1
    weak_ok = {c.speaker for c in cands.values() if c.form == "weak" and counts[c.speaker] >= 3}
    if len(weak_ok) < 2:
        weak_ok = set()
    forms = {i: c.form for i, c in cands.items()}
    for i in list(cands):
        c = cands[i]
        features = LabelFeatures(
            form=c.form,
            recurs=counts.get(c.speaker, 0) >= 2,
            qa_name=c.speaker.lower() in _QA_NAMES,
            same_form_neighbour=any(forms.get(j) == c.form for j in (i - 1, i + 1, i - 2, i + 2)),
            article=bool(_ARTICLE.match(c.speaker)),
            in_list_item=blocks[i].kind == ITEM,
            weak_group=c.speaker in weak_ok,
        )
        if not is_speaker_label(features):
            del cands[i]  # "- **Memory.** The flat keeps changing…", "The Verdict: …" once
        elif c.form == "weak":
            cands[i] = replace(c, form="dot")
    return cands, screen_mode


_ROLE_LINE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Za-z]{2,20}):[ \t]+(?P<speech>\S.*)$", re.S)
_ROLE_WORDS = {"director", "producer", "writer", "editor", "actor", "actress", "critic", "author"}


def _role_labels(blocks: list[Block], cands: dict[int, Cand]) -> None:
    """``DIRECTOR: Money, mostly.`` in a transcript: a role word that is usually a metadata
    key ("Director: Jane Doe") is a speaker when it labels sentences more than once, amid
    other speakers' turns."""
    if len(cands) < 2:
        return
    found: dict[int, tuple[str, str]] = {}
    for i, b in enumerate(blocks):
        if i in cands or b.kind != PARA:
            continue
        m = _ROLE_LINE.match(b.text.strip())
        if not m or m.group("name").lower() not in _ROLE_WORDS:
            continue
        speech = m.group("speech").strip()
        if len(speech.split()) >= 3 and speech.endswith((".", "?", "!", "…", "”", '"')):
            found[i] = (m.group("name"), speech)
    counts: dict[str, int] = {}
    for name, _ in found.values():
        counts[name] = counts.get(name, 0) + 1
    for i, (name, speech) in found.items():
        near = any(
            j in cands and cands[j].speaker != name and blocks[j].quote == blocks[i].quote
            for j in (i - 2, i - 1, i + 1, i + 2)
        )
        if counts[name] >= 2 and near:
            cands[i] = Cand(i, name, speech, "colon", name.isupper())


def _questions_only_labelled(blocks: list[Block], cands: dict[int, Cand]) -> None:
    """An interview where only the questions carry a label ("**Filmclub:** Where did you
    start?" / "Q: …") and the answers follow unlabelled: the labelled lines play the part of
    bold questions (they keep their label as the speaker)."""
    labelled = {i: c for i, c in cands.items() if c.form != "bold"}
    if len(labelled) < 2 or len({c.speaker for c in labelled.values()}) != 1:
        return
    asks = sum(1 for c in labelled.values() if c.speech and "?" in c.speech)
    followed = sum(
        1
        for i in labelled
        if i + 1 < len(blocks) and i + 1 not in cands and blocks[i + 1].kind == PARA
    )
    if asks * 2 < len(labelled) or followed * 2 < len(labelled):
        return
    for i, c in labelled.items():
        cands[i] = replace(c, form="bold")


def _is_bold_interview(blocks: list[Block], cands: dict[int, Cand]) -> bool:
    """Unlabelled interview: questions set apart (bold, italic, sub-heading, block quote) with
    the answers in the paragraphs below (the judgement is ``is_unlabelled_interview``)."""
    bold = [i for i, c in cands.items() if c.form == "bold"]
    if not bold:
        return False
    answers = [i + 1 for i in bold if i + 1 < len(blocks) and i + 1 not in cands]
    features = InterviewFeatures(
        set_apart=len(bold),
        questions=sum(1 for i in bold if "?" in (cands[i].speech or "")),
        labelled=len(cands) - len(bold),
        says_interview=_says_interview(blocks, min(bold)),
        first_person_answers=_first_person_share(blocks, answers),
        question_headings=any(c.heading for c in cands.values()),
    )
    return is_unlabelled_interview(features)


def find_dialogue(
    blocks: list[Block], *, screenplay: bool = False, subtitles: bool = False
) -> tuple[list[list[Turn]], set[int], list[int]]:
    """Return exchanges (lists of turns), the indices of blocks that belong to dialogue and
    the index of each exchange's first block."""
    cands, screen_mode = _candidates(blocks, screenplay)
    _questions_only_labelled(blocks, cands)
    bold_interview = _is_bold_interview(blocks, cands)
    if not bold_interview:
        # Question sub-headings and italic questions only count in an unlabelled interview.
        for k in [k for k, c in cands.items() if c.heading or c.italic or c.quoted]:
            del cands[k]
    carry = not subtitles or subtitle_labels_carry(*_subtitle_label_counts(blocks, cands))
    names = _prose_names(blocks)
    # A label used in more than one place is a recurring speaker, like a name in the prose;
    # so is a one-word label that the text also uses outside the label ("Nora and Hae Sung…").
    seen: dict[str, int] = {}
    for c in cands.values():
        seen[c.speaker.lower()] = seen.get(c.speaker.lower(), 0) + 1
    names.update(k for k, v in seen.items() if v >= 2)
    caps = _capitalised_counts(blocks, {k for k in seen if " " not in k})
    names.update(k for k, v in seen.items() if caps.get(k, 0) > v)
    exchanges: list[list[Turn]] = []
    starts: list[int] = []
    used: set[int] = set()
    n = len(blocks)
    i = 0
    while i < n:
        if blocks[i].kind == TABLE and "|" in blocks[i].text:
            run = _table_run(blocks[i], i)
            if run:
                exchanges.append([Turn(s, t) for s, t, _ in run])
                starts.append(i)
                used.add(i)
            i += 1
            continue
        c = cands.get(i)
        if c is None or (
            c.form == "bold" and not bold_interview and not _next_is_labelled(cands, i)
        ):
            i += 1
            continue
        if c.form == "bold" and bold_interview:
            run, j = _question_and_answer(blocks, cands, i)
        else:
            run, j = _labelled_run(blocks, cands, i, screen_mode, subtitles, carry)
        trimmed = _trim_decoys(run, names) if not screen_mode else []
        if trimmed and _run_ok(blocks, trimmed, screen_mode, names):
            run = trimmed
        if run and not screen_mode and _quoted_statements(blocks, run):
            run = []  # "Agnès Varda:\n“…”" — people quoted one after another, not talking
        if run and not screen_mode and _cast_list(blocks, run):
            run = []  # "JENNY CURRAN: His childhood friend…" — who is who, not who says what
        if run and _run_ok(blocks, run, screen_mode, names):
            exchanges.append([Turn(s, t) for s, t, _ in run])
            starts.append(run[0][2][0])
            for _, _, idxs in run:
                used.update(idxs)
        i = max(j, i + 1)
    return _name_subject(exchanges, blocks), used, starts


_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _table_run(b: Block, i: int) -> Run:
    """Dialogue set in a Markdown table: one row per turn, the speaker in the first cell and
    the speech in the last (``| TANYA | Where were you? |``); a header row is not a turn."""
    lines = b.text.split("\n")
    if len(lines) > 5000:
        return []
    if len(lines) >= 2 and _TABLE_SEP.match(lines[1]):
        lines = lines[2:]
    rows: list[tuple[str, str]] = []
    for line in lines:
        if _TABLE_SEP.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        cells = [c for c in cells if c]
        if len(cells) < 2 or len(cells) > 3:
            return []
        rows.append((_strip_markup_edges(cells[0]).rstrip(":").strip(), cells[-1]))
    if len(rows) < 2:
        return []
    if not all(_name_ok(name, form="colon") for name, _ in rows):
        return []
    run: Run = [(name, _strip_wrap(speech), [i]) for name, speech in rows]
    return run if _table_is_conversation(run) else []


def _table_is_conversation(run: Run) -> bool:
    """A table of lines is a conversation when few speakers take several turns in sentences
    (not a cast list or a schedule, where every first cell differs)."""
    speakers = [s.lower() for s, _, _ in run]
    sentences = sum(1 for _, t, _ in run if len(t.split()) >= 2 and t[-1:] in ".?!…\"”'’-—")
    return (
        len(set(speakers)) >= 2 and len(speakers) > len(set(speakers)) and sentences * 2 > len(run)
    )


def _subtitle_label_counts(blocks: list[Block], cands: dict[int, Cand]) -> tuple[int, int]:
    """(cues that carry a speaker label, cues with speech) in a subtitle file."""
    spoken = labelled = 0
    for i, b in enumerate(blocks):
        if b.kind != PARA or _is_direction(b) or _is_interjection(b):
            continue
        if b.text.lstrip().startswith(("♪", "♫")):
            continue
        spoken += 1
        labelled += i in cands
    return labelled, spoken


def _question_and_answer(blocks: list[Block], cands: dict[int, Cand], i: int) -> tuple[Run, int]:
    """An interviewer's bold question at ``i``; the paragraphs after it answer it. The answer
    may carry the interviewee's label ("**Kim Ji-won:** Terrifying…"), usually only the first."""
    n = len(blocks)
    k = i + 1
    speaker = _SUBJECT
    parts: list[str] = []
    idxs: list[int] = []
    first = cands.get(k)
    if first is not None and first.form != "bold" and first.speech:
        speaker, parts, idxs = first.speaker, [first.speech], [k]
        k += 1
    ans: list[int] = []
    while (
        k < n
        and k not in cands
        and blocks[k].kind in (PARA, ITEM)
        and not blocks[k].quote
        and not _editorial(blocks[k])
    ):
        ans.append(k)
        k += 1
    if k >= n or k not in cands:
        # The last answer: end matter after it ("This interview has been edited…",
        # "Tags: …") is not part of it.
        for pos, a in enumerate(ans):
            t = blocks[a].text.strip()
            if _END_MATTER.match(t) or (pos and _KEY_LINE.match(t)):
                ans = ans[:pos]
                break
    ans = _drop_byline(blocks, ans, k >= n or blocks[k].kind not in (PARA, ITEM))
    parts += [blocks[a].text for a in ans]
    idxs += ans
    if not parts:
        return [], k
    c = cands[i]
    return [
        (c.speaker, _strip_markup_edges(c.speech or ""), [i]),
        (speaker, "\n\n".join(parts), idxs),
    ], k


def _labelled_run(
    blocks: list[Block],
    cands: dict[int, Cand],
    i: int,
    screen_mode: bool,
    subtitles: bool = False,
    carry: bool = True,
) -> tuple[Run, int]:
    """Consecutive labelled turns from block ``i``, with the paragraphs that belong to them."""
    n = len(blocks)
    run: Run = []
    j = i
    skipped: list[int] = []  # interjections and directions since the last turn's text
    while j < n:
        c = cands.get(j)
        b = blocks[j]
        if c is None:
            if _is_interjection(b) or (screen_mode and b.kind == PARA and _is_action(b)):
                skipped.append(j)
                j += 1
                continue
            if screen_mode:
                break  # a scene heading or a transition ends the speech and the beat
            if b.kind == PARA and run and (_is_direction(b) or _cue_like(b)):
                skipped.append(j)
                j += 1  # a stage direction, or "SFX: Footsteps." between two speeches
                continue
            if subtitles and run and not carry:
                # An unlabelled cue in a file that labels only some speakers: speech by
                # someone the file does not name, not part of a labelled turn.
                skipped.append(j)
                j += 1
                continue
            if subtitles and run:
                # Each subtitle cue is a turn of its own, by the speaker last named.
                k = j
                while k < n and k not in cands and blocks[k].kind == PARA and len(run) < 10_000:
                    t = blocks[k].text.strip()
                    if t.startswith(("♪", "♫")):
                        break  # song lyrics on the soundtrack, not the speaker going on
                    if not (_is_direction(blocks[k]) or _is_interjection(blocks[k])):
                        tx = _strip_lead_direction(blocks[k].text.strip())
                        run.append((run[-1][0], tx, [k]))
                    k += 1
                if k == j:
                    break
                j = k
                skipped = []
                continue
            more = _continuation(blocks, cands, j, run)
            if not more:
                break
            # The speech goes on: a "[Laughs]" between its paragraphs stays in it, so that the
            # turn is one unbroken piece of the text.
            more = [m for m in skipped if m > run[-1][2][-1]] + more
            sp, tx, ix = run[-1]
            run[-1] = (sp, "\n\n".join([tx] + [blocks[m].text.strip() for m in more]), ix + more)
            j = more[-1] + 1
            skipped = []
            continue
        skipped = []
        speech = c.speech
        idxs = [j]
        k = j + 1
        if c.form in ("cue", "screen", "dot") or speech is None:
            # A cue's speech may go on over the following paragraphs (plays, transcripts).
            parts = [speech] if speech else []
            while (
                k < n
                and k not in cands
                and not (c.form == "screen" or (c.form in ("dot", "cue") and speech))
            ):
                bk = blocks[k]
                if bk.kind != PARA or _is_direction(bk) or bk.quote != b.quote:
                    break
                parts.append(bk.text.strip())
                idxs.append(k)
                k += 1
            speech = "\n\n".join(parts)
        if speech and speech.strip():
            speech = speech.strip()
            if c.form in ("colon", "cue", "dot", "screen"):
                # "OPHELIA\n[Aside] O, help him", "CAPTAIN: (sighs) Especially…": the cue's
                # own direction, right after it, is not part of the speech.
                speech = _strip_lead_direction(speech)
            run.append((c.speaker, speech, idxs))
        j = k
    return run, j


def _continuation(
    blocks: list[Block], cands: dict[int, Cand], j: int, run: list[tuple[str, str, list[int]]]
) -> list[int]:
    """Unlabelled paragraphs that continue the last turn (a multi-paragraph answer): at most
    three, when the conversation then goes on with a speaker already in it, or when the
    dialogue ends there (a heading, a rule, an editor's note or the end of the document)."""
    if not run or run[-1][0] == _SUBJECT:
        return []
    out: list[int] = []
    k = j
    q = blocks[j].quote
    while k < len(blocks) and k not in cands and len(out) < MAX_CONTINUATION_PARAS:
        b = blocks[k]
        if _is_break(b):
            break
        if b.kind != PARA or b.quote != q or b.bold:
            return []
        out.append(k)
        k += 1
    if not out:
        return []
    c = cands.get(k)
    if c is None:
        out = _drop_byline(blocks, out, True)
    texts = [blocks[m].text[:5000] for m in out]
    features = ContinuationFeatures(
        resumes=c is not None,
        resumes_with_known_speaker=c is not None
        and _in_run(c.speaker, run)
        and not _same_speaker(c.speaker, run[-1][0]),
        resumes_with_question=c is not None and c.form == "bold",
        ends_at_break=k >= len(blocks) or _is_break(blocks[k]),
        conversational=len(run) >= 2 and _conversational(run),
        last_turn_chars=len(run[-1][1]),
        last_turn_quoted=_quoted_speech(blocks[run[-1][2][-1]]),
        names_speakers=_mentions_speakers(blocks, out, run),
        key_lines=any(_KEY_LINE.match(t.strip()) for t in texts),
        personal=all(_SPEAKS.search(t) for t in texts),
        asks=any("?" in blocks[m].text for m in out),
    )
    return out if out and turn_continues(features) else []


def _is_break(b: Block) -> bool:
    """A heading, a rule or an editor's note: where a dialogue's last turn stops."""
    return b.kind in (HEADING, RULE) or (b.kind == PARA and _editorial(b))


_SPEAKS = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|[Uu]s|[Yy]ou|[Yy]our)\b")
_END_MATTER = re.compile(
    r"^(?:this|the|our) (?:interview|conversation|transcript|q\s*&\s*a) (?:has been|was|is|have been)\b|"
    r"^(?:interview |answers |responses )?(?:edited|condensed|lightly edited)\b.{0,40}\bfor\b|"
    r"^(?:tags|filed under|categories|category|posted in|share this|related)\s*:",
    re.I,
)
_KEY_LINE = re.compile(r"^[\w][\w ]{0,30}:[ \t]")


def _quoted_speech(b: Block) -> bool:
    """A labelled line whose speech is wrapped in quotation marks: a complete utterance quoted,
    not the opening of a longer answer."""
    return b.text.rstrip().endswith(("”", '"', "’", "'"))


def _mentions_speakers(blocks: list[Block], idxs: list[int], run: Run) -> bool:
    """Narration after a dialogue names its speakers ("Later, Theodore asks again")."""
    words = {w for s, _, _ in run for w in s.split() if len(w) > 1 and w[:1].isupper()}
    for m in idxs:
        found = set(re.findall(r"\b[A-Z][\w'’-]+", blocks[m].text[:5000]))
        if words & found:
            return True
    return False


def _same_speaker(a: str, b: str) -> bool:
    """``Whitfield`` after ``Jonas Whitfield`` (a surname label after the full name) is the
    same speaker, as is a first name after the full name."""
    if a == b:
        return True
    la, lb = a.lower().split(), b.lower().split()
    if not la or not lb or (len(la) > 1 and len(lb) > 1):
        return False
    short, full = (la, lb) if len(la) == 1 else (lb, la)
    return short[0] in (full[0], full[-1])


def _in_run(speaker: str, run: list[tuple[str, str, list[int]]]) -> bool:
    return any(_same_speaker(speaker, s) for s, _, _ in run)


def _conversational(run: list[tuple[str, str, list[int]]]) -> bool:
    """Two or more speakers taking turns (not one label followed by prose)."""
    return len({s.lower().split()[-1] for s, _, _ in run if s.split()}) >= 2


_INTERVIEW = re.compile(
    r"\b(?:interview\w*|conversation|q\s*&\s*a|q&a|spoke (?:to|with)|talked (?:to|with)|"
    r"chat(?:s|ted)? with|sat down with|speaks (?:to|with)|talks (?:to|with)|questions? for|"
    r"asked (?:him|her|them)|in (?:his|her|their) own words|talking (?:to|with)|we met|meets)\b",
    re.I,
)


_FIRST_PERSON = re.compile(r"\b(?:I|I['’]m|I['’]ve|I['’]d|me|my|we|we['’]re|our|us)\b")


def _says_interview(blocks: list[Block], first_bold: int) -> bool:
    """The text before the first question presents an interview ("we spoke with…")."""
    head = "\n".join(b.text for b in blocks[: max(first_bold, 1)][-12:])[-6000:]
    return bool(_INTERVIEW.search(head))


def _first_person_share(blocks: list[Block], answers: list[int]) -> float:
    if not answers:
        return 0.0
    personal = sum(1 for k in answers if _FIRST_PERSON.search(blocks[k].text[:5000]))
    return personal / len(answers)


def _next_is_labelled(cands: dict[int, Cand], i: int) -> bool:
    for j in (i + 1, i - 1):
        c = cands.get(j)
        if c is not None and c.form in ("colon", "dot"):
            return True
    return False


def _is_action(b: Block) -> bool:
    t = b.text.strip()
    return bool(t) and not _SCREEN_STOP.match(t) and not t.startswith((">", "#"))


def _drop_byline(blocks: list[Block], ans: list[int], at_end: bool) -> list[int]:
    if ans and at_end:
        last = blocks[ans[-1]].text.strip()
        words = last.split()
        if (
            len(words) <= 6
            and not last.endswith((".", "!", "?", "”", '"', "…"))
            and (
                all(w[0].isupper() for w in words if w[0].isalpha())
                or re.match(
                    r"^(?:[—–-]\s*)?(?:interview(?:ed)?|reported|written|photos?|text|edited)?\s*by\b",
                    last,
                    re.I,
                )
            )
        ):
            return ans[:-1]
    return ans


def _person_like(label: str, names: set[str]) -> bool:
    words = label.split()
    return (
        label.lower() in _QA_NAMES or len(words) >= 2 or label.isupper() or label.lower() in names
    )


def _prose_names(blocks: list[Block]) -> set[str]:
    """Capitalised words used mid-sentence in the document (names, in lower case)."""
    found: set[str] = set()
    budget = 1_000_000
    for b in blocks:
        if budget <= 0:
            break
        budget -= len(b.text)
        found.update(w.lower() for w in _MID_CAP.findall(b.text[:100_000]))
    return found


_MID_CAP = re.compile(r"(?<=[a-z,;] )([A-Z][\w'’-]+)")
_CAP_WORD = re.compile(r"\b[A-Z][\w'’-]+")


def _capitalised_counts(blocks: list[Block], wanted: set[str]) -> dict[str, int]:
    """How often each of ``wanted`` (one-word labels, lower case) is written capitalised."""
    counts: dict[str, int] = {}
    if not wanted:
        return counts
    budget = 1_000_000
    for b in blocks:
        if budget <= 0:
            break
        budget -= len(b.text)
        for w in _CAP_WORD.findall(b.text[:100_000]):
            lw = w.lower()
            if lw in wanted:
                counts[lw] = counts.get(lw, 0) + 1
    return counts


_DESCRIPTION = re.compile(
    r"^(?:a|an|the|his|her|their|its|[\w'’-]+['’]s)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:man|woman|boy|girl|friend|wife|husband|mother|father|son|daughter|brother|sister|"
    r"officer|teacher|student|doctor|owner|leader|head|servant|widow|farmer|detective|agent|"
    r"neighbou?r|lover|partner|boss|colleague|child|uncle|aunt|cousin|relative|stranger|"
    r"[\w-]+er|[\w-]+or|[\w-]+ist)\b",
    re.I,
)
_CAST_HEADING = re.compile(
    r"\b(?:cast|characters|dramatis|who['’]s who|starring|credits|persons of the play)\b", re.I
)


def _cast_list(blocks: list[Block], run: Run) -> bool:
    """A list of who is who (``NAME: a description``), under a Cast/Characters heading or with
    every line a description and nobody speaking twice."""
    first = run[0][2][0]
    for k in range(first - 1, max(-1, first - 3), -1):
        t = blocks[k].text.strip()
        if blocks[k].kind == HEADING or len(t) < 60:
            # "CAST" / "Characters:" above the list; not "CHARACTERS: ANNA, a widow. …",
            # a cast line of its own before the play begins.
            if _CAST_HEADING.search(t) and (
                blocks[k].kind == HEADING or len(t.split()) <= 4 or t.endswith(":")
            ):
                return True
            if blocks[k].kind == HEADING:
                break
    speakers = [sp for sp, _, _ in run]
    if len(set(speakers)) < len(speakers) or _SUBJECT in speakers:
        return False
    return all("?" not in text and _DESCRIPTION.match(text) for _, text, _ in run)


def _quoted_statements(blocks: list[Block], run: Run) -> bool:
    """Every turn is a speech in quotation marks and nobody asks anything: a row of attributed
    quotations (they are found as quotes), not a conversation."""
    for _, text, idxs in run:
        raw = blocks[idxs[0]].text
        if "?" in text or not re.search(r"[“\"]\s*" + re.escape(text[:20]), raw):
            return False
    return len(run) >= 2


def _trim_decoys(run: Run, names: set[str]) -> Run:
    """Drop one-off labels that are not people from the ends of a run ("Premise: …" lines
    right before a real exchange)."""
    counts: dict[str, int] = {}
    for sp, _, _ in run:
        counts[sp] = counts.get(sp, 0) + 1

    def decoy(turn: tuple[str, str, list[int]]) -> bool:
        return counts[turn[0]] == 1 and not _person_like(turn[0], names)

    lo, hi = 0, len(run)
    while lo < hi and decoy(run[lo]):
        lo += 1
    while hi > lo and decoy(run[hi - 1]):
        hi -= 1
    return run[lo:hi] if (lo, hi) != (0, len(run)) else []


def _run_ok(blocks: list[Block], run: Run, screen_mode: bool, names: set[str]) -> bool:
    if not run:
        return False
    speakers = [s for s, _, _ in run]
    if _SUBJECT in speakers:
        return True
    if screen_mode:
        return True  # a screenplay's cues are unambiguous, even one speech alone
    distinct = {s.lower() for s in speakers}
    # Each label used once ("Plot: …" / "Premise: …" are not speakers): the labels must look
    # like people — Q/A, full or upper-case names, names the prose also uses — or the lines
    # must be a conversation (a question and a reply).
    features = RunFeatures(
        turns=len(run),
        speakers=len(distinct),
        asked=any(t.rstrip("”\"’'*_ ").endswith("?") for _, t, _ in run[:-1]),
        all_sentences=all(_sentence(t) for _, t, _ in run),
        people_labels=all(_person_like(s, names) for s in distinct),
        list_items=all(blocks[ix[0]].kind == ITEM for _, _, ix in run),
    )
    return is_conversation(features)


def _sentence(text: str) -> bool:
    """Words ending like a sentence (not a bare term or a figure under a label)."""
    t = text.rstrip("”\"’'*_ ")
    return len(t.split()) >= 2 and t.endswith((".", "?", "!", "…", "--", "—"))


_SUBJECT_RE = re.compile(
    r"(?:interview(?:ed|s)?|conversation|chats?|chatted|sat down|spoke|speaks|talk(?:s|ed)?|q\s*&\s*a)"
    r"[ \t]+(?:with|to)[ \t]+((?:[\w.'’\-]+[ \t]+){0,6}[\w.'’\-]+)",
    re.I,
)
_ROLES = {
    "cinematographer",
    "director",
    "directors",
    "filmmaker",
    "filmmakers",
    "actor",
    "actress",
    "writer",
    "screenwriter",
    "producer",
    "composer",
    "editor",
    "star",
    "author",
    "the",
    "a",
    "an",
    "documentary",
    "film",
    "critic",
    "designer",
    "co-director",
    "co-writer",
    "legendary",
    "acclaimed",
    "writer-director",
    "artist",
    "animator",
    "novelist",
    "photographer",
}


def _editorial(b: Block) -> bool:
    """A paragraph set wholly in italics (an editor's note, a release date), not an answer."""
    t = b.text.strip()
    return b.italic or (len(t) > 2 and t[0] in "*_" and t[-1] == t[0] and t[1] != t[0])


_TITLE_SUBJECT = re.compile(
    r"^(?:[“\"][^”\"]{1,200}[”\"]\s*[:–—-]\s*)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s+"
    r"(?:on|talks|discusses|reflects|remembers|explains|in conversation)\b"
)
_FULL_NAME = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2})\b")


def _subject_name(blocks: list[Block]) -> str | None:
    """The interviewee: "an interview with X", "X on her career", else the first full name
    in the introduction."""
    head = "\n".join(b.text for b in blocks[:8])[:5000]
    m = _SUBJECT_RE.search(head)
    named = _subject_from_match(m, blocks) if m else None
    if named:
        return named
    for b in blocks[:3]:
        if b.kind == HEADING:
            tm = _TITLE_SUBJECT.match(b.text.strip())
            if tm:
                return tm.group("name")
    for b in blocks[:6]:
        if b.kind == PARA and not b.bold:
            for fm in _FULL_NAME.finditer(b.text[:2000]):
                words = fm.group(1).split()
                if not any(w.lower() in _ROLES or w.lower() in _NOT_NAME for w in words):
                    return fm.group(1)
            break
    return None


_NOT_NAME = {"the", "a", "an", "in", "on", "at", "this", "that", "when", "after", "before"}


def _subject_from_match(m: re.Match[str], blocks: list[Block]) -> str | None:
    words = m.group(1).split()
    name: list[str] = []
    for w in words:
        wl = w.lower().strip(",.:;")
        if not name and wl in _ROLES:
            continue
        if w[0].isupper():
            name.append(w.strip(",.:;"))
            if w.endswith((",", ".", ":", ";")):
                break
        else:
            break
    if not name:
        return None
    cand = " ".join(name[:4])
    if cand.isupper():
        body = "\n".join(b.text for b in blocks)
        k = body.lower().find(cand.lower())
        for mm in re.finditer(re.escape(cand), body, re.I):
            if not mm.group(0).isupper():
                return mm.group(0)
        if k >= 0:
            return cand.title()
    return cand


def _name_subject(exchanges: list[list[Turn]], blocks: list[Block]) -> list[list[Turn]]:
    if not any(t.speaker == _SUBJECT for ex in exchanges for t in ex):
        return exchanges
    labelled = [t.speaker for ex in exchanges for t in ex[1:] if t.speaker not in (_SUBJECT, None)]
    subject = (labelled[0] if labelled else None) or _subject_name(blocks) or "Interviewee"
    return [
        [Turn(subject if t.speaker == _SUBJECT else t.speaker, t.text) for t in ex]
        for ex in exchanges
    ]


__all__ = ["find_dialogue", "CODE", "HEADING", "ITEM", "RULE", "TABLE"]
