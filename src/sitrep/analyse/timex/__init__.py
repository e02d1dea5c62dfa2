"""Time expressions: one rule engine for every language, resources per language.

>>> tagger = TimexTagger.for_language("en")
>>> [(t.text, t.value) for t in tagger.tag("Three days later, on Friday.", "2024-11-30")]
[('Three days later', '2024-12-03'), ('Friday', '2024-11-29')]

See :mod:`.resources` for the resource files and :mod:`.tagger` for the anchoring rules.
"""

from sitrep.analyse.timex.resources import available_languages
from sitrep.analyse.timex.tagger import TimexTagger, normalise_precision

__all__ = ["TimexTagger", "available_languages", "normalise_precision"]
