"""The curated demo vocabulary and default playbooks are complete and consistent."""

from __future__ import annotations

import dataclasses
import string

import pytest

from netweave.demo.text import ascii_fold, slug, unique_email, unique_full_name
from netweave.demo.vocabulary import (
    PlaybookRole,
    Vocabulary,
    check_vocabulary,
    load_playbooks,
    load_vocabulary,
)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return load_vocabulary()


def test_about_a_hundred_varied_professions(vocab: Vocabulary) -> None:
    names = [p.name for p in vocab.professions]
    assert 95 <= len(names) <= 120
    assert len(set(names)) == len(names)
    categories = {p.category for p in vocab.professions}
    expected = {"legal", "finance", "real-estate", "health", "wellness", "trades", "tech"}
    assert (
        expected | {"marketing", "creative", "coaching", "hospitality", "education"} <= categories
    )
    assert {"nonprofit", "insurance", "hr"} <= categories


@pytest.mark.parametrize(
    ("field", "low", "high"),
    [
        ("offers", 3, 6),
        ("needs", 3, 5),
        ("objectives", 2, 4),
        ("referral_sources", 2, 5),
        ("prospect_pool", 2, 4),
        ("triggers", 0, 4),
    ],
)
def test_profession_fields_have_the_right_number_of_items(
    vocab: Vocabulary, field: str, low: int, high: int
) -> None:
    for profession in vocab.professions:
        items = getattr(profession, field)
        assert low <= len(items) <= high, (profession.name, field, items)
        assert len(set(items)) == len(items), (profession.name, field)
        assert all(item and item == item.strip() for item in items)


def test_offers_and_needs_are_never_string_identical(vocab: Vocabulary) -> None:
    offers = {o.lower() for p in vocab.professions for o in p.offers}
    needs = {n.lower() for p in vocab.professions for n in p.needs}
    assert not offers & needs
    all_offers = [o for p in vocab.professions for o in p.offers]
    assert len(set(all_offers)) == len(all_offers)


def test_complementary_professions_are_worded_differently(vocab: Vocabulary) -> None:
    by_name = {p.name: p for p in vocab.professions}
    founder_needs = " ".join(by_name["SaaS founder"].needs)
    assert "books" in founder_needs and "tax" in founder_needs
    assert any("bookkeeping" in o for o in by_name["Bookkeeper"].offers)
    assert not set(by_name["SaaS founder"].needs) & set(by_name["Bookkeeper"].offers)


def test_playbooks_cover_the_main_trigger_events() -> None:
    books = load_playbooks()
    keys = [b.key for b in books]
    assert len(keys) >= 14
    assert len(set(keys)) == len(keys)
    required = {"divorce", "relocation", "new_business", "business_sale", "retirement"}
    required |= {"home_purchase", "new_baby", "death_in_family", "job_loss", "funding_round"}
    required |= {"expansion", "marriage", "health_crisis", "college_admission"}
    assert required <= set(keys)
    for book in books:
        assert book.label and book.description and len(book.roles) >= 4


def test_divorce_playbook_has_the_team_from_the_source_texts() -> None:
    divorce = next(b for b in load_playbooks() if b.key == "divorce")
    roles = {r.role for r in divorce.roles}
    assert {"mediator", "family-law attorney", "real-estate agent", "accountant"} <= roles
    assert {"financial advisor", "therapist", "life coach", "trusts-and-estates attorney"} <= roles


def test_every_playbook_profession_exists(vocab: Vocabulary) -> None:
    known = {p.name for p in vocab.professions}
    for book in vocab.playbooks:
        for role in book.roles:
            assert role.professions, (book.key, role.role)
            for name in role.professions:
                assert name in known, (book.key, role.role, name)


def test_profession_triggers_are_playbooks_that_list_them(vocab: Vocabulary) -> None:
    books = {b.key: b for b in vocab.playbooks}
    for profession in vocab.professions:
        for key in profession.triggers:
            assert key in books, (profession.name, key)
            assert profession.name in books[key].professions(), (profession.name, key)


def test_check_vocabulary_rejects_unknown_references(vocab: Vocabulary) -> None:
    book = vocab.playbooks[0]
    broken = dataclasses.replace(
        book, roles=(*book.roles, PlaybookRole("astrologer", ("Astrologer",)))
    )
    with pytest.raises(ValueError, match="Astrologer"):
        check_vocabulary(dataclasses.replace(vocab, playbooks=(broken, *vocab.playbooks[1:])))
    profession = dataclasses.replace(vocab.professions[0], triggers=("eclipse",))
    with pytest.raises(ValueError, match="eclipse"):
        check_vocabulary(
            dataclasses.replace(vocab, professions=(profession, *vocab.professions[1:]))
        )


def test_names_are_plentiful_varied_and_include_accents(vocab: Vocabulary) -> None:
    for names in (vocab.given_names, vocab.family_names):
        assert len(names) >= 250
        assert len(set(names)) == len(names)
        assert sum(1 for n in names if not n.isascii()) >= 15
    for accented in ("José", "Zoë", "Øyvind"):
        assert accented in vocab.given_names
    assert "Nguyễn" in vocab.family_names
    assert len(vocab.cities) >= 60 and len(set(vocab.cities)) == len(vocab.cities)
    assert set(vocab.org_patterns) == {p.category for p in vocab.professions}


def test_interests_and_temperaments(vocab: Vocabulary) -> None:
    assert len(vocab.interests) >= 140
    assert len(set(vocab.interests)) == len(vocab.interests)
    assert {"cycling", "fajitas", "jazz", "sourdough baking", "trail running"} <= set(
        vocab.interests
    )
    shares = {t.trait: t.share for t in vocab.traits}
    assert shares["hard charger"] == pytest.approx(0.05)
    assert shares["takes criticism poorly"] == pytest.approx(0.04)
    assert shares["difficult to deal with"] == pytest.approx(0.03)
    guarded = {t.trait for t in vocab.traits if t.guard}
    assert guarded == {"hard charger", "takes criticism poorly", "difficult to deal with"}
    positive = sum(t.share for t in vocab.traits if not t.guard)
    assert positive > 5 * sum(t.share for t in vocab.traits if t.guard)


def test_pair_templates_are_complementary_and_specific(vocab: Vocabulary) -> None:
    assert len(vocab.pair_templates) >= 30
    for t in vocab.pair_templates:
        assert t.a != t.b
        assert len(t.segments) >= 5
        for text in (t.a_need, t.b_offer, t.b_need, t.a_offer):
            assert "{seg}" in text
        assert t.a_need != t.b_offer and t.b_need != t.a_offer


def test_specialties_are_rare_and_asked_in_other_words(vocab: Vocabulary) -> None:
    generic = {o for p in vocab.professions for o in p.offers}
    assert len(vocab.specialties) >= 30
    for s in vocab.specialties:
        assert s.profession not in s.askers
        assert len(set(s.variants)) == len(s.variants) >= 5
        assert "{v}" in s.offer and "{v}" in s.ask and "{city}" in s.ask
        for variant in s.variants:
            offer = s.offer.format(v=variant)
            assert offer not in generic
            assert offer not in s.ask.format(v=variant, city="Austin")


def test_slugs_are_ascii() -> None:
    assert ascii_fold("Øyvind Nguyễn Zoë José Łukasz") == "Oyvind Nguyen Zoe Jose Lukasz"
    assert slug("O'Brien & Søren") == "obriensoren"
    assert slug("Hồ Chí Minh City", "-") == "ho-chi-minh-city"
    allowed = set(string.ascii_lowercase + string.digits)
    assert set(slug("Ünïcødé Ŋame ß")) <= allowed


def test_unique_names_and_emails() -> None:
    import random

    used: set[str] = set()
    rng = random.Random(1)
    names = [unique_full_name("Ana", "Silva", used, rng) for _ in range(300)]
    assert len(set(names)) == 300 and names[0] == "Ana Silva"
    counts: dict[str, int] = {}
    emails = [unique_email("ana.silva", "example.com", counts) for _ in range(5)]
    emails.append(unique_email("ana.silva2", "example.com", counts))
    assert len(set(emails)) == len(emails)
