"""Hostile documents: truncated, binary, huge, malformed. Each is a clear error, and nothing changes.

Two ways in: ``build_fixtures`` (the fixture file must keep its bytes) and the admin's import
(the database must dump exactly as before).
"""

import io
import os
import random
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

SOURCES = sorted(Path(settings.SOURCES_DIR).iterdir())
GUIDE = next(p for p in SOURCES if p.read_text(encoding="utf-8").lstrip().startswith("Complete "))
GUIDE_BYTES = GUIDE.read_bytes()


def _cut_inside_a_character(data: bytes) -> bytes:
    """The document up to the middle of its first multi-byte character (a download cut short)."""
    start = next(i for i, byte in enumerate(data) if byte >= 0xC0)
    return data[: start + 1]


def _random_bytes(size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(size))


# name -> (document bytes, words the error must contain besides the file name)
HOSTILE_DOCUMENTS = {
    "truncated_after_the_title.txt": (GUIDE_BYTES[: len(GUIDE_BYTES) // 50], ["missing"]),
    "truncated_inside_a_character.txt": (_cut_inside_a_character(GUIDE_BYTES), ["UTF-8", "line"]),
    "binary_with_nul.bin": (_random_bytes(4096, seed=1), ["binary"]),
    "png_image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _random_bytes(512, seed=2), ["binary"]),
    "latin1.txt": ("Complete Café Manager Career Guide\nKey Facts & Statistics\n".encode("latin-1"), ["UTF-8"]),
    "empty.txt": (b"", ["empty"]),
    "whitespace.txt": (b" \n\t\r\n" * 100, ["empty"]),
    "bom_only.txt": (b"\xef\xbb\xbf", ["empty"]),
    "unknown_format.txt": (b"Dear diary,\nToday I fixed a printer.\n", ["unknown format"]),
    "guide_title_only.txt": (b"Complete Dragon Tamer Career Guide\n", []),
    "markup.txt": (b"<html><script>alert(1)</script></html>\n" * 50, ["unknown format"]),
    "one_endless_line.txt": (b"Complete " + b"word " * 200_000, []),
}


@pytest.fixture
def output(tmp_path):
    path = tmp_path / "careerguide.json"
    path.write_bytes(b'[{"model": "roles.category", "fields": {"name": "Before", "slug": "before"}}]\n')
    return path


def dump_database() -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        exclude=["contenttypes", "auth.permission", "sessions", "axes"],
        natural_foreign=True,
        natural_primary=True,
        indent=1,
        stdout=out,
    )
    return out.getvalue()


def test_build_fixtures_refuses_each_hostile_document_and_writes_nothing(catalog, tmp_path, output):
    # One test over all documents: loading the catalog per document would dominate the run.
    before_file, before_db = output.read_bytes(), dump_database()
    for name, (data, words) in HOSTILE_DOCUMENTS.items():
        document = tmp_path / name
        document.write_bytes(data)
        # With a good document beside it: all are parsed before anything is written.
        with pytest.raises(CommandError) as error:
            call_command("build_fixtures", str(GUIDE), str(document), "--output", str(output), verbosity=0)
        message = str(error.value)
        assert name in message, message
        for word in words:
            assert word.lower() in message.lower(), f"{name}: {message}"
        assert output.read_bytes() == before_file, f"{name}: the fixture file changed"
        assert not [p for p in tmp_path.iterdir() if p.name.startswith(".careerguide-")], f"{name}: temporary file"
    assert dump_database() == before_db


def test_build_fixtures_refuses_a_50_megabyte_document(catalog, tmp_path, output):
    document = tmp_path / "huge.txt"
    with document.open("wb") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(GUIDE_BYTES)
    before_file, before_db = output.read_bytes(), dump_database()
    with pytest.raises(CommandError) as error:
        call_command("build_fixtures", str(document), "--output", str(output), verbosity=0)
    assert "huge.txt" in str(error.value)
    assert "bytes" in str(error.value)
    assert output.read_bytes() == before_file
    assert dump_database() == before_db


def test_build_fixtures_names_an_unreadable_file(tmp_path, output):
    if os.geteuid() == 0:
        document = tmp_path / "a_folder.txt"  # root reads everything: use a path that is not a file
        document.mkdir()
        (document / "inner.txt").write_bytes(b"")
    else:
        document = tmp_path / "locked.txt"
        document.write_bytes(GUIDE_BYTES)
        document.chmod(0)
    before = output.read_bytes()
    with pytest.raises(CommandError) as error:
        call_command("build_fixtures", str(document), "--output", str(output), verbosity=0)
    assert document.name in str(error.value) or "inner.txt" in str(error.value)
    assert output.read_bytes() == before


@pytest.fixture
def editor_client(client, django_user_model, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = django_user_model.objects.create_superuser("importer", "importer@example.com", "pw-for-test-only")
    client.force_login(user)
    return client


def test_admin_import_refuses_each_hostile_document_and_changes_nothing(catalog, editor_client):
    before = dump_database()
    for name, (data, words) in HOSTILE_DOCUMENTS.items():
        if not data:
            continue  # an empty upload is refused by the form before the importer sees it: see the next test
        upload = io.BytesIO(data)
        upload.name = name
        response = editor_client.post(reverse("admin:roles_role_import"), {"document": upload})
        assert response.status_code == 200, name
        page = response.content.decode()
        assert name in page, f"{name}: the error does not name the file"
        for word in words:
            assert word.lower() in page.lower(), f"{name}: no {word!r} in the error"
        assert not response.context.get("plan"), f"{name}: a preview was offered"
    assert dump_database() == before


def test_admin_import_refuses_an_empty_upload_and_changes_nothing(catalog, editor_client):
    before = dump_database()
    upload = io.BytesIO(b"")
    upload.name = "empty.txt"
    response = editor_client.post(reverse("admin:roles_role_import"), {"document": upload})
    assert response.status_code == 200
    assert "empty" in response.content.decode().lower()
    assert dump_database() == before


def test_admin_import_refuses_a_50_megabyte_document_and_changes_nothing(catalog, editor_client):
    before = dump_database()
    upload = io.BytesIO(GUIDE_BYTES * (50 * 1024 * 1024 // len(GUIDE_BYTES) + 1))
    upload.name = "huge.txt"
    response = editor_client.post(reverse("admin:roles_role_import"), {"document": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "huge.txt" in page and "bytes" in page
    assert dump_database() == before
