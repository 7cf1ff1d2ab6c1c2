"""The people task on a MEANTIME-shaped file of our own."""

from newsgraph import evaluate
from newsgraph.evaluate.people import _count, load_meantime

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


def test_gold_people_are_named_persons_by_surname(tmp_path):
    write_doc(tmp_path / "a.xml")
    (article,) = load_meantime(tmp_path)
    assert len(article.surnames) == 2  # "ministers" has no named mention
    assert "Maria Lopez said" in article.text and "She left early." in article.text
    ((start, key),) = article.pronouns
    assert article.text[start : start + 3] == "She" and key == "lopez"


def test_each_gold_person_is_found_once():
    assert _count(frozenset({"lopez", "kovalski"}), ["lopez", "lopez", "smith"]) == (1, 2, 1)


def test_people_task_runs(tmp_path):
    write_doc(tmp_path / "a.xml")
    report = evaluate.run("people", str(tmp_path))
    ours = report.scores[0]
    assert ours.system == "newsgraph" and ours.n == 2 and ours.recall == 1.0
    assert ours.extra["pronouns"] == 1.0
