"""Scored judgements about quotations: one function per decision, each with named thresholds.

Thresholds were set on the development split of the real labelled corpus (never the test split).
"""

from __future__ import annotations

import re

from .pronouns import FIRST_PERSON, uncontracted

# -- is a quoted span a quotation (rather than a scare-quoted phrase or a title)? ----------------
#
# Evidence: length (a phrase of one to three words is usually a scare quote), title case (a film
# or a book), and a speech verb right before the opening mark with a comma or colon between
# ("Mr. Sir remarks, “It ain’t”", "someone even says, “Ok, Ok”"), which makes even a short or
# title-cased span somebody's words. Dev split: the short quotations labelled in reviews all
# follow "<verb>, "; no scare quote there does. The same holds after the quotation: a span whose
# sentence goes on past its closing mark to its speaker ("“It was terrifying,” he remembers",
# '"Es refrescante", dijo Hemsworth') is a short reply, not a phrase.
# A paragraph of a block quote wholly in quotation marks is set apart twice over: a line quoted
# from a film ('> "Get them yourself!"', corpus4 m05), not a phrase; a title set apart stays a title.
# A short span right after a quotation attributed after it, only its attribution between
# ("“…,” says Jane Doe. “It found me.”), is that quotation's second segment, not a phrase.
QUOTATION_MIN_WORDS = 4
W_LONG_ENOUGH = 1.0
W_CONTINUES = 2.0
W_TITLE_CASE = -1.0
W_SPEECH_VERB_BEFORE = 2.0
W_ATTRIBUTED_AFTER = 2.0
W_SET_APART = 1.0
W_EXCLAIMED = 1.0
QUOTATION_THRESHOLD = 1.0


def quotation_score(
    words: int,
    title_case: bool,
    speech_verb_before: bool,
    attributed_after: bool = False,
    set_apart: bool = False,
    continues: bool = False,
    exclaimed: bool = False,
) -> float:
    """How strongly a quoted span reads as someone's words."""
    score = W_LONG_ENOUGH if words >= QUOTATION_MIN_WORDS else 0.0
    if continues:
        score += W_CONTINUES
    if title_case:
        score += W_TITLE_CASE
    if speech_verb_before:
        score += W_SPEECH_VERB_BEFORE
    if attributed_after:
        score += W_ATTRIBUTED_AFTER
    if set_apart:
        score += W_SET_APART
    if exclaimed:
        score += W_EXCLAIMED
    return score


def is_quotation(
    words: int,
    title_case: bool,
    speech_verb_before: bool,
    attributed_after: bool = False,
    set_apart: bool = False,
    continues: bool = False,
    exclaimed: bool = False,
) -> bool:
    """Is the quoted span a quotation?"""
    score = quotation_score(
        words, title_case, speech_verb_before, attributed_after, set_apart, continues, exclaimed
    )
    return score >= QUOTATION_THRESHOLD


# -- a short line exclaimed or asked -----------------------------------------------------------
#
# A phrase of one to three words that closes with "!" or "?" inside its marks ("“Flame on!”",
# "“Hulk smash!”", '"Egg nog?"') is a line someone says: scare quotes and titles in running
# text do not exclaim. A title that does ("Airplane!", "Mamma Mia!") has every word capitalised.
EXCLAIMED_MAX_WORDS = 3
_EXCLAIMED = re.compile(r"[!?！？][!?！？]*$")
_CJK_TEXT = re.compile(r"^[^A-Za-z]*[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff][^A-Za-z]*$")


def exclaimed_line(words: int, inner: str) -> bool:
    """Is the short quoted span a line exclaimed or asked (not a title)?"""
    t = inner.strip(" *_")
    if not 1 <= words <= EXCLAIMED_MAX_WORDS or not _EXCLAIMED.search(t):
        return False
    if _CJK_TEXT.match(t):
        return True  # ("“点火！”“浩克砸！”": Chinese and Japanese have no capitals to tell titles)
    ws = re.findall(r"[^\W\d_][\w'’-]*", t)
    return len(ws) >= 2 and any(w[:1].islower() for w in ws[1:])


# -- a quotation introduced by a colon ---------------------------------------------------------
#
# A colon right before the opening mark introduces the words as someone's ("Ken Loach was
# unequivocal about the film: “…”", "Kirstie signed off her rant with: “…”"), with or without a
# verb of saying: a quoted span of a sentence's length after it is a quotation (its speaker the
# subject of the clause, or no one named). Development sets: corpus 11, 16 and 17 documents.
COLON_MIN_WORDS = 5


def introduced_by_colon(words: int, title_case: bool, before: str, clause: str) -> bool:
    """Is the quoted span introduced by a colon right before its opening mark, at the end of
    a clause of three words or more (not a "key:" of a data line)?"""
    return (
        words >= COLON_MIN_WORDS
        and not title_case
        and before.rstrip(" \t*_").endswith(":")
        and len(clause.split()) >= 3
    )


# -- which way do the document's guillemets point? ---------------------------------------------
#
# French and Swiss texts open with « and close with » («Ça tourne», « Ça tourne »); German and
# Danish ones open with » and close with « (»Red Tails«). Read the other way, a German text's
# quotations are the stretches between its titles. The direction is the one whose quoted spans
# hug their words (no space inside the marks); French spacing never counts for »…«.
_HUG_GERMAN = re.compile(r"»[^\s«»][^«»\n]{0,300}?(?<=[^\s«»])«")
_HUG_FRENCH = re.compile(r"«[^\s«»][^«»\n]{0,300}?(?<=[^\s«»])»")
GUILLEMET_SWAP = str.maketrans("«»", "»«")


def guillemets_reversed(text: str) -> bool:
    """Does the text open its quotations with » and close them with « (German style)?"""
    if "»" not in text or "«" not in text:
        return False
    return len(_HUG_GERMAN.findall(text)) > len(_HUG_FRENCH.findall(text))


# -- is the quoted span set under a topic label? ---------------------------------------------
#
# A write-up of a talk or a Q&A sets each answer under the topic it was asked about ("On
# insecurity: “I do worry a lot…”", "**About his father:** “…”"): the label names a topic, never
# a speaker ("On Pokey:" is about Pokey), and the words are those of the person the text is
# about. Development set: corpus 24 n02.
TOPIC_LABEL = re.compile(
    r"^[*_ ]*(?:on|about|regarding|concerning|re|asked about|when asked about)\s"
    r"[^:\"“”\n]{1,80}:[*_ ]*$",
    re.I,
)
TOPIC_MIN_WORDS = 3


def under_topic_label(words: int, title_case: bool, before: str) -> bool:
    """Is the quoted span the whole rest of a line that opens with a topic label?"""
    return words >= TOPIC_MIN_WORDS and not title_case and bool(TOPIC_LABEL.match(before))


# -- does a quoted span speak in the first person? ---------------------------------------------
#
# Prose about a person that quotes a span saying "I", "my" or "we" quotes that person's own words
# even with no verb of saying ('Fox found comfort in "having a place where I had to go…"'): a
# phrase of a sentence's length in the first person is no scare quote and no title. Its speaker is
# the person the sentence before the mark names, or no one. Development set: corpus21 e01.
FIRST_PERSON_MIN_WORDS = 6


def speaks_in_first_person(words: int, title_case: bool, inner: str) -> bool:
    """Is an unattributed quoted span someone's own words, told in the first person?"""
    return words >= FIRST_PERSON_MIN_WORDS and not title_case and bool(FIRST_PERSON.search(inner))


# -- does a quoted span complete what someone says? -----------------------------------------------
#
# News weaves a speaker's words into its own clause after the verb ("said one of the things she
# loves about amateur film is its ability to “open up alternative ways of seeing…”"): a span
# of a phrase's length in the sentence of a verb of saying, with no other quotation between, is
# what the subject said. Development set: corpus21 i05.
SAYING_MIN_WORDS = 5
SAYING_MAX_GAP = 120  # characters from the verb to the opening mark


def completes_a_saying(words: int, title_case: bool, gap: int) -> bool:
    """Is a quoted span the words of a verb of saying earlier in its sentence, ``gap``
    characters before it (negative: no such verb)?"""
    return words >= SAYING_MIN_WORDS and not title_case and 0 <= gap <= SAYING_MAX_GAP


# -- does a quoted span show an editor's hand? ------------------------------------------------------
#
# Words inserted in square brackets ("dream [was] to have…", "kiss[ing] her") or an ellipsis
# inside the span ("very pretty [and] absolutely without defense … the animal") are what a
# writer does to someone else's words: the span is a quotation, even with no verb of saying.
# Development set: corpus21 k01 (an essay quoting a novel).
EDITED_MIN_WORDS = 4
EDITED = re.compile(r"\w\[[a-z]{1,6}\]|\[[a-z][\w '’]{0,30}\]|\w\s*(?:…|\.\.\.)\s*\w")


def shows_an_editors_hand(words: int, title_case: bool, inner: str) -> bool:
    """Is a quoted span someone's words cut or fitted to the sentence by the writer?"""
    return words >= EDITED_MIN_WORDS and not title_case and bool(EDITED.search(inner))


# -- does a quoted span stand as a sentence of its own? -------------------------------------------
#
# A profile quotes its subject in sentences of their own with no verb of saying ("She laughs.
# ‘It’s a strange job, being funny for a living.’"): a span that starts a sentence, ends one and
# runs to a sentence's length is somebody's words, not a phrase or a title. Its speaker is the
# person the text last quoted when the sentence before speaks of them, else no one.
STANDALONE_MIN_WORDS = 5


def stands_as_sentence(words: int, title_case: bool, starts: bool, ends: bool) -> bool:
    """Is an unattributed quoted span a sentence (or more) of someone's words?"""
    return words >= STANDALONE_MIN_WORDS and not title_case and starts and ends


# -- are a paragraph's quoted phrases the critics' words? ----------------------------------------
#
# A review round-up weaves the critics' phrases into its sentences with no one named ("critics
# were blown away…; it has been called “a masterpiece of human warmth”"): in a paragraph that
# speaks of critics or reviews, a quoted span of a few words that is not a title is their words,
# its speaker unnamed. Development data: corpus11 q01 (22 such phrases); no paragraph of the
# development split that mentions critics quotes anything else.
CRITICS_MIN_WORDS = 4
CRITICS = re.compile(
    r"\b(?:critics?|reviewers?|reviews?|acclaim(?:ed)?|praised?|hailed|described as|"
    r"(?:been|was|is) called|raved?)\b",
    re.I,
)


def critics_words(words: int, title_case: bool, about_critics: bool) -> bool:
    """Is an unattributed quoted span the critics' words, in a paragraph about their views
    (``about_critics``: the paragraph matches ``CRITICS``)?"""
    return words >= CRITICS_MIN_WORDS and not title_case and about_critics


# -- who is an unnamed speaker? --------------------------------------------------------------------
#
# "someone even says", "a voice shouts": the text gives no name, so the phrase is the speaker (the
# labelling convention keeps "my friend" and "someone" as written rather than guessing a name).
INDEFINITE_SPEAKER = re.compile(
    r"\b(?P<who>someone|somebody|everyone|everybody|nobody|a voice|one of them)"
    r"(?:\s+(?:even|then|else|just|finally|\w+ly))?\s*$",
    re.I,
)


# -- is the one capitalised word right before a speech verb its speaker? --------------------------
#
# "Morris said", "Sundance states that", "Maria said": a single name before the verb is the
# speaker; "Critics said", "Fans say" are common nouns starting a sentence. Evidence: the word
# sits right before the verb (+1), the text named someone with it in full (+2), it is a common
# subject word (-3).
W_BEFORE_VERB = 1.0
W_KNOWN_NAME = 2.0
W_COMMON_SUBJECT = -3.0
SINGLE_NAME_THRESHOLD = 1.0
COMMON_SUBJECTS = {
    "critics",
    "fans",
    "people",
    "audiences",
    "audience",
    "viewers",
    "reviewers",
    "others",
    "many",
    "some",
    "most",
    "all",
    "both",
    "experts",
    "officials",
    "organisers",
    "organizers",
    "reports",
    "studies",
    "sources",
    "parents",
    "kids",
    "children",
    "students",
    "teachers",
    "scholars",
    "historians",
    "friends",
    "everyone",
    "everybody",
    "nobody",
    "somebody",
    "someone",
    "which",
    "what",
    "who",
    "this",
    "that",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "then",
    "and",
    "but",
    "also",
    "later",
    # a sentence's first word before its verb ("When writing State of Play…")
    "when",
    "while",
    "after",
    "before",
    "if",
    "as",
    "since",
    "because",
    "though",
    "although",
    "once",
    "until",
    "where",
    "how",
    "why",
    "there",
    "here",
    "so",
    "yet",
    "or",
    "now",
    "still",
}


def single_name_score(word: str, known: bool) -> float:
    """How strongly one capitalised word right before a speech verb names its speaker."""
    score = W_BEFORE_VERB
    if known:
        score += W_KNOWN_NAME
    if uncontracted(word) in COMMON_SUBJECTS:
        score += W_COMMON_SUBJECT  # ("They’ll" is "They")
    return score


def is_single_name_speaker(word: str, known: bool) -> bool:
    return single_name_score(word, known) >= SINGLE_NAME_THRESHOLD


# -- an organisation as the speaker ----------------------------------------------------------------
#
# "The New York Times says", "Sundance Institute states": publications, festivals and companies
# are speakers by the labelling convention; their names end in a word that a person's does not.
ORG_WORDS = {
    "times",
    "post",
    "news",
    "magazine",
    "festival",
    "institute",
    "company",
    "studios",
    "studio",
    "journal",
    "guardian",
    "reporter",
    "variety",
    "academy",
    "association",
    "society",
    "foundation",
    "council",
    "network",
    "pictures",
    "films",
    "entertainment",
    "media",
    "press",
    "review",
    "tribune",
    "herald",
    "telegraph",
    "independent",
    "observer",
    "bbc",
    "cnn",
    "npr",
    "netflix",
    "university",
    "museum",
    "library",
    "club",
    "sundance",
    "tribeca",
    "cannes",
    "berlinale",
    "hbo",
    "disney",
    "pixar",
    "a24",
}
ORG_BEFORE_VERB = re.compile(
    r"(?P<org>(?:\bThe\s+)?(?:[A-Z][\w&'’.-]*\s+){0,4}[A-Z][\w&'’.-]*)\s+(?:\w+ly\s+)?$"
)
SINGLE_BEFORE_VERB = re.compile(
    r"(?:^|[\s(])(?P<word>[A-Z][a-zà-ÿ'’-]{1,30})\s+(?:\w+ly\s+)?"
    # "Nolan has said", "Kael would write": an auxiliary before the verb
    r"(?:(?:has|had|have|would|will|could|might|may)\s+(?:\w+ly\s+)?)?"
    # "Sean keeps asking", "Anna then says", "Tom also told": an aspect verb or adverb between
    r"(?:(?:keeps|kept|keep|begins|began|starts|started|goes on|went on|then|also|later|"
    r"again|finally|once|still|even|simply|just)\s+)?$"
)


def organisation_before_verb(head: str) -> str | None:
    """The organisation named right before a speech verb, if the words there name one."""
    tail = head[-120:]
    if ORG_WORDS.isdisjoint(tail.lower().split()):
        return None  # cheap test first: no organisation word at all
    m = ORG_BEFORE_VERB.search(tail)
    if m is None:
        return None
    return organisation(m.group("org").strip())


def organisation(words: str) -> str | None:
    """``words`` if they name an organisation ("The New York Times", "Sundance Institute")."""
    ws = words.split()
    if not ws or len(ws) > 6 or not all(w[:1].isupper() or w[:1].isdigit() for w in ws):
        return None
    if ws[0] == "The" and len(ws) == 1:
        return None
    if not any(w.lower().strip(".,") in ORG_WORDS for w in ws):
        return None
    return words


# -- is a block quote the article's own sentence set apart again (a pull quote)? --------------
#
# Magazines repeat a sentence of their own text in a block quote ("> “One figure who had thus
# far seemed immune…”"): most of its word triples appear in the text outside block quotes
# (its wording may differ a little). It is nobody's quotation. Development set: corpus23 g02.
PULL_QUOTE_MIN_TRIPLES = 4
PULL_QUOTE_SHARE = 0.5


def repeats_the_text(triples: int, shared: int) -> bool:
    """Does a block-quoted paragraph repeat the document's own text?"""
    return triples >= PULL_QUOTE_MIN_TRIPLES and shared >= PULL_QUOTE_SHARE * triples
