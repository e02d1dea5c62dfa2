"""Who did what to whom, read from a Universal Dependencies parse.

The actor is the agent of the trigger and the target its patient:

* an active verb: its subject (``nsubj``) and object (``obj``), or an oblique marked as a
  target ("clashed *with* the army", "fired *at* protesters": ``target_markers``);
* a passive verb ("were killed by rebels", "diserang oleh ..."): the passive subject is
  the target, the by-phrase (``obl:agent`` or an oblique with an ``agent_markers`` case
  word) the actor;
* a nominal trigger ("the RSF's attack on El Fasher", "Israeli strikes", "the killing of
  X by Y"): the possessor, a by-phrase or a demonym/name modifier is the actor, a phrase
  marked as a target the target; a light verb ("launched an attack") lends its subject;
* a verb without a subject of its own takes it from the verb that controls it ("vowed
  to attack"), the verb it is coordinated with ("stormed the town and killed ..."), the
  clause it depends on (", killing six civilians") or the noun a relative clause
  describes ("fighters who attacked ...");
* coordination gives several actors ("Turkey and Qatar condemned ..."); an apposition
  names a description ("the group, Hezbollah, ...").

A reporting verb ("confirmed", "said") never lends its subject to the event it reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from sitrep.analyse.events.lexicon import EventLexicon
from sitrep.analyse.syntax import CLAUSE_RELATIONS, Parse

SUBJECTS = frozenset({"nsubj", "nsubj:pass", "nsubj:caus"})
OBJECTS = frozenset({"obj"})
OBLIQUES = frozenset({"obl", "obl:arg", "nmod", "obl:tmod", "obl:mod"})
POSSESSORS = frozenset({"nmod:poss", "det:poss"})
NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"})
NAME_MODIFIERS = frozenset({"amod", "compound", "nmod", "flat", "nmod:poss"})
MAX_CLIMB = 4


@dataclass
class Roles:
    """Head tokens of the actors and targets of one trigger."""

    actors: list[Token]
    targets: list[Token]
    head: Token  # the trigger's head word
    verbal: bool  # the trigger is a verb (else a noun)
    passive: bool


def trigger_head(parse: Parse, start: int, end: int) -> Token | None:
    """The word that heads a trigger: its verb where it has one ("took control of" ->
    took, "launched an offensive" -> launched), else its syntactic head."""
    tokens = parse.tokens_in(start, end)
    if not tokens:
        return None
    verbs = [t for t in tokens if t.pos_ == "VERB"]
    if verbs:
        return verbs[0]
    return parse.head_of(start, end)


def case_word(token: Token) -> str:
    """The adposition that marks a noun phrase, lower case: a preposition ("by", "against",
    "oleh"), a postposition ("tarafından") or several words ("со стороны")."""
    words = [c for c in token.children if c.dep_ in ("case", "mark")]
    words += [f for c in words for f in c.children if f.dep_ == "fixed"]
    return " ".join(w.lower_ for w in sorted(words, key=lambda w: w.i))


def is_passive(verb: Token) -> bool:
    """A passive clause: a passive subject or auxiliary, or a passive verb form without an
    active subject (the morphology alone is often wrong on simple past forms). A pronominal
    verb is active, whatever relation the parse gave its subject: an inherent one ("se
    apoderaron de": ``expl:pv``), and a reflexive one with an auxiliary ("se sont affrontés",
    "s'est retirée": a compound past; a reflexive passive, "se vendieron casas", has none)."""
    relations = {c.dep_ for c in verb.children}
    if "expl:pv" in relations or ("expl:pass" in relations and relations & {"aux", "aux:pass", "aux:tense"}):
        return False
    if any(c.dep_ in ("nsubj:pass", "aux:pass", "expl:pass", "csubj:pass") for c in verb.children):
        return True
    return "Pass" in verb.morph.get("Voice") and not any(c.dep_ == "nsubj" for c in verb.children)


def coordinated(tokens: list[Token]) -> list[Token]:
    """The tokens and every noun coordinated with them ("Turkey and Qatar")."""
    out: list[Token] = []
    stack = list(tokens)
    while stack:
        token = stack.pop(0)
        if token in out:
            continue
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj" and c.pos_ in NOUNISH)
    return out


def _children(token: Token, relations: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in relations]


def _marked(token: Token, markers: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in OBLIQUES and c.pos_ in NOUNISH and case_word(c) in markers]


def verbal_roles(verb: Token, lexicon: EventLexicon, is_reporting: Callable[[Token], bool],
                 intransitive: bool = False) -> tuple[list, list, bool]:
    """Actors, targets and voice of a verbal trigger. An ``intransitive`` act (marching,
    rallying) has no passive, whatever the tagger made of its form ("Hundreds of teachers
    marched ...", read as a participle modifying "teachers": the teachers marched)."""
    passive = is_passive(verb) and not intransitive
    subjects = _children(verb, SUBJECTS)
    agents = _children(verb, frozenset({"obl:agent"})) + _marked(verb, lexicon.agent_markers)
    if passive:
        return agents, subjects, True
    targets = _children(verb, frozenset({"iobj"})) + _children(verb, OBJECTS) or _marked(verb, lexicon.target_markers)
    actors = subjects or inherited_subject(verb, is_reporting)
    return actors, targets, False


def inherited_subject(verb: Token, is_reporting: Callable[[Token], bool]) -> list[Token]:
    """The subject a verb without one takes from the words that govern it."""
    current = verb
    for _ in range(MAX_CLIMB):
        head, relation = current.head, current.dep_
        if head.i == current.i:
            return []
        if relation == "xcomp":
            # "urged Israel to withdraw": the object controls; "vowed to attack": the subject
            controller = _children(head, OBJECTS) or _children(head, SUBJECTS)
            if controller:
                return controller
        elif relation == "conj" and head.pos_ in ("VERB", "AUX"):
            if is_passive(head):
                return []
            subjects = _children(head, SUBJECTS)
            if subjects:
                return subjects
        elif relation in ("advcl", "acl") and "Inf" in current.morph.get("VerbForm") and any(
                c.dep_ == "mark" for c in current.children):
            # "se amotinaron para protestar", "rallied to protest": the purpose is the doer's
            verb = next((a for a in current.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is None or is_reporting(verb):
                return []
            subjects = _children(verb, SUBJECTS) if not is_passive(verb) else []
            if subjects:
                return subjects
            current = verb
            continue
        elif relation in ("advcl", "acl") and not any(c.dep_ in ("mark",) for c in current.children):
            if head.pos_ in NOUNISH:
                return [head]  # "fighters attacking the town"
            if is_reporting(head):
                return []
            subjects = _children(head, SUBJECTS) if not is_passive(head) else []
            if subjects:
                return subjects
        elif relation in ("acl:relcl", "relcl"):
            return [head]  # "fighters who attacked": the antecedent
        else:
            return []
        current = head
    return []


def nominal_roles(noun: Token, lexicon: EventLexicon, is_reporting: Callable[[Token], bool],
                  is_actor_word: Callable[[Token], bool], genitive: str | None = None,
                  possessor_is_target: bool = False) -> tuple[list, list]:
    """Actors and targets of a nominal trigger ("the RSF's attack on El Fasher"); a
    genitive after it ("el ataque de los rebeldes") is the actor or the target as the
    trigger's lexicon entry says."""
    if possessor_is_target:
        # "Assad's foreign backers, primarily Russia and Iran": the possessor is the one
        # backed, and the backers are named beside the noun
        return _children(noun, frozenset({"appos"})), _children(noun, POSSESSORS)
    actors = _children(noun, POSSESSORS) + _children(noun, frozenset({"obl:agent"}))
    actors += _marked(noun, lexicon.agent_markers)
    # "X's attack" parsed as a subject of the noun (a headline or a weak parse)
    actors += [c for c in _children(noun, frozenset({"nsubj"})) if c.i < noun.i]
    genitives = [c for c in noun.children if c.dep_ in OBLIQUES and c.i > noun.i and _is_genitive(c, lexicon)]
    if not actors:
        # "Israeli strikes", "la ofensiva rusa", "serangan militer Israel": a name or demonym modifier
        actors = [c for c in noun.children if c.dep_ in NAME_MODIFIERS and is_actor_word(c) and not case_word(c)]
    targets = [c for c in _marked(noun, lexicon.target_markers) if c not in actors]
    if genitive == "target" and not targets:
        targets = [c for c in genitives[:1] if c not in actors]
    if not actors and noun.dep_ in OBJECTS and noun.head.pos_ in ("VERB", "AUX"):
        verb = noun.head
        if is_light_verb(verb, lexicon):
            if not is_passive(verb):
                actors = _children(verb, SUBJECTS) or inherited_subject(verb, is_reporting)
            else:
                actors = _children(verb, frozenset({"obl:agent"})) + _marked(verb, lexicon.agent_markers)
    if genitive == "actor" and not actors:  # after a light verb's subject: "iniciaron una huelga de 24 horas"
        actors = [c for c in genitives[:1] if c not in targets]
    return actors, targets


def detach_dates(parse: Parse, dates: list[tuple[int, int]]) -> None:
    """Mend a weak parse that took a date for the verb's object or subject and hung the
    clause's real complements on it ("dijo el lunes que ...", "acusó el lunes a Chad": the
    "que" clause and "a Chad" below "lunes"). The date becomes a temporal modifier; a
    clause below it becomes the verb's complement clause, a noun phrase its object (or,
    with a case word, an oblique the target markers read)."""
    for start, end in dates:
        head = parse.head_of(start, end)
        if head is None or head.dep_ not in ("obj", "nsubj", "iobj") or head.head.pos_ not in ("VERB", "AUX"):
            continue
        verb = head.head
        head.dep_ = "obl:tmod"
        for child in list(head.children):
            if parse.start_of(child) < end:
                continue  # a word of the date itself ("el lunes 4 de mayo")
            if child.dep_ in ("acl:relcl", "acl", "ccomp"):
                child.head, child.dep_ = verb, "ccomp"
            elif child.dep_.startswith("nmod"):
                child.head, child.dep_ = verb, ("obl" if case_word(child) else "obj")


_NOUN_MODIFIERS = ("acl", "acl:relcl", "amod")
_NOUN_PHRASE_LINKS = frozenset({"compound", "flat", "flat:name", "nmod", "nmod:poss"})
_VERB_COMPLEMENTS = frozenset({"obj", "iobj", "xcomp", "ccomp", "advcl"})


def promote_main_verbs(parse: Parse, dates: list[tuple[int, int]]) -> None:
    """Mend a weak parse that took a sentence's main verb for a modifier of a noun, as
    news leads make it do: "Yasser Arafat Wednesday rejected ..." (the day as the verb's
    subject, the verb a relative clause of the name), "A top official today praised ...",
    "A French minister threatened to ...", "The government today welcomed the statement"
    (the verb an adjective of its object). Only where no verb heads the sentence, and only
    a verb right after its subject's words (dates between them allowed) that takes an
    object, a clause or a date: the verb becomes the head, the noun phrase its subject,
    the date a temporal modifier. A verbless headline ("Minister accused of fraud") stays."""
    in_date = _date_words(parse, dates)
    for root in [t for t in parse.doc if t.dep_ == "ROOT"]:
        if root.pos_ not in ("NOUN", "PROPN") or root.i in in_date or any(c.dep_ == "cop" for c in root.children):
            continue  # a date at the head is no subject ("As of Wednesday evening, X had not signed")
        for verb in root.subtree:
            if verb.dep_ not in _NOUN_MODIFIERS or not verb.is_lower or verb.i == 0:
                continue
            if verb.pos_ == "VERB" and not ("Fin" in verb.morph.get("VerbForm") or "Past" in verb.morph.get("Tense")):
                continue  # "Moon pledges to prevent war", "calls extending": no infinitive or gerund heads it
            if any(c.dep_ in ("mark", "obl:agent", "aux:pass") for c in verb.children):
                continue  # "missiles fired by the warplanes struck ...": a passive reduced relative
            takes = {c.dep_ for c in verb.children} & _VERB_COMPLEMENTS
            dated = any(c.i in in_date for c in verb.children) or verb.i - 1 in in_date
            if not (verb.pos_ == "VERB" and (takes or dated) or verb.pos_ == "ADJ" and "obj" in takes):
                continue
            subject = _subject_before(verb, root, in_date)
            if subject is not None:
                _make_head(parse, verb, root, subject, in_date)
                break


def _subject_before(verb: Token, root: Token, in_date: set[int]) -> Token | None:
    """The noun the words right before the verb (dates aside) belong to, if it is the
    verb's noun (a relative reading) or the subject of the noun the verb modifies."""
    k = _word_before(verb, in_date)
    if k < 0:
        return None
    last = verb.doc[k]
    if verb.dep_ == "amod":  # "The government today welcomed <- statement": the noun's subject
        if verb.head.i != root.i or root.i < verb.i:
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    else:
        subject = verb.head if verb.head.i == root.i and root.i < verb.i else None
    if subject is None or last.pos_ not in ("NOUN", "PROPN") or not _in_phrase(last, subject):
        return None
    return subject


def _in_phrase(word: Token, noun: Token) -> bool:
    """Whether a word belongs to a noun's phrase through its names and modifiers ("Arafat"
    of "Yasser Arafat"), not through a clause ("Ukraine would not" of "Kuchma assured")."""
    while word.i != noun.i:
        if word.dep_ not in _NOUN_PHRASE_LINKS | {"appos", "conj"} or word.head.i == word.i \
                or word.head.pos_ not in ("NOUN", "PROPN", "NUM"):
            return False  # "bombings at U.S. embassies in Dar es Salaam, Tanzania, and Nairobi": one phrase
        word = word.head
    return True


def _make_head(parse: Parse, verb: Token, root: Token, subject: Token, in_date: set[int]) -> None:
    modified = verb.dep_ == "amod"  # "welcomed <- statement": the noun it modified is its object
    moved = [c for c in root.children if c.i > verb.i and (c.dep_ == "punct" or not modified)]
    verb.head, verb.dep_, verb.pos_ = verb, "ROOT", "VERB"  # first, so that no word is its own ancestor
    if modified:
        root.head, root.dep_ = verb, "obj"
    subject.head, subject.dep_ = verb, "nsubj"
    for child in moved:  # the sentence's words that the noun took (the full stop, a clause after)
        if child.head.i != verb.i and child.i != verb.i:
            child.head = verb
    _dates_to_verb(parse, subject, verb, in_date)


def promote_verbal_adjectives(parse: Parse, dates: list[tuple[int, int]]) -> None:
    """Mend a weak parse that took a verb right after a noun phrase for an adjective of
    its object: "Israeli army bulldozers demolished Palestinian homes" (the bulldozers a
    compound of "homes"), "Palestinian police in Jericho confiscated weapons". Only a word
    tagged a verb, right after a noun (dates between allowed) and before the noun it
    modifies: "the destroyed houses", "armed groups" stay. The verb takes the noun's place,
    the noun becomes its object and the noun phrase before it its subject."""
    in_date = _date_words(parse, dates)
    for verb in list(parse.doc):
        if verb.dep_ != "amod" or verb.pos_ != "VERB" or not verb.is_lower or verb.head.i <= verb.i:
            continue
        k = _word_before(verb, in_date)
        if k < 0 or verb.doc[k].pos_ not in ("NOUN", "PROPN"):
            continue
        subject = verb.doc[k]
        while (subject.dep_ in _NOUN_PHRASE_LINKS and subject.head.i < verb.i
               and subject.head.pos_ in ("NOUN", "PROPN")):
            subject = subject.head  # "police <- in Jericho": the phrase's noun
        if any(c.dep_ == "case" for c in subject.children) or subject.i in in_date:
            continue  # a prepositional phrase or a date is no subject
        noun = verb.head
        place = subject if subject.i == noun.head.i or subject.is_ancestor(noun) else noun
        new_head, new_dep = place.head, place.dep_
        if new_dep == "ROOT":
            verb.head, verb.dep_ = verb, "ROOT"
        else:
            verb.head, verb.dep_ = new_head, new_dep
        noun.head, noun.dep_ = verb, "obj"
        subject.head, subject.dep_ = verb, "nsubj"
        _dates_to_verb(parse, subject, verb, in_date)


def _date_words(parse: Parse, dates: list[tuple[int, int]]) -> set[int]:
    return {t.i for start, end in dates for t in parse.tokens_in(start, end)}


def _word_before(verb: Token, in_date: set[int]) -> int:
    """The index of the word right before a verb, dates and their prepositions skipped
    ("X on Tuesday rejected": X), -1 if none."""
    k = verb.i - 1
    while k >= 0 and (k in in_date or verb.doc[k].dep_ == "case" and verb.doc[k].head.i in in_date):
        k -= 1
    return k


def _dates_to_verb(parse: Parse, subject: Token, verb: Token, in_date: set[int]) -> None:
    """A date between the subject and the verb is the verb's temporal modifier."""
    for token in parse.doc:
        if subject.i < token.i < verb.i and token.i in in_date and token.head.i not in in_date:
            token.head, token.dep_ = verb, "obl:tmod"


def aimed_at_by_noun(head: Token) -> bool:
    """Whether a verb is an infinitive that a noun aims at, through infinitives that lead
    to it: "un nuevo intento de hacer avanzar el proceso y lograr un acuerdo", "efforts to
    reach a deal", "la decisión de retirar las tropas". Such an act is a goal, not news; a
    purpose clause of a verb ("blocked the road to protest") is not one."""
    token = head
    for _ in range(8):
        if "Inf" not in token.morph.get("VerbForm") or token.head.i == token.i:
            return False
        governor = token.head
        if governor.pos_ == "NOUN" and token.dep_ in ("acl", "advcl", "xcomp", "ccomp", "nmod"):
            # a "noun" at the head of the clause or with a subject is a verb mistagged ("acordó")
            return governor.dep_ != "ROOT" and not any(c.dep_ in SUBJECTS for c in governor.children)
        if token.dep_ not in ("xcomp", "conj") or governor.pos_ != "VERB":
            return False
        token = governor
    return False


def _is_genitive(phrase: Token, lexicon: EventLexicon) -> bool:
    """A genitive complement: marked by a genitive case word ("de los mineros"), by one
    the tokenizer left unsplit and tagged a determiner ("des cheminots": "de les"), or by
    the genitive case itself."""
    marker = case_word(phrase)
    if marker:
        return marker in lexicon.genitive_markers
    if any(d.dep_ == "det" and d.lower_ in lexicon.genitive_markers for d in phrase.children if d.i < phrase.i):
        return True
    return "Gen" in phrase.morph.get("Case")


def is_light_verb(verb: Token, lexicon: EventLexicon) -> bool:
    """A verb that lends its subject and its date to the act it names ("launched an attack")."""
    return lexicon.light_verbs.fullmatch(verb.text) is not None  # the lexicon lists the inflected forms


def roles(parse: Parse, start: int, end: int, lexicon: EventLexicon,
          is_reporting: Callable[[Token], bool], is_actor_word: Callable[[Token], bool],
          genitive: str | None = None, possessor_is_target: bool = False,
          is_agent_noun: Callable[[Token], bool] = lambda _token: False,
          intransitive: bool = False) -> Roles | None:
    """The actor and target heads of the trigger at [start, end), or None without a head.
    ``is_agent_noun`` tells people named by what they do ("protesters"): a subject, not an
    event noun, though a trigger lists the word. ``intransitive``: see :func:`verbal_roles`."""
    head = trigger_head(parse, start, end)
    if head is None:
        return None
    if head.pos_ in ("VERB", "AUX") or (head.pos_ == "ADJ" and _children(head, SUBJECTS)):
        actors, targets, passive = verbal_roles(head, lexicon, is_reporting, intransitive)
        verbal = True
        if not passive:
            actors, targets = _through_event_noun(actors, targets, lexicon, is_reporting, is_actor_word,
                                                  is_agent_noun)
    else:
        actors, targets = nominal_roles(head, lexicon, is_reporting, is_actor_word, genitive, possessor_is_target)
        passive, verbal = False, False
    span = parse.tokens_in(start, end)
    # the trigger's own words: its head, its last word ("launched an *offensive*") and its
    # function words; a name inside a pattern's gap ("give *Tanzania* a grant") stays a participant
    inside = {t.i for t in span if t.i in (head.i, span[-1].i) or t.pos_ not in NOUNISH}
    # "launched an offensive against X": the object is part of the trigger; its own
    # target phrase is the event's target
    for token in [t for t in targets if t.i in inside]:
        targets.remove(token)
        targets.extend(_marked(token, lexicon.target_markers))
    actors = [t for t in coordinated(actors) if t.i not in inside]
    targets = [t for t in coordinated(targets) if t.i not in inside and t not in actors]
    return Roles(actors=actors, targets=targets, head=head, verbal=verbal, passive=passive)


def _through_event_noun(actors: list[Token], targets: list[Token], lexicon: EventLexicon,
                        is_reporting: Callable[[Token], bool], is_actor_word: Callable[[Token], bool],
                        is_agent_noun: Callable[[Token], bool] = lambda _token: False,
                        ) -> tuple[list[Token], list[Token]]:
    """"The bombings at the U.S. embassies killed 224 people": a verb whose subject is an
    event noun tells what that event did, so the noun's own participants are the event's
    (its attacker, the embassies it struck), beside the verb's object."""
    nouns = [a for a in actors if a.pos_ == "NOUN" and lexicon.triggers.fullmatch(a.text) and not is_agent_noun(a)]
    for noun in nouns:
        own_actors, own_targets = nominal_roles(noun, lexicon, is_reporting, is_actor_word, None, False)
        actors = [a for a in actors if a.i != noun.i] + own_actors
        targets = own_targets + [t for t in targets if t not in own_targets]
    return actors, targets


def frame_tokens(head: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """The words that govern a trigger's mood, the verb whose clause it completes, and the
    verbs that control it.

    Own frame: the trigger's auxiliaries, markers, negation and determiners ("no attack"),
    the same of each verb that controls it through ``xcomp`` ("refused to attack"), and
    for a noun the verb it is the object of ("threatened a strike"). Reporting verb: the
    head of a ``ccomp`` ("denied that troops fired")."""
    own: list[Token] = []
    controllers: list[Token] = []
    reporting: Token | None = None
    frame_words = frozenset({"aux", "mark", "advmod", "neg", "det", "amod", "cop"})  # with subtypes: aux:tense ...
    current = head
    for _ in range(MAX_CLIMB):
        own.extend(c for c in current.children if c.dep_.split(":")[0] in frame_words and c.i < current.i + 3)
        own.append(current)
        relation, parent = current.dep_, current.head
        if parent.i == current.i:
            break
        # an infinitive with no subject of its own: one after a modal has one ("said that
        # Sudan must return")
        infinitive = ("Inf" in current.morph.get("VerbForm") and relation in ("advcl", "ccomp", "obj")
                      and not any(c.dep_ in SUBJECTS for c in current.children))
        if relation == "xcomp" or infinitive or (relation in OBJECTS and current.pos_ not in ("VERB", "AUX")):
            # "refused to attack", "amenazó con atacar", "a accepté de retirer": a controlled act
            controllers.append(parent)
            current = parent
            continue
        if relation == "ccomp":
            reporting = parent
        break
    return sorted(set(own), key=lambda t: t.i), reporting, controllers


def clause_of(head: Token) -> tuple[int, int]:
    """Token index range [first, last] of the trigger's clause: the subtree of its clause
    head minus the clauses nested below it."""
    top = head
    while top.dep_ not in CLAUSE_RELATIONS and top.head.i != top.i and top.pos_ not in ("VERB", "AUX"):
        top = top.head
    indices = [t.i for t in top.subtree if not _nested(t, top)]
    return min(indices), max(indices)


def _nested(token: Token, top: Token) -> bool:
    current = token
    while current.i != top.i:
        if current.dep_ in CLAUSE_RELATIONS:
            return True
        current = current.head
    return False


def governs(anchor: Token, head: Token) -> int | None:
    """How closely the trigger's clause governs a word (a date, a place): 0 when the word
    belongs to the trigger's own clause, 1 when it belongs to a clause above it ("said
    Thursday that ... attacked"), None otherwise."""
    own_top = _clause_top(head)
    word_top = _clause_top(anchor)
    if word_top.i == own_top.i or word_top.i == head.i:
        return 0
    current = own_top
    for _ in range(8):
        if current.head.i == current.i:
            break
        if current.dep_ == "conj" and anchor.i > current.head.i and current.head.pos_ in ("VERB", "AUX"):
            # "stormed the town on Friday and killed five": a date inside the first
            # conjunct is that act's; only a fronted one ("On Friday, ...") covers both
            return None
        current = _clause_top(current.head)
        if current.i == word_top.i:
            return 1
    return None


def _clause_top(token: Token) -> Token:
    """The head of the smallest clause containing a token."""
    current = token
    while current.head.i != current.i:
        if current.dep_ in CLAUSE_RELATIONS or current.dep_ == "conj" and current.pos_ in ("VERB", "AUX"):
            return current
        current = current.head
    return current
