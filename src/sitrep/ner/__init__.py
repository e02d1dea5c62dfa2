"""Statistical named-entity recognition: compact CRF models that sitrep trains and ships.

``NerTagger.for_language("en")`` gives the English tagger (or the multilingual one for
other Latin- and Cyrillic-script languages, None elsewhere); ``tag`` returns IOB2 tags
and ``spans`` token spans. ``sitrep.ner.train`` holds the training code that
``scripts/train_ner.py`` drives.
"""

from sitrep.ner.iob import spans_from_tags
from sitrep.ner.tagger import LATIN_CYRILLIC, MULTILINGUAL, NerTagger

__all__ = ["LATIN_CYRILLIC", "MULTILINGUAL", "NerTagger", "spans_from_tags"]
