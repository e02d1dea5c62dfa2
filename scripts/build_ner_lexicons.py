"""Build the word lists that some NER models use as features (sitrep/ner/lexicons.py).

``src/sitrep/data/ner/given_names.txt``: given names of people in every locale that
Faker's person providers cover (faker 40.54.0, MIT licence, about 90 locales),
lower-cased, one per line. A capitalised word that is a known given name is a strong hint
of a person, whatever the language of the article and wherever the person is from.

Usage (deterministic for the same Faker version):

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python scripts/build_ner_lexicons.py

Retrain the models that use the list after rebuilding it (``scripts/train_ner.py``).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sitrep" / "data" / "ner"


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, list | tuple | set | frozenset):
        return []
    return [v for v in value if isinstance(v, str)]


def given_names() -> list[str]:
    """Every capitalised word of a given name in Faker's person providers, lower-cased."""
    try:
        import faker.providers.person as person
    except ImportError:
        sys.exit("faker is not installed: .venv/bin/pip install -e '.[train]'")
    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attr in dir(provider):
            if attr.startswith(("first_names", "first_romanized_names")):
                for name in _strings(getattr(provider, attr)):
                    names.update(w.lower() for w in name.split() if w[:1].isupper() and len(w) > 1)
    return sorted(names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    names = given_names()
    (args.out / "given_names.txt").write_text(
        "# Given names in every locale of Faker's person providers (faker 40.54.0, MIT licence),\n"
        "# lower-cased. Built by scripts/build_ner_lexicons.py; do not edit by hand.\n"
        + "".join(n + "\n" for n in names),
        encoding="utf-8",
    )
    print(f"given_names.txt: {len(names)} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
