"""Runs SQL over a lakeaudit report with DuckDB (Hive partitions) and prints the rows as JSON.

Usage: read_report.py REPORT QUERIES.json, where QUERIES maps a table name to a
SELECT over it; each table name is read as the report's Parquet dataset.
"""
import json
import sys

import duckdb

report, queries = sys.argv[1], json.load(open(sys.argv[2]))
con = duckdb.connect()
out = {}
for table, sql in queries.items():
    source = f"read_parquet('{report}/{table}/*/*.parquet', hive_partitioning = true)"
    rows = con.execute(sql.replace("{table}", source)).fetchall()
    out[table] = [[None if v is None else str(v) for v in row] for row in rows]
print(json.dumps(out))
