"""Drafts from Jinja2 templates, as plain text, an `.eml` file and a `mailto:` link.

Templates live in `messages/templates/`; a file of the same name in the user's template
folder (`<data dir>/templates/`) overrides the packaged one. The first line of a rendered
template is `Subject: …`; the rest is the body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2 import TemplateNotFound as JinjaTemplateNotFound

from netweave.errors import NetweaveError

TEMPLATE_NAMES = (
    "optin_ask",
    "introduction",
    "follow_up",
    "connection_request",
    "thank_you_two_back",
    "nudge",
    "gathering_invite",
    "share_note",
)


@dataclass(frozen=True)
class Draft:
    """A rendered message: who it goes to, subject and body."""

    to: tuple[str, ...]
    subject: str
    body: str

    def text(self) -> str:
        to = ", ".join(self.to) or "(no email address recorded)"
        return f"To: {to}\nSubject: {self.subject}\n\n{self.body}"

    def eml(self, sender: str | None = None, when: dt.datetime | None = None) -> bytes:
        """An RFC 5322 message that mail clients open as a draft (X-Unsent: 1)."""
        message = EmailMessage()
        if sender:
            message["From"] = sender
        if self.to:
            message["To"] = ", ".join(self.to)
        message["Subject"] = self.subject
        message["Date"] = format_datetime(when or dt.datetime.now(dt.UTC))
        message["Message-ID"] = make_msgid(domain="netweave.local")
        message["X-Unsent"] = "1"
        message.set_content(self.body)
        return bytes(message)

    def mailto(self) -> str:
        to = ",".join(quote(a, safe="@") for a in self.to)
        return f"mailto:{to}?subject={quote(self.subject)}&body={quote(self.body)}"


def environment(user_dir: Path | None = None) -> Environment:
    loaders: list[Any] = []
    if user_dir is not None and user_dir.is_dir():
        loaders.append(FileSystemLoader(str(user_dir)))
    loaders.append(PackageLoader("netweave.messages", "templates"))
    return Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text email, never HTML
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(
    name: str, context: dict[str, Any], to: list[str], user_dir: Path | None = None
) -> Draft:
    """Render template `name` (see TEMPLATE_NAMES) into a Draft."""
    try:
        template = environment(user_dir).get_template(f"{name}.txt.j2")
    except JinjaTemplateNotFound:
        raise NetweaveError(f"no message template {name!r}") from None
    rendered = template.render(**context).strip()
    first, _, body = rendered.partition("\n")
    if not first.startswith("Subject:"):
        raise NetweaveError(f"template {name!r} must start with a 'Subject:' line")
    return Draft(tuple(to), first.removeprefix("Subject:").strip(), body.strip() + "\n")
