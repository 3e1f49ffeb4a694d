"""Worst-case inputs found by fuzzing: each must extract in bounded (near-linear) time.

Run: .venv/bin/python bench/bench_hostile.py [--size-kb N] [--timeout S]
Each case runs in a fresh process with a time limit, so a regression cannot hang the bench.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def hostile_documents(size: int) -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes) of about ``size`` bytes each."""
    return {
        "heading of dashes": ("a.txt", ("# " + "-" * size + "\nText.\n").encode()),
        "dashes heading, md": ("a.md", ("# " + "-" * size + "\nText.\n").encode()),
        "html title of dashes": (
            "a.html",
            ("<title>A " + "-" * size + "</title><p>Why?</p>").encode(),
        ),
        "heading of *a": ("a.md", ("# " + "*a" * (size // 2) + "\nText.\n").encode()),
        "heading of _a_": ("a.md", ("# " + "_a" * (size // 2) + "\nText.\n").encode()),
        "title line of words and dashes": (
            "a.txt",
            ("Review " + "- x " * (size // 4) + "\n\nText.\n").encode(),
        ),
        "line of [": ("a.txt", ("[" * size).encode()),
        "line of [ then ](": ("a.txt", ("[" * (size // 2) + "](" * (size // 4)).encode()),
        "line of ![": ("a.md", ("![" * (size // 2)).encode()),
        "long capitalised title line": (
            "a.txt",
            ("Review of " + "The Very Long Title " * (size // 20) + "\n\nText.\n").encode(),
        ),
        "film in quotes, no close": ("a.txt", ('A review of "' + "Word " * (size // 5)).encode()),
        "unclosed <a": ("a.html", ("<a" * (size // 2)).encode()),
        "unclosed <a in .txt": ("a.txt", ("<html><a" * (size // 8)).encode()),
        "unclosed comments": ("a.html", ("<!--" * (size // 4)).encode()),
        "bogus <![": ("a.html", ("<![bogus[" * (size // 9)).encode()),
        "many attributes": ("a.html", ("<p " + 'a="1" ' * (size // 6)).encode()),
        "deep nesting": ("a.html", ("<div>" * (size // 5)).encode()),
        "speaker colons": ("a.txt", ("A: " * (size // 3)).encode()),
        "question marks": ("a.txt", ("why? " * (size // 5)).encode()),
        "quote marks": ("a.txt", ('"' * size).encode()),
        "curly quotes": ("a.txt", ("\u201c" * (size // 3)).encode()),
        "fountain caps": ("a.fountain", ("INT. " + "A" * size + "\n").encode()),
        "spaces": ("a.txt", (" " * size + "x").encode()),
        "asterisks": ("a.md", ("*" * size).encode()),
        "underscores": ("a.md", ("_" * size).encode()),
        "backticks": ("a.md", ("`" * size).encode()),
        # one paragraph of Japanese quotations, no full stop (a look back once grew with it)
        "corner brackets": ("a.txt", ("吉永さんが「胴上げしたい」と" * (size // 40)).encode()),
    }


def _run(name: str, data: bytes, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from bot.sources import DocumentError, extract_document, read_bytes

    start = time.perf_counter()
    try:
        extract_document(read_bytes(data, name, max_bytes=50_000_000))
    except DocumentError:
        pass
    queue.put(time.perf_counter() - start)


def measure(name: str, data: bytes, timeout: float) -> float | None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_run, args=(name, data, queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-kb", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    worst = 0.0
    for label, (name, data) in hostile_documents(args.size_kb * 1024).items():
        if args.only and args.only not in label:
            continue
        small = measure(name, hostile_documents(args.size_kb * 256)[label][1], args.timeout)
        seconds = measure(name, data, args.timeout)
        shown = f"{seconds:6.2f} s" if seconds is not None else f"> {args.timeout:g} s"
        growth = f"x{seconds / small:4.1f}" if seconds and small else "    "
        print(f"{label:32} {len(data) // 1024:6} KB  {shown}  (4x input: {growth})")
        worst = max(worst, seconds if seconds is not None else float("inf"))
    print(f"worst: {worst:.2f} s")


if __name__ == "__main__":
    main()
