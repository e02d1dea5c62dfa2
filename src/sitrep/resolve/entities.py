"""Cross-document entities: one stable id per real-world actor, with the evidence of merges.

Each article's entity stage already grouped its mentions into in-document clusters. This
stage gives every cluster a corpus-wide id, deterministically, so that adding articles
extends the picture without renumbering what is there:

- a knowledge-base entry → its KB id (``bashar-al-assad``);
- a place the gazetteer resolved → ``geo:<geonameid>`` (so Suriah, Syria and سوريا meet);
- otherwise the type plus the name's variant key (``per:abu muhamad julani``), which
  survives transliteration differences but keeps every word (Ali Abbas ≠ Mahmoud Abbas).

Then two merges that need the corpus: a lone surname (``Assad``) joins the one person
whose full name ends with it, and a lone acronym joins the one organisation whose
initials it is. Ambiguous cases stay apart: a wrong merge is worse than a missed one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from sitrep import names
from sitrep.geo.gazetteer import Gazetteer
from sitrep.kb import load_kb
from sitrep.model import DocumentAnalysis, Mention, participants
from sitrep.store.records import Alias, EntityAssignment, EntityRecord


@dataclass
class _Cluster:
    article_id: str
    language: str
    label: str
    mentions: list[tuple[int, Mention]]
    kb_id: str | None = None
    geonameid: int | None = None
    place_name: str | None = None
    evidence: list[dict] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        return max((m for _, m in self.mentions), key=lambda m: (len(names.words(m.text)), len(m.text))).text


def place_of_mention(analysis: DocumentAnalysis, mention: Mention) -> tuple[int, str] | None:
    """GeoNames id and name of the resolved place overlapping a mention, if any."""
    for place in analysis.places:
        if place.geonameid and place.start < mention.end and mention.start < place.end:
            return place.geonameid, place.name
    return None


def _clusters(analysis: DocumentAnalysis) -> list[_Cluster]:
    grouped: dict[int, list[tuple[int, Mention]]] = defaultdict(list)
    for index, mention in enumerate(analysis.mentions):
        key = mention.cluster if mention.cluster >= 0 else -(index + 1)
        grouped[key].append((index, mention))
    out = []
    for members in grouped.values():
        first = members[0][1]
        cluster = _Cluster(analysis.document.id, analysis.language, first.label, members, first.kb_id)
        if first.label == "LOC":
            found = [p for p in (place_of_mention(analysis, m) for _, m in members) if p]
            if found:
                cluster.geonameid, cluster.place_name = max(found, key=found.count)  # ties: the first
        out.append(cluster)
    return out


def _base_id(cluster: _Cluster) -> tuple[str, dict]:
    if cluster.kb_id:
        return cluster.kb_id, {"rule": "knowledge base", "alias": cluster.canonical}
    if cluster.geonameid:
        return f"geo:{cluster.geonameid}", {"rule": "gazetteer", "alias": cluster.canonical}
    key = names.variant_key(cluster.canonical) or names.normalise(cluster.canonical)
    return f"{cluster.label.lower()}:{key}", {"rule": "variant key", "alias": cluster.canonical, "key": key}


def _merge_keys(cluster: _Cluster) -> tuple[list[str], list[str]]:
    """(lone surname, acronym) keys under which a cluster may join another entity."""
    if cluster.kb_id or cluster.geonameid:
        return [], []
    words = names.variant_key(cluster.canonical).split()
    texts = {m.text for _, m in cluster.mentions}
    surname = [words[0]] if cluster.label == "PER" and len(words) == 1 else []
    acronym = [cluster.canonical] if all(t.isupper() for t in texts) else []
    return surname, acronym


def _index_keys(cluster: _Cluster, entity_id: str) -> list[tuple[str, str, str]]:
    """What a cluster offers to later lone surnames and acronyms: (kind, key, entity id)."""
    out = []
    words = names.variant_key(cluster.canonical).split()
    if cluster.label == "PER" and len(words) > 1:
        out.append(("surname", words[-1], entity_id))
    if cluster.label in ("ORG", "LOC"):
        for _, mention in cluster.mentions:
            acronym = names.initials(mention.text)
            if len(acronym) >= 2 and len(names.words(mention.text)) >= 2:
                out.append(("initials", acronym, entity_id))
    return out


def resolve_entities(
    analyses: Iterable[DocumentAnalysis],
    lookup: Callable[[str, list[str]], dict[str, set[str]]] | None = None,
    known: Mapping[str, EntityRecord] | None = None,
) -> tuple[list[EntityRecord], list[EntityAssignment], list[tuple[str, str, str]]]:
    """Entity records, mention assignments and index rows for a batch of analyses.

    ``lookup(kind, keys)`` gives the entities the store already knows for lone surnames
    ("surname") and acronyms ("initials"), so that a batch joins what came before; the
    batch's own full names and organisations count too. ``known`` holds the stored
    records of ids the batch touches, so that their names, aliases and evidence grow
    instead of being replaced. A merge happens only when exactly one entity qualifies.
    """
    clusters: list[_Cluster] = []
    for analysis in analyses:
        clusters.extend(_clusters(analysis))
    ids = []
    for cluster in clusters:
        entity_id, evidence = _base_id(cluster)
        ids.append(entity_id)
        cluster.evidence.append(evidence)

    index_rows = [row for cluster, entity_id in zip(clusters, ids, strict=True)
                  for row in _index_keys(cluster, entity_id)]
    batch_index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, key, entity_id in index_rows:
        batch_index[(kind, key)].add(entity_id)
    wanted = {"surname": set(), "initials": set()}
    for cluster in clusters:
        surname, acronym = _merge_keys(cluster)
        wanted["surname"].update(surname)
        wanted["initials"].update(acronym)
    stored = {kind: (lookup(kind, sorted(keys)) if lookup and keys else {}) for kind, keys in wanted.items()}
    for n, cluster in enumerate(clusters):
        surname, acronym = _merge_keys(cluster)
        for kind, keys, rule in (("surname", surname, "surname of the only person with it"),
                                 ("initials", acronym, "acronym of the only organisation with these initials")):
            for key in keys:
                found = batch_index.get((kind, key), set()) | stored[kind].get(key, set())
                if len(found) == 1:
                    ids[n] = next(iter(found))
                    cluster.evidence.append({"rule": rule, "alias": cluster.canonical})

    kb = load_kb()
    records: dict[str, EntityRecord] = {}
    assignments: list[EntityAssignment] = []
    for cluster, entity_id in zip(clusters, ids, strict=True):
        record = records.get(entity_id)
        if record is None:
            entry = kb.entries.get(cluster.kb_id) if cluster.kb_id else None
            name = entry.name if entry else (cluster.place_name or cluster.canonical)
            previous = (known or {}).get(entity_id)
            record = records[entity_id] = previous or EntityRecord(
                id=entity_id, name=name, type=cluster.label, kb_id=cluster.kb_id
            )
        if len(cluster.canonical) > len(record.name) and not (record.kb_id or cluster.place_name
                                                                or record.id.startswith("geo:")):
            record.name = cluster.canonical
        aliases = {(a.name, a.language) for a in record.aliases}
        for index, mention in cluster.mentions:
            if (mention.text, cluster.language) not in aliases:
                record.aliases.append(Alias(name=mention.text, language=cluster.language))
                aliases.add((mention.text, cluster.language))
            assignments.append(EntityAssignment(article_id=cluster.article_id, mention=index, entity_id=entity_id))
        for item in cluster.evidence:
            item = {**item, "article": cluster.article_id}
            if item not in record.evidence:
                record.evidence.append(item)
    return list(records.values()), assignments, index_rows


SECTOR_NAMES = {
    "GOV": "government", "MIL": "armed forces", "COP": "police", "REB": "rebels", "OPP": "opposition",
    "JUD": "judiciary", "PRO": "protesters", "CVL": "civilians", "LEG": "legislature", "SPY": "intelligence",
    "MED": "media", "IGO": "international organisation", "NGO": "non-governmental organisation",
}


def agent_entity_id(agent: str) -> str:
    """The entity an agent code stands for: a country alone ("Israeli strikes": ISR) is the
    country itself, the same entity as its name's mentions; a sector is an unnamed actor."""
    if len(agent) == 3 and agent.isalpha() and agent.isupper():
        country = _country_entity(agent)
        if country is not None:
            return country
    return f"actor:{agent}"


@lru_cache(maxsize=512)
def _country_entity(alpha3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=alpha3)
    record = Gazetteer.load().country(country.alpha_2) if country else None
    return f"geo:{record.geonameid}" if record is not None and record.geonameid else None


def _agent_name(agent: str) -> str:
    """"SYR GOV" → "Syria: government"; codes without a country keep the sector alone."""
    parts = agent.split()
    sector = SECTOR_NAMES.get(parts[-1], parts[-1].lower())
    if len(parts) > 1:
        country = pycountry.countries.get(alpha_3=parts[0])
        record = Gazetteer.load().country(country.alpha_2) if country else None
        name = record.name if record else getattr(country, "common_name", None) or (country.name if country else None)
        return f"{name or parts[0]}: {sector}"
    return sector[:1].upper() + sector[1:]


def resolve_agents(
    analyses: Iterable[DocumentAnalysis], known: Mapping[str, EntityRecord] | None = None,
) -> tuple[list[EntityRecord], dict[str, str]]:
    """Entities for unnamed actors by agent code (country plus sector), across documents.

    "the regime" in one article and "rezim" in another, both coded SYR GOV, are one actor
    with both descriptions as aliases. A country alone ("Israeli strikes": ISR) is the
    country's own entity, ``geo:<geonameid>``, as its name's mentions are.
    """
    records: dict[str, EntityRecord] = {}
    for analysis in analyses:
        for arg in participants(analysis.events, analysis.quotes):
            if arg.mention is not None or not arg.agent:
                continue
            entity_id = agent_entity_id(arg.agent)
            if entity_id not in records:
                records[entity_id] = (known or {}).get(entity_id) or _agent_record(entity_id, arg.agent)
            record = records[entity_id]
            code = {"rule": "agent code", "code": arg.agent}
            if code not in record.evidence:
                record.evidence.append(code)
            alias = Alias(name=arg.text, language=analysis.language)
            if alias not in record.aliases:
                record.aliases.append(alias)
    codes = {}
    for record in records.values():
        for item in record.evidence:
            if item.get("rule") == "agent code":
                codes[item["code"]] = record.id
    return list(records.values()), codes


def _agent_record(entity_id: str, agent: str) -> EntityRecord:
    evidence = [{"rule": "agent code", "code": agent}]
    if entity_id.startswith("geo:"):
        record = Gazetteer.load().country(pycountry.countries.get(alpha_3=agent).alpha_2)
        return EntityRecord(id=entity_id, name=record.name, type="LOC", evidence=evidence)
    return EntityRecord(id=entity_id, name=_agent_name(agent), type="ORG", evidence=evidence)
