"""Writing events: records (``exports.event_records``, or the store's) in each of FORMATS as they come.

    RecordWriter(fmt, out).write(record) / .write_stored(values, canonical_id) ... .finish()
    text_chunks(records, fmt) -> Iterator[str]        pieces of about 64 KB (HTTP downloads)
    write_events(results, fmt, out, err)              the events of reports, as they arrive
    csv_head(values) + csv_tail(canonical_id)         a stored record's csv line (the store's story_lines)
    write_parquet(reports, path)                      the csv columns as Parquet (exports_parquet.py)

A stored record (STORED_FIELDS values) is written without making a whole record of it where the format allows:
csv from its values (or its stored line), GeoJSON's properties are its csv values. Imported into ``exports``, so
``eventwire.exports.RecordWriter`` and the others stay where they were.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import re
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from .exports import (
    ACLED_COLUMNS,
    CSV_COLUMNS,
    FORMATS,
    STORED_FIELDS,
    acled_row,
    check_records,
    event_records,
    geojson_feature,
    plover_record,
    record_from_stored,
)
from .schema import ErrorReport, Report, dumps

# -- lines and pieces -----------------------------------------------------------------------------------

def error_line(report: ErrorReport) -> str:
    """``eventwire: <id>: <code>: <message>`` on one line."""
    message = " ".join(report.error.message.split())
    return f"eventwire: {report.id if report.id is not None else '-'}: {report.error.code}: {message}"


_CSV_VALUES = operator.itemgetter(*CSV_COLUMNS)
_CSV_STORED = len(CSV_COLUMNS) - 1  # a stored record's first values are the csv row less canonical_id


def csv_head(values: list[Any]) -> str:
    """A stored record's csv line up to its last field: the csv values less ``canonical_id``, each followed by its
    comma. The store keeps it (``story_lines``) so that a csv export writes a row without decoding the record:
    the row is this, then the canonical id (``csv_tail``) and the line end, the same bytes as ``write_stored``'s."""
    return _csv_line([*values[:_CSV_STORED], None])[:-1]  # None: an empty last field


def _csv_line(values: Iterable[Any]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()


CSV_HEADER = _csv_line(CSV_COLUMNS)  # the csv format's first line

_PLAIN = re.compile(r"[A-Za-z0-9_.:-]*")  # a field the csv module writes as it is (no quote, comma or line break)


def csv_tail(canonical_id: Any) -> str:
    """The last field of a csv line and its line end, as the csv module writes it."""
    if canonical_id is None:
        return "\n"
    if isinstance(canonical_id, str) and _PLAIN.fullmatch(canonical_id):
        return canonical_id + "\n"
    return _csv_line(["", canonical_id])[1:]  # less the empty first field's comma


def _dumps(data: Any) -> str:
    """schema.dumps(data), the same text: most records hold none of the line breaks it escapes beyond json.dumps,
    and looking for them (a text of ASCII alone cannot hold one) is far quicker than translating every character."""
    text = json.dumps(data, ensure_ascii=False)
    return dumps(data) if "\u2028" in text or "\u2029" in text or "\x85" in text else text


_LAT, _LON = STORED_FIELDS.index("place_lat"), STORED_FIELDS.index("place_lon")
_DOC, _EVENT = STORED_FIELDS.index("doc_id"), STORED_FIELDS.index("event_id")
_CSV_NONE = [None] * len(CSV_COLUMNS)


def _stored_feature(values: list[Any], canonical_id: Any) -> dict[str, Any] | None:
    """geojson_feature of a stored record, made from its values without the whole record (the same dict)."""
    lat, lon = (values[_LAT], values[_LON]) if len(values) > _LON else (None, None)
    if lat is None or lon is None:
        return None
    row = values[:_CSV_STORED] if len(values) >= _CSV_STORED else values + _CSV_NONE[len(values):_CSV_STORED]
    properties = dict(zip(CSV_COLUMNS[:_CSV_STORED], row, strict=True))
    properties["canonical_id"] = canonical_id
    return {"type": "Feature", "id": f"{values[_DOC]}:{values[_EVENT]}",
            "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


class RecordWriter:
    """Writes records (``event_records``, or the store's) in one of FORMATS to ``out`` as they come:
    ``write(record)`` each, then ``finish()`` (GeoJSON's closing lines; returns the events it left out
    for want of coordinates). CSV: one header line, even with no events; UTF-8, LF line ends, fields
    quoted as needed. GeoJSON: one FeatureCollection, one feature per line, with the number of events
    left out in the foreign member ``eventwire:skipped`` and, when given, the export's provenance in
    ``eventwire:provenance`` (provenance.export_provenance)."""

    def __init__(self, fmt: str, out: TextIO, provenance: dict[str, Any] | None = None) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown event format {fmt!r}; expected one of {', '.join(FORMATS)}")
        self.fmt, self.out = fmt, out
        self.provenance = provenance  # GeoJSON: the foreign member "eventwire:provenance" (provenance.py)
        self.written = self.skipped = 0
        self._csv = csv.writer(out, lineterminator="\n") if fmt in ("csv", "acled-csv") else None
        if self._csv is not None:
            self._csv.writerow(CSV_COLUMNS if fmt == "csv" else ACLED_COLUMNS)
        elif fmt == "geojson":
            out.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, rec: dict[str, Any]) -> None:
        # the csv module writes None as an empty field
        if self.fmt == "csv":
            self._csv.writerow(_CSV_VALUES(rec))  # type: ignore[union-attr]
        elif self.fmt == "acled-csv":
            row = acled_row(rec)
            if row is not None:
                self._csv.writerow(row.values())  # type: ignore[union-attr]
        elif self.fmt == "plover-json":
            self.out.write(_dumps(plover_record(rec)) + "\n")
        else:
            feature = geojson_feature(rec)
            if feature is None:
                self.skipped += 1
                return
            self.out.write((",\n" if self.written else "") + _dumps(feature))
            self.written += 1

    def write_stored(self, values: list[Any], canonical_id: Any) -> None:
        """A record as the store keeps it (STORED_FIELDS values); csv is written straight from them."""
        if self.fmt == "csv":
            row = values[:_CSV_STORED]
            row.append(canonical_id)
            self._csv.writerow(row)  # type: ignore[union-attr]
        elif self.fmt == "geojson":
            feature = _stored_feature(values, canonical_id)
            if feature is None:
                self.skipped += 1
                return
            self.out.write((",\n" if self.written else "") + _dumps(feature))
            self.written += 1
        else:
            self.write(record_from_stored(values, canonical_id))

    def finish(self) -> int:
        if self.fmt == "geojson":
            tail = f', "eventwire:provenance": {dumps(self.provenance)}' if self.provenance is not None else ""
            self.out.write(f'\n], "eventwire:skipped": {self.skipped}{tail}}}\n')
        return self.skipped


def write_events(results: Iterable[Report | ErrorReport], fmt: str, out: TextIO, err: TextIO,
                 records: str = "story") -> tuple[int, int]:
    """Write the events of ``results`` to ``out`` in ``fmt`` (one of FORMATS), as the reports arrive:
    one record per story event, or per event mention with ``records="mention"`` (see RecordWriter).

    Error reports go to ``err``, one line each, as does the number of events GeoJSON left out for want
    of coordinates.  Returns (documents, failed documents).
    """
    writer = RecordWriter(fmt, out)
    check_records(records)
    out.flush()
    total = failed = 0
    made_by: dict[str, dict[str, Any]] = {}  # the extractions of the reports written (GeoJSON's provenance)
    for r in results:
        total += 1
        if isinstance(r, ErrorReport):
            failed += 1
            err.write(error_line(r) + "\n")
            err.flush()
            continue
        if r.provenance is not None:
            made_by.setdefault(r.provenance.extraction_id, r.provenance.model_dump(mode="json"))
        for rec in event_records(r, records):
            writer.write(rec)
        out.flush()
    if made_by:
        from .provenance import export_provenance

        writer.provenance = export_provenance(list(made_by.values()), fmt=fmt, records=records)
    skipped = writer.finish()
    out.flush()
    if skipped:
        err.write(f"eventwire: {skipped} events without coordinates left out of the GeoJSON\n")
    return total, failed


def text_chunks(records: Iterable[Any], fmt: str, size: int = 1 << 16, stored: bool = False,
                provenance: dict[str, Any] | None = None) -> Iterator[str]:
    """``records`` written in ``fmt`` (one of FORMATS), as pieces of about ``size`` characters: a download that
    holds one piece in memory, however many records. ``stored``: the records are (values, canonical_id) pairs
    as the store keeps them (see RecordWriter.write_stored). ``provenance``: GeoJSON's, see RecordWriter."""
    buf = io.StringIO()
    writer = RecordWriter(fmt, buf, provenance)
    for rec in records:
        if stored:
            writer.write_stored(*rec)
        else:
            writer.write(rec)
        if buf.tell() >= size:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    writer.finish()
    yield buf.getvalue()


# -- Parquet (the writer: exports_parquet.py) ---------------------------------------------------

def write_parquet(reports: Iterable[Report], path: str, records: str = "story") -> int:
    """The csv format's rows (CSV_COLUMNS, one per story event or event mention) as a Parquet file, written
    by row groups as the reports arrive; returns the row count."""
    from .exports_parquet import write_parquet_records
    from .provenance import export_provenance

    check_records(records)
    made_by: dict[str, dict[str, Any]] = {}

    def rows() -> Iterator[dict[str, Any]]:
        for r in reports:
            if r.provenance is not None:
                made_by.setdefault(r.provenance.extraction_id, r.provenance.model_dump(mode="json"))
            yield from event_records(r, records)

    # the key-value metadata goes in the footer: the reports' extractions are known once all are written
    return write_parquet_records(rows(), path, provenance=lambda: export_provenance(
        list(made_by.values()), fmt="parquet", records=records) if made_by else None)
