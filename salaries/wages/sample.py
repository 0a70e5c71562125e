"""Write a small OEWS release file cut from a real one: some occupations at some areas, every table the
importer reads, and a manifest whose SHA-256 is the new database's. No Django.

    python -m salaries.wages.sample SOURCE OUTPUT_DIR --occupation 15-1232 [--area 4800000 ...]

The test data (tests/salaries/data/oews-sample/) and the catalog's wages (fixtures/oews/) are made with it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sqlite3
import tempfile
from pathlib import Path

from salaries.wages.source import CROSS_INDUSTRY, open_release, sha256_of

COPIED_TABLES = ["occupation", "footnote", "meta", "datatype"]
DATABASE_FILE = "oews-sample.sqlite.gz"


def write_sample(source: str | Path, output: str | Path, occupations: list[str], areas: list[str] | None) -> Path:
    """Cut ``occupations`` (SOC codes) at ``areas`` (BLS area codes; None: every area) out of ``source``."""
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    wanted = [code.replace("-", "") for code in occupations]
    with open_release(source) as release, tempfile.TemporaryDirectory() as workdir:
        database = Path(workdir) / "sample.sqlite"
        target = sqlite3.connect(database)
        origin = release.connection
        for (sql,) in origin.execute("SELECT sql FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            target.execute(sql)
        for table in COPIED_TABLES:
            rows = origin.execute(f"SELECT * FROM {table}").fetchall()  # noqa: S608 (names from COPIED_TABLES)
            if rows:
                target.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)  # noqa: S608
        area_rows = [
            row for row in origin.execute("SELECT * FROM area ORDER BY area_code") if areas is None or row[0] in areas
        ]
        target.executemany("INSERT INTO area VALUES (?, ?, ?, ?)", area_rows)
        codes = {row[0] for row in area_rows}
        cells = [
            row
            for row in origin.execute("SELECT * FROM cell WHERE substr(key, 12, 6) = ? ORDER BY key", (CROSS_INDUSTRY,))
            if row[0][4:11] in codes and row[0][17:23] in wanted
        ]
        target.executemany(f"INSERT INTO cell VALUES ({', '.join('?' * len(cells[0]))})", cells)  # noqa: S608
        target.commit()
        target.execute("VACUUM")
        target.close()
        manifest = dict(release.manifest)
        manifest.update(
            file=DATABASE_FILE,
            database_sha256=sha256_of(database),
            database_bytes=database.stat().st_size,
            counts={"areas": len(area_rows), "cells": len(cells), "occupations": len(wanted)},
            sample_of=release.manifest["file"],
        )
        manifest.pop("file_sha256", None)
        with database.open("rb") as raw, gzip.GzipFile(output / DATABASE_FILE, "wb", mtime=0) as packed:
            packed.write(raw.read())
    (output / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("output")
    parser.add_argument("--occupation", action="append", required=True, help="A SOC code; repeat for more.")
    parser.add_argument("--area", action="append", help="A BLS area code; repeat for more (default: every area).")
    args = parser.parse_args()
    print(write_sample(args.source, args.output, args.occupation, args.area))  # noqa: T201


if __name__ == "__main__":
    main()
