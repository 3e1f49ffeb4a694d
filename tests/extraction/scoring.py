"""Score predictions against labelled expectations (the shared corpus' matching rules)."""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2026": "...",
        "\u2032": "'",
    }
)


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_TRANSLATE).lower()
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip(" \"'")


def similar(a: str, b: str) -> float:
    a, b = norm(a), norm(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def contains(outer: str, inner: str) -> bool:
    o, i = norm(outer), norm(inner)
    return bool(i) and i in o


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float | int]:
    p = tp_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_gold / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "p": p,
        "r": r,
        "f1": f,
        "tp_pred": tp_pred,
        "n_pred": n_pred,
        "tp_gold": tp_gold,
        "n_gold": n_gold,
    }


def _drop_borderline(
    pred: list[dict], gold: list[str], borderline: list[str], thr: float
) -> list[dict]:
    def hit(text: str, labels: list[str]) -> bool:
        return any(
            similar(text, g) >= thr or contains(text, g) or contains(g, text) for g in labels
        )

    return [
        p
        for p in pred
        if not (hit(p.get("text", ""), borderline) and not hit(p.get("text", ""), gold))
    ]


def score(expected: dict[str, Any], predicted: dict[str, Any]) -> dict[str, dict]:
    items = predicted.get("items", [])
    quotes = [i for i in items if i.get("kind") == "quote"]
    exchanges = [i.get("turns", []) for i in items if i.get("kind") == "exchange"]
    questions = [i for i in items if i.get("kind") == "question"]
    border = expected.get("borderline") or {}
    if border.get("quotes"):
        labels = [b["text"] if isinstance(b, dict) else b for b in border["quotes"]]
        quotes = _drop_borderline(
            quotes, [g["text"] for g in expected.get("quotes", [])], labels, 0.9
        )
    if border.get("questions"):
        questions = _drop_borderline(
            questions, expected.get("questions", []), border["questions"], 0.85
        )
    # quotes
    gold_q = expected.get("quotes", [])
    matched, tp = set(), 0
    for item in quotes:
        best, best_i = 0.0, None
        for i, g in enumerate(gold_q):
            s = similar(item.get("text", ""), g["text"])
            if s > best:
                best, best_i = s, i
        if best >= 0.9:
            tp += 1
            matched.add(best_i)
    out = {"quotes": _prf(tp, len(quotes), len(matched), len(gold_q))}
    # turns
    gold_t = [t for ex in expected.get("exchanges", []) for t in ex]
    matched, tp, n = set(), 0, 0
    for ex in exchanges:
        for turn in ex:
            n += 1
            best, best_i = 0.0, None
            for i, g in enumerate(gold_t):
                if i in matched:
                    continue
                s = similar(turn.get("text", ""), g["text"])
                if s > best:
                    best, best_i = s, i
            if best >= 0.9:
                tp += 1
                matched.add(best_i)
    out["turns"] = _prf(tp, n, len(matched), len(gold_t))
    # questions
    gold_s = expected.get("questions", [])
    matched, tp = set(), 0
    for item in questions:
        text = item.get("text", "")
        hits = {
            i
            for i, g in enumerate(gold_s)
            if similar(text, g) >= 0.85
            or (contains(text, g) and len(norm(text)) <= 2.2 * len(norm(g)))
        }
        if hits:
            tp += 1
            matched |= hits
    out["questions"] = _prf(tp, len(questions), len(matched), len(gold_s))
    return out


def pooled(results: list[dict[str, dict]]) -> dict[str, float]:
    """Micro-averaged F1 per kind over documents, and their mean ("overall pooled F1")."""
    out: dict[str, float] = {}
    for k in ("quotes", "turns", "questions"):
        n = {c: sum(r[k][c] for r in results) for c in ("tp_pred", "n_pred", "tp_gold", "n_gold")}
        out[k] = _prf(n["tp_pred"], n["n_pred"], n["tp_gold"], n["n_gold"])["f1"]
    out["mean"] = sum(out[k] for k in ("quotes", "turns", "questions")) / 3
    return out


def mean_f1(result: dict[str, dict]) -> float:
    return sum(result[k]["f1"] for k in ("quotes", "turns", "questions")) / 3


def shared_entries(documents: Path) -> dict[str, tuple[Path, dict[str, Any]]]:
    """The labelled documents of ``documents/dev`` and ``documents/dev2`` by file name, each
    with its folder (empty where the shared corpora are not present)."""
    found = {}
    for folder in ("dev", "dev2"):
        labels = documents / folder / "all.expected.json"
        if labels.exists():
            for entry in json.loads(labels.read_text(encoding="utf-8")):
                found[entry["file"]] = (documents / folder, entry)
    return found
