"""`netweave people`: the contact book."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from netweave.cli.context import JsonOption, LimitOption, console, print_json, state
from netweave.cli.render import print_people, print_person
from netweave.errors import NetweaveError
from netweave.importers.records import Labelled, PersonRecord
from netweave.services import people as service
from netweave.services.dates import parse_date
from netweave.services.views import person_detail, person_summary
from netweave.services.vocab import parse_networker_level

app = typer.Typer(help="Add, edit, find and remove people.", no_args_is_help=True)

Many = Annotated[list[str] | None, typer.Option()]

FOUR_QUESTIONS = {
    "why_connect": "Why am I making this connection?",
    "how_connect": "How am I going to make this connection?",
    "why_they_connect": "Why would this person want to connect with me?",
    "how_keep_up": "How am I going to keep up this connection once I've made it?",
}


def _facets(**items: list[str] | None) -> dict[str, list[str]]:
    return {name: list(values or []) for name, values in items.items() if values}


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Full name.")],
    email: Many = None,
    phone: Many = None,
    org: Annotated[str | None, typer.Option(help="Organisation.")] = None,
    title: Annotated[str | None, typer.Option()] = None,
    location: Annotated[str | None, typer.Option()] = None,
    link: Many = None,
    tag: Many = None,
    objective: Many = None,
    need: Many = None,
    offer: Many = None,
    interest: Many = None,
    referral_source: Many = None,
    prospect: Annotated[list[str] | None, typer.Option(help="Prospect pool item.")] = None,
    temperament: Many = None,
    networker_level: Annotated[str | None, typer.Option(help="0–4 or passive…connector.")] = None,
    openness: Annotated[str | None, typer.Option(help="open, ask_first or not_now.")] = None,
    tier: Annotated[str | None, typer.Option(help="inner, active, network or dormant.")] = None,
    cadence: Annotated[int | None, typer.Option(min=1, help="Keep in touch every N days.")] = None,
    how_met: Annotated[str | None, typer.Option()] = None,
    where_met: Annotated[str | None, typer.Option()] = None,
    met_on: Annotated[str | None, typer.Option(help="Date: ISO, today, last friday…")] = None,
    notes: Annotated[str | None, typer.Option()] = None,
    knows: Annotated[
        list[str] | None, typer.Option(help="Someone they know (id/email/name).")
    ] = None,
    new: Annotated[bool, typer.Option("--new", help="Ask the four questions.")] = False,
    json_out: JsonOption = False,
) -> None:
    """Add a person with their facets.

    Example: netweave people add "Dana Reyes" --org "Reyes Law" --offer "family-law advice"
    --need "referrals from CPAs" --interest cycling
    """
    app_state = state(ctx)
    record = PersonRecord(
        full_name=name,
        emails=[Labelled(e) for e in email or []],
        phones=[Labelled(p) for p in phone or []],
        links=[Labelled(u) for u in link or []],
        organisation=org,
        title=title,
        location=location,
        tags=list(tag or []),
        temperament=list(temperament or []),
        openness=openness,
        tier=tier,
        cadence_days=cadence,
        how_met=how_met,
        where_met=where_met,
        met_on=parse_date(met_on, app_state.today()) if met_on else None,
        notes=notes,
        **_facets(
            objectives=objective,
            needs=need,
            offers=offer,
            interests=interest,
            referral_sources=referral_source,
            prospect_pool=prospect,
        ),  # type: ignore[arg-type]
    )
    if networker_level is not None:
        record.networker_level = parse_networker_level(networker_level)
    with app_state.store().write() as session:
        person = service.add_person(session, record)
        for ref in knows or []:
            service.add_acquaintance(session, person, service.find_person(session, ref), "manual")
        if new:
            _ask_four_questions(person)
        result = person_summary(person)
    if json_out:
        print_json(result)
    else:
        console.print(f"added #{result['id']} {result['name']}")


def _ask_four_questions(person: Any) -> None:
    for attr, question in FOUR_QUESTIONS.items():
        if not getattr(person, attr):
            answer = typer.prompt(question, default="", show_default=False)
            setattr(person, attr, answer.strip() or None)


@app.command("edit")
def edit(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    name: Annotated[str | None, typer.Option(help="New full name.")] = None,
    email: Many = None,
    phone: Many = None,
    org: Annotated[str | None, typer.Option(help="Organisation ('' to clear).")] = None,
    title: Annotated[str | None, typer.Option()] = None,
    location: Annotated[str | None, typer.Option()] = None,
    link: Many = None,
    tag: Many = None,
    untag: Many = None,
    objective: Many = None,
    need: Many = None,
    offer: Many = None,
    interest: Many = None,
    referral_source: Many = None,
    prospect: Many = None,
    remove_item: Annotated[list[int] | None, typer.Option(help="Facet item id to remove.")] = None,
    temperament: Many = None,
    networker_level: Annotated[str | None, typer.Option()] = None,
    openness: Annotated[str | None, typer.Option()] = None,
    tier: Annotated[str | None, typer.Option()] = None,
    cadence: Annotated[int | None, typer.Option(min=1)] = None,
    how_met: Annotated[str | None, typer.Option()] = None,
    where_met: Annotated[str | None, typer.Option()] = None,
    met_on: Annotated[str | None, typer.Option()] = None,
    notes: Annotated[str | None, typer.Option()] = None,
    why: Annotated[str | None, typer.Option(help=FOUR_QUESTIONS["why_connect"])] = None,
    how: Annotated[str | None, typer.Option(help=FOUR_QUESTIONS["how_connect"])] = None,
    why_they: Annotated[str | None, typer.Option(help=FOUR_QUESTIONS["why_they_connect"])] = None,
    keep_up: Annotated[str | None, typer.Option(help=FOUR_QUESTIONS["how_keep_up"])] = None,
    json_out: JsonOption = False,
) -> None:
    """Change a person: set fields, add items, remove items or tags.

    Example: netweave people edit "Dana Reyes" --need "a bilingual paralegal" --untag prospect
    """
    app_state = state(ctx)
    scalars: dict[str, object] = {
        "title": title,
        "location": location,
        "how_met": how_met,
        "where_met": where_met,
        "met_on": parse_date(met_on, app_state.today()) if met_on else None,
        "notes": notes,
        "cadence_days": cadence,
        "why_connect": why,
        "how_connect": how,
        "why_they_connect": why_they,
        "how_keep_up": keep_up,
    }
    patch = service.PersonPatch(
        full_name=name,
        organisation=org,
        scalars={k: v for k, v in scalars.items() if v is not None},
        openness=openness,
        tier=tier,
        networker_level=networker_level,
        temperament=list(temperament or []),
        add_emails=list(email or []),
        add_phones=list(phone or []),
        add_links=list(link or []),
        add_tags=list(tag or []),
        remove_tags=list(untag or []),
        add_facets=_facets(
            objectives=objective,
            needs=need,
            offers=offer,
            interests=interest,
            referral_sources=referral_source,
            prospect_pool=prospect,
        ),
        remove_facet_ids=list(remove_item or []),
    )
    with app_state.store().write() as session:
        found = service.find_person(session, person)
        result = person_summary(service.edit_person(session, found, patch))
    if json_out:
        print_json(result)
    else:
        console.print(f"updated #{result['id']} {result['name']}")


@app.command("show")
def show(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    json_out: JsonOption = False,
) -> None:
    """Show everything about a person.

    Example: netweave people show "Dana Reyes"
    """
    with state(ctx).store().read() as session:
        detail = person_detail(session, service.find_person(session, person))
    if json_out:
        print_json(detail)
    else:
        print_person(detail)


@app.command("list")
def list_(
    ctx: typer.Context,
    tag: Annotated[str | None, typer.Option(help="Only people with this tag.")] = None,
    sort: Annotated[str, typer.Option(help="name or recent.")] = "name",
    limit: LimitOption = None,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    json_out: JsonOption = False,
) -> None:
    """List people (everyone unless --limit is given).

    Example: netweave people list --tag bni --limit 20
    """
    if sort not in ("name", "recent"):
        raise NetweaveError(f"unknown sort {sort!r}; choose name or recent")
    with state(ctx).store().read() as session:
        page = service.list_people(session, limit=limit, offset=offset, tag=tag, sort=sort)
        rows = [person_summary(p) for p in page.people]
    if json_out:
        print_json(rows)
    else:
        print_people(rows, f"{len(rows)} of {page.total} people")


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words to find in names, organisations, facets.")],
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """Full-text search over names, organisation, tags and facets.

    Example: netweave people search "family law"
    """
    with state(ctx).store().read() as session:
        rows = [person_summary(p) for p in service.search_people(session, query, limit or 50)]
    if json_out:
        print_json(rows)
    else:
        print_people(rows, f"{len(rows)} matching {query!r}")


@app.command("remove")
def remove(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="Id, email or name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a person and everything recorded about them.

    Example: netweave people remove 42 --yes
    """
    with state(ctx).store().write() as session:
        found = service.find_person(session, person)
        label = f"#{found.id} {found.full_name}"
        if not yes and not typer.confirm(f"Delete {label} and everything about them?"):
            raise NetweaveError("nothing deleted")
        service.remove_person(session, found)
    console.print(f"removed {label}")


@app.command("knows")
def knows(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="A person (id, email or name).")],
    b: Annotated[str, typer.Argument(help="Someone they know.")],
    source: Annotated[str, typer.Option(help="How you know they know each other.")] = "manual",
    since: Annotated[str | None, typer.Option(help="Since when (date).")] = None,
) -> None:
    """Record that two people know each other.

    Example: netweave people knows "Dana Reyes" "Lee Chen" --source "BNI chapter"
    """
    app_state = state(ctx)
    with app_state.store().write() as session:
        first, second = service.find_person(session, a), service.find_person(session, b)
        when = parse_date(since, app_state.today()) if since else None
        added = service.add_acquaintance(session, first, second, source, when)
        names = f"{first.full_name} and {second.full_name}"
    console.print(f"recorded that {names} know each other" if added else f"{names} already known")


@app.command("duplicates")
def duplicates(
    ctx: typer.Context,
    limit: LimitOption = None,
    json_out: JsonOption = False,
) -> None:
    """Rank likely duplicate people left after imports, with reasons.

    Example: netweave people duplicates --limit 20
    """
    from netweave.services.merge import duplicates_json, find_duplicates

    with state(ctx).store().read() as session:
        pairs = duplicates_json(find_duplicates(session, limit or 50))
    if json_out:
        print_json(pairs)
        return
    if not pairs:
        console.print("no likely duplicates")
    for pair in pairs:
        console.print(
            f"{pair['score']:.0f}  #{pair['a_id']} {pair['a_name']}  ~  #{pair['b_id']} "
            f"{pair['b_name']}  ({', '.join(pair['reasons'])})",
            markup=False,
        )


@app.command("merge")
def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(help="The person to keep (id, email or name).")],
    other: Annotated[str, typer.Argument(help="The duplicate to fold into them.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Merge a duplicate into a person, with all their history.

    Example: netweave people merge 12 57 --yes
    """
    from netweave.services.merge import merge_people

    with state(ctx).store().write() as session:
        first, second = service.find_person(session, keep), service.find_person(session, other)
        label = f"#{second.id} {second.full_name} into #{first.id} {first.full_name}"
        if not yes and not typer.confirm(f"Merge {label}?"):
            raise NetweaveError("nothing merged")
        merge_people(session, first, second)
    console.print(f"merged {label}")
