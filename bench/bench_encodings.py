"""How many real-language samples in legacy encodings and BOM-less UTF-16 decode right.

Run: .venv/bin/python bench/bench_encodings.py
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.sources import DocumentError, read_bytes  # noqa: E402
from tests.encoding_samples import LEGACY, UTF16  # noqa: E402


def main() -> None:
    for title, group in (("legacy encodings", LEGACY), ("UTF-16 without BOM", UTF16)):
        right = 0
        for label, text, encoding in group:
            try:
                got = read_bytes(text.encode(encoding), "doc.txt").text
            except DocumentError as exc:
                got = f"refused: {exc}"
            ok = got.strip() == text.strip()
            right += ok
            if not ok:
                print(f"  wrong: {label}: {got[:60]!r}")
        print(f"{title}: {right}/{len(group)} right")


if __name__ == "__main__":
    main()
