"""Phone numbers, e-mail addresses, street addresses and CVR numbers: positives and look-alikes."""

from __future__ import annotations

import pytest

from sojournal.pii import find_addresses, find_cvr, find_emails, find_phones, scan


def found(text: str, kind: str) -> list[str]:
    return [text[s.start : s.end] for s in scan(text) if s.kind == kind]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("ring på 23456789 tak", "23456789"),
        ("ring på 23 45 67 89 tak", "23 45 67 89"),
        ("ring på 2345 6789 tak", "2345 6789"),
        ("ring på 2345-6789 tak", "2345-6789"),
        ("call me on +45 42 17 83 90", "+45 42 17 83 90"),
        ("tlf. 0045 42178390", "0045 42178390"),
        ("(+45) 4217 8390", "(+45) 4217 8390"),
        ("Mobil: +4542178390.", "+4542178390"),
    ],
)
def test_danish_phone_forms(text: str, number: str) -> None:
    assert found(text, "phone") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "det kostede 12.345.678 kr",
        "betalt 23456789 kr i alt",
        "mødet er 12-05-2024 kl 10",
        "mødet er 12 05 2024",
        "nummeret 12345678 starter med 1",  # Danish subscriber numbers never start with 0/1
        "konto 1234 5678901234",
        "cpr 211062-5629",
        "sagsnr. 2024-019377",
        "ordrenummer 2011874563",
    ],
)
def test_phone_look_alikes(text: str) -> None:
    assert found(text, "phone") == []


def test_organisation_numbers_are_evidence_not_personal_data() -> None:
    for text in (
        "Jeg ringede til jer på 72 58 30 00 i går",
        "Der står 70 20 12 34 på hjemmesiden",
        "Borgerservice: 80 20 12 34",
    ):
        assert found(text, "phone") == []
        assert find_phones(text)[0].score < 0.5  # still seen, for the log filter and review


def test_personal_context_raises_phone_score() -> None:
    assert find_phones("ring til mig på 23456789")[0].score > find_phones("23456789")[0].score


@pytest.mark.parametrize(
    "address",
    [
        "mette.k.jakobsen77@outlook.dk",
        "sofielund_94@hotmail.dk",
        "jgarcia.lopez.dk@gmail.com",
        "a+tag@sub.example.co.uk",
    ],
)
def test_email_positives(address: str) -> None:
    assert found(f"Skriv til {address}. Tak!", "email") == [address]


def test_email_negatives_and_organisations() -> None:
    assert find_emails("mød mig @ rådhuset kl 10") == ()
    assert find_emails("@Karin Holm du tager fejl") == ()
    assert found("skriv til teknik@lindaa-kommune.dk", "email") == []
    assert found("skriv til info@firma.dk", "email") == []
    assert found("skriv til karin.holm@firma.dk", "email") == ["karin.holm@firma.dk"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Vi bor på Møllevej 12 i Lindå", "Møllevej 12"),
        ("adressen er Havnegade 2, 1. tv", "Havnegade 2, 1. tv"),
        ("Kongens Vænge 4B er vores", "Kongens Vænge 4B"),
        ("Vi bor på Solsikkevej 5, 4. tv. i Lindå", "Solsikkevej 5, 4. tv"),
        (
            "H.C. Andersens Boulevard 27, 1553 København V",
            "H.C. Andersens Boulevard 27, 1553 København V",
        ),
        ("Jeg bor på Østergade 14, 2. th, 8000 Aarhus C", "Østergade 14, 2. th, 8000 Aarhus C"),
        ("på Kirkestraede 9 i Bøgeskov", "Kirkestraede 9"),
        ("vi bor på Rosenvænget 11. Det er", "Rosenvænget 11"),
        ("Birkeallé 3 har", "Birkeallé 3"),
        ("Lille Strandstræde 20A", "Lille Strandstræde 20A"),
        ("min adresse er møllevej 12b", "møllevej 12b"),
        ("Flyttet til 3480 Fredensborg i maj", "3480 Fredensborg"),
    ],
)
def test_address_positives(text: str, address: str) -> None:
    assert found(text, "address") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "skraldet er ikke hentet på Møllevej",
        "hullet på Stationsvej har været der 3 gange",
        "Det står paa Kirkestraede 5 dage senere",
        "vejarbejdet på Hovedgaden 2 uger mere",
        "Plejecenter Engly, stue 14",
        "i 2024 Kommunen har sagt",
        "postnummer 3480 alene",
        "Sagsnr 2024 og Møllevej",
        "vi har ventet i 14 måneder",
        "Hun bor i et hus 2 km væk",
    ],
)
def test_address_look_alikes(text: str) -> None:
    assert found(text, "address") == []


def test_lower_case_streets_score_lower_than_capitalised() -> None:
    assert find_addresses("møllevej 12")[0].score < find_addresses("Møllevej 12")[0].score


def test_cvr_needs_label_and_valid_check_digit() -> None:
    assert [(s.kind, s.start, s.end) for s in find_cvr("CVR-nr. 13585628")] == [("cvr", 8, 16)]
    assert [s.kind for s in find_cvr("cvr: 1358 5628")] == ["cvr"]
    assert find_cvr("CVR 13585627") == ()  # modulus 11 fails
    assert find_cvr("ring 13585628") == ()
    text = "Vores CVR er 13585628"
    assert [s.kind for s in scan(text)] == ["cvr"]  # not also a phone number
