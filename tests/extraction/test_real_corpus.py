"""Extraction quality on real documents people published: the shared labelled corpora, split once.

The development split is what the extractor was developed against; the test split was set aside
before any change and never debugged against (tests/extraction/corpus/README.md). Both are held
at their measured level here, so a change that loses quality on real documents fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.sources import extract_document, read_path
from tests.extraction.scoring import pooled, score, shared_entries

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "documents"
SPLITS = Path(__file__).resolve().parent / "corpus"
REAL = REPO / "tests" / "fixtures" / "real"

# Measured at the end of issue 11 (pooled F1 over quotes, turns and questions), less a margin
# for the small changes of wording that do not change what a reader gets.
FLOORS = {"dev_split.txt": 0.94, "test_split.txt": 0.90}  # measured 0.960 and 0.920
REAL_FLOOR = 0.95  # measured 0.956 on the ten (developed against: dev3, dev4, dev6)


def _entries() -> dict[str, tuple[Path, dict]]:  # type: ignore[type-arg]
    return shared_entries(SHARED)


@pytest.mark.skipif(not (SHARED / "dev2").is_dir(), reason="shared corpora not present")
@pytest.mark.parametrize("split", sorted(FLOORS))
def test_real_documents_hold_their_level(split: str):
    entries = _entries()
    names = (SPLITS / split).read_text(encoding="utf-8").split()
    assert len(names) >= 15 and all(n in entries for n in names)
    results = []
    for name in names:
        folder, expected = entries[name]
        results.append(score(expected, extract_document(read_path(str(folder / name))).to_json()))
    overall = pooled(results)
    assert overall["mean"] >= FLOORS[split], overall


def test_the_splits_are_disjoint_and_keep_each_source_on_one_side():
    dev = set((SPLITS / "dev_split.txt").read_text(encoding="utf-8").split())
    test = set((SPLITS / "test_split.txt").read_text(encoding="utf-8").split())
    assert not dev & test and len(test) >= 15
    entries = _entries()
    if not entries:
        pytest.skip("shared corpora not present")

    def source(name: str) -> str:
        url = entries[name][1]["source"]
        return "/".join(url.split("github.com/", 1)[-1].split("/")[:2])

    assert not {source(n) for n in dev} & {source(n) for n in test}


def test_committed_real_documents_score_as_labelled():
    """The permissively licensed real documents in tests/fixtures/real, labelled blind."""
    results = []
    for labels in sorted(REAL.glob("*.expected.json")):
        expected = json.loads(labels.read_text(encoding="utf-8"))
        results.append(
            score(expected, extract_document(read_path(str(REAL / expected["file"]))).to_json())
        )
    assert results and pooled(results)["mean"] >= REAL_FLOOR, pooled(results)
