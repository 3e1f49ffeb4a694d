"""Every moderator command, run on Slack by a member, is refused and changes nothing."""

from __future__ import annotations

from bot.commands.spec import Command, OptionType
from bot.i18n import t
from tests.conftest import load_sample
from tests.slack.test_commands import slack_ctx

SAMPLE_VALUES = {
    OptionType.INTEGER: "1",
    OptionType.ITEM: "qn1",
    OptionType.DOCUMENT: "1",
    OptionType.CHANNEL: "C2",
    OptionType.SCHEDULE: "1",
    OptionType.SUGGESTION: "1",
    OptionType.STRING: "x",
    OptionType.TEXT: "x",
}


def invocation(command: Command, doc_url: str) -> str:
    """A well-formed ``/filmclub`` line for ``command`` with every required option."""
    parts = [command.name]
    for option in command.options:
        if not option.required and option.type is not OptionType.SOURCE:
            continue
        if option.type is OptionType.CHOICE:
            value = option.choices[0]
        elif option.type is OptionType.SOURCE:
            value = doc_url
        else:
            value = SAMPLE_VALUES.get(option.type, "x")
        parts.append(f"{option.name}={value}")
    return " ".join(parts)


async def snapshot(store) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    tables = await store.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    out = {}
    for (name,) in tables:
        rows = await store.db.fetchall(f'SELECT * FROM "{name}"')  # names from sqlite_master
        out[name] = sorted(tuple(r) for r in rows)
    return out


async def test_every_moderator_command_is_refused_to_a_member(slack, store):
    from tests.slack.test_commands import HER

    slack.api.documents["her.txt"] = HER
    await load_sample(slack.engine, slack_ctx())
    await slack.command('suggest "Is Her a love story?"', user="UMEM")
    slack.api.calls.clear()
    before = await snapshot(store)
    moderator_commands = [c for c in slack.engine.registry if c.moderator]
    assert moderator_commands
    for command in moderator_commands:
        line = invocation(command, f"{slack.api.url}/doc/her.txt")
        seen = await slack.answer(line, user="UMEM")
        assert t("errors.moderators_only", command=command.name) in seen, line
    # The modal forms of load and config are refused before anything opens.
    for line in ("load", "config"):
        seen = await slack.answer(line, user="UMEM")
        assert "Only the club's moderators" in seen
    assert await snapshot(store) == before
    posted = {"chat.postMessage", "views.open"} & set(slack.api.methods())
    assert not posted


async def test_every_command_runs_for_a_moderator_without_an_internal_error(slack):
    from tests.slack.test_commands import HER

    slack.api.documents["her.txt"] = HER
    await load_sample(slack.engine, slack_ctx())
    await slack.command('suggest "Is Her a love story?"', user="UMEM")
    internal = t("errors.internal", command="X").split("`")[0]
    for command in slack.engine.registry:
        line = invocation(command, f"{slack.api.url}/doc/her.txt")
        seen = await slack.answer(line)
        assert seen, line
        assert internal not in seen, (line, seen)
        assert "I don't know the command" not in seen, (line, seen)
        assert "Only the club's moderators" not in seen, (line, seen)
