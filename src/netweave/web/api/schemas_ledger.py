"""Models of interactions, the ledger, due lists and health."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from netweave.web.api.schemas_people import PersonRef


class InteractionOut(BaseModel):
    id: int
    on: dt.date
    channel: str
    direction: str
    give: str | None
    minutes: int | None
    outcome: str | None
    event: str | None
    follow_up_of: int | None
    note: str | None
    people: list[PersonRef]


class InteractionIn(BaseModel):
    people: list[str] = Field(min_length=1, description="ids, emails or names")
    channel: str = Field(description="in-person, call, video, email, message, event or content")
    direction: str = Field(description="give, ask, receive or neutral (from your side)")
    on: dt.date | None = Field(None, description="default: today")
    give: str | None = Field(None, description="referral, introduction, content, advice, favour")
    minutes: int | None = Field(None, ge=0)
    note: str | None = None
    outcome: str | None = Field(None, description="business")
    event: str | None = None
    follow_up: bool = False


class InteractionPatchIn(BaseModel):
    channel: str | None = None
    direction: str | None = None
    on: dt.date | None = None
    give: str | None = Field(None, description='"" clears it')
    minutes: int | None = Field(None, ge=0)
    note: str | None = None
    outcome: str | None = None
    event: str | None = None
    add_people: list[str] = []
    remove_people: list[str] = []


class IntroIdea(BaseModel):
    person_id: int
    name: str
    offer: str
    need: str


class AskWarning(BaseModel):
    person_id: int
    message: str
    content_ideas: list[str]
    introductions: list[IntroIdea]
    introductions_source: str


class Logged(BaseModel):
    interaction: InteractionOut
    warnings: list[AskWarning]


class LedgerCounts(BaseModel):
    gives: int
    asks: int
    receives: int
    neutral: int
    minutes: int


class LedgerMonth(LedgerCounts):
    month: str


class Jab(BaseModel):
    gives_since_last_ask: int
    last_ask_on: dt.date | None
    ready_to_ask: bool
    message: str


class LedgerOut(BaseModel):
    person: PersonRef
    months: list[LedgerMonth]
    totals: LedgerCounts
    balance: int = Field(description="gives minus asks")
    last_interaction: dt.date | None
    jab: Jab


class DueItem(BaseModel):
    kind: str
    person: PersonRef
    due_on: dt.date
    reason: str
    priority: float


class DueOut(BaseModel):
    total: int
    by_kind: dict[str, int]
    items: list[DueItem]


class Requirement(BaseModel):
    name: str
    status: str = Field(description="met, partial, missing, unknown or n/a")
    reason: str


class HealthOut(BaseModel):
    person: PersonRef
    strength: int | None
    never_scored: bool
    components: dict[str, float]
    requirements: list[Requirement]


class ColdItem(BaseModel):
    person: PersonRef
    strength: int | None
    reasons: list[str]


class GoingColdOut(BaseModel):
    total: int
    items: list[ColdItem]
