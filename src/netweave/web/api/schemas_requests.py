"""Models of requests for help, routing (helpers) and events."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from netweave.web.api.schemas_intro import PersonRef, SuggestedPerson, SuggestionOut
from netweave.web.api.schemas_plans import ImportSummary


class RefinementIn(BaseModel):
    goal: str | None = Field(None, max_length=2000, description="what they want to achieve")
    context: str | None = Field(None, max_length=2000, description="their situation")
    ask: str | None = Field(None, max_length=2000, description="the specific ask")
    outcome: str | None = Field(None, max_length=2000, description="what success is")


class RequestIn(RefinementIn):
    model_config = ConfigDict(populate_by_name=True)

    text: str = Field(min_length=1, max_length=5000, description="the request, as it was asked")
    from_: str | None = Field(
        None, alias="from", max_length=300, description="who asked (id, email or name); none: me"
    )
    check_after_days: int = Field(14, ge=1, le=3650, description="days until the outcome check")


class RequestIntro(BaseModel):
    id: int
    a: str
    b: str
    stage: str


class RequestOut(BaseModel):
    id: int
    from_: PersonRef | None = Field(alias="from", description="who asked; null: me")
    raw_text: str = Field(description="as asked")
    text: str = Field(description="the refined text routing matches (the raw text if unrefined)")
    refined: bool
    goal: str | None
    context: str | None
    ask: str | None
    outcome: str | None
    vague: bool = Field(description="the text as asked was vague (docs/requests.md)")
    status: str = Field(description="open or closed")
    created_on: dt.date
    check_on: dt.date | None = Field(description="when the outcome is next checked (open only)")
    closed_on: dt.date | None
    result: str | None
    introductions: list[RequestIntro]


class Detection(BaseModel):
    vague: bool
    reasons: list[str] = Field(description="the rules that fired, with detail")
    topic_words: list[str]
    phrases: list[str]
    concrete_ask: bool


class RequestAdded(RequestOut):
    detection: Detection = Field(description="why the text as asked is (or is not) vague")


class HelperPerson(PersonRef):
    emails: list[str]


class HelperOut(BaseModel):
    person: HelperPerson
    score: float = Field(description="relevance × openness × load × strength × nearby")
    reasons: list[str] = Field(description="the matching items quoted, and adjustments")


class RouteIn(BaseModel):
    text: str = Field(min_length=1, max_length=5000, description="what is needed, in plain words")
    limit: int = Field(10, ge=1, le=100)


class HelperStartIn(BaseModel):
    helper: int | str = Field(description="id, email or name of the person to introduce")
    anyway: bool = Field(False, description="start even if the pair is cooling down")


class CloseIn(BaseModel):
    result: str | None = Field(None, max_length=2000, description="how it ended")


class TwoBackPerson(SuggestedPerson):
    reasons: list[str] = Field(description="what they would gain")


class DraftText(BaseModel):
    to: list[str]
    subject: str
    body: str
    mailto: str


class TwoBackOut(BaseModel):
    requester: PersonRef
    people: list[TwoBackPerson]
    draft: DraftText


class EventIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    on: dt.date
    place: str | None = Field(None, max_length=300)


class EventSummary(BaseModel):
    id: int
    name: str
    on: dt.date
    place: str | None
    attendees: int


class Attendee(PersonRef):
    met_on: dt.date | None = Field(description="when I met them there (after a follow-up)")


class EventOut(BaseModel):
    id: int
    name: str
    on: dt.date
    place: str | None
    attendees: list[Attendee]


class AttendeeUpload(BaseModel):
    event: EventOut
    attendees: int = Field(description="on the list after the upload")
    added_to_event: int
    import_: ImportSummary = Field(
        alias="import", description="people added, matched (updated or unchanged), rejected"
    )


class MeetOut(BaseModel):
    person: PersonRef
    new: bool = Field(description="no interaction logged with them yet")
    synergy: float
    reasons: list[str]


class PlanOut(BaseModel):
    event: EventSummary
    meet: list[MeetOut] = Field(description="new people first, then by synergy")
    introductions: list[SuggestionOut] = Field(description="pairs of attendees worth introducing")


class FollowupIn(BaseModel):
    met: list[str] = Field(min_length=1, description="the people met (id, email or name)")
    note: str | None = Field(None, max_length=2000)


class FollowupOut(BaseModel):
    person: PersonRef
    interaction: int
    follow_up_on: dt.date
