-- Per column and entity type: first detection, the first later scan of the source without it (null while it stays), hours between.
WITH seen AS (
    SELECT source, dataset, "column", entity_type,
           min(scanned_at) AS first_detected, max(scanned_at) AS last_detected
    FROM findings
    GROUP BY source, dataset, "column", entity_type
)
SELECT s.dataset, s."column", s.entity_type, s.first_detected,
       min(sc.started_at) AS remediated_at,
       round((CAST(min(sc.started_at) AS BIGINT) - CAST(s.first_detected AS BIGINT)) / 3600000000.0, 2) AS hours_to_remediate
FROM seen s LEFT JOIN scans sc ON sc.source = s.source AND sc.started_at > s.last_detected
GROUP BY s.dataset, s."column", s.entity_type, s.first_detected
ORDER BY s.dataset, s."column", s.entity_type
