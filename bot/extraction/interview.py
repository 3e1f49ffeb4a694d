"""Unlabelled interviews: questions set apart (bold, italics, sub-headings, block quotes) answered
by the paragraphs below them, and who the interviewee is."""

from __future__ import annotations

import re

from bot.models import Turn

from .blocks import HEADING, ITEM, PARA, Block
from .dialogue_decisions import InterviewFeatures, is_unlabelled_interview
from .dialogue_labels import (
    KEY_LINE,
    SUBJECT,
    Cand,
    editorial,
    strip_markup_edges,
    wholly_italic,
)
from .pronouns import FIRST_PERSON, FIRST_PERSON_OTHER, YOU

Run = list[tuple[str, str, list[int]]]  # (speaker, turn text, block indices)


def is_bold_interview(blocks: list[Block], cands: dict[int, Cand]) -> bool:
    """Unlabelled interview: questions set apart (bold, italic, sub-heading, block quote) with
    the answers in the paragraphs below (the judgement is ``is_unlabelled_interview``)."""
    bold = [i for i, c in cands.items() if c.form == "bold"]
    if not bold:
        return False
    answers = [
        cands[i].answer or blocks[i + 1].text
        for i in bold
        if cands[i].answer or (i + 1 < len(blocks) and i + 1 not in cands)
    ]
    features = InterviewFeatures(
        set_apart=len(bold),
        questions=sum(1 for i in bold if "?" in (cands[i].speech or "")),
        labelled=len(cands) - len(bold),
        says_interview=_says_interview(blocks, min(bold)),
        first_person_answers=_first_person_share(answers),
        question_headings=any(c.heading for c in cands.values()),
        asks_you=sum(1 for i in bold if YOU.search(cands[i].speech or "")) / len(bold),
        remarks_to_you=sum(
            1
            for i in bold
            if "?" not in (cands[i].speech or "") and YOU.search(cands[i].speech or "")
        ),
    )
    return is_unlabelled_interview(features)


def plain_questions(blocks: list[Block], cands: dict[int, Cand]) -> dict[int, Cand]:
    """An interview whose questions are plain one-line paragraphs ("How did the project
    start?" then "It started with…"): taken only where the text says it is an interview, no
    question is set apart otherwise, and three or more such questions are answered below."""
    if any(c.form == "bold" for c in cands.values()):
        return {}
    found: dict[int, Cand] = {}
    for i, b in enumerate(blocks[:-1]):
        t = b.text.strip()
        nxt = blocks[i + 1]
        if i in cands or b.kind != PARA or b.quote or "\n" in t or len(t) > 300:
            continue
        if not t.endswith("?") or nxt.kind != PARA or nxt.quote or i + 1 in cands:
            continue
        if not nxt.text.rstrip().endswith("?"):
            # ("1- ¿Cómo nació la idea?": the question's number is not part of it)
            found[i] = Cand(i, "Interviewer", _QUESTION_NUMBER.sub("", t), "bold")
    if len(found) < 3 or not _says_interview(blocks, min(found)):
        return {}
    return found if is_bold_interview(blocks, {**cands, **found}) else {}


def questions_before_answers(blocks: list[Block], cands: dict[int, Cand]) -> dict[int, Cand]:
    """A Q&A whose answers carry the interviewee's label ("Asghar Farhadi: When I was…",
    later "AF: …") and whose questions are plain paragraphs above them: each such question is
    the interviewer's turn, where the text says it is an interview and two or more are."""
    found: dict[int, Cand] = {}
    for i, b in enumerate(blocks[:-1]):
        t = b.text.strip()
        if i in cands or b.kind != PARA or b.quote or "\n" in t or len(t) > 400:
            continue
        answer = cands.get(i + 1)
        if t.endswith("?") and answer is not None and answer.form == "colon":
            found[i] = Cand(i, "Interviewer", t, "colon")
    if len(found) < 2 or not _says_interview(blocks, min(found)):
        return {}
    return found


def italic_remarks(blocks: list[Block], cands: dict[int, Cand]) -> dict[int, Cand]:
    """In an interview whose questions are set in italics, the interviewer's italic remarks
    that are no questions ("_And yet the style was picked up by all those directors._") are
    turns too, when a plain answer follows them and questions are italic elsewhere."""
    if sum(1 for c in cands.values() if c.italic) < 2:
        return {}
    found: dict[int, Cand] = {}
    for i, b in enumerate(blocks[:-1]):
        nxt = blocks[i + 1]
        if i in cands or b.kind != PARA or b.quote or i + 1 in cands:
            continue
        if nxt.kind != PARA or nxt.quote or wholly_italic(nxt, nxt.text) is not None:
            continue  # ("_The screening on Sunday…_" above the page's bold title)
        body = wholly_italic(b, b.text)
        if body is None or "\n" in body.strip() or len(body) > 400 or _CAPTION.match(body):
            continue
        if len(body.split()) < 4 or body.rstrip().endswith(":"):
            continue  # "_Cast:_" over a list is a label, not a remark
        found[i] = Cand(i, "Interviewer", body.strip(), "bold", italic=True)
    return found


_CAPTION = re.compile(
    r"^\s*(?:photo|image|pictured|above|below|left|right|courtesy|credit|via)\b", re.I
)


_TRAILING_BREAKS = re.compile(r"(?:\s*<br\s*/?>)+\s*$", re.I)


def _bold_paragraph(b: Block) -> bool:
    """A paragraph set wholly in bold ("**Michael Powell interviewed by…**<br>")."""
    if b.bold:
        return True
    t = _TRAILING_BREAKS.sub("", b.text.strip())
    return len(t) > 4 and t[:2] in ("**", "__") and t.endswith(t[:2]) and t[:2] not in t[2:-2]


def question_and_answer(blocks: list[Block], cands: dict[int, Cand], i: int) -> tuple[Run, int]:
    """An interviewer's bold question at ``i``; the paragraphs after it answer it. The answer
    may carry the interviewee's label ("**Kim Ji-won:** Terrifying…"), usually only the first."""
    n = len(blocks)
    k = i + 1
    if blocks[i].kind == ITEM and any(
        0 <= j < n and blocks[j].kind == ITEM for j in (i - 1, i + 1)
    ):
        return [], k  # ("- *Who could help fulfill this purpose?*": an item of a list of them)
    speaker = SUBJECT
    parts: list[str] = []
    idxs: list[int] = []
    first = cands.get(k)
    if cands[i].answer:
        parts, idxs = [cands[i].answer], [i]  # "**How did it start?** It started with…"
    elif first is not None and first.form != "bold" and first.speech:
        speaker, parts, idxs = first.speaker, [first.speech], [k]
        k += 1
    ans: list[int] = []
    while (
        k < n
        and k not in cands
        and blocks[k].kind in (PARA, ITEM)
        and not blocks[k].quote
        and not editorial(blocks[k])
        and not (ans and _bold_paragraph(blocks[k]))  # a bold byline or section ends it
    ):
        ans.append(k)
        k += 1
    if k >= n or k not in cands:
        # The last answer: end matter after it ("This interview has been edited…",
        # "Tags: …") is not part of it.
        for pos, a in enumerate(ans):
            t = blocks[a].text.strip()
            if _END_MATTER.match(t) or (pos and KEY_LINE.match(t)):
                ans = ans[:pos]
                break
    ans = drop_byline(blocks, ans, k >= n or blocks[k].kind not in (PARA, ITEM))
    if (
        ans
        and not idxs
        and all(blocks[a].kind == ITEM for a in ans)
        and 2 * sum("?" in blocks[a].text for a in ans) >= len(ans)
    ):
        # "**Historical Context**" over "7. What is the significance of…?": a guide's section
        # label over its questions, not a question answered
        return [], k
    parts += [blocks[a].text for a in ans]
    if parts and not idxs and blocks[i].text.lstrip().startswith(("— ", "– ")):
        parts[0] = _DASH_START.sub("", parts[0], count=1)  # "— Я хотела…": the dash is layout
    idxs += ans
    if not parts:
        return [], k
    c = cands[i]
    return [
        (c.speaker, strip_markup_edges(c.speech or ""), [i]),
        (speaker, "\n\n".join(parts), idxs),
    ], k


_DASH_START = re.compile(r"^\s*[—–][ \t]+")


_END_MATTER = re.compile(
    r"^(?:this|the|our) (?:interview|conversation|transcript|q\s*&\s*a) (?:has been|was|is|have been)\b|"
    r"^(?:interview |answers |responses )?(?:edited|condensed|lightly edited)\b.{0,40}\bfor\b|"
    r"^(?:tags|filed under|categories|category|posted in|share this|related)\s*:",
    re.I,
)


_INTERVIEW = re.compile(
    # ("During that conversation, a giant aquarium…" in a synopsis is no interview)
    r"\b(?:interview\w*|(?:in|a|our|my|this) conversation|conversation with|questions and answers|q\s*&\s*a|q&a|spoke (?:to|with)|talked (?:to|with)|"
    r"chat(?:s|ted)? with|sat down with|speaks (?:to|with)|talks (?:to|with)|questions? for|"
    r"asked (?:him|her|them)|in (?:his|her|their) own words|talking (?:to|with)|we met|meets|"
    # the same words in French, Spanish, Italian, German, Portuguese, Dutch, Polish, Russian
    r"entretien|entrevue|propos recueillis|rencontre avec|entrevista|intervista|gespräch|"
    r"entrevistamos|conversamos|charlamos|hablamos con|dialogamos|conversó|"
    r"gesprek|wywiad\w*|rozmow\w*|интервью|бесед\w*|поговорил\w*|встретил\w*)\b",
    re.I,
)


def _says_interview(blocks: list[Block], first_bold: int) -> bool:
    """The text before the first question presents an interview ("we spoke with…")."""
    head = "\n".join(b.text for b in blocks[: max(first_bold, 1)][-12:])[-6000:]
    # (an image's alt text is no introduction: "![Boy meets Boy, in Space.](/img/him.jpg)")
    return bool(_INTERVIEW.search(_IMAGE.sub(" ", head) if "![" in head else head))


_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)")


def _first_person_share(answers: list[str]) -> float:
    if not answers:
        return 0.0
    personal = sum(
        1 for a in answers if FIRST_PERSON.search(a[:5000]) or FIRST_PERSON_OTHER.search(a[:5000])
    )
    return personal / len(answers)


def drop_byline(blocks: list[Block], ans: list[int], at_end: bool) -> list[int]:
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
        if len(ans) >= 2 and _OUTRO.match(last) and not FIRST_PERSON.search(last):
            # "Rob is currently working on his second feature…", "Strings is out now.": the
            # author signing off about the interviewee or the film, not the answer going on
            return ans[:-1]
    return ans


_OUTRO = re.compile(
    r"^[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,3}(?:\s+is|\s+was|\s+will|\s+has|['’]s)\s"
)


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


_QUESTION_NUMBER = re.compile(r"^\d{1,2}\s*[-–.)]\s+(?=\S)")
_TITLE_SUBJECT = re.compile(
    r"^(?:[“\"][^”\"]{1,200}[”\"]\s*[:–—-]\s*)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})"
    r"(?:\s+(?:on|talks|discusses|reflects|remembers|explains|in conversation|interviewed by|"
    r"habla|parle|"
    r"raconte|cuenta|explica)\b"
    # 'Juan Minujín: "Vaquero es una película sobre el oficio"': the person, then their words
    r"|\s*:\s*[“\"«])"
)
# "Q&A: Céline Sciamma", "Interview – Joanna Hogg": a label, then only the person's name
_LABEL_SUBJECT = re.compile(
    r"^(?:Q\s*&\s*A|[Ii]nterview|INTERVIEW|[Ii]n [Cc]onversation|[Cc]onversation)\s*[:–—-]\s*"
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s*$"
)
_FULL_NAME = re.compile(r"\b([A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){1,2})\b")


def _subject_name(blocks: list[Block], title: str | None = None) -> str | None:
    """The interviewee: "an interview with X", "X on her career" (in the document's title or
    its opening), else the first full name in the introduction."""
    if title:
        m = _SUBJECT_RE.search(title)
        named = _subject_from_match(m, blocks) if m else None
        tm = None if named else _LABEL_SUBJECT.match(title.strip())
        tm = tm or (None if named else _TITLE_SUBJECT.match(title.strip()))
        if named or tm:
            return named or (tm.group("name") if tm else None)
    head = "\n".join(b.text for b in blocks[:8])[:5000]
    m = _SUBJECT_RE.search(head)
    named = _subject_from_match(m, blocks) if m else None
    if named:
        return named
    for b in blocks[:3]:
        if b.kind == HEADING or _bold_paragraph(b):
            line = _TRAILING_BREAKS.sub("", b.text.strip()).strip("*_ ")
            tm = _LABEL_SUBJECT.match(line) or _TITLE_SUBJECT.match(line)
            if tm:
                return tm.group("name")
    for b in blocks[:6]:
        if b.kind == PARA and not b.bold:
            for fm in _FULL_NAME.finditer(b.text[:2000]):
                words = fm.group(1).split()
                if _OF_BEFORE.search(b.text, 0, fm.start()):
                    continue  # "The director of Petite Maman talks…": a work, not the person
                if not any(w.lower() in _ROLES or w.lower() in _NOT_NAME for w in words):
                    return fm.group(1)
            break
    return None


_OF_BEFORE = re.compile(r"\b(?:of|in|from)[ \t]+$")
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


def name_subject(
    exchanges: list[list[Turn]], blocks: list[Block], title: str | None = None
) -> list[list[Turn]]:
    if not any(t.speaker == SUBJECT for ex in exchanges for t in ex):
        return exchanges
    labelled = [t.speaker for ex in exchanges for t in ex[1:] if t.speaker not in (SUBJECT, None)]
    subject = (labelled[0] if labelled else None) or _subject_name(blocks, title) or "Interviewee"
    return [
        [Turn(subject if t.speaker == SUBJECT else t.speaker, t.text) for t in ex]
        for ex in exchanges
    ]
