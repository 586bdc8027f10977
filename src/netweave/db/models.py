"""SQLAlchemy 2 models: the contact book, facets, acquaintances and interactions.

Enumerations are stored as short strings (portable across SQLite and PostgreSQL) and
validated in the services layer, where the allowed values live as Python enums.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class FacetKind(enum.StrEnum):
    OBJECTIVE = "objective"
    NEED = "need"
    OFFER = "offer"
    INTEREST = "interest"
    REFERRAL_SOURCE = "referral_source"
    PROSPECT_POOL = "prospect_pool"


class Openness(enum.StrEnum):
    OPEN = "open"
    ASK_FIRST = "ask_first"
    NOT_NOW = "not_now"


class NetworkerLevel(enum.IntEnum):
    """How actively the person networks and introduces others."""

    UNKNOWN = 0
    PASSIVE = 1
    OCCASIONAL = 2
    ACTIVE = 3
    CONNECTOR = 4


class Tier(enum.StrEnum):
    """Keep-in-touch tier; each has a default cadence in days (dormant: none)."""

    INNER = "inner"
    ACTIVE = "active"
    NETWORK = "network"
    DORMANT = "dormant"


class Channel(enum.StrEnum):
    IN_PERSON = "in-person"
    CALL = "call"
    VIDEO = "video"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"
    CONTENT = "content"


class Direction(enum.StrEnum):
    GIVE = "give"
    ASK = "ask"
    RECEIVE = "receive"
    NEUTRAL = "neutral"


class GiveKind(enum.StrEnum):
    REFERRAL = "referral"
    INTRODUCTION = "introduction"
    CONTENT = "content"
    ADVICE = "advice"
    FAVOUR = "favour"


class Outcome(enum.StrEnum):
    """What an interaction brought about (referrals received are `receive` + `referral`)."""

    BUSINESS = "business"


class LinkKind(enum.StrEnum):
    WEBSITE = "website"
    LINKEDIN = "linkedin"
    SAMPLE = "sample"
    OTHER = "other"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    website: Mapped[str | None] = mapped_column(String(500))
    notes: Mapped[str | None] = mapped_column(Text)

    people: Mapped[list[Person]] = relationship(back_populates="organisation")


class Person(Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(300), index=True)
    given_name: Mapped[str | None] = mapped_column(String(200))
    family_name: Mapped[str | None] = mapped_column(String(200))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str | None] = mapped_column(String(300))
    location: Mapped[str | None] = mapped_column(String(300))
    how_met: Mapped[str | None] = mapped_column(Text)
    where_met: Mapped[str | None] = mapped_column(String(300))
    met_on: Mapped[dt.date | None] = mapped_column(Date)
    temperament: Mapped[list[str]] = mapped_column(JSON, default=list)
    networker_level: Mapped[int] = mapped_column(Integer, default=0)
    openness: Mapped[str] = mapped_column(String(20), default=Openness.OPEN.value)
    tier: Mapped[str] = mapped_column(String(20), default=Tier.NETWORK.value)
    cadence_days: Mapped[int | None] = mapped_column(Integer)
    why_connect: Mapped[str | None] = mapped_column(Text)
    how_connect: Mapped[str | None] = mapped_column(Text)
    why_they_connect: Mapped[str | None] = mapped_column(Text)
    how_keep_up: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # fields netweave has no column for (addresses, birthday, photo, custom labels…), kept
    # as imported so nothing the user typed is dropped
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")
    emails: Mapped[list[Email]] = relationship(
        cascade="all, delete-orphan", order_by="Email.position", passive_deletes=True
    )
    phones: Mapped[list[Phone]] = relationship(
        cascade="all, delete-orphan", order_by="Phone.position", passive_deletes=True
    )
    links: Mapped[list[Link]] = relationship(
        cascade="all, delete-orphan", order_by="Link.position", passive_deletes=True
    )
    facets: Mapped[list[Facet]] = relationship(
        cascade="all, delete-orphan", order_by="Facet.position", passive_deletes=True
    )
    tags: Mapped[list[PersonTag]] = relationship(
        cascade="all, delete-orphan", order_by="PersonTag.tag", passive_deletes=True
    )

    __table_args__ = (
        CheckConstraint("networker_level BETWEEN 0 AND 4", name="ck_person_networker_level"),
    )


class Email(Base):
    __tablename__ = "email"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320), unique=True)
    label: Mapped[str | None] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Phone(Base):
    __tablename__ = "phone"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(60))
    label: Mapped[str | None] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Link(Base):
    __tablename__ = "link"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(1000))
    kind: Mapped[str] = mapped_column(String(20), default=LinkKind.OTHER.value)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("person_id", "url", name="uq_link_person_url"),)


class Facet(Base):
    """One free-text item of a person: an objective, need, offer, interest, source or pool."""

    __tablename__ = "facet"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)

    # no index on `kind` alone: six values, slower than a scan (migration 0010)
    __table_args__ = (Index("ix_facet_person_kind", "person_id", "kind"),)


class PersonTag(Base):
    __tablename__ = "person_tag"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(100), primary_key=True, index=True)


class Acquaintance(Base):
    """An undirected edge: two people know each other. Stored once with low_id < high_id."""

    __tablename__ = "acquaintance"

    id: Mapped[int] = mapped_column(primary_key=True)
    low_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    high_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    source: Mapped[str | None] = mapped_column(String(200))
    since: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("low_id", "high_id", name="uq_acquaintance_pair"),
        CheckConstraint("low_id < high_id", name="ck_acquaintance_order"),
    )


class Interaction(Base):
    """A dated contact with one or more people, seen from my side."""

    __tablename__ = "interaction"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(20))
    give_kind: Mapped[str | None] = mapped_column(String(20))
    minutes: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # Added by 0002_ledger (issue #5): what came of it, where, and which introduction it follows up.
    outcome: Mapped[str | None] = mapped_column(String(20))
    event: Mapped[str | None] = mapped_column(String(200))
    # The introduction this follows up; a plain id (see 0002_ledger), cleared on delete.
    follow_up_of: Mapped[int | None] = mapped_column(Integer, index=True)

    participants: Mapped[list[InteractionParticipant]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_interaction_direction_on", "direction", "occurred_on"),
        Index("ix_interaction_channel_on", "channel", "occurred_on"),
        Index("ix_interaction_give_kind_on", "give_kind", "occurred_on"),
    )


class InteractionParticipant(Base):
    __tablename__ = "interaction_participant"

    interaction_id: Mapped[int] = mapped_column(
        ForeignKey("interaction.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_participant_person", "person_id", "interaction_id"),)


class ContactSummary(Base):
    """Per-person aggregates of interactions, kept by `services.contact_summary.refresh`.

    Dates are day numbers (`date.toordinal()`) so that SQL arithmetic on them is portable;
    `weight` is the sum of exp((day - T0) / tau) that makes a decayed contact count cheap.
    """

    __tablename__ = "contact_summary"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True
    )
    interactions: Mapped[int] = mapped_column(Integer, default=0)
    gives: Mapped[int] = mapped_column(Integer, default=0)
    asks: Mapped[int] = mapped_column(Integer, default=0)
    receives: Mapped[int] = mapped_column(Integer, default=0)
    first_day: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[int] = mapped_column(Integer)
    last_face_day: Mapped[int | None] = mapped_column(Integer)
    weight: Mapped[float] = mapped_column(Float, default=0.0)


class Goal(Base):
    """A target for a metric per period, e.g. 3 introductions a week."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    metric: Mapped[str] = mapped_column(String(30), unique=True)
    target: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(20))
    since: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (CheckConstraint("target > 0", name="ck_goal_target"),)


class AppSetting(Base):
    """Small key/value settings stored with the data (e.g. which person is me)."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# Tables of later features live in their own modules; importing them here registers them
# with Base.metadata (migrations, backups and merges walk the metadata).
from netweave.db import (  # noqa: E402, F401
    models_batch,
    models_engine,
    models_gathering,
    models_intro,
    models_requests,
)
