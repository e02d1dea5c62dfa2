"""Places: a gazetteer built from installed packages and a context-aware resolver.

The built gazetteer (:mod:`sitrep.geo.build`) covers towns of 500+ people, countries and
divisions. ``sitrep geo import allCountries.zip alternateNamesV2.zip admin1CodesASCII.txt``
(:mod:`sitrep.geo.importer`) adds every record of the full GeoNames dumps (or of a country
file such as SY.zip) with its alternate names to a user gazetteer file beside it in the
cache dir; :meth:`Gazetteer.load` reads both, so later runs resolve to those records.
``sitrep geo info`` shows the cache location and record counts by source and kind.
"""

from sitrep.geo.gazetteer import Gazetteer, GeoRecord
from sitrep.geo.resolver import PlaceResolver
from sitrep.geo.toponyms import find_toponyms

__all__ = ["Gazetteer", "GeoRecord", "PlaceResolver", "find_toponyms"]
