"""What the per-language event tests share: one written document through the whole
per-document pipeline, and its events of a type."""

from __future__ import annotations

from sitrep.analyse.pipeline import analyse
from sitrep.config import Settings
from sitrep.model import Document, DocumentAnalysis, Event, Meta


def analysed(text: str, language: str, published: str, settings: Settings | None = None) -> DocumentAnalysis:
    document = Document(id=f"{language}-test", text=text, meta=Meta(published=published, language=language))
    return analyse(document, settings=settings) if settings is not None else analyse(document)


def of_type(analysis: DocumentAnalysis, plover_type: str | None = None, status: str | None = None) -> list[Event]:
    return [e for e in analysis.events
            if (plover_type is None or e.type == plover_type) and (status is None or e.status == status)]


def only(analysis: DocumentAnalysis, plover_type: str, status: str | None = None) -> Event:
    """The one event of the type (and status); fails, listing what was found, otherwise."""
    found = of_type(analysis, plover_type, status)
    assert len(found) == 1, [(e.type, e.status, e.trigger.text) for e in analysis.events]
    return found[0]


def texts(arguments) -> list[str]:
    return [a.text for a in arguments]
