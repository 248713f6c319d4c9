"""Rule families with Danish (and English) examples written for these tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from sojournal.models import Decision, Post
from sojournal.policy import decide, kle_for, load_policy
from sojournal.policy.engine import DELETE_MODEL_RULE

Judge = Callable[..., Decision]


# --- own concrete matter vs general question -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har søgt om boligstøtte i marts og har ikke hørt noget. Hvornår får jeg svar?",
        "Vi søgte om byggetilladelse til en garage for 10 uger siden, hvor langt er sagen?",
        "Min ansøgning om handicapbil har ligget i et halvt år. Hvem har min sag?",
        "Vi har fået afslag på tilskud til briller og vil gerne have det genvurderet.",
        "Hvornaar faar jeg min boligstoette? Den er ikke kommet ind paa kontoen",  # ae/oe/aa
        "jeg har søgt om hjemmehjælp for 5 mdr siden, hvad sker der med min ansøgnig??",  # typos
        "I applied for a residence card in May and still haven't heard back. Can you check?",
        "Min mor fik bevilget hjemmehjælp i august, men der er ikke kommet nogen endnu.",
    ],
)
def test_own_matter_is_a_journalised_case_deleted_in_public(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "case", d.reasons
    assert d.journalise and d.remove == "delete" and d.reply == "redirect"


@pytest.mark.parametrize(
    "text",
    [
        "Kan man få boligstøtte hvis man er studerende?",
        "Hvordan søger man om hjemmehjælp? Min nabo på 90 har ingen computer.",
        "Hvad er reglerne for at sætte et hegn op i skel?",
        "Hvor lang er sagsbehandlingstiden på byggetilladelser? Vi overvejer at bygge.",
        "Does anyone know when the library opens on Sundays?",
        "Jeg har ikke søgt endnu, men hvordan søger man om en byggetilladelse?",
    ],
)
def test_general_questions_are_answered_not_journalised(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "general", d.reasons
    assert not d.journalise and d.reply == "answer"
    # No rule removes them; the delete model may propose it, for a person to confirm.
    proposed = d.review and DELETE_MODEL_RULE in {r.rule for r in d.reasons}
    assert d.remove is None or (d.remove == "delete" and proposed), d.reasons


def test_messenger_is_never_removed(judge: Judge) -> None:
    d = judge("Jeg har søgt om kontanthjælp og har ikke fået svar. Kan I tjekke?", "messenger")
    assert d.category == "case" and d.journalise and d.remove is None


# --- complaints and negation ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Det er tredje gang på en måned at skraldet ikke er hentet på Egevej. For ringe!",
        "Jeg vil klage over den måde medarbejderen i borgerservice talte til mig på.",
        "Really disappointed with the library. Booked a room and it was given away.",
        "Storskraldet skulle være hentet i mandags og står der stadig. Det er ikke i orden.",
    ],
)
def test_service_complaints_are_journalised_and_stay_up(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "complaint", d.reasons
    assert d.journalise and d.reply == "redirect" and d.remove is None


def test_negated_complaint_is_not_a_complaint(judge: Judge) -> None:
    d = judge("Det er ikke en klage, men hvornår bliver stien ved søen asfalteret?")
    assert d.category == "general" and not d.journalise


def test_own_matter_with_a_request_is_a_case_even_when_it_says_klage(judge: Judge) -> None:
    d = judge(
        "Jeg vil klage over at min ansøgning om carport har ligget i 4 måneder. "
        "Hvornår får jeg svar?"
    )
    assert d.category == "case"


def test_own_matter_voicing_only_dissatisfaction_is_a_complaint_and_deleted(judge: Judge) -> None:
    d = judge("Jeg er dybt utilfreds. Vores ansøgning om carport har ligget hos jer i 6 uger.")
    assert d.category == "complaint" and d.journalise and d.remove == "delete"


# --- trolling, precedence -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I er nogle klovne allesammen 🤡🤡",
        "Wow en ny bænk 🙄 så er alle problemer løst, godt gået genier 😂",
        "🔥 Tjen 5.000 kr om dagen!! Skriv JA i min DM 🔥",
        "Send dem alle hjem, de hører ikke til her",
    ],
)
def test_trolling_is_hidden_and_escalated(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "offensive", d.reasons
    assert not d.journalise and d.remove == "hide" and d.escalate == "politik-og-organisation"
    assert d.reply == "none"


def test_threat_on_messenger_is_escalated_but_not_removed(judge: Judge) -> None:
    d = judge("Sig til sagsbehandleren at jeg ved hvor hun bor.", "messenger")
    assert d.category == "offensive" and d.escalate and d.remove is None


def test_troll_with_own_case_is_a_case_still_escalated(judge: Judge) -> None:
    d = judge(
        "I er nogle ubrugelige klovne. Jeg har søgt om boligstøtte for 2 måneder siden, "
        "hvor er svaret?"
    )
    assert d.category == "case" and d.journalise and d.remove == "delete"
    assert d.escalate == "politik-og-organisation"


def test_insulting_a_named_employee_inside_a_complaint_hides_it(judge: Judge) -> None:
    d = judge("Blev afvist på genbrugspladsen i dag. Ham den skaldede idiot i porten burde fyres.")
    assert d.category == "complaint" and d.remove == "hide" and d.escalate


def test_swearing_complaint_stays_up_and_is_escalated(judge: Judge) -> None:
    d = judge("Det er fandme ikke i orden at vejarbejdet larmer kl 5 hver morgen!")
    assert d.category == "complaint" and d.remove is None and d.escalate


# --- political ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Byrådet burde bruge pengene på ældreplejen i stedet for et nyt rådhus.",
        "Stem på Hanne til kommunalvalget!",
        "The council should spend less on the harbour and more on schools.",
        "Hvorfor skal skatten stige når I lige har brugt 30 mio. på en ny p-kælder?",
    ],
)
def test_political_opinions_are_neither_answered_nor_journalised(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "political", d.reasons
    assert not d.journalise and d.reply == "none" and d.remove is None


def test_voting_place_question_is_general_not_political(judge: Judge) -> None:
    assert judge("Hvor skal man stemme til kommunalvalget i Kærby?").category == "general"


# --- output shape -------------------------------------------------------------------------


def test_every_field_is_filled_with_reasons_in_both_languages(judge: Judge) -> None:
    d = judge("Jeg har søgt om byggetilladelse til en carport. Hvornår får jeg svar?")
    assert d.policy_version == load_policy().version
    assert d.reasons and all(r.text and r.text_da for r in d.reasons)
    assert d.topic == "byggeri" and d.kle == "02.00.00"
    assert kle_for(d) == ("02.00.00", "G01")
    assert 0.5 <= d.confidence <= 1.0


def test_page_own_reply_is_general_and_not_journalised() -> None:
    post = Post(
        id="p", channel="facebook_comment", text="Hej, skriv til os i Digital Post", from_page=True
    )
    d = decide(post)
    assert d.category == "general" and not d.journalise
    assert [r.rule for r in d.reasons] == ["page.own-reply"]


def test_weak_evidence_goes_to_review_and_leans_to_journalise(judge: Judge) -> None:
    # The rules alone: the word model may settle or overrule the band (tests/policy/test_model.py).
    rules_only = dataclasses.replace(load_policy(), model=None)
    post = Post(id="t", channel="facebook_comment", text="Det var lidt ærgerligt i dag.")
    d = decide(post, rules_only)
    assert d.review and d.journalise and d.confidence <= 0.6
    assert "decision.review" in {r.rule for r in d.reasons}
    # A failure word at a municipal thing is a complaint in its own right (2026.11-4).
    firm = judge("Skraldet er ikke hentet på Egevej.")
    assert firm.category == "complaint" and not firm.review and firm.remove is None


def test_kle_default_for_unknown_topic() -> None:
    assert kle_for(None) == load_policy().default_kle
    assert kle_for("affald") == ("07.00.00", "G01")


def test_decision_contract_shape(judge: Judge) -> None:
    out = judge("Hvornår har genbrugspladsen åbent?").to_contract("x")
    assert out["category"] == "general" and out["reply"] == "answer" and out["pii"] == []


def test_reasons_never_carry_post_text_names_or_numbers(judge: Judge) -> None:
    text = (
        "Jeg hedder Hanne Kjærsgaard, cpr 120345-1234, og har søgt om boligstøtte. Hvor er svaret?"
    )
    d = judge(text)
    blob = " ".join(r.text + " " + r.text_da for r in d.reasons)
    for secret in ("Hanne", "Kjærsgaard", "120345", "boligstøtte"):
        assert secret not in blob
    assert d.category == "case" and d.case_refs == ()


def test_long_posts_stay_linear() -> None:
    import time

    from sojournal.policy import load_policy
    from sojournal.policy.engine import decide_with

    text = "Jeg har søgt om boligstøtte og har ikke hørt noget. " * 400  # 20,800 chars
    start = time.perf_counter()
    d, _ = decide_with(text, "facebook_comment", load_policy(), lambda _t: ())
    assert d.category == "case"
    assert time.perf_counter() - start < 1.0


# --- 2026.11-4 families: full outcomes per channel ---------------------------------------


@pytest.mark.parametrize(
    ("text", "channel", "remove"),
    [
        # a relative without a possessive, granted care not delivered: case everywhere,
        # deleted in public, never removed on Messenger
        (
            "Mor har fået bevilget hjemmehjælp, men ingen er kommet i ti dage.",
            "facebook_comment",
            "delete",
        ),
        ("Mor har fået bevilget hjemmehjælp, men ingen er kommet i ti dage.", "messenger", None),
        ("Far fik afslag på en rollator. Kan I se på det igen?", "instagram_comment", "delete"),
    ],
)
def test_relative_cases_are_redirected_and_deleted_only_in_public(
    judge: Judge, text: str, channel: str, remove: str | None
) -> None:
    d = judge(text, channel)
    assert d.category == "case" and d.journalise and d.reply == "redirect", d.reasons
    assert d.remove == remove


@pytest.mark.parametrize(
    "text",
    [
        "Lygten på stien har været slukket siden oktober.",
        "Vi har ventet på at få tømt papircontaineren ved skolen i tre uger.",
        "Fantastisk service 🙄 ventede 50 minutter i telefonkø og blev så afbrudt.",
    ],
)
def test_service_complaints_are_redirected_and_stay_up(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "complaint" and d.journalise and d.reply == "redirect", d.reasons
    assert d.remove is None and not d.review


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har ikke haft nogen problemer med skraldet, det bliver hentet fint.",
        "Hvor lang tid tager en byggesag typisk?",
        "Tak, det gik hurtigt med mit nye pas!",
    ],
)
def test_negated_typical_and_finished_matters_are_general(judge: Judge, text: str) -> None:
    d = judge(text)
    assert d.category == "general" and not d.journalise and d.remove is None, d.reasons
