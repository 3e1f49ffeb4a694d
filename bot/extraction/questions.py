"""Find the discussion questions a document puts to its reader."""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, replace

from .blocks import HEADING, ITEM, PARA, TABLE, Block, emphasis_only, row_cells
from .pronouns import FIRST_PERSON, I_SELF, PERSONAL, WE_ASK, YOU
from .sentences import abbreviation_at

logger = logging.getLogger(__name__)

_SECTION = re.compile(
    r"question|discuss|reflection|reflect|prompt|talking point|think about|consider|"
    r"conversation starter|to ponder|study guide|viewing guide|reading guide|discussion guide|"
    r"book club|film club|let['’]?s talk|your turn|over to you|for further thought|"
    r"things to think|food for thought|points to|topics for|worksheet|ask yourself|"
    r"questions to ask|for you to consider|"
    # a viewing guide's stages: "Before you watch", "While viewing", "After the film"
    r"(?:before|while|during|after) (?:you )?(?:watch|view)|pre-?viewing|post-?viewing",
    re.I,
)
_ANSWER_START = re.compile(
    r"^(?:yes|no|nope|yeah|yep|sure|absolutely|definitely|probably|maybe|perhaps|not really|"
    r"of course not|kind of|sort of|well|the answer|because|simple|easy|obviously|certainly|"
    r"indeed|exactly|not at all|not quite|hardly|never|always|it depends|depends|"
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
# "…, don't you think?": a tag that hands the point to the reader, unlike "…, isn't it?"
_ASKS_READER_TAG = re.compile(
    r",\s*(?:don['’]t|do|wouldn['’]t|would) you (?:think|agree|say)\s*\?$", re.I
)
_RHETORIC = re.compile(
    r"\b(?:did you know|who knew|guess what|remember when|you know what|"
    r"what['’]?s not to (?:love|like)|who (?:could|would) have (?:thought|guessed|known|predicted)|"
    r"what (?:more|else) could (?:you|one|we) (?:ask|want)|what could (?:possibly )?go wrong|"
    r"am i (?:right|wrong|crazy)|how cool is that|need i say more|"
    r"what['’]s the worst that could happen|need (?:i|we) say more|"
    # exasperation, not a question put to anyone: "Why the f**k did they add that scene?"
    r"(?:why|what|how|who|where) the (?:f[\w*]*k\w*|hell|heck|devil|frick\w*)|"
    r"is there (?:a|any) (?:better|greater|finer|scarier|funnier|more \w+)|"
    # "Who goes to see a dinosaur movie and expects…?", "Who doesn't love…?": nobody does
    r"^who (?:goes|cares|doesn['’]t|does not|wouldn['’]t|didn['’]t|expects|needs|wants|"
    r"actually|really|honestly|even|in their right mind)|who['’]s to say|"
    # "Who else at this age could direct and act the way he does?": nobody else could
    r"^who else\b[^?]{0,40}?\b(?:could|can|would)\b|^who but\b)\b",
    re.I,
)
_MARKER = re.compile(
    # ("**Q3.** Which scene …?", "__2.__ How …?": a number set in bold is a marker too)
    r"^(?:(?:\*\*|__)(?:\d{1,3}[.)]|(?:Q|Question|Prompt)\s*\d{1,3}\s*[.:)])(?:\*\*|__)|"
    r"\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|[-*+•●▪◦‣➢■□○◆♦\uf0b7\uf0a7\uf076\uf0d8]|"
    r"(?:Q|Question|Prompt)\s*\d{1,3}\s*[.:)]|Q[.:])[ \t]+"
)
_PROMPT_VERBS = (
    r"think|reflect|consider|discuss|describe|explain|compare|contrast|imagine|write|list|"
    r"identify|explore|share|name|choose|pick|tell|talk|look|notice|recall|remember|"
    r"analy[sz]e|evaluate|examine|summari[sz]e|argue|debate|decide|predict|find|trace|rank|"
    r"watch|listen|try|pay attention|make"
)
_IMPERATIVE = re.compile(rf"^(?:\*\*|__)?(?:{_PROMPT_VERBS})\b", re.I)
# A guide's prompt without a question mark: an imperative to think, say or write something.
_THINKING = re.compile(
    rf"^(?:\*\*|__)?(?:{_PROMPT_VERBS}|connect|relate|define|interpret|justify|assess|"
    r"see (?:if|whether|how|what))\b",
    re.I,
)
# A task that asks the reader to produce something (not "Watch the trailer below.")
_TASK = re.compile(
    r"^(?:\*\*|__)?(?:write|describe|explain|summari[sz]e|list|compare|contrast|discuss|"
    r"identify|analy[sz]e|evaluate|reflect on|predict|rank|argue)\b",
    re.I,
)
TASK_MAX_WORDS = 40
TASK_MAX_SENTENCES = 2  # ("Write a paragraph about voyeurism. Use two examples.")
_LABEL_PREFIX = re.compile(
    # ("**Warm-up (5 min):** Ask students: …": a lesson step's label, its timing aside)
    r"^(?:\*\*|__)?[A-Z][\w'’ -]{0,40}?(?:\s*\([^()\n]{1,30}\))?:(?:\*\*|__)?\s+(?=[A-Z])"
)
# The sheet's directions, not a prompt: "Watch the film and answer the questions below."
_DIRECTIONS = re.compile(
    r"\b(?:answer|complete|respond to|fill in|work through)\s+(?:the|each|all|these|every)\s+"
    r"(?:of\s+the\s+)?(?:following\s+)?(?:questions?|prompts?|tasks?|exercises?)\b",
    re.I,
)
# A form's field, not a prompt: "Name: ________ Date: ______"
_FORM_FIELD = re.compile(r"^(?:\*\*|__)?[A-Z][\w ]{0,20}:(?:\*\*|__)?\s*_{3,}")
_RESEARCH = re.compile(r"(?:\*\*|__)?(?:research|investigate|interview|visit|read)\b", re.I)
_GOES_WITHOUT_SAYING = re.compile(
    r"^\W*(?:(?:and|but|so)\s+)?(?:who|what)\s+(?:could|would|can)\s+(?:possibly|ever|really)\b|"
    r"^\W*(?:(?:and|but|so)\s+)?who\s+(?:wouldn['’]t|doesn['’]t|didn['’]t|isn['’]t|hasn['’]t|"
    r"can['’]t|couldn['’]t)\b|\bwho among us\b|^\W*what could be more\b",
    re.I,
)
_ARGUES_ON = re.compile(r"(?:and|but|so|yet|or)\b", re.I)
_CONJ = re.compile(r"^(?:and|but|so|or|yet|then|still|now|well|okay|ok)\s+", re.I)
_DASH_CLAUSE = re.compile(r"\s[-–—]\s+(?=\S)")
_QSTART = re.compile(
    r"^(?:what|how|why|when|where|who|whom|whose|which|is|are|was|were|am|do|does|did|can|could|"
    r"would|will|should|shall|have|has|had|may|might|must|isn['’]t|aren['’]t|wasn['’]t|"
    r"weren['’]t|don['’]t|doesn['’]t|didn['’]t|won['’]t|wouldn['’]t|can['’]t|couldn['’]t|"
    r"shouldn['’]t|haven['’]t|hasn['’]t|wouldn|in what|to what|in which|for whom|by what|anyone|anybody|has anyone|does anyone)\b"
    # French and Spanish interrogatives ("Qu’en pensez-vous ?", "¿Qué harías tú?")
    r"|^(?:et\s+vous\s*,\s*)?(?:qu['’]|que\b|quel(?:le)?s?\b|comment\b|pourquoi\b|où\b|quand\b|"
    r"qui\b|combien\b|est-ce\b|avez-vous\b|pensez-vous\b|¿|"
    # Portuguese, Italian and German ("O que é roubo?", "Perché…?", "Warum…?")
    r"o que\b|por que\b|por quê\b|como\b|quando\b|onde\b|quem\b|qual\b|quais\b|"
    r"perché\b|dove\b|chi\b|quale\b|che cosa\b|warum\b|wie\b|wann\b|wer\b|welche\w*|"
    # Dutch, Norwegian/Danish and Swedish ("Waarom…?", "Hvorfor…?", "Varför…?")
    r"wat\b|waarom\b|hoe\b|wanneer\b|waar\b|welk\w*|hva\b|hvorfor\b|hvordan\b|hvem\b|"
    r"hvilk\w*|når\b|vad\b|varför\b|hur\b|vem\b|vilk\w*|när\b)",
    re.I,
)
# Languages that ask with a particle or a question word inside the sentence (Turkish: "Bu acı
# gerçekler mi, … mı?", "Gerçekten neyi istiyorsun?"), not at its start.
_ASKS_WITHIN = re.compile(
    r"\s(?:mi|mı|mu|mü|misin|mısın|musun|müsün|miyiz|mıyız|neyi|neler|neden|nasıl|niçin|niye|"
    r"hangi|nerede|nereye|kimi|kime)(?:[\s,?]|$)"
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
# A lead-in that hands the question to the reader: "Ask yourself: would you …?"
_READER_LEAD = re.compile(
    r"^(?:ask your(?:self|selves)|ask (?:the |your )?(?:students|class|group|participants|"
    r"audience|viewers)|think about (?:it|this)|consider (?:this|the following)|tell me|"
    r"be honest|now|so|then|here['’]s (?:my|the|a|one) question(?: for you)?|"
    r"(?:my|the|one|a|the real|the big) question (?:for you )?(?:is|then)|I ask you|"
    r"I['’]ll ask you|I want to ask you|I(?:['’]d| would) ask you|"
    # "…you might still be annoyed that I haven’t answered the question: what does…?"
    r".{0,200}\b(?:answered|asked|left|remains?|raises?) the (?:big |real |central )?question)\W*$",
    re.I,
)
_ANSWER_LINE = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?:(?:(?:suggested|sample|possible|model|expected)\s+)?"
    r"(?:answer|ans|my answer|response)s?[.:]|a:)",
    re.I,
)
# "… What does the movie tell us? Suggested Response: The film tells us …": a teacher's
# guide runs the answer on in the item; the prompt ends before it
_ANSWER_INLINE = re.compile(
    r"(?<=[?.!”\"])[ \t]+(?:\*\*|__)?(?:suggested|sample|possible|model|expected)\s+"
    r"(?:answer|response)s?[.:]",
    re.I,
)
_ITEM_LINE = re.compile(r"^([ \t]*)([-*+•]|\d{1,3}[.)])[ \t]+")


@dataclass
class QuestionHit:
    """A discussion prompt found at ``start`` of block ``block``."""

    block: int
    start: int
    text: str
    prompt: bool = False  # introduced as a prompt ("Discussion questions: …")


_SENTENCE_CHAR = re.compile('[()\\[\\]“”".!?…\n]')


_NESTED_ITEM = re.compile(r"[ \t]+(?:[-*+•]|\d{1,3}[.)])[ \t]+")


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
    skip_to = 0
    for mark in _SENTENCE_CHAR.finditer(text):  # no other character changes the state
        i = mark.start()
        if i < skip_to:
            continue  # the run of marks and spaces after a sentence end
        ch = mark.group()
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
                skip_to = j
                continue
        elif ch == "\n" and i + 1 < n and text[i + 1] == "\n":
            depth = 0
            in_curly = in_straight = False
        elif ch == "\n" and _NESTED_ITEM.match(text, i + 1):
            # "Review\n    - What do you remember…?": a nested item's line starts anew
            if text[start:i].strip():
                out.append((start, i, text[start:i].rstrip().endswith("?")))
            start = i + 1
            depth = 0
            in_curly = in_straight = False
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


def _announces_sub_questions(b: Block) -> bool:
    """An item whose own line ends with a colon and whose sub-items ask ("In groups, students
    answer:" then "- How does colour…?")."""
    first = b.text.split("\n", 1)[0].rstrip(" *_")
    return bool(b.sub) and first.endswith(":") and any("?" in s for s in b.sub)


def _item_text(b: Block) -> str:
    """An item's text without the non-question sub-items typed under it (answers)."""
    cut = _ANSWER_INLINE.search(b.text)
    lines = (b.text[: cut.start()] if cut else b.text).split("\n")
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
            # A sub-question or a sub-prompt ("Consider …", "See if you can …") is part of
            # the item; an answer typed under it is not.
            nested_keep = "?" in " ".join(body) or bool(_THINKING.match(line[m.end() :]))
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


# (a quotation left open at its paragraph's end goes on in the next: it runs to the end)
_QUOTED = re.compile(
    r"“[^”]{0,3000}”|“[^”“]*$|\"[^\"\n]{0,3000}\"|\"[^\"\n]*$|‘[^’]{0,3000}’(?!\w)"
)


def has_author_voice(blocks: list[Block], skip: set[int]) -> bool:
    """Does the prose speak as "I"/"we" or to "you" (an essay, a blog), rather than report in
    the third person (news, a synopsis)? Quotations and dialogue do not count."""
    budget = 200_000
    for i, b in enumerate(blocks):
        if i in skip or b.kind not in (PARA, ITEM) or b.quote:
            continue
        text = _QUOTED.sub(" ", b.text[:20_000])
        if PERSONAL.search(text):
            return True
        budget -= len(text)
        if budget <= 0:
            break
    return False


# -- judgements -----------------------------------------------------------------------------
# Each judgement is one scored function over named features, with a named threshold. Weights
# were set by hand on the shapes of real documents (guides, essays, lecture notes, interviews)
# and checked on the development split of the labelled corpus.

ITEM_THRESHOLD = 2.5


@dataclass(frozen=True)
class ItemFeatures:
    """What decides whether a list item is a discussion prompt."""

    question: bool  # holds a question sentence
    guide_list: bool  # in a list whose items are mostly questions
    section: bool  # under a "Discussion questions"-like heading
    thinking: bool  # opens with a thinking verb ("Describe", "Compare", "Consider")
    procedural: bool  # an instruction about the session ("Assign a notetaker", "Pray")
    prayer: bool  # a prayer ("Lord, …", "… Amen.")
    title_like: bool = False  # a short name, no sentence ("(1) The search for happiness")
    interviewer: bool = False  # an interview's question ("1. What motivated you?" / "I …")
    announces: bool = False  # a step whose lead-in announces the questions under it ("2. In
    # groups, students answer:" then "- How does colour tell us about the period?")
    pointer: bool = False  # it asks only to point elsewhere ("Interested in TF-IDF? Check out:
    # https://…", "Like this episode? Subscribe…"): the page's pointer, not a prompt
    answered: bool = False  # every question in it is answered at once or rhetorical (a list
    # of films: "**The Thing** – Who can you trust? Nobody, in Carpenter's paranoia.")


def item_score(f: ItemFeatures) -> float:
    """A list item is a prompt when it asks (or tells the reader to think) inside a guide."""
    return (
        2.0 * f.question
        + 1.0 * f.guide_list
        + 2.0 * f.section
        + 1.5 * f.thinking
        + 1.5 * f.announces
        - 2.5 * f.procedural
        - 6.0 * f.prayer
        - 3.0 * f.title_like
        - 6.0 * f.interviewer
        - 6.0 * f.pointer
        - 3.0 * (f.answered and not f.section and not f.thinking)
    )


PROSE_THRESHOLD = 1.5
BATTERY = 3  # questions in a row that lay out a question to weigh


@dataclass(frozen=True)
class ProseFeatures:
    """What decides whether a question sentence in running text is put to the reader."""

    section: bool  # under a "Discussion questions"-like heading
    prompt: bool  # introduced as a prompt ("Discussion question: …")
    reader: bool  # addresses the reader ("you", "your")
    voice: bool  # the document speaks as I/we or to "you" (an essay, a blog, a guide)
    ends_block: bool  # the paragraph ends with it (or with its run of questions)
    opens_and_goes_on: bool  # it opens its paragraph, and statements follow (the paragraph
    # answers it: "Why are we so obsessed with endings? My own story …")
    answered: bool  # answered at once ("Kind of.", "Because …", "I think so.", next paragraph)
    heading_next: bool  # a heading or a label line follows it (what follows answers it)
    opens_section: bool  # the first paragraph under a heading asks it (the section answers it)
    closing: bool  # the last paragraph of the document asks it
    left_open: bool  # what follows leaves it open or hands it to the reader ("I have never
    # found out", "I'd love to hear yours", "let me know", "I'm voting for …")
    interviewer: bool  # an emphasised question answered by a plain paragraph (an interview)
    prayer: bool  # a prayer
    leading: bool = False  # a negative question expecting "yes" ("Shouldn't music be …?")
    alone: bool = False  # the paragraph is this question (or its run of questions) alone
    mid_and_goes_on: bool = False  # statements come before and after it: the author's own
    # question inside an argument ("… But why is this so? Significantly, the word …")
    inclusive: bool = False  # asked as "we" ("why wouldn't we?"): the reader is asked along
    aside: bool = False  # an item of a list of statements (running notes, not prompts)
    lesson_step: bool = False  # alone on a sub-item of a lesson plan's steps: the teacher
    # asks the class ("- Review\n    - What do you remember about where we left off?")
    blanks: bool = False  # answer blanks follow ("____"): a worksheet's prompt
    own: bool = False  # the author asks about their own mind ("Am I to infer …?")
    speech: bool = False  # among a run of short lines that are mostly not questions: lines
    # someone speaks (subtitles, a script or lyrics set as paragraphs), not prompts
    quiz: bool = False  # asks whether the reader knows a fact ("Do any of you know who the
    # actress is?"): a knowledge check the author answers, not a discussion prompt
    argues_on: bool = False  # opens with "But", "And", "So", "Yet" or "Or": the author's
    # argument going on ("But what about the rest of America?", "And why not?"), not a prompt
    battery: bool = False  # one of a run of three or more questions ("But is space capable
    # of betrayal? Or do we blame the creator…? Or do we point to the people…?"): questions
    # laid out to weigh, not one rhetorical turn of an argument
    run_reader: bool = False  # a question of its run addresses the reader ("But what price is
    # too high? What happens if, in protecting what you love, …?"): put to the reader together
    run_inclusive: bool = False  # a question of its run asks as "we" ("Or do we blame the
    # creator…?"): the reader is asked along; a run in mid-paragraph asked neither as "we"
    # nor to "you" is the author's own list ("What I am looking for in a review is… How is
    # the pacing? Is it a flick I can watch at leisure? … But all we get is plot")
    for_class: bool = False  # the statement before its run tells the teacher to put it to the
    # class ("Show students a still from the film. What do they notice first? Why?")
    rhetorical: bool = False  # its answer goes without saying ("Who could possibly disagree
    # with Leo's decision?", "Who wouldn't give up everything?", "What could be more…?")


def prose_score(f: ProseFeatures) -> float:
    """An open question to the reader, not the author's own question answered at once."""
    score = (
        3.0 * f.section
        + 3.0 * f.prompt
        + 3.0 * f.for_class
        + 2.0 * f.reader
        + 1.5 * f.voice
        + 1.0 * f.ends_block
        - 2.0 * (f.opens_and_goes_on and not f.reader)
        - 4.0 * f.answered
        + 1.0 * f.closing
        + 2.0 * f.left_open
        - 1.5 * (f.heading_next and not (f.reader or f.section or f.for_class))
        - 2.0 * (f.opens_section and not (f.reader or f.section or f.for_class))
        - 6.0 * f.interviewer
        - 6.0 * f.prayer
        - 1.5 * (f.leading and not f.reader)
        + 0.5 * f.alone
        - 2.5
        * (
            f.mid_and_goes_on
            and not f.inclusive
            and not f.left_open
            and not (f.battery and (f.run_reader or f.run_inclusive))
        )
        - 4.0 * (f.speech and not f.section and not f.prompt)
        + 4.0 * f.blanks
        - 2.0 * (f.own and not f.reader and not f.section and not f.prompt)
        - 4.0 * (f.aside and not f.section and not f.prompt and not f.lesson_step)
        + 2.0 * f.lesson_step
        - 4.0 * (f.quiz and not f.section and not f.prompt)
        - 1.5
        * (
            f.argues_on
            and not (f.reader or f.run_reader)
            and not f.section
            and not f.prompt
            and not f.battery
        )
        - 2.5 * (f.rhetorical and not f.section and not f.prompt)
    )
    return score


_PROCEDURAL = re.compile(
    r"^(?:\*\*|__)?(?:assign|appoint|bring|pass|hand out|distribute|divide|split into|form|"
    r"gather|sit|stand|turn to|open (?:with|in)|close (?:with|in)|begin (?:with|by)|start (?:with|by)|"
    r"end (?:with|by)|pray|let us pray|read (?:aloud|together)|sing|light|answer the|"
    r"complete the|fill (?:in|out)|set a timer|take (?:a|five|ten) (?:break|minutes))\b",
    re.I,
)
# A prayer: addressed to God at the start of a sentence ("Lord, …", "Dear God, …"), or said
# in prayer's own words ("in Jesus' name", "let us pray", "… Amen.").
_PRAYER = re.compile(
    r"(?:^|[.!?]\s+|\n)[*_“\"]*(?:O |Oh |Dear |Heavenly |Almighty |Gracious |Loving )?"
    r"(?:Lord|God|Father|Jesus)(?: God| Jesus| in heaven)?[,!]|"
    r"in Jesus['’] name|\bAmen[.!]?[*_”\"]*\s*$|\blet us pray\b|\bwe pray\b",
)
# A prompt under a code ("1A:", "Q3.", "2)") set in quotation marks.
_CODED_QUESTION = re.compile(
    r"^(?:\(?(?:\d{1,3}[A-Za-z]?|[A-Z]\d{1,3}|Q\d{0,3})[.:)][ \t]+)?[“\"]([^“”\"\n]{3,600}\?)[”\"]$"
)
# A negative question that expects "yes": the author's point put as a question.
_LEADING = re.compile(
    r"^(?:isn['’]t|aren['’]t|wasn['’]t|weren['’]t|doesn['’]t|don['’]t|didn['’]t|shouldn['’]t|"
    r"wouldn['’]t|couldn['’]t|can['’]t|won['’]t|haven['’]t|hasn['’]t|hadn['’]t)\b",
    re.I,
)
_LEFT_OPEN = re.compile(
    r"\b(?:never (?:found|figured) (?:it )?out|(?:don['’]t|do not|still don['’]t) know|no idea|"
    r"not sure|who knows|I (?:still )?wonder|hear (?:yours|from you|what you)|let me know|"
    r"tell me|in the comments|what do you think|your (?:thoughts|theory|take|answers?|views?)|"
    r"I['’]m voting|I vote|my (?:vote|money) is on|I have my (?:theory|suspicions|guess)|"
    r"can(?:not|['’]t|not quite) (?:decide|come to (?:a|any) (?:\w+ )?(?:decision|conclusion)|"
    r"make up my mind)|(?:keep|kept) turning it over|I['’]m (?:still )?torn|"
    # "It is hard to characterize.": no answer given
    r"(?:hard|difficult|impossible) to (?:say|tell|answer|know|decide|judge|characteri[sz]e)\b|"
    # "We all have our own answers to these questions": handed to every viewer
    r"(?:our|their|your) own answers?|answers? (?:to )?(?:these|those) questions|up to (?:you|the viewer))",
    re.I,
)
_QUIZ = re.compile(
    r"\b(?:do|does|did|can|could)\s+(?:any(?:one|body)?(?: of you)?|you|you all|y['’]all)\s+"
    r"(?:know|remember|recall|guess|name|tell me)\s+(?:who|what|where|when|which|how (?:many|much|old|long))\b",
    re.I,
)
_BLANKS = re.compile(r"[ \t*_]*(?:\n[^\n_]{0,40})?_{4,}")


def _title_like(text: str) -> bool:
    """A short name rather than a sentence: no question, no closing punctuation."""
    t = text.strip().rstrip("*_ ")
    return (
        "?" not in t
        and not t.endswith((".", "!", ":", ";", "…", ")", "”", '"'))
        and (_words(t) <= 8)
    )


def _is_prayer(text: str) -> bool:
    return bool(_PRAYER.search(text[:2000]))


def _bullet_kind(marker: str) -> str:
    if not marker:
        return ""
    m = marker.lstrip("(")
    if m[:1].isdigit():
        return "n"
    return "l" if m[:1].isalpha() else "b"  # "a)", "(b)", "ii.": lettered; "-", "•": bullets


def _interviewer_questions(blocks: list[Block], skip: set[int]) -> set[int]:
    """Interviews set their questions apart with no speaker label: a paragraph wholly in bold
    or italics (or a heading), or a question put to "you" (numbered or not), answered by a
    plain paragraph in the first person ("1. What motivated you …?" / "I wanted to …").
    Two or more such pairs make the document an interview, and those questions belong to it."""
    found: set[int] = set()
    n = len(blocks)
    for i, b in enumerate(blocks):
        t = b.text.strip()
        if i in skip or not t.rstrip("*_ ").endswith("?") or "\n" in t or len(t) > 400:
            continue
        k = i + 1
        if k >= n or blocks[k].kind != PARA or blocks[k].text.rstrip().endswith("?"):
            continue
        if b.kind == HEADING or (b.kind == PARA and emphasis_only(b)):
            if not emphasis_only(blocks[k]) and not _hint(blocks[k].text):
                found.add(i)
        elif b.kind in (PARA, ITEM) and YOU.search(t):
            if FIRST_PERSON.search(blocks[k].text[:300]) and not emphasis_only(blocks[k]):
                found.add(i)
    return found if len(found) >= 2 else set()


def _label_line(b: Block) -> bool:
    """A label line that starts a new part ("Conceptual approaches:", "**The film's world**"),
    not a short answer typed between a worksheet's items."""
    if not _pseudo_heading(b):
        return False
    first = b.text.strip().split("\n")[0].rstrip("*_ ")
    return first.endswith(":") or emphasis_only(b)


def _lists(blocks: list[Block], skip: set[int]) -> list[list[int]]:
    """The document's lists: runs of items of one kind (bulleted or numbered), allowing a few
    paragraphs typed between them (answers on a worksheet) but not a heading or a label line
    (``Conceptual approaches:``), which starts a new list."""
    out: list[list[int]] = []
    n = len(blocks)
    i = 0
    while i < n:
        if blocks[i].kind != ITEM:
            i += 1
            continue
        top = blocks[i].indent
        kind = _bullet_kind(blocks[i].marker)
        j = i
        last = i
        while j < n:
            bj = blocks[j]
            if bj.kind == ITEM:
                if bj.indent <= top and kind and _bullet_kind(bj.marker) not in ("", kind):
                    break
                last = j
            elif not (bj.kind == PARA and j - last <= 3 and not _label_line(bj)):
                break
            j += 1
        out.append(
            [
                k
                for k in range(i, last + 1)
                if blocks[k].kind == ITEM and k not in skip and blocks[k].indent <= top
            ]
        )
        i = last + 1
    return out


def _callout_items(blocks: list[Block]) -> set[int]:
    """Items of a block-quoted list that the author's own lead-in in the same block quote
    introduces ("> **Optional Follow-up**: … consider the following:" then "> * How does…?"):
    a callout box of the page, not a quotation."""
    out: set[int] = set()
    lead_ok = False
    for i, b in enumerate(blocks):
        if not b.quote:
            lead_ok = False
            continue
        if b.kind == PARA:
            t = b.text.rstrip(" *_")
            lead_ok = t.endswith(":") and not _QUOTED_SPAN_START.match(t)
        elif b.kind == ITEM and lead_ok:
            out.add(i)
        else:
            lead_ok = False
    return out


_QUOTED_SPAN_START = re.compile(r"^[\s*_]*[“\"«]")


def find_questions(
    blocks: list[Block], skip: set[int], *, prose_from: int = 0
) -> list[QuestionHit]:
    """Discussion questions: guide items, question sections, and open questions in prose
    (those only from block ``prose_from`` on)."""
    hits: list[QuestionHit] = []
    n = len(blocks)
    voice = has_author_voice(blocks, skip)
    lesson = any(b.kind == HEADING and _LESSON_HEADING.search(b.text) for b in blocks)
    guide_items: set[int] = set()
    asides: set[int] = set()
    lone: list[int] = []
    for items in _lists(blocks, skip):
        # an item that asks and answers at once ("**Q?** A.") is a guest's answer, no prompt
        answered = {k for k in items if _bold_question_answered(_item_text(blocks[k]))}
        asides.update(answered)
        with_q = sum(
            1 for k in items if k not in answered and _has_open_question(_item_text(blocks[k]))
        )
        if len(items) >= 2 and with_q and _self_asked(blocks, items):
            asides.update(items)  # the author's own questions, answered below the list
        elif len(items) >= 2 and with_q * 2 >= len(items) and not _punchline(blocks, items):
            guide_items.update(items)
        elif len(items) >= 3:
            # A list of statements (notes, steps): a question in it is the author wondering,
            # unless the item is a battery of questions (a prompt among a lesson's steps).
            asides.update(
                k
                for k in items
                if _asked(_item_text(blocks[k])) < 3 and not _announces_sub_questions(blocks[k])
            )
        elif len(items) == 1 and with_q:
            lone.append(items[0])
    if guide_items:
        # A guide's one-item list (under its own label) is one prompt too, not sentences.
        guide_items.update(lone)
    hits.extend(_table_questions(blocks, skip))
    callouts = _callout_items(blocks)
    worksheet_levels = _numbered_question_levels(blocks, skip)
    interviewer = _interviewer_questions(blocks, skip)
    speech = _speech_runs(blocks)
    in_section = False
    announced = False  # a paragraph announced the questions to come ("a few questions…:")
    merged: set[int] = set()
    for i, b in enumerate(blocks):
        if i in merged:
            continue
        if b.kind == HEADING or (_pseudo_heading(b) and i not in interviewer):
            asked = (
                _asking_heading(blocks, i, announced)
                if i not in skip and (i not in interviewer or announced)
                else None
            )
            if asked is None and i not in skip and b.kind == HEADING:
                asked = _numbered_task_heading(b, worksheet_levels)
            if asked is not None:
                hits.append(QuestionHit(i, b.text.find(asked), asked))
            in_section = bool(_SECTION.search(b.text)) and len(b.text) < 120
            continue
        if i in skip or (b.quote and i not in callouts):
            continue
        if b.kind == PARA and not announced and _ANNOUNCES_QUESTIONS.search(b.text[-400:]):
            announced = True
        if b.kind == ITEM and i not in skip:
            under = _questions_under_label(blocks, i)
            if under:
                # 'Questions for Section 8.1 "The History of Movies"' over its questions: the
                # item is a label, each question under it a prompt of its own
                guide_items.update(under)
                continue
        if b.kind == ITEM and (i in guide_items or in_section) and (subs := _under_a_label(b)):
            # "- First paragraph:" over "  - Does the first paragraph…?": a label over its
            # prompts (Markdown keeps the nested items in the parent's block)
            hits.extend(QuestionHit(i, start, text) for start, text in subs)
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
            if i in guide_items and k == i + 1 and _asks_below(blocks, i, skip):
                # "8. “I didn’t ask for this.”" and its questions in the paragraph below
                text += "\n\n" + blocks[i + 1].text.strip()
                merged.add(i + 1)
            plain = _MARKER.sub("", text.strip())
            feats = ItemFeatures(
                question=_has_open_question(text),
                guide_list=i in guide_items,
                section=in_section,
                thinking=bool(_THINKING.match(plain)) or (i in guide_items and _asks_after(plain)),
                procedural=bool(_PROCEDURAL.match(plain)),
                prayer=_is_prayer(text),
                title_like=_title_like(text),
                interviewer=i in interviewer,
                announces=_announces_sub_questions(b),
                answered=_answers_itself(plain),
                pointer=_points_elsewhere(plain),
            )
            if _words(text) >= 2 and item_score(feats) >= ITEM_THRESHOLD:
                hits.append(QuestionHit(i, 0, text))
            continue
        if b.kind not in (PARA, ITEM):
            continue
        if in_section and i not in interviewer and not _is_prayer(b.text):
            coded = _CODED_QUESTION.match(b.text.strip())
            if coded:
                # '1A: “What were your favourite games?”': a numbered prompt, quoted
                hits.append(QuestionHit(i, coded.start(1), coded.group(1)))
                continue
            plain = _MARKER.sub("", b.text.strip())
            if b.text.rstrip().endswith("?") or (
                _THINKING.match(plain)
                and not _PROCEDURAL.match(plain)
                and not _DIRECTIONS.search(plain)
                and not _FORM_FIELD.match(plain)
            ):
                text = b.text.strip()
                label = _MARKER.match(text)  # "Q: Why does…?": the label is not the prompt
                hits.append(QuestionHit(i, 0, text[label.end() :] if label else text))
                continue
        if not in_section and i < prose_from:
            continue
        if (
            i > 0
            and blocks[i - 1].kind == HEADING
            and (_THINKING.match(b.text.strip()) or _RESEARCH.match(b.text.strip()))
            and _asked(b.text) >= 2
            and i not in interviewer
        ):
            # "## Career Connection / Research the career of a producer. … What tasks are
            # they expected to perform? Do they specialize…?": a task with its questions, whole
            hits.append(QuestionHit(i, 0, b.text.strip()))
            continue
        if (
            i > 0
            and blocks[i - 1].kind == HEADING
            and b.kind == PARA
            and _TASK.match(b.text.strip())
            and len(_sentences(b.text.strip())) <= TASK_MAX_SENTENCES
            and "?" not in b.text
            and _words(b.text) <= TASK_MAX_WORDS
            and i not in interviewer
        ):
            # "## Film overview / Write a one-line summary of the plot of BLADERUNNER.": the
            # section opens with a task for the class
            hits.append(QuestionHit(i, 0, b.text.strip()))
            continue
        prompt = _quoted_prompt(b.text)
        if prompt is not None:
            hits.append(QuestionHit(i, prompt[0], prompt[1]))
            continue
        nxt = blocks[i + 1] if i + 1 < n else None
        opens = i > 0 and blocks[i - 1].kind == HEADING
        found = _judge_prose(
            b,
            i,
            nxt,
            in_section,
            voice,
            i in interviewer,
            opens,
            i in speech,
            i in asides,
            lesson and b.kind == ITEM,
        )
        stepped = lesson and any("\n" in b.text[: h.start] for h in found)
        if found and b.kind == ITEM and not stepped and _only_questions(b.text):
            # A list item of questions is one prompt, never split into its sentences (a
            # lesson plan's step keeps the question its sub-item asks).
            found = [QuestionHit(i, 0, _MARKER.sub("", b.text.strip()))]
        hits.extend(found)
    return _dedupe(hits)


# A teacher's prompt in a lesson plan: a paragraph (or item) that is only a quotation of
# questions, with no one named as saying it, followed by its sample answer in parentheses
# ("“What do you see? How does it affect …?” (We see …)"). The prompt is the quoted questions;
# a quoted question alone is somebody speaking.
_QUOTED_PROMPT = re.compile(
    r"^(?P<pre>(?:[-*+•][ \t]+|\d{1,3}[.)][ \t]+)?[“\"])(?P<q>[^“”\"\n]{8,2000}\?)[”\"]"
    r"[ \t]*\([^()\n]{2,3000}\)[ \t]*$"
)


def _questions_under_label(blocks: list[Block], i: int) -> list[int]:
    """The sub-items under list item ``i`` when it is a label over them (a few words, no
    question) and most of them ask or set a task; otherwise none."""
    b = blocks[i]
    text = _MARKER.sub("", b.text.strip())
    if "?" in text or _words(text) > 12 or _THINKING.match(text) or "\n" in text.strip():
        return []
    under = []
    k = i + 1
    while k < len(blocks) and blocks[k].kind == ITEM and blocks[k].indent > b.indent:
        under.append(k)
        k += 1
    asking = sum(1 for j in under if "?" in blocks[j].text or _THINKING.match(blocks[j].text))
    return under if len(under) >= 2 and asking * 2 > len(under) else []


def _under_a_label(b: Block) -> list[tuple[int, str]]:
    """The nested items of a Markdown list item whose own line is a label ending in a colon
    ("First paragraph:", "Third paragraph (the most important part!):"), when most of them
    ask: each is a prompt of its own, (start, text) in the block; otherwise none."""
    if not b.sub or "\n" not in b.text:
        return []
    lines = b.text.split("\n")
    label = _MARKER.sub("", lines[0].strip())
    if "?" in label or _words(label) > 12 or _THINKING.match(label):
        return []
    if not label.rstrip(" *_").endswith(":"):
        return []
    subs: list[tuple[int, str]] = []
    pos = len(lines[0]) + 1
    start = end = -1
    indent = 0
    for line in lines[1:]:
        m = _ITEM_LINE.match(line)
        if m:
            if start >= 0:
                subs.append((start, b.text[start:end]))
            start, end, indent = pos + m.end(), pos + len(line), len(m.group(1))
        elif start >= 0 and line.strip() and len(line) - len(line.lstrip()) > indent:
            end = pos + len(line)  # the item's text wrapped onto a line of its own
        elif line.strip():
            return []  # a paragraph of the parent's own between its items
        pos += len(line) + 1
    if start >= 0:
        subs.append((start, b.text[start:end]))
    asking = sum(1 for _s, t in subs if "?" in t or _QSTART.match(t) or _THINKING.match(t))
    return subs if asking * 2 > len(subs) else []


def _quoted_prompt(text: str) -> tuple[int, str] | None:
    m = _QUOTED_PROMPT.match(text.strip())
    if not m:
        return None
    q = m.group("q")
    if not _only_questions(q) or not _QSTART.match(q.lstrip("*_ ")):
        return None
    return text.find(q), q


# After a context sentence, only verbs that ask for thought or talk make the item a prompt
# ("Make copies", "Watch the clip" are a session's steps).
_THINK_AFTER = re.compile(
    r"^(?:think|reflect|consider|discuss|describe|explain|compare|contrast|imagine|choose|"
    r"analy[sz]e|evaluate|interpret|justify|predict|identify|explore|share|argue|debate|"
    r"tell us|talk about)\b",
    re.I,
)


def _asks_after(text: str) -> bool:
    """A guide item whose context sentence is followed by an imperative to think or say
    ("There are many themes … . Choose one theme and describe how …")."""
    sents = _sentences(text)
    if any(_ASKED_FLAT.match(text[s:e].strip(" *_\n")) for s, e, _q in sents):
        return True  # "How does Phil demonstrate some of those stages.": asked, "?" forgotten
    return len(sents) >= 2 and any(
        _THINK_AFTER.match(text[s:e].lstrip("*_ ")) for s, e, _q in sents[1:]
    )


# A question put with a full stop: a question word, then its auxiliary verb at once.
_ASKED_FLAT = re.compile(
    r"^(?:how|what|why|which|who|where|when|in what ways?)\s+(?:do|does|did|is|are|was|were|"
    r"can|could|would|might|should|has|have|had|will)\b[^.?!]*\.$",
    re.I,
)


def _only_questions(text: str) -> bool:
    """Every sentence of the text (outside quotations and asides) is a question."""
    sents = [(s, e, q) for s, e, q in _sentences(text) if text[s:e].strip(" *_\n")]
    return bool(sents) and all(q for _, _, q in sents)


def _judge_prose(
    b: Block,
    i: int,
    nxt: Block | None,
    in_section: bool,
    voice: bool,
    interviewer: bool,
    opens_section: bool,
    speech: bool = False,
    aside: bool = False,
    lesson: bool = False,
) -> list[QuestionHit]:
    """Score each question sentence of a paragraph; keep those over ``PROSE_THRESHOLD``."""
    text = b.text
    if "?" not in text:
        return []
    all_sents = _sentences(text)
    found = _prose_questions(text, i, keep_answered=True, sents=all_sents)
    if not found:
        return []
    sents = [(s, e, q) for s, e, q in all_sents if text[s:e].strip(" *_\n")]
    starts = [s for s, _, _ in sents]
    # For each sentence: the first statement at or after it, and whether only questions
    # come before it (one pass each way: linear in the paragraph).
    first_statement = [len(sents)] * (len(sents) + 1)
    for j in range(len(sents) - 1, -1, -1):
        first_statement[j] = j if not sents[j][2] else first_statement[j + 1]
    only_questions_before = []
    run_start: list[int] = []  # where each sentence's run of questions starts
    seen_statement = False
    for j, (_s, _e, q) in enumerate(sents):
        only_questions_before.append(not seen_statement)
        seen_statement = seen_statement or not q
        run_start.append(run_start[-1] if j and q and sents[j - 1][2] else j)
    # For each run of questions (by its first sentence): does one of them address the reader?
    run_reader: dict[int, bool] = {}
    run_inclusive: dict[int, bool] = {}
    for j, (s0, e0, q) in enumerate(sents):
        if q:
            start = run_start[j]
            if not run_reader.get(start):
                run_reader[start] = bool(YOU.search(_QUOTED.sub(" ", text[s0:e0])))
            if not run_inclusive.get(start):
                run_inclusive[start] = bool(WE_ASK.search(_QUOTED.sub(" ", text[s0:e0])))
    prayer = _is_prayer(text)
    out: list[QuestionHit] = []
    for h, answered in found:
        j = max(0, bisect.bisect_right(starts, h.start) - 1)
        k = first_statement[j + 1] if j + 1 <= len(sents) else len(sents)
        # After this question's run of questions: the end of the paragraph, or statements.
        ends_block = k >= len(sents)
        goes_on = not ends_block
        if goes_on and _THINKING.match(text[sents[k][0] : sents[k][1]].lstrip("*_ ")):
            goes_on = False  # "Is it a happy ending? Explain why or why not.": a prompt going on
        if ends_block and nxt is not None and nxt.kind in (PARA, b.kind) and not answered:
            answered = answered_by_next(text, nxt.text)
        end = h.start + len(h.text)
        step = _sub_item_question(text, h.start, end) if lesson else None
        if step is not None:
            h = replace(h, start=step[0], text=step[1])
        feats = ProseFeatures(
            section=in_section,
            prompt=h.prompt,
            reader=bool(YOU.search(_QUOTED.sub(" ", h.text))),
            voice=voice,
            ends_block=ends_block,
            opens_and_goes_on=goes_on and only_questions_before[j],
            mid_and_goes_on=goes_on and not only_questions_before[j],
            inclusive=bool(WE_ASK.search(h.text)),
            speech=speech,
            aside=aside,
            lesson_step=step is not None,
            own=bool(I_SELF.search(_QUOTED.sub(" ", h.text))),
            blanks=bool(
                _BLANKS.match(text[end : end + 40])
                or (ends_block and nxt is not None and _BLANKS.search(nxt.text[:300]))
            ),
            answered=answered,
            heading_next=ends_block
            and nxt is not None
            and (nxt.kind == HEADING or (_pseudo_heading(nxt) and emphasis_only(nxt))),
            opens_section=opens_section,
            closing=ends_block and nxt is None,
            left_open=False,
            interviewer=interviewer,
            prayer=prayer,
            alone=ends_block and only_questions_before[j],
            leading=bool(_LEADING.match(_CONJ.sub("", h.text.lstrip("*_ "), count=1))),
            quiz=bool(_QUIZ.search(h.text)),
            argues_on=bool(_ARGUES_ON.match(h.text.lstrip("*_ "))),
            battery=(k - run_start[j] >= BATTERY or _alternatives(text, sents, run_start[j], k))
            if j < len(run_start)
            else False,
            run_reader=j < len(run_start) and run_reader.get(run_start[j], False),
            run_inclusive=j < len(run_start) and run_inclusive.get(run_start[j], False),
            rhetorical=bool(_GOES_WITHOUT_SAYING.search(h.text)),
            for_class=j < len(run_start) and _class_cue_before(text, sents, run_start[j]),
        )
        score = prose_score(feats)
        if PROSE_THRESHOLD - 4.5 <= score < PROSE_THRESHOLD:
            # Looked at only when it can decide (the search is the costly feature).
            left_open = bool(_LEFT_OPEN.search(text[end : end + 200]))
            score = prose_score(replace(feats, left_open=left_open))
        if score >= PROSE_THRESHOLD:
            if feats.blanks and ends_block and nxt is not None and _fields(nxt.text):
                # The fields to fill in under it are its sub-prompts: one prompt.
                h = replace(h, text=f"{h.text}\n\n{nxt.text.strip()}")
            out.append(h)
    return out


_CLASS_CUE = re.compile(
    r"^(?:(?:show|ask|have|give|tell|invite|get|remind)\s+(?:the\s+|your\s+)?"
    r"(?:students|class|pupils|learners|group|groups|participants)|"
    r"(?:students|pupils|learners|the class|participants|groups)\s+"
    r"(?:watch|view|look at|discuss|read|note|consider|think about|share|reflect on)|"
    r"(?:in (?:pairs|groups|small groups),\s))\b",
    re.I,
)


def _class_cue_before(text: str, sents: list[tuple[int, int, bool]], start: int) -> bool:
    """Is the sentence before a run of questions a teacher's cue ("Show students a still…")?"""
    if start <= 0:
        return False
    s, e, q = sents[start - 1]
    return not q and bool(_CLASS_CUE.match(text[s:e].strip().lstrip("*_ ")))


# A lesson plan's sections: "## Lesson Plan", "#### Day 1", "Procedure", "Warm-up"
_LESSON_HEADING = re.compile(
    r"\b(?:lesson(?: plan)?|day \d+|class \d+|procedures?|agenda|warm[- ]?up)\b", re.I
)


def _sub_item_question(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The question a sentence ends with when it stands alone on a nested item's line
    ("Review\n    - EQs\n    - What do you remember…?"): where it starts, and its text."""
    line_start = text.rfind("\n", 0, end) + 1
    if line_start == 0:
        return None  # the item's own first line: a prompt of the list, judged as such
    line = text[line_start:end]
    m = _ITEM_LINE.match(line)
    if m is None or not m.group(1) or not line.rstrip().endswith("?"):
        return None
    body = line[m.end() :].strip()
    return (line_start + m.end(), body) if body.count("?") == 1 else None


def _fields(text: str) -> bool:
    """Every line a field to fill in ("Themes: ________")."""
    lines = [ln for ln in text.strip().split("\n") if ln.strip()]
    return bool(lines) and all("____" in ln and "?" not in ln for ln in lines)


SPEECH_RUN = 6  # short lines in a row that make a run of speech
SHORT_LINE = 15  # words


def _speech_runs(blocks: list[Block]) -> set[int]:
    """Paragraphs inside a run of at least ``SPEECH_RUN`` short one-line paragraphs of which
    fewer than half are questions: subtitles, a script or lyrics set as paragraphs. (A guide
    written as one question a paragraph is a run of questions, and stays.)"""
    out: set[int] = set()
    run: list[int] = []

    def close() -> None:
        if len(run) >= SPEECH_RUN:
            asks = sum(1 for k in run if blocks[k].text.rstrip("*_ ").endswith("?"))
            if asks * 2 < len(run):
                out.update(run)
        run.clear()

    for i, b in enumerate(blocks):
        if b.kind == PARA and "\n" not in b.text.strip() and _words(b.text) <= SHORT_LINE:
            run.append(i)
        else:
            close()
    close()
    return out


def _words(s: str) -> int:
    return len(s.split())


def _hint(text: str) -> bool:
    """A guide's hint under its prompt ("Think about her mother and the letter."), not an
    answer in the first person."""
    t = text.strip()
    return bool(_THINKING.match(t)) and _words(t) <= 40 and not FIRST_PERSON.search(t[:300])


# "…about considering a few questions that perhaps were a little difficult to pin down while
# you were watching it:": the text announces the questions that follow (as headings).
_ANNOUNCES_QUESTIONS = re.compile(r"\bquestions\b[^.!?\n]{0,300}:\s*['\"’”]?\s*$", re.I)


def _asking_heading(blocks: list[Block], i: int, announced: bool = False) -> str | None:
    """A guide's prompt set as a (sub)heading or a bold line ("**Why does Anna return?**"),
    not a heading the section below answers: what follows is another such question, nothing,
    a hint ("Think about…"), a field to fill in or a short list, never a plain answer; or
    any question heading after the text announced its questions (``announced``)."""
    b = blocks[i]
    if b.kind == HEADING and b.level <= 1:
        return None  # the document's title
    # "### 4. **Is Benvolio a Montague?**": the number and the emphasis are not the prompt
    t = _MARKER.sub("", b.text.strip().strip("*_#").strip()).strip().strip("*_").strip()
    if not t.endswith("?") or "\n" in t or not 3 <= _words(t) <= 60 or _RHETORIC.search(t):
        return None
    if announced and b.kind == HEADING:
        # "…considering a few questions that were difficult to pin down:" then "## 1. What
        # are feelings?": each section weighs a question it leaves to the reader
        return _MARKER.sub("", t).strip()
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or nxt.kind == HEADING:
        return t
    n = nxt.text.strip()
    if (nxt.kind == PARA and emphasis_only(nxt)) or nxt.kind == ITEM:
        return t if n.rstrip("*_ ").endswith("?") or nxt.kind == ITEM else None
    hint = _hint(n) or "____" in n or (n.endswith("?") and _only_questions(n))
    return t if nxt.kind == PARA and hint and _words(n) <= 40 else None


_NUMBERED_HEADING = re.compile(r"^(?:\*\*|__)?\d{1,3}[.)](?:\*\*|__)?\s+")
# A worksheet's numbered task: "Name three…", "In your own words, explain…"
_WORKSHEET_TASK = re.compile(
    rf"^(?:\*\*|__)?(?:in your own words,?\s+)?(?:{_PROMPT_VERBS}|give|quote|rewrite|"
    r"paraphrase|outline|retell|draw|sketch)\b",
    re.I,
)


def _numbered_question_levels(blocks: list[Block], skip: set[int]) -> set[int]:
    """Heading levels at which a worksheet numbers its questions ("### 4. **Is Benvolio a
    Montague?**"): three or more numbered question headings at one level."""
    counts: dict[int, int] = {}
    for i, b in enumerate(blocks):
        if b.kind == HEADING and i not in skip and b.level > 1:
            t = b.text.strip().strip("*_#").strip()
            if _NUMBERED_HEADING.match(t) and t.endswith("?"):
                counts[b.level] = counts.get(b.level, 0) + 1
    return {level for level, c in counts.items() if c >= 3}


def _numbered_task_heading(b: Block, levels: set[int]) -> str | None:
    """A numbered task among a worksheet's numbered question headings ("### 10. **Name three
    of the strategies Romeo has used.**") is one of its prompts, though it asks no question."""
    if b.level not in levels:
        return None
    t = b.text.strip().strip("#").strip()
    marker = _NUMBERED_HEADING.match(t)
    if marker is None or "\n" in t or not 3 <= _words(t) <= 60:
        return None
    rest = t[marker.end() :].strip()
    return rest.strip("*_").strip() if _WORKSHEET_TASK.match(rest) else None


def _pseudo_heading(b: Block) -> bool:
    if b.kind != PARA or "\n" in b.text.strip() or len(b.text) > 90 or b.marker == "dt":
        return False
    t = b.text.strip()
    if "____" in t:
        return False  # "Themes: ______": a field to fill in, not a title
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


# "For most of the film, I ask two questions:", "I kept wondering:": the author asking
_ASKS_MYSELF = re.compile(
    r"\b(?:I|we)\b[^.?!:]{0,40}\b(?:ask(?:ed)?|wonder(?:ed)?|kept (?:asking|wondering)|"
    r"found myself asking)\b[^.?!]{0,60}:\s*$|\b(?:questions|things) I (?:had|kept)\b[^.?!]{0,60}:\s*$",
    re.I,
)
# "In reality, neither one matters.", "It turns out…": the paragraph after settles them
_SETTLES = re.compile(
    r"^(?:in reality|in the end|as it turns out|it turns out|turns out|neither|none of (?:them|these|it)|"
    r"both|the answers?|spoiler)\b",
    re.I,
)


_PUT_TO_READER = re.compile(
    rf"\b(?:{_PROMPT_VERBS}|ask|answer|respond|questions? (?:for|to)|discussion|prompts?|"
    r"students?|class|group|readers?|viewers?|audience)\b",
    re.I,
)


def _self_asked(blocks: list[Block], items: list[int]) -> bool:
    """A list of the author's own questions ("I ask two questions: 1. Is this story based on a
    real person? 2. Where is it going?") that the paragraph after it settles ("In reality,
    neither one matters."): the author wondering, not prompts for the reader."""
    first, last = items[0], items[-1]
    if first == 0 or last + 1 >= len(blocks):
        return False
    lead, after = blocks[first - 1], blocks[last + 1]
    if lead.kind != PARA or after.kind != PARA or not lead.text.rstrip(" *_").endswith(":"):
        return False
    tail = lead.text[-200:]
    # ("It's also not like unsolved sci-fi questions are unique to LOST:": examples the author
    # brings up, put to nobody; "Ask your group:" or "Consider:" puts them to the reader)
    if not _ASKS_MYSELF.search(tail) and (YOU.search(tail) or _PUT_TO_READER.search(tail)):
        return False
    nxt = after.text.strip().lstrip("*_ ")
    return bool(_SETTLES.match(nxt)) or _opens_an_answer(nxt)


def _punchline(blocks: list[Block], items: list[int]) -> bool:
    """A two-item list that is a question and its short answer ("- What did James do? /
    - Went stag."): a joke or a quiz, not a guide."""
    if len(items) != 2:
        return False
    q, a = (_item_text(blocks[k]).strip() for k in items)
    return _has_open_question(q) and "?" not in a and _words(a) <= 4


_TABLE_RULE = re.compile(r"^[\s|:-]*$")


_ENTRY_LABEL = re.compile(r"^(\*\*|__)[^*_\n]{1,80}\1\s*[–—:-]\s*")


def _points_elsewhere(text: str) -> bool:
    """Is every question of the item followed by a pointer elsewhere ("Check out: …")?"""
    sents = _sentences(text[:5000])
    asks = [k for k, (_, _, q) in enumerate(sents) if q]
    return bool(asks) and all(
        k + 1 < len(sents)
        and _CALL_TO_ACTION.match(text[sents[k + 1][0] : sents[k + 1][1]].strip().lstrip("*_ "))
        for k in asks
    )


_BOLD_QUESTION_ANSWERED = re.compile(r"^(\*\*|__)[^*_\n]{3,300}\?\s*\1(?=\s*\S)")


def _bold_question_answered(text: str) -> bool:
    """ "**Should the Doctor regenerate into a woman?** No. He's such a man.": a question put
    to a guest in bold, answered on the same line (not a hint: "Think about her mother.")."""
    t = text.strip()
    bold = _BOLD_QUESTION_ANSWERED.match(t)
    if bold is None:
        return False
    rest = t[bold.end() :].strip()
    said = [rest[s:e] for s, e, q in _sentences(rest) if not q]
    return _words(rest) >= 3 and bool(said) and not _hint(rest)


def _answers_itself(text: str) -> bool:
    """Does the item ask only questions it answers at once or that ask nobody?"""
    if "?" not in text:
        return False
    if _bold_question_answered(text):
        return True
    text = _ENTRY_LABEL.sub("", text, count=1)  # "**The Thing (1982)** – Who can you trust?…"
    sents = _sentences(text)
    questions = [text[s:e].strip() for s, e, q in sents if q]
    closed = {h.text for h, answered in _prose_questions(text, 0, True, sents) if answered}
    return bool(questions) and all(q in closed or _RHETORIC.search(q) for q in questions)


def _asks_below(blocks: list[Block], i: int, skip: set[int]) -> bool:
    """A guide's item that asks nothing (a quoted line, a scene), its questions in the plain
    paragraph right below it, before the next item."""
    if _has_open_question(_item_text(blocks[i])) or i + 1 >= len(blocks):
        return False
    nxt = blocks[i + 1]
    if nxt.kind != PARA or nxt.quote or i + 1 in skip or _pseudo_heading(nxt):
        return False
    after = blocks[i + 2] if i + 2 < len(blocks) else None
    return _only_questions(nxt.text) and (after is None or after.kind in (ITEM, HEADING))


def _table_cells(blocks: list[Block], skip: set[int]) -> list[list[tuple[int, int, str]]]:
    """Each table's cells (block, offset in the block, text): an HTML table is a run of cell
    blocks, a Markdown table one block of ``| … |`` rows."""
    tables: list[list[tuple[int, int, str]]] = []
    prev = -2
    for i, b in enumerate(blocks):
        if b.kind != TABLE or i in skip:
            continue
        if "|" not in b.text:
            if prev != i - 1 or not tables:
                tables.append([])
            tables[-1].append((i, 0, b.text.strip()))
            prev = i
            continue
        cells: list[tuple[int, int, str]] = []
        at = 0
        for line in b.text.split("\n"):
            if not _TABLE_RULE.match(line):
                cells.extend((i, at + pos, text) for pos, text in row_cells(line))
            at += len(line) + 1
        tables.append(cells)
        prev = -2
    return tables


def _table_questions(blocks: list[Block], skip: set[int]) -> list[QuestionHit]:
    """A worksheet's questions set in a table's cells (an answer column beside them): a
    cell that is a question, in a table with two or more."""
    hits: list[QuestionHit] = []
    for cells in _table_cells(blocks, skip):
        asked = [
            (i, at, t)
            for i, at, t in cells
            # ("Is Lisa more than a love interest? Explain.": the cell is the prompt)
            if (t.rstrip("*_ ").endswith("?") or _asked(t))
            and _words(t) >= 3
            and not _RHETORIC.search(t)
        ]
        if len(asked) >= 2:
            # ... and a task set among them ("Describe how EVE changes over the film.")
            tasks = [
                (i, at, t)
                for i, at, t in cells
                if _TASK.match(t.lstrip("*_ "))
                and 4 <= _words(t) <= TASK_MAX_WORDS
                and (i, at, t) not in asked
            ]
            hits.extend(QuestionHit(i, at, t) for i, at, t in sorted(asked + tasks))
    return hits


def _asked(text: str) -> int:
    """How many question sentences the text holds."""
    return sum(1 for _, _, q in _sentences(text) if q)


def _has_open_question(text: str) -> bool:
    return any(q for _, _, q in _sentences(text))


def _prose_questions(
    text: str,
    k: int,
    keep_answered: bool = False,
    sents: list[tuple[int, int, bool]] | None = None,
) -> list[tuple[QuestionHit, bool]]:
    """Question sentences of a paragraph, each with whether the author answers it at once
    (answered ones only with ``keep_answered``)."""
    out: list[tuple[QuestionHit, bool]] = []
    if "?" not in text:
        return out
    if sents is None:
        sents = _sentences(text)
    for idx, (s, e, isq) in enumerate(sents):
        if not isq:
            continue
        sent = text[s:e].strip()
        s += len(text[s:e]) - len(text[s:e].lstrip())  # (where the words start)
        dash = _DASH_CLAUSE.search(sent) if not _QSTART.match(sent) else None
        if dash and _QSTART.match(sent[dash.end() :]) and _words(sent[dash.end() :]) >= 3:
            # "… the second film in a row to feature a Mamma Mia! actor - could this be a
            # theme of the Sunday Screenings?": the question is the clause after the dash
            s = text.find(sent[dash.end() :], s)
            sent = sent[dash.end() :]
        first = _first_alpha(sent)
        if not first or not (first.isupper() or dash):
            continue
        plain = _MARKER.sub("", sent).lstrip("*_ ")
        lab = _LABEL_PREFIX.match(plain)
        if lab and _POINTER_LABEL.match(lab.group(0)):
            continue  # "Read more: Can streaming save independent film?": another page's title
        prompt = bool(lab and _SECTION.search(lab.group(0)))
        if lab:
            # "Discussion questions: What changes when…?": the label is not the question
            s += sent.find(plain) + lab.end()
            sent = plain = plain[lab.end() :]
        if (
            _words(plain) < 3
            or _RHETORIC.search(plain)
            or (_TAG_Q.search(plain) and not _ASKS_READER_TAG.search(plain))
        ):
            continue
        run_in = None if lab else _MARKER.match(sent)
        if run_in:
            # "… 2. What aspect of the film …?": a list marker run into the text is no part
            # of the question
            s += run_in.end()
            sent = sent[run_in.end() :]
        head, colon, tail = plain.partition(": ")
        if (
            colon
            and _first_alpha(tail)
            # ("Ask yourself, though: How much of your love…?": a capital after the lead too)
            and (not _first_alpha(tail).isupper() or _READER_LEAD.match(_lead_of(head)))
        ):
            # "And if you still have that person: when did you last…?" — a conditional lead-in,
            # then the question, is one question sentence; "But he goes further: how can you…?"
            # reports somebody else's question.
            lead = _lead_of(head)
            if (_SUBORDINATE.match(lead) or _READER_LEAD.match(lead)) and _QSTART.match(tail):
                answered = _answered(text, sents, idx)
                if keep_answered or not answered:
                    prev = bool(out and out[-1][0].prompt)
                    out.append((QuestionHit(k, s, sent, prompt or prev), answered))
            continue
        if (
            not _QSTART.match(plain)
            and not _QSTART.match(_CONJ.sub("", plain, count=1))
            and not _ASKS_READER_TAG.search(plain)
            and not _BLANKS.match(text[e : e + 40])
            and not _ASKS_WITHIN.search(plain)
        ):
            clauses = re.split(r",\s+", plain)
            # "In a world filled with repetition, what if you met someone who looked like
            # you, right down to a scar?": a lead-in, then the question (whole)
            if not (
                len(clauses) > 1
                and _LEAD_IN.match(plain)
                and any(_QSTART.match(c) and _words(c) >= 3 for c in clauses[1:])
            ):
                continue
        # "What were its strengths? Weaknesses?": a one- or two-word question after it is
        # part of it.
        end = idx
        while (
            end + 1 < len(sents)
            and sents[end + 1][2]
            and _words(text[sents[end + 1][0] : sents[end + 1][1]]) <= 2
        ):
            end += 1
        if end > idx:
            sent = text[s : sents[end][1]].strip()
        answered = _answered(text, sents, end)
        if keep_answered or not answered:
            out.append(
                (QuestionHit(k, s, sent, prompt or bool(out and out[-1][0].prompt)), answered)
            )
    return out


_LEAD_ASIDE = re.compile(
    r",?\s+(?:though|then|now|honestly|really|for a moment|for a second)$", re.I
)


def _lead_of(head: str) -> str:
    """A lead-in before a colon without its conjunction or aside ("Ask yourself, though")."""
    return _LEAD_ASIDE.sub("", _CONJ.sub("", head, count=1))


_POINTER_LABEL = re.compile(
    r"^[*_ ]*(?:read more|read next|read also|also read|related|see also|more on this|"
    r"recommended|you may also like|further reading|previously|next|up next|watch|listen)\b",
    re.I,
)
_CALL_TO_ACTION = re.compile(
    r"^(?:check ?(?:it |this |them )?out|visit|sign up|subscribe|click|join us|head (?:over )?to|"
    r"download|follow us|get (?:your|tickets)|book (?:now|your)|buy|e-?mail (?:us|me)|"
    r"contact us|write to us|send us|get in touch|call us)\b",
    re.I,
)
_I_LEAD = re.compile(r"^(?:honestly,?\s+|frankly,?\s+)?I\s+(?:really\s+|just\s+|truly\s+)?", re.I)


def _answered(text: str, sents: list[tuple[int, int, bool]], idx: int) -> bool:
    """The author answers the question at once ("Kind of.", "Because…", "I think so."), or
    a little later in the same paragraph ("… I think it is a film about paying attention.")."""
    if idx + 1 >= len(sents):
        return False
    ns, ne, nq = sents[idx + 1]
    nxt = text[ns:ne].strip().lstrip("*_ ")
    if not nxt:
        return False  # "Compare with other adaptations? ______": a blank to fill in
    if (
        _LEFT_OPEN.match(nxt)
        or _LEFT_OPEN.match(_I_LEAD.sub("", nxt, count=1))
        or (_words(nxt) <= 8 and _LEFT_OPEN.search(nxt))
    ):
        # "I don't know myself.", "It is hard to characterize.": no answer, it stays open
        return False
    if not nq and (_words(nxt) <= 3 or _ANSWER_START.match(nxt) or _ANSWER_SO.search(nxt)):
        return True
    if not nq and _CALL_TO_ACTION.match(nxt):
        return True  # "Interested in TF-IDF? Check out: …": the page's pointer, not a prompt
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


def _alternatives(text: str, sents: list[tuple[int, int, bool]], start: int, stop: int) -> bool:
    """A question and its alternative closing the paragraph ("…maybe El could have too? Or
    would that have been too much?"): two ways laid out to weigh, left to the reader."""
    if stop != len(sents) or stop - start != 2:
        return False
    last = text[sents[stop - 1][0] : sents[stop - 1][1]].lstrip("*_ ")
    return bool(_OR_ALTERNATIVE.match(last))


_OR_ALTERNATIVE = re.compile(
    r"or\s+(?:is|are|was|were|would|will|should|could|can|does|do|did|has|have|had|might|must)\b",
    re.I,
)


def answered_by_next(question_block: str, next_block: str) -> bool:
    """A question ending its paragraph, answered by the next paragraph ("Because it never…")."""
    nxt = next_block.strip().lstrip("*_ ")
    if not nxt:
        return False
    if _words(nxt) <= 4 and nxt.rstrip("*_ ").endswith((".", "!")) and "\n" not in nxt:
        return True  # "What did James do when Lily said no?" / "Went stag.": a punchline
    if nxt[:1] in '“"' and _SAID.search(nxt[:300]):
        return True  # "So can she share any stories?" / "“Unfortunately, no,” Uggams said."
    if _WHO_ASKED.search(question_block[-200:]) and _NAME_IS.match(nxt):
        return True  # "Who was that guy?" / "David Foster Wallace was a writer who…"
    return _opens_an_answer(nxt) or _restates(question_block, nxt)


def _opens_an_answer(nxt: str) -> bool:
    """Does a paragraph open as an answer ("Because…", "I think…", "My two criteria are…")?"""
    return bool(_ANSWER_START.match(nxt) or _OWN_ANSWER.match(nxt) or _ANSWER_PARA.match(nxt))


_WHO_ASKED = re.compile(
    r"(?:^|[.!?]\s+)(?:so\s+|but\s+)?who\s+(?:is|was|are|were)\b[^.!?]{0,80}\?\s*$", re.I
)
_NAME_IS = re.compile(
    r"^[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|di|le|la)){0,4},?\s+(?:was|is|were|are)\b"
)


# A paragraph that sets about answering the question before it: "The question (for audiences)
# is whether…", "My two criteria are…", "First, we have to keep some perspective."
_ANSWER_PARA = re.compile(
    r"^(?:first(?:ly)?,|first of all\b|to answer (?:that|this|it)\b|in short\b|simply put\b|"
    r"the (?:real |big |central )?question (?:\([^()]{0,60}\)\s*)?is (?:whether|if|how|what|why)\b|"
    r"my (?:\w+\s+)?(?:criteria|criterion|answer|reasons?|take|guess) (?:is|are|was|were)\b|"
    r"here['’]s (?:why|how|what|the thing)\b|let me (?:explain|answer)\b|"
    # "One of the arguments that I think is the most forgivable is that…"
    r"(?:one of the|the first|another|a common|the obvious|the simplest|one)\s+(?:\w+\s+)?"
    r"(?:arguments?|answers?|explanations?|reasons?|theor(?:y|ies)|possibilit(?:y|ies)|"
    r"interpretations?|readings?)\b)",
    re.I,
)
_SAID = re.compile(
    r"[”\"],?\s+(?:\w+\s+){0,3}?(?:said|says|replied|replies|answered|answers|laughed|"
    r"laughs|told|tells|admitted|admits|explained|explains|insisted|insists)\b"
)


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)} - _STOP


_STOP = {
    "what",
    "which",
    "where",
    "when",
    "does",
    "that",
    "this",
    "with",
    "have",
    "from",
    "your",
    "there",
    "their",
    "they",
    "would",
    "could",
    "should",
    "about",
    "were",
    "will",
}


def _restates(question_block: str, answer: str) -> bool:
    """ "Is this movie suitable for family viewing?" / "This movie is suitable for family
    viewing, but …": the next paragraph opens by restating the question as a statement
    (a FAQ's answer)."""
    asked = _content_words(question_block.rsplit("?", 1)[0].rsplit(". ", 1)[-1])
    if len(asked) < 2:
        return False
    first = _sentences(answer[:600])
    if not first or first[0][2]:
        return False
    said = _content_words(answer[first[0][0] : first[0][1]])
    return len(asked & said) * 3 >= len(asked) * 2


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
