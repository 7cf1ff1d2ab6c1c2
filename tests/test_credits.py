"""The caption credit finder (newsgraph.credits), on captions written for these tests."""

import pytest

from newsgraph.credits import MAX_TOKENS, candidates, credit_span


@pytest.mark.parametrize(
    "caption, credit",
    [
        ("Crews clear debris from the coast road near Wexford on Tuesday. Cathal Brennan/Sportsfile hide caption",
         "Cathal Brennan/Sportsfile"),
        ("Image source, Reuters Image caption, Protesters gather outside parliament in Nairobi on Thursday.", "Reuters"),
        ("Firefighters douse a burning lorry on the M6 near Preston. (Lancashire Fire and Rescue)", "Lancashire Fire and Rescue"),
        ("A farmer checks his flooded rice paddy outside Dhaka on Sunday. — Photo: Rafiq Hossain", "Rafiq Hossain"),
    ],
)
def test_the_credit_of_a_caption_is_found(caption, credit):
    span = credit_span(caption)
    assert span is not None and credit in caption[span[0] : span[1]]
    assert span[1] - span[0] <= len(credit) + 40  # not the caption's sentence


@pytest.mark.parametrize("caption", ["A girl feeds ducks at the park in Galway on Sunday afternoon.",
                                     "Supporters of the mayor wave flags at the rally on Friday night."])
def test_a_caption_without_a_credit_has_none(caption):
    assert credit_span(caption) is None


def test_candidates_are_suffixes_and_prefixes_of_bounded_length():
    text = " ".join(f"w{i}" for i in range(30))
    spans = candidates(text)
    assert all(len(text[a:b].split()) <= MAX_TOKENS or (a == 0 and b == len(text)) for a, b, _ in spans)
    assert {kind for _, _, kind in spans} == {"S", "P"} and candidates("") == []
