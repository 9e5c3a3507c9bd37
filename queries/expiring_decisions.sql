-- Decisions whose last day is within 30 days, or has passed: their findings are open again the day after.
WITH latest AS (
    SELECT finding_id, kind, actor, reason, until FROM (
        SELECT finding_id, kind, actor, reason, until,
               row_number() OVER (PARTITION BY finding_id ORDER BY decided_at DESC, run_id DESC) AS n
        FROM decisions
    ) WHERE n = 1
)
SELECT finding_id, kind, actor, reason, until,
       CASE WHEN until < CAST(current_date() AS VARCHAR) THEN 'ended' ELSE 'ending' END AS state
FROM latest
WHERE kind <> 'revoke' AND until IS NOT NULL
  AND until <= CAST(current_date() + INTERVAL '30 days' AS VARCHAR)
ORDER BY until, finding_id
