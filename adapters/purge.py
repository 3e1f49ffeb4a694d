"""`filmclub purge`: delete a club and everything it holds (and its workspace's tokens)."""

from __future__ import annotations

import argparse
import asyncio

from bot.i18n import counted


def register(sub: argparse._SubParsersAction) -> None:
    pg = sub.add_parser(
        "purge",
        help="delete one club's data for good (e.g. a Slack workspace that uninstalled the app)",
    )
    pg.add_argument("club", nargs="?", help="PLATFORM:WORKSPACE_ID, e.g. slack:T0123ABCD")
    pg.add_argument("--list", action="store_true", help="list the clubs in this database")
    pg.add_argument("--yes", action="store_true", help="really delete (without it: only show)")
    pg.set_defaults(handler=cmd_purge)


async def _list(path: str) -> list[str]:
    from bot.store import open_store

    store = await open_store(path, pool_size=2)
    try:
        installed = {
            (t.platform, t.team_id) for t in await store.installations.installed_teams("slack")
        }
        lines = []
        for club in await store.clubs.list():
            mark = " [installed]" if (club.platform, club.workspace_id) in installed else ""
            lines.append(
                f"{club.platform}:{club.workspace_id}  {club.name or '-'}  "
                f"{counted('document', club.documents)}, {counted('prompt', club.prompts)}{mark}"
            )
        return lines
    finally:
        await store.close()


async def _purge(path: str, platform: str, workspace: str, really: bool) -> str:
    from adapters.cli import UserError
    from bot.store import open_store

    store = await open_store(path, pool_size=2)
    try:
        club = await store.clubs.find(platform, workspace)
        if club is None:
            raise UserError(
                f"no club {platform}:{workspace} in this database (see filmclub purge --list)"
            )
        what = (
            f"club {platform}:{workspace} ({club.name or 'unnamed'}): "
            f"{counted('document', club.documents)}, {counted('prompt', club.prompts)}, "
            "its schedules, settings and suggestions"
        )
        if not really:
            return f"would delete {what}; run again with --yes to delete it"
        await store.clubs.purge(club.id)
        tokens = await store.installations.delete_workspace(platform, workspace)
        extra = " and the workspace's installation (it must reinstall the app)" if tokens else ""
        return f"deleted {what}{extra}"
    finally:
        await store.close()


def cmd_purge(args: argparse.Namespace) -> int:
    from adapters.cli import UserError, _settings, require_database

    settings = _settings()
    require_database(settings.database_url, "no club to list or delete")
    if args.list:
        lines = asyncio.run(_list(settings.database_path))
        print("\n".join(lines) if lines else "no clubs in this database")
        return 0
    if not args.club or ":" not in args.club:
        raise UserError("name the club as PLATFORM:WORKSPACE_ID (see filmclub purge --list)")
    platform, _, workspace = args.club.partition(":")
    print(asyncio.run(_purge(settings.database_path, platform, workspace, args.yes)))
    return 0
