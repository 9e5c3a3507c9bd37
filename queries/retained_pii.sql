-- Personal data that survives in old versions of Delta and Iceberg tables (files the current version no longer references, read by scan --history), per table and file: when the file was written, and until when time travel can still reach it (null: the log does not say; VACUUM or snapshot expiry may delete it any time).
WITH latest AS (SELECT scan_id FROM latest_scans)
SELECT o.dataset AS table_path, o.object, o.table_version,
       o.last_modified AS written_at, o.reachable_until,
       f."column", f.entity_type, f.score, f.matched_values, f.sampled_values
FROM objects o
JOIN latest l ON o.scan_id = l.scan_id
JOIN findings f ON f.scan_id = o.scan_id AND f.object = o.object
WHERE o.retained
ORDER BY o.dataset, o.last_modified, o.object, f."column", f.entity_type
