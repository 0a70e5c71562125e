"""The SOC code a role's document proposes, on text alone."""

from salaries.wages.matching import propose_soc_code, words

OCCUPATIONS = [
    ("15-1230", "Computer Support Specialists", 2),
    ("15-1231", "Computer Network Support Specialists", 3),
    ("15-1232", "Computer User Support Specialists", 3),
    ("43-4051", "Customer Service Representatives", 3),
    ("41-9012", "Models", 3),
    ("29-1141", "Registered Nurses", 3),
]
EMPLOYMENT = {"15-1231": 190000, "15-1232": 717190, "43-4051": 2700000}


def test_words_fold_plurals_and_drop_small_words():
    assert words("Computer User Support Specialists, All Other") == ["computer", "user", "support", "specialist"]


def test_a_group_the_text_names_narrows_to_its_largest_matching_occupation():
    text = "The BLS counts computer support specialists among the fastest growing. Models say so."
    assert propose_soc_code("Technical Support Specialist", text, OCCUPATIONS, EMPLOYMENT) == "15-1232"


def test_an_occupation_the_text_names_wins_over_a_larger_one():
    text = "Also known as computer network support specialists."
    assert propose_soc_code("Support Specialist", text, OCCUPATIONS, EMPLOYMENT) == "15-1231"


def test_without_mentions_the_title_decides():
    assert propose_soc_code("Registered Nurse", "", OCCUPATIONS, EMPLOYMENT) == "29-1141"
    assert propose_soc_code("Customer Service Lead", "", OCCUPATIONS, EMPLOYMENT) == "43-4051"


def test_nothing_in_common_proposes_nothing():
    assert propose_soc_code("Zookeeper", "Feeds the animals.", OCCUPATIONS, EMPLOYMENT) is None
    assert propose_soc_code("", "computer support specialists", OCCUPATIONS, EMPLOYMENT) is None
