"""Writes a Delta Lake table with the `deltalake` package and an Iceberg table
with `pyiceberg`, as users' pipelines do, for lakeaudit's table tests.

Usage: write_tables.py LAKE CATALOG_DIR
       write_tables.py --append LAKE  (appends rows 300..310 to the Delta table)
       write_tables.py --hostile-dv LAKE  (commits to the DV table a deletion vector
                                       claiming 13 M deleted rows in a few bytes)
       write_tables.py --by-email DIR  (writes DIR/delta and an Iceberg table under
                                       DIR/warehouse, both partitioned by an email column,
                                       and the same rows as loose Hive-style folders:
                                       DIR/loose/pyarrow by pyarrow, DIR/loose/duckdb by DuckDB)
       write_tables.py --read-hive DIR  (prints the rows and the distinct `contact`
                                       values of a Hive-partitioned dataset, as pyarrow
                                       reads it)
       write_tables.py --column-mapping TABLE  (writes a Delta table with column
                                       mapping: its files name columns col-<uuid>)
       write_tables.py --old-checkpoint TABLE  (writes a Delta table whose checkpoint
                                       lists a file of card holders that a later
                                       DELETE removed, the commits before the
                                       checkpoint cleaned up as log retention does)
       write_tables.py --read TABLE   (prints a Delta table's version, columns
                                       and rows, as the deltalake package reads it)

Both tables (LAKE/crm/people_delta and the Iceberg warehouse under
LAKE/warehouse) hold the same made-up customers, partitioned by region, and go
through the same history:

1. rows 0..100 are written;
2. rows 100..200 are appended;
3. customers 150..160, the only ones with a card number in `note`, are
   deleted: the files that held them are rewritten without them, and the old
   files stay on storage for time travel;
4. a column `phone` is added and rows 200..250 are appended with it;
5. (Delta) a checkpoint is written, then rows 250..260 are appended.

Then a second Delta table, LAKE/crm/dv_delta, gets one file of 10 rows and a
commit that deletes rows 5..10 (the only rows with a card number) by an
inline deletion vector, as Spark and Databricks write them: no Python writer makes
deletion vectors yet, so that one commit follows the protocol by hand, and the
`deltalake` package's query engine reading 5 rows back proves it valid.

Prints a JSON summary: each table's versions and files, for the test to
compare with.
"""

import json
import struct
import sys
from pathlib import Path

import pyarrow as pa

CARD = "4111 1111 1111 1111"


def people(ids, phone=False):
    ids = list(ids)
    cols = {
        "id": pa.array(ids, pa.int64()),
        "email": pa.array([f"customer{i}@example.com" for i in ids]),
        "note": pa.array([f"card {CARD}" if 150 <= i < 160 else "no remarks" for i in ids]),
        "region": pa.array(["eu" if i % 2 else "us" for i in ids]),
    }
    if phone:
        cols["phone"] = pa.array([f"+1 212 555 {i:04d}" for i in ids])
    return pa.table(cols)


def delta(root):
    from deltalake import DeltaTable, write_deltalake

    write_deltalake(root, people(range(0, 100)), partition_by=["region"])
    write_deltalake(root, people(range(100, 200)), mode="append")
    DeltaTable(root).delete("id >= 150 and id < 160")
    write_deltalake(root, people(range(200, 250), phone=True), mode="append", schema_mode="merge")
    DeltaTable(root).create_checkpoint()
    write_deltalake(root, people(range(250, 260), phone=True), mode="append")
    dt = DeltaTable(root)
    return {"version": dt.version(), "files": sorted(dt.file_uris()), "rows": delta_rows(root)}


def delta_rows(root):
    """Rows of the table's latest version, as delta-rs's query engine (which
    applies deletion vectors) reads it."""
    from deltalake import DeltaTable, QueryBuilder

    result = QueryBuilder().register("t", DeltaTable(root)).execute("select count(*) as n from t").read_all()
    return result.column("n")[0].as_py()


def z85(data):
    chars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"
    out = []
    for i in range(0, len(data), 4):
        (v,) = struct.unpack(">I", data[i : i + 4])
        out.append("".join(chars[(v // 85**k) % 85] for k in range(4, -1, -1)))
    return "".join(out)


def treemap(rows):
    """The RoaringTreemap portable serialization of a few row numbers below
    2^16: one 32-bit bitmap, one array container, preceded by the deletion
    vector format's magic."""
    rows = sorted(rows)
    body = struct.pack("<Q", 1) + struct.pack("<I", 0)
    body += struct.pack("<II", 12346, 1) + struct.pack("<HH", 0, len(rows) - 1)
    body += struct.pack("<I", 8 + 4 + 4) + b"".join(struct.pack("<H", r) for r in rows)
    return struct.pack("<I", 1681511377) + body


def full_runs_treemap(containers):
    """A RoaringTreemap whose one 32-bit bitmap holds `containers` run
    containers, each covering all 65,536 values: many rows in few bytes."""
    n = containers
    header = struct.pack("<I", 12347 | ((n - 1) << 16))
    flags = bytearray((n + 7) // 8)
    for i in range(n):
        flags[i // 8] |= 1 << (i % 8)
    header += bytes(flags) + b"".join(struct.pack("<HH", k, 65535) for k in range(n))
    run = struct.pack("<HHH", 1, 0, 65535)
    start = len(header) + 4 * n
    offsets = b"".join(struct.pack("<I", start + i * len(run)) for i in range(n))
    bitmap = header + offsets + run * n
    return struct.pack("<I", 1681511377) + struct.pack("<Q", 1) + struct.pack("<I", 0) + bitmap


def hostile_dv(lake):
    """Commits to the DV table a deletion vector claiming 200 x 65,536 rows."""
    root = Path(lake) / "crm/dv_delta"
    log = root / "_delta_log"
    last = [json.loads(line) for line in (log / f"{1:020}.json").read_text().splitlines()]
    add = next(a["add"] for a in last if "add" in a)
    data = full_runs_treemap(200)
    padded = data + b"\0" * (-len(data) % 4)
    dv = {"storageType": "i", "pathOrInlineDv": z85(padded), "sizeInBytes": len(data), "cardinality": 200 * 65536}
    now = 1_700_000_100_000
    actions = [
        {"remove": {"path": add["path"], "deletionTimestamp": now, "dataChange": True, "extendedFileMetadata": True,
                    "partitionValues": {}, "size": add["size"], "deletionVector": add["deletionVector"]}},
        {"add": {**add, "modificationTime": now, "deletionVector": dv}},
        {"commitInfo": {"timestamp": now, "operation": "DELETE"}},
    ]
    (log / f"{2:020}.json").write_text("\n".join(json.dumps(a) for a in actions) + "\n")


def deletion_vector(root):
    from deltalake import DeltaTable, write_deltalake

    ids = range(0, 10)
    table = pa.table({
        "id": pa.array(ids, pa.int64()),
        "note": pa.array([f"card {CARD}" if i >= 5 else "no remarks" for i in ids]),
    })
    write_deltalake(root, table)
    log = Path(root) / "_delta_log"
    first = [json.loads(line) for line in (log / f"{0:020}.json").read_text().splitlines()]
    metadata = next(a["metaData"] for a in first if "metaData" in a)
    add = next(a["add"] for a in first if "add" in a)
    data = treemap(range(5, 10))
    padded = data + b"\0" * (-len(data) % 4)
    dv = {"storageType": "i", "pathOrInlineDv": z85(padded), "sizeInBytes": len(data), "cardinality": 5}
    metadata["configuration"] = {**metadata.get("configuration", {}), "delta.enableDeletionVectors": "true"}
    now = 1_700_000_000_000
    actions = [
        {"protocol": {"minReaderVersion": 3, "minWriterVersion": 7,
                      "readerFeatures": ["deletionVectors"], "writerFeatures": ["deletionVectors"]}},
        {"metaData": metadata},
        {"remove": {"path": add["path"], "deletionTimestamp": now, "dataChange": True,
                    "extendedFileMetadata": True, "partitionValues": {}, "size": add["size"]}},
        {"add": {"path": add["path"], "partitionValues": {}, "size": add["size"],
                 "modificationTime": now, "dataChange": True, "deletionVector": dv}},
        {"commitInfo": {"timestamp": now, "operation": "DELETE"}},
    ]
    (log / f"{1:020}.json").write_text("\n".join(json.dumps(a) for a in actions) + "\n")
    rows = delta_rows(root)
    assert rows == 5, f"the deletion vector must hide 5 rows, read {rows}"
    return {"version": 1, "files": [add["path"]], "rows": rows}


def iceberg(warehouse, catalog_dir):
    from pyiceberg.catalog.sql import SqlCatalog
    from pyiceberg.types import StringType

    catalog = SqlCatalog("lake", uri=f"sqlite:///{catalog_dir}/catalog.db", warehouse=f"file://{warehouse}")
    catalog.create_namespace("crm")
    table = catalog.create_table("crm.people", schema=people(range(1)).schema)
    with table.update_spec() as spec:
        spec.add_identity("region")
    table.append(people(range(0, 100)))
    table.append(people(range(100, 200)))
    table.delete("id >= 150 and id < 160")
    with table.update_schema() as update:
        update.add_column("phone", StringType())
    table = catalog.load_table("crm.people")
    table.append(people(range(200, 250), phone=True))
    table = catalog.load_table("crm.people")
    files = sorted(t.file.file_path for t in table.scan().plan_files())
    return {
        "snapshot": table.current_snapshot().snapshot_id,
        "files": files,
        "rows": table.scan().to_arrow().num_rows,
        "location": table.location(),
    }


def main():
    if sys.argv[1] == "--read":
        from deltalake import DeltaTable

        table = DeltaTable(sys.argv[2])
        columns = [f.name for f in table.schema().fields]
        print(json.dumps({"version": table.version(), "columns": columns, "rows": delta_rows(sys.argv[2]),
                          "partitions": table.metadata().partition_columns}))
        return
    if sys.argv[1] == "--by-email":
        from deltalake import write_deltalake
        from pyiceberg.catalog.sql import SqlCatalog

        ids = range(0, 20)
        table = pa.table({
            "id": pa.array(ids, pa.int64()),
            "contact": pa.array([f"partner{i % 5}@example.org" for i in ids]),
            "amount": pa.array([i * 10 for i in ids], pa.int64()),
        })
        out = Path(sys.argv[2])
        write_deltalake(str(out / "delta"), table, partition_by=["contact"])
        (out / "catalog").mkdir(parents=True)
        catalog = SqlCatalog("p", uri=f"sqlite:///{out}/catalog/catalog.db", warehouse=f"file://{out}/warehouse")
        catalog.create_namespace("crm")
        partners = catalog.create_table("crm.partners", schema=table.schema)
        with partners.update_spec() as spec:
            spec.add_identity("contact")
        partners.append(table)
        import duckdb
        import pyarrow.parquet as pq

        pq.write_to_dataset(table, str(out / "loose/pyarrow"), partition_cols=["contact"])
        con = duckdb.connect()
        con.register("t", table)
        con.execute(f"copy t to '{out}/loose/duckdb' (format parquet, partition_by (contact))")
        print("{}")
        return
    if sys.argv[1] == "--read-hive":
        import pyarrow.dataset as ds

        data = ds.dataset(sys.argv[2], format="parquet", partitioning="hive").to_table()
        print(json.dumps({"rows": data.num_rows, "contacts": sorted(set(data.column("contact").to_pylist()))}))
        return
    if sys.argv[1] == "--old-checkpoint":
        from deltalake import DeltaTable, write_deltalake

        root = sys.argv[2]
        write_deltalake(root, people(range(150, 160)))
        write_deltalake(root, people(range(0, 10)), mode="append")
        DeltaTable(root).create_checkpoint()
        DeltaTable(root).delete("id >= 150 and id < 160")
        for version in (0, 1):
            (Path(root) / "_delta_log" / f"{version:020}.json").unlink()
        print(json.dumps({"version": DeltaTable(root).version(), "rows": delta_rows(root)}))
        return
    if sys.argv[1] == "--column-mapping":
        from deltalake import write_deltalake

        write_deltalake(sys.argv[2], people(range(0, 50)), configuration={"delta.columnMapping.mode": "name"})
        print("{}")
        return
    if sys.argv[1] == "--hostile-dv":
        hostile_dv(sys.argv[2])
        print("{}")
        return
    if sys.argv[1] == "--append":
        from deltalake import DeltaTable, write_deltalake

        root = str(Path(sys.argv[2]) / "crm/people_delta")
        write_deltalake(root, people(range(300, 310), phone=True), mode="append")
        print(json.dumps({"version": DeltaTable(root).version()}))
        return
    lake, catalog_dir = Path(sys.argv[1]), Path(sys.argv[2])
    (lake / "crm").mkdir(parents=True, exist_ok=True)
    catalog_dir.mkdir(parents=True, exist_ok=True)
    summary = {
        "delta": delta(str(lake / "crm/people_delta")),
        "dv": deletion_vector(str(lake / "crm/dv_delta")),
        "iceberg": iceberg(lake / "warehouse", catalog_dir),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
