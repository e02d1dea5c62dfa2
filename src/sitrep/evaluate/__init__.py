"""sitrep.evaluate: gold reader and scorers for ../shared/eval/SCHEMA.md.

Independent of the pipeline: ``gold.load_gold`` reads a gold file, ``scorers.score``
compares gold documents with system documents of the same shape, ``report`` renders
the result as a table or a flat JSON object. The helpers live in ``align`` (text
normalisation, placing items on the text, one-to-one matching), ``entities``,
``timex``, ``places``, ``events``, ``quotes`` and ``clusters``.
"""
