"""Models of suggestions, introductions, their drafts and the calibration report."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class PersonRef(BaseModel):
    id: int
    name: str


class SuggestedPerson(PersonRef):
    emails: list[str] = []
    title: str | None = None


class SuggestionOut(BaseModel):
    a: SuggestedPerson
    b: SuggestedPerson
    score: float = Field(description="0–1: how likely both sides gain")
    reasons_a: list[str] = Field(description="what A gains")
    reasons_b: list[str] = Field(description="what B gains")
    notes: list[str]
    terms: dict[str, float] = Field(description="the score's terms, as `netweave why` shows")


class PairIn(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    a: int = Field(description="one person's id, as listed in the suggestion")
    b: int
    for_person: int | None = Field(
        None, alias="for", description="the person the list was for, if it was"
    )
    note: str = Field("", max_length=2000)


class NextDate(BaseModel):
    what: str = Field(description="nudge, no reply or follow-up")
    on: dt.date


class IntroductionSummary(BaseModel):
    id: int
    a: PersonRef
    b: PersonRef
    stage: str
    since: dt.date
    origin: str
    score: float | None
    next: NextDate | None
    allowed: list[str] = Field(description="the actions this stage allows now")


class HistoryStep(BaseModel):
    on: dt.date
    action: str
    from_: str | None = Field(alias="from")
    to: str
    person_id: int | None
    note: str | None


class DebriefOut(BaseModel):
    side: str
    person: PersonRef
    outcome: int
    business: bool
    referral: bool
    notes: str | None
    on: dt.date


class IntroductionOut(IntroductionSummary):
    why: str | None
    reasons_a: list[str]
    reasons_b: list[str]
    terms: dict[str, float]
    declined_by: PersonRef | None
    created_on: dt.date
    asked_on: dt.date | None
    nudged_on: dt.date | None
    introduced_on: dt.date | None
    met_on: dt.date | None
    interaction_id: int | None
    history: list[HistoryStep] = Field(description="every step, dated, oldest first")
    debriefs: list[DebriefOut]


class StartIn(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    a: int | str = Field(description="id, email or name")
    b: int | str
    why: str | None = Field(None, max_length=2000)
    reasons_a: list[str] = []
    reasons_b: list[str] = []
    from_suggestion: bool = Field(
        False, description="take score, terms and reasons from the listed suggestion (ids only)"
    )
    for_person: int | None = Field(None, alias="for", description="with from_suggestion")
    anyway: bool = Field(False, description="start even if the pair is cooling down")


class ActionIn(BaseModel):
    on: dt.date | None = Field(None, description="the step's date (default today)")
    note: str = Field("", max_length=2000)
    minutes: int | None = Field(None, ge=0, le=1440, description="time spent (introduce)")


class SideIn(BaseModel):
    outcome: int = Field(ge=1, le=5, description="1 poor … 5 excellent")
    business: bool = False
    referral: bool = False
    notes: str | None = Field(None, max_length=5000)


class DebriefIn(BaseModel):
    a: SideIn | None = None
    b: SideIn | None = None
    on: dt.date | None = None


class DraftOut(BaseModel):
    key: str
    label: str
    to: list[str]
    subject: str
    body: str
    text: str
    mailto: str
    eml_url: str


class ReliabilityBin(BaseModel):
    low: float
    high: float
    count: int
    predicted: float | None
    observed: float | None


class PriorOut(BaseModel):
    brier: float | None
    reliability: list[ReliabilityBin]


class FittedOut(BaseModel):
    brier_cross_validated: float
    folds: int
    intercept: float
    coefficients: dict[str, float]
    reliability: list[ReliabilityBin]


class CalibrationOut(BaseModel):
    outcomes: int
    good: int
    threshold: int
    good_means: str
    prior: PriorOut
    fitted: FittedOut | None
    note: str
