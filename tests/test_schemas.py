"""The table reference in the README is the one generated from schemas/, and the schemas hold the contract."""
from __future__ import annotations

import re

from schemas import TABLES, describe_tables
from tests.conftest import REPO

CONTRACT_COLUMNS = {
    "articles": "article_id url source title authors published_at language text word_count ingested_at",
    "entities": "article_id name label mention_count first_char",
    "quotes": "article_id quote_index text start_char end_char type speaker speaker_mention cue",
    "topics": "article_id topic topic_code score rank",
    "sources": "source kind status entries articles error fetched_at",
    "errors": "source stage error_type message ingested_at",
}


def test_readme_table_reference_is_generated_from_the_schemas():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- tables:begin -->\n(.*)\n<!-- tables:end -->", readme, re.S).group(1)
    assert section.strip() == describe_tables().strip(), "regenerate with: newsbeam query x --describe"


def test_every_contract_column_is_in_its_schema():
    for table, columns in CONTRACT_COLUMNS.items():
        assert set(columns.split()) <= set(TABLES[table].names), table


def test_every_column_is_described_and_versioned():
    for name, schema in TABLES.items():
        assert schema.metadata[b"newsbeam.schema_version"].isdigit()
        for field in schema:
            assert field.metadata and field.metadata[b"description"], f"{name}.{field.name}"
