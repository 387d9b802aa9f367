"""The pyarrow schema of every newsbeam table, defined once.

Writers cast their rows to these schemas, ``newsbeam query`` and the README's table
reference are generated from them, and the tests check output against them.
"""
from schemas.tables import (
    SCHEMA_VERSION_KEY,
    TABLES,
    TABLE_ORDER,
    table_schema,
    describe_tables,
)

__all__ = ["SCHEMA_VERSION_KEY", "TABLES", "TABLE_ORDER", "table_schema", "describe_tables"]
