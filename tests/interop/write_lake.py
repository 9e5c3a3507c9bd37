"""Writes a Parquet object with DuckDB's own writer (its dictionaries, pages
and row groups, not arrow-rs's): ROWS rows in row groups of 100,000.

Usage: write_lake.py PATH ROWS. Row i holds:
- email: user{i}@example.org (unique; a dictionary would overflow);
- status: NULL when i % 7 = 3, else 'open', 'closed' or, when i % 3 = 2, one
  of five addresses jane.doe{i % 5}@example.com (a dictionary column);
- country: one of four codes.
"""
import sys

import duckdb

path, rows = sys.argv[1], int(sys.argv[2])
duckdb.sql(
    f"""
    COPY (
        SELECT
            i AS id,
            'user' || i || '@example.org' AS email,
            CASE WHEN i % 7 = 3 THEN NULL
                 WHEN i % 3 = 0 THEN 'open'
                 WHEN i % 3 = 1 THEN 'closed'
                 ELSE 'jane.doe' || (i % 5) || '@example.com' END AS status,
            ['DE', 'FR', 'IT', 'ES'][i % 4 + 1] AS country
        FROM range({rows}) t(i)
        ORDER BY i
    ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 100000)
    """
)
