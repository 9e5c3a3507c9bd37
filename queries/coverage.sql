-- Per scan: the share of objects and bytes covered (read, or unchanged since the last scan), and failures.
SELECT scan_id, source, status,
       objects_listed, objects_scanned, objects_unchanged, objects_skipped, objects_failed,
       round(CAST(objects_scanned + objects_unchanged AS DOUBLE) / greatest(objects_listed, 1), 4) AS objects_covered,
       bytes_listed, bytes_read,
       round(CAST(bytes_read AS DOUBLE) / greatest(bytes_listed, 1), 4) AS bytes_read_share
FROM scans
ORDER BY started_at
