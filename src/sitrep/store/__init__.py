"""sitrep.store: the knowledge base on disk (SQLite by default, PostgreSQL by URL).

Usage: ``with Store.open("sitrep.db") as store: store.save_analysis(analysis)``.
"""

from sitrep.store.records import Alias, EntityAssignment, EntityRecord
from sitrep.store.store import Store

__all__ = ["Alias", "EntityAssignment", "EntityRecord", "Store"]
