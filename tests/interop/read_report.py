"""Reads a lakeaudit report with DuckDB (Hive partitions) and prints counts as JSON."""
import json
import sys

import duckdb

report = sys.argv[1]
con = duckdb.connect()
out = {}
for table in ["scans", "objects", "columns", "findings"]:
    glob = f"{report}/{table}/*/*.parquet"
    rows, dates = con.execute(
        f"select count(*), count(distinct scan_date) from read_parquet('{glob}', hive_partitioning = true)"
    ).fetchone()
    out[table] = {"rows": rows, "scan_dates": dates}
out["findings_by_entity"] = [
    {"entity_type": e, "n": n, "m": int(m)}
    for e, n, m in con.execute(
        f"select entity_type, count(*), sum(matched_values) from read_parquet('{report}/findings/*/*.parquet', hive_partitioning = true) group by 1 order by 1"
    ).fetchall()
]
print(json.dumps(out))
