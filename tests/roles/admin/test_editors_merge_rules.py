"""The three-way merge rules on plain values (roles.publishing.merge), without the admin."""

from roles.publishing import merge


def test_fields_changed_on_one_side_take_that_side_and_both_sides_differently_conflict():
    base = {"a": "1", "b": "1", "c": "1", "d": "1", "e": ""}
    theirs = {"a": "2", "b": "1", "c": "3", "d": "4", "e": None}
    mine = {"a": "1", "b": "5", "c": "6", "d": "4", "e": ""}
    result = merge.merge_fields(base, theirs, mine)
    assert result.take_theirs == ["a"]
    assert result.conflicts == ["c"]  # d: both made the same change; e: empty is empty
    assert result.mine_changed == ["b", "c", "d"]


def test_rows_deleted_on_one_side_and_edited_on_the_other_conflict():
    base = {1: {"t": "x"}, 2: {"t": "x"}, 3: {"t": "x"}, 4: {"t": "x"}, 5: {"t": "x"}}
    theirs = {2: {"t": "x"}, 3: {"t": "y"}, 4: {"t": "x"}, 5: {"t": "z"}}
    mine = {1: {"t": "x"}, 2: None, 3: None, 4: {"t": "w"}, 6: {"t": "new"}, 5: {"t": "q"}}
    outcomes = {row.key: row.outcome for row in merge.merge_rows(base, theirs, mine)}
    assert outcomes == {
        1: merge.ACCEPT_DELETE,  # they deleted it, I did not touch it
        2: merge.DELETE,  # I deleted it, they did not touch it
        3: merge.DELETED_BY_ME,  # I deleted it, they edited it
        4: merge.KEEP,
        5: merge.KEEP,
        6: merge.KEEP,  # added by me
    }
    rows = {row.key: row for row in merge.merge_rows(base, theirs, mine)}
    assert rows[5].is_conflict and not rows[4].is_conflict
    mine[1] = {"t": "edited"}
    assert {r.key: r.outcome for r in merge.merge_rows(base, theirs, mine)}[1] == merge.DELETED_BY_THEM
