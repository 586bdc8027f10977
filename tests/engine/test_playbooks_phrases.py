"""Playbook loading (defaults + user overrides), event teams, and phrase normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pair_fixtures import Person

from netweave.engine.network import Network
from netweave.engine.phrases import covers, fold_plural, normalise
from netweave.engine.playbooks import default_path, get_playbook, load_playbooks, team
from netweave.errors import NetweaveError

DEFAULTS = """\
- key: divorce
  label: Divorce
  description: A separation or divorce.
  roles:
    - {role: mediator, professions: [Divorce mediator]}
    - {role: family-law attorney, professions: [Family-law attorney]}
    - {role: accountant, professions: [Certified public accountant]}
    - {role: therapist, professions: [Psychotherapist]}
- key: relocation
  label: Relocation
  description: A move.
  roles:
    - {role: real-estate agent, professions: [Residential real-estate agent]}
    - {role: mover, professions: [Moving company owner]}
"""

USER = """\
playbooks:
  - key: relocation
    label: Moving house
    roles:
      - {role: mover, professions: [Moving company owner]}
      - {role: handyman, professions: [Handyman]}
  - key: pet_adoption
    label: Pet adoption
    roles:
      - {role: vet, professions: [Veterinarian]}
"""


@pytest.fixture
def defaults(tmp_path: Path) -> Path:
    path = tmp_path / "playbooks.yaml"
    path.write_text(DEFAULTS)
    return path


def test_user_file_replaces_and_extends_by_key(defaults: Path, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(USER)
    books = load_playbooks(user, defaults=defaults)
    assert [b.key for b in books] == ["divorce", "relocation", "pet_adoption"]
    relocation = get_playbook(books, "relocation")
    assert relocation.label == "Moving house"
    assert [r.role for r in relocation.roles] == ["mover", "handyman"]
    assert get_playbook(books, "divorce").roles[2].professions == ("Certified public accountant",)


def test_unknown_event_lists_known_ones(defaults: Path) -> None:
    books = load_playbooks(defaults=defaults)
    with pytest.raises(NetweaveError, match="known events: divorce, relocation"):
        get_playbook(books, "wedding")


@pytest.mark.parametrize(
    "text",
    ["{key: [", "- label: no key\n", "- {key: x, roles: [{professions: [a]}]}\n", "42\n"],
)
def test_bad_files_are_user_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(NetweaveError, match=r"bad\.yaml"):
        load_playbooks(defaults=path)


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(NetweaveError, match="cannot read"):
        load_playbooks(tmp_path / "nope.yaml", defaults=tmp_path / "nope.yaml")


def test_team_groups_people_by_role_and_lists_strangers(defaults: Path) -> None:
    people = [
        Person("Dana", title="Family-law attorney"),
        Person("Lee", title="CPA"),
        Person("Sam", title="Divorce mediator"),
        Person("Pat", title="Psychotherapist"),
        Person("Ann", title="Graphic designer"),
        Person("Kit", title="Senior accountant"),
    ]
    net = Network.from_records(people, acquaintances=[(0, 1), (2, 3)])
    t = team("divorce", net, load_playbooks(defaults=defaults))
    assert t.members == {
        "mediator": [2],
        "family-law attorney": [0],
        "accountant": [1, 5],
        "therapist": [3],
    }
    # every cross-role pair that is not acquainted; Lee and Kit share a role
    assert t.unacquainted == [(0, 2), (0, 3), (0, 5), (1, 2), (1, 3), (2, 5), (3, 5)]
    with pytest.raises(NetweaveError, match="unknown trigger event 'wedding'"):
        team("wedding", net, load_playbooks(defaults=defaults))


def test_packaged_defaults_load() -> None:
    if not default_path().exists():
        pytest.skip("default playbooks not written yet")
    books = load_playbooks()
    assert len(books) >= 14
    divorce = get_playbook(books, "divorce")
    assert {"mediator", "accountant", "therapist"} <= {r.role for r in divorce.roles}


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("attorneys", "attorney"),
        ("companies", "company"),
        ("coaches", "coach"),
        ("businesses", "business"),
        ("business", "business"),
        ("analysis", "analysis"),
        ("cpas", "cpa"),
        ("taxes", "tax"),
        ("bus", "bus"),
    ],
)
def test_fold_plural(word: str, folded: str) -> None:
    assert fold_plural(word) == folded


def test_normalise_and_covers() -> None:
    assert normalise("CPAs") == normalise("accountant") == ("accountant",)
    assert normalise("Family-Law Attorneys") == ("family", "law", "attorney")
    assert normalise("Realtors") == ("real", "estate", "agent")
    assert normalise("  ") == ()
    assert covers(normalise("attorneys"), normalise("Family-law attorney"))
    assert not covers(normalise("divorce attorneys"), normalise("Attorney"))
    assert not covers((), normalise("Attorney"))
