"""Find attributed quotations, pull quotes and block quotes in prose blocks."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from . import speech_verbs
from .blocks import ITEM, PARA, Block
from .dialogue_labels import name_ok
from .names import SENTENCE_ADVERB, NameBook, clean_name
from .quote_decisions import (
    CRITICS,
    CRITICS_MIN_WORDS,
    GUILLEMET_SWAP,
    INDEFINITE_SPEAKER,
    QUOTATION_MIN_WORDS,
    SAYING_MIN_WORDS,
    SINGLE_BEFORE_VERB,
    completes_a_saying,
    critics_words,
    exclaimed_line,
    guillemets_reversed,
    introduced_by_colon,
    is_quotation,
    is_single_name_speaker,
    organisation,
    organisation_before_verb,
    repeats_the_text,
    shows_an_editors_hand,
    speaks_in_first_person,
    stands_as_sentence,
    under_topic_label,
)

logger = logging.getLogger(__name__)

_VERBS = speech_verbs.ALL
_AFTER_VERBS = speech_verbs.AFTER  # gestures too: "“…,” he shrugs"
_NOUNS = (
    r"statement|exclamation|words|reply|response|remark|comment|estimate|verdict|assessment|"
    r"motto|line|tweet|message|answer|advice|explanation|quip|retort|description|summary|"
    r"conclusion|observation|view|opinion|thoughts|letter|note|quote|quotation|lyric|lyrics|"
    r"review|tagline|saying|catchphrase|slogan|epigraph|cliché|cliche|mantra|refrain|proverb|"
    r"adage|maxim"
)
_VERB_RE = re.compile(rf"\b(?:{_VERBS})\b", re.I)
_NOUN_RE = re.compile(rf"\b(?:{_NOUNS})\b", re.I)
_CUE_WORDS = {w.split()[0].lower() for w in (_VERBS + "|" + _NOUNS).split("|")}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _has_cue_word(text: str) -> bool:
    """Cheap pre-check before the large verb/noun alternations."""
    return any(w.lower() in _CUE_WORDS for w in _WORD.findall(text))


_PRON = r"he|she|they|I|we|He|She|They|We"
_NAMEPAT = r"[^\W\d_a-zß-öø-ÿ][\w.'’\-]*(?:\s+(?:(?:de|da|van|von|der|del|di|du|le|la)\s+)?[^\W\d_a-zß-öø-ÿ][\w.'’\-]*){0,3}"
_AFTER_SUBJ_VERB = re.compile(
    # ("“Would it kill you to buy American?” is what he says to his son")
    rf"^[\s,.!?;:]{{0,3}}(?:[—–―-]+\s*)?(?:(?:is|was|are|were)\s+what\s+)?(?P<who>{_PRON}|[Mm]y \w+|{_NAMEPAT}|(?:the|a|an|his|her|their|our|one|another|one of the)\s+(?:[\w'’-]+\s+){{0,2}}?[a-z][\w'’-]*)"
    # an age or an apposition ("Miori Takimoto, playing Naoko Satomi, says")
    r"(?:,\s*(?:\d{1,3}|(?:playing|as|voicing|who plays|the|a|an|his|her|their)\s[^,.;:!?“”\"\n]{1,60}),)?"
    rf"\s+(?:\w+ly\s+)?(?:{_AFTER_VERBS})\b"
)
_AFTER_VERB_SUBJ = re.compile(
    rf"^[\s,.!?;:]{{0,3}}(?:(?:{speech_verbs.AUXILIARY})\s+)?(?:{_AFTER_VERBS})"
    rf"(?:\s+|-t-|-)"
    # "said the Observer's Philip French", "said the Guardian's film critic Peter Bradshaw"
    r"(?:the\s+(?:[A-Z][\w.&-]*\s+){0,3}?[A-Z][\w.&-]*['’]s\s+(?:[a-z][\w-]*\s+){0,3})?"
    rf"(?P<who>(?:{_PRON}|il|elle|ils|elles|er|sie)\b|{_NAMEPAT}"
    # someone the text does not name ("says a character midway through the film")
    r"|(?:the|a|an|one of the|another)\s+(?:[\w'’-]+\s+){0,2}?[a-z][\w'’-]*)"
)
_PRO_DROP_RE = re.compile(rf"(?:{speech_verbs.PRO_DROP})", re.I)
# "», comparó.", "», dijo la actriz.", "», ha detto.": a verb with no name after it, in a language
# that leaves the subject out: the person the text is about.
_AFTER_PRO_DROP = re.compile(
    rf"^[\s,.!?;:]{{0,3}}(?:(?:{speech_verbs.AUXILIARY})\s+)?(?:{speech_verbs.PRO_DROP})\b"
    r"(?!\s+(?:que|che|qu[eé]|a\s+(?:la|los|las|el)\b))"
)
_DASH_ATTR = re.compile(
    r"^[\s,.]{0,3}[—–―~-]{1,2}[ \t\u00a0]*[*_]{0,2}(?P<who>[^\W\d_][\w.'’\-]*(?:[ \t\u00a0]+[^\W\d_][\w.'’\-]*){0,4})"
)
_DASH_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)?[—–―~-]{1,3}[ \t\u00a0]*[*_]{0,2}(?P<who>[^\W\d_][\w.'’\-]*(?:[ \t\u00a0]+(?:[^\W\d_][\w.'’\-]*|&)){0,5})"
    r"(?P<tail>[^\n]{0,200})$"
)
_POSSESSIVE = re.compile(
    rf"(?P<who>{_NAMEPAT})['’]s\s+(?:\w+\s+){{0,2}}(?:{_NOUNS})"
    # (what the words answered: "Tarkovsky's response to criticism of the pace was “…”")
    r"(?:\s+(?:to|on|about|of|for|after|when)\s[^.!?;:“”\"]{1,80}?\s(?:is|was)|"
    r"\s+(?:is|was|reads|goes))?"
    r"\s*[:,]?\s*$"
)
# "It opened with the famous quote, “…”", "I like the lyric “…”", "his review is, “…”": a
# quotation introduced by a word for what it is.
# "Rick tells Ilsa “We'll always have Paris”": the person told, named, with no comma
_TELLS = {"tells", "told", "asks", "asked", "reminds", "reminded", "assures", "assured"}
_NAMES_IT = set(speech_verbs.NAMES_IT)
# ("called it “…”", "described him as an “…”", "hailed the film as “…”")
_WHAT_IT_IS = re.compile(
    r"\s+(?:it|this|him|her|them|the (?:film|movie|show|series|play|book|ending|result))"
    r"(?:\s+as(?:\s+(?:a|an|the))?)?\s*"
)
_ADDRESSEE = re.compile(r"\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*")
_NOUN_END = re.compile(rf"\b(?:{_NOUNS})(?:\s+(?:is|was|reads|goes))?\s*,?\s*$", re.I)
_TAIL_OK = re.compile(
    rf"(?:^\s*$|[,:]\s*$|^\s*with\s*[,:]?\s*$|\b(?:{speech_verbs.THAT}|how)\b[^.!?;“”\"]{{0,80}}$|\bas\s*$|\bthis\s*$|\b(?:{_PRON})\s*$"
    # "said the event was “…”", "says the film is “…”": a quoted fragment completing the clause
    r"|^\s*(?:the|this|that|it|its|his|her|their)\b[^.!?;:“”\",]{0,50}\b(?:is|was|were|are|"
    r"had become|has become|would be|will be|felt|feels|seemed|seems|looked|looks)\s*$"
    r"|^\s*(?:to\s+)?(?:her|him|them|me|us|you|reporters|the (?:crowd|audience|press|room))\s*$"
    # "He tells his younger brother “…”": the person spoken to, by a possessive
    r"|^\s*(?:to\s+)?(?:his|her|their|my|our|your)\s+(?:[a-z][\w'’-]*\s+){0,2}[a-z][\w'’-]*\s*[,:]?\s*$"
    # "Selma tells Joan: “…”": the person spoken to, named
    r"|^\s*(?:to\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s*[,:]\s*$"
    # "Phil asks the two locals “…”": the people asked, a short noun phrase, no comma
    r"|^\s*(?:the|a|an|his|her|their|two|three|some|several)\s+(?:[a-z][\w'’-]*\s+){0,2}"
    r"(?:locals?|people|men|women|man|woman|boys?|girls?|kids|children|students|class|group|"
    r"guests?|friends?|stranger|strangers|officers?|crowd|audience|reporters?|journalists?|"
    r"interviewer|doctor|nurse|waitress|waiter|clerk|priest)\s*$)"
)
_COPULA_END = re.compile(r"\s+(?:is|was|reads|goes)\s*,?\s*$")
_DETERMINED = re.compile(
    r"\b(?:the|a|an|this|that|his|her|their|its|my|our)\s+(?:[a-z]+\s+)?$", re.I
)
_NOMINAL = re.compile(
    r"(?P<np>\b(?:the|a|an|my|our|his|her|their|one)\s+(?:[\w'’-]+\s+){0,3}?(?P<noun>[a-z][\w'’-]*))\s*,?\s*$",
    re.I,
)
# An aside set off by commas between a subject and its verb ("one child, full of the pain of
# consciousness, remarked"): not where the speaker is named.
_ASIDE_TAIL = re.compile(r"(?<=\w),\s+[^,.;:!?“”\"\n]{3,80},\s*$")
_ROLE_NOUNS = {
    # (news-style roles before a name: "said owner Maria Costa", "said Mayor Jo Ito")
    "owner",
    "co-owner",
    "mayor",
    "principal",
    "teacher",
    "librarian",
    "pastor",
    "coordinator",
    "volunteer",
    "instructor",
    "lecturer",
    "historian",
    "archivist",
    "projectionist",
    "designer",
    "animator",
    "activist",
    "advocate",
    "attorney",
    "lawyer",
    "superintendent",
    "trustee",
    "actor",
    "actress",
    "director",
    "filmmaker",
    "star",
    "critic",
    "writer",
    "producer",
    "professor",
    "doctor",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "author",
    "composer",
    "cinematographer",
    "founder",
    "co-founder",
    "president",
    "chief",
    "minister",
    "official",
    "organiser",
    "organizer",
    "organisers",
    "organizers",
    "editor",
    "journalist",
    "reporter",
    "screenwriter",
    "novelist",
    "artist",
    "singer",
    "musician",
    "comedian",
    "host",
    "executive",
    "ceo",
    "chairman",
    "chair",
    "head",
    "manager",
    "curator",
    "programmer",
    "scientist",
    "expert",
    "researcher",
    "politician",
    "senator",
    "councillor",
    "judge",
    "veteran",
    "winner",
    "nominee",
    "newcomer",
    "legend",
    "icon",
    "auteur",
    "documentarian",
    "statement",
    "interview",
    "email",
    "letter",
    "release",
    "post",
}
# A report's own attribution outside the quotations ("… '' he said. ''…"), as against the
# speaker's own words that quote something ("we should all say, “Are we…”")
_REPORTED = re.compile(
    r"(?:\b(?:he|she|they)|\b[A-Z][\w'’-]+)\s+(?:\w+ly\s+)?(?:said|says|added|adds|told|tells|"
    r"explained|explains|recalled|recalls|continued|continues|went on)\b"
)
_QUOTED_RUN = re.compile(r"“[^”]*”|\"[^\"]*\"|(?<!\w)''.*?''(?!\w)|(?<!\w)'[^']*''", re.S)


def _outside_quotes(text: str) -> str:
    return _QUOTED_RUN.sub(" ", text[:5000])


_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "le",
    "la",
    "al",
    "bin",
}
_NAME_LABEL = re.compile(
    r"^\s*(?:\*\*|__)?(?P<who>[^\W\d_][\w.'’\-]*(?:[ \t]+[^\W\d_][\w.'’\-]*){0,3})(?:\*\*|__)?[ \t]?:"
    r"(?:\*\*|__)?\s*$"
)
_SMALL = {
    "a",
    "an",
    "the",
    "of",
    "and",
    "or",
    "in",
    "on",
    "at",
    "to",
    "for",
    "with",
    "by",
    "from",
    "&",
    "n",
}
_OPEN_CLOSE = {"“": "”", "„": "“", "«": "»", "‘": "’"}


@dataclass
class QuoteHit:
    """A quotation found at ``start`` of block ``block``."""

    block: int
    start: int
    text: str
    speaker: str | None
    excerpt: bool = False  # a whole block quoted (its questions are the quoted text's)


def _words(s: str) -> int:
    found = re.findall(r"[^\W_]+(?:['’][^\W_]+)?", s[:2000])
    if _CJK.search(s[:2000]) is None:
        return len(found)
    # Chinese and Japanese leave no space between words: a run of ideographs or kana counts
    # as a word for every two characters ("能力越大，责任越大。" is six words, not two)
    return sum(max(1, len(_CJK.findall(w)) // 2) if _CJK.search(w) else 1 for w in found)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _is_title(s: str) -> bool:
    if "](" in s:
        s = _MD_LINK.sub(r"\1", s)  # '"_[Nobody's Perfect](https://…)_"': the link's text
    words = re.findall(r"[^\W_][\w'’\-]*", s[:500])
    if not words or len(words) > 12:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    # (a capitalised small word, "Live In", counts once, as a capital)
    small = sum(1 for w in words if w in _SMALL)
    if s.rstrip().endswith((".", "!", "?", "…", ",")):
        # '“Mr. Smith Goes to Washington.”': a title of three words or more, every word but
        # the small ones capitalised, with the sentence's stop inside the marks
        return (
            s.rstrip().endswith((".", ","))
            and len(words) >= 3
            and small >= 1
            and caps + small == len(words)
            and not s.rstrip()[:-1].endswith((".", "!", "?"))
        )
    return caps + small >= len(words) and caps >= 1


_MARK_CHARS = re.compile("[“”«»„\"‘’'「」]")  # the only characters _spans acts on


def _spans(text: str) -> list[tuple[int, int, int, int]]:
    """Quoted spans in one paragraph: (open_mark_pos, inner_start, inner_end, close_mark_end).

    Linear scan; curly and straight double quotes pair with their own kind, single curly
    quotes pair when they open at a word start.  A closing mark with no opener gives a span
    from the paragraph start (a broken quotation)."""
    out: list[tuple[int, int, int, int]] = []
    n = len(text)
    closers: set[int] = set()
    if "''" in text and '"' not in text:
        text, closers = _doubled_apostrophes(text)
    open_curly = -1
    open_straight = -1
    open_single = -1
    saw_any = False
    skip_to = -1
    for mark in _MARK_CHARS.finditer(text):
        i, ch = mark.start(), mark.group()
        if i < skip_to:
            continue
        if ch == "“" and open_curly >= 0 and text[open_curly] == "„":
            out.append((open_curly, open_curly + 1, i, i + 1))  # German „…“
            open_curly = -1
            saw_any = True
        elif ch == "“" and open_curly >= 0 and text[max(0, i - 2) : i] == "\n\n":
            pass  # a quotation reopened at the start of its next paragraph goes on
        elif ch == "“" or ch == "«" or ch == "„" or ch == "「":
            if open_curly >= 0 and text[open_curly] == ch:
                # A quotation never closed before the next one opens: it runs to the last
                # sentence end before the new opening mark.
                unclosed = _unclosed_end(text, open_curly + 1, i)
                if unclosed > 0:
                    out.append((open_curly, open_curly + 1, unclosed, unclosed))
                    saw_any = True
            open_curly = i
        elif (
            ch == "'"
            and open_straight >= 0
            and text[i : i + 2] == "''"
            and not text[i - 1].isspace()
            and not text[_run_end(text, i) : _run_end(text, i) + 1].isalnum()
        ):
            # '"… decía, '¡Mejor será que regreses ese Oscar!'', dijo': two apostrophes typed
            # for the closing double mark (the first may close a nested quotation).
            run_end = _run_end(text, i)
            nested = open_single > open_straight
            if nested:
                out.append((open_single, open_single + 1, i, i + 1))
            out.append((open_straight, open_straight + 1, i + 1 if nested else i, run_end))
            open_straight = open_single = -1
            saw_any = True
            skip_to = run_end
        elif ch == "”" or ch == "»" or ch == "」":
            if open_curly >= 0:
                out.append((open_curly, open_curly + 1, i, i + 1))
                open_curly = -1
                saw_any = True
            elif open_straight >= 0 and ch == "”":
                # '"When we teach children…, we build community.”': mixed marks again
                out.append((open_straight, open_straight + 1, i, i + 1))
                open_straight = -1
                saw_any = True
            elif not saw_any and open_straight < 0:
                out.append((-1, 0, i, i + 1))
                saw_any = True
        elif ch == '"':
            if (
                open_curly >= 0
                and open_straight < 0
                and i > 0
                and not text[i - 1].isspace()
                and (i + 1 >= n or not text[i + 1].isalnum())
            ):
                # Mixed marks: "“When we lift women, we lift the community," Sara said."
                # A straight mark after a word, with none open, closes the curly quotation.
                out.append((open_curly, open_curly + 1, i, i + 1))
                open_curly = -1
                saw_any = True
            elif open_straight >= 0 and text[max(0, i - 2) : i] == "\n\n":
                pass  # reopened at the start of the next paragraph: the quotation goes on
            elif open_straight >= 0 and _opens(text, i) and not _closes(text, i):
                # Shaped as an opening mark (space before, a word after) while one is open:
                # the open quotation was never closed (as with curly marks). Pairing the two
                # would turn every later quotation of the paragraph inside out.
                unclosed = _unclosed_end(text, open_straight + 1, i)
                if unclosed > 0:
                    out.append((open_straight, open_straight + 1, unclosed, unclosed))
                    saw_any = True
                open_straight = i
            elif open_straight >= 0:
                out.append((open_straight, open_straight + 1, i, i + (2 if i in closers else 1)))
                open_straight = -1
                saw_any = True
            elif i in closers and open_single >= 0:
                # "'You must remember,'' he said": opened with one apostrophe, closed with two
                out.append((open_single, open_single + 1, i, i + 2))
                open_single = -1
                saw_any = True
            elif i not in closers:
                open_straight = i
        elif ch == "‘" or (
            ch == "'" and (i == 0 or not text[i - 1].isalnum()) and not _possessive(text, i)
        ):
            if open_single >= 0 and text[max(0, i - 2) : i] == "\n\n":
                pass  # reopened at the start of the next paragraph: the quotation goes on
            elif ch == "'" and open_single >= 0 and (i + 1 >= n or not text[i + 1].isalnum()):
                # (after punctuation: "… for 40 years.'", at the paragraph's end too)
                out.append((open_single, open_single + 1, i, i + 1))
                open_single = -1
            elif i + 1 < n and not text[i + 1].isspace():
                open_single = i
        elif (ch == "’" or ch == "'") and open_single >= 0:
            if (i + 1 >= n or not text[i + 1].isalnum()) and i > 0 and not text[i - 1].isspace():
                if i - open_single > 1:
                    out.append((open_single, open_single + 1, i, i + 1))
                open_single = -1
    # A quotation never closed before the paragraph ends runs to the paragraph end (news copy
    # drops the closing mark when the paragraph ends the quotation) -- only when the paragraph
    # ends a sentence and the quotation is more than a phrase.
    opened = max(open_curly, open_straight, open_single)
    end = len(text.rstrip())
    if (
        opened >= 0
        and text[:end].endswith((".", "!", "?", "…"))
        and len(text[opened + 1 : end].split()) >= MIN_UNCLOSED_WORDS
        and not any(o <= opened < c for o, _s, _e, c in out)
    ):
        out.append((opened, opened + 1, end, end))
    out.sort()
    return out


MIN_UNCLOSED_WORDS = 4

_DOUBLED = re.compile(r"(?<!')''(?!')")


def _doubled_apostrophes(text: str) -> tuple[str, set[int]]:
    """Two apostrophes typed for a double quotation mark (a newspaper archive's ''Tampopo,''
    in a text with no straight double marks): the scan's view of the text, with each pair read
    as one straight mark at the same positions (an opener's mark on its second apostrophe, a
    closer's on its first), and where the closers are."""
    chars = list(text)
    closers: set[int] = set()
    for m in _DOUBLED.finditer(text):
        i = m.start()
        after = text[i + 2 : i + 3]
        if after.isalnum() or after in ("(", "¿", "¡", "‘"):
            chars[i], chars[i + 1] = "\x01", '"'
        else:
            chars[i], chars[i + 1] = '"', "\x01"
            closers.add(i)
    return "".join(chars), closers


def _possessive(text: str, i: int) -> bool:
    """A straight apostrophe after markup, before "s" ("**Tarantino**'s", "[Here](…)'s"): the
    possessive of what the markup holds, not an opening quotation mark."""
    return (
        i > 0
        and text[i - 1] in "*_)]"
        and text[i + 1 : i + 2] in ("s", "S")
        and not text[i + 2 : i + 3].isalnum()
    )


def _opens(text: str, i: int) -> bool:
    """A straight mark shaped as an opening one: after a space or the start, before a word."""
    return (i == 0 or text[i - 1].isspace() or text[i - 1] in "([") and (
        i + 1 < len(text) and (text[i + 1].isalnum() or text[i + 1] in "(¿¡")
    )


def _closes(text: str, i: int) -> bool:
    """A straight mark shaped as a closing one: after a word or punctuation, before a space,
    punctuation or the end."""
    return i > 0 and not text[i - 1].isspace() and (i + 1 >= len(text) or not text[i + 1].isalnum())


_SENTENCE_END = re.compile(r"[.!?…][)\]]?(?=\s|$)")


def _unclosed_end(text: str, start: int, stop: int) -> int:
    """Where a quotation opened at ``start`` and never closed before ``stop`` ends: after its
    last full sentence (0 when it holds no full sentence of a few words)."""
    end = 0
    for m in _SENTENCE_END.finditer(text, start, stop):
        end = m.end()
    if end and len(text[start:end].split()) >= MIN_UNCLOSED_WORDS:
        return end
    return 0


def _run_end(text: str, i: int) -> int:
    """The end of the run of the character at ``i``."""
    j = i
    while j < len(text) and text[j] == text[i]:
        j += 1
    return j


def _clean(inner: str) -> str:
    s = inner.strip()
    s = s.rstrip(",").rstrip()
    return s


_BOUNDARY = re.compile(r"[.!?…][\"”’)]?\s+(?=[A-Z“\"])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sr|Jr|Mt|vs|No)|\b[A-Z])$")
_TAG_END = re.compile(r"(?:<[a-z]{1,6}>|[*_]{1,2})\s*$")
# A speech verb right before the opening mark: "remarks, “", "says: “", "tells Joan: <em>“"
_VERB_ADJACENT = re.compile(
    rf"\b(?:{_VERBS})\b(?:\s+[A-Z][\w'’-]*)?\s*[,:]\s*(?:<[a-z]{{1,6}}>|[*_]{{1,2}})?\s*$", re.I
)


_ENDS_SAID_CLAUSE = re.compile(
    # (a named subject: "Some critics have called it “a bit slow”" is the author's paraphrase)
    r"\b(?!(?:Critics|Reviewers|Some|Many|Most|Others|People|Fans|Audiences|Viewers)\b)"
    r"[A-Z][\w'’.-]+\s+(?:(?:has|had|have|would|will|once|also|later|then|\w+ly)\s+){0,2}"
    rf"(?i:{speech_verbs.FRAGMENT})\b(?:\s+(?:that|how|it|this|the|his|her|their|its)\b"
    r"[^.!?;:,“”\"\n]{0,70})?\s+(?:<[a-z]{1,6}>|[*_]{1,2})?$"
)
_INTRODUCES_NEXT = re.compile(
    rf"^[.!?]?\s*[^.!?“”\"]{{0,80}}?\b(?:{_VERBS})\b(?:\s+that)?\s*[,:]?\s*(?:<[a-z]{{1,6}}>|[*_]{{1,2}})?[“\"]"
)


def _before_context(text: str, pos: int, prev_end: int) -> str:
    """The clause before a quotation: back to the previous quotation or sentence boundary
    (a full stop after "Mr" or an initial ends no sentence)."""
    ctx = text[max(prev_end, pos - 400, 0) : pos]
    last = None
    for m in _BOUNDARY.finditer(ctx):
        if ctx[m.start()] == "." and _ABBREV.search(ctx[max(0, m.start() - 6) : m.start()]):
            continue
        last = m
    ctx = ctx[last.end() :] if last is not None else ctx
    if "](" in ctx:
        ctx = _MD_LINK.sub(r"\1", ctx)  # "[David Sims's review](https://…) is, “…”"
    return _TAG_END.sub("", ctx)  # "tells Joan: <em>“…”": inline markup before the mark


_MD_LINK = re.compile(r"\[([^\[\]\n]{0,200})\]\([^()\s]{0,500}\)")


_COORDINATED = re.compile(
    r"\s+(?:turned|turns|leaned|leans|leant|looked|looks|glanced|glances|nodded|nods|smiled|"
    r"smiles|laughed|laughs|shrugged|shrugs|paused|pauses|stood up|stands up|sat down|sits down|"
    r"walked|walks|went|goes|came|comes|got up|gets up|sighed|sighs|winked|winks|pointed|points)"
    r"\b[^.!?;“”\"]{0,60}?\band\s*$"
)


_QUOTED_TITLE = re.compile(r"[“\"]([^“”\"\n]{1,80}?)[”\"]")


def _speaker_before(ctx: str, book: NameBook) -> tuple[bool, str | None]:
    """Is the text before a quotation an attribution? Returns (attributed, speaker)."""
    c = ctx.rstrip()
    if not c:
        return False, None
    lm = _NAME_LABEL.match(c)
    if lm and SENTENCE_ADVERB.match(lm.group("who").strip(" *_")):
        return True, None  # 'Ultimately: "God is the same triangle"': said, by no one named
    if lm and not _VERB_RE.search(lm.group("who")):  # "Varda raconte :" is a clause
        # "Agnès Varda:\n“If we opened people up…”": a name introducing the quotation
        who = clean_name(lm.group("who"))
        if who and all(w[:1].isupper() or w in _PARTICLES for w in who.split()):
            return True, book.resolve(who)  # (not "Here’s Itami again:")
    if not _has_cue_word(c):
        return False, None
    m = _POSSESSIVE.search(c[-200:])
    if m:
        who = clean_name(m.group("who"))
        if who:
            return True, book.resolve(who)
    vm = None
    for found in _VERB_RE.finditer(c):
        vm = found
    if (
        vm is not None
        and vm.group(0).lower().endswith("ing")
        and _DETERMINED.search(c, 0, vm.start())
    ):
        vm = None  # "As the old saying goes,": a noun, not a verb of saying
    noun = _NOUN_RE.search(c) if c.endswith(":") else _NOUN_END.search(c[-60:])
    if vm is None and noun is None:
        return False, None
    if vm is not None:
        tail = c[vm.end() :]
        # "said, ", "told the Times that he ", "says of a film's ability, ", "wrote:", "refers to X as"
        if vm.group(0).lower() in speech_verbs.NAMED_AFTER:
            if len(tail) > 80 or not tail.rstrip().endswith(","):
                return False, None
            return True, book.subject_in(tail)
        told = vm.group(0).lower() in _TELLS and _ADDRESSEE.fullmatch(tail) is not None
        # "Dargis called it “…”", "describes the film “…”": the words name what it is
        told = told or (vm.group(0).lower() in _NAMES_IT and _WHAT_IT_IS.fullmatch(tail))
        if "“" in tail or '"' in tail:
            # "adding that stories like the one in “American Fiction” are “…”": a quoted
            # title inside the clause is part of it
            tail = _QUOTED_TITLE.sub(
                lambda t: t.group(1) if _is_title(t.group(1)) else t.group(0), tail
            )
        if len(tail) > 140 or re.search(r"[.!?]\s", tail) or not (told or _TAIL_OK.search(tail)):
            return False, None
        head = c[: vm.start()]
        # "X turned to his friend and said": the speaker is X, the subject of both verbs.
        head = _COORDINATED.sub(" ", head)
        pm = re.search(
            rf"\b(?P<p>{_PRON})(?:\s+(?:was|were|am|is|are|kept))?\s*$", head
        ) or re.search(rf"\bthat\s+(?P<p>{_PRON})\b", tail)
    else:
        head = c
        pm = None
    org = organisation_before_verb(head) if vm is not None else None
    if org:
        return True, org  # "The New York Times says the film is “…”"
    who = book.subject_in(head)
    if who:
        return True, who
    sm = SINGLE_BEFORE_VERB.search(head[-60:]) if vm is not None and pm is None else None
    if sm is not None:
        word = sm.group("word")
        if is_single_name_speaker(word, known=book.resolve(word) != word):
            return True, book.resolve(word)  # "Morris said", "Sundance states that"
    if pm is not None:
        p = pm.group("p")
        if p == "I" or p == "we":
            return True, p
        return True, book.last
    if vm is not None and vm.group(0).endswith("ing") and head.rstrip().endswith(","):
        # "Castorp then begins a lyrical monologue, musing, “…”": the sentence's subject
        # speaks, not the noun before the participle
        sm = _CLAUSE_SUBJECT.match(_clause_before(head, len(head)))
        name = clean_name(sm.group("who")) if sm else None
        return True, book.resolve(name) if name else book.last
    im = INDEFINITE_SPEAKER.search(head[-60:])
    if im is not None:
        return True, im.group("who")  # "someone even says, “Ok, Ok”"
    # ("The number one reality TV cliché is, “…”": what the words are, before its verb)
    nm = _NOMINAL.search(
        _COPULA_END.sub("", _ASIDE_TAIL.sub("", head))
    )  # "one child, full of the pain…, remarked"
    if nm is not None and nm.group("noun").lower() in ("and", "or", "but", "then"):
        # "they just found a few down-on-their-luck people and said": the subject of a verb
        # before, whom the phrase does not name
        return True, None
    if nm is not None and _NOUN_RE.fullmatch(nm.group("noun")):
        return True, None  # "The most famous line, “…”": what the words are, not who said them
    if nm is not None and nm.group("noun").lower() in ("which", "that"):
        return False, None  # "a mindset which says “…”": a thing, no one speaking
    if nm is not None and nm.group("noun").lower() not in _ROLE_NOUNS:
        # "When the old farmer says …": a speaker the text does not name.
        return True, nm.group("np").strip()
    if vm is not None and _PRO_DROP_RE.fullmatch(vm.group(0)):
        # 'Destacó que su película ya fue estrenada en el Distrito Federal: "…"': no subject,
        # the person the quotations are by
        return True, book.speaker or book.last
    # "the Oscar-winning actor said," — refer back to the last person named.
    return True, book.last


# A headline's attribution: "“Zooms are Totally Underutilized”: Bo Burnham on Eighth Grade",
# "“I Went Through Two Marriages…”: Gianfranco Rosi’s Qumra Masterclass".
_HEADLINE_ATTR = re.compile(
    r"^[*_]{0,2}\s*:\s*[*_]{0,2}(?P<who>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&))*?)"
    r"(?:['’]s\b|\s+(?:on|talks|discusses|reflects|remembers|explains|in conversation|at|about)\b)"
)


def _headline_speaker(after: str, book: NameBook) -> str | None:
    """The person a headline credits with the quotation before its colon, if any."""
    m = _HEADLINE_ATTR.match(after) if after[:4].lstrip("*_ ").startswith(":") else None
    if m is None or m.group("who").split()[-1] in ("and", "&"):
        return None
    who = m.group("who")
    if " and " in who or " & " in who:
        return who  # "Tommy Avallone and Max Paolucci on their SXSW Doc"
    name = clean_name(who)
    return book.resolve(name) if name else organisation(who)


# "said critic Mark Kermode", "festival director Alberto Barbera said": a lower-case role of
# one to three words before the name is not part of it (news style).
_ROLE_WORDS = "|".join(sorted((re.escape(r) for r in _ROLE_NOUNS), key=len, reverse=True))
_ROLE_PREFIX = rf"(?:[a-z][\w'’-]*\s+){{0,2}}(?:{_ROLE_WORDS})\s+"
_AFTER_VERB_ROLE = re.compile(
    rf"^[\s,.!?;:]{{0,3}}(?:{_AFTER_VERBS})\s+{_ROLE_PREFIX}(?P<who>{_NAMEPAT})"
)
_AFTER_ROLE_VERB = re.compile(
    rf"^[\s,.!?;:]{{0,3}}{_ROLE_PREFIX}(?P<who>{_NAMEPAT})\s+(?:\w+ly\s+)?(?:{_AFTER_VERBS})\b"
)


def _role_then_name(after: str) -> str | None:
    """The name in a news-style attribution with a role before it, or None."""
    m = _AFTER_ROLE_VERB.match(after) or _AFTER_VERB_ROLE.match(after)
    if m is None or not m.group("who")[:1].isupper():
        return None
    return clean_name(m.group("who"))


_SENTENCE_IN_NAME = re.compile(r"(?<=[^\W\d_A-Z]{3})\.\s")


# "“…,” as Ebert put it", "“…” as Cowie wants to describe it", "“…,” in Kael's words"
_AS_PUT_IT = re.compile(
    rf"^[\s,]{{0,3}}(?:as\s+(?P<who>{_PRON}|{_NAMEPAT}|the\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,2}})\s+(?:(?:once|so|memorably|famously|aptly|"
    r"rightly|later|would|had|has|might|wants to|wanted to|likes to|liked to|chose to|"
    r"tried to)\s+){0,3}(?:put it|puts it|phrased it|phrases it|describes? it|described it|"
    r"calls? it|called it|says|said|writes|wrote|notes|noted|observes|observed|remarks|"
    rf"remarked)\b|in\s+(?P<owner>{_NAMEPAT})['’]s?\s+(?:own\s+)?words\b)"
)


def _as_put_it(after: str, book: NameBook) -> str | None:
    """The speaker of "… as Ebert put it" / "… in Kael's words" right after a quotation."""
    m = _AS_PUT_IT.match(after)
    if m is None:
        return None
    who = m.group("who") or m.group("owner")
    if who in ("I", "we", "We"):
        return None  # "as I said": the author's own words again, not a quotation
    if who.lower() in ("he", "she", "they"):
        return book.last
    if who.startswith("the "):
        return organisation(who) or who  # "as the Times put it"
    name = clean_name(who)
    return book.resolve(name) if name else None


def _speaker_after(after: str, book: NameBook) -> tuple[bool, str | None]:
    headline = _headline_speaker(after, book)
    if headline:
        return True, headline
    put = _as_put_it(after, book)
    if put:
        return True, put
    m = _DASH_ATTR.match(after)
    if m:
        who = clean_name(m.group("who"))
        return True, book.resolve(who) if who else None
    role_named = _role_then_name(after)
    if role_named:
        return True, book.resolve(role_named)
    m = _AFTER_SUBJ_VERB.match(after) or _AFTER_VERB_SUBJ.match(after)
    if m:
        who = m.group("who")
        if who in ("I", "we", "We"):
            return True, who
        if who.lower() in ("he", "she", "they", "il", "elle", "ils", "elles"):
            return True, book.last
        if who.lower().startswith("my "):
            return True, who
        if who.lower().startswith(("one ", "another ")):
            return True, who  # "one programming director complained": someone, not the last
        nm = _NOMINAL.search(who)
        if nm is not None and nm.start() == 0:
            if nm.group("noun").lower() in _ROLE_NOUNS:
                return True, book.last
            return True, who
        who = _SENTENCE_IN_NAME.split(who)[0]  # '", dijo Lawrence. La película…'
        name = clean_name(who)
        if name is None:
            return True, organisation(who) or book.last  # "“…,” Sundance said."
        return True, book.resolve(name)
    if _AFTER_PRO_DROP.match(after):
        return True, book.speaker or book.last
    return False, None


def find_quotes(blocks: list[Block], skip: set[int]) -> list[QuoteHit]:
    """Quotations with their speakers, in document order."""
    if not guillemets_reversed("\n".join(b.text for b in blocks if "»" in b.text)):
        return _find_quotes(blocks, skip)
    # German guillemets (»…«): read with the marks turned round, one character for one, and
    # each quotation turned back (the swap undoes itself), so every text stays the document's.
    turned = [replace(b, text=b.text.translate(GUILLEMET_SWAP)) for b in blocks]
    return [replace(h, text=h.text.translate(GUILLEMET_SWAP)) for h in _find_quotes(turned, skip)]


def _find_quotes(blocks: list[Block], skip: set[int]) -> list[QuoteHit]:
    """Quotations with their speakers, in document order (guillemets read as « … »)."""
    hits: list[QuoteHit] = []
    book = NameBook()
    n = len(blocks)
    sourced = _sourced_excerpts(blocks, skip)
    left_open: str | None = None  # the speaker of a quotation the last paragraph left open
    body: set[tuple[str, ...]] | None = None  # the text's word triples, once a block quote asks
    i = 0
    while i < n:
        b = blocks[i]
        if i in sourced:
            # An excerpt with its source on the line below: the source's words, and any
            # attributed quotation inside them a quote of its own.
            hits.append(QuoteHit(i, 0, _strip_outer_marks(b.text), sourced[i], excerpt=True))
            hits.extend(h for h in _inline(blocks, i, book) if h.speaker)
            book.see(b.text)
            i += 2
            continue
        if i in skip or b.kind not in (PARA, ITEM):
            if b.kind not in ("code", "table"):
                book.see(b.text)
            i += 1
            continue
        if b.quote:
            # A blockquote group: consecutive blocks with the same id.
            j = i
            while j < n and blocks[j].quote == b.quote and j not in skip:
                j += 1
            j = _verse_run_end(blocks, i, j, skip)
            group = list(range(i, j))
            got = _block_quote(blocks, group, j, book)
            if got is not None:
                hits.extend(got[0])
                i = got[1]
                continue
            # No attribution line: look for quotations inside it like any paragraph.
            bare = set(_bare_block_quote(blocks, group))
            if body is None:
                body = _body_trigrams(blocks)
            for k in group:
                if repeats_the_text(*_trigram_overlap(blocks[k].text, body)):
                    book.see(blocks[k].text)
                    continue  # a pull quote: the article's own sentence set apart again
                inner = _inline(blocks, k, book)
                if k in bare and not inner:
                    inner = [QuoteHit(k, 0, _strip_outer_marks(blocks[k].text.strip()), None)]
                hits.extend(inner)
                book.see(blocks[k].text)
            i = j
            continue
        last = i
        while (
            last + 1 < n
            and last + 1 not in skip
            and last - i < _MAX_CONTINUED
            and _continues_quotation(blocks[last], blocks[last + 1])
        ):
            last += 1
        if last > i:
            # A quotation over several paragraphs: each but the last left open, the next
            # reopened; read them as one paragraph so the quotation is one quote.
            joined = "\n\n".join(blocks[k].text for k in range(i, last + 1))
            view = [replace(b, text=joined)] + blocks[last + 1 : last + 2]
            hits.extend(replace(h, block=i) for h in _inline(view, 0, book))
            book.see(joined)
            i = last + 1
            continue
        post = _embedded_post(b, i)
        found = [post] if post is not None else _inline(blocks, i, book)
        if found and left_open and found[0].speaker is None and _reopens(b.text, found[0]):
            # "… rant: 'This is a disgrace…" then "'You people have lost your minds.'": the
            # quotation left open goes on in the paragraph that reopens it
            found[0] = replace(found[0], speaker=left_open)
        left_open = found[-1].speaker if found and _left_open(b.text, found[-1]) else None
        hits.extend(found)
        book.see(b.text)
        i += 1
    return hits


def _trigrams(text: str) -> list[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return [tuple(words[k : k + 3]) for k in range(len(words) - 2)]


def _body_trigrams(blocks: list[Block]) -> set[tuple[str, ...]]:
    """The word triples of the text outside block quotes (what a pull quote repeats)."""
    out: set[tuple[str, ...]] = set()
    for b in blocks:
        if not b.quote and b.kind in (PARA, ITEM):
            out.update(_trigrams(b.text))
    return out


def _trigram_overlap(text: str, body: set[tuple[str, ...]]) -> tuple[int, int]:
    """How many of a paragraph's word triples there are, and how many the body has too."""
    grams = _trigrams(text)
    return len(grams), sum(1 for g in grams if g in body)


def _opens_prompt(b: Block, text: str, open_pos: int, lead: int, q: str, words: int) -> bool:
    """A line from the film set at the start of a guide's item or prompt, unattributed: a
    whole sentence in quotation marks opening a list item, or opening a paragraph whose own
    words follow it (not a paragraph of quoted lines)."""
    if open_pos < 0 or words < 3 or _is_title(q):
        return False
    if q.rstrip(" *_")[-1:] not in (".", "!", "?", "…"):
        return False
    if b.kind == ITEM:
        return open_pos <= lead or text[open_pos - 1] == "\n"
    if open_pos > lead or "?" not in text:
        return False
    own = _QUOTED_SPAN.sub(" ", text)
    return _words(own) >= 3


_DASHES = ("—", "–", "―", "~")  # a source line under a block quote ("— <cite>…</cite>")
_LINE_LABEL = re.compile(r"^(?P<name>[A-Z][\w.'’ -]{0,40}?):[ \t]+(?P<speech>\S.*)$", re.S)
_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")  # a Markdown footnote mark, "Jack Conrad[^1]"
# "(Nitzan & Bichler, 2009, p. 309)", "(Kael 1968: 12)": an author-year reference at the end
_AUTHOR_YEAR = re.compile(
    r"(?<=[.!?…”\"])\s*\((?P<who>[A-Z][^\W\d_][\w.'’\-]*(?:(?:\s+|\s*&\s*|\s+and\s+|,\s+)"
    r"[A-Z][\w.'’\-]*){0,4}(?:\s+et al\.)?),?\s+(?:\d{4}[a-z]?|n\.d\.)"
    r"(?:[,:]\s*(?:pp?\.\s*)?\d+(?:[–-]\d+)?)?\)\.?\s*$"
)
_INLINE_CITE = re.compile(r"[ \t]*<cite>(?P<who>[^<>\n]{1,200})</cite>[ \t]*$", re.I)
_MD_REF_LINK = re.compile(r"\[([^\[\]\n]{1,200})\](?:\[[^\[\]\n]{0,100}\]|\([^()\s]{0,500}\))")
_LINK_TITLE = re.compile(r"\]\([^()\s]{1,2000}[ \t]+$")
_QUOTED_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def _left_open(text: str, hit: QuoteHit) -> bool:
    """Does the paragraph end inside the quotation ``hit`` (its opening mark never closed)?"""
    spans = _spans(text)
    return bool(spans) and spans[-1][0] == hit.start and spans[-1][2] == spans[-1][3]


def _reopens(text: str, hit: QuoteHit) -> bool:
    """Does the paragraph open with the quotation ``hit``?"""
    lead = len(text) - len(text.lstrip(_EDGE))
    return hit.start <= lead and text[lead : lead + 1] in "'‘\"“"


# "text— Name (@handle) January 20, 2024": an embedded post whose block quote was flattened
_POST_LINE = re.compile(
    r"^(?P<text>\S.{8,1000}?)\s*[—–―]\s*(?P<who>[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,3})"
    r"\s*\(@\w{1,30}\)[^\n]{0,60}$",
    re.S,
)


def _embedded_post(b: Block, i: int) -> QuoteHit | None:
    """A paragraph that is an embedded post run together with its signature line: a quote of
    its text by the display name."""
    if "(@" not in b.text or len(b.text) > 2000:
        return None
    m = _POST_LINE.match(b.text.strip())
    if m is None or _words(m.group("text")) < 2:
        return None
    return QuoteHit(i, 0, _strip_outer_marks(m.group("text").strip()), m.group("who"))


_MAX_CONTINUED = 20  # paragraphs one quotation may run over

# A list of excerpts, each followed by its source on a line of its own: "/// Variety 04/08/15",
# "— The Guardian", "~ Roger Ebert" (press pages, blurb lists, collections of sayings). One such
# pair is as likely a signature; the shape is the repetition.
_SOURCE_LINE = re.compile(
    r"^[ \t]*(?:/{2,3}|[—–―~]{1,2}|-{1,2})[ \t]*[*_]{0,2}"
    r"(?P<who>[^\W_][\w.'’&\-]*(?:[ \t]+[^\W_][\w.'’&\-]*){0,5}?)"
    r"(?:[ \t,]+\(?(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4})\)?)?[*_ \t]*$"
)
MIN_SOURCED_EXCERPTS = 2
MIN_EXCERPT_WORDS = 6


def _source_of(b: Block) -> str | None:
    t = b.text.strip()
    if b.kind not in (PARA, ITEM) or "\n" in t or len(t) > 120:
        return None
    m = _SOURCE_LINE.match(t)
    if not m or not m.group("who")[:1].isupper() and not m.group("who")[:1].isdigit():
        return None
    if t.rstrip("*_ ").endswith((".", "!", "?", "…")):
        return None  # "— Non.": a line of dialogue after a dash, not a source
    return m.group("who").strip()


def _sourced_excerpts(blocks: list[Block], skip: set[int]) -> dict[int, str]:
    """Blocks that are excerpts followed by their source line, when the document repeats the
    shape (block index -> source)."""
    found: dict[int, str] = {}
    short: dict[int, str] = {}
    for k in range(len(blocks) - 1):
        nxt = blocks[k + 1]
        if k in skip or k + 1 in skip or nxt.quote != blocks[k].quote:
            continue
        b = blocks[k]
        if b.kind not in (PARA, ITEM):
            continue
        words = _words(b.text)
        if words < MIN_EXCERPT_WORDS and not (words and _wholly_quoted(b.text)):
            continue
        if b.text.rstrip().endswith(":") or _source_of(b) is not None:
            continue
        who = _source_of(nxt) or (_bare_source(nxt) if _wholly_quoted(b.text) else None)
        if who:
            (found if words >= MIN_EXCERPT_WORDS else short)[k] = who
    if len(found) < MIN_SOURCED_EXCERPTS:
        return {}
    # Once the page repeats the shape, a short blurb in quotation marks is one too ("“A triumph!”")
    found.update(short)
    return found


def _wholly_quoted(text: str) -> bool:
    t = text.strip(_EDGE)
    return len(t) > 2 and t[0] in '“"«' and t[-1] in '”"»' and _strip_outer_marks(t) != t


def _bare_source(b: Block) -> str | None:
    """A source line with no dash ("**The Guardian**", "<cite>Variety</cite>") under an excerpt
    in quotation marks: a short name in title case, no sentence."""
    t = b.text.strip().strip("*_").strip()
    if b.kind != PARA or "\n" in t or not 1 <= len(t.split()) <= 6 or len(t) > 80:
        return None
    if t.endswith((".", "?", "!", ":", ",", ";")) or not _is_title(t):
        return None
    return t


def _continues_quotation(b: Block, nxt: Block) -> bool:
    """Is ``b`` left open (an opening mark never closed) and ``nxt`` a paragraph reopening it?"""
    if nxt.kind != b.kind or nxt.quote != b.quote or b.kind != PARA:
        return False
    reopens = nxt.text.lstrip(_EDGE)[:1]
    t = b.text
    if reopens in ("‘", "'"):
        # British news copy in single marks: "His son said: 'Like many actors, …" then "'He
        # had many funny stories…'"
        return _left_open_single(t)
    if reopens not in ("“", '"'):
        return False
    opened = t.rfind("“")
    if opened >= 0:
        return t.find("”", opened) < 0
    if t.count('"') % 2 == 0:
        return False
    # The last straight mark opens ("Keaton wrote: "I have assessed…"), never to close.
    last = t.rfind('"')
    return (last == 0 or not t[last - 1].isalnum()) and t[last + 1 : last + 2].isalnum()


_OPEN_SINGLE = re.compile(r"(?:^|(?<=[\s(:—–]))['‘](?=[A-Za-z0-9])")
_CLOSE_SINGLE = re.compile(r"(?<=[^\s'‘])['’](?=[\s.,;:!?)—–]|$)")


def _left_open_single(text: str) -> bool:
    """Does the paragraph open a quotation in single marks and never close it (apostrophes
    inside words are neither)?"""
    opens = list(_OPEN_SINGLE.finditer(text))
    if not opens:
        return False
    last = opens[-1].start()
    return _CLOSE_SINGLE.search(text, last + 1) is None


_VERSE_LINE_WORDS = 14
_VERSE_MIN_LINES = 3


def _verse_run_end(blocks: list[Block], i: int, j: int, skip: set[int]) -> int:
    """A poem quoted a line to a block quote ("> Whatever else the Civil War was for", blank,
    "> It wasn't just to keep the States together,", …) is one quotation: block quotes of one
    short line each, with nothing between them, run on together (three or more)."""

    def verse(k: int) -> bool:
        t = blocks[k].text.strip()
        return (
            k not in skip
            and blocks[k].quote != 0
            and blocks[k].kind == PARA
            and "\n" not in t
            and _words(t) <= _VERSE_LINE_WORDS
            and not _DASH_LINE.match(t)
        )

    if j != i + 1 or not verse(i):
        return j
    end = j
    while end < len(blocks) and end - i < 10_000 and verse(end):
        if blocks[end].quote == blocks[end - 1].quote:
            return j  # two lines in one block quote: not a poem set a line to a box
        end += 1
    return end if end - i >= _VERSE_MIN_LINES else j


_EMPHASISED_LINE = re.compile(r"^\s*(\*\*|__|\*|_)(?P<inner>[^*_\n]{2,80})\1\s*$")


def _signature(lines: list[str], texts: list[str]) -> str | None:
    """The name a block quote's last line signs it with, set wholly in emphasis ("**Paul
    Abbott, 2013.**", "*Jean-Luc Godard*"): a name of two to four capitalised words, then
    perhaps a year or a source after a comma; the quote must hold words before it."""
    m = _EMPHASISED_LINE.match(lines[-1])
    if m is None or not ("\n".join(lines[:-1]).strip() or any(t.strip() for t in texts[:-1])):
        return None
    head = m.group("inner").strip().rstrip(".").split(",")[0].strip()
    words = head.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    name = clean_name(head)
    return name if name == head else None


def _block_quote(
    blocks: list[Block], group: list[int], after: int, book: NameBook
) -> tuple[list[QuoteHit], int] | None:
    """An attributed block quote / embedded post: text then a '— Name' line."""
    texts = [blocks[k].text for k in group]
    speaker = None
    cited = False
    end = group[-1] + 1
    body = list(group)
    last = texts[-1]
    lines = last.split("\n")
    m = _DASH_LINE.match(lines[-1])
    if m and _LIST_DASH.match(lines[-1]) and any(_LIST_DASH.match(ln) for ln in lines[:-1]):
        m = None  # "> - Assign a notetaker\n> - Answer …": the last item of a list, no source
    cite = _cite_line(blocks[group[-1]]) if len(group) >= 2 else None
    inline = _inline_cite(last) if cite is None else None
    if inline is not None:
        # "> Red Sparrow is many things. <cite>[Rick Kisonak for Seven Days][2]</cite>"
        speaker = book.resolve(inline[1])
        texts[-1] = last[: inline[0]].rstrip(" \t\n—–―-~")  # "> — <cite>Name</cite>"
        if not texts[-1] and len(texts) > 1:
            texts, body = texts[:-1], body[:-1]  # the cite on a line of its own
    elif cite is not None:
        # "<blockquote><p>…</p><cite>Maren Holt</cite></blockquote>": the name closes the quote
        speaker = book.resolve(cite)
        body = group[:-1]
        texts = texts[:-1]
    elif m and len(lines[-1]) < 200:
        speaker = _dash_speaker(m, book)
        if len(lines) == 1:
            body = group[:-1]
            texts = texts[:-1]
        else:
            texts[-1] = "\n".join(lines[:-1])
    elif (signed := _signature(lines, texts)) is not None:
        # "> Write what you know…  \n> **Paul Abbott, 2013.**", "> …\n>\n> *Jean-Luc Godard*":
        # a name set in emphasis on the block quote's last line signs it
        speaker = book.resolve(signed)
        if len(lines) == 1:
            body = group[:-1]
            texts = texts[:-1]
        else:
            texts[-1] = "\n".join(lines[:-1])
    elif (ay := _AUTHOR_YEAR.search(last[-200:])) is not None and clean_name(ay.group("who")):
        # "… against the global benchmark. (Nitzan & Bichler, 2009, p. 309)": an essay's
        # block quote closed by its reference, the authors its speakers
        speaker = ay.group("who").replace(" & ", " and ")
        texts[-1] = last[: len(last) - len(last[-200:]) + ay.start()].rstrip()
    elif len(group) >= 2 and blocks[group[-1]].role == "source":
        # "<blockquote><p>…</p><cite>Bale and Scott defend Exodus casting</cite>": the source
        # cited is an article, not a name; the quotation is the person the text is about
        cited = True
        body = group[:-1]
        texts = texts[:-1]
    elif after < len(blocks) and blocks[after].role == "source" and _cite_line(blocks[after]):
        # "<figure><blockquote>…</blockquote><figcaption>Roger Ebert in …</figcaption>"
        speaker = book.resolve(_cite_line(blocks[after]) or "")
        end = after + 1
    elif after < len(blocks) and blocks[after].kind == PARA and not blocks[after].quote:
        m = _DASH_LINE.match(blocks[after].text)
        if m and "\n" not in blocks[after].text.strip():
            speaker = _dash_speaker(m, book)
            end = after + 1
    else:
        # "text— Name (@handle) date" run together on the last line of an embedded post.
        tm = re.search(
            r"[—–―]\s*([^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,3})\s*\(@\w+\)[^\n]{0,60}$",
            last,
        )
        if tm:
            speaker = tm.group(1)
            texts[-1] = last[: tm.start()]
    lines_said = [t.strip() for t in texts if t.strip() and not t.lstrip().startswith(_DASHES)]
    labelled = [m for m in (_LINE_LABEL.match(t) for t in lines_said) if m]
    if (
        len(labelled) >= 2
        and len(labelled) == len(lines_said)
        and all("\n" not in m.group(0) for m in labelled)
        and len({m.group("name") for m in labelled}) == 1
        and name_ok(labelled[0].group("name"), form="colon")
    ):
        # "> CEO Waymond: You think I'm weak…\n>\n> CEO Waymond: All of those years…": one
        # character's lines, each a quotation of theirs
        for k in range(group[0], end):
            book.see(blocks[k].text)
        who = labelled[0].group("name")
        return [QuoteHit(body[0], 0, m.group("speech").strip(), who) for m in labelled], end
    lead_in = speaker is None and not cited
    if speaker is None:
        # "As Ebert wrote in his review:" right before the block quote.
        prev = blocks[group[0] - 1] if group[0] > 0 else None
        ok, who = False, None
        if prev is not None and prev.kind == PARA and not prev.quote:
            ptext = prev.text.rstrip()
            if ptext.endswith(":") or _VERB_COMMA_END.search(ptext[-80:]):
                # (or "In the 2013 documentary, Miyazaki muses,")
                ok, who = _speaker_before(_before_context(ptext, len(ptext), 0), book)
        if cited:
            speaker = who if ok and who else book.last
        elif not ok or not who:
            return None
        else:
            speaker = who
    # Inline quotations inside the block quote with their own attribution win, unless the
    # block quote itself is credited.
    inner: list[QuoteHit] = []
    for k in body:
        inner.extend(h for h in _inline(blocks, k, book) if h.speaker)
    for k in range(group[0], end):
        book.see(blocks[k].text)
    if len(texts) == 1 and speaker is not None:
        lm = _LINE_LABEL.match(texts[0].strip())
        if lm and "\n" not in texts[0].strip() and name_ok(lm.group("name"), form="colon"):
            # "> Balram: Rich men are born…\n> — The White Tiger": the character says it,
            # the source line names the film
            speaker, texts = lm.group("name"), [lm.group("speech")]
    if (
        inner
        and not cited
        and (
            not speaker
            or (
                lead_in
                and all(h.speaker == speaker for h in inner)
                and any(_REPORTED.search(_outside_quotes(blocks[k].text)) for k in body)
            )
        )
    ):
        # (a block quote after a lead-in that quotes its speaker itself, "> “You must
        # remember,” he said, “that…”", is a report: its quotations are the speaker's words)
        return inner, end
    text = "\n\n".join(t.strip() for t in texts if t.strip())
    text = _strip_outer_marks(text)
    if _words(text) < 4 or not body:
        return (inner, end) if inner else None
    # credited to someone (its lead-in, a source line): their words whole, the quotations
    # inside them part of them ("Rachel Cooke wrote: > … Lane's verdict on it, “…”")
    return [QuoteHit(body[0] if body else group[0], 0, text, speaker)], end


_LIST_DASH = re.compile(r"^[ \t]*-[ \t]")
_CLAUSE_SUBJECT = re.compile(rf"\s*[*_]*(?P<who>{_NAMEPAT})[*_]*\s+[a-z]")
_VERB_COMMA_END = re.compile(rf"\b(?:{_VERBS})\s*,$")


def _bare_block_quote(blocks: list[Block], group: list[int]) -> list[int]:
    """The paragraphs of a block quote of prose that nobody is credited with (a passage of
    another review, a line quoted from the film, a saying): each an unattributed quote. Not
    a block quote of labelled lines (a script), of a list or a heading (notes), an editor's
    note or an italic aside, nor a question set apart (an interview's) unless a lead-in
    introduces it ("three paragraphs stood out to me:")."""
    first = blocks[group[0]]
    if group[0] and blocks[group[0] - 1].quote == first.quote:
        return []  # the last cell of a table set in a block quote: layout, not a quotation
    before = blocks[group[0] - 1] if group[0] else None
    introduced = before is not None and not before.quote and before.text.rstrip().endswith(":")
    # "In someone else's words, this movie is:" / "The tagline says:": the lead-in announces
    # words, so a short line without a full stop ("> An Extraordinary Story…") is quoted too
    announced = introduced and bool(
        before and (_VERB_RE.search(before.text[-120:]) or _NOUN_RE.search(before.text[-120:]))
    )
    least = MIN_ANNOUNCED_WORDS if announced and len(group) == 1 else MIN_BARE_WORDS
    for k in group:
        b = blocks[k]
        t = b.text.strip()
        if b.kind != PARA or "\n" in t or not least <= _words(t) <= MAX_BARE_WORDS:
            return []
        if t.endswith(":") or not (t.endswith((".", "!", "…", "”", '"', "?")) or announced):
            return []
        if t.endswith("?") and not introduced:
            return []
        lm = _LINE_LABEL.match(t)
        if lm and name_ok(lm.group("name"), form="colon"):
            return []  # "> RICK: No Sam, I'm waiting for a lady.": a script's lines
        if _EDITORS_NOTE.search(t) or t[0] in "*_" or b.italic:
            return []  # "> This review was first published in 2012.", an italic aside
    return group


_EDITORS_NOTE = re.compile(
    r"\b(?:this (?:post|review|article|piece|interview|story|page|essay)|originally|"
    r"first (?:published|appeared|posted)|spoilers?|updated?|disclosure|disclaimer|"
    r"click|subscribe|read more|see also)\b",
    re.I,
)


MIN_BARE_WORDS = 8
MIN_ANNOUNCED_WORDS = 4
MAX_BARE_WORDS = 400


_SOURCE_REST = re.compile(r"\s*(?:,|\(|\bin\b|\bon\b|\bfor\b|\bfrom\b|[—–]).*$", re.S)


def _inline_cite(text: str) -> tuple[int, str] | None:
    """Where a Markdown block quote's closing ``<cite>…</cite>`` starts, and the name in it
    (a link's text, the publication after "for" left off)."""
    tail = text[-400:]
    m = _INLINE_CITE.search(tail) if "</cite>" in tail else None
    if m is None:
        return None
    who = _FOOTNOTE.sub("", _MD_REF_LINK.sub(r"\1", m.group("who")))
    who = _SOURCE_REST.sub("", who.strip())
    name = clean_name(who) if who else None
    if name and who.lower().startswith("the ") and who[4:] == name:
        name = who  # "The Beast": a character named by its article keeps it
    return (len(text) - len(tail) + m.start(), name) if name else None


def _cite_line(b: Block) -> str | None:
    """A blockquote's last line set wholly in italics (an HTML ``<cite>``) that is a name, or
    the ``<footer>`` / ``<figcaption>`` that names its source ("— Roger Ebert, Sun-Times")."""
    t = b.text.strip().strip("*_").strip()
    if b.role == "source":
        t = _SOURCE_REST.sub("", t.lstrip("—–―-~ ").strip())
    elif not b.italic:
        return None
    if "\n" in t or not 1 <= len(t.split()) <= 5:
        return None
    if t.endswith((".", "?", "!", "…", ",", ":")) or not t[:1].isupper():
        return None
    name = clean_name(t.split(",")[0])
    return name if name and all(w[:1].isupper() for w in name.split()) else None


def _dash_speaker(m: re.Match[str], book: NameBook) -> str | None:
    who = _FOOTNOTE.sub("", m.group("who")).strip()
    who = re.split(r"\s*[,(]", who)[0].strip()
    # "---James Cox in Ken Burns's PBS documentary", "---Jefferson to Frances Wright": the
    # source or the addressee after the name
    who = re.split(r"\s+(?:in|on|to|for|from|at|via|quoted)\s+", who, maxsplit=1)[0]
    name = clean_name(who) or who
    return book.resolve(name) if name else None


def _strip_outer_marks(text: str) -> str:
    t = text.strip()
    for o, c in (("“", "”"), ('"', '"'), ("«", "»")):
        if t.startswith(o) and t.endswith(c) and len(t) > 2:
            inner = t[1:-1]
            if inner.count(o) == 0 and inner.count(c) == 0:
                return inner.strip()
    return t


_EDGE = " \t\n*_"  # space and emphasis markup around a pull quote
# ... and inline HTML emphasis in Markdown ('<i> "Every time we get a chance…" </i>')
_LEAD_EDGE = re.compile(r"(?:[ \t\n*_]+|<(?:i|em|b|strong|span)\b[^<>]{0,200}>)*")
_TRAIL_EDGE = re.compile(r"(?:[ \t\n*_.,;]|</(?:i|em|b|strong|span)>|<br\s*/?>)*\Z")
_MARKS = ('"', "“", "”", "‘", "'", "«", "「")
_SENTENCES = re.compile(r"[.!?]\s+\S+\s+\S")


def _inline(blocks: list[Block], k: int, book: NameBook) -> list[QuoteHit]:
    """Attributed quotations inside one paragraph (block ``k``): each quoted span is a
    candidate (``Span``); ``is_quotation`` decides whether it is someone's words, then the
    speaker is looked for after it, then by each of ``_ATTRIBUTIONS`` in turn."""
    text = blocks[k].text
    if not any(m in text for m in _MARKS):
        return []
    # The quotation is the whole paragraph when only space and markup lie outside it (found
    # once: slicing the rest of the paragraph for every quotation grew with its square).
    lead = _LEAD_EDGE.match(text[:600]).end()  # type: ignore[union-attr]
    tail = text[-600:]
    # ('"Science… all around". ': the stop outside)
    trail = len(text) - len(tail) + _TRAIL_EDGE.search(tail).start()  # type: ignore[union-attr]
    p = _Paragraph(blocks, k, text, book, lead)
    for open_pos, s, e, close_end in _spans(text):
        if s < p.consumed_to:
            continue
        if (
            open_pos > 0
            and text[open_pos - 1] == " "
            and _LINK_TITLE.search(text, max(0, open_pos - 2100), open_pos)
        ):
            continue  # '[Katie Billo](https://… "Open in a new window")': a link's tooltip
        prev_close, p.last_close = p.last_close, close_end
        inner = text[s:e]
        if _URLISH.match(inner):
            continue  # '<a href= "https://…">', "a link's address": no one's words
        words = _words(inner)
        q = _clean(inner)
        window = text[max(0, open_pos - 80) : open_pos] if open_pos > 0 else ""
        title = _is_title(q) or (
            # 'Walker Percy's 1961 novel, "The Moviegoer."': a work named after its kind
            words <= TITLE_AFTER_KIND_MAX_WORDS
            and q.lstrip(" *_")[:1].isupper()
            and _WORK_BEFORE.search(window) is not None
        )
        verb_before = window.rstrip(" \t*_>").endswith((",", ":")) or window.endswith(">")
        verb_before = verb_before and not _FOR_EXAMPLE.search(window)
        verb_before = verb_before and (
            bool(_VERB_ADJACENT.search(window))
            or bool(_POSSESSIVE.search(window.rstrip(" \t*_>")))  # "Kael's response:"
        )
        if not verb_before and words >= 2 and not title:
            # a fragment that ends the clause of a verb of saying is the speaker's words
            verb_before = bool(_ENDS_SAID_CLAUSE.search(window))
        if not verb_before and open_pos > 0 and text[open_pos - 1] in "：:，,":
            verb_before = _ZH_SAID.search(text, max(0, open_pos - 40), open_pos) is not None
        if not verb_before and text[close_end : close_end + 3].lstrip("*_ ").startswith(":"):
            verb_before = _headline_speaker(text[close_end : close_end + 160], p.local) is not None
        after = text[close_end : close_end + 160]
        if "](" in after:
            # '“…,” said [Heather Norris Nicholson](http://…), visiting…': the link's text
            after = _MD_LINK.sub(r"\1", text[close_end : close_end + 800])[:160]
        # the sentence goes on past the closing mark to its speaker: "“…,” he said", '"…", dijo'
        goes_on = (
            inner.rstrip()[-1:] in (",", "!", "?")
            or after[:1] == ","
            or (after[:1] == " " and bool(_AS_PUT_IT.match(after)))  # "“…” as Cowie put it"
            # '"We are home" Stalker says.': a sentence quoted, its speaker and verb at once
            or (
                after[:1] == " "
                and q[:1].isupper()
                and not title
                and bool(_NAME_THEN_VERB.match(after))
            )
        )
        attributed_after = (
            goes_on and words < QUOTATION_MIN_WORDS and _speaker_after(after, p.local)[0]
        ) or (text[e:close_end] == "」" and _QUOTATIVE.match(after) is not None)
        whole = open_pos >= 0 and open_pos <= lead and close_end >= trail
        set_apart = whole and bool(blocks[k].quote) and words >= MIN_SET_APART_WORDS
        continues = (
            2 <= words < QUOTATION_MIN_WORDS
            and p.last_after
            and not title  # (not "the one seen in “American Fiction”")
            and prev_close == p.accepted_close
            and 0 < open_pos - prev_close <= 160
            and _speaker_after(text[prev_close:open_pos], p.local)[0]
        )
        exclaimed = not title and exclaimed_line(words, q)
        if not is_quotation(
            words, title, verb_before, attributed_after, set_apart, continues, exclaimed
        ):
            continue  # one-to-three-word phrases, scare quotes and titles are not quotations
        if open_pos > p.seen_to:
            if p.local is book:
                # The names this paragraph adds go into a copy of the book, made at the first
                # of them: copying every name for every paragraph grew with the document.
                p.local = book.copy()
            p.local.see(text[p.seen_to : open_pos])
        p.seen_to = max(p.seen_to, close_end)
        span = Span(
            open_pos, e, close_end, words, q, title, prev_close, after, whole, set_apart, exclaimed
        )
        ok, who = _speaker_after(after, p.local)
        ends = q[-1:] in ".!?" or after[:1] in ".!?"  # ('"…". Tarkovsky said: "…"')
        introduces_next = ok and ends and bool(_INTRODUCES_NEXT.match(after))
        if introduces_next:
            ok = False  # "“….” Sundance states that “…”": the verb introduces the next one
        elif ok and q.rstrip()[-1:] == "." and after[:1] not in ",—–-":
            # 'Ilsa says to Rick: "Kiss me." I cried.': the full stop ends the quoted
            # sentence, so the next one is the author's; the speaker named before it stands
            before_ok, before_who = _named_before(p, span)
            if before_ok and before_who:
                who = before_who
        for attribution in _ATTRIBUTIONS:
            if ok:
                break
            ok, who = attribution(p, span)
        if not ok:
            continue
        p.out.append(QuoteHit(k, max(open_pos, 0), _inner_quote(q), who))
        p.accepted_close = close_end
        p.accepted_open_end = e if e == close_end else -3  # (no closing mark: left open)
        if who and who[:1].isupper() and who not in ("I", "We"):
            p.local.speaker = book.speaker = who
        p.last_after = _speaker_after(after, p.local)[0] and not introduces_next
        p.consumed_to = close_end
    return p.out


MIN_SET_APART_WORDS = 2
TITLE_AFTER_KIND_MAX_WORDS = 10
# "my life of, say, “Chinatown,”": "say" set off by commas means "for example"
_FOR_EXAMPLE = re.compile(r"[,(]\s*say\s*,\s*(?:[*_]{1,2})?$", re.I)
_WORK_BEFORE = re.compile(
    r"\b(?:novel|film|movie|book|song|play|album|documentary|series|show|poem|essay|episode|"
    r"musical|opera|memoir|single|painting|short)\s*,?\s*(?:[*_]{1,2})?$",
    re.I,
)
_NAME_THEN_VERB = re.compile(
    rf" (?:[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}}|he|she|they) (?:{_AFTER_VERBS})\b"
)


@dataclass(frozen=True)
class Span:
    """A quoted span of a paragraph, with the features its judgements read: where its mark
    opens, its words end and its mark closes, and what lies around it."""

    open_pos: int
    inner_end: int
    close_end: int
    words: int
    text: str
    title: bool  # the words look like a work's title
    prev_close: int  # end of the paragraph's previous quoted span (-1: none)
    after: str  # the text after the closing mark (links reduced to their text)
    whole: bool  # the quotation is the whole paragraph
    set_apart: bool  # ... and the paragraph is a block quote
    exclaimed: bool = False  # a short line exclaimed or asked ("“Flame on!”")


@dataclass
class _Paragraph:
    """One paragraph's scan so far: its quotations and where the last of them stopped."""

    blocks: list[Block]
    k: int
    text: str
    local: NameBook  # the book with this paragraph's names (a copy once it adds one)
    lead: int  # where the paragraph's words start (after space and markup)
    out: list[QuoteHit] = field(default_factory=list)
    consumed_to: int = 0  # end of the last accepted quotation (nested spans inside skipped)
    seen_to: int = 0  # how far the names in this paragraph have been recorded
    last_close: int = -1  # end of the previous quoted span, accepted or not
    last_after: bool = False  # the last accepted quotation was attributed after it
    accepted_close: int = -2  # end of the last accepted quotation's closing mark
    accepted_open_end: int = -3  # where the last accepted quotation stopped, if left open
    about_critics: bool | None = None  # does the paragraph speak of critics or reviews?


Attribution = Callable[[_Paragraph, Span], tuple[bool, str | None]]
NOBODY: tuple[bool, str | None] = (False, None)


def _reopened(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'“…fall flat on their face. “A lot of people…”': the last quotation was never closed
    and this one opens where it stopped, so it goes on in the same voice."""
    if (
        p.out
        and p.out[-1].block == p.k
        and span.prev_close == p.accepted_close == p.accepted_open_end
        and not p.text[span.prev_close : span.open_pos].strip()
    ):
        return True, p.out[-1].speaker
    return NOBODY


def _second_segment(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """ "'…,' she told me. '…'": the second segment of a quotation split by its attribution."""
    if span.open_pos < 0 or span.prev_close < 0 or not 0 < span.open_pos - span.prev_close <= 160:
        return NOBODY
    between = p.text[span.prev_close : span.open_pos]
    ok, who = _speaker_after(between, p.local)
    tail = between.strip()
    if not ok or _SENTENCES.search(tail[:-1] if tail.endswith(".") else tail):
        return NOBODY
    if p.out and p.last_after and p.out[-1].block == p.k:
        return True, p.out[-1].speaker
    return True, who


_AND_BETWEEN = re.compile(r"[ \t]*,?[ \t]+(?:and|or|&)[ \t]+")


def _coordinated(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'saying things like, “Careful, it’s a little slippery.” and “It’s swaying so much.”':
    a quotation joined by 'and' to the one just accepted is said by the same voice."""
    if (
        p.out
        and p.out[-1].block == p.k
        and not span.title
        and span.prev_close == p.accepted_close >= 0
        and _AND_BETWEEN.fullmatch(p.text, span.prev_close, span.open_pos)
    ):
        return True, p.out[-1].speaker
    return NOBODY


def _named_later(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'“There’s about a dozen different looks” for shooting here, says Parker': the sentence
    goes on past the closing mark and names its speaker later."""
    if span.words < QUOTATION_MIN_WORDS or span.after[:1] in (".", "!", "?", ":"):
        return NOBODY
    rest = _LATER_STOP.split(p.text[span.close_end : span.close_end + 200], maxsplit=1)[0]
    if any(mk in rest for mk in _MARKS):
        return NOBODY
    for comma in _COMMA.finditer(rest):
        ok, who = _speaker_after(rest[comma.start() :], p.local)
        if ok and who:
            return True, who
    return NOBODY


def _under_topic(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'On insecurity: “I do worry a lot…”': an answer under the topic it was asked about, in
    the words of the person the text is about (the label names no speaker)."""
    if not 0 < span.open_pos - p.lead <= 160 or not under_topic_label(
        span.words, span.title, p.text[p.lead : span.open_pos]
    ):
        return NOBODY
    return True, p.local.last


def _named_before(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'Ken Loach said, “…”': a speaker and a verb of saying before the mark."""
    if span.open_pos < 0:
        return NOBODY
    return _speaker_before(_before_context(p.text, span.open_pos, p.consumed_to), p.local)


def _introduced_by_paragraph(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """A paragraph that is wholly a quotation after one ending "…summed it up with one line:"."""
    return _lead_in(p.blocks, p.k, p.local) if span.whole else NOBODY


def _set_apart_whole(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """A whole paragraph quoted: a pull quote ('— Name' after it), or a block-quoted line from
    a film ('> "Get them yourself!"')."""
    if not span.whole:
        return NOBODY
    ok, who = _pull_quote(p.blocks, p.k, span.words, p.local)
    return ok or span.set_apart, who


def _said_by_critics(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'critics were blown away; it has been called “a masterpiece…”': the critics' words."""
    if span.words >= CRITICS_MIN_WORDS and p.about_critics is None:
        p.about_critics = bool(CRITICS.search(p.text))  # (once per paragraph)
    return (True, None) if critics_words(span.words, span.title, bool(p.about_critics)) else NOBODY


def _after_colon(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """ "Ken Loach was unequivocal about the film: “Films, like words, can be weapons.”"."""
    if span.open_pos <= 0:
        return NOBODY
    before = p.text[max(0, span.open_pos - 4) : span.open_pos]
    clause = _clause_before(p.text, span.open_pos) if ":" in before else ""
    if clause and introduced_by_colon(span.words, span.title, before, clause):
        return True, p.local.subject_in(clause)
    return NOBODY


def _without_a_verb(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """Someone's words that no verb of saying introduces (``_words_without_a_verb``)."""
    return _words_without_a_verb(p.text, span, p.lead, p.local)


_OWNER_BEFORE = re.compile(rf"(?<![\w'’])(?P<who>{_NAMEPAT})['’]s?\s*(?:[*_]{{1,2}})?$")
POSSESSED_MIN_WORDS = 4


def _possessed(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'Rick's "I stick my neck out for nobody" sums him up': a line owned by the name right
    before its mark, a sentence of its words (four or more, not a title)."""
    if span.open_pos < 1 or span.title or span.words < POSSESSED_MIN_WORDS:
        return NOBODY
    if not span.text.lstrip(" *_")[:1].isupper():
        return NOBODY
    m = _OWNER_BEFORE.search(p.text, max(0, span.open_pos - 60), span.open_pos)
    if m is None:
        return NOBODY
    who = clean_name(m.group("who"))
    return (True, p.local.resolve(who)) if who else NOBODY


# "「胴上げしたい」とおっしゃり", "「…」と語った", "「…」って": the quotative particle after the
# closing mark; the speaker is the person the clause names with an honorific before it
_QUOTATIVE = re.compile(r"^(?:と(?![「『])|って|とのこと)")  # (not "「生」と「死」": "and")
_JA_PERSON = re.compile(
    r"([\u3040-\u30ff\u3400-\u9fffA-Za-z]{1,12}?(?:さん|氏|監督|先生|様|さま|ちゃん|くん))(?:が|は|も|から|に)"
)


def _quotative(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'吉永さんが舞台の上で「胴上げしたい」とおっしゃり': words a Japanese sentence quotes."""
    if p.text[span.inner_end : span.close_end] != "」" or not _QUOTATIVE.match(span.after):
        return NOBODY
    lo = max(0, span.open_pos - 200)  # (a bounded look back: many quotations in one paragraph)
    start = (
        max(p.text.rfind("。", lo, span.open_pos), p.text.rfind("\n", lo, span.open_pos), lo - 1)
        + 1
    )
    found = _JA_PERSON.findall(p.text[start : span.open_pos])
    return True, (found[-1] if found else None)


# "李曾经说过：“…”", "他表示，“…”": a Chinese verb of saying with its colon or comma right
# before the opening mark; the speaker is the clause's subject before the verb, when short
_ZH_SAID = re.compile(
    r"(?P<who>[^\s。！？；：，“”「」]{0,12}?)(?:曾经|曾|也|还|则|更|又|再)?"
    r"(?:说过|说道|说|表示|称|指出|写道|问道|答道|回答|强调|认为|透露|坦言)[：:，,]\s*$"
)


def _said_in_chinese(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'李曾经说过：“我们的目标是…”': words a Chinese sentence quotes after its verb."""
    if span.open_pos <= 0:
        return NOBODY
    m = _ZH_SAID.search(p.text, max(0, span.open_pos - 40), span.open_pos)
    if m is None:
        return NOBODY
    return True, (m.group("who") or None)


def _exclaimed(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'catchphrases—“Flame on!”, “Hulk smash!”': a short line exclaimed, nobody named."""
    return (True, None) if span.exclaimed else NOBODY


def _opening_a_prompt(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'“I didn’t ask for this.” What do you make of…?': a line a prompt quotes to ask about."""
    opens = _opens_prompt(p.blocks[p.k], p.text, span.open_pos, p.lead, span.text, span.words)
    return (True, None) if opens else NOBODY


def _in_brackets(p: _Paragraph, span: Span) -> tuple[bool, str | None]:
    """'Walt feels invincible (“Just because you shot Jesse James doesn't make you Jesse
    James”)': a line quoted whole inside brackets as the example of what the text says, a
    sentence of its own words (not a title, not a phrase), nobody named."""
    if span.open_pos < 1 or span.title or span.words < BRACKETED_MIN_WORDS:
        return NOBODY
    if not span.text.lstrip(" *_")[:1].isupper():
        return NOBODY  # ('(“let's end conflict by…!”)': the author's mock paraphrase)
    before = p.text[max(0, span.open_pos - 3) : span.open_pos].rstrip(" *_")
    after = p.text[span.close_end : span.close_end + 3].lstrip(" *_.,!?")
    if not before.endswith("(") or not after.startswith(")"):
        return NOBODY
    if not p.text[: span.open_pos].strip(" \t\n>*_("):
        return NOBODY  # a paragraph that is only the bracket: a caption or a translation
    return True, None


BRACKETED_MIN_WORDS = 6


# Where a quotation's speaker is looked for when no verb after it names one, in this order.
_ATTRIBUTIONS: tuple[Attribution, ...] = (
    _reopened,
    _second_segment,
    _coordinated,
    _named_later,
    _under_topic,
    _named_before,
    _introduced_by_paragraph,
    _set_apart_whole,
    _said_by_critics,
    _after_colon,
    _without_a_verb,
    _opening_a_prompt,
    _in_brackets,
    _possessed,
    _exclaimed,
    _quotative,
    _said_in_chinese,
)


def _words_without_a_verb(
    text: str, span: Span, lead: int, book: NameBook
) -> tuple[bool, str | None]:
    """Someone's words that no verb of saying introduces, by the four judgements of
    ``quote_decisions`` (first person, completing a saying, an editor's hand, a sentence of its
    own); returns (quotation, speaker)."""
    pos, q, words, prev_close = span.open_pos, span.text, span.words, span.prev_close
    inside = pos > lead  # the paragraph's own words come before the mark
    closed = span.close_end > span.inner_end  # (not "the '70s in every frame")
    double = pos >= 0 and text[pos] in _DOUBLE_MARKS + "‘"
    title = span.title
    narrated = _NARRATION.search(text, max(0, prev_close, pos - 300), pos) is not None
    if pos > 0 and _THING_SAYS.search(text, max(0, pos - 40), pos):
        return False, None  # 'a mindset which says "this is what we have…"': no one's words
    before = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
    if before is not None and _THINKING_WORD.fullmatch(before.group().strip()):
        return False, None  # 'see a movie and think "God, I want that to be real"': a thought
    if before is not None and before.group()[:1].isupper() and not q[:1].islower():
        before = None  # ("…An Unexpected Journey “Do you have…”": a caption, then a new voice)
    if inside and double and before is not None and speaks_in_first_person(words, title, q):
        # 'Fox found comfort in "having a place where I had to go…"': her own words
        return True, book.subject_in(_clause_before(text, pos))
    if inside and closed and double and words >= SAYING_MIN_WORDS:
        clause = _clause_before(text, pos)
        said = None
        for said in _SAYING_VERB.finditer(clause):  # noqa: B007 (the last one)
            pass
        gap = len(clause) - said.end() if said is not None else -1
        if said is not None and any(mk in clause[said.end() :] for mk in _MARKS):
            gap = -1  # another quotation between: the verb is its
        if said is not None and completes_a_saying(words, title, gap):
            # 'said one of the things she loves is its ability to “open up…”'
            head = _MD_LINK.sub(r"\1", clause[: said.start()])
            pm = re.search(rf"\b(?:{_PRON})\s*$", head)
            # "Heather Norris Nicholson, author of the book …, said": the subject opens it
            first = head.split(",", 1)[0] if "," in head else ""
            who = (
                (book.subject_in(first) if first else None)
                or book.subject_in(head)
                or (book.last if pm else None)
            )
            if who is not None:  # (not "a phrase that says, tools “get you…”")
                return True, who
    if inside and closed and narrated and shows_an_editors_hand(words, title, q):
        # 'whose one “dream [was] to have projecting from the corner window…”'
        return True, book.subject_in(_clause_before(text, pos))
    starts = _SENTENCE_START.search(text, max(0, pos - 6), pos) is not None and narrated
    after = text[span.close_end : span.close_end + 1]
    ends = q.rstrip(" ’'\"”")[-1:] in ".!?…" or after in (".", "!", "?")
    # ("Noah K, Kelvin B, Rich G." is a list of names, no sentence)
    if pos >= 0 and stands_as_sentence(words, title or _NARRATION.search(q) is None, starts, ends):
        # "She laughs. ‘It’s a strange job, being funny for a living.’": her words
        return True, _speaker_of_sentence_before(text, pos, book)
    return False, None


_SENTENCE_START = re.compile(r"(?:^|[.!?…][”\"’)]?)[ \t*_]*$")
_SAYING_VERB = re.compile(rf"\b(?:{speech_verbs.CLAUSE})\b")
_LATER_STOP = re.compile(r"(?<=[.!?])\s|\n\n")  # where the sentence after a quotation stops
_COMMA = re.compile(r",\s")
_NARRATION = re.compile(r"\b[a-z]{2,}\b")  # words of the text's own between two quotations
_PRONOUN_SUBJECT = re.compile(r"^\W*(?:he|she|they)\b", re.I)


def _speaker_of_sentence_before(text: str, pos: int, book: NameBook) -> str | None:
    """The person the text last quoted, when the sentence before ``pos`` speaks of them (by
    a pronoun or a name); otherwise no one."""
    who = book.speaker
    if not who or pos <= 0:
        return None
    clause = _clause_before(text, pos).strip()
    if not clause:
        return None
    if _PRONOUN_SUBJECT.match(clause) or any(w in clause for w in who.split()):
        return who
    return None


# inside a sentence: "comfort in “…”", "called working with Allen “…”"
_WORD_BEFORE = re.compile(r"(?<![\w’'])(?:[a-z]+|(?<=[a-z] )[A-Z][a-z]+)\s*$")
_THING_SAYS = re.compile(r"\b(?:which|that)\s+(?:says|said|states|reads|goes)\W*$")
_THINKING_WORD = re.compile(r"think|thinks|thought|thinking|wonder|wonders|wondered|imagine", re.I)
_DOUBLE_MARKS = '"“„«»”'
_URLISH = re.compile(r"^\s*(?:https?://|www\.|mailto:|/|~/|\.\./)\S*\s*$", re.I)


def _clause_before(text: str, pos: int) -> str:
    """The sentence before ``pos`` up to it ("Ken Loach was unequivocal about the film:")."""
    head = text[max(0, pos - 300) : pos]
    ends = list(_SENTENCE_BREAK.finditer(head))
    return head[ends[-1].end() :] if ends else head


_SENTENCE_BREAK = re.compile(r"[.!?…][”\"’)]?\s+(?=[A-Z“\"])")


def _lead_in(blocks: list[Block], k: int, book: NameBook) -> tuple[bool, str | None]:
    """A paragraph that is wholly a quotation, after a paragraph that introduces it with a
    colon and names who says it ("Willem Dafoe's aged professor summed it up with one line:")."""
    prev = blocks[k - 1] if k > 0 else None
    if prev is None or prev.kind != PARA or prev.quote:
        return False, None
    ptext = prev.text.rstrip()
    if not ptext.endswith(":") or len(ptext) > 2000:
        return False, None
    ok, who = _speaker_before(_before_context(ptext, len(ptext), 0), book)
    return (True, who) if ok and who else (False, None)


def _pull_quote(blocks: list[Block], k: int, words: int, book: NameBook) -> tuple[bool, str | None]:
    """A whole paragraph in quotation marks: a pull quote, attributed by a '— Name' line after
    it, or unattributed when it is long enough to be more than a phrase."""
    nxt = blocks[k + 1] if k + 1 < len(blocks) else None
    if nxt is not None and nxt.kind == PARA:
        m = _DASH_LINE.match(nxt.text)
        if m:
            return True, _dash_speaker(m, book)
    if words >= 8:
        return True, None
    return False, None


def _inner_quote(q: str) -> str:
    """A reported quotation wrapping an inner one ("believed 'the board has learned…'"):
    keep the inner words."""
    if q.endswith(("'", "’")) and len(q) > 10:
        m = re.search(r"(?:^|\s)['‘]([^'‘’]{8,})['’]$", q)
        if m and _words(m.group(1)) >= 4 and len(m.group(1)) >= 0.6 * len(q):
            return m.group(1).strip()
    return q
