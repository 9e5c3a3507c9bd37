-- The findings of the latest scan of each source, per dataset, column and entity type.
WITH latest AS (SELECT scan_id FROM latest_scans)
SELECT f.dataset, f."column", f.entity_type,
       max(f.score) AS score,
       count(DISTINCT f.object) AS objects,
       sum(f.matched_values) AS matched_values,
       sum(f.sampled_values) AS sampled_values
FROM findings f JOIN latest l ON f.scan_id = l.scan_id
GROUP BY f.dataset, f."column", f.entity_type
ORDER BY f.dataset, f."column", f.entity_type
