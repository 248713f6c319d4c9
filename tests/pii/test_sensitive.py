"""Special categories and children's matters: lexicons with inflections, anchoring, children."""

from __future__ import annotations

import pytest

from sojournal.errors import PolicyError
from sojournal.pii import find_sensitive, scan
from sojournal.pii.lexicon import load_lexicon, parse_lexicon
from sojournal.pii.sensitive import LEXICON_FILES


def kinds(text: str) -> set[str]:
    return {s.kind for s in scan(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # inflections and compounds
        ("Min far har kræft", "health"),
        ("Min far har fået konstateret lungekræft", "health"),
        ("Jeg er i kemoterapi", "health"),
        ("Jeg har en kronisk sygdom", "health"),
        ("min mor har sygdommen", "health"),
        ("Min mand har diabetes og tager insulin", "health"),
        ("Jeg har været deprimeret længe", "health"),
        ("Jeg har fået hjemmehjælpen skåret ned", "health"),
        ("Min bror er udviklingshæmmet", "health"),
        ("min kone har MS", "health"),
        ("Jeg er handicappet og kan ikke komme op", "health"),
        ("Jeg er på genoptræning efter knæoperationen", "health"),
        ("min søster er alkoholiker", "health"),
        ("Min mor er indlagt", "health"),
        # ae / oe / aa spellings
        ("min far har faaet kraeft", "health"),
        ("jeg har sukkersyge og er doev", "health"),
        ("jeg faar kontanthjaelp", "social"),
        ("jeg har gaeld til kommunen", "social"),
        # English for expats
        ("My wife has dementia", "health"),
        ("I am disabled and use a wheelchair", "health"),
        ("I lost my job and need welfare", "social"),
        ("My brother was arrested last week", "criminal"),
        ("I've been on sick leave with depression since May", "health"),
        ("Min mand fik en dom på 6 måneder", "criminal"),
        # social
        ("Jeg er på kontanthjælp", "social"),
        ("Jeg har fået en sanktion", "social"),
        ("Jobcentret har indkaldt mig", "social"),
        ("Jeg har søgt boligstøtte", "social"),
        ("Min søster fik afslag på førtidspension", "social"),
        ("Min datter er anbragt i en plejefamilie", "social"),
        ("Mine sygedagpenge er stoppet", "social"),
        # criminal
        ("Min søn på 22 er blevet løsladt", "criminal"),
        ("Min mand sidder i fængsel", "criminal"),
        ("han er dømt for vold", "criminal"),
        ("Jeg er blevet politianmeldt af naboen", "criminal"),
        # categories without a contract kind
        ("Vi er muslimer", "religion"),
        ("Som bøsse i en lille by er det svært", "sexuality"),
        ("Jeg er tillidsrepræsentant i FOA", "union"),
        ("Min mand er flygtning fra Syrien", "ethnicity"),
    ],
)
def test_lexicon_terms_tied_to_a_person(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hvordan søger man boligstøtte?",
        "Hvordan søger man om hjemmehjælp? Min nabo har ingen computer.",
        "Kommunen skærer i kontanthjælpen til de svageste",
        "Der er alt for mange på kontanthjælp i denne kommune",
        "Hvornår åbner den nye psykiatriske afdeling?",
        "Tak for en fantastisk indsats til hjemmeplejen!",
        "Fint med en legeplads, men hvad med plejehjemmene hvor de ældre kun kommer i bad?",
        "Jeg synes det er forkert at lukke psykiatrien",
        "Send dog alle de flygtninge hjem i stedet for at give dem lejligheder på vores regning",
        "skal der bygges moské her nu?? så flytter jeg",
        "Jeg arbejder på sygehuset og er træt af parkeringen",
        "I work as a nurse at the hospital",
        "fik en p-bøde i går ved biblioteket",
        "Kan I hjælpe med kontanthjælp regler?",  # Danish "I" is plural you, not "I"
        # words that are also everyday Danish
        "Det er misbrug af vores skattekroner!",
        "Vi bor på en blind vej og der bliver aldrig saltet",
        "Jeg rykker for svar på min ansøgning om byggetilladelse",
        "Behandlingen af min ansøgning tager alt for lang tid",
        "Det gør ondt at se hvordan byen forfalder",
        "Trafikken er lammet hver morgen på Hovedgaden",
        "This is great cooperation between the council and us",
        "Mødet er udsat til næste uge pga sygdom",
        "Vuggestuen har været lukket i 8 dage pga. sygdom",
        # a generic question in the writer's sentence is still anybody's question
        "Jeg har ikke søgt noget endnu, men hvordan søger man om friplads?",
        # "vi" of a crowd, several words away
        "Hvorfor skal vi betale for en ny rådhusplads når ældreplejen skæres?",
    ],
)
def test_general_questions_and_opinions_name_nobody(text: str) -> None:
    assert kinds(text) == set()


def test_sickness_benefits_are_social_and_health() -> None:
    text = "Mine sygedagpenge stopper om en måned"
    spans = scan(text)
    assert {s.kind for s in spans} == {"social", "health"}
    assert len({(s.start, s.end) for s in spans}) == 1  # the same words, two kinds


def test_the_next_word_can_cancel_a_term() -> None:
    assert kinds("Jeg er blind og kan ikke udfylde skemaet") == {"health"}
    assert kinds("Vi bor på en blind vej og der bliver aldrig saltet") == set()


def test_an_institution_complaint_is_not_the_writers_benefit_case() -> None:
    assert kinds("Jeg bliver så træt af at ingen tager telefonen i Jobcentret") == set()
    assert kinds("Jeg har været til samtale på jobcentret i dag") == {"social"}


def test_speaking_is_not_telling_about_oneself() -> None:
    text = "Som tillidsrepræsentant kan jeg sige at besparelserne på hjemmeplejen rammer hårdt"
    assert kinds(text) == {"union"}  # the writer names themself; home care is nobody's


def test_unanchored_terms_are_kept_as_low_score_evidence() -> None:
    spans = find_sensitive("Hvordan søger man boligstøtte?")
    assert [s.kind for s in spans] == ["social"]
    assert spans[0].score < 0.5
    assert "no identifiable person" in spans[0].explanation
    assert scan("Hvordan søger man boligstøtte?", min_score=0.0) != ()


def test_explanations_name_the_lexicon_group_never_the_text() -> None:
    text = "Jeg har kræft"
    (span,) = scan(text)
    assert span.explanation.startswith("health.illness")
    assert "kræft" not in span.explanation


@pytest.mark.parametrize(
    "text",
    [
        "Min søn på 7 er blevet mobbet i skolen",
        "Vores datter Emma har fået afslag på støttepædagog",
        "min datter er ikke kommet ind i sfo'en selvom vi søgte i marts",
        "Vi har ventet 9 måneder på en udredning af vores søn",
        "Mit barnebarn blev anbragt uden for hjemmet",
        "Vores søn på 4 venter stadig på en børnehaveplads",
        "our daughter (4) has type 1 diabetes",
        "We applied for a daycare place for our son (he turns 1 in June)",
        "Vi har opsagt vores vuggestueplads, men er trukket forældrebetaling",
        "Min søn har fået diagnosen autisme",
        "jeg har en søn på 12 som er blevet udredt for autisme",
        "Hej Lindå, vi mangler svar om vores søns skoleskift",
        "Our son was refused special education support",
        "Hi, my son (7) has been bullied at school for months",
        "Min søn skal flytte skole. Men han har autisme og kan ikke tåle forandringer.",
        "Vores nabo råber og slår sine børn hver aften",
    ],
)
def test_child_matters(text: str) -> None:
    assert "child" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vi har to små børn der ikke kan sove for larm",
        "Vores datter på 6 er lige flyttet hertil og elsker biblioteket",
        "min 4-årige kunne tegne et bedre logo",
        "Hvordan melder man sit barn ind i SFO?",
        "Datteren til naboen er blevet mobbet",  # no family tie we can identify
        "Min søn på 22 har søgt kontanthjælp",  # an adult
        "Jeg er selv kørestolsbruger og vil gerne med mine børnebørn i vandet",  # the writer's
        "Tak til jobcentret for hjælp med at finde job til min søn",  # adults' benefits
    ],
)
def test_children_merely_mentioned(text: str) -> None:
    assert "child" not in kinds(text)


def test_child_span_covers_the_child_reference() -> None:
    text = "Vores datter Emma på 9 har fået afslag"
    (child,) = [s for s in scan(text) if s.kind == "child"]
    assert text[child.start : child.end] == "Vores datter Emma på 9"
    assert child.score > 0.8  # named and aged


@pytest.mark.parametrize(
    ("text", "child"),
    [
        ("Er der hjælp at få? Vores Sofie på 7 har fået konstateret diabetes", "Vores Sofie"),
        ("Vores Oliver på 9 har cerebral parese og kan ikke bruge gyngen", "Vores Oliver"),
    ],
)
def test_a_child_named_twice_is_one_child(text: str, child: str) -> None:
    """A child called "Vores Sofie" and "Sofie på 7" is one child: one span, compiled or not (the
    compiled build once added the second name as a second child)."""
    children = [text[s.start : s.end] for s in scan(text) if s.kind == "child"]
    assert children == [child]


def test_all_shipped_lexicons_load() -> None:
    for name in (*LEXICON_FILES, "anchors.toml", "names.toml"):
        assert load_lexicon(name).groups


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("kind = 'health'\n", "groups"),
        ("[[groups]]\nterms = ['x']\n", "groups[0].id"),
        ("[[groups]]\nid = 'a'\nterms = []\n", "terms"),
        ("[[groups]]\nid = 'a'\nterms = ['ok', 'bad!']\n", "terms[1]"),
        ("[[groups]]\nid = 'a'\nterms = ['ok']\nstrength = 3\n", "strength"),
        (
            "[[groups]]\nid = 'a'\nterms = ['ok']\n[[groups]]\nid = 'a'\nterms = ['x']\n",
            "groups[1].id",
        ),
    ],
)
def test_bad_lexicon_names_file_and_field(text: str, field: str) -> None:
    with pytest.raises(PolicyError) as info:
        parse_lexicon(text, "broken.toml")
    assert info.value.file == "broken.toml"
    assert info.value.field == field


def test_not_toml_at_all() -> None:
    with pytest.raises(PolicyError, match=r"broken\.toml: not valid TOML"):
        parse_lexicon("[[groups", "broken.toml")


def test_missing_lexicon_file() -> None:
    with pytest.raises(PolicyError, match=r"nope\.toml"):
        load_lexicon("nope.toml")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Den lille pige på 2. sal bliver ofte slået af sin mor", "child"),
        ("Drengen hos naboen har blå mærker på armene igen", "child"),
        ("Manden i stuelejligheden har ligget fuld i opgangen i tre dage", "health"),
        ("Jeg skulle have haft hjælp til rengøring i går men ingen kom", "health"),
        ("Jeg har søgt om seniorpension og hører intet", "social"),
        ("Jeg er 19 og bor på gaden efter min mor smed mig ud", "social"),
    ],
)
def test_identifiable_by_place_care_and_social(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Where can I recycle old paint cans?",
        "Min morfar vil gerne vide om kommunen har en kørselsordning til lægen",
        "Vi har spørgsmål om sygedagpengerefusion for vores ansatte",
        "Opgangen på Vestergade 12 er ikke blevet gjort rent i en måned",
        "Jeg har fuld forståelse for beslutningen, vi er påvirket af vejarbejdet",
    ],
)
def test_place_and_care_words_alone_are_not_sensitive(text: str) -> None:
    assert not kinds(text) & {"health", "social", "child"}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Som tidligere alkoholiker ved jeg hvad behandlingen betyder.", "health"),
        ("As a recovering addict I know what rehab means.", "health"),
        ("Hvornår åbner bassinet? Som gigtpatient glæder jeg mig.", "health"),
        ("Min bror har drukket i årevis og nu er det galt.", "health"),
        ("@Jens Bak din egen datter blev jo fjernet fra familien i fjor.", "social"),
        ("Min lillesøster har Downs syndrom og elsker svømmehallen.", "health"),
        ("Efter min fødselsdepression var sundhedsplejersken en gave.", "health"),
        ("Jeg har været clean i to år nu og vil gerne hjælpe andre.", "health"),
        ("Som tidligere indsat ved jeg hvad et job betyder.", "criminal"),
        ("Jeg er gravid og har bækkenløsning, er der et roligt hold?", "health"),
        ("Jeg er svagtseende og kan ikke læse jeres breve.", "health"),
        ("Min mor er begyndt at glemme aftaler og navne.", "health"),
        ("@Bo Lund du har jo selv fået fjernet dine børn.", "social"),
        # 2026.11-13: what the writer is, with the condition after it; an artificial joint
        ("Som studerende med ordblindhed synes jeg at biblioteket er for dårligt.", "health"),
        ("Som far til et barn med epilepsi kan jeg sige at det er dyrt.", "health"),
        ("As a student with diabetes I find the new rules hard.", "health"),
        ("Min mand har lige fået en hofteprotese.", "health"),
        ("Jeg har været tør i snart tre år og vil gerne være frivillig.", "health"),
        # 2026.11-14: dried out ("tørlagt"), the other word for sober
        ("Min bror har været tørlagt siden påske.", "health"),
    ],
)
def test_the_writer_naming_themself_or_a_relatives_condition_is_found(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Som bekendt er hjemmehjælpen skåret ned.",
        "Som ny i byen: hvor er lægehuset?",
        "Som praktiserende læge synes jeg at parkeringen er for dyr.",
        "Som borger med interesse for psykiatri synes jeg at debatten mangler.",
        "Tandproteser er blevet meget dyre, synes mange.",
        "Er der indsat flere busser til koncerten?",
    ],
)
def test_som_before_an_ordinary_word_names_nobody(text: str) -> None:
    assert kinds(text) == set()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Som medlem af FOA vil jeg sige at lønnen er for lav.", "union"),
        ("As a Jew I find the decision sad.", "religion"),
        ("Som praktiserende muslim synes jeg at maden i kantinen er for ensidig.", "religion"),
        ("Som sosu-assistent og medlem af FOA siger jeg at vagtplanerne er urimelige.", "union"),
        ("Som aktiv i Indre Mission synes jeg at søndagsåbent er forkert.", "religion"),
        ("Som dansk-pakistaner føler jeg mig ikke hørt af byrådet.", "ethnicity"),
        ("Jeg er 16 og er sprunget ud som bi, findes der en klub?", "sexuality"),
    ],
)
def test_membership_or_faith_the_writer_names_is_sensitive(text: str, kind: str) -> None:
    assert any(s.kind == kind and s.score >= 0.5 for s in scan(text, min_score=0))


def test_membership_of_the_council_is_nobodys_sensitive_data() -> None:
    assert kinds("Som medlem af byrådet vil jeg sige at det er godt.") == set()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Har I et tilbud til folk med depression? Har selv døjet med det i år.", "health"),
        ("Findes der en gruppe for alkoholikere? Jeg har været ude af det i to år.", "health"),
        ("Is there a support group for anxiety? I've struggled with it for years.", "health"),
        ("Hvor kan man få hjælp til en spiseforstyrrelse? Spørger for mig selv.", "health"),
        ("Where can one get help with depression? Asking for myself.", "health"),
        ("Kører der bus til genoptræningscentret? Jeg skal derud to gange om ugen.", "health"),
        ("Hvornår er der åbent hus på plejehjemmet? Inden min far skal flytte ind.", "health"),
        ("Findes der hjælp til folk med stress? Jeg er 24 og har prøvet selv i et år.", "health"),
        ("Er der grupper for pårørende til folk med OCD? Min søster har det svært.", "health"),
        (
            "Er der et tilbud til unge med ADHD? Jeg er 17 og har svært ved at passe skolen.",
            "health",
        ),
    ],
)
def test_a_condition_in_a_general_question_owned_in_the_next_sentence(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Har I et tilbud til folk med depression? Det burde alle kommuner have.",
        "Har I et tilbud til folk med depression? Min nabo spurgte mig i går.",
        "Hvor kan man få hjælp til en spiseforstyrrelse? Spørger for en veninde.",
        "Hvornår åbner genoptræningscentret igen? Vi skal derhen med en buket til personalet.",
        "Er der grupper for pårørende til folk med OCD? Mange har det svært i vinteren.",
    ],
)
def test_a_condition_in_a_general_question_stays_nobodys_without_that(text: str) -> None:
    assert "health" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Min søn på 8 faldt på legepladsen og slog hul i hovedet, ingen ringede til os.",
            "health",
        ),
        (
            "Skolebussen kørte fra vores datter på 9 i morges, selvom hun stod ved stoppestedet.",
            "child",
        ),
        (
            "Vores dreng har kørselsbevilling, men chaufføren siger han ikke står på listen.",
            "child",
        ),
        ("Vores søn på 3 kom hjem fra vuggestuen med et bid i armen.", "child"),
    ],
)
def test_a_childs_injury_or_transport_incident_is_found(text: str, kind: str) -> None:
    assert kind in kinds(text)


def test_a_bus_that_left_early_is_no_childs_matter() -> None:
    assert kinds("Skolebussen kørte fra stoppestedet fem minutter før tid i dag.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Stem på Karen Holm igen! Hun har kæmpet for handicapområdet i otte år.",
        "Han sidder i Handicaprådet og ved hvad han taler om.",
        "Jeg synes psykiatripolitikken i kommunen er for svag.",
    ],
)
def test_a_policy_area_or_council_body_is_nobodys_health_data(text: str) -> None:
    assert "health" not in kinds(text)


def test_the_same_word_about_a_person_stays_health_data() -> None:
    assert "health" in kinds("Min søster har et handicap og kan ikke tage bussen.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gitte fra vejafdelingen blev dømt for vold i fjor, det ved hele byen.", "criminal"),
        ("Karsten i teknisk forvaltning blev taget for spritkørsel sidste vinter.", "criminal"),
        ("Rådmand Birthe Holm skulle passe sit alkoholmisbrug i stedet.", "health"),
    ],
)
def test_a_conviction_or_addiction_said_of_a_named_person_is_found(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tak til Mette og resten af hjemmeplejen for en god sommerfest.",
        "Anders fra grundejerforeningen fortalte om indbrud i området.",
        "Hvor mange blev dømt for spritkørsel i kommunen sidste år?",
    ],
)
def test_a_first_name_beside_a_care_word_or_a_crime_in_the_area_is_not_enough(text: str) -> None:
    assert kinds(text) & {"health", "criminal"} == set()


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er spejderleder, og en af pigerne, Alma på 9, siger hun ikke får noget mad hjemme.",
        "Jeg er moster til Viggo på 4 og bekymret: han står alene ude på altanen om aftenen.",
        "Vores søn fik en skriftlig advarsel fra skolelederen uden at blive hørt.",
        "Naboens dreng på 6 har et blåt øje igen i dag.",
        "Læreren sendte vores søn ud af klassen tre gange i denne uge.",
        "Pædagogen sagde til min datter, at hun var dum, foran de andre børn.",
    ],
)
def test_a_child_named_with_an_age_or_with_signs_of_neglect_is_a_childs_matter(
    text: str,
) -> None:
    assert "child" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vi kørte fra Vejle på 2 timer og kom for sent til mødet.",
        "Min nabo Inger på 87 står alene med haven, kan kommunen hjælpe?",
        "Kontoret ved Lyngbo på 3. sal har fået en skriftlig advarsel fra Arbejdstilsynet.",
    ],
)
def test_a_name_with_an_adult_age_a_time_or_a_floor_is_no_child(text: str) -> None:
    assert "child" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Som en der selv har siddet inde, synes jeg at værestedet skal blive.", "criminal"),
        ("Har I bøger med stor skrift? Jeg har grå stær og kan ikke læse aviser mere.", "health"),
    ],
)
def test_the_writer_named_by_what_they_have_been_or_have(text: str, kind: str) -> None:
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Der bor en lille dreng på Rønnebærvej 7, 1. tv., som går alene rundt sent om aftenen.",
        "Den lille pige på Lupinvej 14 står alene ude hver morgen uden jakke.",
    ],
)
def test_a_child_in_the_sentence_of_a_street_address_is_identifiable(text: str) -> None:
    assert "child" in kinds(text)


def test_a_child_in_another_sentence_than_the_address_is_not_made_identifiable_by_it() -> None:
    text = "Vi bor på Rønnebærvej 7. Der går tit en dreng alene rundt i parken om aftenen."
    assert "child" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Min mor kan ikke længere selv tage bad, og I har nu aflyst besøget to gange.",
        "Min mormor har fået en faldalarm, men den er ikke sat op endnu.",
        "Vi venter et barn i april, hvornår skal vi skrive os op til vuggestue?",
    ],
)
def test_care_the_person_cannot_manage_a_fall_alarm_or_a_coming_child_is_health(text: str) -> None:
    assert "health" in kinds(text)


def test_psychiatric_medicine_said_of_a_named_person_is_health() -> None:
    assert "health" in kinds("Pædagogen Lis Holm får lykkepiller, derfor glemmer hun alt.")


@pytest.mark.parametrize(
    "text",
    [
        "Min far har fået afslag på varmetillæg i år.",
        "Vores varmehjælp for januar er ikke kommet ind på kontoen.",
        "Jeg søgte personligt tillæg til et nyt komfur i august og venter stadig.",
        "My integration allowance has not been paid since March.",
        "Jeg har søgt om hjælp til depositum, for jeg skal flytte om en måned.",
        "Vi har fået afslag på fritidspas til vores søn på 9.",
        "Jeg fik bevilget indskudslån, men pengene er ikke udbetalt.",
    ],
)
def test_a_benefit_named_by_its_own_name_is_social(text: str) -> None:
    assert "social" in kinds(text)


def test_the_health_supplement_is_a_benefit_and_a_health_need() -> None:
    assert {"social", "health"} <= kinds("Min mor har søgt helbredstillæg til nye tænder.")


@pytest.mark.parametrize(
    "text",
    [
        "Kan man få personligt tillæg, hvis man har en lille privat pension?",
        "Jeg har hørt at man kan søge varmehjælp, hvordan gør man det?",
        "Hvad koster et fritidspas, og hvilke klubber tager imod det?",
    ],
)
def test_a_question_about_a_benefit_rule_names_nobody(text: str) -> None:
    assert "social" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # conditions by their own names
        "Min kone har fibromyalgi og kan ikke stå op ret længe ad gangen.",
        "Vores barnebarn har leukæmi.",
        "Min søster har fået en trykskade på hælen.",
        "Vores datter har en udviklingsforstyrrelse, og vi venter på en plads.",
        "Min søn på 4 har en forsinket sprogudvikling.",
        "Our daughter has a peanut allergy and the kindergarten does not know.",
        "Han kom hjem med et forstuvet knæ fra idræt.",
        "Jeg skal til øjenlæge på torsdag og kan ikke køre selv.",
        "Jeg har fået en arbejdsskade og kan ikke løfte mere.",
        # a bad body part
        "Jeg kan ikke skovle sne pga. min dårlige ryg.",
        "Min far har dårlige lunger og bliver hurtigt forpustet.",
        # signs of dementia
        "Min mormor på Birkevej 4 i Skovby er nu blevet meget forvirret.",
        "Han glemmer at spise, når ingen minder ham om det.",
        "Hun stod i går på trappen og vidste ikke hvor hun boede.",
        # feeling very bad
        "Jeg har det virkelig skidt for tiden og venter stadig på en samtale.",
        # aids granted
        "Min mand fik bevilget en el-scooter i maj, men den er ikke kommet.",
        "Min bevilling til kompressionsstrømper skal fornyes.",
        "Hans ledsagerkort blev ikke godtaget i bussen.",
        # care by its own name
        "Vi venter stadig på et visitationsbesøg hos min svigermor.",
    ],
)
def test_a_condition_a_sign_of_dementia_or_an_aid_by_its_own_name_is_health(text: str) -> None:
    assert "health" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Min far har drukket så længe jeg kan huske.",
        "Hendes fulde mand larmer hver nat i opgangen.",
        "Ham fulderikken i nr. 3 råber ad alle, der går forbi.",
        "Deres far lugter af sprut, når han henter dem.",
    ],
)
def test_drinking_told_of_a_parent_or_a_neighbour_is_health(text: str) -> None:
    assert "health" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kan man få en ledsager gratis med i svømmehallen, hvis man har et ledsagerkort?",
        "Jeg lejede en el-scooter i byen i går, og den kørte fint.",
        "Does the school canteen cater for children with allergies?",
    ],
)
def test_an_aid_or_a_condition_nobody_has_is_no_health_data(text: str) -> None:
    assert "health" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Vi har søgt dagplejeplads til vores lille fyr fra august og hører intet.",
        "Vi har lige fået en lille dreng, og sundhedsplejersken er ikke kommet.",
        "Min bror har fået en datter, og ingen sundhedsplejerske har været der.",
        "Mine små søskende får ikke noget mad, når mor er på arbejde.",
        "We applied for a nursery place for our twins in May and have heard nothing.",
        "Hi, our son was granted a mentor in spring but nobody came.",
        "Our daughter's school place was moved without asking us, and we want to appeal.",
        "Vi fik afslag på friplads til vores to drenges børnehave.",
        "Søskenderabatten for vores børn i Mælkebøtten er ikke trukket fra.",
    ],
)
def test_a_newborn_a_fondly_named_child_or_a_family_fee_matter_is_a_childs_matter(
    text: str,
) -> None:
    assert "child" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har et lille bageri og søgte om lov til at stille et skilt ud.",
        "Jeg har søgt boligstøtte, for min lille løn rækker ikke til huslejen.",
        "How do parents appeal a school place decision in this municipality?",
    ],
)
def test_a_small_business_a_small_wage_or_a_rule_question_is_no_childs_matter(text: str) -> None:
    assert "child" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ham i nr. 4 slår sine unger hver aften, vi kan høre det.",
        "Alle ved at hun slår sin kæreste, når hun har drukket.",
    ],
)
def test_a_parent_or_partner_who_hits_is_criminal(text: str) -> None:
    assert "criminal" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Min søn blev slået af en anden dreng i frikvarteret, og ingen ringede.",
        "Min far fik frataget kørekortet af lægen efter en blodprop.",
        "Han slår sine folder i den nye lejlighed og er glad.",
    ],
)
def test_a_schoolyard_fight_a_doctors_licence_ban_or_an_idiom_is_no_crime(text: str) -> None:
    assert "criminal" not in kinds(text)


def test_a_schoolyard_fight_stays_a_childs_incident() -> None:
    text = "Min søn blev slået af en anden dreng i frikvarteret, og ingen ringede."
    assert "child" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er startet i aktivering i sidste uge og har ingen pasning.",
        "We applied for a social housing flat for our family in March.",
        "Min ven har mistet sin lejlighed og sover i bilen nu.",
        "Min datter på 16 er stukket af hjemmefra, og vi ved ikke hvor hun er.",
        "Min veninde har fået frataget sit barn, og ingen forklarer hvorfor.",
    ],
)
def test_activation_housing_help_nowhere_to_live_or_a_child_taken_is_social(text: str) -> None:
    assert "social" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har problemer med aktivering af mit MitID på jeres side.",
        "Vi tager på ferie til Norge og sover i bilen undervejs.",
    ],
)
def test_a_login_or_a_holiday_in_the_car_is_no_social_matter(text: str) -> None:
    assert "social" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Min indkomst er faldet, så jeg vil gerne søge igen.",
        "Vores tilskud er faldet bort uden varsel.",
    ],
)
def test_an_income_or_a_grant_that_fell_is_no_health_data(text: str) -> None:
    assert "health" not in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Jeg er faldet to gange i badeværelset.",
        "Min mor er faldet og har slået hoften.",
    ],
)
def test_a_fall_stays_health_data(text: str) -> None:
    assert "health" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "For mig handler valget om bedre normeringer på plejehjemmene.",
        "Han burde selv tage en nattevagt på et plejecenter, før han udtaler sig.",
        "Samtidig lukker hun to daghjem i kommunen.",
    ],
)
def test_a_care_homes_staffing_or_closing_is_no_placement(text: str) -> None:
    assert "health" not in kinds(text)


def test_a_relative_at_a_day_centre_and_incontinence_are_health() -> None:
    assert "health" in kinds("Min mor går i daghjem tre dage om ugen.")
    assert "health" in kinds("Min far er inkontinent og får ikke skiftet.")


def test_a_confirmation_is_no_cancer_but_a_compound_cancer_is() -> None:
    assert "health" not in kinds("Jeg har ikke fået nogen bekræftelse på min flytning.")
    assert "health" not in kinds("Min datter har bekræftet at hun kommer.")
    assert "health" in kinds("Min mor har fået brystkræft igen.")


def test_a_relative_left_lying_on_the_floor_is_health() -> None:
    assert "health" in kinds("Min mor faldt ud af sengen i nat og lå på gulvet til morgen.")
    assert "health" not in kinds("Min jakke lå på gulvet i omklædningsrummet.")
