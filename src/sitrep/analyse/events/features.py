"""Features of a candidate event, for the trained engine's classifier.

Most features say how the text presents the event, not which words it uses, so that what
the model learns on one language's annotated news carries over to the others: the lexicon's
reading (type, subtype), the status the frame gave, the trigger's part of speech and
relation in the parse, whether it heads its sentence, who the participants are (named,
described, absent), whether date and place are stated or inferred, whether the sentence
is reported speech or a quotation. Lexical features (the trigger and the words around it)
are prefixed with the language, so they only ever fire for it.
"""

from __future__ import annotations

import re

from sitrep.analyse.events.dependencies import trigger_head
from sitrep.model import Argument, Event

_WORD = re.compile(r"[^\W\d_]+")
_QUOTES = "\"“”«»„"


def _participants(prefix: str, args: list[Argument]) -> dict[str, float]:
    if not args:
        return {f"{prefix}:none": 1.0}
    out = {f"{prefix}:n{min(len(args), 3)}": 1.0}
    first = args[0]
    out[f"{prefix}:{'named' if first.mention is not None else 'nominal' if first.nominal else 'phrase'}"] = 1.0
    if first.agent:
        out[f"{prefix}:agent:{first.agent.split()[-1]}"] = 1.0
    return out


def event_features(event: Event, text: str, language: str, sentence: tuple[int, int], parse=None,
                   events_in_sentence: int = 1, sentence_index: int = 0) -> dict[str, float]:
    """Sparse features of one event (name -> value)."""
    features: dict[str, float] = {
        "bias": 1.0,
        f"type:{event.type}": 1.0,
        f"type_sub:{event.type}:{event.subtype or '-'}": 1.0,
        f"status:{event.status}": 1.0,
        f"type_status:{event.type}:{event.status}": 1.0,
        f"date:{'inferred' if event.date_inferred else 'stated' if event.date else 'none'}": 1.0,
        f"place:{'inferred' if event.place_inferred else 'stated' if event.place is not None else 'none'}": 1.0,
        f"events_in_sentence:{min(events_in_sentence, 4)}": 1.0,
        f"sentence:{min(sentence_index, 5)}": 1.0,
        f"multiword:{' ' in event.trigger.text.strip()}": 1.0,
    }
    features.update(_participants("actor", event.actors))
    features.update(_participants("target", event.targets))
    if event.casualties:
        features["casualties"] = 1.0
    s_start, s_end = sentence
    before = text[s_start:event.trigger.start]
    if sum(before.count(q) for q in _QUOTES) % 2 == 1:
        features["in_quotation"] = 1.0
    if parse is not None:
        head = trigger_head(parse, event.trigger.start, event.trigger.end)
        if head is not None:
            features[f"pos:{head.pos_}"] = 1.0
            features[f"dep:{head.dep_.split(':')[0]}"] = 1.0
            features[f"type_pos:{event.type}:{head.pos_}"] = 1.0
            features[f"root:{head.dep_ == 'ROOT' or head.head.i == head.i}"] = 1.0
            governor = head.head
            if governor.i != head.i:
                features[f"governor_pos:{governor.pos_}"] = 1.0
                features[f"{language}:governor:{governor.lower_}"] = 1.0
            features[f"{language}:word:{head.lower_}"] = 1.0
            features[f"{language}:type_word:{event.type}:{head.lower_}"] = 1.0
    else:
        features["unparsed"] = 1.0
    trigger = event.trigger.text.lower()
    features[f"{language}:trigger:{trigger}"] = 1.0
    left = _WORD.findall(text[max(s_start, event.trigger.start - 40):event.trigger.start].lower())[-2:]
    right = _WORD.findall(text[event.trigger.end:min(s_end, event.trigger.end + 40)].lower())[:2]
    for i, word in enumerate(left):
        features[f"{language}:left:{word}"] = 1.0
        if i == len(left) - 1:
            features[f"{language}:left1:{word}"] = 1.0
    for i, word in enumerate(right):
        features[f"{language}:right:{word}"] = 1.0
        if i == 0:
            features[f"{language}:right1:{word}"] = 1.0
    return features
