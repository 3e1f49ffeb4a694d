"""`filmclub export`/`import` (clubs as a JSON file) and `filmclub db copy` (database to database)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.i18n import counted


def register(sub: argparse._SubParsersAction) -> None:
    ex = sub.add_parser("export", help="write one club (or all) to a JSON file")
    ex.add_argument("file", help="where to write the JSON ('-' for standard output)")
    ex.add_argument("--club", help="PLATFORM:WORKSPACE_ID of one club (default: all clubs)")
    ex.set_defaults(handler=cmd_export)
    im = sub.add_parser("import", help="add the clubs of a JSON export to this database")
    im.add_argument("file", help="a file written by filmclub export")
    im.add_argument("--replace", action="store_true", help="overwrite clubs that already exist")
    im.set_defaults(handler=cmd_import)
    db = sub.add_parser("db", help="database tools")
    dbsub = db.add_subparsers(dest="db_command", required=True)
    cp = dbsub.add_parser(
        "copy", help="copy every club from one database to another (e.g. SQLite to PostgreSQL)"
    )
    cp.add_argument("source", help="DATABASE_URL to read (sqlite:///PATH or postgresql://…)")
    cp.add_argument("target", help="DATABASE_URL to write (created and migrated as needed)")
    cp.add_argument("--replace", action="store_true", help="overwrite clubs that already exist")
    cp.set_defaults(handler=cmd_db_copy)


async def _open(target: str):  # type: ignore[no-untyped-def]
    from adapters.cli import UserError
    from bot.store import open_store
    from bot.store.db import DatabaseError

    try:
        return await open_store(target, pool_size=2)
    except DatabaseError as exc:
        raise UserError(str(exc)) from None


async def _export(path: str, club: str | None) -> dict:
    from bot.store.backup import export_clubs

    store = await _open(path)
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
    from adapters.cli import _settings, require_database

    settings = _settings()
    require_database(settings.database_url, "nothing to export")
    path = settings.database_path
    data = asyncio.run(_export(path, args.club))
    text = json.dumps(data, ensure_ascii=False, indent=1)
    if args.file == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"exported {counted('club', len(data['clubs']))} to {args.file}")
    return 0


def _read_export(name: str) -> object:
    """The JSON of an export file, or a UserError that says in a sentence what is wrong."""
    from adapters.cli import UserError

    path = Path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"there is no file {name}") from None
    except IsADirectoryError:
        raise UserError(f"{name} is a folder, not an export file") from None
    except PermissionError:
        raise UserError(f"{name} cannot be read (permission denied)") from None
    except UnicodeDecodeError:
        raise UserError(
            f"{name} is not a filmclub export: it is not text (exports are JSON files "
            "written by filmclub export)"
        ) from None
    except OSError as exc:
        raise UserError(f"{name} cannot be read: {exc.strerror or exc}") from None
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise UserError(
            f"{name} is not a filmclub export: it is not JSON (exports are JSON files "
            "written by filmclub export)"
        ) from None


async def _import(path: str, payload: object, replace: bool) -> list[str]:
    from bot.store.backup import import_clubs

    store = await _open(path)
    try:
        return await import_clubs(store.db, payload, replace=replace)
    finally:
        await store.close()


def cmd_import(args: argparse.Namespace) -> int:
    from adapters.cli import UserError, _settings
    from bot.store.backup import BackupError

    settings = _settings()
    payload = _read_export(args.file)
    try:
        names = asyncio.run(_import(settings.database_path, payload, args.replace))
    except BackupError as exc:
        raise UserError(f"import refused, nothing was changed: {exc}") from None
    print(f"imported {counted('club', len(names))}: {', '.join(names) or 'none'}")
    return 0


async def _copy(source: str, target: str, replace: bool) -> list[str]:
    from bot.store.backup import export_clubs, import_clubs

    src = await _open(source)
    try:
        payload = await export_clubs(src.db)
    finally:
        await src.close()
    dst = await _open(target)
    try:
        return await import_clubs(dst.db, payload, replace=replace)
    finally:
        await dst.close()


def cmd_db_copy(args: argparse.Namespace) -> int:
    from adapters.cli import UserError, require_database
    from bot.store.backup import BackupError
    from bot.store.dialect import DatabaseUrlError, check_url, redact

    for url in (args.source, args.target):
        try:
            check_url(url)
        except DatabaseUrlError as exc:
            raise UserError(str(exc)) from None
    require_database(args.source, "nothing to copy", name="the source")
    try:
        names = asyncio.run(_copy(args.source, args.target, args.replace))
    except BackupError as exc:
        raise UserError(f"copy refused, nothing was changed in the target: {exc}") from None
    print(
        f"copied {counted('club', len(names))} from {redact(args.source)} to {redact(args.target)}: "
        f"{', '.join(names) or 'none'}"
    )
    return 0
