"""Language identification with lingua, restricted to the languages a run cares about.

Restricting the candidate set is what makes lingua both fast and accurate on news: it
then only has to tell apart the languages a user actually reads. The declared language
of the source is trusted when the text does not clearly contradict it.
"""

from __future__ import annotations

from functools import cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from sitrep.config import Settings

SAMPLE_CHARS = 2000  # the opening of an article says what language it is in
CHECK_CHARS = 600  # a declared language is only checked: a paragraph contradicts it clearly enough


def configured_languages() -> tuple[str, ...]:
    """Languages from SITREP_LANGUAGES (comma-separated ISO 639-1 codes), else the defaults."""
    return Settings.from_env().languages


@cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    chosen = []
    for code in languages:
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is None:
            raise ValueError(f"unknown language code {code!r} (expected ISO 639-1, e.g. en, id, ar)")
        chosen.append(Language.from_iso_code_639_1(iso))
    if len(chosen) == 1:
        chosen.append(Language.ENGLISH if chosen[0] != Language.ENGLISH else Language.FRENCH)
    return LanguageDetectorBuilder.from_languages(*chosen).build()


def detect_language(
    text: str, declared: str | None = None, languages: tuple[str, ...] | None = None
) -> tuple[str, list[str]]:
    """The language of ``text`` and any warnings (e.g. declared language contradicted)."""
    languages = languages or configured_languages()
    warnings: list[str] = []
    declared = (declared or "").lower().split("-")[0] or None
    sample = text[:CHECK_CHARS if declared else SAMPLE_CHARS]
    detector = _detector(languages)
    confidences = detector.compute_language_confidence_values(sample)
    best = confidences[0] if confidences else None
    detected = best.language.iso_code_639_1.name.lower() if best else None
    if declared:
        if detected and detected != declared and best is not None and best.value > 0.9:
            warnings.append(f"declared language {declared!r} but the text reads as {detected!r}")
            return detected, warnings
        return declared, warnings
    return detected or "en", warnings
