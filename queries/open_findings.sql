-- The findings of the latest scan of each source that no decision holds for (accepted, false positive, snoozed): what is still to be dealt with.
WITH latest AS (SELECT scan_id FROM latest_scans)
SELECT f.source, f.dataset, f."column", f.entity_type, f.finding_id,
       max(f.score) AS score,
       count(DISTINCT f.object) AS objects
FROM findings f JOIN latest l ON f.scan_id = l.scan_id
WHERE f.finding_id IS NULL OR f.finding_id NOT IN (
    SELECT finding_id FROM current_decisions WHERE until IS NULL OR until >= CAST(current_date() AS VARCHAR)
)
GROUP BY f.source, f.dataset, f."column", f.entity_type, f.finding_id
ORDER BY f.source, f.dataset, f."column", f.entity_type
