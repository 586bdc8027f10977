"""Trigger-event teams from the network: who serves each role, who doesn't yet know whom."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from netweave.services.me import me_id
from netweave.services.network_load import load_network


def playbook_keys() -> list[dict[str, Any]]:
    from netweave.engine.playbooks import load_playbooks

    return [
        {"key": p.key, "label": p.label, "roles": [r.role for r in p.roles]}
        for p in load_playbooks()
    ]


def playbook_team(session: Session, event: str, today: dt.date) -> dict[str, Any]:
    """Per role of the event's playbook, the people serving it; and pairs not yet acquainted."""
    from netweave.engine.playbooks import load_playbooks, team

    me = me_id(session)
    loaded = load_network(session, today, exclude={me} if me else set())
    found = team(event, loaded.network, load_playbooks())
    net = loaded.network

    def person(pos: int) -> dict[str, Any]:
        return {"id": loaded.person_id(pos), "name": net.names[pos], "title": net.titles[pos]}

    return {
        "event": found.playbook.key,
        "label": found.playbook.label,
        "roles": {role: [person(p) for p in members] for role, members in found.members.items()},
        "not_yet_acquainted": [[person(i), person(j)] for i, j in found.unacquainted],
    }
