"""build_fixtures: deterministic output, the committed fixture is what it builds, and bad input writes nothing."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from roles.models import CareerLevel, Role

SOURCES = Path(settings.SOURCES_DIR)
COMMITTED = Path(settings.BASE_DIR) / "fixtures" / "careerguide.json"
OWN_DOCS = Path(__file__).parent.parent / "docs"


def build(tmp_path, *sources, name="out.json"):
    out = tmp_path / name
    call_command("build_fixtures", *[str(s) for s in sources], output=str(out), verbosity=0)
    return out


def test_same_sources_give_byte_identical_fixture(tmp_path):
    first = build(tmp_path, name="a.json").read_bytes()
    second = build(tmp_path, name="b.json").read_bytes()
    assert first == second


def test_committed_fixture_is_exactly_what_the_command_builds(tmp_path):
    assert build(tmp_path).read_bytes() == COMMITTED.read_bytes(), (
        "fixtures/careerguide.json is stale: run `python manage.py build_fixtures` and commit it"
    )


def test_summary_names_documents_roles_and_records(tmp_path, capsys):
    call_command("build_fixtures", output=str(tmp_path / "out.json"))
    out = capsys.readouterr().out
    assert "3 documents, 3 roles" in out
    assert "careerlevel: 6" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n  \n", "file is empty"),
        (b"Caf\xe9 menu\nSoup of the day\n", "not UTF-8"),
        (b"Shopping list\n- eggs\n- milk\n", "unknown format"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_bad_documents_name_the_file_and_write_nothing(tmp_path, content, message):
    bad = tmp_path / "bad-source.txt"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    out.write_text("previous fixture\n")
    with pytest.raises(CommandError) as err:
        call_command("build_fixtures", str(SOURCES), str(bad), output=str(out), verbosity=0)
    assert "bad-source.txt" in str(err.value)
    assert message in str(err.value)
    assert out.read_text() == "previous fixture\n"
    assert not list(tmp_path.glob(".careerguide-*"))


def test_non_utf8_error_gives_the_line(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"Complete Chef Career Guide\nKey Facts & Statistics\nCaf\xe9\n")
    with pytest.raises(CommandError, match=r"latin1.txt, line 3"):
        build(tmp_path, bad)


def test_guide_missing_a_required_section_is_refused(tmp_path):
    text = (SOURCES / "000_0abef9bbc078f129.txt").read_text()
    cut = text.split("Key Facts & Statistics")[0] + "\nWhat is a Technical Support Specialist?\nA job.\n"
    bad = tmp_path / "truncated-guide.txt"
    bad.write_text(cut)
    with pytest.raises(CommandError, match="truncated-guide.txt"):
        build(tmp_path, bad)
    assert not (tmp_path / "out.json").exists()


def test_missing_source_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        build(tmp_path, tmp_path / "nope.txt")


@pytest.mark.django_db
def test_loading_twice_gives_the_same_rows(tmp_path):
    call_command("load_catalog", verbosity=0)
    counts = (Role.objects.count(), CareerLevel.objects.count())
    call_command("load_catalog", verbosity=0)
    assert (Role.objects.count(), CareerLevel.objects.count()) == counts == (3, 6)


@pytest.mark.django_db
def test_documents_of_our_own_import_with_no_code_change(tmp_path):
    """A catalog of the three sources plus our own documents in both formats (both JD layouts) loads."""
    own = sorted(OWN_DOCS.glob("*.txt"))
    assert len(own) >= 3, "tests/roles/docs should hold our own guide and both job-description layouts"
    out = build(tmp_path, SOURCES, *own)
    call_command("loaddata", str(out), verbosity=0)
    assert Role.objects.count() == 3 + len(own)
    for role in Role.objects.all():
        assert role.summary, role.title
        assert role.duties.exists(), role.title
        assert role.faqs.exists(), role.title
