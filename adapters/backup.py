"""`filmclub export` and `filmclub import`: back up and restore clubs as a JSON file."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("export", help="write one club (or all) to a JSON file")
    ex.add_argument("file", help="where to write the JSON ('-' for standard output)")
    ex.add_argument("--club", help="PLATFORM:WORKSPACE_ID of one club (default: all clubs)")
    ex.set_defaults(handler=cmd_export)
    im = sub.add_parser("import", help="add the clubs of a JSON export to this database")
    im.add_argument("file", help="a file written by filmclub export")
    im.add_argument("--replace", action="store_true", help="overwrite clubs that already exist")
    im.set_defaults(handler=cmd_import)


async def _export(path: str, club: str | None) -> dict:
    from bot.store import open_store
    from bot.store.backup import export_clubs

    store = await open_store(path)
    try:
        ids = None
        if club is not None:
            platform, _, workspace = club.partition(":")
            row = await store.db.fetchone(
                "SELECT id FROM clubs WHERE platform = ? AND workspace_id = ?",
                (platform, workspace),
            )
            if row is None:
                from adapters.cli import UserError

                raise UserError(f"no club {club!r} in this database")
            ids = [row[0]]
        return await export_clubs(store.db, ids)
    finally:
        await store.close()


def cmd_export(args: argparse.Namespace) -> int:
    from adapters.cli import UserError, _settings

    settings = _settings()
    path = settings.database_path
    if path == ":memory:" or not Path(path).is_file():
        # Opening it would create an empty database: a backup that silently holds nothing.
        raise UserError(f"there is no database at {path} (DATABASE_URL): nothing to export")
    data = asyncio.run(_export(path, args.club))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.file == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"exported {len(data['clubs'])} club(s) to {args.file}")
    return 0


async def _import(path: str, payload: dict, replace: bool) -> list[str]:
    from bot.store import open_store
    from bot.store.backup import import_clubs

    store = await open_store(path)
    try:
        return await import_clubs(store.db, payload, replace=replace)
    finally:
        await store.close()


def cmd_import(args: argparse.Namespace) -> int:
    from adapters.cli import UserError, _settings
    from bot.store.backup import BackupError

    settings = _settings()
    try:
        payload = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"cannot read {args.file}: {exc}") from None
    try:
        names = asyncio.run(_import(settings.database_path, payload, args.replace))
    except BackupError as exc:
        raise UserError(f"import refused, nothing was changed: {exc}") from None
    print(f"imported {len(names)} club(s): {', '.join(names) or 'none'}")
    return 0
