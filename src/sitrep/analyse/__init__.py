"""sitrep.analyse."""
