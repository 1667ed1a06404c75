"""The actor gazetteer: integrity of the shipped table, matching, validation and back-references."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from app.language.actors.gazetteer import (
    DATA,
    Gazetteer,
    GazetteerError,
    default_gazetteer,
    find_actors,
    load_gazetteer,
)
from app.language.actors.references import resolve_references

TABLE = tomllib.loads(DATA.read_text(encoding="utf-8"))
#: Codes in the table that are not officially assigned ISO 3166-1 alpha-3 codes, and why.
NON_ISO = {
    "XKX": "Kosovo: user-assigned code used by the EU and IMF",
    "NKR": "Nagorno-Karabakh Republic (dissolved 2024): de facto entity, code of the gold data",
}


def test_codes_are_unique() -> None:
    codes = [row["code"] for section in ("state", "organisation") for row in TABLE[section]]
    assert len(codes) == len(set(codes))


def test_state_codes_are_alpha3() -> None:
    for row in TABLE["state"]:
        assert re.fullmatch(r"[A-Z]{3}", row["code"]), row
        assert not row["code"].startswith("X") or row["code"] in NON_ISO, row["code"]


def test_no_alias_names_two_actors() -> None:
    seen: dict[str, str] = {}
    for row in TABLE["state"]:
        for alias in (*row["names"], *row.get("adjectives", []), *row.get("seats", [])):
            assert seen.setdefault(alias, row["code"]) == row["code"], alias
    for row in TABLE["organisation"]:
        for alias in row["names"]:
            assert seen.setdefault(alias, row["code"]) == row["code"], alias
    for row in TABLE["person"]:
        for alias in (row["name"], *row["aliases"]):
            assert seen.setdefault(alias, row["name"]) == row["name"], alias


def test_every_person_speaks_for_a_known_code() -> None:
    codes = {row["code"] for section in ("state", "organisation") for row in TABLE[section]}
    assert {row["code"] for row in TABLE["person"]} <= codes
    assert len(TABLE["person"]) >= 200


def test_every_reference_points_at_something_that_exists() -> None:
    roles = {row["role"] for row in TABLE["person"]}
    kinds = {"state"} | {row["kind"] for row in TABLE["organisation"]}
    for row in TABLE["reference"]:
        assert sum(bool(row.get(key)) for key in ("roles", "kinds", "parties")) == 1, (
            f"{row['words'][0]}: one of roles, kinds, parties"
        )
        assert (
            "*" in row.get("roles", [])
            or set(row.get("roles", [])) & roles
            or set(row.get("kinds", [])) & kinds
            or row.get("parties") == 2
        )


def test_group_reference_points_at_the_last_armed_group() -> None:
    text = "The army met envoys of the M23 in Doha. The rebels agreed to withdraw."
    mentions = resolve_references(text, default_gazetteer().find(text))
    assert [(m.text, m.code) for m in mentions if m.kind == "reference"] == [("The rebels", "M23")]


@pytest.mark.parametrize(
    ("text", "words", "codes"),
    [
        (
            "Thailand and Cambodia met in Kuala Lumpur. Both sides agreed to a truce.",
            "Both sides",
            ["THA", "KHM"],
        ),
        (
            "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met. "
            "The two neighbours agreed to reopen links.",
            "The two neighbours",
            ["ARM", "AZE"],
        ),
        (
            "Sudan's army said it broke the siege. The Rapid Support Forces denied it. "
            "Saudi Arabia and the United States called on both sides to talk.",
            "both sides",
            ["SDN", "RSF"],
        ),
        (
            "India and Pakistan agreed to stop firing after the neighbours traded strikes.",
            "the neighbours",
            ["IND", "PAK"],
        ),
        (
            "Thailand and Cambodia met. The Southeast Asian neighbours accuse each other.",
            "The Southeast Asian neighbours",
            ["THA", "KHM"],
        ),
    ],
    ids=[
        "joined-group",
        "leaders-name-their-states",
        "not-the-speakers",
        "same-sentence-group",
        "described-pair",
    ],
)
def test_parties_reference_names_the_two_parties(text: str, words: str, codes: list[str]) -> None:
    mentions = resolve_references(text, default_gazetteer().find(text))
    assert [m.code for m in mentions if m.kind == "reference" and m.text == words] == codes


def test_state_reference_points_at_the_last_state() -> None:
    text = (
        "Myanmar's military government announced a truce. The Arakan Army agreed. "
        "The junta then bombed villages."
    )
    mentions = resolve_references(text, default_gazetteer().find(text))
    assert [(m.text, m.code) for m in mentions if m.kind == "reference"] == [("The junta", "MMR")]


def test_a_reference_pattern_that_matches_nothing_is_rejected() -> None:
    rows = {"reference": [{"words": ["x"], "patterns": ["(?:)"], "parties": 2}]}
    with pytest.raises(GazetteerError, match="empty string"):
        Gazetteer.from_table(rows)


def test_parties_reference_without_two_parties_is_dropped() -> None:
    text = "Both sides agreed to meet."
    assert not [m for m in resolve_references(text, default_gazetteer().find(text)) if m.kind == "reference"]


@pytest.mark.parametrize(
    ("text", "alias", "code", "kind"),
    [
        ("the Kremlin said", "the Kremlin", "RUS", "state"),
        ("Kyiv emphasised", "Kyiv", "UKR", "state"),
        ("Washington warned", "Washington", "USA", "state"),
        ("the White House said", "the White House", "USA", "state"),
        ("Ukrainian troops", "Ukrainian", "UKR", "state"),
        ("Hamas agreed", "Hamas", "HAM", "armed_group"),
        ("the Rapid Support Forces said", "Rapid Support Forces", "RSF", "armed_group"),
        ("NATO allies", "NATO", "NATO", "igo"),
        ("Dmitry Peskov said", "Dmitry Peskov", "RUS", "person"),
        ("Zelenskyy said", "Zelenskyy", "UKR", "person"),
    ],
)
def test_aliases_resolve(text: str, alias: str, code: str, kind: str) -> None:
    found = find_actors(text)
    assert [(m.text, m.code, m.kind) for m in found] == [(alias, code, kind)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Qatari mediator Mohammed Al-Khulaifi said", "QAT"),
        ("UN envoy Hans Grundberg told the council", "UN"),
        ("Houthi negotiator Mohammed Abdulsalam said", "Houthis"),
        ("M23 spokesman Lawrence Kanyuka said", "M23"),
        ("ELN negotiator Pablo Beltrán said", "ELN"),
        ("Khalifa Haftar's forces advanced", "LNA"),
        ("Abdul Hamid Dbeibah said", "LBY"),
        ("the World Health Organization said", "UN"),
    ],
)
def test_mediators_envoys_and_negotiators_resolve(text: str, code: str) -> None:
    assert code in {m.code for m in find_actors(text)}


def test_every_person_has_a_role_and_unique_aliases() -> None:
    for row in TABLE["person"]:
        assert row["role"].strip(), row["name"]
        assert len(set(row["aliases"])) == len(row["aliases"]), row["name"]
        assert row["name"] not in row["aliases"], row["name"]


def test_matching_is_case_sensitive_and_whole_word() -> None:
    assert find_actors("let us go to the USAID office") == ()
    assert [m.code for m in find_actors("US President Donald Trump")] == ["USA", "USA"]


def test_longest_alias_wins() -> None:
    (mention,) = find_actors("the United States of America")
    assert mention.text == "United States of America"


def test_grouped_alternations_find_what_flat_longest_first_alternations_find() -> None:
    gazetteer = default_gazetteer()
    flat = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, sorted(gazetteer.aliases, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    texts = [
        line
        for path in sorted((Path(__file__).parents[1] / "events").glob("heldout*/articles.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    texts.append(" ".join(sorted(gazetteer.aliases)))  # every alias, next to its neighbours
    references = [
        re.compile(
            r"(?<![\w-])(?:"
            + "|".join([*(re.escape(w) for w in sorted(r.words, key=len, reverse=True)), *r.patterns])
            + r")(?![\w-])"
        )
        for r in gazetteer.references
    ]
    texts.append(" ".join(w for r in gazetteer.references for w in r.words))
    for text in texts:
        assert [(m.start, m.end) for m in gazetteer.find(text)] == [m.span() for m in flat.finditer(text)]
        for pattern, reference in zip(gazetteer.reference_patterns, references, strict=True):
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_person_keeps_who_it_was() -> None:
    (mention,) = find_actors("Putin said")
    assert (mention.code, mention.person, mention.name) == ("RUS", "Vladimir Putin", "Vladimir Putin")


@pytest.mark.parametrize(
    "table",
    [
        {"state": [{"code": "RU", "names": ["Russia"]}]},
        {"state": [{"code": "RUS", "names": ["Russia"]}, {"code": "RUS", "names": ["Rossiya"]}]},
        {"state": [{"code": "RUS", "names": ["Georgia"]}, {"code": "GEO", "names": ["Georgia"]}]},
        {"person": [{"name": "A B", "code": "ZZZ", "role": "x", "aliases": []}]},
        {"state": [{"code": "RUS", "names": ["Russia"], "colour": "red"}]},
        {"planet": []},
    ],
    ids=["not-alpha3", "duplicate-code", "alias-clash", "unknown-code", "unknown-key", "unknown-section"],
)
def test_malformed_tables_are_rejected(table: dict[str, object]) -> None:
    with pytest.raises(GazetteerError):
        Gazetteer.from_table(table)


def test_pronoun_and_role_back_reference() -> None:
    text = "Dmitry Peskov spoke on Monday. He added that the talks were useful. The spokesman said more."
    mentions = resolve_references(text, default_gazetteer().find(text))
    references = [(m.text, m.person) for m in mentions if m.kind == "reference"]
    assert references == [("He", "Dmitry Peskov"), ("The spokesman", "Dmitry Peskov")]


def test_role_reference_skips_people_of_another_role() -> None:
    text = "Vladimir Putin met Dmitry Peskov. The president spoke first."
    mentions = resolve_references(text, default_gazetteer().find(text))
    assert [m.person for m in mentions if m.kind == "reference"] == ["Vladimir Putin"]


def test_reference_without_antecedent_is_dropped() -> None:
    assert resolve_references("He said so.", ()) == ()


def test_users_extend_the_gazetteer_with_a_file(tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[person]]\nname = "Ana Example"\ncode = "COL"\nrole = "envoy"\naliases = ["Example"]\n'
    )
    gazetteer = load_gazetteer(extra)
    assert [(m.code, m.person) for m in gazetteer.find("Example said")] == [("COL", "Ana Example")]


def test_a_user_alias_clashing_with_a_shipped_one_is_an_error(tmp_path: Path) -> None:
    extra = tmp_path / "clash.toml"
    extra.write_text('[[person]]\nname = "Someone Else"\ncode = "USA"\nrole = "envoy"\naliases = ["Putin"]\n')
    with pytest.raises(GazetteerError, match="Putin"):
        load_gazetteer(extra)


def test_every_back_reference_word_reaches_its_row() -> None:
    """The required-word index only skips a back-reference row that could not match."""
    gazetteer = default_gazetteer()
    for row, reference in enumerate(gazetteer.references):
        for word in reference.words:
            text = f"Then {word} said"
            if gazetteer.reference_patterns[row].search(text):
                assert row in gazetteer.reference_index.rows(text), word
