"""The rule-based vague-request detector, on a table of vague and specific asks."""

from __future__ import annotations

import pytest

from netweave.services.request_refine import Refinement, detect, refined_text

VAGUE = [
    "I'd like to pick your brain",
    "Can I pick your brain sometime?",
    "Could we grab coffee sometime?",
    "Let's grab a coffee next week",
    "Any advice?",
    "Any tips?",
    "I'd love to chat",
    "Would love to connect!",
    "Can we catch up soon?",
    "Can you help me?",
    "Let's touch base",
    "Hop on a quick call?",
    "Can I bounce some ideas off you?",
    "I'd love to get your thoughts",
    "Help with marketing",
    "Can I pick your brain about Series A fundraising for my biotech startup?",
    "Do you have a few minutes to chat about my career?",
    "I have some questions",
    "Hi! Thanks so much, just wanted to learn from you",
    "Quick chat about stuff?",
]
SPECIFIC = [
    "Who has done lease deals for dental offices in Denver?",
    "I need an immigration attorney for an O-1 visa",
    "Looking for a bookkeeper who knows Shopify stores",
    "patent prosecution for wearable sensors",
    "Can you introduce me to a family-law attorney in Austin?",
    "Who knows how to value and sell a vinyl record collection?",
    "Could you recommend a therapist who specialises in new fathers?",
    "A client wants to sell her HVAC company within two years: who has brokered a sale like that?",
    "I'm now in charge of the CRM migration and want to learn the Salesforce data model. "
    "Who do you recommend I talk with?",
    "We are hiring a senior data engineer in Berlin",
    "Need a forensic accountant to trace hidden marital assets",
    "Who runs corporate offsites for 200 people?",
]


@pytest.mark.parametrize("text", VAGUE)
def test_vague_requests_are_detected(text: str) -> None:
    found = detect(text)
    assert found.vague, found
    assert found.reasons


@pytest.mark.parametrize("text", SPECIFIC)
def test_specific_requests_pass(text: str) -> None:
    found = detect(text)
    assert not found.vague, found.as_json()


def test_reasons_name_the_rules() -> None:
    assert detect("Any advice?").reasons[0].startswith("no-topic")
    brain = detect("Can I pick your brain about biotech fundraising?")
    assert brain.topic_words == ["biotech", "fundraising"]
    assert any(r.startswith("vague-phrase") for r in brain.reasons)
    assert detect("Help with marketing").reasons == ["thin: only 'marketing' and no concrete ask"]


def test_refined_text_puts_the_specific_ask_first() -> None:
    refinement = Refinement(
        goal="raise a seed round", context="first-time fintech founder",
        ask="Who has raised a seed round from angels?", outcome="three angel introductions",
    )  # fmt: skip
    assert refined_text("Can I pick your brain?", refinement) == (
        "Who has raised a seed round from angels? raise a seed round. first-time fintech "
        "founder. three angel introductions."
    )
    assert refined_text(" as asked ", Refinement()) == "as asked"
