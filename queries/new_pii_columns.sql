-- Columns holding an entity type in the latest scan of their source that the scan before it did not find.
WITH ranked AS (
    SELECT scan_id, source, row_number() OVER (PARTITION BY source ORDER BY started_at DESC) AS n FROM scans
),
latest AS (
    SELECT DISTINCT f.source, f.dataset, f."column", f.entity_type
    FROM findings f JOIN ranked r ON f.scan_id = r.scan_id WHERE r.n = 1
),
previous AS (
    SELECT DISTINCT f.source, f.dataset, f."column", f.entity_type
    FROM findings f JOIN ranked r ON f.scan_id = r.scan_id WHERE r.n = 2
),
new AS (
    SELECT * FROM latest EXCEPT SELECT * FROM previous
)
SELECT dataset, "column", entity_type FROM new
WHERE source IN (SELECT source FROM ranked WHERE n = 2)
ORDER BY dataset, "column", entity_type
