"""Counts, articles and dates read right: real plural rules in the catalog, the club's language."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from babel import Locale

from bot.clock import local_text, moment_text
from bot.i18n import catalog, counted, languages, plural_category, t
from bot.models import Extraction, Item, Kind, Turn
from bot.render import thread_title
from tests.conftest import load_sample

ONE_OF_EACH = Extraction(
    title="Short",
    film="Her",
    items=(
        Item(Kind.QUOTE, text="We wanted the world to be warm.", speaker="Spike Jonze"),
        Item(Kind.QUESTION, text="Is Samantha's love real?"),
        Item(Kind.EXCHANGE, turns=(Turn("Theodore", "How many others?"), Turn("Samantha", "641."))),
    ),
)


async def test_one_of_each_is_singular_everywhere_a_member_reads_it(engine, platform, mod):
    await load_sample(engine, mod, ONE_OF_EACH)
    docs = (await engine.execute_text(mod, "docs")).message.plain()
    assert "1 question, 1 quote, 1 exchange" in docs
    assert "(2 turns)" in (await engine.execute_text(mod, "preview exchanges")).message.plain()
    await engine.execute_text(mod, "question")
    [thread] = platform.threads
    await engine.record_reply("fake", mod.workspace_id, thread, "r1", "ann")
    history = (await engine.execute_text(mod, "history")).message.plain()
    assert "1 reply, 1 participant" in history
    assert (
        "1 prompt, 1 reply, 1 participant"
        in (await engine.execute_text(mod, "stats")).message.plain()
    )
    again = (await engine.execute_text(mod, "question")).message.plain()
    assert "The only question of" in again and "has been posted" in again
    for text in (docs, history, again):
        assert "1 questions" not in text and "1 replies" not in text


def test_a_spoiler_title_has_the_right_article():
    exchange = ONE_OF_EACH.items[2]
    assert thread_title(exchange, spoiler=True) == "Spoiler: an exchange from the film"
    assert thread_title(ONE_OF_EACH.items[0], spoiler=True) == "Spoiler: a quote from the film"


def test_plural_categories_follow_each_languages_rules():
    assert [plural_category(n, "en") for n in (0, 1, 2)] == ["other", "one", "other"]
    assert [plural_category(n, "ru") for n in (1, 3, 5, 21)] == ["one", "few", "many", "one"]
    assert plural_category(1, "ja") == "other"
    assert counted("quote", 1) == "1 quote" and counted("quote", 0) == "0 quotes"
    assert t("count.reply", count=2) == "2 replies"


def test_every_counted_string_has_every_form_its_language_needs():
    for language in languages():
        needed = set(Locale.parse(language).plural_form.tags) | {"other"}
        strings = catalog(language)
        tables = {key.rsplit(".", 1)[0] for key in strings if key.endswith(".other")}
        assert tables, language
        for table in tables:
            missing = {c for c in needed if f"{table}.{c}" not in strings}
            assert not missing, f"{language}: {table} lacks {sorted(missing)}"


def test_dates_are_written_in_the_clubs_language():
    moment = datetime(2026, 12, 4, 18, 0, tzinfo=UTC)
    paris = ZoneInfo("Europe/Paris")
    assert moment_text(moment, paris, "en") == "Fri 2026-12-04 19:00 CET"
    assert moment_text(moment, paris, "fr") == "ven. 2026-12-04 19:00 CET"
    assert moment_text(moment, paris, "de").startswith("Fr. 2026-12-04 19:00")
    assert local_text("2026-12-04T18:00:00Z", "Europe/Paris", "en") == "2026-12-04 19:00 CET"
