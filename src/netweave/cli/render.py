"""Rich rendering of people for humans (the JSON forms live in services.views)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from netweave.cli.context import console
from netweave.services.vocab import FACET_TITLES, QUESTION_TITLES


def print_people(rows: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("id", "name", "organisation", "title", "email"):
        table.add_column(column)
    for row in rows:
        emails = row["emails"]
        table.add_row(
            str(row["id"]),
            row["name"],
            row["organisation"] or "",
            row["title"] or "",
            emails[0] if emails else "",
        )
    console.print(table)


def _line(label: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        console.print(f"[bold]{label}:[/bold] {shown}", markup=True, highlight=False)


def print_person(detail: dict[str, Any]) -> None:
    """Print a person's record, facets and the four questions."""
    heading = detail["name"]
    if detail["title"] or detail["organisation"]:
        heading += " — " + ", ".join(x for x in (detail["title"], detail["organisation"]) if x)
    console.print(f"#{detail['id']} {heading}", style="bold", markup=False)
    _line("emails", detail["emails"])
    _line("phones", [p["number"] for p in detail["phones"]])
    _line("links", [link["url"] for link in detail["links"]])
    _line("location", detail["location"])
    _line(
        "met", ", ".join(x for x in (detail["how_met"], detail["where_met"], detail["met_on"]) if x)
    )
    _line("tags", detail["tags"])
    _line("temperament", detail["temperament"])
    _line("networker", detail["networker_level"])
    _line("openness", detail["openness"])
    _line(
        "keep in touch",
        f"{detail['tier']}, every {detail['cadence_days']} days"
        if detail["cadence_days"]
        else detail["tier"],
    )
    for key, title in FACET_TITLES.items():
        items = detail["facets"][key]
        if items:
            console.print(f"[bold]{title}:[/bold]", markup=True)
            for item in items:
                console.print(f"  [{item['id']}] {item['text']}", markup=False)
    for key, question in QUESTION_TITLES.items():
        _line(question, detail["four_questions"][key])
    _line("knows", [p["name"] for p in detail["knows"]])
    _line("notes", detail["notes"])
