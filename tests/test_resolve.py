"""Corpus-level resolution: entity ids across documents and languages, and stories."""

from sitrep.model import Document, DocumentAnalysis, Mention, Meta
from sitrep.resolve.entities import resolve_entities


def analysis(doc_id: str, text: str, names: list[tuple[str, str, int]], language: str = "en") -> DocumentAnalysis:
    """An analysis whose mentions are the given (surface, label, cluster) found in text."""
    mentions, cursor = [], 0
    for surface, label, cluster in names:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        mentions.append(Mention(start=start, end=cursor, text=surface, label=label, cluster=cluster))
    return DocumentAnalysis(document=Document(id=doc_id, text=text, meta=Meta()), language=language,
                            mentions=mentions)


def ids_by_text(assignments, analyses):
    out = {}
    for a in assignments:
        doc = next(x for x in analyses if x.document.id == a.article_id)
        out[(a.article_id, doc.mentions[a.mention].text)] = a.entity_id
    return out


def test_spelling_variants_across_articles_are_one_entity_with_evidence():
    docs = [
        analysis("a", "HTS is led by Abu Mohammed al-Julani.", [("Abu Mohammed al-Julani", "PER", 0)]),
        analysis("b", "Its leader Abu Mohammed al Jolani spoke.", [("Abu Mohammed al Jolani", "PER", 0)]),
    ]
    records, assignments, _ = resolve_entities(docs)
    ids = ids_by_text(assignments, docs)
    assert ids[("a", "Abu Mohammed al-Julani")] == ids[("b", "Abu Mohammed al Jolani")]
    record = next(r for r in records if r.id == ids[("a", "Abu Mohammed al-Julani")])
    assert {a.name for a in record.aliases} == {"Abu Mohammed al-Julani", "Abu Mohammed al Jolani"}
    assert record.evidence and all("rule" in e for e in record.evidence)


def test_lone_surname_joins_the_only_person_with_it_but_not_an_ambiguous_one():
    docs = [
        analysis("a", "Mahmoud Abbas spoke in Ramallah.", [("Mahmoud Abbas", "PER", 0)]),
        analysis("b", "Ali Abbas, the defence minister, was not seen.", [("Ali Abbas", "PER", 0)]),
        analysis("c", "Abbas said nothing.", [("Abbas", "PER", 0)]),
        analysis("d", "Erdogan won.", [("Erdogan", "PER", 0)]),
        analysis("e", "Recep Tayyip Erdogan met the press.", [("Recep Tayyip Erdogan", "PER", 0)]),
    ]
    _, assignments, _ = resolve_entities(docs)
    ids = ids_by_text(assignments, docs)
    assert ids[("a", "Mahmoud Abbas")] != ids[("b", "Ali Abbas")]
    assert ids[("c", "Abbas")] not in {ids[("a", "Mahmoud Abbas")], ids[("b", "Ali Abbas")]}
    assert ids[("d", "Erdogan")] == ids[("e", "Recep Tayyip Erdogan")]


def test_lone_acronym_joins_the_organisation_it_abbreviates():
    docs = [
        analysis("a", "The Islamic Revolutionary Guard Corps fired missiles.",
                 [("Islamic Revolutionary Guard Corps", "ORG", 0)]),
        analysis("b", "The IRGC denied it.", [("IRGC", "ORG", 0)]),
    ]
    _, assignments, _ = resolve_entities(docs)
    ids = ids_by_text(assignments, docs)
    assert ids[("a", "Islamic Revolutionary Guard Corps")] == ids[("b", "IRGC")]


def test_a_later_batch_joins_what_the_store_knows() -> None:
    """The surname index from an earlier batch decides a lone surname in a later one."""
    first = [analysis("a", "Recep Tayyip Erdogan met the press.", [("Recep Tayyip Erdogan", "PER", 0)])]
    records, assignments, index = resolve_entities(first)
    stored = {}
    for kind, key, entity_id in index:
        stored.setdefault((kind, key), set()).add(entity_id)
    later = [analysis("b", "Erdogan won.", [("Erdogan", "PER", 0)])]
    _, assignments_b, _ = resolve_entities(
        later, lookup=lambda kind, keys: {k: stored.get((kind, k), set()) for k in keys})
    assert assignments_b[0].entity_id == assignments[0].entity_id
