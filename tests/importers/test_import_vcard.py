"""vCard import from the clients people actually export from."""

from __future__ import annotations

import base64

from conftest import by_name, labels

from netweave.importers.vcard import parse_vcard_text, read_block, read_block_vobject
from netweave.importers.vcard_lines import split_blocks


def test_apple_labels_photo_social_and_related(parse):
    result = parse("apple_iphone_3.0.vcf")
    assert result.format == "vcard" and not result.rejected
    zoe = by_name(result)["Dr. Zoë Marie Ångström"]
    assert (zoe.given_name, zoe.family_name) == ("Zoë", "Ångström")
    assert labels(zoe.emails) == {
        "zoe@nordlys.se": "other",
        "zoe.angstrom@gmail.com": "home",
        "zoe@board.example.org": "Board work",
    }
    assert labels(zoe.phones)["+46 8 555 010 99"] == "assistant"
    assert labels(zoe.phones)["+46 70 123 45 67"] == "mobile"
    assert labels(zoe.links) == {
        "https://nordlys.se": "website",
        "https://www.linkedin.com/in/zoeangstrom": "linkedin",
        "https://twitter.com/zoe_a": "other",
    }
    assert zoe.organisation == "Nordlys Consulting AB" and zoe.extra["department"] == "Strategy"
    assert zoe.notes == "Met at Slush 2023, wants intros to Nordic VCs.\nFollow up in May."
    assert zoe.extra["related (spouse)"] == "Lars Ångström"
    assert zoe.extra["birthday"] == "1979-06-21"
    assert zoe.extra["impp (skype, home)"] == "skype:zoe.angstrom"
    assert zoe.location == "Stockholm, Sweden"
    photo = zoe.extra["photo"]
    assert photo.startswith("data:image/jpeg;base64,/9j/")
    assert base64.b64decode(photo.split(",", 1)[1]).startswith(b"\xff\xd8")
    assert by_name(result)["김민준"].organisation == "서울 로보틱스"


def test_android_quoted_printable_soft_breaks(parse):
    result = parse("android_2.1.vcf")
    jose = by_name(result)["José García"]
    assert jose.organisation == "Constructora Sol y María"
    assert jose.notes == (
        "Conocido en la feria de Valencia. Busca abogados de divorcio y asesores fiscales "
        "para sus clientes.\nSegunda línea de la nota."
    )
    assert jose.extra["address (home)"] == "Calle Mayor 5, 2º, Madrid, 28013, España"
    assert labels(jose.phones) == {"+34 612 345 678": "mobile", "+34 91 555 0101": "work"}
    assert [p.line for p in result.people] == [1, 17, 22]
    # A card holding only a phone number is kept, named by the number rather than dropped.
    assert "+34 699 000 111" in by_name(result)
    assert by_name(result)["Jürgen Müller"].tags == ["Steuerberater"]


def test_google_export_custom_labels_and_categories(parse):
    priya = by_name(parse("google_3.0.vcf"))["Priya Raman"]
    assert labels(priya.emails)["priya@angels.example"] == "Angel syndicate"
    assert labels(priya.links) == {"https://www.linkedin.com/in/priyaraman": "linkedin"}
    assert priya.tags == ["myContacts", "Fintech"]


def test_outlook_windows_1252_with_base64_photo(parse):
    jurgen = parse("outlook_2.1_cp1252.vcf").people[0]
    assert jurgen.full_name == "Jürgen Müller-Lüdenscheidt"
    assert jurgen.organisation == "Kanzlei Müller & Söhne"
    assert (
        jurgen.notes == "Scheidungsanwalt, empfiehlt gern Steuerberater.\nMag Radfahren – und Café."
    )
    assert jurgen.extra["address label (work)"] == "Friedrichstraße 100\n10117 Berlin\nDeutschland"
    assert jurgen.extra["photo"].startswith("data:image/jpeg;base64,/9j/4AAQ")
    assert " " not in jurgen.extra["photo"]
    assert not any("design" in key for key in jurgen.extra)


def test_thunderbird_evolution_nextcloud_lotus(parse):
    amelie = parse("thunderbird_4.0.vcf").people[0]
    assert amelie.notes == "Photographe de mariage; cherche des wedding planners."
    assert amelie.extra["nickname"] == "Mimi"
    bjorn = parse("evolution_3.0.vcf").people[0]
    assert bjorn.tags == ["Design", "Freelancers"]
    assert bjorn.extra["x-evolution-file-as"] == "Olafsen, Bjørn"
    fatima = parse("nextcloud_3.0.vcf").people[0]
    assert labels(fatima.phones) == {"+212 522 000 111": "work"}
    assert fatima.links[0].label == "linkedin"
    tomas = parse("nextcloud_4.0.vcf").people[0]
    assert labels(tomas.phones) == {"+353-87-123-4567": "mobile"}
    assert tomas.extra["related (spouse)"] == "Siobhán Ó Briain"
    assert tomas.extra["photo"].startswith("data:image/png;base64,iVBOR")
    harold = parse("lotus_notes_2.1.vcf").people[0]
    assert labels(harold.phones)["+1 (312) 555-0198"] == "fax"
    assert harold.extra["address (work)"].startswith("Suite 2100, 233 S Wacker Dr")


def test_shift_jis_declared_and_undeclared(parse):
    result = parse("japanese_sjis_2.1.vcf")
    taro = result.people[0]
    assert taro.full_name == "山田 太郎"
    assert taro.organisation == "山田不動産株式会社"
    assert taro.notes == "商談の相談します"
    assert taro.extra["name reading"] == "ﾔﾏﾀﾞ ﾀﾛｳ"
    ichiro = parse("japanese_sjis_nocharset_3.0.vcf").people[0]
    assert (ichiro.full_name, ichiro.organisation, ichiro.title) == (
        "鈴木 一郎",
        "すずき会計事務所",
        "税理士",
    )


def test_utf16_file(parse):
    names = [p.full_name for p in parse("utf16_3.0.vcf").people]
    assert names == ["Ελένη Παπαδοπούλου", "Chloé Martin"]


def test_malformed_cards_are_rejected_alone_with_their_lines(parse):
    result = parse("malformed.vcf")
    assert [p.full_name for p in result.people] == ["Good One", "Good Two"]
    assert [(r.line, r.reason.split(": ")[0]) for r in result.rejected] == [
        (9, "not a vCard property line"),
        (12, "card has no name, email, phone or organisation"),
        (16, "card has no END:VCARD before the next BEGIN:VCARD"),
    ]
    assert str(result.rejected[0]).startswith("malformed.vcf:9: ")


def test_vobject_path_agrees_with_fast_path(parse):
    from conftest import FIXTURES

    from netweave.importers.vcard_lines import decode_vcard

    for path in sorted(FIXTURES.glob("*.vcf")):
        blocks, _ = split_blocks(decode_vcard(path.read_bytes()))
        for block in blocks:
            if block.error:
                continue
            fast, slow = _summary(read_block, block), _summary(read_block_vobject, block)
            if fast and slow:
                assert fast == slow, path


def _summary(read, block):
    """Properties as comparable tuples; vobject groups children by name, so sort."""
    try:
        props = read(block)
    except Exception:
        return []
    return sorted(
        (p.name, (p.group or "").lower(), p.value, sorted(p.types()))
        for p in props
        if p.name not in ("BEGIN", "END")
    )


def test_nested_agent_card_goes_through_vobject():
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Boss Person\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN:Assistant\r\nEND:VCARD\r\nEMAIL:boss@example.com\r\nEND:VCARD\r\n"
    )
    result = parse_vcard_text(text, "agent.vcf")
    assert [p.full_name for p in result.people] == ["Boss Person"]
    assert result.people[0].emails[0].value == "boss@example.com"


def test_text_outside_cards_is_reported():
    text = "garbage header\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nEND:VCARD\r\n"
    result = parse_vcard_text(text, "x.vcf")
    assert [p.full_name for p in result.people] == ["A"]
    assert result.rejected[0].line == 1
