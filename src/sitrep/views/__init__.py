"""sitrep.views."""
