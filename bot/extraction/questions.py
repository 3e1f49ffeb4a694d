"""Find the discussion questions a document puts to its reader."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .blocks import HEADING, ITEM, PARA, Block
from .sentences import abbreviation_at

logger = logging.getLogger(__name__)

_SECTION = re.compile(
    r"question|discuss|reflection|reflect|prompt|talking point|think about|consider|"
    r"conversation starter|to ponder|study guide|viewing guide|reading guide|discussion guide|"
    r"book club|film club|let['’]?s talk|your turn|over to you|for further thought|"
    r"things to think|food for thought|points to|topics for|worksheet|ask yourself|"
    r"questions to ask|for you to consider",
    re.I,
)
_ANSWER_START = re.compile(
    r"^(?:yes|no|nope|yeah|yep|sure|absolutely|definitely|probably|maybe|perhaps|not really|"
    r"of course not|kind of|sort of|well|the answer|because|simple|easy|obviously|certainly|"
    r"indeed|exactly|not at all|not quite|hardly|never|always|it depends|"
    r"i (?:don['’]t|do not|doubt|think|suspect|believe)|no one|nobody|none)\b",
    re.I,
)
_ANSWER_SO = re.compile(
    r"\b(?:think|thinks|thought|hope|hopes|guess|believe|believes|suppose|seems?|seemed|"
    r"appears?|say|says|said|tell|afraid|imagine|expect)\s+(?:so|not)\b",
    re.I,
)
_OWN_ANSWER = re.compile(
    r"^(?:I think|I believe|I['’]d say|I would say|I['’]d argue|I would argue|in my view|"
    r"for me,|my answer|the answer|the short answer|the real answer)\b",
    re.I,
)
_TAG_Q = re.compile(
    r",\s*(?:isn['’]t|aren['’]t|wasn['’]t|weren['’]t|don['’]t|doesn['’]t|didn['’]t|won['’]t|"
    r"wouldn['’]t|can['’]t|couldn['’]t|shouldn['’]t|hasn['’]t|haven['’]t|right|eh|no|yes|huh|ok|okay)"
    r"(?:\s+\w+){0,2}\s*\?$",
    re.I,
)
_RHETORIC = re.compile(
    r"\b(?:did you know|who knew|guess what|remember when|you know what|"
    r"what['’]?s not to (?:love|like)|who (?:could|would) have (?:thought|guessed|known|predicted)|"
    r"what (?:more|else) could (?:you|one|we) (?:ask|want)|what could (?:possibly )?go wrong|"
    r"am i (?:right|wrong|crazy)|how cool is that|need i say more|"
    r"what['’]s the worst that could happen)\b",
    re.I,
)
_MARKER = re.compile(
    r"^(?:\(?\d{1,3}[.)]|[a-z][.)]|[-*•]|(?:Q|Question|Prompt)\s*\d{1,3}\s*[.:)]|Q[.:])[ \t]+"
)
_IMPERATIVE = re.compile(
    r"^(?:\*\*|__)?(?:think|reflect|consider|discuss|describe|explain|compare|contrast|imagine|"
    r"write|list|identify|explore|share|name|choose|pick|tell|talk|look|notice|recall|remember|"
    r"analy[sz]e|evaluate|examine|summari[sz]e|argue|debate|decide|predict|find|trace|rank|"
    r"watch|listen|try|pay attention|make)\b",
    re.I,
)
_LABEL_PREFIX = re.compile(r"^(?:\*\*|__)?[A-Z][\w'’ -]{0,40}?:(?:\*\*|__)?\s+(?=[A-Z])")
_CONJ = re.compile(r"^(?:and|but|so|or|yet|then|still|now|well|okay|ok)\s+", re.I)
_QSTART = re.compile(
    r"^(?:what|how|why|when|where|who|whom|whose|which|is|are|was|were|am|do|does|did|can|could|"
    r"would|will|should|shall|have|has|had|may|might|must|isn['’]t|aren['’]t|wasn['’]t|"
    r"weren['’]t|don['’]t|doesn['’]t|didn['’]t|won['’]t|wouldn['’]t|can['’]t|couldn['’]t|"
    r"shouldn['’]t|haven['’]t|hasn['’]t|wouldn|in what|to what|in which|for whom|by what|anyone|anybody|has anyone|does anyone)\b",
    re.I,
)
_LEAD_IN = re.compile(
    r"^(?:if|when|given|looking|in|as|since|after|before|now|so|and|but|then|ultimately|finally|"
    r"thinking|considering|beyond|besides|once|while|with|without|at|on|for|from|based|compared|"
    r"like|unlike|overall|also|still|yet|or|perhaps|personally|honestly|seriously)\b",
    re.I,
)
_SUBORDINATE = re.compile(
    r"^(?:if|when|whenever|once|while|since|given|after|before|now that|as long as|unless)\b", re.I
)
_ANSWER_LINE = re.compile(r"^[ \t]*(?:\*\*|__)?(?:(?:answer|ans|my answer|response)[.:]|a:)", re.I)
_ITEM_LINE = re.compile(r"^([ \t]*)([-*+•]|\d{1,3}[.)])[ \t]+")


@dataclass
class QuestionHit:
    """A discussion prompt found at ``start`` of block ``block``."""

    block: int
    start: int
    text: str
    prompt: bool = False  # introduced as a prompt ("Discussion questions: …")


def _sentences(text: str) -> list[tuple[int, int, bool]]:
    """Sentences of a paragraph outside quotes and parentheses: (start, end, is_question).

    A single linear scan; quote and bracket state is tracked so that a '?' inside a
    quotation or an aside does not end a sentence."""
    out: list[tuple[int, int, bool]] = []
    n = len(text)
    start = 0
    depth = 0
    in_curly = False
    in_straight = False
    i = 0
    while i < n:
        ch = text[i]
        if ch == "(" or ch == "[":
            depth += 1
        elif (ch == ")" or ch == "]") and depth:
            depth -= 1
        elif ch == "“":
            in_curly = True
        elif ch == "”":
            in_curly = False
        elif ch == '"':
            in_straight = not in_straight
        elif (
            ch in ".!?…"
            and depth == 0
            and not in_curly
            and not in_straight
            and not (ch == "." and abbreviation_at(text, i))
        ):
            j = i + 1
            while j < n and text[j] in "?!.…*_":
                j += 1
            if j >= n or text[j].isspace():
                out.append((start, j, ch == "?" or "?" in text[i:j]))
                while j < n and text[j].isspace():
                    j += 1
                start = j
                i = j
                continue
        elif ch == "\n" and i + 1 < n and text[i + 1] == "\n":
            depth = 0
            in_curly = in_straight = False
        i += 1
    if start < n and text[start:].strip():
        out.append((start, n, False))
    return out


def _first_alpha(s: str) -> str:
    for ch in s[:50]:
        if ch.isalpha():
            return ch
        if ch in "\"“‘'(":
            return ""
    return ""


def _item_text(b: Block) -> str:
    """An item's text without the non-question sub-items typed under it (answers)."""
    lines = b.text.split("\n")
    keep: list[str] = []
    nested_indent: int | None = None
    nested_keep = True
    for idx, line in enumerate(lines):
        if idx == 0:
            keep.append(line)
            continue
        if _ANSWER_LINE.match(line):
            break  # "Answer: …" typed under the question, and whatever follows it
        m = _ITEM_LINE.match(line)
        ind = len(line) - len(line.lstrip())
        if m:
            nested_indent = len(m.group(0))
            # Keep sub-questions; drop answers (nested items without a question mark).
            body = [line]
            k = idx + 1
            while k < len(lines) and not _ITEM_LINE.match(lines[k]):
                if len(lines[k]) - len(lines[k].lstrip()) >= nested_indent:
                    body.append(lines[k])
                    k += 1
                else:
                    break
            nested_keep = "?" in " ".join(body)
            if not nested_keep:
                break  # an answer typed under the item: the prompt (one piece of text) ends
            keep.append(line)
            continue
        if nested_indent is not None and ind >= nested_indent:
            if nested_keep:
                keep.append(line)
            continue
        nested_indent = None
        keep.append(line)
    return "\n".join(keep).strip()


_PERSONAL = re.compile(
    r"\b(?:I|I['’](?:m|ve|d|ll)|me|my|we|we['’](?:re|ve|d|ll)|us|our|you|your)\b", re.I
)
_QUOTED = re.compile(r"“[^”]{0,3000}”|\"[^\"\n]{0,3000}\"")


def has_author_voice(blocks: list[Block], skip: set[int]) -> bool:
    """Does the prose speak as "I"/"we" or to "you" (an essay, a blog), rather than report in
    the third person (news, a synopsis)? Quotations and dialogue do not count."""
    budget = 200_000
    for i, b in enumerate(blocks):
        if i in skip or b.kind not in (PARA, ITEM) or b.quote:
            continue
        text = _QUOTED.sub(" ", b.text[:20_000])
        if _PERSONAL.search(text):
            return True
        budget -= len(text)
        if budget <= 0:
            break
    return False


def find_questions(
    blocks: list[Block], skip: set[int], *, prose_from: int = 0
) -> list[QuestionHit]:
    """Discussion questions: guide items, question sections, and open questions in prose
    (those only from block ``prose_from`` on, and only when the author addresses a reader)."""
    hits: list[QuestionHit] = []
    n = len(blocks)
    voice = has_author_voice(blocks, skip)
    guide_items: set[int] = set()
    # Lists in which most items are questions are discussion guides.
    i = 0
    while i < n:
        if blocks[i].kind != ITEM:
            i += 1
            continue
        # A list: items at the same indent, allowing a few paragraphs typed between them
        # (answers on a worksheet).
        j = i
        last = i
        while j < n and (blocks[j].kind == ITEM or (blocks[j].kind == PARA and j - last <= 3)):
            if blocks[j].kind == ITEM:
                last = j
            j += 1
        j = last + 1
        items = [
            k
            for k in range(i, j)
            if blocks[k].kind == ITEM and k not in skip and blocks[k].indent <= blocks[i].indent
        ]
        with_q = sum(1 for k in items if _has_open_question(_item_text(blocks[k])))
        if len(items) >= 2 and with_q * 2 >= len(items):
            guide_items.update(items)
        i = j
    in_section = False
    merged: set[int] = set()
    for i, b in enumerate(blocks):
        if i in merged:
            continue
        if b.kind == HEADING or _pseudo_heading(b):
            in_section = bool(_SECTION.search(b.text)) and len(b.text) < 120
            continue
        if i in skip or b.quote:
            continue
        if b.kind == ITEM and (i in guide_items or in_section):
            parts = [_item_text(b)]
            k = i + 1
            answered = False
            while k < n and blocks[k].kind == ITEM and blocks[k].indent > b.indent:
                # Sub-items of a separate list block (HTML): sub-questions join the prompt;
                # an answer typed under it ends it (the prompt stays one piece of the text).
                if "?" not in blocks[k].text:
                    answered = True
                elif not answered:
                    parts.append(blocks[k].text.strip())
                merged.add(k)
                k += 1
            text = "\n".join(parts)
            if _words(text) >= 2:
                hits.append(QuestionHit(i, 0, text))
            continue
        if b.kind not in (PARA, ITEM):
            continue
        if in_section and (
            b.text.rstrip().endswith("?") or _IMPERATIVE.match(_MARKER.sub("", b.text.strip()))
        ):
            hits.append(QuestionHit(i, 0, b.text.strip()))
            continue
        if in_section:
            hits.extend(_prose_questions(b.text, i))
        elif i >= prose_from:
            # In third-person reporting, a question followed by more sentences is rhetorical
            # (the text answers it); one that ends its paragraph, or turns to the reader, is open.
            tail = b.text.rstrip()
            found = [
                h
                for h in _prose_questions(b.text, i)
                if voice or h.prompt or _PERSONAL.search(h.text) or tail.endswith(h.text.rstrip())
            ]
            nxt = blocks[i + 1] if i + 1 < n and blocks[i + 1].kind == PARA else None
            if found and nxt is not None and tail.endswith(found[-1].text.rstrip()):
                if answered_by_next(b.text, nxt.text):
                    found.pop()  # "So why does it still work?" / "Because it never explains…"
            hits.extend(found)
    return _dedupe(hits)


def _words(s: str) -> int:
    return len(s.split())


def _pseudo_heading(b: Block) -> bool:
    if b.kind != PARA or "\n" in b.text.strip() or len(b.text) > 90 or b.marker == "dt":
        return False
    t = b.text.strip()
    return (
        b.bold
        or (t.endswith(":") and _words(t) <= 8)
        or (t.startswith(("**", "__")) and t.rstrip(":").endswith(("**", "__")) and _words(t) <= 10)
        or (
            # A short title line in plain text: "Discussion Questions", "About the film".
            len(t) <= 60
            and _words(t) <= 8
            and not t.endswith((".", "?", "!", ",", ";", "…", '"', "”", "’"))
            and t[:1].isupper()
        )
    )


def _has_open_question(text: str) -> bool:
    return any(q for _, _, q in _sentences(text))


def _prose_questions(text: str, k: int) -> list[QuestionHit]:
    out: list[QuestionHit] = []
    if "?" not in text:
        return out
    sents = _sentences(text)
    for idx, (s, e, isq) in enumerate(sents):
        if not isq:
            continue
        sent = text[s:e].strip()
        first = _first_alpha(sent)
        if not first or not first.isupper():
            continue
        plain = _MARKER.sub("", sent).lstrip("*_ ")
        lab = _LABEL_PREFIX.match(plain)
        prompt = bool(lab and _SECTION.search(lab.group(0)))
        if lab:
            # "Discussion questions: What changes when…?": the label is not the question
            s += sent.find(plain) + lab.end()
            sent = plain = plain[lab.end() :]
        if _words(plain) < 3 or _RHETORIC.search(plain) or _TAG_Q.search(plain):
            continue
        head, colon, tail = plain.partition(": ")
        if colon and _first_alpha(tail) and not _first_alpha(tail).isupper():
            # "And if you still have that person: when did you last…?" — a conditional lead-in,
            # then the question, is one question sentence; "But he goes further: how can you…?"
            # reports somebody else's question.
            if _SUBORDINATE.match(_CONJ.sub("", head, count=1)) and _QSTART.match(tail):
                if _answered(text, sents, idx):
                    continue
                out.append(QuestionHit(k, s, sent, prompt or bool(out and out[-1].prompt)))
            continue
        if not _QSTART.match(plain) and not _QSTART.match(_CONJ.sub("", plain, count=1)):
            clauses = re.split(r",\s+", plain)
            if not (len(clauses) > 1 and _LEAD_IN.match(plain) and _QSTART.match(clauses[-1])):
                continue
        if _answered(text, sents, idx):
            continue
        out.append(QuestionHit(k, s, sent, prompt or bool(out and out[-1].prompt)))
    return out


def _answered(text: str, sents: list[tuple[int, int, bool]], idx: int) -> bool:
    """The author answers the question at once ("Kind of.", "Because…", "I think so."), or
    a little later in the same paragraph ("… I think it is a film about paying attention.")."""
    if idx + 1 >= len(sents):
        return False
    ns, ne, nq = sents[idx + 1]
    nxt = text[ns:ne].strip().lstrip("*_ ")
    if not nq and (_words(nxt) <= 3 or _ANSWER_START.match(nxt) or _ANSWER_SO.search(nxt)):
        return True
    if not nq and _echoes_auxiliary(text[sents[idx][0] : sents[idx][1]], nxt):
        return True
    for ls, le, lq in sents[idx + 1 : idx + 4]:
        if lq:
            break  # another question: the author is still asking
        if _OWN_ANSWER.match(text[ls:le].lstrip("*_ ")):
            return True
    return False


_AUX = re.compile(
    r"^(?:(?:and|but|so|or)\s+)?(do|does|did|is|are|was|were|am|can|could|will|would|should|"
    r"has|have|had|may|might|must)\b",
    re.I,
)


def _echoes_auxiliary(question: str, reply: str) -> bool:
    """ "Does it make the films better? Sometimes it does, …": a short reply that repeats the
    question's auxiliary verb answers it."""
    m = _AUX.match(question.strip().lstrip("*_ "))
    if not m:
        return False
    aux = m.group(1).lower()
    tail = re.split(r"[,;:—–]", reply)[-1]
    tail_words = [w.lower().strip(".!…") for w in tail.split()]
    if 2 <= len(tail_words) <= 4 and tail_words[-1] in (aux, f"{aux}n't", f"{aux}n’t", "not"):
        return True  # "In an action film, where shots last seconds, it certainly is."
    head = re.split(r"[,;:—–]", reply, maxsplit=1)[0]
    words = [w.lower().strip(".!…") for w in head.split()]
    if not words or len(words) > 5:
        return False
    if _IMPERATIVE.match(reply.strip()):
        return False  # "Is it a happy ending? Explain why or why not.": a prompt going on
    return aux in words or f"{aux}n't" in words or f"{aux}n’t" in words or words[0] == "not"


def answered_by_next(question_block: str, next_block: str) -> bool:
    """A question ending its paragraph, answered by the next paragraph ("Because it never…")."""
    nxt = next_block.strip().lstrip("*_ ")
    return bool(nxt) and bool(_ANSWER_START.match(nxt) or _OWN_ANSWER.match(nxt))


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def _dedupe(hits: list[QuestionHit]) -> list[QuestionHit]:
    """Drop repeats: the same question again, or one that restates a recent one."""
    out: list[QuestionHit] = []
    seen: set[str] = set()
    recent: list[str] = []
    for h in hits:
        n = _norm(h.text)
        if n in seen or any(p in n for p in recent):
            continue
        seen.add(n)
        recent.append(n)
        if len(recent) > 40:
            recent.pop(0)
        out.append(h)
    return out
