"""Event extraction: PLOVER events with their participants, status, date, place and
casualty counts, one document at a time.

Languages are data (``lang/<code>/events.yaml`` and ``actors.yaml``); engines are code.
An engine turns a :class:`DocumentContext` into events; :data:`ENGINES` lists the
variants the settings can choose (``Settings.event_engine``). The lexicon engine
(:mod:`.engine`) reads triggers from the lexicon and participants from a dependency
parse; the trained engine (:mod:`.trained`) re-reads its candidates with a classifier.
"""

from __future__ import annotations

from sitrep.analyse.events.candidates import actor_candidates
from sitrep.analyse.events.engine import DocumentContext, LexiconEngine
from sitrep.analyse.events.lexicon import actor_lexicon, event_lexicon
from sitrep.analyse.events.patterns import (
    MatchIndex,
    alternation,
    expand,
    in_noise,
    last_match,
    sentence_spans,
    word_regex,
)
from sitrep.analyse.events.trained import TrainedEngine
from sitrep.model import Event, Mention, NoiseSpan, Place, Sentence, Timex
from sitrep.resources import load as resource

ENGINES = {"lexicon": LexiconEngine, "trained": TrainedEngine}

__all__ = [
    "ENGINES", "DocumentContext", "LexiconEngine", "TrainedEngine", "MatchIndex", "actor_candidates", "actor_lexicon",
    "alternation", "event_lexicon", "expand", "extract_events", "in_noise", "last_match", "resource",
    "sentence_spans", "word_regex",
]


def extract_events(
    text: str,
    language: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    timexes: list[Timex],
    places: list[Place],
    noise: list[NoiseSpan],
    published: str | None = None,
    *,
    engine: str = "lexicon",
    use_parser: bool = True,
) -> list[Event]:
    """PLOVER events of one document (every status; callers filter what they count)."""
    ctx = DocumentContext(text=text, language=language, sentences=sentences, mentions=mentions,
                          timexes=timexes, places=places, noise=noise, published=published,
                          use_parser=use_parser)
    return ENGINES[engine](language).extract(ctx)
