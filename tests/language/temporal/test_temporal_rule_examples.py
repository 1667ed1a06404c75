"""Every example and not-example of every rule table is its own test case."""

from __future__ import annotations

import dataclasses

import pytest

from app.language.temporal.examples import check_example, check_not_example
from app.language.temporal.extract import default_engine

ENGINE = default_engine()
CASES = [
    pytest.param(rule, example, id=f"{rule.id}:{example.span}")
    for rule in ENGINE.table.rules
    for example in rule.examples
]
NOT_CASES = [
    pytest.param(text, id=f"{rule.id}:not:{text}")
    for rule in ENGINE.table.rules
    for text in rule.not_examples
]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_example(rule, example):
    assert check_example(ENGINE, rule, example) == []


@pytest.mark.parametrize("text", NOT_CASES)
def test_not_example(text):
    assert check_not_example(ENGINE, text) == []


def test_a_wrong_expectation_fails():
    """The runner can fail: corrupt one expected value and one expected span."""
    rule = ENGINE.table.rule("deictic.part_of_relative_period")
    example = rule.examples[0]
    wrong_value = dataclasses.replace(
        example, expect={**example.expect, "earliest": example.expect["latest"]}
    )
    assert check_example(ENGINE, rule, wrong_value)
    other = ENGINE.table.rule("deictic.relative_period")
    assert check_example(ENGINE, other, example)
    assert check_not_example(ENGINE, "at the end of last week")
