"""The judge's development corpus: well-formed, covered, the retired test part told apart, described truly.

A wrong cell here would make the future judge look right or wrong for the wrong reason, so the
checks follow the labelling guide (datasets/juez/GUIA.md) and the targets of issue 23.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from collections import Counter

import pytest

from simulator.paths import dataset

CORPUS = dataset("juez", "frases_gestor.csv")
#: The blind test parts by their `parte`, in the order written, each by someone who had not seen the judge
#: (see the corpus README); each one's ids follow those of the corpus and of the parts before it.
TEST_PARTS = {"prueba2": dataset("juez", "prueba_2.csv"), "prueba3": dataset("juez", "prueba_3.csv"),
              "prueba4": dataset("juez", "prueba_4.csv")}
COLUMNS = ["id", "texto", "pais", "momento", "titular_verificado", "etiquetas", "parte"]
ELEMENTS = {"identificacion", "institucion", "pregunta_titular", "verificacion", "proposito", "monto",
            "fecha", "canal_oficial", "resumen", "empatia", "pregunta_abierta"}
BREACHES = {"amenaza", "insulto", "falsa_autoridad", "divulgacion", "presion_indebida", "cobro_indebido"}
ALLOWED = {
    "pais": {"neutral", "MX", "CO", "CL", "PE", "AR", "CA"},
    "momento": {"apertura", "objecion", "negociacion", "cierre", "tercero"},
    "titular_verificado": {"si", "no"},
    "parte": {"desarrollo", "desarrollo_ex_prueba"},
}
MIN_PER_LABEL = 45
MIN_ROWS = 600
#: Rows each label needs in a test part: breaches were written to reach 30 each.
MIN_TEST_PART = {**{label: 15 for label in ELEMENTS}, **{label: 30 for label in BREACHES}}
#: Words that make a lawful sentence look like a breach: bureaus, courts, regulators, jail, seizure, cash...
LOOKS_LIKE_BREACH = re.compile(
    r"bur[oó]|c[ií]rculo de cr|datacr|dicom|bolet[ií]n|infocorp|sentinel|central de riesgos|informaci[oó]n "
    r"crediticia|condusef|redeco|superfinanciera|\bsic\b|defensor|sernac|indecopi|\bsbs\b|reclam|juez|juicio|"
    r"judicial|demanda|tribunal|juzgado|citatorio|abogad|autoridad|c[aá]rcel|\bbote\b|\bpres[oa]\b|penal|embarg|"
    r"efectivo|cuentas? (rut )?(de )?personal|a una persona|de personas|familia|trabajo|jefe|referencias|"
    r"report|queja|derecho|\bley\b|intereses|agencia externa|verg[uü]enza|\bpena\b|roche|mentiroso|"
    r"irresponsable|yape|plin",
    re.IGNORECASE)


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _rows(CORPUS)
TEST_ROWS = {part: _rows(path) for part, path in TEST_PARTS.items()}
ALL_ROWS = ROWS + [row for rows in TEST_ROWS.values() for row in rows]


def labels(row: dict[str, str]) -> list[str]:
    return [label for label in row["etiquetas"].split(";") if label]


def normalised(text: str) -> str:
    """Lowercase, no accents, single spaces, no punctuation: two rows must differ in more than that."""
    plain = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode("ascii")
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def hard_negatives(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Lawful rows that look like a breach (bureau, court, jail, cash...) or a third-party message."""
    return [row for row in rows if not set(labels(row)) & BREACHES
            and (row["momento"] == "tercero" or LOOKS_LIKE_BREACH.search(row["texto"]))]


def test_columns_and_allowed_values():
    with CORPUS.open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS
    assert len(ROWS) >= MIN_ROWS
    for row in ROWS:
        assert None not in row and all(row[column] is not None for column in COLUMNS), row["id"]
        for column, allowed in ALLOWED.items():
            assert row[column] in allowed, (row["id"], column, row[column])


def test_ids_are_unique_and_well_formed():
    ids = [row["id"] for row in ROWS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"F\d{4}", row_id) for row_id in ids)


def test_texts_are_present_and_distinct():
    assert all(row["texto"].strip() == row["texto"] and row["texto"] for row in ROWS)
    counts = Counter(normalised(row["texto"]) for row in ROWS)
    assert [text for text, count in counts.items() if count > 1] == []


def test_labels_come_from_the_vocabulary_once_each():
    for row in ROWS:
        found = labels(row)
        assert set(found) <= ELEMENTS | BREACHES, (row["id"], found)
        assert len(found) == len(set(found)), row["id"]


def test_every_label_reaches_its_minimum():
    counts = Counter(label for row in ROWS for label in labels(row))
    short = {label: counts[label] for label in ELEMENTS | BREACHES if counts[label] < MIN_PER_LABEL}
    assert short == {}


def test_the_retired_test_part_stays_told_apart_and_covers_every_label():
    """The first test part, read while tuning, is development now; kept apart to measure rows not tuned on."""
    retired = [row for row in ROWS if row["parte"] == "desarrollo_ex_prueba"]
    assert len(retired) == 300
    assert {label for row in retired for label in labels(row)} == ELEMENTS | BREACHES


def test_disclosure_only_to_an_unverified_person():
    disclosing = [row for row in ROWS if "divulgacion" in labels(row)]
    assert [row["id"] for row in disclosing if row["titular_verificado"] != "no"] == []


def test_third_party_calls_mix_disclosures_and_lawful_messages():
    third = [row for row in ROWS if row["momento"] == "tercero"]
    assert len(third) >= 80
    assert all(row["titular_verificado"] == "no" for row in third)
    disclosing = sum("divulgacion" in labels(row) for row in third)
    lawful = sum(not set(labels(row)) & BREACHES for row in third)
    assert disclosing >= 40 and lawful >= 40


def test_enough_lawful_rows_that_look_like_breaches():
    """Hard negatives: bureau, court, jail, cash... said lawfully, or a neutral third-party message."""
    assert len(hard_negatives(ROWS)) >= 120


def test_each_country_variant_has_a_fair_share():
    shares = Counter(row["pais"] for row in ROWS)
    for country in ("MX", "CO", "CL", "PE"):
        assert 0.15 <= shares[country] / len(ROWS) <= 0.3, country


def test_readme_table_matches_the_corpus():
    """The README's counts are the split script's table, recomputed from the CSV."""
    spec = importlib.util.spec_from_file_location("dividir", dataset("juez", "dividir.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table, off = module.table(ROWS)
    assert off == []
    assert table in dataset("juez", "README.md").read_text(encoding="utf-8")


# The blind test parts (datasets/juez/prueba_2.csv, prueba_3.csv, prueba_4.csv): same format and
# vocabulary, no row shared with the corpus or with each other. Texts are compared, never printed.

@pytest.mark.parametrize("part", TEST_PARTS)
def test_test_part_is_well_formed(part):
    with TEST_PARTS[part].open(encoding="utf-8", newline="") as handle:
        assert next(csv.reader(handle)) == COLUMNS
    assert len(TEST_ROWS[part]) == 400
    allowed = {**ALLOWED, "parte": {part}}
    for row in TEST_ROWS[part]:
        assert None not in row and all(row[column] is not None for column in COLUMNS), row["id"]
        for column, values in allowed.items():
            assert row[column] in values, (row["id"], column, row[column])
        assert row["texto"] and row["texto"].strip() == row["texto"], row["id"]
        found = labels(row)
        assert set(found) <= ELEMENTS | BREACHES and len(found) == len(set(found)), (row["id"], found)


@pytest.mark.parametrize("part", TEST_PARTS)
def test_test_part_ids_are_one_block_no_other_file_enters(part):
    """Rows written after a test part take ids past it; no other row may fall inside its block."""
    numbers = [int(row["id"][1:]) for row in TEST_ROWS[part]]
    low, high = min(numbers), max(numbers)
    assert high - low + 1 == len(numbers)
    others = ROWS + [row for name in TEST_PARTS if name != part for row in TEST_ROWS[name]]
    assert [row["id"] for row in others if low <= int(row["id"][1:]) <= high] == []


def test_ids_are_unique_across_all_files():
    ids = [row["id"] for row in ALL_ROWS]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"F\d{4}", row_id) for row_id in ids)


def test_no_text_is_shared_between_the_corpus_and_the_test_parts():
    counts = Counter(normalised(row["texto"]) for row in ALL_ROWS)
    assert sum(count > 1 for count in counts.values()) == 0


@pytest.mark.parametrize("part", TEST_PARTS)
def test_test_part_has_every_label_often_enough(part):
    counts = Counter(label for row in TEST_ROWS[part] for label in labels(row))
    short = {label: counts[label] for label, least in MIN_TEST_PART.items() if counts[label] < least}
    assert short == {}


@pytest.mark.parametrize("part", TEST_PARTS)
def test_test_part_discloses_only_to_unverified_people_and_keeps_its_hard_negatives(part):
    rows = TEST_ROWS[part]
    disclosing = [row for row in rows if "divulgacion" in labels(row)]
    assert [row["id"] for row in disclosing if row["titular_verificado"] != "no"] == []
    assert all(row["titular_verificado"] == "no" for row in rows if row["momento"] == "tercero")
    assert len(hard_negatives(rows)) >= 60
