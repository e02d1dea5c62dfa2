"""Places: a gazetteer built from installed packages and a context-aware resolver."""

from sitrep.geo.gazetteer import Gazetteer, GeoRecord
from sitrep.geo.resolver import PlaceResolver
from sitrep.geo.toponyms import find_toponyms

__all__ = ["Gazetteer", "GeoRecord", "PlaceResolver", "find_toponyms"]
