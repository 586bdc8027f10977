"""30,000 connections (LinkedIn's cap) parse whole, every record intact.

Speed is measured by `make bench` (bench_import.py), not here: a timed test fails on a busy
machine and proves nothing on a quiet one.
"""

from __future__ import annotations

import pytest

from netweave.importers.detect import parse_bytes
from netweave.importers.records import PersonRecord

pytestmark = pytest.mark.slow

_CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ångström{i};Zoë;;;\r\nFN:Zoë Ångström{i}\r\n"
    "ORG:Nordlys Consulting AB;Strategy\r\nTITLE:Managing Partner\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:zoe{i}@nordlys.se\r\nitem1.X-ABLabel:_$!<Other>!$_\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+46 70 123 45 67\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/z{i}\r\n"
    "NOTE:Met at Slush 2023\\, wants intros.\\nFollow up.\r\nEND:VCARD\r\n"
)
_ROW = (
    "José{i},García,https://www.linkedin.com/in/jos%C3%A9-{i},,"
    '"Constructora Sol, S.L.",Director comercial 🏗️,15 Mar 2023\n'
)


def _parsed(data: bytes) -> list[PersonRecord]:
    result = parse_bytes(data, "big")
    assert not result.rejected
    return result.people


def test_thirty_thousand_vcards():
    data = "".join(_CARD.format(i=i) for i in range(30_000)).encode()
    people = _parsed(data)
    assert len(people) == 30_000
    last = people[-1]
    assert last.full_name == "Zoë Ångström29999" and last.organisation == "Nordlys Consulting AB"
    assert [e.value for e in last.emails] == ["zoe29999@nordlys.se"]


def test_thirty_thousand_linkedin_rows():
    header = (
        'Notes:\n"When exporting…"\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    )
    data = (header + "".join(_ROW.format(i=i) for i in range(30_000))).encode()
    people = _parsed(data)
    assert len(people) == 30_000
    assert people[-1].full_name == "José29999 García"
    assert people[-1].organisation == "Constructora Sol, S.L."
