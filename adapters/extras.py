"""Optional platform support: a configured platform whose package is missing names its extra."""

from __future__ import annotations

import importlib

# platform -> (its label, the modules its adapter needs); the extra is named after the platform.
EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "discord": ("Discord", ("discord",)),
    "slack": ("Slack", ("slack_bolt", "slack_sdk", "aiohttp")),
}


class MissingExtra(Exception):
    """A platform's package is not installed; ``str()`` says which extra to install."""

    def __init__(self, platform: str, module: str) -> None:
        label = EXTRAS[platform][0]
        super().__init__(
            f"{label} support is not installed (no module {module!r}); install it with:  "
            f'pip install "filmclub[{platform}]"'
        )
        self.platform = platform


def require(platform: str) -> None:
    """Raise :class:`MissingExtra` unless every package ``platform``'s adapter needs is importable."""
    for module in EXTRAS[platform][1]:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtra(platform, module) from None


def require_all(platforms: list[str]) -> None:
    """Check every configured platform before anything starts (the console needs nothing)."""
    for platform in platforms:
        if platform in EXTRAS:
            require(platform)
