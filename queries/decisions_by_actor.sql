-- The decisions that hold, per actor and kind: who accepted, dismissed or snoozed how many findings, and when.
WITH latest AS (
    SELECT finding_id, kind, actor, until, decided_at FROM (
        SELECT finding_id, kind, actor, until, decided_at,
               row_number() OVER (PARTITION BY finding_id ORDER BY decided_at DESC, run_id DESC) AS n
        FROM decisions
    ) WHERE n = 1
)
SELECT actor, kind, count(*) AS findings,
       to_timestamp_micros(min(decided_at)) AS first_decided,
       to_timestamp_micros(max(decided_at)) AS last_decided
FROM latest
WHERE kind <> 'revoke' AND (until IS NULL OR until >= CAST(current_date() AS VARCHAR))
GROUP BY actor, kind
ORDER BY actor, kind
