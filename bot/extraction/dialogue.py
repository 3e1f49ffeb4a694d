"""Find speaker-labelled dialogue (transcripts, interviews, plays, screenplays) in blocks.

The pipeline, in the order ``find_dialogue`` runs it:

1. candidates -- every block that may be a turn, with its label form and speech
   (``dialogue_labels.candidate``);
2. label decisions -- each candidate judged from its features in the document
   (``dialogue_decisions.is_speaker_label``); a screenplay's cues switch on screen mode;
3. interview decision -- questions set apart with unlabelled answers
   (``interview.is_bold_interview`` via ``dialogue_decisions.is_unlabelled_interview``);
4. runs -- consecutive turns with the paragraphs that belong to them; whether the last turn
   goes on is ``dialogue_decisions.turn_continues``, whether a subtitle label carries over is
   ``dialogue_decisions.subtitle_labels_carry``; Markdown table rows are runs of their own;
5. run decision -- is the run a conversation (``dialogue_decisions.is_conversation``), not a
   cast list, a row of attributed quotations or a labelled list;
6. items -- exchanges of ``Turn`` s, the interviewee named (``interview.name_subject``), and the
   block indices used, so that questions and quotes inside an exchange are not taken again.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from bot.models import Turn

from .blocks import CODE, HEADING, ITEM, PARA, RULE, TABLE, Block, row_cells
from .dialogue_decisions import (
    MAX_CONTINUATION_PARAS,
    ContinuationFeatures,
    LabelFeatures,
    RunFeatures,
    is_conversation,
    is_speaker_label,
    subtitle_labels_carry,
    turn_continues,
)
from .dialogue_labels import (
    CJK_NAME,
    KEY_LINE,
    QA_NAMES,
    SCREEN_STOP,
    SUBJECT,
    Cand,
    candidate,
    cue_like,
    editorial,
    is_direction,
    is_interjection,
    name_ok,
    split_label_lines,
    strip_lead_direction,
    strip_markup_edges,
    strip_wrap,
)
from .interview import (
    drop_byline,
    is_bold_interview,
    italic_remarks,
    name_subject,
    plain_questions,
    question_and_answer,
    questions_before_answers,
)

logger = logging.getLogger(__name__)


Run = list[tuple[str, str, list[int]]]  # (speaker, turn text, block indices)


MIN_MARKED_TURNS = 3  # turns marked by a script's HTML classes that make the markup authoritative
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
    marked = [c for c in cands.values() if c.marked]
    if marked and not _marked_conversation(marked):
        for c in marked:
            del cands[c.index]  # a cast list (<p class="character"> above each actor's name)
    elif len(marked) >= MIN_MARKED_TURNS:
        # The markup says which blocks are speeches: "Panneau MAZOUT: NE PAS…" in an action
        # block is not one (a cue and its speech in one action block still read as a turn).
        cands = {i: c for i, c in cands.items() if c.form == "screen"}
    screens = [c for c in cands.values() if c.form == "screen"]
    screen_mode = screenplay or (len(screens) >= 3 and len({c.speaker for c in screens}) >= 2)
    if not screen_mode:
        for i in [i for i, c in cands.items() if c.form == "screen" and not c.marked]:
            del cands[i]
    # Each candidate label is judged once, from its features in the document (recurrence,
    # neighbours, form): cue forms that read like ordinary sentences need their name to recur.
    counts: dict[str, int] = {}
    for c in cands.values():
        counts[c.speaker] = counts.get(c.speaker, 0) + 1
    weak_ok = {c.speaker for c in cands.values() if c.form == "weak" and counts[c.speaker] >= 3}
    if len(weak_ok) < 2:
        weak_ok = set()
    # Names set apart on their own lines are cues when two or more of them recur.
    alone_ok = {c.speaker for c in cands.values() if c.alone and counts[c.speaker] >= 2}
    for i in [i for i, c in cands.items() if c.alone and len(alone_ok) < 2]:
        del cands[i]
    forms = {i: c.form for i, c in cands.items()}
    for i in list(cands):
        c = cands[i]
        features = LabelFeatures(
            form="weak" if c.alone else c.form,  # (judged as a group, like one-word cues)
            recurs=counts.get(c.speaker, 0) >= 2,
            qa_name=c.speaker.lower() in QA_NAMES,
            same_form_neighbour=any(forms.get(j) == c.form for j in (i - 1, i + 1, i - 2, i + 2)),
            article=bool(_ARTICLE.match(c.speaker)),
            in_list_item=blocks[i].kind == ITEM,
            weak_group=c.speaker in weak_ok or (c.alone and len(alone_ok) >= 2),
        )
        if not is_speaker_label(features):
            del cands[i]  # "- **Memory.** The flat keeps changing…", "The Verdict: …" once
        elif c.form == "weak":
            cands[i] = replace(c, form="dot")
    return cands, screen_mode


_ROLE_LINE = re.compile(r"^[ \t]*(?P<name>[A-Z][A-Za-z]{2,20}):[ \t]+(?P<speech>\S.*)$", re.S)
_ROLE_WORDS = {"director", "producer", "writer", "editor", "actor", "actress", "critic", "author"}


def _marked_conversation(marked: list[Cand]) -> bool:
    """Turns marked by a page's classes are a conversation when someone speaks twice and most
    speeches are sentences (a cast list names each character once, above an actor's name)."""
    speakers = {c.speaker.lower() for c in marked}
    sentences = sum(
        1
        for c in marked
        if c.speech and (len(c.speech.split()) >= 4 or c.speech.rstrip("”\"’' ")[-1:] in ".?!…")
    )
    return len(marked) > len(speakers) and sentences * 2 >= len(marked)


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


def find_dialogue(
    blocks: list[Block],
    *,
    screenplay: bool = False,
    subtitles: bool = False,
    title: str | None = None,
) -> tuple[list[list[Turn]], set[int], list[int]]:
    """Return exchanges (lists of turns), the indices of blocks that belong to dialogue and
    the index of each exchange's first block."""
    cands, screen_mode = _candidates(blocks, screenplay)
    _questions_only_labelled(blocks, cands)
    cands.update(plain_questions(blocks, cands))
    cands.update(questions_before_answers(blocks, cands))
    bold_interview = is_bold_interview(blocks, cands)
    if bold_interview:
        cands.update(italic_remarks(blocks, cands))
    else:
        # Question sub-headings and italic questions only count in an unlabelled interview.
        for k in [k for k, c in cands.items() if c.heading or c.italic or c.quoted]:
            del cands[k]
        # A bold line beside labelled turns is the interviewer's only when it is a sentence
        # ("**Post Screening**" over a transcript's next part is a sub-heading).
        # ("**R: You’ve done twelve plays now**" names its speaker: a turn, asked or not)
        for k in [
            k
            for k, c in cands.items()
            if c.form == "bold" and c.speaker == "Interviewer" and not _asks(c.speech or "")
        ]:
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
    fields = _field_sheet(blocks, names)
    exchanges: list[list[Turn]] = []
    starts: list[int] = []
    used: set[int] = set()
    rejected: list[Run] = []
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
            run, j = question_and_answer(blocks, cands, i)
        else:
            run, j = _labelled_run(blocks, cands, i, screen_mode, subtitles, carry)
        trimmed = _trim_decoys(run, names) if not screen_mode else []
        if trimmed and _run_ok(blocks, trimmed, screen_mode, names, fields=fields):
            run = trimmed
        if run and not screen_mode and _quoted_statements(blocks, run):
            run = []  # "Agnès Varda:\n“…”" — people quoted one after another, not talking
        if run and not screen_mode and _cast_list(blocks, run):
            run = []  # "JENNY CURRAN: His childhood friend…" — who is who, not who says what
        if run and _run_ok(blocks, run, screen_mode, names, fields=fields):
            _keep(run, exchanges, starts, used)
        elif run and not screen_mode:
            rejected.append(run)
        i = max(j, i + 1)
    # A transcript's short passages (one speaker between audience notes, an announcer handing
    # over) are dialogue when their speakers talk in the document's conversations.
    known = {t.speaker.lower() for ex in exchanges for t in ex if t.speaker != SUBJECT}
    # So is a person the prose names, labelled the way the conversations label their speakers
    # ("**Christine:** …" between paragraphs of narration, beside "**Dana:** …" exchanges).
    forms = {cands[k].form for k in used if k in cands}
    for run in rejected:
        if len({sp.lower() for sp, _, _ in run}) == 1 and all(
            blocks[k].quote for _, _, ix in run for k in ix
        ):
            continue  # one voice in a block quote: a quotation set apart, not a conversation
        also = {
            s.lower()
            for s, _, ix in run
            if "colon" in forms
            and s.lower() in names
            and ix[0] in cands
            and cands[ix[0]].form == "colon"
        }
        if _run_ok(blocks, run, screen_mode, names, known | also, fields):
            _keep(run, exchanges, starts, used)
    order = sorted(range(len(starts)), key=starts.__getitem__)
    exchanges = [exchanges[k] for k in order]
    starts = [starts[k] for k in order]
    return name_subject(exchanges, blocks, title), used, starts


# "*[unintelligible question]*", "(inaudible)": a transcriber's note where the speech would be
_NOTE_ONLY = re.compile(r"^[*_ ]*(?:\[[^\[\]]*\]|\([^()]*\))[*_ .]*$")


_EMPTY_MARKS = re.compile(r"[ \t]+(?:\*{4}|_{4})[ \t]*$")


_FIELD_LABEL = re.compile(
    r"^[ \t]*(\*\*|__)(?P<a>[^*_:\n]{1,40}?)[ \t]*(?:\([^()\n]{0,30}\))?[ \t]*(?::\1|\1[ \t]*:)"
)


def _field_sheet(blocks: list[Block], names: set[str]) -> set[str]:
    """The document's bold labels when they are fields of a sheet (a lesson plan's
    "**Objective:**", "**Warm-up (5 min):**", "**Activity:**"): three or more, each used
    once, none like a person (lower case); else none."""
    labels = [
        m.group("a").strip()
        for b in blocks
        if b.kind == PARA and (m := _FIELD_LABEL.match(b.text[:200]))
    ]
    sheet = (
        len(labels) >= 3
        and len({s.lower() for s in labels}) == len(labels)
        # ("Exit ticket": two words, but not a name's capitals)
        and not any(_person_like(s, names) and s.istitle() for s in labels)
    )
    return {s.lower() for s in labels} if sheet else set()


def _keep(run: Run, exchanges: list[list[Turn]], starts: list[int], used: set[int]) -> None:
    """Add a run as an exchange (a turn that is only a transcriber's note is no speech)."""
    # (an empty emphasis left at a turn's end, "…in the film. ****", shows nothing)
    turns = [Turn(s, _EMPTY_MARKS.sub("", t)) for s, t, _ in run if not _NOTE_ONLY.match(t)]
    if turns:
        exchanges.append(turns)
        starts.append(run[0][2][0])
    for _, _, idxs in run:
        used.update(idxs)


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
    directions = 0
    for line in lines:
        if _TABLE_SEP.match(line):
            continue
        cells = [text for _, text in row_cells(line)]
        if len(cells) == 1 and line.lstrip().startswith("| "):
            directions += 1  # "| Lane enters. |": a row with no speaker, a stage direction
            continue
        if len(cells) < 2 or len(cells) > 3:
            return []
        rows.append((strip_markup_edges(cells[0]).rstrip(":").strip(), cells[-1]))
    if len(rows) < 2 or directions > len(rows):
        return []
    if not all(name_ok(name, form="colon") for name, _ in rows):
        return []
    run: Run = [(name, strip_wrap(speech), [i]) for name, speech in rows]
    return run if _table_is_conversation(run) else []


def _table_is_conversation(run: Run) -> bool:
    """A table of lines is a conversation when few speakers take several turns in sentences
    (not a cast list or a schedule, where every first cell differs)."""
    speakers = [s.lower() for s, _, _ in run]
    sentences = sum(1 for _, t, _ in run if len(t.split()) >= 2 and t[-1:] in ".?!…\"”'’-—")
    # Turns alternate; a data table sorted by its first column repeats it row after row.
    changes = sum(1 for a, b in zip(speakers, speakers[1:], strict=False) if a != b)
    return (
        len(set(speakers)) >= 2
        and len(speakers) > len(set(speakers))
        and sentences * 2 > len(run)
        and changes * 2 >= len(speakers) - 1
    )


def _subtitle_label_counts(blocks: list[Block], cands: dict[int, Cand]) -> tuple[int, int]:
    """(cues that carry a speaker label, cues with speech) in a subtitle file."""
    spoken = labelled = 0
    for i, b in enumerate(blocks):
        if b.kind != PARA or is_direction(b) or is_interjection(b):
            continue
        if b.text.lstrip().startswith(("♪", "♫")):
            continue
        spoken += 1
        labelled += i in cands
    return labelled, spoken


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
            if is_interjection(b) or (screen_mode and b.kind == PARA and _is_action(b)):
                skipped.append(j)
                j += 1
                continue
            if screen_mode:
                break  # a scene heading or a transition ends the speech and the beat
            if b.kind == PARA and run and (is_direction(b) or cue_like(b)):
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
                    if not (is_direction(blocks[k]) or is_interjection(blocks[k])):
                        tx = strip_lead_direction(blocks[k].text.strip())
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
        if speech is not None and c.form in ("bold", "colon", "cue") and _cue_on_its_line(b.text):
            # "**Annie:**\nI don't know where to start." then more paragraphs: a play's cue
            # set on its own line; the speech runs on to the next cue, heading or rule
            k = j + 1
            while k < n and k not in cands and len(idxs) < 10_000:
                bk = blocks[k]
                if bk.kind != PARA or bk.quote != b.quote or _is_break(bk) or is_direction(bk):
                    break
                idxs.append(k)
                k += 1
            speech = "\n\n".join([speech] + [blocks[m].text.strip() for m in idxs[1:]])
        elif c.form in ("cue", "screen", "dot") or speech is None:
            # A cue's speech may go on over the following paragraphs (plays, transcripts).
            parts = [speech] if speech else []
            if c.alone:
                idxs, k = _speech_below(blocks, cands, j)
                # a direction right under the cue is the cue's own, not part of the speech
                lead = 1
                while lead < len(idxs) and _stage_direction(blocks[idxs[lead]]):
                    lead += 1
                parts = [blocks[m].text.strip() for m in idxs[lead:]]
            while (
                k < n
                and k not in cands
                and not (c.form == "screen" or (c.form in ("dot", "cue") and speech))
            ):
                bk = blocks[k]
                if bk.kind != PARA or bk.quote != b.quote:
                    break
                if is_direction(bk) and (parts or not _direction_then_speech(bk.text)):
                    break  # ("NORA.\n\n[Softly.]  Upon my word…": the speech under its cue)
                parts.append(bk.text.strip())
                idxs.append(k)
                k += 1
            speech = "\n\n".join(parts)
        if speech and speech.strip():
            speech = speech.strip()
            if c.form in ("colon", "cue", "dot", "screen"):
                # "OPHELIA\n[Aside] O, help him", "CAPTAIN: (sighs) Especially…": the cue's
                # own direction, right after it, is not part of the speech.
                speech = strip_lead_direction(speech)
            run.append((c.speaker, speech, idxs))
        j = k
    return run, j


_CUE_LINE = re.compile(r"^[ \t]*(?:\*\*|__)[^*_\n]{1,60}?:?(?:\*\*|__):?[ \t]*\n(?=[ \t]*\S)")


def _cue_on_its_line(text: str) -> bool:
    """A bold cue alone on the block's first line, its speech starting on the next."""
    return _CUE_LINE.match(text) is not None


def _direction_then_speech(text: str) -> bool:
    """A paragraph opening with the cue's own direction, then the speech ("[Also softly.]  I
    told you so, Miss.")."""
    t = text.strip()
    rest = strip_lead_direction(t)
    return rest != t and rest[:1].isalpha() and len(rest.split()) >= 2


def _speech_below(blocks: list[Block], cands: dict[int, Cand], j: int) -> tuple[list[int], int]:
    """The paragraphs of a speech under a cue set apart on its line (block ``j``): the first
    paragraph, then those indented as it is (verse), with the stage directions between them
    (a direction inside a speech stays; one after its last line is not part of it)."""
    idxs = [j]
    first_indent: int | None = None
    k = j + 1
    while k < len(blocks) and k not in cands and len(idxs) < 10_000:
        bk = blocks[k]
        if bk.kind != PARA or bk.quote != blocks[j].quote:
            break
        if not _stage_direction(bk):
            if first_indent is None:
                first_indent = bk.indent
            elif bk.indent == 0 or bk.indent < first_indent:
                break  # narration or a scene line, not more of the speech
        idxs.append(k)
        k += 1
    while len(idxs) > 1 and _stage_direction(blocks[idxs[-1]]):
        idxs.pop()
    return idxs, idxs[-1] + 1


def _stage_direction(b: Block) -> bool:
    """``[_Pulls back._``, ``(Aside.)``, ``_Exit Witch._``: a direction set apart."""
    t = b.text.strip()
    return t[:1] in "[(" or (t[:1] == "_" and t.rstrip(".]").endswith("_"))


_MARKER_ONLY = re.compile(r"^\s*\(?(?:\d{1,3}|[ivxlc]{1,5}|[a-z])[.)]\s*$", re.I)


def _continuation(
    blocks: list[Block], cands: dict[int, Cand], j: int, run: list[tuple[str, str, list[int]]]
) -> list[int]:
    """Unlabelled paragraphs that continue the last turn (a multi-paragraph answer): at most
    three, when the conversation then goes on with a speaker already in it, or when the
    dialogue ends there (a heading, a rule, an editor's note or the end of the document)."""
    if not run or run[-1][0] == SUBJECT:
        return []
    out: list[int] = []
    k = j
    q = blocks[j].quote
    while k < len(blocks) and k not in cands and len(out) < MAX_CONTINUATION_PARAS:
        b = blocks[k]
        if _is_break(b):
            break
        if b.kind != PARA or b.quote != q or b.bold or _MARKER_ONLY.match(b.text):
            return []  # ("4." alone: the number of the next excerpt, not speech)
        out.append(k)
        k += 1
    if not out:
        return []
    c = cands.get(k)
    if c is None:
        out = drop_byline(blocks, out, True)
    texts = [blocks[m].text[:5000] for m in out]
    features = ContinuationFeatures(
        resumes=c is not None,
        resumes_with_known_speaker=c is not None
        and _in_run(c.speaker, run)
        and not _same_speaker(c.speaker, run[-1][0]),
        # (a question labelled by a speaker of the run, "**Q: …?**", is the run going on)
        resumes_with_question=c is not None
        and c.form == "bold"
        and (c.speaker == "Interviewer" or not _in_run(c.speaker, run)),
        ends_at_break=k >= len(blocks) or _is_break(blocks[k]),
        conversational=len(run) >= 2 and _conversational(run),
        last_turn_chars=len(run[-1][1]),
        last_turn_quoted=_quoted_speech(blocks[run[-1][2][-1]]),
        names_speakers=_mentions_speakers(blocks, out, run),
        key_lines=any(KEY_LINE.match(t.strip()) for t in texts),
        personal=all(_SPEAKS.search(t) for t in texts),
        asks=any("?" in blocks[m].text for m in out),
    )
    return out if out and turn_continues(features) else []


def _is_break(b: Block) -> bool:
    """A heading, a rule or an editor's note: where a dialogue's last turn stops."""
    return b.kind in (HEADING, RULE) or (b.kind == PARA and editorial(b))


_SPEAKS = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]e|[Mm]y|[Ww]e|[Oo]ur|[Uu]s|[Yy]ou|[Yy]our)\b")


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


def _next_is_labelled(cands: dict[int, Cand], i: int) -> bool:
    for j in (i + 1, i - 1):
        c = cands.get(j)
        if c is not None and c.form in ("colon", "dot"):
            return True
    return False


def _is_action(b: Block) -> bool:
    t = b.text.strip()
    return bool(t) and not SCREEN_STOP.match(t) and not t.startswith((">", "#"))


def _person_like(label: str, names: set[str]) -> bool:
    words = label.replace("\ufffd", " ").split()
    return (
        label.lower() in QA_NAMES
        or len(words) >= 2
        or label.isupper()
        or label.lower() in names
        or bool(CJK_NAME.fullmatch(label))  # "杰西": a name in a script without capitals
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


# The capital first and the look-behind after it, so the scan can skip to capitals: the same
# matches as "(?<=[a-z,;] )([A-Z]…)" and "\b[A-Z]…", two to three times faster.
_MID_CAP = re.compile(r"([A-Z](?<=[a-z,;] [A-Z])[\w'’-]+)")
_CAP_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]+")


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
    if len(set(speakers)) < len(speakers) or SUBJECT in speakers:
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


def _run_ok(
    blocks: list[Block],
    run: Run,
    screen_mode: bool,
    names: set[str],
    known: set[str] | None = None,
    fields: frozenset[str] | set[str] = frozenset(),
) -> bool:
    if not run:
        return False
    speakers = [s for s, _, _ in run]
    if SUBJECT in speakers:
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
        people_labels=all(_person_like(s, names) for s in set(speakers)),
        list_items=all(blocks[ix[0]].kind == ITEM for _, _, ix in run),
        known_speakers=sum(1 for s in distinct if s in (known or ())),
        bare_values=sum(1 for _, t, _ in run if _bare_value(t)) / len(run),
        field_sheet=bool(fields) and distinct <= fields,
    )
    return is_conversation(features)


def _asks(text: str) -> bool:
    """A bold line that can be an interviewer's turn: a question, or a sentence that is not a
    title ("**The White Tiger (2019).**" over a quoted line is the film's name)."""
    t = text.strip().strip("*_ ")
    if "?" in t:
        return True
    words = re.findall(r"[^\W\d_][\w'’-]*", t)
    capitalised = sum(1 for w in words if w[:1].isupper())
    return _sentence(t) and len(words) >= 2 and capitalised < 0.8 * len(words)


def _bare_value(text: str) -> bool:
    """A name, a title or a figure under a label ("Editor: René Clair"), not something said."""
    first = text.strip().split("\n", 1)[0].rstrip("*_ ")
    if first.endswith((".", "?", "!", "…", "--", "—", "-")):
        return False
    words = first.split()
    # a few words, or a list of names ("Jessica Sittig (San Francisco), Serkan Piantino…")
    capitalised = sum(1 for w in words if w.strip("(),&")[:1].isupper())
    return len(words) <= 5 or capitalised >= 0.6 * len(words)


_TRAILING_NOTE = re.compile(
    r"(?<=[.?!…”\"’])[ \t]*(?:\([^()\n]{1,40}\)|\[[^\[\]\n]{1,40}\])[ \t]*$"
)


def _sentence(text: str) -> bool:
    """Words ending like a sentence (not a bare term or a figure under a label); a note after
    it ("… of it?” (1:25:41–2:26:41)", "[laughs]") is not part of it."""
    t = _TRAILING_NOTE.sub("", text).rstrip("”\"’'*_ 」』")
    if t.endswith(("。", "？", "！", "……")):
        return len(t) >= 4  # Chinese or Japanese: no spaces between words
    return len(t.split()) >= 2 and t.endswith((".", "?", "!", "…", "--", "—"))


__all__ = ["find_dialogue", "split_label_lines", "CODE", "HEADING", "ITEM", "RULE", "TABLE"]
