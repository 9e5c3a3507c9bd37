-- Columns that held an entity type in the scan before the latest of their source and no longer do.
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
)
SELECT dataset, "column", entity_type FROM (SELECT * FROM previous EXCEPT SELECT * FROM latest)
ORDER BY dataset, "column", entity_type
