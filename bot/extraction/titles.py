"""Find a document's title and the film it is about."""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import HEADING, ITEM, PARA, Block


def find_title(blocks: list[Block], html_title: str | None, meta: dict[str, str]) -> str | None:
    if meta.get("title"):
        return meta["title"]
    for b in blocks[:10]:
        if b.kind == HEADING and b.level <= 2 and b.text.strip():
            heading = strip_md(b.text.strip())
            if html_title and _GENERIC_HEADING.match(heading):
                return html_title  # <title>12 Angry Men</title> … <h1>Plot Summary</h1>
            if _ACT_LINE.match(heading):
                return None  # "ACT III": where a scene starts, not what the document is
            return heading
    if html_title:
        return html_title
    for k, b in enumerate(blocks[:3]):
        if b.kind != PARA or b.role:
            continue  # (a script's marked turn is not a title)
        first, _, rest = b.text.strip().partition("\n")
        # "All other work of Sigurjónsson …\npales beside …": a hard-wrapped paragraph
        wrapped = rest[:1].islower() and not first.isupper()
        if _ACT_LINE.match(first):
            break
        lines = [ln for ln in b.text.strip().split("\n") if ln.strip()]
        if k + 1 < len(blocks) and len(lines) == 1:
            lines.append(blocks[k + 1].text.strip().split("\n")[0])
        if len(lines) >= 2 and all(_META_LINE.match(ln.strip()) for ln in lines[:2]):
            break  # "Host: Owen Park / Guest: …": a header of key-value lines, not a title
        if _title_like(first) and (rest.strip() or len(blocks) > 1) and not wrapped:
            # A title line is not a turn, a quote or a question.
            blocks[k : k + 1] = [replace(b, kind=HEADING, level=1, text=first)] + (
                [replace(b, text=rest)] if rest.strip() else []
            )
            return strip_md(first.strip())
        if k == 0:
            break
    return None


# "ACT III" alone, or a scene heading: where a scene starts, not what the document is.
_META_LINE = re.compile(
    r"^(?:host|hosts|guest|guests|interviewer|interviewee|date|recorded|recording|location|"
    r"venue|transcribed(?: by)?|transcript|speakers|participants|present|moderator|chair|"
    r"runtime|running time|director|duration|time|place|author|source|episode|producer|"
    r"produced by|editor|edited by|panel|panellists|panelists)\s*:\s+\S",
    re.I,
)
_ACT_LINE = re.compile(r"^(?:act\s+[\divxlc]+\.?$|(?:INT|EXT|INT\./EXT|I/E)[. ])", re.I)
_GENERIC_HEADING = re.compile(
    r"^(?:plot summary|plot|synopsis|summary|overview|review|home|about|contents|introduction|"
    r"welcome|untitled|article|main|menu)$",
    re.I,
)


def play_title(blocks: list[Block], used: set[int]) -> str | None:
    """A play's title line ("EYVIND OF THE HILLS") on its own above the first speech, when
    the document opens with something else (an introduction)."""
    first = min(used)
    for b in blocks[: min(first, 200)]:
        t = b.text.strip()
        if (
            b.kind in (PARA, HEADING)
            and "\n" not in t
            and t.isupper()
            and re.search(r"[A-Z]{3,}", t)
            and _name_like(t)
            and len(t.split()) <= 8
            and not _SCRIPT_FURNITURE.match(t)
            and not _ACT_LINE.match(t)
            and not re.search(r"\b(?:ACTS?|SCENES?|PERSONS|CHARACTERS|CAST)\b", t)
        ):
            return t
    return None


def _title_like(line: str) -> bool:
    t = line.strip()
    return (
        0 < len(t) <= 120
        and not t.endswith((".", ",", ":", "?", "!", ";"))
        and not re.search(r"[.!?…,][”\"’']$", t)
        and not t.startswith(("-", "*", "•", ">", "["))
        and (t[:1].isupper() or t[:1].isdigit() or t[:1] in "“\"'#")
        and re.search(r"[^\W\d_]", t) is not None  # a title has a letter: "1" is a cue number
    )


def strip_md(s: str) -> str:
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    return re.sub(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1", r"\2", s).strip()


_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}
_EMPH = re.compile(r"(?<![\w*])(?:\*|_)([A-Z0-9][^*_\n]{0,60}?)(?:\*|_)(?![\w*])")
_QUOTED_TITLE = re.compile(r"[“\"‘']([A-Z0-9][^”\"’'\n]{0,60})[”\"’']")


_TITLE_FILM = (
    re.compile(r"^(?:(?:film|movie)\s+)?review\s*[:\-–—|]\s*(?P<f>.+?)(?:\s*\(\d{4}\))?\s*$", re.I),
    re.compile(
        r"^(?P<f>.+?)\s*(?:\(\d{4}\))?\s*[:\-–—|]\s*(?:a\s+)?(?:film\s+|movie\s+)?review\b", re.I
    ),
    re.compile(r"^(?P<f>.+?)\s+\((?:19|20)\d{2}\)"),
    re.compile(r"\breview of\s+(?P<f>.+?)\s*$", re.I),
    re.compile(
        r"^(?!(?:a|an|the|my|our|this)\s)(?P<f>.+?)[\s,:–—-]+(?:(?:a|an|the|my|our)\s+)?"
        r"(?:film\s+|movie\s+)?review\b",
        re.I,
    ),
    re.compile(r"(?:guide|questions|notes)\s*(?:to|for|on)?\s*[:\-–—]\s*(?P<f>.+?)\s*$", re.I),
    re.compile(
        r"^(?i:notes|thoughts|reflections|musings|questions|a guide|guide)\s+(?i:on|about|to)\s+"
        r"(?P<f>[A-Z0-9][^:]{0,60}?)\s*$"
    ),
)


MAX_TITLE_CHARS = 300


def find_film(
    text: str,
    title: str | None,
    blocks: list[Block],
    skip: set[int],
    persons: set[str] | None = None,
) -> str | None:
    """Best guess at the film a document is about: an italicised or quoted title that recurs,
    a title pattern ("Review: X", "X (2019)", "Viewing Guide: X", "X – screening notes"), a
    name the text calls a film ("shot *X*, the Lagos-set mystery"), or a name from the title
    that the text uses again. None rather than a wrong guess."""
    persons = persons or set()
    if title and len(title) > MAX_TITLE_CHARS:
        title = None  # a paragraph, not a title (and the title patterns are quadratic in it)
    counts: dict[str, int] = {}

    def add(name: str, weight: int) -> None:
        name = name.strip(" \t*_\"'“”‘’.,:;")
        if name and 1 <= len(name.split()) <= 8 and (name[0].isupper() or name[0].isdigit()):
            counts[name] = counts.get(name, 0) + weight

    if title:
        for m in _QUOTED_TITLE.finditer(title):
            if m.start() == 0 and title[m.end() : m.end() + 1] == ":":
                continue  # '"We built it in a barn": an oral history…': a headline quote
            if re.match(r"\s*,?\s*(?:episode|ep\.|part|series|season)\b", title[m.end() :], re.I):
                continue  # '"Frame by Frame", episode 212': a programme, not a film
            words = m.group(1).split()
            if sum(1 for w in words if w[:1].isupper() or w.lower() in _SMALL_WORDS) == len(words):
                add(m.group(1), 5)  # a title-cased name in quotes, not a quotation
        for m in _EMPH.finditer(title):
            add(m.group(1), 5)
    for i, b in enumerate(blocks[:400]):
        if b.kind == "code" or i in skip:
            continue
        for e in b.emph:
            if e != b.lead or not (b.lead.endswith(":") or b.lead_rest.startswith(":")):
                add(e, 1)
        if b.italic or b.bold:
            continue
        if "*" in b.text or "_" in b.text:
            for m in _EMPH.finditer(b.text[:20000]):
                add(m.group(1), 1)
    if title:
        for name in list(counts):
            if name.lower() in title.lower():
                counts[name] += 3
    if counts:
        best = max(counts.items(), key=lambda kv: kv[1])
        if best[1] >= 3:
            return best[0]
    if title:
        plain = strip_md(title)
        named = film_from_title(plain, persons)
        if named:
            return named
        named = _title_segment_film(plain, persons)
        if named:
            return named
        # "Her makes me sad…": the title's opening capitalised words, used mid-sentence as a name.
        words = plain.split()
        lead: list[str] = []
        for w in words[:4]:
            if not w[:1].isupper():
                break
            lead.append(w)
        for k in range(len(lead), 0, -1):
            name = " ".join(lead[:k])
            # The name first, the lookbehind after it: the scan then looks for the literal
            # (several times faster than a lookbehind tried at every position; same matches).
            esc = re.escape(name)
            hits = len(re.findall(rf"{esc}(?<=[a-z,] {esc})\b", text[:200_000]))
            if hits >= 2:
                return name
    called = _called_a_film(
        blocks, skip, set(counts) | _quoted_names(blocks, skip), persons, counts
    )
    if called:
        return called
    if title:
        recurring = _recurring_title_name(strip_md(title), text, persons)
        if recurring:
            return recurring
    if counts:
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        best = ranked[0]
        total = sum(counts.values())
        # An essay about many films names each once or twice: no one of them is "the" film.
        if best[1] >= 2 and best[1] * 2 >= total and not _is_person(best[0], persons):
            return best[0]
    return None


def film_from_title(plain: str, persons: set[str]) -> str | None:
    """ "Review: X", "X (2019)", "Viewing Guide: X: Episode 1", "Notes on X"."""
    if len(plain) > MAX_TITLE_CHARS:
        return None  # the patterns are quadratic in a "title" this long
    for pat in _TITLE_FILM:
        m = pat.search(plain)
        if m:
            name = _EPISODE.sub("", m.group("f")).split(": ")[-1].strip(" \"'“”‘’")
            if 1 <= len(name.split()) <= 8 and not _is_person(name, persons):
                return _titlecase(name) if name.isupper() else name
    return None


_EPISODE = re.compile(
    r"(?:\s*[:,\-–—|]\s*|\s+)(?:episode|part|chapter|season|series|vol\.?|volume|act|scene|"
    r"day|week|session|class)\s+[\w.]+\s*$",
    re.I,
)
_KIND = re.compile(
    r"\b(?:guide|notes|discussion|questions|review|reviewed|screening|worksheet|study|"
    r"reflections?|analysis|rewatch|revisited|viewing|lesson|seminar|talking points)\b",
    re.I,
)
_NOT_A_PLAY = re.compile(
    r"\b(?:interview|conversation|transcript|q\s*&\s*a|podcast|episode|panel|oral history|"
    r"newsletter|chat|talk|notes|diary)\b",
    re.I,
)
_SMALL_TITLE_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by"}
_SMALL_TITLE_WORDS.update({"de", "la", "le", "from", "with", "&"})


def _titlecase(name: str) -> str:
    """``THE IMPORTANCE OF BEING EARNEST`` -> ``The Importance of Being Earnest``;
    ``SCHINDLER'S LIST`` -> ``Schindler's List``."""
    out = []
    for k, w in enumerate(name.split(" ")):
        low = w.lower()
        if k and low in _SMALL_TITLE_WORDS and not out[-1].endswith(":"):
            out.append(low)
        else:
            out.append(low[:1].upper() + low[1:])
    return " ".join(out)


def _name_like(seg: str) -> bool:
    """A title-cased name ("The Wild Pear Tree", "SCHINDLER'S LIST", "Paris, Texas")."""
    words = [w for w in re.split(r"[\s,]+", seg) if w]
    if not 1 <= len(words) <= 8 or seg[:1] in "“\"‘'":
        return False
    if not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_TITLE_WORDS or not w[:1].isalpha()
        for w in words
    )


def _is_person(name: str, persons: set[str]) -> bool:
    low = name.lower()
    for p in persons:
        pl = p.lower()
        if low == pl or low in pl.split() or pl in low.split():
            return True
        if len(pl.split()) >= 2 and (pl in low or low in pl):
            return True
    return False


def _title_segment_film(title: str, persons: set[str]) -> str | None:
    """``Parasite: a guide for discussion groups``, ``The Wild Pear Tree – screening notes``:
    a name beside a segment that says what kind of document this is."""
    if len(title) > MAX_TITLE_CHARS:
        return None
    segs = [x.strip() for x in re.split(r"\s+[–—-]\s+|:\s+", title) if x.strip()]
    if len(segs) < 2:
        return None
    for k, seg in enumerate(segs):
        others = " ".join(segs[:k] + segs[k + 1 :])
        if _KIND.search(seg) or not _KIND.search(others) or not _name_like(seg):
            continue
        if _GENERIC_HEADING.match(seg) or _INSTITUTION.search(seg):
            continue
        name = re.sub(r"\s*\((?:19|20)\d{2}\)\s*$", "", seg)
        if _is_person(name, persons) or re.search(r"\d{4}|\bday\b", name, re.I):
            continue
        return _titlecase(name) if name.isupper() else name
    return None


_FILM_BEFORE = re.compile(
    r"(?:\b(?:film|movie|feature|debut|documentary|picture|short|sequel|remake|hit|watching|"
    r"watched|rewatching|saw|seen|shot|directed|scored|edited|credits of|screening of|"
    r"premiere of|cut of|version of|starring in|stars in|stars of|cast of|director of)"
    r"\s*,?\s*[*_“\"‘]*)$",
    re.I,
)
_FILM_AFTER = re.compile(
    r"^[*_”\"’]*\s*(?:\((?:19|20)\d{2}\)|,\s*(?:the|a|an|her|his|their)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:film|movie|feature|documentary|drama|comedy|thriller|mystery|horror|musical|western|"
    r"debut|hit|picture)\b|(?:opens|opened|premiered|premieres|is streaming|is showing|"
    r"is in cinemas|screens|screened|is out|was released|hits cinemas)\b)",
    re.I,
)


def _quoted_names(blocks: list[Block], skip: set[int]) -> set[str]:
    names: set[str] = set()
    for i, b in enumerate(blocks[:200]):
        if i in skip or b.kind == "code":
            continue
        t = b.text[:20000]
        found = [m.group(1) for m in _QUOTED_TITLE.finditer(t)] + list(b.emph)
        if "*" in t or "_" in t:
            found += [m.group(1) for m in _EMPH.finditer(t)] + _BOLD_NAME.findall(t)
        names.update(f.strip() for f in found if _name_like(f.strip()))
    return names


_BOLD_NAME = re.compile(r"(?:\*\*|__)([A-Z0-9][^*_\n]{0,60}?)(?:\*\*|__)")


def _called_a_film(
    blocks: list[Block],
    skip: set[int],
    names: set[str],
    persons: set[str],
    counts: dict[str, int],
) -> str | None:
    """An italic or quoted name the text calls a film: "shot *X*, the Lagos-set mystery",
    "watching *X* on a rented projector", "the credits of *X*", "X (2019)"."""
    found: dict[str, int] = {}
    # The most mentioned few: a long document with thousands of italic names stays linear.
    ranked_names = sorted(names, key=lambda n: -counts.get(n, 0))[:40]
    names = {n for n in ranked_names if n and not _is_person(n, persons)}
    if not names:
        return None
    for i, b in enumerate(blocks[:200]):
        if i in skip or b.kind == "code":
            continue
        t = b.text[:20000]
        for name in names:
            pos = t.find(name)
            while pos >= 0:
                before = t[max(0, pos - 40) : pos]
                after = t[pos + len(name) : pos + len(name) + 90]
                if _FILM_BEFORE.search(before) or _FILM_AFTER.match(after):
                    found[name] = found.get(name, 0) + 1
                    break
                pos = t.find(name, pos + 1)
    if not found:
        return None
    # The one called a film most often, then the one mentioned most; a tie is no answer, and
    # a name mentioned less than another italic name is not "the" film.
    ranked = sorted(found, key=lambda n: (-found[n], -counts.get(n, 0)))
    top = counts.get(ranked[0], 0)
    rivals = [
        n
        for n, v in counts.items()
        if v >= top and n not in found and _name_like(n) and ranked[0] not in n
    ]
    if rivals:
        return None
    if len(ranked) >= 3:
        return None  # an essay about several films: no one of them is "the" film
    if len(ranked) > 1:
        a, b = ranked[0], ranked[1]
        if (found[a], counts.get(a, 0)) == (found[b], counts.get(b, 0)):
            return None
    return ranked[0]


_TITLE_STARTERS = {
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "notes",
    "watching",
    "rewatching",
    "talking",
    "interview",
    "review",
    "inside",
    "on",
    "in",
    "after",
    "before",
    "the",
    "a",
    "an",
    "my",
    "our",
    "revisiting",
    "remembering",
    "meet",
    "five",
    "ten",
    "three",
    "two",
}
_NOT_FILMS = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|i|act|scene|part|episode|q|a)$",
    re.I,
)


_INSTITUTION = re.compile(
    r"\b(?:festival|cinema|cinemas|theat(?:er|re)|society|club|university|college|school|"
    r"museum|gallery|awards?|academy|institute|foundation|council|magazine|times|post|journal|"
    r"news|radio|company|studios?|pictures|films|press|library|hall|centre|center)\b",
    re.I,
)
_BEFORE_FILM_NAME = {"on", "of", "about", "watching", "rewatching", "revisiting", "why", "how"}
_AFTER_PERSON = {"on", "talks", "discusses", "says", "explains", "remembers", "reflects"}


_GENERIC_TITLE = re.compile(
    r"\b(?:list|lists|news|update|updates|schedule|calendar|programme|program|events?|"
    r"home|welcome|about|contact|faq|archive|blog|index|menu|page|section|chapter|part|"
    r"day|week|month|year|edition|issue|volume|summary|synopsis|glossary|how|why|what)\b",
    re.I,
)


def _acts_like_person(name: str, text: str) -> bool:
    """ "Sam Ortiz says…", "Sam Ortiz, who…": the text treats the name as a person."""
    pat = rf"{re.escape(name)}(?:\s+(?:says|said|told|tells|explains|explained|recalls|recalled|"
    pat += r"remembers|remembered|laughs|laughed|adds|added|who|has run|grew up)\b|,\s+(?:who|\d{2})\b)"
    return re.search(pat, text[:200_000]) is not None


def _cap(word: str) -> bool:
    core = word.strip("“”\"'‘’:;,.!?()")
    return bool(core) and (core[:1].isupper() or core[:1].isdigit())


def _recurring_title_name(title: str, text: str, persons: set[str]) -> str | None:
    """``Why Groundhog Day still works``, ``Notes on Stalker``: a capitalised name inside the
    title (not its first word) that the text uses again."""
    words = title.split()
    runs: list[list[str]] = []
    cur: list[str] = []
    for k, w in enumerate(words):
        core = w.strip("“”\"'‘’:;,.!?()")
        cap = bool(core) and (core[:1].isupper() or core[:1].isdigit())
        if k == 0 and (core.lower() in _TITLE_STARTERS or len(words) < 2 or not _cap(words[1])):
            cap = False  # "Festival drops…": the first word is capitalised as any sentence is
        if cap or (cur and core.lower() in _SMALL_TITLE_WORDS):
            cur.append(w)
            if w.endswith((":", ";", ".", "!", "?")):
                runs.append(cur)
                cur = []
        else:
            if cur:
                runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    best: tuple[int, str] | None = None
    single: list[str] = []
    sentence_case = any(w[:1].islower() and w.lower() not in _SMALL_TITLE_WORDS for w in words)
    if not sentence_case:
        # "12 Angry Men": a title that is a name, used again and again in the text.
        whole = title.strip()
        if _name_like(whole) and len(words) <= 6 and not _is_person(whole, persons):
            esc = re.escape(whole)  # the literal first: see find_film
            hits = len(re.findall(rf"{esc}(?<!\w{esc})(?!\w)", text[:200_000]))
            if (
                hits >= 2
                and not _INSTITUTION.search(whole)
                and not _KIND.search(whole)
                and not _NOT_A_PLAY.search(whole)
                and not _GENERIC_TITLE.search(whole)
                and not _acts_like_person(whole, text)
            ):
                return whole
        return None  # "How To Watch Lawrence Of Arabia": in headline case every word is a capital
    for run in runs:
        while run and run[-1].strip(",:;").lower() in _SMALL_TITLE_WORDS:
            run = run[:-1]
        name = " ".join(run).strip("“”\"'‘’:;,.!?()")
        if not name or _NOT_FILMS.match(name) or _is_person(name, persons) or len(run) > 8:
            continue
        if _INSTITUTION.search(name) or _acts_like_person(name, text):
            continue  # "Harbourlight Film Festival", "Sam Ortiz says": not a film
        if name.isupper() and len(name) <= 4:
            continue  # "TIFF", "BFI": an acronym, not a title
        if re.search(r"\s\d+$", name):
            continue  # "Newsletter 14", "Class 08": a number in a series
        k = words.index(run[0]) if run[0] in words else 0
        prev = words[k - 1].lower().strip(",:;") if k else ""
        if len(run) == 1 and prev in ("a", "an", "the"):
            continue  # "Anatomy of a Fall": the end of a longer name, not a name
        end = k + len(run)
        nxt = words[end].lower().strip(",:;") if end < len(words) else ""
        if prev in ("with", "by", "meets", "and", "featuring") or nxt in _AFTER_PERSON:
            continue  # "a conversation with Rosa Lind", "Tomasz Wolski on …": a person
        esc = re.escape(name)  # the literal first: see find_film
        hits = len(re.findall(rf"{esc}(?<!\w{esc})(?!\w)", text[:200_000]))
        if hits >= 2 and (best is None or hits > best[0]):
            best = (hits, name)
        elif sentence_case and prev in _BEFORE_FILM_NAME and nxt not in _AFTER_PERSON:
            single.append(name)
    if best:
        return best[1]
    # Named once, in a sentence-case title: "Why Groundhog Day still works".
    return single[0] if len(single) == 1 else None


_SCRIPT_FURNITURE = re.compile(
    r"^(?:act|scene|part|chapter|prologue|epilogue|transcript|the persons|persons of|dramatis|"
    r"characters|cast)\b",
    re.I,
)


def is_script(blocks: list[Block], used: set[int], title: str, persons: set[str]) -> bool:
    """A play: most of the text is labelled dialogue, the text has a play's furniture (acts,
    scenes, a cast list, stage directions), and the title is a title line (not "ACT III", a
    transcript's heading or a person's name)."""
    main = re.split(r"\s+[–—-]\s+|\s*\(", title)[0].strip(" .,:")
    if (
        not used
        or _SCRIPT_FURNITURE.match(title)
        or _KIND.search(title)
        or _NOT_A_PLAY.search(title)
        or not _name_like(main)
        or ":" in main
        or main.lower() in {p.lower() for p in persons}
    ):
        return False
    furniture = any(_PLAY_FURNITURE.match(b.text.strip().lstrip("_*")) for b in blocks[:400])
    if not furniture and (not main.isupper() or _is_person(main, persons)):
        # A play's title is set in capitals, or the text has a play's furniture; a title that
        # names a speaker ("Hedda Gabler") needs the furniture.
        return False
    dialogue = sum(len(blocks[i].text) for i in used if i < len(blocks))
    prose = sum(len(b.text) for b in blocks if b.kind in (PARA, ITEM))
    return dialogue * 2 > prose and len(title.split()) <= 8


_PLAY_FURNITURE = re.compile(
    r"^(?:(?:ACT|SCENE|Act|Scene)\b|(?:THE\s+)?(?:PERSONS|CHARACTERS|CAST|DRAMATIS)\b|"
    r"(?:The\s+)?(?:Persons|Characters|Cast)\b|\[[^\]\n]{2,200}\]?$|_?\((?:[^)\n]{2,200})\)_?$|"
    r"(?:Enter|Exit|Exeunt|Curtain)\b|(?:SFX|MUSIC|SOUND|FX)\s*:|CURTAIN|FADE (?:IN|OUT)|"
    r"(?i:an? (?:\w+ )?play\b)|[A-Z][A-Z.' -]{1,30}\s*[\[(][^\])\n]{1,80}[\])]\.)"
)


def script_title(title: str) -> str:
    name = re.split(r"\s+[–—]\s+|\s+-\s+|\s*\(", title)[0].strip(" .,")
    return _titlecase(name) if name.isupper() else name
