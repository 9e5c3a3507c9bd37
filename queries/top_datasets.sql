-- Datasets by exposure in the latest scan of each source: values matched, then columns and objects.
WITH latest AS (SELECT scan_id FROM latest_scans)
SELECT f.dataset,
       count(DISTINCT f."column") AS pii_columns,
       count(DISTINCT f.entity_type) AS entity_types,
       count(DISTINCT f.object) AS exposed_objects,
       sum(f.matched_values) AS matched_values
FROM findings f JOIN latest l ON f.scan_id = l.scan_id
GROUP BY f.dataset
ORDER BY matched_values DESC, f.dataset
LIMIT 20
