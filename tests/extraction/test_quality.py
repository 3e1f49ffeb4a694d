"""Extraction quality: the bundled sample, our own fixtures, and the shared dev corpus."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from bot.extraction import extract
from bot.sources import extract_document, read_path
from tests.extraction.scoring import mean_f1, pooled, score

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "extraction"
SAMPLE = REPO / "bot" / "data" / "her.txt"
SAMPLE_LABELS = REPO / "tests" / "fixtures" / "sample_her.expected.json"
CORPUS = REPO.parent / "shared" / "documents" / "dev"

FIXTURE_LABELS = sorted(FIXTURES.glob("*.expected.json"))


def _predict(path: Path) -> dict:
    return extract_document(read_path(str(path))).to_json()


def _describe(expected: dict, result: dict) -> str:
    return f"{expected['file']}: " + ", ".join(
        f"{k} P={result[k]['p']:.2f} R={result[k]['r']:.2f}"
        for k in ("quotes", "turns", "questions")
    )


def test_sample_document_scores_at_least_0_95():
    expected = json.loads(SAMPLE_LABELS.read_text(encoding="utf-8"))
    result = score(expected, _predict(SAMPLE))
    assert mean_f1(result) >= 0.95, _describe(expected, result)


def _layouts() -> dict[str, tuple[str, str]]:
    """The sample re-laid out the ways people paste and publish such a post."""
    text = SAMPLE.read_text(encoding="utf-8")
    paras = [p for p in text.split("\n") if p.strip()]

    def label(p: str) -> re.Match[str] | None:
        return re.match(r"^([A-Z][A-Za-z]+): (.*)$", p)

    def each(fmt_label: str, fmt_other: str = "{p}") -> list[str]:
        out = []
        for p in paras:
            m = label(p)
            out.append(
                fmt_label.format(n=m.group(1), N=m.group(1).upper(), s=m.group(2))
                if m
                else fmt_other.format(p=p)
            )
        return out

    strong = each("<p><strong>{n}:</strong> {s}</p>", "<p>{p}</p>")
    return {
        "html-strong-labels": (
            "<html><body><article>" + "\n".join(strong) + "</article></body></html>",
            "html",
        ),
        "html-br-paragraphs": (
            "<div>" + "<br>\n".join(html.escape(p) for p in paras) + "</div>",
            "html",
        ),
        "markdown-bold-labels": ("\n\n".join(each("**{n}:** {s}")), "markdown"),
        "play-cues": ("\n\n".join(each("{N}.  {s}")), "text"),
        "cue-lines": ("\n\n".join(each("{N}:\n{s}")), "text"),
        "no-blank-lines": ("\n".join(paras), "text"),
        "crlf-nbsp": (text.replace("\n", "\r\n").replace(" ", "\u00a0", 50), "text"),
        "straight-quotes": (text.replace("“", '"').replace("”", '"').replace("’", "'"), "text"),
    }


@pytest.mark.parametrize("layout", sorted(_layouts()))
def test_sample_in_other_layouts(layout: str):
    text, fmt = _layouts()[layout]
    expected = json.loads(SAMPLE_LABELS.read_text(encoding="utf-8"))
    result = score(expected, extract(text, fmt=fmt).to_json())
    assert mean_f1(result) >= 0.95, _describe(expected, result)


def test_there_are_fixtures_for_every_shape():
    shapes = {json.loads(p.read_text(encoding="utf-8"))["shape"] for p in FIXTURE_LABELS}
    assert {"interview", "script", "guide", "essay", "review"} <= shapes


@pytest.mark.parametrize("labels", FIXTURE_LABELS, ids=lambda p: p.name.split(".")[0])
def test_fixture_document(labels: Path):
    expected = json.loads(labels.read_text(encoding="utf-8"))
    result = score(expected, _predict(labels.parent / expected["file"]))
    assert mean_f1(result) >= 0.9, _describe(expected, result)


def test_fixtures_pooled_f1_at_least_0_95():
    results = []
    for labels in FIXTURE_LABELS:
        expected = json.loads(labels.read_text(encoding="utf-8"))
        results.append(score(expected, _predict(labels.parent / expected["file"])))
    assert pooled(results)["mean"] >= 0.95, pooled(results)


@pytest.mark.skipif(
    not (CORPUS / "all.expected.json").exists(), reason="shared dev corpus not present"
)
def test_dev_corpus_pooled_f1_at_least_0_9():
    entries = json.loads((CORPUS / "all.expected.json").read_text(encoding="utf-8"))
    results = [score(e, _predict(CORPUS / e["file"])) for e in entries]
    overall = pooled(results)
    detail = "; ".join(
        _describe(e, r) for e, r in zip(entries, results, strict=True) if mean_f1(r) < 1
    )
    assert overall["mean"] >= 0.9, f"{overall} {detail}"


HELDOUT_SETS = {
    "heldout": 0.95,  # written blind; its misses were later fixed with shape-level rules
    "heldout2": 0.9,  # written blind later; first scored 0.887 unseen, 0.930 after fixes
}


@pytest.mark.parametrize(("folder", "floor"), sorted(HELDOUT_SETS.items()))
def test_blind_held_out_sets_hold_their_level(folder, floor):
    """Sets written blind by people who never saw the extractor, held at their level."""
    root = REPO / "tests" / "fixtures" / folder
    entries = json.loads((root / "all.expected.json").read_text(encoding="utf-8"))
    results = [score(e, _predict(root / e["file"])) for e in entries]
    overall = pooled(results)
    detail = "; ".join(
        _describe(e, r) for e, r in zip(entries, results, strict=True) if mean_f1(r) < 1
    )
    assert overall["mean"] >= floor, f"{overall} {detail}"
