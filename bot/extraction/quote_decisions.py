"""Scored judgements about quotations: one function per decision, each with named thresholds.

Thresholds were set on the development split of the real labelled corpus (never the test split).
"""

from __future__ import annotations

import re

# -- is a quoted span a quotation (rather than a scare-quoted phrase or a title)? ----------------
#
# Evidence: length (a phrase of one to three words is usually a scare quote), title case (a film
# or a book), and a speech verb right before the opening mark with a comma or colon between
# ("Mr. Sir remarks, “It ain’t”", "someone even says, “Ok, Ok”"), which makes even a short or
# title-cased span somebody's words. Dev split: the short quotations labelled in reviews all
# follow "<verb>, "; no scare quote there does.
QUOTATION_MIN_WORDS = 4
W_LONG_ENOUGH = 1.0
W_TITLE_CASE = -1.0
W_SPEECH_VERB_BEFORE = 2.0
QUOTATION_THRESHOLD = 1.0


def quotation_score(words: int, title_case: bool, speech_verb_before: bool) -> float:
    """How strongly a quoted span reads as someone's words."""
    score = W_LONG_ENOUGH if words >= QUOTATION_MIN_WORDS else 0.0
    if title_case:
        score += W_TITLE_CASE
    if speech_verb_before:
        score += W_SPEECH_VERB_BEFORE
    return score


def is_quotation(words: int, title_case: bool, speech_verb_before: bool) -> bool:
    """Is the quoted span a quotation?"""
    return quotation_score(words, title_case, speech_verb_before) >= QUOTATION_THRESHOLD


# -- who is an unnamed speaker? --------------------------------------------------------------------
#
# "someone even says", "a voice shouts": the text gives no name, so the phrase is the speaker (the
# labelling convention keeps "my friend" and "someone" as written rather than guessing a name).
INDEFINITE_SPEAKER = re.compile(
    r"\b(?P<who>someone|somebody|everyone|everybody|nobody|a voice|one of them)"
    r"(?:\s+(?:even|then|else|just|finally|\w+ly))?\s*$",
    re.I,
)
