"""Train the ACLED sub-event classifier (src/sitrep/models/acled-en.json), reproducibly.

Data: the 306 English CASE 2021 task 2 snippets of
../shared/eval/dev/events-en-case2021-dev.gold.jsonl (one label each, 30 labels; the
repository states no licence). They are the only training data and are scored only under
cross-validation: stratified k-fold (k=5 and k=3, each repeated with shuffle seeds 0, 1,
2), every fold trained from scratch (vocabulary, idf and weights from the training part
only) and exported exactly as the shipped model (quantised weights, pruned rows), then
scored with ``sitrep.evaluate.events.weighted_label_f1`` (the ``event_types.weighted_f1``
metric) on the held-out part. The shipped model is then trained on all 306. Nothing of the
data is copied: the JSON holds n-gram vocabularies (terms of two or more characters), idf
values and weights.

Features (see sitrep/analyse/acled_model.py): word 1-2-grams and char_wb 3-5-grams
(sublinear tf-idf, terms in at least ``--min-df`` training snippets) and the cue groups
below, which were written for this model from the ACLED codebook's sub-event definitions
and the CASE 2021 task description (the five non-ACLED labels), not learnt. Learner:
scikit-learn's LinearSVC (one-vs-rest, balanced class weights). A softmax temperature is
fitted on the out-of-fold scores of the 5-fold run (seed 0) so that ``predict`` gives
calibrated-ish probabilities.

    .venv/bin/python scripts/train_acled.py            # CV table + writes the model
    .venv/bin/python scripts/train_acled.py --ablate   # feature ablations (CV only)
    .venv/bin/python scripts/train_acled.py --nested   # nested CV over the hyper-parameter grid
    .venv/bin/python scripts/train_acled.py --no-write # CV table only
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from sitrep.analyse.acled_model import FORMAT, AcledClassifier, Featurizer, char_terms, tokens, word_terms
from sitrep.evaluate.events import weighted_label_f1

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT.parent / "shared" / "eval" / "dev" / "events-en-case2021-dev.gold.jsonl"
OUT = ROOT / "src" / "sitrep" / "models" / "acled-en.json"
SEEDS = (0, 1, 2)

# Cue groups: token patterns (space-separated elements; "a/b" alternatives, "x*" a prefix,
# "~N" up to N tokens of anything). Written from the ACLED codebook's definitions of the
# sub-event types (air/drone strike, shelling/artillery/missile attack, remote explosive,
# suicide bomb, grenade, chemical weapon, armed clash, territory changes, attack, sexual
# violence, abduction, peaceful protest, protest with intervention, excessive force,
# violent demonstration, mob violence, agreement, arrests, change to group/activity,
# disrupted weapons use, headquarters established, looting/property destruction,
# non-violent transfer of territory) and of the five CASE-only labels (organised crime,
# natural and man-made disasters, diplomatic events, attribution of responsibility).
# The classifier learns how much each group counts for each label.
CUE_GROUPS: dict[str, list[str]] = {
    "air": ["air strike*", "airstrike*", "air raid*", "warplane*", "war plane/planes", "fighter jet*", "jet/jets",
            "drone/drones", "helicopter*", "gunship*", "aerial", "bomber/bombers", "barrel bomb*", "sortie*",
            "air force", "aircraft", "plane/planes", "air attack*"],
    "artillery": ["shell/shells/shelled/shelling", "artillery", "mortar*", "rocket/rockets", "missile*", "howitzer*",
                  "tank fire", "katyusha*", "projectile*", "bombard*", "grad", "ballistic", "mlrs", "cannon fire",
                  "heavy weapons"],
    "explosive": ["ied/ieds", "improvised explosive", "roadside bomb*", "landmine*", "land mine*", "mine/mines",
                  "car bomb*", "bomb blast*", "bomb explosion*", "bomb/bombs exploded/blast/blasts", "bombs went off",
                  "explosive device*", "detonat*", "blast/blasts", "booby trap*", "boobytrap*", "vbied*",
                  "explosion/explosions", "magnetic bomb*", "sticky bomb*", "explo*", "bomb/bombing/bombings/bombs"],
    "suicide": ["suicide", "blew himself/herself/themselves up", "explosive vest/vests/belt/belts", "bomber"],
    "grenade": ["grenade*", "rpg/rpgs"],
    "chemical": ["chemical", "chlorine", "sarin", "mustard gas", "nerve agent*/gas", "toxic gas/substance*/chemical*",
                 "gas attack*", "poison*", "novichok", "suffocat*"],
    "clash": ["clash*", "fighting", "fought", "gunfight*", "gun fight*", "firefight*", "fire fight*",
              "exchange of fire", "exchanged fire", "battl*", "skirmish*", "ambush*", "engaged", "counterattack*",
              "counter attack*", "offensive", "fierce", "frontline*", "front line*", "militant/militants ~1 killed",
              "gun battle*"],
    "regain": ["recaptur*", "retook", "retake*", "retaken", "regain*", "liberat*", "back under government/the control",
               "freed the/from", "cleared the/of", "restored control", "took back", "reclaim*", "drove out/back",
               "expelled ~1 militants/insurgents/rebels/terrorists/isis"],
    "overtake": ["seized/took/taken/gained/captured/capture/captures/capturing/seize ~1 control", "captur*", "overran",
                 "overrun*", "fell to", "seiz*", "took over", "stormed", "advance*", "taliban", "militants took"],
    "attack": ["gunman/gunmen", "shot dead", "shot", "killed", "stabb*", "murder*", "opened fire", "attack*",
               "massacr*", "behead*", "shooting", "assassinat*", "gunned down", "hacked", "unidentified", "assailant*",
               "civilian/civilians", "villager/villagers", "body/bodies"],
    "sexual": ["rape/raped/rapes/raping/rapist/rapists", "sexual*", "gang rape*", "gangrape*", "molest*", "harass*",
               "women and girls"],
    "abduction": ["abduct*", "kidnap*", "hostage/hostages", "forced disappearance*", "disappeared", "went missing",
                  "missing", "captive*", "taken away", "whereabouts", "ransom"],
    "protest": ["protest*", "demonstrat*", "rally/rallies/rallied", "march*", "sit in", "sitin*", "vigil*",
                "peaceful*", "strike", "petition*", "gathered", "chant*", "placard*", "banner*", "slogan*",
                "hunger strike", "picket*", "marchers", "boycott*", "took/take/taken to the street/streets"],
    "intervention": ["dispers*", "tear gas", "teargas*", "broke up", "intervened", "water cannon*", "baton*", "lathi",
                     "rubber bullets", "arrested/detained ~3 protesters/demonstrators/activists/students"],
    "force": ["opened fire on/at ~1 protesters/demonstrators/crowd", "live ammunition/rounds/bullets",
              "excessive force", "brutal*", "killed ~3 protesters/demonstrators",
              "protesters/demonstrators ~1 killed/shot/injured/wounded/beaten", "crackdown", "cracked down",
              "beat* ~2 protesters/demonstrators"],
    "riot": ["riot*", "stone pelt*", "stonepelt*", "threw/hurled/pelted ~2 stones/rocks/bricks", "stones",
             "petrol bomb*", "molotov*", "torch*", "vandalis*", "vandaliz*", "clashed with ~1 police", "set on fire",
             "set fire", "burn*/burnt ~2 tyres/tires/vehicles/cars", "violent*", "unrest", "ransack*", "angry"],
    "mob": ["mob/mobs", "lynch*", "angry crowd/mob/villagers/residents", "vigilante*", "communal", "machete*",
            "beaten to death", "mob justice", "villagers", "residents", "sticks", "clubs", "crowd"],
    "agreement": ["agree*", "ceasefire*", "cease fire", "peace deal/accord/agreement/talks/treaty",
                  "sign/signed/signs/signing", "accord/accords", "truce", "treaty/treaties", "deal", "memorandum",
                  "prisoner/prisoners swap/exchange", "releas*", "reconcil*", "negotiat*", "pact"],
    "arrest": ["arrest*", "detain*", "custody", "apprehend*", "nabbed", "rounded up", "held", "jail*", "imprison*",
               "detention", "charged", "police"],
    "change": ["defect*", "withdr*", "pull/pulled/pulls/pulling out/back", "relocat*", "merg*", "disband*",
               "redeploy*", "new leader/commander", "renam*", "split", "surrender*", "joined/joins",
               "pledg* allegiance", "recruit*", "dissolv*", "suspend*", "announced", "curfew", "lockdown"],
    "disrupted": ["defus*", "intercept*",
                  "seized/recovered/found/discovered/confiscated/uncovered ~4 weapons/arms/explosives/ammunition/"
                  "rockets/grenades/bomb/bombs/rifles/guns/device/devices/mines",
                  "cache/caches", "foil*", "thwart*", "bomb disposal/squad", "dismantl*", "shot down",
                  "tunnel/tunnels", "search operation", "ammunition", "firearms", "seized", "discovered", "recovered"],
    "hq": ["headquarter*",
           "established/set/opened/built/setting/establish* ~3 base/bases/outpost/outposts/camp/camps/checkpoint/"
           "checkpoints/position/positions/post/posts/office",
           "base/bases", "outpost*", "military camp", "stationed", "deploy*"],
    "property": ["loot*", "torch*", "set on fire", "set fire", "set ablaze", "burned/burnt/burn down", "vandalis*",
                 "vandaliz*", "destroy*", "demolish*", "ransack*", "arson*", "razed/razing", "bulldoz*", "damag*",
                 "houses", "homes", "property", "shops"],
    "transfer": ["hand/handed/hands/handing over", "handover", "transfer*", "without ~1 fight/fighting/resistance/shot",
                 "peaceful*", "took over", "control of", "deployed to/in/into", "entered"],
    "crime": ["drug/drugs", "smuggl*", "traffick*", "cartel*", "gang/gangs", "robb*", "counterfeit*", "cocaine",
              "heroin", "narcotic*", "marijuana", "cannabis", "money laundering", "fraud*", "theft", "thieves",
              "thief", "stole", "stolen", "mafia", "contraband", "extort*", "burglar*", "criminal*", "crime",
              "illegal*", "methamphetamine", "meth", "bandit*", "dealer/dealers"],
    "natural": ["earthquake*", "quake/quakes", "tremor*", "flood*", "cyclone*", "hurricane*", "typhoon*",
                "storm/storms", "landslide*", "mudslide*", "tsunami*", "drought*", "wildfire*", "wild fire*",
                "bushfire*", "bush fire*", "forest fire*", "volcan*", "eruption*", "heavy/torrential rain/rains",
                "rainfall", "magnitude", "covid*", "coronavirus", "pandemic", "virus", "outbreak*", "epidemic",
                "cholera", "ebola", "locust*", "heatwave*", "heat wave*", "avalanche*", "tornado*", "infect*",
                "cases", "disease", "lightning", "weather", "snow*", "richter"],
    "manmade": ["fire broke out", "blaze", "fire/fires", "factory", "plant", "gas leak*", "leak*", "collaps*",
                "derail*", "crash*", "capsiz*", "boat/boats", "ferry", "accident*", "oil spill*", "spill*", "stampede",
                "mine collapse/accident/disaster", "firefighter*", "fire fighter*", "short circuit", "cylinder",
                "burst", "sank", "sunk", "sinking", "building", "warehouse", "train", "bus", "truck", "road",
                "flames", "smoke", "blast at", "industrial", "pipeline", "dam"],
    "diplo": ["diplomat*", "ambassador*", "embassy", "embassies", "sanction*", "summon*", "envoy*", "recall*",
              "summit*", "bilateral", "foreign minist*", "consulate*", "persona non grata", "expel*", "talks",
              "visit*", "meeting", "met", "ties", "relations", "secretary of state", "retaliat*", "president",
              "minister"],
    "attrib": ["claim* responsibility", "took/takes/claimed credit", "claim*", "blam*", "responsib*", "accus*",
               "behind the attack/attacks/bombing/bombings/blast/blasts/strike/strikes", "attribut*", "denied",
               "involvement", "allegation*", "perpetrat*", "statement"],
}


def read_case(path: Path) -> tuple[list[str], list[str]]:
    """Texts and their single labels."""
    texts, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            texts.append(doc["text"])
            labels.append(doc["event_types"][0])
    return texts, labels


def fit_block(texts: Sequence[str], kind: str, ngrams: tuple[int, int], min_df: int) -> dict[str, Any]:
    """Vocabulary (sorted terms in at least ``min_df`` texts) and smooth idf of one block."""
    df: Counter[str] = Counter()
    for text in texts:
        terms = word_terms(tokens(text), ngrams) if kind == "word" else char_terms(text, ngrams)
        df.update(terms.keys())
    vocab = sorted(t for t, n in df.items() if n >= min_df)
    n = len(texts)
    idf = [round(math.log((1 + n) / (1 + df[t])) + 1, 4) for t in vocab]
    return {"ngrams": list(ngrams), "vocabulary": vocab, "idf": idf}


def feature_spec(texts: Sequence[str], config: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {"sublinear_tf": True, "norm": "l2 per n-gram block"}
    if config["word"]:
        spec["word"] = fit_block(texts, "word", (1, 2), config["min_df"])
    if config["char"]:
        spec["char"] = fit_block(texts, "char", (3, 5), config["min_df"])
    if config["cue_weight"] > 0:
        spec["cues"] = {"weight": config["cue_weight"], "groups": CUE_GROUPS}
    return spec


def matrix(featurizer: Featurizer, texts: Sequence[str]) -> sp.csr_matrix:
    rows, cols, vals = featurizer.transform(texts)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), featurizer.size))


def train(texts: Sequence[str], labels: Sequence[str], config: dict[str, Any]) -> dict[str, Any]:
    """A model spec (the JSON that AcledClassifier reads) trained on ``texts``."""
    features = feature_spec(texts, config)
    featurizer = Featurizer(features)
    svm = LinearSVC(C=config["C"], class_weight="balanced", random_state=0, max_iter=10000)
    svm.fit(matrix(featurizer, texts), np.asarray(labels))
    coef = svm.coef_.T  # features x labels
    scale = float(np.abs(coef).max()) / config["quant"]
    quantised = np.rint(coef / scale).astype(int)
    rows = [[j, *quantised[j].tolist()] for j in range(coef.shape[0]) if quantised[j].any()]
    return {
        "format": FORMAT,
        "language": "en",
        "labels": [str(c) for c in svm.classes_],
        "features": features,
        "coef": {"scale": scale, "rows": rows},
        "intercept": [round(float(b), 5) for b in svm.intercept_],
        "temperature": 1.0,
    }


def prune_vocabulary(spec: dict[str, Any]) -> dict[str, Any]:
    """Drop n-gram terms whose weight row is all zero (renumbering the columns)."""
    features = spec["features"]
    kept_rows = {row[0]: row for row in spec["coef"]["rows"]}
    new_rows, offset, new_offset = [], 0, 0
    for name in ("word", "char"):
        block = features.get(name)
        if not block:
            continue
        keep = [i for i in range(len(block["vocabulary"])) if offset + i in kept_rows]
        for k, i in enumerate(keep):
            new_rows.append([new_offset + k, *kept_rows[offset + i][1:]])
        offset += len(block["vocabulary"])
        block["vocabulary"] = [block["vocabulary"][i] for i in keep]
        block["idf"] = [block["idf"][i] for i in keep]
        new_offset += len(keep)
    for j, row in sorted(kept_rows.items()):
        if j >= offset:  # cue columns keep their order after the n-gram blocks
            new_rows.append([new_offset + j - offset, *row[1:]])
    spec["coef"]["rows"] = new_rows
    return spec


def cross_validate(
    texts: Sequence[str], labels: Sequence[str], config: dict[str, Any], k: int, seeds: Sequence[int] = SEEDS,
    verbose: bool = False,
) -> tuple[list[float], list[np.ndarray], list[int]]:
    """Weighted F1 of every fold (stratified k-fold per seed); out-of-fold scores of the
    first seed (for the temperature) with their gold label indices."""
    y = np.asarray(labels)
    scores: list[float] = []
    oof: list[np.ndarray] = []
    gold: list[int] = []
    for seed in seeds:
        folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        for fold, (tr, te) in enumerate(folds.split(np.zeros(len(y)), y)):
            model = AcledClassifier(prune_vocabulary(train([texts[i] for i in tr], y[tr].tolist(), config)))
            pairs = []
            for i in te:
                s = model.scores(texts[i])
                pairs.append(([labels[i]], [model.labels[int(np.argmax(s))]]))
                if seed == seeds[0] and labels[i] in model.labels:
                    oof.append(s)
                    gold.append(model.labels.index(labels[i]))
            f1, _ = weighted_label_f1(pairs)
            scores.append(f1)
            if verbose:
                print(f"  k={k} seed={seed} fold={fold}: weighted F1 {f1:.3f} (n={len(te)})")
    return scores, oof, gold


def fit_temperature(oof: list[np.ndarray], gold: list[int]) -> float:
    """The softmax temperature with the least log loss on out-of-fold scores (grid search)."""
    s = np.vstack(oof)
    g = np.asarray(gold)
    best, best_t = math.inf, 1.0
    for t in np.exp(np.linspace(math.log(0.5), math.log(50), 200)):
        z = s * t
        z = z - z.max(axis=1, keepdims=True)
        loss = float(-(z[np.arange(len(g)), g] - np.log(np.exp(z).sum(axis=1))).mean())
        if loss < best:
            best, best_t = loss, float(t)
    return round(best_t, 3)


def summary(scores: Sequence[float]) -> str:
    return f"{statistics.mean(scores):.3f} ± {statistics.stdev(scores):.3f}"


DEFAULT = {"word": True, "char": False, "cue_weight": 0.35, "min_df": 2, "C": 0.5, "quant": 999}

ABLATIONS: dict[str, dict[str, Any]] = {
    "word only (no cues)": {"cue_weight": 0.0},
    "word+char (no cues)": {"char": True, "cue_weight": 0.0},
    "cues only": {"word": False},
    "char+cues": {"word": False, "char": True},
    "word+char+cues": {"char": True},
    "shipped: word+cues": {},
    "  min_df 1": {"min_df": 1},
    "  cue weight 0.2": {"cue_weight": 0.2},
    "  cue weight 0.5": {"cue_weight": 0.5},
    "  C 0.2": {"C": 0.2},
    "  C 1": {"C": 1.0},
    "  unquantised (float32-ish, quant 10^6)": {"quant": 1_000_000},
}


GRID = [{"min_df": m, "cue_weight": w, "C": c} for m in (1, 2) for w in (0.2, 0.35, 0.5) for c in (0.2, 0.5, 1.0)]


def nested_cv(texts: Sequence[str], labels: Sequence[str], k: int, seeds: Sequence[int] = SEEDS) -> list[float]:
    """Outer stratified k-fold; inside each outer training part, 3-fold CV (seed 0) picks
    min_df, cue weight and C from GRID; the outer fold scores that choice. An estimate free
    of the hyper-parameter selection (not of the cue lists, which were written by hand)."""
    y = np.asarray(labels)
    scores = []
    for seed in seeds:
        folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
        for fold, (tr, te) in enumerate(folds.split(np.zeros(len(y)), y)):
            inner_texts, inner_labels = [texts[i] for i in tr], y[tr].tolist()
            best = max(GRID, key=lambda g: statistics.mean(
                cross_validate(inner_texts, inner_labels, {**DEFAULT, **g}, 3, seeds=(0,))[0]))
            model = AcledClassifier(prune_vocabulary(train(inner_texts, inner_labels, {**DEFAULT, **best})))
            f1, _ = weighted_label_f1([([labels[i]], [model.label(texts[i])]) for i in te])
            scores.append(f1)
            print(f"  nested k={k} seed={seed} fold={fold}: {f1:.3f} with {best}", flush=True)
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=CASE)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--ablate", action="store_true", help="print the feature ablation table (CV only)")
    ap.add_argument("--no-write", action="store_true", help="cross-validate only")
    ap.add_argument("--nested", action="store_true", help="nested CV over the hyper-parameter grid (CV only)")
    args = ap.parse_args(argv)
    texts, labels = read_case(args.data)
    print(f"{len(texts)} snippets, {len(set(labels))} labels from {args.data.name}")

    if args.nested:
        for k in (5, 3):
            scores = nested_cv(texts, labels, k)
            print(f"nested {k}-fold weighted F1: {summary(scores)}", flush=True)
        return 0

    if args.ablate:
        print(f"{'features':42} {'5-fold':>14} {'3-fold':>14}   (mean ± sd over 3 seeds x k folds)")
        for name, change in ABLATIONS.items():
            config = {**DEFAULT, **change}
            five, _, _ = cross_validate(texts, labels, config, 5)
            three, _, _ = cross_validate(texts, labels, config, 3)
            print(f"{name:42} {summary(five):>14} {summary(three):>14}", flush=True)
        return 0

    config = dict(DEFAULT)
    cv: dict[str, Any] = {}
    temperature = 1.0
    for k in (5, 3):
        scores, oof, gold = cross_validate(texts, labels, config, k, verbose=True)
        print(f"{k}-fold weighted F1: {summary(scores)} (mean ± sd over {len(scores)} folds, seeds {SEEDS})")
        cv[f"{k}-fold"] = {"mean": round(statistics.mean(scores), 4), "sd": round(statistics.stdev(scores), 4),
                           "folds": [round(s, 4) for s in scores]}
        if k == 5:
            temperature = fit_temperature(oof, gold)
            print(f"softmax temperature (5-fold out-of-fold log loss, seed {SEEDS[0]}): {temperature}")
    if args.no_write:
        return 0

    start = time.perf_counter()
    spec = prune_vocabulary(train(texts, labels, config))
    spec["temperature"] = temperature
    spec["training"] = {
        "data": "CASE 2021 task 2 test-set snippets (dev 30%: ../shared/eval/dev/events-en-case2021-dev.gold.jsonl);"
                " no licence stated by the source repository",
        "snippets": len(texts),
        "config": config,
        "cross_validation": cv,
        "learner": f"sklearn {sklearn.__version__} LinearSVC(C={config['C']}, class_weight=balanced)",
        "command": "python scripts/train_acled.py",
    }
    args.out.write_text(json.dumps(spec, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    model = AcledClassifier.from_file(args.out)
    n_word = len(spec["features"].get("word", {}).get("vocabulary", []))
    n_char = len(spec["features"].get("char", {}).get("vocabulary", []))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB; {n_word} word and {n_char} char terms, "
          f"{len(CUE_GROUPS)} cue groups, {len(model.labels)} labels) in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    for text in texts:
        model.predict(text)
    rate = len(texts) / (time.perf_counter() - start)
    print(f"speed: {rate:.0f} snippets/s on one core (predict, all labels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
