"""SQL for schedules and their slot runs (each (schedule, slot) is recorded exactly once)."""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot import metrics
from bot.clock import iso, parse_iso
from bot.models import Kind
from bot.store.db import Database
from bot.store.records import short_id

log = logging.getLogger(__name__)

# Run outcomes. ``started`` is the only open one: the slot is claimed, the post may be under way.
STARTED = "started"
POSTED = "posted"
SKIPPED = "skipped"  # missed while the bot was offline, beyond the grace period
EXHAUSTED = "exhausted"  # every item of the kind was posted and the club does not restart
EMPTY = "empty"  # no document, or no item of the kind at all
FAILED = "failed"
UNKNOWN = "unknown"  # the bot stopped mid-post on a platform that cannot dedupe: not re-posted

ACTIVE, PAUSED, DONE = "active", "paused", "done"

_SCHEDULE_COLS = (
    "s.id, s.club_id, s.number, s.channel_ref, ch.channel_id, s.document_id, s.kind, s.spec, "
    "s.status, s.status_reason, s.next_run, s.created_by, s.created_at, s.manage_channel, "
    "s.notice, c.platform, c.workspace_id, ch.name, ch.active_document_id"
)
_SCHEDULE_FROM = (
    "FROM schedules s JOIN channels ch ON ch.id = s.channel_ref JOIN clubs c ON c.id = s.club_id"
)


@dataclass(frozen=True)
class Schedule:
    """A schedule, with its channel's platform id and its club's platform."""

    id: int
    club_id: int
    number: int
    channel_ref: int
    channel_id: str
    document_id: int | None
    kind: str  # a Kind value, or "any" (the club's kinds, in order)
    spec: str
    status: str
    status_reason: str | None
    next_run: str | None
    created_by: str | None
    created_at: str
    manage_channel: str | None
    notice: str | None
    platform: str
    workspace_id: str
    channel_name: str | None = None
    active_document_id: int | None = None


@dataclass(frozen=True)
class ScheduleRun:
    """What happened at one slot of a schedule."""

    schedule_id: int
    slot: str
    status: str
    prompt_id: int | None
    message_id: str | None
    detail: str | None
    started_at: str
    finished_at: str | None
    nonce: str | None
    attempts: int
    missed: int
    item_short_id: str | None = None
    attempted_at: str | None = None  # when a platform call that may have posted it began


@dataclass(frozen=True)
class OpenRun:
    """A run left ``started`` (by a crash): what reconciliation needs to decide its fate.

    ``run.attempted_at`` is None when no platform call for it was under way: nothing was sent.
    """

    run: ScheduleRun
    schedule: Schedule
    prompt_message_id: str | None
    prompt_item_id: int | None
    prompt_document_id: int | None
    prompt_cycle: int | None


@dataclass(frozen=True)
class Unknown:
    """A slot whose post may or may not have arrived: closed ``unknown``, its club told once."""

    schedule_id: int
    slot: str
    club_id: int
    detail: str
    channel_id: str | None  # where to tell the moderators if the club has no log channel


@dataclass(frozen=True)
class NoticeSlot:
    """One slot listed in a moderators' notice."""

    schedule_id: int
    number: int
    channel_id: str
    slot: str


@dataclass(frozen=True)
class SlotNotice:
    """A notice telling a club's moderators of slots with an unknown outcome.

    ``status``: ``pending`` (not sent), ``sending`` (the platform call began), ``sent``, or
    ``dropped`` (the call may have arrived and the platform cannot tell: never sent twice).
    """

    id: int
    club_id: int
    platform: str
    workspace_id: str
    channel_id: str | None
    status: str
    attempted_at: str | None
    slots: tuple[NoticeSlot, ...]


@dataclass(frozen=True)
class NewPrompt:
    """The prompt record to create with a claimed slot (same columns as a manual prompt)."""

    club_id: int
    channel_ref: int
    document_id: int
    item_id: int
    cycle: int


@dataclass(frozen=True)
class Claim:
    """One slot to record: a run (posting or already decided) and the schedule's next run."""

    schedule_id: int
    slot: str
    status: str
    next_run: str | None
    nonce: str | None = None
    detail: str | None = None
    missed: int = 0
    prompt: NewPrompt | None = None
    notice: str | None = None  # set the schedule's notice flag (e.g. told about exhaustion)


@dataclass(frozen=True)
class Finish:
    """The outcome of a posting run."""

    schedule_id: int
    slot: str
    status: str
    message_id: str | None = None
    detail: str | None = None
    attempts: int = 1
    pause_reason: str | None = None  # pause the schedule (channel gone, permission lost)
    drop_prompt: bool = False  # nothing was sent: forget its prompt, so the item is free again


def _schedule(row: Any) -> Schedule:
    return Schedule(*row[:19])


_RUN_COLS = (
    "r.schedule_id, r.slot, r.status, r.prompt_id, r.message_id, r.detail, r.started_at, "
    "r.finished_at, r.nonce, r.attempts, r.missed"
)


# How long a started slot stays its process's own without a renewal: a process that dies
# holding claims loses them after this, and a live one settles them (several processes).
LEASE_SECONDS = 60.0


class ScheduleStore:
    """Every query of the scheduler; parameterized, and scoped by club for commands."""

    def __init__(self, db: Database, *, lease_seconds: float = LEASE_SECONDS) -> None:
        self.db = db
        # This process, as the owner of the slots it claims (several may share a database).
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.lease_seconds = lease_seconds

    def _lease_until(self, now: str) -> str:
        return iso(parse_iso(now) + timedelta(seconds=self.lease_seconds))

    # -- the moderators' commands ---------------------------------------------------------
    async def add(
        self,
        *,
        club_id: int,
        channel_ref: int,
        document_id: int | None,
        kind: str,
        spec: str,
        next_run: str | None,
        created_by: str | None,
        manage_channel: str | None,
        now: str,
    ) -> Schedule:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM schedules WHERE club_id = ?", (club_id,)
            )
            number = (await cur.fetchone())[0]
            cur = await conn.execute(
                "INSERT INTO schedules (club_id, number, channel_ref, document_id, kind, spec, "
                "status, next_run, created_by, created_at, manage_channel) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    club_id,
                    number,
                    channel_ref,
                    document_id,
                    kind,
                    spec,
                    ACTIVE if next_run else DONE,
                    next_run,
                    created_by,
                    now,
                    manage_channel,
                ),
            )
            schedule_id = (await cur.fetchone())[0]
        found = await self.get_by_id(schedule_id)
        assert found is not None
        return found

    async def get(self, club_id: int, number: int) -> Schedule | None:
        row = await self.db.fetchone(
            f"SELECT {_SCHEDULE_COLS} {_SCHEDULE_FROM} WHERE s.club_id = ? AND s.number = ?",
            (club_id, number),
        )
        return _schedule(row) if row else None

    async def get_by_id(self, schedule_id: int) -> Schedule | None:
        row = await self.db.fetchone(
            f"SELECT {_SCHEDULE_COLS} {_SCHEDULE_FROM} WHERE s.id = ?", (schedule_id,)
        )
        return _schedule(row) if row else None

    async def list(self, club_id: int) -> list[Schedule]:
        rows = await self.db.fetchall(
            f"SELECT {_SCHEDULE_COLS} {_SCHEDULE_FROM} WHERE s.club_id = ? ORDER BY s.number",
            (club_id,),
        )
        return [_schedule(r) for r in rows]

    async def set_status(
        self,
        club_id: int,
        schedule_id: int,
        status: str,
        *,
        reason: str | None = None,
        next_run: str | None = None,
    ) -> None:
        await self.db.execute(
            "UPDATE schedules SET status = ?, status_reason = ?, next_run = ?, notice = NULL "
            "WHERE id = ? AND club_id = ?",
            (status, reason, next_run, schedule_id, club_id),
        )

    async def set_next_runs(self, updates: Iterable[tuple[int, str | None]]) -> None:
        """Re-time schedules (the club's time zone changed): (schedule id, next run)."""
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE schedules SET next_run = ?, "
                "status = CASE WHEN CAST(? AS TEXT) IS NULL AND status = 'active' THEN 'done' "
                "ELSE status END "
                "WHERE id = ?",
                [(nxt, nxt, sid) for sid, nxt in updates],
            )

    async def remove(self, club_id: int, schedule_id: int) -> bool:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM schedules WHERE id = ? AND club_id = ?", (schedule_id, club_id)
            )
            return cur.rowcount > 0

    async def last_run(self, schedule_id: int) -> ScheduleRun | None:
        row = await self.db.fetchone(
            f"SELECT {_RUN_COLS}, i.kind, i.number, r.attempted_at FROM schedule_runs r "
            "LEFT JOIN prompts p ON p.id = r.prompt_id LEFT JOIN items i ON i.id = p.item_id "
            "WHERE r.schedule_id = ? ORDER BY r.slot DESC LIMIT 1",
            (schedule_id,),
        )
        return _run(row) if row else None

    async def runs(self, schedule_id: int, limit: int = 50) -> list[ScheduleRun]:
        rows = await self.db.fetchall(
            f"SELECT {_RUN_COLS}, i.kind, i.number, r.attempted_at FROM schedule_runs r "
            "LEFT JOIN prompts p ON p.id = r.prompt_id LEFT JOIN items i ON i.id = p.item_id "
            "WHERE r.schedule_id = ? ORDER BY r.slot DESC LIMIT ?",
            (schedule_id, limit),
        )
        return [_run(r) for r in rows]

    # -- the scheduler --------------------------------------------------------------------
    async def due(self, now: str, platforms: Sequence[str], limit: int = 500) -> list[Schedule]:
        """Active schedules whose next run has come, on the attached platforms, oldest first."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self.db.fetchall(
            f"SELECT {_SCHEDULE_COLS} {_SCHEDULE_FROM} WHERE s.status = 'active' "
            f"AND s.next_run <= ? AND c.platform IN ({marks}) ORDER BY s.next_run, s.id LIMIT ?",
            (now, *platforms, limit),
        )
        return [_schedule(r) for r in rows]

    async def earliest(self, platforms: Sequence[str] | None = None) -> str | None:
        """The earliest next run of an active schedule (on ``platforms`` when given)."""
        if platforms is None:
            row = await self.db.fetchone(
                "SELECT MIN(next_run) FROM schedules WHERE status = 'active'"
            )
        elif not platforms:
            return None
        else:
            marks = ", ".join("?" for _ in platforms)
            row = await self.db.fetchone(
                "SELECT MIN(s.next_run) FROM schedules s JOIN clubs c ON c.id = s.club_id "
                f"WHERE s.status = 'active' AND c.platform IN ({marks})",
                tuple(platforms),
            )
        return row[0] if row else None

    async def claim(self, claims: Sequence[Claim], now: str) -> list[tuple[Claim, int | None]]:
        """Record slots, their prompts and the schedules' next runs in one transaction.

        A slot already recorded is not claimed again (the returned list, of each claim with its
        new prompt id, leaves it out): this is what makes a slot run at most once. Rows are
        written in bulk, since a whole batch of due schedules is claimed at once.
        """
        if not claims:
            return []
        claimed: list[tuple[Claim, int | None]] = []
        async with self.db.transaction() as conn:
            if self.db.skip_locked:
                # Several processes: lock the schedules claimed here; one another process is
                # claiming right now is skipped (it is that process's slot).
                ids = sorted({c.schedule_id for c in claims})
                locked: set[int] = set()
                for start in range(0, len(ids), 400):
                    chunk = ids[start : start + 400]
                    cur = await conn.execute(
                        f"SELECT id FROM schedules WHERE id IN ({', '.join('?' for _ in chunk)})"
                        + self.db.skip_locked,
                        chunk,
                    )
                    locked.update(r[0] for r in await cur.fetchall())
                claims = [c for c in claims if c.schedule_id in locked]
            taken: set[tuple[int, str]] = set()
            keys = [(c.schedule_id, c.slot) for c in claims]
            for start in range(0, len(keys), 400):
                chunk = keys[start : start + 400]
                values = ", ".join("(CAST(? AS INTEGER), ?)" for _ in chunk)
                cur = await conn.execute(
                    "SELECT schedule_id, slot FROM schedule_runs "
                    f"WHERE (schedule_id, slot) IN (VALUES {values})",
                    [v for key in chunk for v in key],
                )
                taken.update((r[0], r[1]) for r in await cur.fetchall())
            fresh = [c for c in claims if (c.schedule_id, c.slot) not in taken]
            for claim in claims:
                if (claim.schedule_id, claim.slot) in taken:
                    # With several processes this is routine: another one ran it first.
                    (log.debug if self.db.skip_locked else log.warning)(
                        "slot %s of schedule %s was already run", claim.slot, claim.schedule_id
                    )
            # The schedules move on either way, so a slot can never keep one due.
            await conn.executemany(
                "UPDATE schedules SET next_run = ?, notice = COALESCE(?, notice), "
                "status = CASE WHEN CAST(? AS TEXT) IS NULL THEN 'done' ELSE status END "
                "WHERE id = ?",
                [
                    (
                        c.next_run,
                        c.notice if (c.schedule_id, c.slot) not in taken else None,
                        c.next_run,
                        c.schedule_id,
                    )
                    for c in claims
                ],
            )
            # Each prompt is inserted for its id (RETURNING: portable, unlike taking MAX(id)),
            # so that every run row is written already linked to its prompt.
            run_rows = []
            lease = self._lease_until(now)
            for claim in fresh:
                prompt_id = None
                if claim.prompt is not None:
                    # The same record DiscussionStore.begin_prompt makes, in the slot's transaction.
                    p = claim.prompt
                    cur = await conn.execute(
                        "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, "
                        "posted_by, posted_at, schedule_id) VALUES (?, ?, ?, ?, ?, NULL, ?, ?) "
                        "RETURNING id",
                        (p.club_id, p.channel_ref, p.document_id, p.item_id, p.cycle)
                        + (now, claim.schedule_id),
                    )
                    prompt_id = (await cur.fetchone())[0]
                run_rows.append(
                    (
                        claim.schedule_id,
                        claim.slot,
                        claim.status,
                        prompt_id,
                        claim.detail,
                        now,
                        None if claim.status == STARTED else now,
                        claim.nonce,
                        1 if prompt_id else 0,
                        claim.missed,
                        self.owner if claim.status == STARTED else None,
                        lease if claim.status == STARTED else None,
                    )
                )
                claimed.append((claim, prompt_id))
            await conn.executemany(
                "INSERT INTO schedule_runs (schedule_id, slot, status, prompt_id, detail, "
                "started_at, finished_at, nonce, attempts, missed, owner, lease_until) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run_rows,
            )
        _count_outcomes(c.status for c in fresh if c.status != STARTED)
        return claimed

    async def start_prompt(self, schedule_id: int, slot: str, prompt: NewPrompt, now: str) -> int:
        """Record a new prompt for an already claimed slot (a retry) and link it, atomically."""
        async with self.db.transaction() as conn:
            return await self._insert_prompt(conn, schedule_id, slot, prompt, now)

    async def _insert_prompt(
        self, conn: Any, schedule_id: int, slot: str, prompt: NewPrompt, now: str
    ) -> int:
        # The same record DiscussionStore.begin_prompt makes, written in the slot's transaction
        # so that a slot and its prompt are recorded together or not at all.
        cur = await conn.execute(
            "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, posted_by, "
            "posted_at, schedule_id) VALUES (?, ?, ?, ?, ?, NULL, ?, ?) RETURNING id",
            (
                prompt.club_id,
                prompt.channel_ref,
                prompt.document_id,
                prompt.item_id,
                prompt.cycle,
                now,
                schedule_id,
            ),
        )
        prompt_id = (await cur.fetchone())[0]
        await conn.execute(
            "UPDATE schedule_runs SET prompt_id = ?, attempts = attempts + 1 "
            "WHERE schedule_id = ? AND slot = ?",
            (prompt_id, schedule_id, slot),
        )
        return prompt_id

    async def prompt_of(self, schedule_id: int, slot: str) -> tuple[int | None, str | None]:
        """The run's prompt id and that prompt's message id (set once it was posted)."""
        row = await self.db.fetchone(
            "SELECT r.prompt_id, p.message_id FROM schedule_runs r "
            "LEFT JOIN prompts p ON p.id = r.prompt_id WHERE r.schedule_id = ? AND r.slot = ?",
            (schedule_id, slot),
        )
        return (row[0], row[1]) if row else (None, None)

    async def finish(self, finishes: Sequence[Finish], now: str) -> None:
        """Close runs with their outcome; pause schedules that cannot post any more."""
        if not finishes:
            return
        async with self.db.transaction() as conn:
            await conn.executemany(
                "UPDATE schedule_runs SET status = ?, message_id = COALESCE(?, message_id), "
                "detail = ?, finished_at = ?, "
                "attempts = CASE WHEN attempts > ? THEN attempts ELSE ? END "
                "WHERE schedule_id = ? AND slot = ? AND (owner IS NULL OR owner = ?)",
                [
                    (f.status, f.message_id, f.detail, now)
                    + (f.attempts, f.attempts, f.schedule_id, f.slot, self.owner)
                    for f in finishes
                ],
            )
            dropped = [(f.schedule_id, f.slot) for f in finishes if f.drop_prompt]
            if dropped:
                await conn.executemany(
                    "DELETE FROM prompts WHERE message_id IS NULL AND id = "
                    "(SELECT prompt_id FROM schedule_runs WHERE schedule_id = ? AND slot = ?)",
                    dropped,
                )
            posted = [(f.schedule_id,) for f in finishes if f.status == POSTED]
            if posted:
                await conn.executemany(
                    "UPDATE schedules SET notice = NULL WHERE id = ? AND notice IS NOT NULL",
                    posted,
                )
            paused = [(f.pause_reason, f.schedule_id) for f in finishes if f.pause_reason]
            if paused:
                await conn.executemany(
                    "UPDATE schedules SET status = 'paused', status_reason = ? "
                    "WHERE id = ? AND status = 'active'",
                    paused,
                )
        _count_outcomes(f.status for f in finishes)

    # -- several processes: leases on started slots ---------------------------------------
    async def renew_leases(self, now: str) -> int:
        """Keep this process's started slots its own for another lease (a heartbeat)."""
        return await self._rowcount(
            "UPDATE schedule_runs SET lease_until = ? WHERE owner = ? AND status = 'started'",
            (self._lease_until(now), self.owner),
        )

    async def release_leases(self) -> int:
        """Give up this process's started slots at once (a stop), for another to settle."""
        return await self._rowcount(
            "UPDATE schedule_runs SET lease_until = '' WHERE owner = ? AND status = 'started'",
            (self.owner,),
        )

    async def take_over(
        self, platforms: Sequence[str], now: str, *, everything: bool = False, mine: bool = False
    ) -> set[tuple[int, str]]:
        """Make started slots this process's own: those of no process or of a process whose
        lease ran out (it died or stopped), with ``mine`` also this process's own (a restart
        of its scheduler), or with ``everything`` (one process on SQLite) all of them.
        Returns their (schedule id, slot); each goes to exactly one taker."""
        if not platforms:
            return set()
        marks = ", ".join("?" for _ in platforms)
        free, free_params = takeable(self.owner, now, everything=everything, mine=mine)
        params: list[Any] = [self.owner, self._lease_until(now), *free_params]
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE schedule_runs SET owner = ?, lease_until = ? WHERE status = 'started'"
                + free
                + " AND schedule_id IN (SELECT s.id FROM schedules s JOIN clubs c ON "
                f"c.id = s.club_id WHERE c.platform IN ({marks})) RETURNING schedule_id, slot",
                [*params, *platforms],
            )
            return {(r[0], r[1]) for r in await cur.fetchall()}

    async def earliest_foreign_lease(self) -> str | None:
        """When the first lease of another process's started slot runs out ('' = released)."""
        row = await self.db.fetchone(
            "SELECT MIN(COALESCE(lease_until, '')) FROM schedule_runs "
            "WHERE status = 'started' AND (owner IS NULL OR owner <> ?)",
            (self.owner,),
        )
        return row[0] if row else None

    async def _rowcount(self, sql: str, params: Sequence[Any]) -> int:
        async with self.db.transaction() as conn:
            return (await conn.execute(sql, params)).rowcount

    async def open_runs(self, platforms: Sequence[str]) -> list[OpenRun]:
        """Runs left ``started`` on the given platforms (the bot stopped while they ran)."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self.db.fetchall(
            f"SELECT {_RUN_COLS}, NULL, NULL, r.attempted_at, {_SCHEDULE_COLS}, p.message_id, "
            "p.item_id, p.document_id, p.cycle FROM schedule_runs r "
            "JOIN schedules s ON s.id = r.schedule_id "
            "JOIN channels ch ON ch.id = s.channel_ref JOIN clubs c ON c.id = s.club_id "
            "LEFT JOIN prompts p ON p.id = r.prompt_id "
            f"WHERE r.status = 'started' AND c.platform IN ({marks}) ORDER BY r.slot, r.schedule_id",
            tuple(platforms),
        )
        out = []
        for row in rows:
            run = _run(row[:14])
            schedule = _schedule(row[14:33])
            out.append(OpenRun(run, schedule, row[33], row[34], row[35], row[36]))
        return out

    # -- attempts: what a crash may have left in flight ------------------------------------
    async def mark_attempts(
        self, keys: Sequence[tuple[int, str]], now: str
    ) -> set[tuple[int, str]]:
        """Record, before the platform calls begin, that these slots' posts are being sent.

        The first mark is kept (a retry with the same key does not move it), so it is the
        earliest moment a post of the slot may have reached the platform. Only slots this
        process still holds are marked (and their leases renewed); the others were taken over
        by another process and must not be posted here: the returned set leaves them out.
        """
        if not keys:
            return set()
        marked: set[tuple[int, str]] = set()
        async with self.db.transaction() as conn:
            for start in range(0, len(keys), 400):
                chunk = keys[start : start + 400]
                values = ", ".join("(CAST(? AS INTEGER), ?)" for _ in chunk)
                cur = await conn.execute(
                    "UPDATE schedule_runs SET attempted_at = COALESCE(attempted_at, ?), "
                    "lease_until = ? WHERE status = 'started' AND (owner IS NULL OR owner = ?) "
                    f"AND (schedule_id, slot) IN (VALUES {values}) RETURNING schedule_id, slot",
                    [now, self._lease_until(now), self.owner, *(v for k in chunk for v in k)],
                )
                marked.update((r[0], r[1]) for r in await cur.fetchall())
        return marked

    async def clear_attempt(self, schedule_id: int, slot: str) -> None:
        """The attempt certainly sent nothing (refused, rate-limited, never connected)."""
        await self.db.execute(
            "UPDATE schedule_runs SET attempted_at = NULL WHERE schedule_id = ? AND slot = ?",
            (schedule_id, slot),
        )

    # -- unknown outcomes and the moderators' notices --------------------------------------
    async def settle_unknown(self, unknowns: Sequence[Unknown], now: str) -> list[int]:
        """Close runs as ``unknown`` and, in the same transaction, create one pending notice
        per club listing them; returns the new notices' ids.

        A run is linked to exactly one notice, so its moderators hear of it at most once.
        """
        if not unknowns:
            return []
        by_club: dict[int, list[Unknown]] = {}
        for unknown in unknowns:
            by_club.setdefault(unknown.club_id, []).append(unknown)
        created: list[int] = []
        async with self.db.transaction() as conn:
            for club_id, items in by_club.items():
                channel = next((u.channel_id for u in items if u.channel_id), None)
                cur = await conn.execute(
                    "INSERT INTO schedule_notices (club_id, channel_id, status, created_at) "
                    "VALUES (?, ?, 'pending', ?) RETURNING id",
                    (club_id, channel, now),
                )
                notice_id = int((await cur.fetchone())[0])
                await cur.close()
                created.append(notice_id)
                await conn.executemany(
                    "UPDATE schedule_runs SET status = ?, detail = ?, finished_at = ?, "
                    "notice_id = ? WHERE schedule_id = ? AND slot = ? AND status = 'started'",
                    [(UNKNOWN, u.detail, now, notice_id, u.schedule_id, u.slot) for u in items],
                )
        _count_outcomes(UNKNOWN for _ in unknowns)
        return created

    async def open_notices(self, platforms: Sequence[str]) -> list[SlotNotice]:
        """Notices not yet sent (``pending``) or whose sending a stop interrupted."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self.db.fetchall(
            "SELECT n.id, n.club_id, c.platform, c.workspace_id, n.channel_id, n.status, "
            "n.attempted_at FROM schedule_notices n JOIN clubs c ON c.id = n.club_id "
            f"WHERE n.status IN ('pending', 'sending') AND c.platform IN ({marks}) ORDER BY n.id",
            tuple(platforms),
        )
        notices = [tuple(row) for row in rows]
        if not notices:
            return []
        slots: dict[int, list[NoticeSlot]] = {}
        ids = [n[0] for n in notices]
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            slot_rows = await self.db.fetchall(
                "SELECT r.notice_id, r.schedule_id, s.number, ch.channel_id, r.slot "
                "FROM schedule_runs r JOIN schedules s ON s.id = r.schedule_id "
                "JOIN channels ch ON ch.id = s.channel_ref "
                f"WHERE r.notice_id IN ({', '.join('?' for _ in chunk)}) "
                "ORDER BY s.number, r.slot",
                tuple(chunk),
            )
            for r in slot_rows:
                slots.setdefault(r[0], []).append(NoticeSlot(r[1], r[2], r[3], r[4]))
        return [SlotNotice(*n, slots=tuple(slots.get(n[0], ()))) for n in notices]

    async def notice_sending(self, notice_id: int, now: str) -> None:
        """Record, before the platform call, that the notice is being sent."""
        await self.db.execute(
            "UPDATE schedule_notices SET status = 'sending', "
            "attempted_at = COALESCE(attempted_at, ?) WHERE id = ?",
            (now, notice_id),
        )

    async def notice_done(
        self, notice_id: int, status: str, now: str, message_id: str | None = None
    ) -> None:
        """Close a notice: ``sent`` (with its message), ``pending`` again, or ``dropped``."""
        if status == "pending":  # nothing went out: it is sent again, as if never tried
            await self.db.execute(
                "UPDATE schedule_notices SET status = 'pending', attempted_at = NULL WHERE id = ?",
                (notice_id,),
            )
            return
        await self.db.execute(
            "UPDATE schedule_notices SET status = ?, finished_at = ?, "
            "message_id = COALESCE(?, message_id) WHERE id = ?",
            (status, now, message_id, notice_id),
        )


def _run(row: Any) -> ScheduleRun:
    item = short_id(Kind(row[11]), row[12]) if len(row) > 12 and row[11] else None
    attempted = row[13] if len(row) > 13 else None
    return ScheduleRun(*row[:11], item_short_id=item, attempted_at=attempted)


def _count_outcomes(statuses: Iterable[str]) -> None:
    """Count settled slots by outcome for the metrics (after their transaction committed)."""
    for status in statuses:
        metrics.SLOTS.labels(outcome=status).inc()


def takeable(owner: str, now: str, *, everything: bool, mine: bool) -> tuple[str, list[Any]]:
    """The condition, after ``WHERE status = 'started'``, that picks the started rows a process
    may take over, with its parameters: rows of no process or of one whose lease ran out; with
    ``mine`` also the process's own (a restart of its scheduler); with ``everything`` all."""
    if everything:
        return "", []
    params: list[Any] = [now]
    free = " AND (owner IS NULL OR lease_until IS NULL OR lease_until < ?"
    if mine:
        free += " OR owner = ?"
        params.append(owner)
    return free + ")", params
