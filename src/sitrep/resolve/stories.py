"""Stories: articles that report the same story, across outlets and languages.

Two articles are close when their words are (TF-IDF cosine) or when they name the same
actors and places (cosine of IDF-weighted sets of their cross-document entity ids, which is
what carries across languages), and the closer in time they were published (similarity fades over three months).
Average-link clustering over that similarity groups them. Story ids are the smallest
article id in the story, so they stay put as articles are added.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

SIMILARITY_THRESHOLD = 0.2
MIN_SHARED_FOR_OVERLAP = 4  # entities two articles must share before the overlap coefficient counts
OVERLAP_WEIGHT = 0.6
MAX_DAYS_APART = 90  # similarity fades linearly to nothing over this many days


@dataclass(frozen=True)
class StoryInput:
    article_id: str
    text: str
    published: str | None
    entity_ids: frozenset[str]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def similarity_matrix(items: Sequence[StoryInput]) -> np.ndarray:
    """Pairwise similarity in [0, 1]: the larger of word and entity similarity."""
    n = len(items)
    tfidf = TfidfVectorizer(sublinear_tf=True, min_df=1, max_df=0.9 if n > 10 else 1.0)
    try:
        matrix = tfidf.fit_transform([i.text for i in items])
        words = (matrix @ matrix.T).toarray()
    except ValueError:  # empty vocabulary
        words = np.zeros((n, n))
    doc_freq = Counter(e for i in items for e in i.entity_ids)
    weight = {e: math.log((n + 1) / (df + 1)) + 1.0 for e, df in doc_freq.items()}
    norms = [math.sqrt(sum(weight[e] ** 2 for e in i.entity_ids)) for i in items]
    totals = [sum(weight[e] for e in i.entity_ids) for i in items]
    entities = np.zeros((n, n))
    for a in range(n):
        for b in range(a + 1, n):
            shared = items[a].entity_ids & items[b].entity_ids
            if not shared:
                continue
            score = sum(weight[e] ** 2 for e in shared) / (norms[a] * norms[b])
            if len(shared) >= MIN_SHARED_FOR_OVERLAP:
                # a short article naming few actors, all of them in a long one, is the same story
                overlap = sum(weight[e] for e in shared) / min(totals[a], totals[b])
                score = max(score, OVERLAP_WEIGHT * overlap)
            entities[a, b] = entities[b, a] = score
    sim = np.maximum(words, entities)
    days = [_day(i.published) for i in items]
    for a in range(n):
        for b in range(a + 1, n):
            if days[a] and days[b]:
                apart = abs((days[a] - days[b]).days)
                sim[a, b] = sim[b, a] = sim[a, b] * max(0.0, 1.0 - apart / MAX_DAYS_APART)
    np.fill_diagonal(sim, 1.0)
    return sim


def group_stories(items: Sequence[StoryInput], threshold: float = SIMILARITY_THRESHOLD) -> dict[str, list[str]]:
    """Story id → article ids."""
    if not items:
        return {}
    if len(items) == 1:
        labels = [0]
    else:
        sim = similarity_matrix(items)
        clustering = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
        )
        labels = clustering.fit_predict(1.0 - sim).tolist()
    groups: dict[int, list[str]] = {}
    for item, label in zip(items, labels, strict=True):
        groups.setdefault(label, []).append(item.article_id)
    return {f"story-{min(ids)}": sorted(ids) for ids in groups.values()}


def story_inputs(
    analyses: Sequence, entity_of_mention: Mapping[tuple[str, int], str]
) -> list[StoryInput]:
    """StoryInput per analysis, with the entity ids its mentions were resolved to."""
    out = []
    for analysis in analyses:
        doc = analysis.document
        ids = frozenset(
            entity_of_mention[(doc.id, i)] for i in range(len(analysis.mentions)) if (doc.id, i) in entity_of_mention
        )
        out.append(StoryInput(doc.id, doc.text, doc.meta.published, ids))
    return out
