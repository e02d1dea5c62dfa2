"""``sitrep serve``: the explorer, a read-only web application over the store."""
