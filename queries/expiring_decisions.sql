-- Decisions whose last day is within 30 days, or has passed: their findings are open again the day after.
SELECT finding_id, kind, actor, reason, until,
       CASE WHEN until < CAST(current_date() AS VARCHAR) THEN 'ended' ELSE 'ending' END AS state
FROM current_decisions
WHERE until IS NOT NULL AND until <= CAST(current_date() + INTERVAL '30 days' AS VARCHAR)
ORDER BY until, finding_id
