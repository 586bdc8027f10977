"""Me: the connector's own profile, a person row named by the `me_person_id` setting.

Being an ordinary person means my interests, offers and needs are facet items like anyone
else's, so common ground and mutual interest compare like with like. Lists of people to
contact leave me out, and interactions cannot include me.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from netweave.db.memo import forget, read_memo
from netweave.db.models import AppSetting, Person
from netweave.importers.records import PersonRecord
from netweave.services.people import PersonPatch, add_person, edit_person

ME_KEY = "me_person_id"


def get_setting(session: Session, key: str) -> str | None:
    return read_memo(
        session,
        ("setting", key),
        lambda: session.scalar(select(AppSetting.value).where(AppSetting.key == key)),
    )


def put_setting(session: Session, key: str, value: str) -> None:
    forget(session, ("setting", key))
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def me_id(session: Session) -> int | None:
    value = get_setting(session, ME_KEY)
    return int(value) if value and value.isdecimal() else None


def get_me(session: Session) -> Person | None:
    pid = me_id(session)
    return session.get(Person, pid) if pid is not None else None


def set_me(session: Session, name: str | None, patch: PersonPatch) -> Person:
    """Create my profile on first use (named `name` or "Me"), then apply `patch` to it."""
    me = get_me(session)
    if me is None:
        me = add_person(session, PersonRecord(full_name=(name or "Me").strip() or "Me"))
        put_setting(session, ME_KEY, str(me.id))
    elif name:
        patch.full_name = name
    return edit_person(session, me, patch)
