"""The terminal console adapter: the embedded default, one local club in channel #film-club."""

from __future__ import annotations

import asyncio
import itertools
import logging
import sys
import threading
from datetime import datetime, timedelta
from importlib import resources
from typing import Any, TextIO

from bot.clock import SystemClock, wait_for_event
from bot.commands.spec import CommandError, split_args
from bot.engine import Actor, Context, Engine
from bot.i18n import t
from bot.messages import Message, Reply
from bot.platform import MessageRef, ThreadRef

log = logging.getLogger(__name__)

WORKSPACE = "local"
CHANNEL = "film-club"
PREFIX = "/filmclub"
ROLES = {"member": "member", "moderator": "moderator", "mod": "moderator"}  # /as NAME ROLE


class ConsoleClock:
    """The real clock, which ``/wait`` moves ahead so a whole screening can be tried at once."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return SystemClock().now() + self.offset

    async def sleep_until(self, when: datetime, wake: asyncio.Event) -> None:
        await wait_for_event(wake, (when - self.now()).total_seconds())


class ConsolePlatform:
    """Prints what the engine posts; threads are numbered t1, t2, ..."""

    name = "console"
    max_message_chars = 4000

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._ids = itertools.count(1)
        self._threads = itertools.count(1)
        self.threads: dict[str, str] = {}  # thread id -> title
        self.current_thread: str | None = None

    def write(self, text: str) -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def post_message(
        self,
        channel_id: str,
        message: Message,
        *,
        nonce: str | None = None,
        title: str | None = None,
    ) -> MessageRef:
        message_id = f"m{next(self._ids)}"
        self.write(f"\n[#{channel_id}] filmclub:\n{indent(message.plain())}")
        return MessageRef(channel_id, message_id)

    async def open_thread(
        self, parent: MessageRef, title: str, *, auto_archive_minutes: int | None = None
    ) -> ThreadRef:
        thread_id = f"t{next(self._threads)}"
        self.threads[thread_id] = title
        self.current_thread = thread_id
        self.write(t("console.thread_opened", thread=thread_id, title=title))
        return ThreadRef(parent.channel_id, thread_id)

    async def post_in_thread(self, thread: ThreadRef, message: Message) -> MessageRef:
        self.write(f"\n[{thread.thread_id}] filmclub:\n{indent(message.plain())}")
        return MessageRef(thread.channel_id, f"m{next(self._ids)}")


def indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.split("\n"))


class ConsoleSession:
    """Reads lines and runs them: ``/filmclub ...`` commands, console commands, or replies."""

    def __init__(
        self,
        engine: Engine,
        platform: ConsolePlatform,
        user: str = "you",
        scheduler: Any = None,
    ) -> None:
        self.engine = engine
        self.platform = platform
        self.scheduler = scheduler
        self.actor = Actor(user_id=user, name=user, is_admin=True)
        self._reply_ids = itertools.count(1)

    def context(self) -> Context:
        return Context(
            platform="console",
            workspace_id=WORKSPACE,
            channel_id=CHANNEL,
            actor=self.actor,
            channel_name=CHANNEL,
            workspace_name="Local film club",
            thread_id=self.platform.current_thread,
        )

    def show(self, reply: Reply) -> None:
        self.platform.write(indent(reply.message.plain()))

    async def load_sample(self) -> None:
        """Load the bundled sample document if this channel has no active document yet."""
        ctx = self.context()
        club = await self.engine.club(ctx)
        channel = await self.engine.channel(ctx, club)
        if channel.active_document_id is not None:
            return
        from bot.sources import read_bytes

        data = resources.files("bot").joinpath("data/her.txt").read_bytes()
        loaded = read_bytes(data, "her.txt (sample)")
        extraction = await self.engine.extract_in_worker(loaded, None)
        doc, _ = await self.engine.add_document(
            ctx, text=loaded.text, extraction=extraction, source=loaded.name
        )
        self.platform.write(t("console.sample_loaded", number=doc.number, title=doc.label))

    async def handle(self, line: str) -> bool:
        """Run one line; returns False when the session should end."""
        line = line.strip()
        if not line:
            return True
        if line == PREFIX or line.startswith(PREFIX + " "):
            reply = await self.engine.execute_text(self.context(), line[len(PREFIX) :].strip())
            self.show(reply)
            return True
        if line.startswith("/wait"):
            await self.wait(line[len("/wait") :].strip())
            return True
        if line.startswith("/"):
            return self.console_command(line)
        await self.reply(line)
        return True

    def console_command(self, line: str) -> bool:
        word, _, rest = line[1:].partition(" ")
        word, rest = word.lower(), rest.strip()
        if word in ("quit", "exit"):
            return False
        if word == "thread":
            if rest not in self.platform.threads:
                known = ", ".join(self.platform.threads) or t("console.none_yet")
                self.platform.write(t("console.no_such_thread", thread=rest, known=known))
            else:
                self.platform.current_thread = rest
                self.platform.write(
                    t("console.now_replying", thread=rest, title=self.platform.threads[rest])
                )
            return True
        if word == "threads":
            for tid, title in self.platform.threads.items():
                mark = t("console.current") if tid == self.platform.current_thread else ""
                self.platform.write(f"  {tid}  {title}{mark}")
            if not self.platform.threads:
                self.platform.write(t("console.no_threads"))
            return True
        if word == "as":
            self.become(rest)
            return True
        self.platform.write(t("console.help"))
        return True

    def become(self, rest: str) -> None:
        """``/as NAME [member|moderator]``: a name with spaces in quotes, a role spelled out."""
        try:
            words = [token[0] for token in split_args(rest)]
        except CommandError as exc:
            self.platform.write(f"  {exc}")
            return
        if not words or not words[0].strip():
            self.platform.write(t("console.as_usage"))
            return
        if len(words) > 2:
            self.platform.write(t("console.as_quote_name", name=" ".join(words[:-1])))
            return
        role = words[1].lower() if len(words) == 2 else "moderator"
        if role not in ROLES:
            self.platform.write(t("console.as_bad_role", role=words[1]))
            return
        name = words[0].strip()
        member = ROLES[role] == "member"
        self.actor = Actor(user_id=name, name=name, is_admin=not member)
        self.platform.write(
            t("console.now_member" if member else "console.now_moderator", name=name)
        )

    async def wait(self, text: str) -> None:
        """``/wait 26h``: move the clock ahead, running every slot that falls due on the way."""
        from bot.club_settings import duration_minutes
        from bot.scheduler.recurrence import zone_of
        from bot.screening import local_when

        minutes = duration_minutes(text)
        clock = self.engine.clock
        if minutes is None or not isinstance(clock, ConsoleClock) or self.scheduler is None:
            self.platform.write(t("console.wait_usage"))
            return
        until = clock.now() + timedelta(minutes=minutes)
        for _ in range(10_000):
            target = await self.scheduler.next_wake()
            if target > until:
                break
            clock.offset += max(target - clock.now(), timedelta())
            await self.scheduler.tick()
            await self.scheduler.drain()
        clock.offset += max(until - clock.now(), timedelta())
        club = await self.engine.club(self.context())
        zone = zone_of((await self.engine.settings_for(club)).timezone)
        self.platform.write(t("console.waited", when=local_when(clock.now(), zone)))

    async def reply(self, text: str) -> None:
        thread = self.platform.current_thread
        if thread is None:
            self.platform.write(t("console.no_open_thread"))
            return
        message_id = f"r{next(self._reply_ids)}"
        counted = await self.engine.record_reply(
            "console", WORKSPACE, thread, message_id, self.actor.user_id
        )
        if counted:
            self.platform.write(f"  [{thread}] {self.actor.name}: {text}")

    async def run(self, stdin: TextIO) -> None:
        """Read lines until end of input (a script) or /quit (interactive)."""
        interactive = stdin.isatty()
        if interactive:
            try:
                import readline  # noqa: F401  (line editing and history)
            except ImportError:
                pass
            self.platform.write(t("console.welcome"))
        while True:
            if interactive:
                try:
                    line = await ask(f"{self.actor.name}> ")
                except EOFError:
                    break
                except asyncio.CancelledError:  # Ctrl-C: leave at once, on a fresh line
                    self.platform.write("")
                    raise
            else:
                line = await asyncio.to_thread(stdin.readline)
                if not line:
                    break
                if line.strip():
                    self.platform.write(f"> {line.rstrip()}")
            if not await self.handle(line):
                break


async def ask(prompt: str) -> str:
    """``input(prompt)`` off the event loop, in a thread nobody waits for at exit.

    Not ``asyncio.to_thread``: Ctrl-C cancels the waiting task, but the executor's thread stays
    blocked in ``input()`` and ``asyncio.run`` waits for it at exit, so Ctrl-C did nothing until
    Enter. A daemon thread is simply left behind; the terminal's modes are put back as they were.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str] = loop.create_future()
    saved = _terminal_modes()

    def settle(value: str | None, error: BaseException | None) -> None:
        if not future.done():
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value or "")

    def read() -> None:
        try:
            value, error = input(prompt), None
        except BaseException as exc:  # EOFError (Ctrl-D) and anything else goes to the loop
            value, error = None, exc
        try:
            loop.call_soon_threadsafe(settle, value, error)
        except RuntimeError:  # the loop is gone: the console has already ended
            pass

    threading.Thread(target=read, name="console-input", daemon=True).start()
    try:
        return await future
    except asyncio.CancelledError:
        _restore_terminal(saved)
        raise


def _terminal_modes() -> list | None:
    try:
        import termios

        return termios.tcgetattr(sys.stdin.fileno())
    except (ImportError, OSError, ValueError):
        return None


def _restore_terminal(saved: list | None) -> None:
    if saved is None:
        return
    try:
        import termios

        termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)
    except (ImportError, OSError, ValueError):
        pass


async def run_console(
    engine: Engine,
    *,
    user: str = "you",
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    scheduler: Any = None,
) -> None:
    """Attach the console to ``engine``, load the sample, and read commands until the end."""
    platform = ConsolePlatform(stdout or sys.stdout)
    engine.attach(platform)
    session = ConsoleSession(engine, platform, user, scheduler)
    await session.load_sample()
    await session.run(stdin or sys.stdin)
