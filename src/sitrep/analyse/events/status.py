"""What the text says of an event: reported, planned, threatened, hypothetical, negated,
denied or background, and the PLOVER reading of a stated intention.

The cues are language data (``hypothetical``, ``denial``, ``negation``,
``threat_frames``, ``obligation``, ``intention``, ``background`` in ``events.yaml``); the engine looks for
them in the trigger's *frame*: the words that govern it. With a parse the frame is the
trigger's own auxiliaries, markers and negation, the verbs that control it ("vowed *to*
attack", "refused *to* cooperate") and a verb whose clause it completes ("denied *that*
troops fired"); without one it is the few words before the trigger in its clause.

PLOVER codes a stated intention or a refusal as a verbal event of its own: "will
support" is an AGREE, "will not accept" a REJECT, "will impose sanctions" a THREATEN,
"must withdraw" a REQUEST. That reading applies only when no word of the frame is an
event trigger itself; when one is ("vowed to attack", "agreed to withdraw") that word
is its own event and the act it governs keeps its type with the status the frame gives
(threatened, planned).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.analyse.events.lexicon import EventLexicon

SPEECH = frozenset({"REQUEST", "REJECT", "THREATEN", "ACCUSE"})


@dataclass(frozen=True)
class Frame:
    """The words around a trigger that can change what the text says of it."""

    own: str  # auxiliaries, markers, negation and control verbs of the trigger's clause
    reporting: str = ""  # the verb whose clause the trigger's clause completes (said, denied)
    question: bool = False
    frame_is_trigger: bool = False  # a governing word is an event trigger itself
    adjuncts: str = ""  # the trigger's short time and manner phrases ("for years"): background cues only
    demanded: bool = False  # the clause is what a request asks for ("demanded that Israel withdraw")
    aimed: bool = False  # the act is what a noun aims at ("an attempt to reach a deal"): a goal


def status_of(frame: Frame, lexicon: EventLexicon) -> tuple[str, bool]:
    """The event status the frame gives, and whether the frame lays an obligation."""
    own, outer = frame.own, frame.reporting
    if frame.question or frame.demanded or frame.aimed or lexicon.hypothetical.search(own):
        return "hypothetical", False
    if lexicon.denial.search(own) or lexicon.denial.search(outer):
        return "denied", False
    if lexicon.negation.search(own):
        return "negated", False
    if lexicon.threat_frames.search(own) or lexicon.threat_frames.search(outer):
        return "threatened", False
    if lexicon.obligation.search(own):
        return "hypothetical", True
    if lexicon.intention.search(own):
        return "planned", False
    if lexicon.background.search(own) or lexicon.background.search(frame.adjuncts):
        return "background", False
    return "reported", False


def plover_reading(plover_type: str, status: str, obligation: bool, frame: Frame,
                   lexicon: EventLexicon) -> tuple[str, str, str | None]:
    """(type, status, subtype note) after PLOVER's rules for intentions and refusals.

    Returns the trigger's own type and status when the frame is a trigger itself or the
    status needs no verbal reading; otherwise the verbal event the sentence codes.
    """
    if plover_type in SPEECH:
        # a speech act is what it says: "will not accept" was coded REJECT by its trigger
        return plover_type, ("reported" if status in ("planned", "threatened") else status), None
    if frame.frame_is_trigger:
        return plover_type, status, None
    cooperative = plover_type in lexicon.cooperative
    if obligation:
        return "REQUEST", "reported", f"demand: {plover_type.lower()}"
    if status == "negated" and cooperative:
        return "REJECT", "reported", f"refuse: {plover_type.lower()}"
    if status == "planned" and cooperative:
        return "AGREE", "reported", f"intent: {plover_type.lower()}"
    if status in ("planned", "threatened") and not cooperative:
        return "THREATEN", "reported", f"threat: {plover_type.lower()}"
    return plover_type, status, None
