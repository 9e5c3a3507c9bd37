-- Per day: columns holding personal data and objects exposing it, over every scan that day.
SELECT CAST(scan_date AS VARCHAR) AS day,
       count(DISTINCT dataset || ' ' || "column") AS pii_columns,
       count(DISTINCT object) AS exposed_objects,
       count(DISTINCT scan_id) AS scans
FROM findings
GROUP BY scan_date
ORDER BY day
