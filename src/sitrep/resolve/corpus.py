"""The incremental corpus stage: what a batch of new articles adds to the picture.

Per batch of stored articles not yet resolved, in one transaction: entity ids for their
mentions (joining entities already known through the store's indexes), entities of their
unnamed actors, near-duplicate and translation links, story membership, and canonical
events; then the articles are marked resolved. Every lookup goes through a blocking key
(name keys, entity ids, MinHash bands, story keys, event blocks): the cost of a batch
depends on the batch, not on the store. A run that stops anywhere resumes with the
articles not marked; running again on the same input changes nothing.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection

from sitrep.config import DEFAULT, Settings
from sitrep.model import DocumentAnalysis
from sitrep.resolve import duplicates, events, stories
from sitrep.resolve.entities import resolve_agents, resolve_entities
from sitrep.resolve.matching import CanonicalEvent
from sitrep.store import corpus as db
from sitrep.store.records import ArticleLink, EntityAssignment

BATCH = 200
TITLE_SAMPLE = 50  # a sample of the story's articles (by id), among which its title's is the most central
# the candidates of an article's story come from its rarest keys: at most 24 keys, none held
# by more than 50 articles, about 400 stored keys read in all (frequent keys still weigh);
# so the cost of placing an article does not grow with the store
MAX_LOOKUPS = 24
MAX_LOOKUP_DF = 50
LOOKUP_ROWS = 400
EPOCH = dt.date(1970, 1, 1)


@dataclass
class CorpusSummary:
    articles: int = 0
    entities: int = 0
    duplicates: int = 0
    translations: int = 0
    stories: int = 0  # stories new or grown
    canonical_events: int = 0  # canonical events new or grown
    batches: list[float] = field(default_factory=list)  # seconds per batch
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step, all batches together
    written: set[str] = field(default_factory=set)  # ids of the entities written (pruned after if unused)

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.steps[step] = self.steps.get(step, 0.0) + time.perf_counter() - started


def day_number(published: str | None) -> int | None:
    try:
        return (dt.date.fromisoformat(published[:10]) - EPOCH).days if published else None
    except ValueError:
        return None


def update_corpus(store, settings: Settings = DEFAULT, *, batch: int = BATCH,
                  progress: Callable[[int], None] | None = None) -> CorpusSummary:
    """Take every stored article not yet resolved into the corpus picture, batch by batch."""
    summary = CorpusSummary()
    with store.engine.begin() as conn:
        db.backfill_key_frequencies(conn, stories.KINDS)  # a store from before the table existed
    while True:
        with store.engine.connect() as conn:
            ids = db.unresolved(conn, batch)
        if not ids:
            return summary
        started = time.perf_counter()
        with summary.timed("load"):
            analyses = [store.load_analysis(article_id) for article_id in ids]
        with store.engine.begin() as conn:
            resolve_batch(conn, analyses, settings, summary)
            db.mark_resolved(conn, ids)
        summary.articles += len(ids)
        summary.batches.append(time.perf_counter() - started)
        if progress:
            progress(len(ids))


def resolve_batch(conn: Connection, analyses: Sequence[DocumentAnalysis], settings: Settings,
                  summary: CorpusSummary) -> None:
    with summary.timed("entities"):
        entity_of = _entities(conn, analyses, summary)
        agent_entity = _agents(conn, analyses, summary)
    with summary.timed("duplicates"):
        links = _duplicates(conn, analyses, entity_of, summary)
    with summary.timed("stories"):
        _stories(conn, analyses, entity_of, links, settings, summary)
    with summary.timed("canonical events"):
        _canonical_events(conn, analyses, entity_of, agent_entity, links, settings, summary)


# -- entities -----------------------------------------------------------------------------------


def _entities(conn: Connection, analyses: Sequence[DocumentAnalysis], summary: CorpusSummary) -> dict:
    records, assignments, index_rows = resolve_entities(
        analyses, lookup=lambda kind, keys: db.index_lookup(conn, kind, keys),
        known=_Known(conn),
    )
    db.write_entities(conn, records)
    summary.written.update(r.id for r in records)
    _assign(conn, assignments)
    db.add_index(conn, index_rows)
    _merge_short_forms(conn, index_rows)
    summary.entities += len(records)
    return {(a.article_id, a.mention): a.entity_id for a in assignments if a.entity_id}


def _merge_short_forms(conn: Connection, index_rows: Sequence[tuple[str, str, str]]) -> None:
    """A full name that arrives after its short form ("Wekesa", then "Peter Wekesa";
    "IRGC", then the Islamic Revolutionary Guard Corps) takes the short form's entity
    in, when it is the only entity with that surname or those initials."""
    from sitrep import names

    for kind, key, entity_id in dict.fromkeys(index_rows):
        owners = db.index_lookup(conn, kind, [key]).get(key, set())
        if owners != {entity_id}:
            continue  # two people share the surname: the short form stays apart
        short = f"per:{names.variant_key(key) or key}" if kind == "surname" else f"org:{names.variant_key(key) or key}"
        if short != entity_id and db.existing_entities(conn, [short]):
            rule = "surname of the only person with it" if kind == "surname" else \
                "acronym of the only organisation with these initials"
            db.merge_entity(conn, short, entity_id, {"rule": rule, "alias": key, "merged": short})


class _Known(dict):
    """The stored records of entity ids, read from the store on first use."""

    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self.conn = conn

    def get(self, key, default=None):  # type: ignore[override]
        if key not in self:
            found = db.existing_entities(self.conn, [key])
            self[key] = found.get(key)
        return super().get(key) or default


def _assign(conn: Connection, assignments: Sequence[EntityAssignment]) -> None:
    from sqlalchemy import bindparam

    from sitrep.store.schema import event_arguments, mentions, quotes

    params = [{"a": a.article_id, "m": a.mention, "e": a.entity_id} for a in assignments]
    if not params:
        return
    for table, mention_col, entity_col in (
        (mentions, mentions.c.idx, mentions.c.entity_id),
        (event_arguments, event_arguments.c.mention, event_arguments.c.entity_id),
        (quotes, quotes.c.speaker_mention, quotes.c.speaker_entity_id),
    ):
        conn.execute(table.update().where(table.c.article_id == bindparam("a"), mention_col == bindparam("m"))
                     .values({entity_col: bindparam("e")}), params)


def _agents(conn: Connection, analyses: Sequence[DocumentAnalysis], summary: CorpusSummary) -> dict[str, str]:
    records, entity_of_agent = resolve_agents(analyses, known=_Known(conn))
    db.write_entities(conn, records)
    summary.written.update(r.id for r in records)
    db.assign_agents(conn, [a.document.id for a in analyses], entity_of_agent)
    return entity_of_agent


# -- duplicates and translations ---------------------------------------------------------------


def _duplicates(conn: Connection, analyses: Sequence[DocumentAnalysis], entity_of: dict,
                summary: CorpusSummary) -> dict[str, str]:
    """Link copies and translations to their originals; article id -> original."""
    links: dict[str, str] = {}
    for analysis in analyses:
        doc = analysis.document
        today = day_number(doc.meta.published)
        bands = duplicates.bands(doc.text)
        shared = db.articles_with_keys(conn, "band", bands, exclude=doc.id)
        best = max(shared.items(), key=lambda kv: (len(kv[1]), kv[0]), default=None)
        distinctive = _distinctive(analysis, entity_of)
        link = None
        if best and duplicates.similarity(len(best[1])) >= duplicates.DUPLICATE:
            link = ArticleLink(article_id=doc.id, original=best[0], kind="duplicate",
                               score=round(duplicates.similarity(len(best[1])), 3))
        elif len(distinctive) >= duplicates.MIN_TRANSLATION_KEYS:
            link = _translation(conn, analysis, distinctive, today)
        if link is not None:
            link.original = db.originals(conn, [link.original]).get(link.original, link.original)
            db.add_link(conn, link)
            links[doc.id] = link.original
            summary.duplicates += link.kind == "duplicate"
            summary.translations += link.kind == "translation"
        db.add_keys(conn, doc.id, [("band", b) for b in bands], today)
        db.add_keys(conn, doc.id, [("distinct", k) for k in distinctive], today)
        db.add_key_counts(conn, doc.id, {"distinct": len(distinctive)})
    return links


def _distinctive(analysis: DocumentAnalysis, entity_of: dict) -> set[str]:
    """Names (entity ids), numbers and day-level dates: what a translation keeps."""
    doc_id = analysis.document.id
    keys = {f"e:{entity_of[(doc_id, i)]}" for i in range(len(analysis.mentions)) if (doc_id, i) in entity_of}
    keys |= {f"n:{n}" for n in duplicates.number_keys(analysis.document.text)}
    keys |= {f"d:{t.value[:10]}" for t in analysis.timexes if len(t.value or "") >= 10 and t.value[4] == "-"}
    return keys


def _translation(conn: Connection, analysis: DocumentAnalysis, distinctive: set[str], today: int | None):
    doc = analysis.document
    rare = [k for k in distinctive if not k.startswith("e:geo:")]  # countries are in every article
    found = db.articles_with_keys(conn, "distinct", rare or distinctive, exclude=doc.id, day=today, window=2,
                                  undated=today is None)
    # a translation shares most of its keys: those that cannot reach the threshold even
    # with every common key are dropped before anything else is read
    needed = duplicates.TRANSLATION * len(distinctive) - (len(distinctive) - len(rare) if rare else 0)
    found = {a: shared for a, shared in found.items() if len(shared) >= needed}
    if not found:
        return None
    meta = db.article_meta(conn, found)
    candidates = [a for a in found if meta.get(a, {}).get("language") not in (None, analysis.language)]
    lengths = db.text_lengths(conn, candidates)
    candidates = [a for a in candidates if duplicates.lengths_agree(len(doc.text), lengths.get(a, 0))]
    if not candidates:
        return None
    shared = db.shared_keys(conn, candidates, [("distinct", k) for k in distinctive])
    totals = {a: counts.get("distinct") for a, counts in db.key_totals(conn, candidates).items()}
    uncounted = [a for a in candidates if totals.get(a) is None]  # stored before the counts were kept
    for article_id, keys in db.keys_of(conn, uncounted, ("distinct",)).items():
        totals[article_id] = len(keys)
    scored = sorted(
        ((duplicates.translation_score(distinctive, {v for _, v in shared.get(a, ())}, totals.get(a)), a)
         for a in candidates),
        reverse=True)
    score, original = scored[0]
    if score < duplicates.TRANSLATION:
        return None
    return ArticleLink(article_id=doc.id, original=original, kind="translation", score=round(score, 3))


# -- stories -------------------------------------------------------------------------------------


def _stories(conn: Connection, analyses: Sequence[DocumentAnalysis], entity_of: dict, links: dict[str, str],
             settings: Settings, summary: CorpusSummary) -> None:
    touched: set[str] = set()
    before = db.total_articles(conn)
    for done, analysis in enumerate(analyses):
        doc = analysis.document
        today = day_number(doc.meta.published)
        prof = stories.profile(analysis, entity_of, today, _stopwords(analysis.language))
        story = None
        original = links.get(doc.id) or db.originals(conn, [doc.id]).get(doc.id)
        if original:
            story = db.stories_of(conn, [original]).get(original)
        if story is None:
            story = _closest_story(conn, prof, before + done)
        story = story or f"story-{doc.id}"
        for kind in stories.KINDS:
            db.add_keys(conn, doc.id, [(kind, v) for k, v in prof.keys if k == kind], today)
        db.count_keys(conn, prof.keys)
        db.add_key_counts(conn, doc.id, Counter(k for k, _ in prof.keys))
        db.join_story(conn, story, doc.id)
        touched.add(story)
    for story in touched:
        db.set_story_label(conn, story, _story_title(conn, story, settings))
    summary.stories += len(touched)


def _closest_story(conn: Connection, prof: stories.Profile, total: int) -> str | None:
    total = max(total, 1)
    df: dict[tuple[str, str], int] = {}
    for kind in stories.KINDS:
        counts = db.key_counts(conn, kind, [v for k, v in prof.keys if k == kind])
        df.update({(kind, v): n for v, n in counts.items()})
    weights = {key: stories.WEIGHT[key[0]] * stories.idf(df.get(key, 0), total) for key in prof.keys}
    # the rarest keys other articles hold find the candidates; frequent ones only weigh
    lookups = []
    rows = 0
    for key in sorted((k for k in prof.keys if 1 <= df.get(k, 0) <= MAX_LOOKUP_DF), key=lambda k: (df[k], k)):
        if len(lookups) == MAX_LOOKUPS or rows + df[key] > LOOKUP_ROWS:
            break
        lookups.append(key)
        rows += df[key]
    found: dict[str, float] = {}
    for kind in stories.KINDS:
        values = [v for k, v in lookups if k == kind]
        for article_id, shared in db.articles_with_keys(conn, kind, values, exclude=prof.article_id,
                                                        day=prof.day, window=stories.WINDOW_DAYS).items():
            found[article_id] = found.get(article_id, 0.0) + sum(weights[(kind, v)] for v in shared)
    if not found:
        return None
    candidates = [a for a, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:stories.MAX_CANDIDATES]]
    shared = db.shared_keys(conn, candidates, prof.keys)
    totals = db.key_totals(conn, candidates)
    meta = db.article_meta(conn, candidates)
    their_story = db.stories_of(conn, candidates)
    by_story: dict[str, list[float]] = {}
    for article_id in candidates:
        story = their_story.get(article_id)
        if story is None:
            continue
        known = stories.Known(shared.get(article_id, set()), totals.get(article_id, {}))
        sim = stories.similarity(prof.keys, known, weights)
        if (meta.get(article_id) or {}).get("language") != prof.language:
            sim = min(1.0, sim * stories.CROSS_LANGUAGE)
        sim = stories.faded(sim, prof.day, day_number((meta.get(article_id) or {}).get("published")))
        by_story.setdefault(story, []).append(sim)
    sizes = db.story_sizes(conn, by_story)
    scored = sorted(((stories.story_score(sims, sizes.get(s, 1)), s) for s, sims in by_story.items()), reverse=True)
    if scored and scored[0][0] >= stories.THRESHOLD:
        return scored[0][1]
    return None


def _story_title(conn: Connection, story: str, settings: Settings) -> str | None:
    """The title (or first line) of the story's most central article, in the preferred
    language where the story has one."""
    members = db.some_members(conn, story, TITLE_SAMPLE)
    if not members:
        return None
    keys = db.keys_of(conn, members, ("entity", "place"))
    frequency: dict[tuple[str, str], int] = {}
    for article_keys in keys.values():
        for key in set(article_keys):
            frequency[key] = frequency.get(key, 0) + 1
    meta = db.article_meta(conn, members)
    preferred = [m for m in members if (meta.get(m) or {}).get("language") == settings.story_language] or members

    def centrality(article_id: str) -> tuple[float, str]:
        own = set(keys.get(article_id, ()))
        return (sum(frequency[k] for k in own) / (len(own) + 1), article_id)

    central = max(preferred, key=centrality)
    return (meta.get(central) or {}).get("title") or None


def _stopwords(language: str) -> frozenset[str]:
    import importlib

    try:
        return frozenset(importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()


# -- canonical events --------------------------------------------------------------------------------


def _canonical_events(conn: Connection, analyses: Sequence[DocumentAnalysis], entity_of: dict,
                      agent_entity: dict[str, str], links: dict[str, str], settings: Settings,
                      summary: CorpusSummary) -> None:
    done = db.reported(conn, [a.document.id for a in analyses])
    originals = {**db.originals(conn, [a.document.id for a in analyses]), **links}
    outlets = {a.document.id: a.document.meta.outlet for a in analyses}
    original_meta = db.article_meta(conn, [o for o in originals.values() if o not in outlets])
    touched: dict[str, CanonicalEvent] = {}
    place_names: dict[int, str] = {}
    for analysis in analyses:
        doc = analysis.document
        root = originals.get(doc.id, doc.id)
        outlet = outlets.get(root) if root in outlets else (original_meta.get(root) or {}).get("outlet")
        source = outlet or root
        for place in analysis.places:
            if place.geonameid:
                place_names.setdefault(place.geonameid, place.name)
        for index, event in enumerate(analysis.events):
            if not settings.counts(event.status) or (doc.id, index) in done:
                continue
            report = events.report_of(analysis, index, event, entity_of, agent_entity, source)
            blocks = events.block_keys(report)
            candidates = db.canonical_by_blocks(conn, blocks)
            stored = db.reports_of(conn, [c for c in candidates if c not in touched])
            pool = {c: [events.report_from_json(r.evidence["report"]) for r in stored.get(c, [])]
                    for c in candidates if c not in touched}
            pool.update({c: touched[c].reports for c in candidates if c in touched})
            canonical_id, reasons = events.best_match(report, pool)
            if canonical_id is None:
                canonical_id = f"ev-{doc.id}-{index}"
                touched[canonical_id] = CanonicalEvent(id=canonical_id)
            elif canonical_id not in touched:
                touched[canonical_id] = CanonicalEvent(id=canonical_id, reports=pool[canonical_id])
                previous = db.canonical_records(conn, [canonical_id]).get(canonical_id)
                if previous is not None and previous.geonameid and previous.place_name:
                    place_names.setdefault(previous.geonameid, previous.place_name)
            touched[canonical_id].reports.append(report)
            record, contradictions = events.record_of(touched[canonical_id], place_names)
            db.write_canonical(conn, record, events.block_keys(report), contradictions)
            db.add_reports(conn, [events.report_record(canonical_id, report, reasons)])
    summary.canonical_events += len(touched)
