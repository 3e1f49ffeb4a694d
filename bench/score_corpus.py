"""Score extraction on labelled real documents: per document, per kind and pooled, with a diff.

Run: .venv/bin/python bench/score_corpus.py [--diff] [--only a01,b] [--out PRED.json] SOURCE...
SOURCE is a folder holding all.expected.json (or *.expected.json), a split file such as
tests/extraction/corpus/test_split.txt (names in ../shared/documents/dev and dev2), or one
.expected.json file. --out writes the predictions as a list in entry order, beside an
.expected.json list, so the shared scorer can read both.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.sources import extract_document, read_path  # noqa: E402
from tests.extraction.scoring import norm, pooled, score, shared_entries, similar  # noqa: E402

SHARED = REPO.parent / "shared" / "documents"


def entries(source: Path) -> list[tuple[Path, dict]]:
    """The (folder, label entry) pairs a source names."""
    if source.is_dir():
        whole = source / "all.expected.json"
        if whole.exists():
            return [(source, e) for e in json.loads(whole.read_text(encoding="utf-8"))]
        return [
            (source, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(source.glob("*.expected.json"))
        ]
    if source.suffix == ".txt":
        shared = shared_entries(SHARED)
        return [shared[name] for name in source.read_text(encoding="utf-8").split()]
    data = json.loads(source.read_text(encoding="utf-8"))
    return [(source.parent, e) for e in (data if isinstance(data, list) else [data])]


def _diff(expected: dict, predicted: dict) -> list[str]:
    """Gold items no prediction matches (MISS) and predictions no gold item matches (FP)."""
    items = predicted.get("items", [])
    lines = []
    kinds = {
        "quote": (
            [g["text"] for g in expected.get("quotes", [])],
            [i["text"] for i in items if i["kind"] == "quote"],
            0.9,
        ),
        "turn": (
            [t["text"] for ex in expected.get("exchanges", []) for t in ex],
            [t["text"] for i in items if i["kind"] == "exchange" for t in i.get("turns", [])],
            0.9,
        ),
        "question": (
            list(expected.get("questions", [])),
            [i["text"] for i in items if i["kind"] == "question"],
            0.85,
        ),
    }
    border = expected.get("borderline") or {}
    for kind, (gold, pred, thr) in kinds.items():
        bl = [b["text"] if isinstance(b, dict) else b for b in border.get(kind + "s", [])]

        def hit(text: str, labels: list[str], thr: float = thr) -> bool:
            return any(similar(text, g) >= thr or norm(g) in norm(text) for g in labels)

        lines += [f"  MISS {kind}: {g[:160]!r}" for g in gold if not hit(g, pred)]
        lines += [
            f"  FP   {kind}: {p[:160]!r}" for p in pred if not hit(p, gold) and not hit(p, bl)
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--diff", action="store_true", help="print misses and false positives")
    parser.add_argument("--only", default="", help="comma-separated file-name prefixes")
    parser.add_argument("--out", type=Path, help="write predictions and labels as two lists")
    parser.add_argument(
        "--shapes", action="store_true", help="also print pooled figures per labelled shape"
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no line per document (for a blind set: figures only)"
    )
    args = parser.parse_args()
    only = [p for p in args.only.split(",") if p]
    results, preds, golds = [], [], []
    for source in args.sources:
        for folder, expected in entries(source):
            if only and not any(expected["file"].startswith(p) for p in only):
                continue
            predicted = extract_document(read_path(str(folder / expected["file"]))).to_json()
            result = score(expected, predicted)
            results.append(result)
            preds.append(predicted)
            golds.append(expected)
            figures = " ".join(f"{k[:3]} {result[k]['f1']:.2f}" for k in result)
            if not args.quiet:
                print(f"{expected['file'][:48]:48} {figures}")
            if args.diff:
                print("\n".join(_diff(expected, predicted)))
    if not results:
        sys.exit("no labelled documents found")
    if args.shapes:
        for shape in sorted({g.get("shape", "?") for g in golds}):
            part = [r for r, g in zip(results, golds, strict=True) if g.get("shape", "?") == shape]
            t = pooled(part)
            print(
                f"shape {shape:10} pooled {t['mean']:.3f}  quotes {t['quotes']:.3f}  "
                f"turns {t['turns']:.3f}  questions {t['questions']:.3f}  ({len(part)} documents)"
            )
    total = pooled(results)
    print(
        f"pooled {total['mean']:.3f}  quotes {total['quotes']:.3f}  turns {total['turns']:.3f}"
        f"  questions {total['questions']:.3f}  ({len(results)} documents)"
    )
    if args.out:
        args.out.write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
        args.out.with_suffix(".expected.json").write_text(
            json.dumps(golds, ensure_ascii=False), encoding="utf-8"
        )


if __name__ == "__main__":
    main()
