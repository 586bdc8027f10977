"""30,000 connections (LinkedIn's cap) must import in well under five seconds per format."""

from __future__ import annotations

import time

import pytest

from netweave.importers.detect import parse_bytes

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


def _timed(data: bytes) -> tuple[int, float]:
    start = time.process_time()  # CPU time: other jobs on the machine do not count
    result = parse_bytes(data, "big")
    return len(result.people), time.process_time() - start


def test_thirty_thousand_vcards():
    data = "".join(_CARD.format(i=i) for i in range(30_000)).encode()
    count, seconds = _timed(data)
    assert count == 30_000 and seconds < 5


def test_thirty_thousand_linkedin_rows():
    header = (
        'Notes:\n"When exporting…"\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    )
    data = (header + "".join(_ROW.format(i=i) for i in range(30_000))).encode()
    count, seconds = _timed(data)
    assert count == 30_000 and seconds < 5
