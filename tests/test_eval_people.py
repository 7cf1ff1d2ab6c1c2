"""The people task on a MEANTIME-shaped file of our own."""

from newsgraph import evaluate
import pytest

from newsgraph.evaluate.people import Person, _count, load_meantime, person

TOKENS = "Ministers meet in Brussels . Finance minister Maria Lopez said the talks with Jan Kowalski went well . She left early .".split()


def write_doc(path):
    tokens = "".join(
        f'<token number="{i}" sentence="{0 if i < 5 else 1 if i < 18 else 2}" t_id="{i + 1}">{t}</token>' for i, t in enumerate(TOKENS)
    )
    anchors = lambda ids: "".join(f'<token_anchor t_id="{i}"/>' for i in ids)  # noqa: E731
    path.write_text(
        f"""<Document doc_name="x">{tokens}<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM">{anchors([8, 9])}</ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM">{anchors([15, 16])}</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="PRO">{anchors([19])}</ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NOM">{anchors([1])}</ENTITY_MENTION>
<ENTITY m_id="10" ent_type="PER" TAG_DESCRIPTOR="Maria Lopez (finance minister)"/>
<ENTITY m_id="11" ent_type="PER" TAG_DESCRIPTOR="Jan Kowalski"/>
<ENTITY m_id="12" ent_type="PER" TAG_DESCRIPTOR="ministers"/>
</Markables><Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="3"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="12"/></REFERS_TO>
</Relations></Document>""",
        encoding="utf-8",
    )


def test_gold_people_are_named_persons_by_full_name(tmp_path):
    write_doc(tmp_path / "a.xml")
    (article,) = load_meantime(tmp_path)
    assert {p.name for p in article.people} == {"Maria Lopez", "Jan Kowalski"}  # "ministers" has no named mention
    assert "Maria Lopez said" in article.text and "She left early." in article.text
    ((start, gold),) = article.pronouns
    assert article.text[start : start + 3] == "She" and gold == person("Maria Lopez")


def test_each_gold_person_is_found_once():
    gold = [person("Maria Lopez"), person("Jan Kowalski")]
    assert _count(gold, [person("Maria Lopez"), person("Maria Lopez"), person("John Smith")]) == (1, 2, 1)


@pytest.mark.parametrize(
    ("descriptor", "given", "surname"),
    [
        ("Thomas (Tom) Enders (CEO of Airbus)", {"thomas", "tom"}, "enders"),  # a nickname, then a description
        ("Michael O'Leary (CEO of Ryanair)", {"mikhael"}, "oleari"),
        ("John McCain ", {"john"}, "mkain"),
        ("Mr Justice Anthony Mann", {"anthoni"}, "man"),  # titles inside the descriptor
        ("William Clayd Ford Jr.", {"viliam"}, "ford"),  # a generational suffix is no surname
        ("Lee Hsien Loong", {"le"}, "long"),
        ("Enders", set(), "enders"),
    ],
)
def test_a_descriptor_is_read_as_given_names_and_surname(descriptor, given, surname):
    p = person(descriptor)
    assert (p.given, p.surname) == (frozenset(given), surname)


def test_descriptions_name_nobody():
    assert person("board of directors") is None


@pytest.mark.parametrize(
    ("predicted", "found"),
    [
        ("Thomas Enders", True),
        ("Tom Enders", True),  # the nickname of the descriptor
        ("THOMAS ENDERS", True),
        ("Chief Executive Thomas Enders", True),  # leading titles are no given name
        ("Thomas A. Enders", True),  # middle names and initials may differ
        ("Enders", False),  # a surname alone does not find a full name
        ("Mr. Enders", False),
        ("Tim Enders", False),
        ("Thomas Anders", False),
    ],
)
def test_a_prediction_needs_given_name_and_surname(predicted, found):
    gold = person("Thomas (Tom) Enders (CEO of Airbus)")
    assert gold.matches(person(predicted)) is found
    assert _count([gold], [person(predicted)]) == ((1, 0, 0) if found else (0, 1, 1))


def test_a_one_word_descriptor_is_matched_by_surname():
    assert person("Enders").matches(person("Thomas Enders")) and person("Enders").matches(person("Enders"))


def test_the_matching_is_one_to_one_and_prefers_full_names():
    gold = [Person(frozenset(), "jobs"), person("Steve Jobs")]
    # the full-name prediction goes to the full-name gold, the bare surname to the one-word gold
    assert _count(gold, [person("Steve Jobs"), person("Jobs")]) == (2, 0, 0)
    assert _count(gold, [person("Steve Jobs")]) == (1, 0, 1)
    assert _count(gold, [None]) == (0, 1, 2)  # a prediction without a name is a false positive


def test_people_task_runs(tmp_path):
    write_doc(tmp_path / "a.xml")
    report = evaluate.run("people", str(tmp_path))
    ours = report.scores[0]
    assert ours.system == "newsgraph" and ours.n == 2 and ours.recall == 1.0
    assert ours.extra["pronouns"] == 1.0
