"""Where sentences end: a full stop after an abbreviation (Mr., U.S., a.m.) does not end one."""

from __future__ import annotations

# Titles and short forms that precede a name or a number: never the end of a sentence.
_BEFORE_NAME = frozenset(
    "mr mrs ms mx dr prof st sr jr rev fr hon gen col lt sgt capt cpt gov sen rep pres supt "
    "messrs mme mlle mssrs dept univ approx ca cf vs mt ft".split()
)
# Short forms before a number ("No. 5", "Vol. 2", "p. 14"): "No." before a word is the answer no.
_BEFORE_NUMBER = frozenset("no nos vol vols fig figs pp p ch sec art ed eds ep eps".split())
# Short forms that end a sentence only when a capitalised word follows ("… 9 a.m. The doors").
_ANY_POSITION = frozenset(
    "etc al inc ltd co corp bros jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _word_before(text: str, i: int) -> str:
    """The token ending at ``text[i]`` (a '.'), without the full stop: "Mr", "U.S", "a.m"."""
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
        if i - j > 12:
            break
    return text[j:i]


def abbreviation_at(text: str, i: int) -> bool:
    """Is the '.' at ``text[i]`` the full stop of an abbreviation, not a sentence end?

    ``Mr.``, ``Dr.``, ``St.`` never end a sentence; an initial (``J. Smith``) does not; a dotted
    short form (``U.S.``, ``a.m.``, ``e.g.``) and ``etc.`` do only when a capitalised word
    follows."""
    word = _word_before(text, i)
    if not word:
        return _run_in_number(text, i)
    low = word.lower()
    nxt = text[i + 1 : i + 40].lstrip(" \t\n*_")
    lower_next = bool(nxt) and (nxt[0].islower() or nxt[0].isdigit() or nxt[0] in ",;:)")
    if "." in word:
        # "U.S", "a.m", "e.g", "i.e", "Ph.D": a dotted form
        parts = word.split(".")
        if all(1 <= len(p) <= 2 for p in parts if p):
            return lower_next or low in ("e.g", "i.e") or _initials_then_name(word, nxt)
        return False
    if (low in _BEFORE_NUMBER and word[0].isupper()) or low in ("p", "pp"):
        return bool(nxt) and nxt[0].isdigit()
    if low in _BEFORE_NAME:
        return bool(nxt) and (nxt[0].isupper() or nxt[0].isdigit() or lower_next)
    if len(word) == 1 and word.isupper():
        # "J. Smith", "Harry S. Truman": an initial before a capitalised word
        return bool(nxt) and nxt[0].isupper() and not _sentence_word(nxt)
    if low in _ANY_POSITION:
        return lower_next
    return False


_STARTERS = frozenset(
    "the a an i it he she they we you this that there these those but and so then when what "
    "why how who in on at as if its his her their our my".split()
)


def _sentence_word(nxt: str) -> bool:
    """Does ``nxt`` begin with a word that usually starts a sentence ("The", "But", "I")?"""
    first = ""
    for ch in nxt[:12]:
        if not ch.isalpha():
            break
        first += ch
    return first.lower() in _STARTERS


def _initials_then_name(word: str, nxt: str) -> bool:
    """ "J.R.R. Tolkien": capital initials before a capitalised name that is no sentence start."""
    return (
        word.replace(".", "").isupper()
        and bool(nxt)
        and nxt[0].isupper()
        and not (_sentence_word(nxt))
    )


def _run_in_number(text: str, i: int) -> bool:
    """ "… at the end? 2. What aspect …": a list number run into the text after a sentence
    end is the start of the next sentence, not a sentence of its own."""
    j = i
    while j > 0 and text[j - 1].isdigit() and i - j < 3:
        j -= 1
    if j == i or (j > 0 and text[j - 1].isdigit()):
        return False
    k = j
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == j and k > 0:
        return False  # "in 1998." : the number is part of a word run
    before = text[k - 1] if k > 0 else "\n"
    after = text[i + 1 : i + 3]
    return before in ".?!:\n" and after[:1] == " " and after[1:2].isupper()
