"""Sensitive matters told in everyday words, about relatives named without a possessive.

Posts rarely use the case worker's vocabulary: "Far kan ikke selv komme op",
not "gangbesvær". These tests pin the plain-word lexicon entries, the anchors
they need (relatives, "Datteren", a dropped "jeg") and the contexts that cancel
them, so that a later lexicon edit that loses one fails here.
"""

from __future__ import annotations

import pytest

from sojournal.pii import scan
from sojournal.pii.lexicon import TermIndex


def kinds(text: str) -> set[str]:
    return {s.kind for s in scan(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # relatives without a possessive anchor the sentence
        ("Mor har fået konstateret knuder i brystet", "health"),
        ("Farmor glemmer at tage sine piller", "health"),
        ("Svigerfar er blevet dement", "health"),
        ("Naboen drikker hver aften og råber", "health"),
        ("Onkel Bent er startet med at drikke igen", "health"),
        ("Lillebror ryger hash hver dag", "health"),
        # plain words for illness, care and disability
        ("Far kan ikke selv komme op fra gulvet", "health"),
        ("Min mand har mistet synet på det ene øje", "health"),
        ("Hun har ikke spist ordentligt i ugevis", "health"),
        ("Min kone er startet på kemo", "health"),
        ("Mormor ligger for døden på hospice", "health"),
        ("Min veninde er gravid", "health"),
        ("Jeg har haft det rigtig skidt psykisk", "health"),
        ("Far er faldet på badeværelset igen", "health"),
        ("Far bor på plejecentret", "health"),  # centret, not center
        ("My husband is off work with burnout", "health"),
        # social: money trouble, eviction, no home, work
        ("Vi har ikke råd til at betale huslejen", "social"),
        ("Min nabo skylder tre måneders husleje", "social"),
        ("Min bror har ikke et sted at bo", "social"),
        ("Jeg er blevet fyret og kan ikke betale mine regninger", "social"),
        ("Jeg har været ledig i 8 måneder", "social"),
        # criminal
        ("Min søster blev slået af sin kæreste", "criminal"),
        ("Han har fået tilhold mod sin ekskone", "criminal"),
        # a dropped "jeg" at the start of a sentence is the writer
        ("Har søgt om friplads for 6 uger siden", "social"),
        ("Er blevet fyret i sidste uge", "social"),
        ("Min veninde er hjemløs og sover i en bil", "social"),
        ("Min far fik et ildebefindende og blev kørt væk i ambulance", "health"),
        ("Vi er blevet opsagt fra vores lejlighed", "social"),
        ("Min bedstemor har fået at vide at hendes rengøring bliver skåret ned", "health"),
        ("Jeg har søgt om at få min hund registreret som servicehund", "health"),  # not a pet's
        ("Har søgt om nedsat forældrebetaling i oktober", "social"),
        ("Svigerfar er blevet lovet en plads på daghjemmet", "health"),
    ],
)
def test_plain_words_about_a_person(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Datteren har haft det rigtig skidt psykisk siden skilsmissen",
        "Lillebror ryger hash og er droppet ud af skolen",
        "Vores Sofie er blevet visiteret til talepædagog",
        "Naboens dreng på 6 går rundt i bare tæer i kulden",
        "Jeg bor ved siden af en familie hvor den mindste på 3 år står alene ude om aftenen",
        "vores knægt skulle starte i 0. klasse på Engskolen",
        "Vores datter på 11 bliver holdt udenfor i klassen",
        "Der bor en dreng i min opgang som bliver lukket ud på trappen om natten",
    ],
)
def test_a_childs_matter_without_min_or_vores_noun(text: str) -> None:
    assert "child" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Min mor siger at I har åbent til kl. 18 på torsdag",
        "Far og jeg vil gerne høre om der er loppemarked på søndag",
        "Vores hund er syg og kan ikke gå tur",  # a pet
        "Det er sygt irriterende med det vejarbejde",  # slang
        "Jeg har virkelig ondt af de ansatte i borgerservice",  # pity, not pain
        "Jeg arbejder selv i hjemmeplejen og vi har for travlt",  # a job
        "Min bror er læge på sygehuset og siger parkeringen er kaos",  # a job
        "Jeg vil gerne være frivillig på plejecentret",  # volunteering
        "Min far er lige gået på pension",  # retiring, not a benefit case
        "Vi skylder jer en stor tak for byfesten",  # thanks, not debt
        "Min far siger at prisen er faldet",  # a price, not a fall
        "Jeg kan ikke gå ud af døren uden at se affald",
        "Der er ledige pladser på holdet",  # vacancies
        "Datteren til naboen er blevet mobbet",  # no family we can identify
        "Har I åbent i morgen?",  # a question, no dropped "jeg"
        "Vi burde jage de sigøjnere ud af byen",  # a group, nobody's own data
        "Vores kat er blevet opereret og må ikke gå ud",  # a pet's operation
        "Vi er mange i vores forening der gerne vil hjælpe hjemløse",  # a group
        "Jeg er sygeplejerske og undrer mig over de nye parkeringsregler ved sygehuset",
        "Han er syg god til at spille guitar",  # slang
        "Vores opgang trænger virkelig til rengøring",  # the stairwell's cleaning
    ],
)
def test_plain_words_that_are_about_nobody(text: str) -> None:
    assert kinds(text) & {"health", "social", "criminal", "child", "ethnicity"} == set()


def test_a_phrase_is_found_by_its_rarest_word() -> None:
    # "er faldet" starts with a word in every post; it must still be found, whole,
    # and a word inside it must not be reported on its own.
    index = TermIndex([(["er faldet", "faldet"], "fall"), (["i behandling for"], "treat")])
    text = "Min far er faldet og er i behandling for det"
    assert [(text[a:b], p) for a, b, p in index.find(text)] == [
        ("er faldet", "fall"),
        ("i behandling for", "treat"),
    ]
    assert index.find("Han er glad og er i haven") == []


def test_a_phrase_keyed_by_a_stem_finds_its_inflections() -> None:
    index = TermIndex([(["ikke i skole*"], "absent")])
    text = "Han har ikke i skoledage været der"
    assert [text[a:b] for a, b, _ in index.find(text)] == ["ikke i skoledage"]
