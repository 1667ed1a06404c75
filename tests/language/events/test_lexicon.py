"""The event tables are their own tests: every example of every row is a case, checked strictly."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from app.language.events.lexicon import DATA, LexiconError, build_lexicon, default_lexicon, inflections

LEXICON = default_lexicon()
TRIGGER_CASES = [(rule.id, example) for rule in LEXICON.triggers for example in rule.examples]
NEGATIVE_CASES = [(rule.id, example) for rule in LEXICON.triggers for example in rule.not_examples]
CUE_CASES = [(cue.id, example) for cue in LEXICON.cues for example in cue.examples]
ELABORATION_CASES = [(cue.id, example) for cue in LEXICON.elaborations for example in cue.examples]


def _rule(rule_id: str) -> Any:
    return next(rule for rule in LEXICON.triggers if rule.id == rule_id)


@pytest.mark.parametrize(("rule_id", "example"), TRIGGER_CASES, ids=[f"{r}:{e}" for r, e in TRIGGER_CASES])
def test_trigger_example_matches(rule_id: str, example: str) -> None:
    assert _rule(rule_id).pattern.search(example), f"{rule_id} does not match {example!r}"


@pytest.mark.parametrize(("rule_id", "example"), NEGATIVE_CASES, ids=[f"{r}:{e}" for r, e in NEGATIVE_CASES])
def test_trigger_not_example_does_not_match(rule_id: str, example: str) -> None:
    assert not _rule(rule_id).pattern.search(example), f"{rule_id} matches {example!r}"


@pytest.mark.parametrize(("cue_id", "prefix"), CUE_CASES, ids=[f"{c}:{p}" for c, p in CUE_CASES])
def test_cue_example_matches(cue_id: str, prefix: str) -> None:
    cue = next(c for c in LEXICON.cues if c.id == cue_id)
    assert cue.before.search(prefix.rstrip() + " ")
    assert LEXICON.cue_index is not None  # the required-word index does not skip the cue
    assert LEXICON.cues.index(cue) in LEXICON.cue_index.rows(prefix.rstrip() + " ")


@pytest.mark.parametrize(
    ("cue_id", "sentence"), ELABORATION_CASES, ids=[f"{c}:{s}" for c, s in ELABORATION_CASES]
)
def test_elaboration_example_matches(cue_id: str, sentence: str) -> None:
    cue = next(c for c in LEXICON.elaborations if c.id == cue_id)
    assert cue.before.search(sentence)


def test_every_cameo_root_has_a_trigger_row() -> None:
    """Peace processes report every kind of event, from statements (01) to mass violence (20)."""
    assert {rule.cameo[:2] for rule in LEXICON.triggers} == set(LEXICON.roots)


def test_cameo_table_covers_roots_and_scores() -> None:
    assert sorted(LEXICON.roots) == [f"{n:02d}" for n in range(1, 21)]
    for code, entry in LEXICON.cameo.items():
        assert code[:2] in LEXICON.roots
        assert -10.0 <= entry.goldstein <= 10.0
    peace_codes = {
        "0256",
        "026",
        "027",
        "036",
        "037",
        "039",
        "045",
        "046",
        "057",
        "0871",
        "0841",
        "124",
        "127",
        "130",
    }
    assert peace_codes <= set(LEXICON.cameo)


def test_every_root_has_a_trigger_except_investigate_and_mass_violence() -> None:
    covered = {rule.cameo[:2] for rule in LEXICON.triggers}
    assert set(LEXICON.roots) - covered <= {"06", "09", "20"}


def test_verbs_match_lower_case_only() -> None:
    say = _rule("statement.say")
    assert not say.pattern.search("Secretary of State Marco Rubio")
    assert say.pattern.search("officials stated")


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("propose", ("propose", "proposes", "proposed", "proposing")),
        ("deny", ("deny", "denies", "denied", "deny" + "ing")),
        ("stress", ("stress", "stresses", "stressed", "stressing")),
        ("sign", ("sign", "signs", "signed", "signing")),
        ("say", ("say", "says", "said", "saying")),
    ],
)
def test_inflections(lemma: str, forms: tuple[str, ...]) -> None:
    irregular = tomllib.loads((DATA / "triggers.toml").read_text(encoding="utf-8"))["irregular"]
    assert inflections(lemma, irregular) == forms


def test_a_slot_of_several_verbs_matches_what_one_slot_per_verb_matches() -> None:
    """``{v:a|b}`` is written as one trie for speed; it must find the same words as ``{v:a}|{v:b}``."""
    triggers, cameo, cues = _tables()
    row = triggers["trigger"][0]
    text = "He said, then adds, noted, noting, stressing; notes were stressed. Stated? NOTED signs sign."
    found = []
    for pattern in ("{v:note|stress|sign|state}", "{v:note}|{v:stress}|{v:sign}|{v:state}"):
        row.update(pattern=pattern)
        rule = next(r for r in build_lexicon(triggers, cameo, cues).triggers if r.id == row["id"])
        found.append([m.span() for m in rule.pattern.finditer(text)])
    assert found[0] == found[1] and len(found[0]) == 7


def _tables() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    load = lambda name: tomllib.loads((DATA / name).read_text(encoding="utf-8"))  # noqa: E731
    return load("triggers.toml"), load("cameo.toml"), load("cues.toml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["trigger"][0].update(cameo="999"), "not in cameo.toml"),
        (lambda t: t["trigger"][0].update(colour="red"), "unknown keys"),
        (lambda t: t["trigger"][0].update(examples=[]), "without examples"),
        (lambda t: t["trigger"][0].update(pattern="(?:x)?"), "empty string"),
        (lambda t: t["trigger"][0].update(pattern="{n:nowhere}"), "undefined lexicon slot"),
        (lambda t: t["trigger"].append(dict(t["trigger"][0])), "duplicate id"),
        (lambda t: t["trigger"][0].update(kind="vibe"), "kind must be"),
    ],
    ids=[
        "unknown-cameo",
        "unknown-key",
        "no-examples",
        "empty-match",
        "undefined-slot",
        "duplicate",
        "bad-kind",
    ],
)
def test_malformed_rows_are_rejected(change: Any, message: str) -> None:
    """Meta-test: the loader refuses the mistakes a contributor is likely to make."""
    triggers, cameo, cues = _tables()
    change(triggers)
    with pytest.raises(LexiconError, match=message):
        build_lexicon(triggers, cameo, cues)


def test_an_example_that_does_not_match_would_fail() -> None:
    """Meta-test: the example check above is not vacuous."""
    assert not _rule("threaten.generic").pattern.search("the minister praised the agreement")
