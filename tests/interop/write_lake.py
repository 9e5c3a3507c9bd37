"""Writes a Parquet object with another writer than lakeaudit's (their own
dictionaries, pages, row groups and type annotations): ROWS rows in row
groups of 100,000.

Usage: write_lake.py duckdb|pyarrow PATH ROWS. Row i holds:
- id: i (DuckDB: INT64 annotated INT_64; pyarrow: plain INT64);
- email: user{i}@example.org (unique; a dictionary would overflow);
- status: NULL when i % 7 = 3, else 'open', 'closed' or, when i % 3 = 2, one
  of five addresses jane.doe{i % 5}@example.com (a dictionary column; pyarrow
  writes it from a dictionary array, its Arrow type kept in the file);
- country: one of four codes.
"""
import sys

writer, path, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])


def status(i):
    if i % 7 == 3:
        return None
    return ["open", "closed", f"jane.doe{i % 5}@example.com"][i % 3]


if writer == "duckdb":
    import duckdb

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
else:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table(
        {
            "id": pa.array(range(rows), pa.int64()),
            "email": pa.array([f"user{i}@example.org" for i in range(rows)]),
            "status": pa.array([status(i) for i in range(rows)]).dictionary_encode(),
            "country": pa.array([["DE", "FR", "IT", "ES"][i % 4] for i in range(rows)]),
        }
    )
    pq.write_table(table, path, row_group_size=100_000)
