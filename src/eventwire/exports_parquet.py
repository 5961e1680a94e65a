"""The csv columns as Parquet with fixed column types, written one row group at a time (bounded memory).

    ParquetRows(path or binary file).write(rows) ... .close() -> rows written
    write_parquet_records(records, path) -> rows written      records: dicts holding the csv columns
    parquet_chunks(records) -> Iterator[bytes]                 the file's bytes, one row group at a time (HTTP)

Each takes the export's ``provenance`` (provenance.export_provenance; or a function that gives it once the rows
are written): it goes in the file's key-value metadata under ``eventwire:provenance``, as JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .exports import CSV_COLUMNS

Provenance = dict[str, Any] | Callable[[], dict[str, Any] | None] | None
PROVENANCE_KEY = "eventwire:provenance"

_PARQUET_INTS = ("place_geonameid", "fatalities", "killed", "injured", "abducted", "released", "trigger_start",
                 "trigger_end", "evidence_start", "evidence_end")
_PARQUET_FLOATS = ("place_lat", "place_lon", "confidence")


def parquet_schema() -> Any:
    """The csv columns with fixed types, so every row group of a streamed file has the same schema."""
    import pyarrow as pa

    def kind(name: str) -> Any:
        if name in _PARQUET_INTS:
            return pa.int64()
        if name in _PARQUET_FLOATS:
            return pa.float64()
        return pa.bool_() if name == "main" else pa.string()

    return pa.schema([(name, kind(name)) for name in CSV_COLUMNS])


def _column(values: list[Any], kind: Any) -> Any:
    import pyarrow as pa

    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a field a stage filled with another type: cast it
        cast = bool if pa.types.is_boolean(kind) else int if pa.types.is_integer(kind) else \
            float if pa.types.is_floating(kind) else str
        return pa.array([None if v is None else cast(v) for v in values], type=kind)


class ParquetRows:
    """The csv columns as Parquet, one row group per ``write(rows)`` call (rows: dicts holding the csv
    columns), to a path or a binary file object; memory holds one row group."""

    def __init__(self, sink: Any, provenance: Provenance = None) -> None:
        import pyarrow.parquet as pq

        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(sink, self.schema)
        self.provenance = provenance
        self.rows = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        if not rows:
            return
        arrays = [_column([row[f.name] for row in rows], f.type) for f in self.schema]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows += len(rows)

    def write_stored(self, rows: list[tuple[list[Any], Any]]) -> None:
        """``write`` for records as the store keeps them, (STORED_FIELDS values, canonical_id) pairs: the same row
        group, its columns taken from the values as they are (no record made of each)."""
        import pyarrow as pa

        if not rows:
            return
        width = len(CSV_COLUMNS) - 1  # the stored values start with the csv columns less canonical_id
        padding = [None] * width
        table = [v[:width] if len(v) >= width else [*v, *padding[len(v):]] for v, _ in rows]
        columns = [*zip(*table, strict=True), [cid for _, cid in rows]]
        arrays = [_column(list(values), f.type) for values, f in zip(columns, self.schema, strict=True)]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows += len(rows)

    def close(self) -> int:
        found = self.provenance() if callable(self.provenance) else self.provenance
        if found is not None:
            self.writer.add_key_value_metadata({PROVENANCE_KEY: json.dumps(found, ensure_ascii=False, sort_keys=True)})
        self.writer.close()
        return self.rows


PARQUET_ROW_GROUP = 10_000


def _groups(records: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet_records(records: Iterable[Any], sink: Any, group: int = PARQUET_ROW_GROUP,
                          provenance: Provenance = None, stored: bool = False) -> int:
    """The csv columns of ``records`` as a Parquet file (a path or a binary file object), ``group`` rows per row
    group as they come; returns the row count. ``stored``: see parquet_chunks."""
    out = ParquetRows(sink, provenance)
    for batch in _groups(records, group):
        if stored:
            out.write_stored(batch)
        else:
            out.write(batch)
    return out.close()


class _Chunks:
    """A write-only binary sink that hands what was written on to a generator."""

    closed = False

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def parquet_chunks(records: Iterable[Any], group: int = PARQUET_ROW_GROUP,
                   provenance: Provenance = None, stored: bool = False) -> Iterator[bytes]:
    """The bytes of the Parquet file of ``records``, one row group at a time (then the footer): a download that
    holds one row group in memory, however many rows. ``stored``: the records are (values, canonical_id) pairs as
    the store keeps them (ParquetRows.write_stored)."""
    sink = _Chunks()
    out = ParquetRows(sink, provenance)
    for batch in _groups(records, group):
        if stored:
            out.write_stored(batch)
        else:
            out.write(batch)
        yield sink.take()
    out.close()
    yield sink.take()
