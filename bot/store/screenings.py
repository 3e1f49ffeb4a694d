"""SQL for screenings, their slots (each claimed exactly once), RSVPs and arc replies."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.store.db import Database
from bot.store.discussion import _ITEM_COLS, _item
from bot.store.records import StoredItem
from bot.store.schedules import ScheduleStore, takeable

log = logging.getLogger(__name__)

# Screening states.
ACTIVE, PAUSED, CANCELLED, DONE = "active", "paused", "cancelled", "done"
# Slot kinds, in the order a screening goes through them.
ANNOUNCE, REMIND, ARC, RECAP = "announce", "remind", "arc", "recap"
# Slot states: ``started`` is the only open one (claimed, the post may be under way).
PENDING, STARTED, POSTED, SKIPPED, FAILED, UNKNOWN = (
    "pending",
    "started",
    "posted",
    "skipped",
    "failed",
    "unknown",
)
DROPPED = "dropped"  # the screening was cancelled or moved before the slot came

_SCREENING_COLS = (
    "s.id, s.club_id, s.number, s.channel_ref, ch.channel_id, s.document_id, s.film, "
    "s.starts_at, s.place, s.status, s.status_reason, s.created_by, s.created_at, "
    "s.manage_channel, s.announce_channel, s.announce_message_id, s.event_id, s.arc_thread_id, "
    "s.arc_thread_channel, c.platform, c.workspace_id"
)
_SCREENING_FROM = (
    "FROM screenings s JOIN channels ch ON ch.id = s.channel_ref JOIN clubs c ON c.id = s.club_id"
)
_SLOT_COLS = (
    "id, screening_id, kind, seq, due_at, status, prompt_id, message_id, detail, started_at, "
    "finished_at, nonce, attempts, attempted_at"
)


@dataclass(frozen=True)
class Screening:
    """A screening with its channel's platform id and its club's platform."""

    id: int
    club_id: int
    number: int
    channel_ref: int
    channel_id: str
    document_id: int | None
    film: str
    starts_at: str
    place: str | None
    status: str
    status_reason: str | None
    created_by: str | None
    created_at: str
    manage_channel: str | None
    announce_channel: str | None
    announce_message_id: str | None
    event_id: str | None
    arc_thread_id: str | None
    arc_thread_channel: str | None
    platform: str
    workspace_id: str


@dataclass(frozen=True)
class Slot:
    """One moment of a screening: the announcement, a reminder, an arc prompt or the recap."""

    id: int
    screening_id: int
    kind: str
    seq: int
    due_at: str
    status: str
    prompt_id: int | None
    message_id: str | None
    detail: str | None
    started_at: str | None
    finished_at: str | None
    nonce: str | None
    attempts: int
    attempted_at: str | None = None  # when a platform call that may have posted it began


@dataclass(frozen=True)
class PromptCount:
    """An arc prompt and the replies it drew."""

    prompt_id: int
    item_id: int
    title: str | None
    channel_id: str | None
    thread_id: str | None
    message_id: str | None
    replies: int


@dataclass(frozen=True)
class Recap:
    """What an arc amounted to, in counts only."""

    prompts: int
    replies: int
    participants: int
    first_timers: int
    top: PromptCount | None


def _screening(row: Any) -> Screening:
    return Screening(*row[:21])


def _slot(row: Any) -> Slot:
    return Slot(*row[:14])


class ScreeningStore:
    """Every query of screenings; parameterized, and scoped by club for commands."""

    def __init__(self, db: Database, *, leases: ScheduleStore | None = None) -> None:
        self.db = db
        # This process's identity and lease length: the schedule store's, so one heartbeat
        # keeps (and one stop gives up) both kinds of started slot (bot/scheduler/cluster.py).
        self.leases = leases or ScheduleStore(db)

    @property
    def owner(self) -> str:
        return self.leases.owner

    def _lease_until(self, now: str) -> str:
        return self.leases._lease_until(now)

    # -- screenings -----------------------------------------------------------------------
    async def add(
        self,
        *,
        club_id: int,
        channel_ref: int,
        document_id: int | None,
        film: str,
        starts_at: str,
        place: str | None,
        created_by: str | None,
        manage_channel: str | None,
        slots: Sequence[tuple[str, int, str]],
        now: str,
    ) -> Screening:
        """A new screening and its planned slots (kind, seq, due), in one transaction."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM screenings WHERE club_id = ?",
                (club_id,),
            )
            number = (await cur.fetchone())[0]
            cur = await conn.execute(
                "INSERT INTO screenings (club_id, number, channel_ref, document_id, film, "
                "starts_at, place, status, created_by, created_at, manage_channel) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    club_id,
                    number,
                    channel_ref,
                    document_id,
                    film,
                    starts_at,
                    place,
                    ACTIVE,
                    created_by,
                    now,
                    manage_channel,
                ),
            )
            screening_id = (await cur.fetchone())[0]
            await conn.executemany(
                "INSERT INTO screening_slots (screening_id, kind, seq, due_at, status) "
                "VALUES (?, ?, ?, ?, 'pending')",
                [(screening_id, kind, seq, due) for kind, seq, due in slots],
            )
        found = await self.get_by_id(screening_id)
        assert found is not None
        return found

    async def get(self, club_id: int, number: int) -> Screening | None:
        row = await self.db.fetchone(
            f"SELECT {_SCREENING_COLS} {_SCREENING_FROM} WHERE s.club_id = ? AND s.number = ?",
            (club_id, number),
        )
        return _screening(row) if row else None

    async def get_by_id(self, screening_id: int) -> Screening | None:
        row = await self.db.fetchone(
            f"SELECT {_SCREENING_COLS} {_SCREENING_FROM} WHERE s.id = ?", (screening_id,)
        )
        return _screening(row) if row else None

    async def list(self, club_id: int) -> list[Screening]:
        rows = await self.db.fetchall(
            f"SELECT {_SCREENING_COLS} {_SCREENING_FROM} WHERE s.club_id = ? ORDER BY s.number",
            (club_id,),
        )
        return [_screening(r) for r in rows]

    async def update(self, screening_id: int, **fields: Any) -> None:
        """Set some columns of a screening (names are ours, never a user's)."""
        allowed = {
            "document_id",
            "film",
            "starts_at",
            "place",
            "status",
            "status_reason",
            "announce_channel",
            "announce_message_id",
            "event_id",
            "arc_thread_id",
            "arc_thread_channel",
        }
        if not fields or set(fields) - allowed:
            raise ValueError(f"bad screening fields: {sorted(fields)}")
        names = sorted(fields)
        await self.db.execute(
            f"UPDATE screenings SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
            (*[fields[n] for n in names], screening_id),
        )

    async def replan(self, screening_id: int, slots: Sequence[tuple[str, int, str]]) -> None:
        """Move the screening's slots that have not run yet to new times; drop the rest.

        A slot that already ran keeps its record; a planned slot that no longer exists
        (fewer reminders, a shorter arc) is marked dropped.
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "SELECT kind, seq, status FROM screening_slots WHERE screening_id = ?",
                (screening_id,),
            )
            existing = {(r[0], r[1]): r[2] for r in await cur.fetchall()}
            wanted = {(k, s): due for k, s, due in slots}
            for key, due in wanted.items():
                status = existing.get(key)
                if status is None:
                    await conn.execute(
                        "INSERT INTO screening_slots (screening_id, kind, seq, due_at, status) "
                        "VALUES (?, ?, ?, ?, 'pending')",
                        (screening_id, key[0], key[1], due),
                    )
                elif status in (PENDING, DROPPED):
                    await conn.execute(
                        "UPDATE screening_slots SET due_at = ?, status = 'pending', detail = NULL, "
                        "not_before = NULL "
                        "WHERE screening_id = ? AND kind = ? AND seq = ?",
                        (due, screening_id, key[0], key[1]),
                    )
            for key, status in existing.items():
                if key not in wanted and status == PENDING:
                    await conn.execute(
                        "UPDATE screening_slots SET status = 'dropped' "
                        "WHERE screening_id = ? AND kind = ? AND seq = ?",
                        (screening_id, key[0], key[1]),
                    )

    async def requeue_failed(self, screening_id: int) -> int:
        """Give the slots that failed (the reason the screening paused) another chance; the
        grace period still decides whether a late one is posted."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE screening_slots SET status = 'pending', not_before = NULL, "
                "prompt_id = NULL, owner = NULL, lease_until = NULL, attempted_at = NULL "
                "WHERE screening_id = ? AND status = 'failed'",
                (screening_id,),
            )
            return cur.rowcount

    async def drop_pending(self, screening_id: int, kinds: Sequence[str] | None = None) -> None:
        """Slots that have not run will not run (the screening was cancelled)."""
        sql = "UPDATE screening_slots SET status = 'dropped' WHERE screening_id = ? "
        params: list[Any] = [screening_id]
        sql += "AND status = 'pending'"
        if kinds:
            sql += f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params.extend(kinds)
        await self.db.execute(sql, params)

    # -- slots ----------------------------------------------------------------------------
    async def slots(self, screening_id: int) -> list[Slot]:
        rows = await self.db.fetchall(
            f"SELECT {_SLOT_COLS} FROM screening_slots WHERE screening_id = ? "
            "ORDER BY due_at, kind, seq",
            (screening_id,),
        )
        return [_slot(r) for r in rows]

    async def get_slot(self, slot_id: int) -> Slot | None:
        row = await self.db.fetchone(
            f"SELECT {_SLOT_COLS} FROM screening_slots WHERE id = ?", (slot_id,)
        )
        return _slot(row) if row else None

    async def due(self, now: str, platforms: Sequence[str], limit: int = 500) -> list[Slot]:
        """Pending slots of active screenings on the attached platforms that have come."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self.db.fetchall(
            f"SELECT sl.{_SLOT_COLS.replace(', ', ', sl.')} FROM screening_slots sl "
            "JOIN screenings s ON s.id = sl.screening_id JOIN clubs c ON c.id = s.club_id "
            "WHERE sl.status = 'pending' AND s.status = 'active' "
            "AND COALESCE(sl.not_before, sl.due_at) <= ? "
            f"AND c.platform IN ({marks}) ORDER BY sl.due_at, sl.id LIMIT ?",
            (now, *platforms, limit),
        )
        return [_slot(r) for r in rows]

    async def earliest(self) -> str | None:
        row = await self.db.fetchone(
            "SELECT MIN(COALESCE(sl.not_before, sl.due_at)) FROM screening_slots sl "
            "JOIN screenings s "
            "ON s.id = sl.screening_id WHERE sl.status = 'pending' AND s.status = 'active'"
        )
        return row[0] if row else None

    async def open_slots(self, platforms: Sequence[str]) -> list[Slot]:
        """Slots left ``started`` (the bot stopped while they ran) on these platforms."""
        if not platforms:
            return []
        marks = ", ".join("?" for _ in platforms)
        rows = await self.db.fetchall(
            f"SELECT sl.{_SLOT_COLS.replace(', ', ', sl.')} FROM screening_slots sl "
            "JOIN screenings s ON s.id = sl.screening_id JOIN clubs c ON c.id = s.club_id "
            f"WHERE sl.status = 'started' AND c.platform IN ({marks}) ORDER BY sl.due_at",
            tuple(platforms),
        )
        return [_slot(r) for r in rows]

    async def claim(
        self,
        slot: Slot,
        now: str,
        *,
        nonce: str | None,
        prompt: tuple[int, int, int, int, int] | None = None,
    ) -> tuple[bool, int | None]:
        """Take a pending slot (once: a second claim finds it taken), with its prompt record.

        ``prompt`` is (club id, channel ref, document id, item id, cycle): the prompt is
        written in the same transaction, so a slot and its prompt exist together or not at all.
        """
        async with self.db.transaction() as conn:
            if self.db.skip_locked:
                # Several processes: one claiming this slot right now holds it; skip it.
                cur = await conn.execute(
                    "SELECT id FROM screening_slots WHERE id = ? AND status = 'pending'"
                    + self.db.skip_locked,
                    (slot.id,),
                )
                if await cur.fetchone() is None:
                    log.debug("screening slot %s is another process's", slot.id)
                    return False, None
            cur = await conn.execute(
                "UPDATE screening_slots SET status = 'started', started_at = ?, nonce = ?, "
                "attempts = attempts + 1, owner = ?, lease_until = ?, attempted_at = NULL "
                "WHERE id = ? AND status = 'pending'",
                (now, nonce, self.owner, self._lease_until(now), slot.id),
            )
            if cur.rowcount != 1:
                log.info("screening slot %s was already claimed", slot.id)
                return False, None
            prompt_id = None
            if prompt is not None:
                cur = await conn.execute(
                    "INSERT INTO prompts (club_id, channel_ref, document_id, item_id, cycle, "
                    "posted_by, posted_at) VALUES (?, ?, ?, ?, ?, NULL, ?) RETURNING id",
                    (*prompt, now),
                )
                prompt_id = (await cur.fetchone())[0]
                await conn.execute(
                    "UPDATE screening_slots SET prompt_id = ? WHERE id = ?", (prompt_id, slot.id)
                )
        return True, prompt_id

    async def mark(
        self,
        slot_id: int,
        status: str,
        now: str,
        *,
        message_id: str | None = None,
        detail: str | None = None,
    ) -> None:
        """Close a slot with its outcome; a started slot only while this process holds it
        (another one took it over after this one stalled past its lease: that one settles it)."""
        await self.db.execute(
            "UPDATE screening_slots SET status = ?, message_id = COALESCE(?, message_id), "
            "detail = ?, finished_at = ? WHERE id = ? "
            "AND (status <> 'started' OR owner IS NULL OR owner = ?)",
            (status, message_id, detail, now, slot_id, self.owner),
        )

    async def retry_later(self, slot_id: int, not_before: str, detail: str) -> None:
        """Give a claimed slot back, to be tried again no sooner than ``not_before``."""
        await self.db.execute(
            "UPDATE screening_slots SET status = 'pending', not_before = ?, detail = ?, "
            "prompt_id = NULL, owner = NULL, lease_until = NULL, attempted_at = NULL "
            "WHERE id = ? AND status = 'started' AND (owner IS NULL OR owner = ?)",
            (not_before, detail, slot_id, self.owner),
        )

    # -- several processes: leases on started slots (as ScheduleStore's) -------------------
    async def hold(self, slot_id: int, now: str) -> bool:
        """Just before a slot's platform calls: whether this process still holds it.

        Records the attempt (the first mark is kept: the earliest moment a post may have
        reached the platform) and renews the lease. False: another process took the slot
        over (this one stalled past its lease) and it must not be posted here.
        """
        return (
            await self._rowcount(
                "UPDATE screening_slots SET attempted_at = COALESCE(attempted_at, ?), "
                "lease_until = ? WHERE id = ? AND status = 'started' "
                "AND (owner IS NULL OR owner = ?)",
                (now, self._lease_until(now), slot_id, self.owner),
            )
            == 1
        )

    async def renew_leases(self, now: str) -> int:
        """Keep this process's started slots its own for another lease (a heartbeat)."""
        return await self._rowcount(
            "UPDATE screening_slots SET lease_until = ? WHERE owner = ? AND status = 'started'",
            (self._lease_until(now), self.owner),
        )

    async def release_leases(self) -> int:
        """Give up this process's started slots at once (a stop), for another to settle."""
        return await self._rowcount(
            "UPDATE screening_slots SET lease_until = '' WHERE owner = ? AND status = 'started'",
            (self.owner,),
        )

    async def take_over(
        self, platforms: Sequence[str], now: str, *, everything: bool = False, mine: bool = False
    ) -> set[int]:
        """Make started slots this process's own: those of no process or of one whose lease
        ran out, with ``mine`` also this process's own (a restart of its scheduler), with
        ``everything`` (one process on SQLite) all. Returns their ids; each has one taker."""
        if not platforms:
            return set()
        marks = ", ".join("?" for _ in platforms)
        free, free_params = takeable(self.owner, now, everything=everything, mine=mine)
        params: list[Any] = [self.owner, self._lease_until(now), *free_params]
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE screening_slots SET owner = ?, lease_until = ? WHERE status = 'started'"
                + free
                + " AND screening_id IN (SELECT s.id FROM screenings s JOIN clubs c ON "
                f"c.id = s.club_id WHERE c.platform IN ({marks})) RETURNING id",
                [*params, *platforms],
            )
            return {r[0] for r in await cur.fetchall()}

    async def earliest_foreign_lease(self) -> str | None:
        """When the first lease of another process's started slot runs out ('' = released)."""
        row = await self.db.fetchone(
            "SELECT MIN(COALESCE(lease_until, '')) FROM screening_slots "
            "WHERE status = 'started' AND (owner IS NULL OR owner <> ?)",
            (self.owner,),
        )
        return row[0] if row else None

    async def _rowcount(self, sql: str, params: Sequence[Any]) -> int:
        async with self.db.transaction() as conn:
            return (await conn.execute(sql, params)).rowcount

    async def prompt_message(self, prompt_id: int) -> str | None:
        row = await self.db.fetchone("SELECT message_id FROM prompts WHERE id = ?", (prompt_id,))
        return row[0] if row else None

    async def mark_prompt_posted(self, prompt_id: int, message_id: str) -> None:
        await self.db.execute(
            "UPDATE prompts SET message_id = ? WHERE id = ?", (message_id, prompt_id)
        )

    # -- RSVPs ----------------------------------------------------------------------------
    async def rsvp(self, screening_id: int, user_id: str, coming: bool, now: str) -> bool:
        """Record (or withdraw) a user's "I'm in"; returns whether anything changed."""
        async with self.db.transaction() as conn:
            if coming:
                cur = await conn.execute(
                    "INSERT INTO screening_rsvps (screening_id, user_id, answered_at) "
                    "VALUES (?, ?, ?) ON CONFLICT (screening_id, user_id) DO NOTHING",
                    (screening_id, user_id, now),
                )
            else:
                cur = await conn.execute(
                    "DELETE FROM screening_rsvps WHERE screening_id = ? AND user_id = ?",
                    (screening_id, user_id),
                )
            return cur.rowcount > 0

    async def has_rsvp(self, screening_id: int, user_id: str) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 FROM screening_rsvps WHERE screening_id = ? AND user_id = ?",
            (screening_id, user_id),
        )
        return row is not None

    async def rsvp_users(self, screening_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT user_id FROM screening_rsvps WHERE screening_id = ? ORDER BY id",
            (screening_id,),
        )
        return [r[0] for r in rows]

    # -- the arc's replies ----------------------------------------------------------------
    async def arc_prompt_for_thread(self, club_id: int, thread_id: str) -> tuple[int, int] | None:
        """(screening id, arc prompt id) a reply in ``thread_id`` belongs to, if any.

        In a shared arc thread, the latest prompt posted there; in a prompt's own thread, it.
        """
        row = await self.db.fetchone(
            "SELECT s.id, sl.prompt_id FROM screenings s JOIN screening_slots sl "
            "ON sl.screening_id = s.id JOIN prompts p ON p.id = sl.prompt_id "
            "WHERE s.club_id = ? AND s.arc_thread_id = ? AND sl.kind = 'arc' "
            "AND p.message_id IS NOT NULL ORDER BY sl.seq DESC LIMIT 1",
            (club_id, thread_id),
        )
        if row:
            return row[0], row[1]
        row = await self.db.fetchone(
            "SELECT sl.screening_id, sl.prompt_id FROM threads t JOIN screening_slots sl "
            "ON sl.prompt_id = t.prompt_id WHERE t.club_id = ? AND t.platform_thread_id = ? "
            "AND sl.kind = 'arc'",
            (club_id, thread_id),
        )
        return (row[0], row[1]) if row else None

    async def record_reply(
        self, screening_id: int, prompt_id: int, message_id: str, user_id: str, now: str
    ) -> None:
        await self.db.execute(
            "INSERT INTO screening_replies (screening_id, prompt_id, message_id, user_id, "
            "replied_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (screening_id, message_id) DO NOTHING",
            (screening_id, prompt_id, message_id, user_id, now),
        )

    async def recap(self, club_id: int, screening_id: int) -> Recap:
        """Counts of an arc: prompts, replies, participants, first-timers, the top prompt."""
        rows = await self.db.fetchall(
            "SELECT p.id, p.item_id, t.title, COALESCE(t.platform_channel_id, c.channel_id), "
            "t.platform_thread_id, p.message_id, p.posted_at, "
            "(SELECT COUNT(*) FROM screening_replies r WHERE r.prompt_id = p.id) "
            "FROM screening_slots sl JOIN prompts p ON p.id = sl.prompt_id "
            "JOIN channels c ON c.id = p.channel_ref LEFT JOIN threads t ON t.prompt_id = p.id "
            "WHERE sl.screening_id = ? AND sl.kind = 'arc' AND p.message_id IS NOT NULL "
            "AND p.club_id = ? ORDER BY sl.seq",
            (screening_id, club_id),
        )
        counts = [PromptCount(r[0], r[1], r[2], r[3], r[4], r[5], r[7]) for r in rows]
        top = max(counts, key=lambda c: c.replies, default=None)
        if top is not None and top.replies == 0:
            top = None
        users = [
            r[0]
            for r in await self.db.fetchall(
                "SELECT DISTINCT user_id FROM screening_replies WHERE screening_id = ?",
                (screening_id,),
            )
        ]
        replies_row = await self.db.fetchone(
            "SELECT COUNT(*) FROM screening_replies WHERE screening_id = ?", (screening_id,)
        )
        first_timers = 0
        if rows and users:
            started = min(r[6] for r in rows)
            for user in users:
                seen = await self.db.fetchone(
                    "SELECT 1 FROM thread_messages tm JOIN threads t ON t.id = tm.thread_id "
                    "JOIN prompts p ON p.id = t.prompt_id WHERE t.club_id = ? "
                    "AND tm.user_id = ? AND p.posted_at < ? LIMIT 1",
                    (club_id, user, started),
                )
                if seen is None:
                    first_timers += 1
        return Recap(
            prompts=len(counts),
            replies=int(replies_row[0]) if replies_row else 0,
            participants=len(users),
            first_timers=first_timers,
            top=top,
        )

    async def reply_counts_by_kind(self, club_id: int) -> dict[str, tuple[int, int]]:
        """Per item kind: (prompts posted, replies drawn) in this club's tracked threads."""
        rows = await self.db.fetchall(
            "SELECT i.kind, COUNT(p.id), COALESCE(SUM(t.replies), 0) FROM prompts p "
            "JOIN items i ON i.id = p.item_id LEFT JOIN threads t ON t.prompt_id = p.id "
            "WHERE p.club_id = ? AND p.message_id IS NOT NULL GROUP BY i.kind",
            (club_id,),
        )
        return {r[0]: (int(r[1]), int(r[2])) for r in rows}

    async def unposted_items(
        self, channel_ref: int, document_id: int, kind: str, cycle: int
    ) -> list[StoredItem]:
        """Every active item of ``kind`` not yet posted in this channel's rotation cycle."""
        rows = await self.db.fetchall(
            f"SELECT {_ITEM_COLS} FROM items i WHERE i.document_id = ? AND i.kind = ? "
            "AND i.status = 'active' AND NOT EXISTS (SELECT 1 FROM prompts p "
            "WHERE p.channel_ref = ? AND p.item_id = i.id AND p.cycle = ?) "
            "ORDER BY i.position, i.id",
            (document_id, kind, channel_ref, cycle),
        )
        return [_item(r) for r in rows]

    async def reply_counts_by_speaker(self, club_id: int) -> dict[str, tuple[int, int]]:
        """Per speaker (lower-cased): (prompts posted, replies drawn) in this club."""
        rows = await self.db.fetchall(
            f"SELECT {_ITEM_COLS}, COALESCE(t.replies, 0) FROM prompts p "
            "JOIN items i ON i.id = p.item_id LEFT JOIN threads t ON t.prompt_id = p.id "
            "WHERE p.club_id = ? AND p.message_id IS NOT NULL AND i.kind != 'question'",
            (club_id,),
        )
        out: dict[str, tuple[int, int]] = {}
        for row in rows:
            stored = _item(row)
            names = {stored.item.speaker} if stored.item.speaker else set()
            names.update(turn.speaker for turn in stored.item.turns if turn.speaker)
            for name in {n.lower() for n in names if n}:
                prompts, replies = out.get(name, (0, 0))
                out[name] = (prompts + 1, replies + int(row[9]))
        return out
