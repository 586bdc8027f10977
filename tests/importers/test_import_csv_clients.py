"""Google, Outlook and Thunderbird CSV exports."""

from __future__ import annotations

from conftest import by_name, labels


def test_google_legacy_multi_values_and_groups(parse):
    result = parse("google_contacts_legacy.csv")
    assert result.format == "google"
    priya = by_name(result)["Priya Raman"]
    assert labels(priya.emails) == {
        "priya@ledgerly.io": "work",
        "p.raman@ledgerly.io": "work",
        "priya.raman@gmail.com": "home",
    }
    assert priya.tags == ["myContacts", "Fintech", "starred"]
    assert priya.links[0].label == "linkedin"
    assert (priya.organisation, priya.title) == ("Ledgerly", "Head of Partnerships")
    assert priya.notes == "Runs a CPA referral circle.\nAsk about the Q3 dinner."
    assert priya.extra["referred by"] == "Zoë Ångström"
    assert priya.extra["Birthday"] == "1988-11-02"
    assert priya.location == "San Francisco, CA, USA"
    soren = by_name(result)["Søren Kierkegaard-Hansen"]
    assert [p.value for p in soren.phones] == ["+45 33 12 34 56", "+45 20 12 34 56"]
    assert soren.line == 6
    assert [(r.line, r.reason) for r in result.rejected] == [(7, "row has no name and no email")]


def test_google_current_layout(parse):
    result = parse("google_contacts_current.csv")
    assert result.format == "google"
    amelie = by_name(result)["Amélie Dubois"]
    assert labels(amelie.emails)["amelie.dubois@atelier-lumiere.fr"] == "work"
    assert amelie.tags == ["myContacts", "Weddings"]
    assert amelie.extra["related (spouse)"] == "Luc Dubois"
    assert amelie.extra["Nickname"] == "Mimi"
    assert by_name(result)["Kwame Mensah"].extra["middle name"] == "Kofi"


def test_outlook_windows_1252(parse):
    result = parse("outlook_contacts_cp1252.csv")
    assert result.format == "outlook"
    jurgen = by_name(result)["Dr. Jürgen Müller-Lüdenscheidt"]
    assert (jurgen.given_name, jurgen.family_name) == ("Jürgen", "Müller-Lüdenscheidt")
    assert (jurgen.organisation, jurgen.title) == ("Kanzlei Müller & Söhne", "Rechtsanwalt")
    assert jurgen.notes == "Empfiehlt gern Steuerberater – „sehr zuverlässig“.\nMag Radfahren."
    assert jurgen.tags == ["Anwälte", "Empfehler"]
    assert labels(jurgen.phones) == {
        "+49 30 1234568": "work fax",
        "+49 30 1234567": "work",
        "+49 171 7654321": "mobile",
    }
    assert jurgen.extra["Birthday"] == "3/14/1971" and jurgen.extra["Spouse"] == "Sabine"
    # Outlook's own defaults are not the user's words.
    assert not {"Gender", "Priority", "Initials", "E-mail Type"} & set(jurgen.extra)
    chloe = by_name(result)["Chloé Martin"]
    assert [e.value for e in chloe.emails] == ["chloe@martin.fr", "c.martin@cabinet-martin.fr"]
    assert "Birthday" not in chloe.extra and chloe.location == "Lyon, France"


def test_outlook_com_with_bom(parse):
    result = parse("outlook_com_bom.csv")
    assert result.format == "outlook"
    eleni = result.people[0]
    assert eleni.full_name == "Ελένη Παπαδοπούλου"
    assert eleni.extra["IMAddress"] == "eleni.p@teams"


def test_thunderbird(parse):
    result = parse("thunderbird_addressbook.csv")
    assert result.format == "thunderbird"
    bjorn = by_name(result)["Bjørn Olafsen"]
    assert [e.value for e in bjorn.emails] == ["bjorn@olafsen-design.no", "bjorn.olafsen@online.no"]
    assert bjorn.extra["birthday"] == "1984-05-17"
    assert bjorn.extra["Custom 1"] == "Met at Oslo Design Week"
    assert bjorn.extra["nickname"] == "Bear"
    assert by_name(result)["newsletter@shop.example"].line == 3
