"""Request and response models of the people endpoints (they make /openapi.json precise)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from netweave.importers.records import Labelled, PersonRecord
from netweave.services.people import SCALAR_FIELDS, PersonPatch

Text = str | None


class PersonRef(BaseModel):
    id: int
    name: str


class PersonSummary(PersonRef):
    emails: list[str]
    organisation: str | None
    title: str | None


class DirectoryRow(BaseModel):
    id: int
    name: str
    organisation: str | None
    title: str | None
    email: str | None
    strength: int | None = Field(description="0–100; null when never scored")
    last_contact: dt.date | None


class DirectoryPage(BaseModel):
    total: int
    people: list[DirectoryRow]


class Phone(BaseModel):
    number: str
    label: str | None


class Link(BaseModel):
    url: str
    kind: str


class FacetItem(BaseModel):
    id: int
    text: str


class Facets(BaseModel):
    objectives: list[FacetItem]
    needs: list[FacetItem]
    offers: list[FacetItem]
    interests: list[FacetItem]
    referral_sources: list[FacetItem]
    prospect_pool: list[FacetItem]


class FourQuestions(BaseModel):
    why_connect: str | None
    how_connect: str | None
    why_they_connect: str | None
    how_keep_up: str | None


class PersonDetail(PersonSummary):
    given_name: str | None
    family_name: str | None
    phones: list[Phone]
    links: list[Link]
    location: str | None
    how_met: str | None
    where_met: str | None
    met_on: dt.date | None
    tags: list[str]
    temperament: list[str]
    networker_level: str
    openness: str
    tier: str
    cadence_days: int | None
    four_questions: FourQuestions
    facets: Facets
    notes: str | None
    knows: list[PersonSummary]


class FacetLists(BaseModel):
    objectives: list[str] = []
    needs: list[str] = []
    offers: list[str] = []
    interests: list[str] = []
    referral_sources: list[str] = []
    prospect_pool: list[str] = []


class PersonIn(FacetLists):
    """A new person; only the name is required."""

    full_name: str = Field(min_length=1, max_length=300)
    emails: list[str] = []
    phones: list[str] = []
    links: list[str] = []
    organisation: Text = None
    title: Text = None
    location: Text = None
    how_met: Text = None
    where_met: Text = None
    met_on: dt.date | None = None
    tags: list[str] = []
    temperament: list[str] = []
    networker_level: int | str | None = None
    openness: Text = Field(None, description="open, ask_first or not_now")
    tier: Text = Field(None, description="inner, active, network or dormant")
    cadence_days: int | None = Field(None, ge=1)
    notes: Text = None
    why_connect: Text = None
    how_connect: Text = None
    why_they_connect: Text = None
    how_keep_up: Text = None

    def record(self) -> PersonRecord:
        from netweave.services.vocab import parse_networker_level

        questions = ("why_connect", "how_connect", "why_they_connect", "how_keep_up")
        data = self.model_dump(exclude={"emails", "phones", "links", "networker_level", *questions})
        record = PersonRecord(
            **data,
            emails=[Labelled(e) for e in self.emails],
            phones=[Labelled(p) for p in self.phones],
            links=[Labelled(u) for u in self.links],
        )
        for name in questions:  # read by `apply_record` like the other scalar fields
            setattr(record, name, getattr(self, name))
        if self.networker_level is not None:
            record.networker_level = parse_networker_level(self.networker_level)
        return record


SCALARS = SCALAR_FIELDS  # the fields `PersonPatch.scalars` accepts


class PersonPatchIn(BaseModel):
    """Changes to a person: null leaves a field alone; `add_*` / `remove_*` change lists."""

    full_name: str | None = Field(None, min_length=1, max_length=300)
    organisation: Text = Field(None, description='"" removes the organisation')
    title: Text = None
    location: Text = None
    how_met: Text = None
    where_met: Text = None
    met_on: dt.date | None = None
    notes: Text = None
    cadence_days: int | None = Field(None, ge=1)
    why_connect: Text = None
    how_connect: Text = None
    why_they_connect: Text = None
    how_keep_up: Text = None
    openness: Text = None
    tier: Text = None
    networker_level: int | str | None = None
    temperament: list[str] = []
    add_emails: list[str] = []
    add_phones: list[str] = []
    add_links: list[str] = []
    add_tags: list[str] = []
    remove_tags: list[str] = []
    add_facets: FacetLists = FacetLists()
    remove_facet_ids: list[int] = []
    clear: list[str] = Field([], description="scalar fields to empty, e.g. title, notes")

    def patch(self) -> PersonPatch:
        level = self.networker_level
        return PersonPatch(
            full_name=self.full_name,
            organisation=self.organisation,
            scalars={k: getattr(self, k) for k in SCALARS if getattr(self, k) is not None},
            openness=self.openness,
            tier=self.tier,
            networker_level=str(level) if level is not None else None,
            temperament=self.temperament,
            add_emails=self.add_emails,
            add_phones=self.add_phones,
            add_links=self.add_links,
            add_tags=self.add_tags,
            remove_tags=self.remove_tags,
            add_facets={k: v for k, v in self.add_facets.model_dump().items() if v},
            remove_facet_ids=self.remove_facet_ids,
            clear=self.clear,
        )
