-- The decisions that hold, per actor and kind: who accepted, dismissed or snoozed how many findings, and when.
SELECT actor, kind, count(*) AS findings,
       to_timestamp_micros(min(decided_at)) AS first_decided,
       to_timestamp_micros(max(decided_at)) AS last_decided
FROM current_decisions
WHERE until IS NULL OR until >= CAST(current_date() AS VARCHAR)
GROUP BY actor, kind
ORDER BY actor, kind
