"""Track the people a document mentions, so that "he said" can be given a name."""

from __future__ import annotations

import functools
import logging
import re

from .pronouns import uncontracted
from .quote_decisions import COMMON_SUBJECTS, ORG_WORDS

logger = logging.getLogger(__name__)

# An initial capital: not an ASCII or Latin-1 lower-case letter ("était", "à" are no names)
_CAP = r"[^\W\d_a-zß-öø-ÿ][\w'’\-]*"
# Each pattern below opens with a lookahead for the characters every match starts with (here
# a capital: the titles are capitalised too); it changes no match, and the scan skips other
# characters about twice as fast. Keep it true when editing a pattern.
NAME_SEQ = re.compile(
    r"(?=[^\W\d_a-zß-öø-ÿ])"
    rf"(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|St)\.?\s+)?{_CAP}(?:(?:(?<=\b[A-Z])\.)?\s+(?:(?:de|da|van|von|der|del|di|du|le|la|bin|al)\s+)?(?:[A-Z]\.\s*)?{_CAP}){{0,3}}"
)
_TITLES = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "sir",
    "dame",
    "st",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "prof.",
    # Roles written before a name in news style ("Councillor Dafydd Orme said").
    "councillor",
    "councilor",
    "cllr",
    "senator",
    "mayor",
    "governor",
    "minister",
    "judge",
    "professor",
    "director",
    "producer",
    "programmer",
    "curator",
    "critic",
    "filmmaker",
}
NOT_PERSON = {
    "times",
    "post",
    "news",
    "magazine",
    "festival",
    "film",
    "films",
    "university",
    "school",
    "medicine",
    "college",
    "institute",
    "company",
    "studios",
    "studio",
    "pictures",
    "records",
    "street",
    "city",
    "county",
    "state",
    "america",
    "american",
    "states",
    "united",
    "kingdom",
    "journal",
    "review",
    "press",
    "tribune",
    "guardian",
    "weekly",
    "daily",
    "radio",
    "tv",
    "channel",
    "network",
    "netflix",
    "hbo",
    "bbc",
    "cnn",
    "npr",
    "academy",
    "awards",
    "award",
    "oscar",
    "oscars",
    "cannes",
    "sundance",
    "tribeca",
    "berlinale",
    "museum",
    "theatre",
    "theater",
    "cinema",
    "center",
    "centre",
    "road",
    "avenue",
    "hotel",
    "club",
    "society",
    "association",
    "committee",
    "council",
    "department",
    "office",
    "group",
    "team",
    "party",
    "war",
    "wars",
    "trek",
    "day",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "july",
    "september",
    "october",
    "november",
    "december",
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "google",
    "apple",
    "amazon",
    "disney",
    "marvel",
    "dc",
    "fund",
    "foundation",
    "library",
    "gallery",
    "fest",
    "series",
    "season",
    "episode",
    "act",
    "chapter",
    "part",
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "it",
    "its",
    "i",
    "we",
    "he",
    "she",
    "they",
    "you",
    "my",
    "our",
    "his",
    "her",
    "their",
    "but",
    "and",
    "or",
    "so",
    "if",
    "when",
    "while",
    "after",
    "before",
    "as",
    "for",
    "with",
    "from",
    "to",
    "of",
    "by",
    "filmmaker",
    "director",
    "actor",
    "actress",
    "critic",
    "writer",
    "producer",
    "cinematographer",
    "star",
    "co-founder",
    "founder",
    "professor",
    "president",
    "editor",
    "author",
    "reporter",
    "journalist",
    "host",
    "interviewer",
    "narrator",
    "poet",
    "here",
    "there",
    "what",
    "why",
    "how",
    "who",
    "where",
    "yes",
    "no",
    "oh",
    "well",
    "also",
    "however",
    "nevertheless",
    "meanwhile",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "english",
    "french",
    "german",
    "danish",
    "icelandic",
    "polish",
    "italian",
    "spanish",
    "british",
    "european",
    "asian",
    "african",
    "russian",
    "chinese",
    "japanese",
    "korean",
    # Function words that open a sentence in Spanish, French, Italian and Portuguese ("Cuando
    # Jennifer Lawrence regresó", "Mais Agnès Varda")
    "cuando",
    "pero",
    "aunque",
    "después",
    "luego",
    "según",
    "sobre",
    "desde",
    "para",
    "por",
    "con",
    "sin",
    "y",
    "los",
    "las",
    "el",
    "una",
    "en",
    "este",
    "esta",
    "quand",
    "mais",
    "après",
    "dans",
    "avec",
    "pour",
    "sans",
    "quando",
    "ma",
    "com",
    "mas",
}
REFERENT = re.compile(
    r"(?=[Mm])"
    r"\b[Mm]y (?:friend|wife|husband|partner|mother|father|mom|mum|dad|brother|sister|son|"
    r"daughter|boyfriend|girlfriend|colleague|roommate|neighbou?r|grandmother|grandfather|aunt|"
    r"uncle|cousin|date|companion|teacher|boss)\b"
)


_HYPHEN_WORD = re.compile(r"-[a-z]")
# A role before a name at a sentence's start ("Comedian Tim Young said"): only there, since
# some are surnames too (Bryan Singer)
# Words that start a phrase but never a name: quantifiers, and the auxiliaries and question
# words that open a headline asked as a question
_NOT_NAME_START = {
    "is",
    "are",
    "was",
    "were",
    "does",
    "did",
    "has",
    "have",
    "how",
    "why",
    "what",
    "when",
    "where",
    "which",
    "other",
    "another",
    "many",
    "several",
    "few",
    "such",
    "these",
    "those",
    "every",
    "each",
    "some",
    "most",
    "both",
    "all",
    # a participle opening the clause: "Quoting Kael, the critic wrote…", "Reading Kael…"
    "quoting",
    "reading",
    "citing",
    "paraphrasing",
    "echoing",
    "channeling",
    "channelling",
    "watching",
    "rewatching",
    "revisiting",
    "recalling",
    "unlike",
    "like",
    # an adverb of time opening the clause: "Later Rick says to Sam", "Then Ilsa tells him"
    "later",
    "then",
    "finally",
    "eventually",
    "afterwards",
    "afterward",
    "meanwhile",
    "soon",
    "earlier",
    "next",
    "now",
    "again",
}
_LEADING_ROLES = {
    "comedian",
    "presenter",
    "singer",
    "blogger",
    "rapper",
    "novelist",
    "screenwriter",
    "composer",
    "musician",
    "columnist",
    "activist",
    "politician",
    "entrepreneur",
    "broadcaster",
    "commentator",
    "playwright",
    "podcaster",
    "influencer",
    "comic",
}


@functools.lru_cache(maxsize=8192)
def clean_name(raw: str) -> str | None:
    """Strip honorifics and non-name words at the edges; None if nothing person-like is left."""
    words = raw.replace("\n", " ").split()
    given = list(words)
    while (
        words
        and (
            words[0].lower().rstrip(".") in _TITLES
            or words[0].lower() in NOT_PERSON
            or uncontracted(words[0]) in NOT_PERSON  # "They’ll", "She’d"
            or (words[0][-2:] in ("'s", "’s") and words[0][:-2].lower() in NOT_PERSON)  # "Here’s"
            or words[0].lower() in _NOT_NAME_START  # "Other TAT graduates", "Is Trilith, a…"
            or (len(words) > 2 and words[0].lower() in _LEADING_ROLES)  # "Comedian Tim Young"
            or _HYPHEN_WORD.search(words[0])  # "Writer-director", "Oscar-winning"
            or (len(words) > 1 and words[0].endswith("mente"))  # "Próximamente Lawrence"
            or (len(words) > 1 and SENTENCE_ADVERB.match(words[0]))  # "Apparently Tarkovsky"
        )
    ):
        words = words[1:]
    if (
        not words
        and len(given) >= 2
        and given[-1][:1].isupper()
        and uncontracted(given[-1]) not in NOT_PERSON  # ("So I’m": no one)
    ):
        words = given  # "Mr. Sir": a character named by titles alone keeps them
    while words and words[-1].lower() in NOT_PERSON:
        words = words[:-1]
    for k, w in enumerate(words[:-1]):
        if w.endswith(("'s", "’s")):
            words = words[: k + 1]  # "Villeneuve's Dune": the name ends at its possessive
            break
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    if words and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".,;:")  # "said Spike Jonze." — the sentence's full stop
    words = [w for w in words if w]
    if not words:
        return None
    if any(w.lower().strip(".") in NOT_PERSON for w in words[1:]):
        return None
    if len(words) == 1 and SENTENCE_ADVERB.match(words[0]):
        return None  # 'Ultimately: "God is the same triangle"': no one's name
    return " ".join(words)


# Sentence adverbs ("Ultimately", "Finally", "Basically"), never a name (unlike Emily, Kelly)
SENTENCE_ADVERB = re.compile(
    r"^[A-Z][a-z]{2,}(?:ally|ately|ently|ously|ively|edly|ingly|fully|lessly|ably|ibly|antly)$"
)


_QUOTED = re.compile(
    r"(?=[“\"*_])(?:"  # the lookahead: see NAME_SEQ
    r"“[^”]{0,3000}”|\"[^\"\n]{0,3000}\"|(?<!\w)(?:\*\*?|__?)[^*_\n]{1,200}(?:\*\*?|__?)(?!\w)"
    r")"
)


_ASIDE_BEFORE = re.compile(
    r"(?:\b(?:in|near|across|throughout|outside|around|like|such as|including|en|desde|dans)\s+"
    r"(?:(?:both|either|the|el|la|los|las|le|les)\s+)?"
    # a work named after its kind ("the film The Big Fisherman", "1942 film The Young Mr Pitt")
    r"|\b(?:film|movie|picture|play|musical|series|show|novel|book|documentary|chiller|comedy|"
    r"drama|thriller|western)\s+)$"
)
_BEFORE_BRACKET = re.compile(r"(?<![\w'’-])((?:[A-Z][\w'’.-]*[ \t]+)*)([A-Z][\w'’-]+)[ \t]*\($")


def _bracketed(text: str, m: re.Match[str]) -> tuple[str | None, str | None]:
    """A name alone in brackets right after another name: after a full name it is an aside
    ("Jordan Peele (Get Out)": a film, a role, a paper) -> ("aside", None); after one name it
    is the actor playing that character ("Hedwig (Sandra Hüller)") -> ("character", name)."""
    if ")" not in text[m.end() : m.end() + 60]:
        return None, None
    opened = text.rfind("(", max(0, m.start() - 60), m.start() + 1)
    closed = text.find(")", m.end(), m.end() + 60)
    if opened < 0 or ")" in text[opened : m.start()] or "(" in text[m.end() : closed]:
        return None, None
    b = _BEFORE_BRACKET.search(text, max(0, opened - 80), opened + 1)
    if b is None:
        return None, None
    if b.group(1).strip():
        return "aside", None  # ("Spike Lee (Do the Right Thing)")
    word = b.group(2)
    whole = opened + 1 == m.start() and closed == m.end()
    return ("character", word) if whole and clean_name(word) else (None, None)


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)")


def _in_list(gap: str, after: str) -> bool:
    """Does a name after ``gap`` go on a list of places ("in Paris, London and Rome"), rather
    than start the clause after it ("in London and Vienna, Mortensen says")?"""
    if "and" in gap or "or" in gap:
        return True
    return after.startswith((",", " and ", " or "))


_SINGLE_SUBJECT = re.compile(
    r"\s+(?:is|was|says|said|asks|asked|tells|told|points|pointed|replies|replied|answers|"
    r"answered|goes|went|wants|wanted|tries|tried|decides|decided|looks|looked|sits|sat|"
    r"refuses|refused|agrees|agreed|explains|explained|shouts|shouted|whispers|whispered)\b"
)
_NOT_SINGLE = {"everyone", "everybody", "nobody", "someone", "somebody", "one", "none", "all"}


_ASIDE = re.compile(r",\s+(?:who|whose|whom|which|a|an|the)\s[^,;:.!?“”\"\n]{1,120},(?=\s*$)")


class NameBook:
    """Full names seen so far, and the most recent person mention.

    Texts are read when first asked about: a document's paragraphs after its last quotation
    are never asked about, so the book need not read them.
    """

    def __init__(self) -> None:
        self._unread: list[str] = []  # texts seen, not yet read (in order)
        self.full: dict[str, str] = {}  # last word -> full name
        self.first: dict[str, str | None] = {}  # first name -> full name (None: ambiguous)
        self._last: str | None = None
        self.speaker: str | None = None  # the last person a quotation was attributed to
        # mentions per full name, and every full name seen per last word: a surname two people
        # share ("Jennifer Lawrence", her director "Francis Lawrence") is the one the text
        # keeps calling by it
        self.mentions: dict[str, int] = {}
        self.shared: dict[str, list[str]] = {}

    @property
    def last(self) -> str | None:
        """The person a later "he said" refers to."""
        self._read()
        return self._last

    def _read(self) -> None:
        if self._unread:
            unread, self._unread = self._unread, []
            for text in unread:
                self._read_one(text)

    def copy(self) -> NameBook:
        self._read()
        other = NameBook()
        other.full = dict(self.full)
        other.first = dict(self.first)
        other._last = self._last
        other.speaker = self.speaker
        other.mentions = dict(self.mentions)
        other.shared = {k: list(v) for k, v in self.shared.items()}
        return other

    def _surname(self, word: str) -> str:
        """The full name a bare surname stands for."""
        names = self.shared.get(word)
        if names is None or len(names) < 2:
            return self.full[word]
        return max(reversed(names), key=lambda n: self.mentions.get(n, 0))

    def see(self, text: str) -> None:
        """Record the people mentioned in ``text`` (in order), to be read when asked about."""
        self._unread.append(text)

    def _read_one(self, text: str) -> None:
        """Read the people mentioned in ``text`` (in order)."""
        if len(text) > 20000:
            text = text[-20000:]
        text = _QUOTED.sub(" ", text)
        best: list[tuple[int, str]] = []
        aside_end = -1  # end of the last name given as a place or an example
        for m in NAME_SEQ.finditer(text):
            name = clean_name(m.group(0))
            if not name:
                continue
            words = name.split()
            before = text[max(0, m.start() - 14) : m.start()]
            if _ASIDE_BEFORE.search(before) or (
                aside_end >= 0
                and _LIST_GAP.fullmatch(text[aside_end : m.start()])
                and _in_list(text[aside_end : m.start()], text[m.end() : m.end() + 5])
            ):
                # "major markets like New York and Los Angeles", "in Paris": a place or an
                # example, not the person a later "he said" refers to.
                aside_end = m.end()
                continue
            aside_end = -1
            if len(words) >= 2:
                old = self.full.get(words[-1])
                if old is None or not old.endswith(name):
                    self.full[words[-1]] = name
                    known = self.shared.setdefault(words[-1], [])
                    if name not in known and not any(k.endswith(" " + name) for k in known):
                        known.append(name)
                if words[0] not in self.first:
                    self.first[words[0]] = name
                elif self.first[words[0]] not in (None, name):
                    self.first[words[0]] = None
                kind, who = _bracketed(text, m)
                if kind == "aside":
                    continue  # "Jordan Peele (Get Out) said": his film, not a person
                if who is not None:
                    # "his wife Hedwig (Sandra Hüller) … she refuses": the character speaks in
                    # the film, the actor in brackets does not
                    best.append((m.start(), who))
                elif m.group(0).split()[-1].lower() not in ORG_WORDS:
                    # ("The New York Times" is no one a later "he said" refers to)
                    best.append((m.start(), name))
                self.mentions[name] = self.mentions.get(name, 0) + 1
            elif (
                words[0] not in self.full
                and m.group(0) == name
                and _SINGLE_SUBJECT.match(text, m.end())
                and name.lower() not in _NOT_SINGLE
                and name.lower() not in COMMON_SUBJECTS  # "Critics said"
            ):
                # "Pacu points out…", "Clara asks him…": a character known by one name, the
                # subject of a verb, is the person a later "he says" may refer to (by the full
                # name when the first name is someone's: "Herod" for Herod Agrippa)
                best.append((m.start(), self.first.get(name) or name))
            elif (
                words[0] in self.full and text[max(0, m.start() - 4) : m.start()].lower() != "the "
            ):
                # (not "the London home": a place's name used as an adjective)
                person = self._surname(words[0])
                best.append((m.start(), person))
                self.mentions[person] = self.mentions.get(person, 0) + 1
        for m in REFERENT.finditer(text) if "y " in text else ():
            best.append((m.start(), m.group(0)))
        if best:
            best.sort()
            self._last = best[-1][1]

    def resolve(self, name: str) -> str:
        """Fullest known form of a (sur)name."""
        self._read()
        name = name.strip()
        last = name.split()[-1] if name else name
        full = self.full.get(last)
        if full and " " not in name:
            full = self._surname(last)
        if full and full.endswith(name) and len(full) > len(name):
            return full
        if name and " " not in name:
            # "Sara said" after "Sara Geidlinger": the one person the text gave that first name
            by_first = self.first.get(name)
            if by_first:
                return by_first
        return name

    def subject_in(self, text: str) -> str | None:
        """The person a clause attributes words to: the name nearest its end (its verb)."""
        self._read()
        found: str | None = None
        # "Doe, who grew up in East Austin, said", "Smith, a native of New Orleans, said": the
        # aside between the subject and its verb names no speaker
        text = _ASIDE.sub("", text)
        for m in NAME_SEQ.finditer(text):
            raw = m.group(0)
            after = text[m.end() : m.end() + 2]
            if after.startswith(("'s", "’s")) or raw.endswith(("'s", "’s")):
                continue
            if text[m.start() - 1 : m.start()] in ("*", "_") and after[:1] in ("*", "_"):
                continue  # "at the end of *Bottle Rocket*": a title set in italics

            name = clean_name(raw)
            if not name:
                continue
            words = name.split()
            kind, who = _bracketed(text, m)
            if kind == "aside":
                continue  # "Jordan Peele (Get Out) said": his film, not a person
            if who is not None:
                found = who  # "Hedwig (Sandra Hüller)": the character, not the actor
            elif len(words) >= 2 and not any(re.search(r"-[a-z]", w) for w in words):
                found = self.resolve(name)
            elif words[0] in self.full:
                found = self._surname(words[0])
            elif (
                text[max(0, m.start() - 2) : m.start()] == ", "
                and text[m.end() : m.end() + 1] == ","
            ):
                found = name  # an appositive: "the farmer, Seán, tells her"
        for m in REFERENT.finditer(text):
            found = found or m.group(0)
        return found
