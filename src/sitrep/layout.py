"""One record layout: tables, rows and objects derived from the model's dataclasses.

Every record type is declared once, as a dataclass (:mod:`sitrep.model` for what one
article says, :mod:`sitrep.store.records` for what the corpus stage derives). From it
come, here, the table columns (:func:`columns`), the row of an object (:func:`to_row`)
and the object of a row (:func:`from_row`); the exports' plain columns and the sections
of long documents (:func:`spans`, :func:`references`) walk the same fields. The rules:

* a scalar field (``int``, ``float``, ``str``, ``bool``, a ``Literal``, their ``| None``)
  is a column of that name; ``None`` allowed makes it nullable;
* a nested dataclass (an event's ``trigger`` Span, a quote's ``speaker`` Argument) is
  flattened into columns with its field name as prefix (``trigger_start``), nullable when
  the field may be ``None``;
* a list field (an event's ``actors``, its ``casualties``) is a child table of its own,
  declared where the parent is;
* a field whose metadata says ``{"ref": "mentions"}`` holds an index into the article's
  list of that name: a foreign key in the store, renumbered when sections are merged;
  ``{"json": True}`` stores a list or dict as JSON text.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from sqlalchemy import Boolean, Column, Float, Integer, Text

_SQL = {int: Integer, float: Float, str: Text, bool: Boolean}


@dataclasses.dataclass(frozen=True)
class FieldSpec:
    """How one dataclass field is stored."""

    name: str  # the column name, prefix included
    kind: str  # "scalar", "nested", "list" or "json"
    python: type | None  # the scalar type (int, float, str, bool)
    nullable: bool
    nested: type | None = None  # the dataclass of a nested field
    ref: str | None = None  # the article list an index field points into


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """(the type without None, whether None is allowed)."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        return (args[0] if len(args) == 1 else hint), len(args) < len(get_args(hint))
    return hint, False


def _scalar(hint: Any) -> type | None:
    if hint in _SQL:
        return hint
    if get_origin(hint) is Literal:
        return type(get_args(hint)[0])
    return None


@cache
def specs(cls: type, prefix: str = "", nullable: bool = False) -> tuple[FieldSpec, ...]:
    """The stored fields of a dataclass, nested dataclasses flattened with a prefix."""
    hints = typing.get_type_hints(cls)
    out: list[FieldSpec] = []
    for f in dataclasses.fields(cls):
        hint, optional = _unwrap(hints[f.name])
        name = f"{prefix}{f.name}"
        if f.metadata.get("json"):
            out.append(FieldSpec(name, "json", None, True))
        elif dataclasses.is_dataclass(hint):
            out.append(FieldSpec(name, "nested", None, optional or nullable, nested=hint))
            out.extend(specs(hint, f"{name}_", optional or nullable))
        elif get_origin(hint) is list:
            out.append(FieldSpec(name, "list", None, True))
        else:
            python = _scalar(hint)
            if python is None:
                raise TypeError(f"{cls.__name__}.{f.name}: no column type for {hint!r}")
            out.append(FieldSpec(name, "scalar", python, optional or nullable, ref=f.metadata.get("ref")))
    return tuple(out)


def columns(cls: type, prefix: str = "", *, skip: tuple[str, ...] = (), nullable: bool = False) -> list[Column]:
    """SQLAlchemy columns for the scalar and JSON fields of ``cls`` (lists are child tables)."""
    out = []
    for spec in specs(cls, prefix, nullable):
        if spec.name in skip or spec.kind in ("nested", "list"):
            continue
        sql = Text if spec.kind == "json" else _SQL[spec.python]
        out.append(Column(spec.name, sql, nullable=spec.nullable))
    return out


def to_row(obj: Any, prefix: str = "", *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row of an object (nested objects flattened, lists left to their child tables)."""
    row: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        name = f"{prefix}{f.name}"
        if name in skip:
            continue
        value = getattr(obj, f.name)
        if f.metadata.get("json"):
            row[name] = json.dumps(value, ensure_ascii=False)
        elif dataclasses.is_dataclass(value):
            row.update(to_row(value, f"{name}_"))
        elif isinstance(value, list):
            continue
        elif value is None and any(s.name == name and s.kind == "nested" for s in specs(type(obj), prefix)):
            nested = next(s.nested for s in specs(type(obj), prefix) if s.name == name)
            row.update(dict.fromkeys((s.name for s in specs(nested, f"{name}_") if s.kind == "scalar"), None))
        else:
            row[name] = value
    return row


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[dataclasses.Field, Any, bool], ...]:
    """Each field of a dataclass with its unwrapped type hint and whether it is optional
    (worked out once per class: resolving hints is slow, and rows are many)."""
    hints = typing.get_type_hints(cls)
    return tuple((f, *_unwrap(hints[f.name])) for f in dataclasses.fields(cls))


def from_row(cls: type, row: Mapping[str, Any], prefix: str = "", **given: Any) -> Any:
    """The object of a row; ``given`` supplies fields the row does not hold (child lists)."""
    kwargs: dict[str, Any] = {}
    for f, hint, optional in _field_hints(cls):
        if f.name in given:
            kwargs[f.name] = given[f.name]
            continue
        name = f"{prefix}{f.name}"
        if f.metadata.get("json"):
            raw = row.get(name)
            kwargs[f.name] = json.loads(raw) if raw else type(f.default_factory())()  # type: ignore[misc]
        elif dataclasses.is_dataclass(hint):
            first = specs(hint, f"{name}_")[0].name
            kwargs[f.name] = None if optional and row.get(first) is None else from_row(hint, row, f"{name}_")
        elif get_origin(hint) is list:
            continue  # the caller gives child lists; the default is empty
        elif name in row:
            value = row[name]
            kwargs[f.name] = bool(value) if hint is bool and value is not None else value
    return cls(**kwargs)


def spans(obj: Any) -> Iterator[Any]:
    """Every object of a Span-like class (with ``start``/``end`` offsets) inside ``obj``,
    itself included, through nested fields and lists."""
    if not dataclasses.is_dataclass(obj):
        return
    names = {f.name for f in dataclasses.fields(obj)}
    if {"start", "end"} <= names:
        yield obj
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from spans(value)
        elif isinstance(value, list):
            for item in value:
                yield from spans(item)


def references(obj: Any) -> Iterator[tuple[Any, str, str]]:
    """(owner, field name, article list) of every index field inside ``obj``."""
    if not dataclasses.is_dataclass(obj):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.metadata.get("ref"):
            yield obj, f.name, f.metadata["ref"]
        elif dataclasses.is_dataclass(value):
            yield from references(value)
        elif isinstance(value, list):
            for item in value:
                yield from references(item)
