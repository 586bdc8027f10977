"""Models of goals, the week plan, ROT, imports and the network graph."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from netweave.web.api.schemas_ledger import ColdItem, DueItem, IntroIdea


class GoalStatus(BaseModel):
    metric: str
    target: int
    period: str
    default: bool
    since: dt.date | None
    start: dt.date
    end: dt.date
    done: int
    streak: int | None
    remaining: int
    summary: str


class GoalIn(BaseModel):
    spec: str = Field(description="a target per period, like 3/week or 1 per fortnight")


class GoalPeriod(BaseModel):
    start: dt.date
    end: dt.date
    count: int
    met: bool


class GoalHistory(BaseModel):
    metric: str
    target: int
    period: str
    streak: int
    periods: list[GoalPeriod]


class WeekSpan(BaseModel):
    start: dt.date
    end: dt.date


class Outing(BaseModel):
    due_on: dt.date
    last_face_to_face: dt.date | None
    rule: str
    candidates: list[ColdItem]


class WeekOut(BaseModel):
    week: WeekSpan
    introductions: list[IntroIdea]
    introductions_note: str
    follow_ups: list[DueItem]
    going_cold: list[ColdItem]
    going_cold_total: int
    next_outing: Outing
    goals: list[GoalStatus]


class RotRow(BaseModel):
    key: str
    name: str
    hours: float
    interactions: int
    referrals: int
    business: int
    points: float
    rot: float | None = Field(description="points per hour; null when no time was logged")


class Rejection(BaseModel):
    file: str
    line: int | None
    reason: str


class Conflict(BaseModel):
    file: str
    line: int | None
    person_id: int
    person: str
    field: str
    existing: str
    incoming: str


class ImportSummary(BaseModel):
    added: int
    updated: int
    unchanged: int
    interactions: int
    acquaintances: int
    rejected: list[Rejection]
    conflicts: list[Conflict]
    skipped: list[Rejection]


class ImportFile(BaseModel):
    name: str
    format: str | None
    records: int
    error: str | None
    summary: ImportSummary | None


class ImportBatch(BaseModel):
    dry_run: bool
    token: str | None = Field(None, description="commit these files later with this token")
    totals: dict[str, int]
    files: list[ImportFile]


class GraphNode(BaseModel):
    id: int
    name: str
    organisation: str | None
    strength: int | None


class GraphLink(BaseModel):
    source: int
    target: int
    suggested: bool


class GraphOut(BaseModel):
    centre: int | None
    nodes: list[GraphNode]
    links: list[GraphLink]
    notes: list[str]
