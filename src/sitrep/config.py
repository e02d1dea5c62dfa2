"""One options object for the CLI, Python, the web server and Ray workers.

Settings are plain, frozen and hashable, so a pipeline built for one set of settings can
be cached and shipped to worker processes. The CLI builds one from its flags and the
environment (:meth:`Settings.from_env`); Python callers pass their own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from sitrep.model import EVENT_STATUSES

DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "id", "ar", "es", "fr", "de", "ru", "tr", "pt", "nl", "pl")
EVENT_ENGINES: tuple[str, ...] = ("lexicon", "trained")


@dataclass(frozen=True)
class Settings:
    """How sitrep analyses and what it counts.

    * ``languages``: the candidate languages for identification (a declared language is
      trusted unless the text clearly says otherwise).
    * ``event_engine``: ``lexicon`` (the default: trigger lexicons and a dependency parse)
      or ``trained`` (opt-in: the lexicon's candidates re-read by the language's trained
      classifier where one is shipped, ``models/EVENTS.md``, which says why it is not the
      default; the lexicon's events elsewhere).
    * ``parser``: use the dependency parser where a language has one (off: participants
      by position, faster and worse).
    * ``event_statuses``: the statuses that count in views, exports, evaluation and
      canonical events; the others are stored and shown on request (``reported`` alone
      by default).
    * ``story_language``: the language whose articles give stories their titles.
    * ``max_analysed_chars``: how much of one document is analysed (0: all of it). A
      document longer than that (a dump, a book, a page of one run-on line) is stored whole
      and searchable, but only its first part is analysed, with a warning, so one document
      never costs more than a bounded time (analysis runs at some 30-50 KB a second on text
      dense with names and events).
    """

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    event_engine: str = "lexicon"
    parser: bool = True
    event_statuses: tuple[str, ...] = ("reported",)
    story_language: str = "en"  # stories take the title of a central article in this language
    max_analysed_chars: int = 200_000
    workers: int = field(default=1, compare=False)

    def __post_init__(self) -> None:
        if self.event_engine not in EVENT_ENGINES:
            raise ValueError(f"unknown event engine {self.event_engine!r} (choose from {', '.join(EVENT_ENGINES)})")
        unknown = [s for s in self.event_statuses if s not in EVENT_STATUSES]
        if unknown:
            raise ValueError(f"unknown event status {unknown[0]!r} (choose from {', '.join(EVENT_STATUSES)})")
        if self.max_analysed_chars < 0:
            raise ValueError(f"max_analysed_chars must be 0 (no limit) or more, not {self.max_analysed_chars}")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``SITREP_LANGUAGES`` (comma-separated codes), then the overrides."""
        settings = cls()
        raw = os.environ.get("SITREP_LANGUAGES", "")
        codes = tuple(code.strip().lower() for code in raw.split(",") if code.strip())
        if codes:
            settings = replace(settings, languages=codes)
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(settings, **given) if given else settings

    def counts(self, status: str) -> bool:
        """Whether an event of this status counts in views, exports and evaluation."""
        return status in self.event_statuses


DEFAULT = Settings()
