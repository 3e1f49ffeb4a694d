"""Golden-output guard for speed work: extract every real and fixture document, write or compare.

Run: .venv/bin/python bench/extract_golden.py write|check [GOLDEN]   (default /tmp/extract_golden.json)
The output of a speed change must be byte-identical; regenerate after merging behaviour changes.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bot.sources import LoadedDocument, extract_document, read_path  # noqa: E402

FOLDERS = [
    REPO.parent / "shared" / "documents" / "dev",
    REPO.parent / "shared" / "documents" / "dev2",
    Path("/work/corpus3"),
    REPO / "tests" / "fixtures" / "real",
    REPO / "tests" / "fixtures" / "extraction",
]
SKIP = {".json", ".py"}


def paths() -> list[Path]:
    out = [REPO / "bot" / "data" / "her.txt"]
    for folder in FOLDERS:
        if folder.is_dir():
            out += sorted(
                p
                for p in folder.iterdir()
                if p.is_file() and p.suffix not in SKIP and p.name != "README.md"
            )
    return out


def run() -> dict[str, str]:
    result: dict[str, str] = {}
    docs = []
    for p in paths():
        try:
            doc = read_path(str(p))
        except Exception as exc:  # noqa: BLE001
            result[str(p)] = f"READ ERROR {type(exc).__name__}: {exc}"
            continue
        docs.append(doc)
        try:
            result[str(p)] = json.dumps(extract_document(doc).to_json(), sort_keys=True)
        except Exception as exc:  # noqa: BLE001
            result[str(p)] = f"ERROR {type(exc).__name__}: {exc}"
    # Concatenations (the bench's shape): hashed, since they are large.
    for fmt in ("markdown", "html"):
        unit = "\n\n".join(d.text for d in docs if (d.fmt == "html") == (fmt == "html"))
        out = extract_document(LoadedDocument(text=unit, fmt=fmt, name="concat"))
        result[f"concat:{fmt}"] = hashlib.sha256(
            json.dumps(out.to_json(), sort_keys=True).encode()
        ).hexdigest()
    return result


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "check"
    golden = Path(argv[1] if len(argv) > 1 else "/tmp/extract_golden.json")
    start = time.process_time()
    result = run()
    print(f"{len(result)} outputs in {time.process_time() - start:.1f} s CPU")
    if mode == "write":
        golden.write_text(json.dumps(result, indent=0, sort_keys=True))
        print("wrote", golden)
        return 0
    expected = json.loads(golden.read_text())
    bad = [k for k in sorted(set(expected) | set(result)) if expected.get(k) != result.get(k)]
    for k in bad:
        print("DIFF", k)
    print("OK identical" if not bad else f"FAIL {len(bad)} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
