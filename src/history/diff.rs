//! `lakeaudit diff`: what appeared, disappeared, grew or shrank between two
//! scans, per dataset, column and entity type. By default the last scan and
//! the one before it of the same source.

use crate::error::{Error, Result};
use crate::report::cells;
use crate::source::Location;
use datafusion::prelude::SessionContext;
use datafusion::scalar::ScalarValue;

/// A change in the match ratio (matched / sampled values) smaller than this
/// is noise from sampling, not growth.
const RATIO_NOISE: f64 = 0.05;

/// One column and entity type that changed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    /// `appeared`, `disappeared`, `grew`, `shrank`.
    pub change: &'static str,
    /// The dataset.
    pub dataset: String,
    /// The column.
    pub column: String,
    /// The entity type.
    pub entity_type: String,
    /// Objects where the column holds it, before and after.
    pub objects: (u64, u64),
    /// Share of sampled values that matched, before and after.
    pub match_ratio: (f64, f64),
    /// The finding's id ([`crate::report::finding_id`]).
    pub finding_id: String,
    /// Where it changed: the objects that hold it now and did not before
    /// (appeared, grew), or held it before and do not now (disappeared,
    /// shrank); the first [`super::NAMED_OBJECTS`] by name.
    pub where_objects: Vec<String>,
    /// How many objects that is in all.
    pub where_count: u64,
}

/// Two scans compared.
#[derive(Debug, serde::Serialize)]
pub struct Diff {
    /// The earlier scan.
    pub from: String,
    /// The later scan.
    pub to: String,
    /// What changed.
    pub changes: Vec<Change>,
}

/// How a column and entity type changed between two states, if it did.
pub fn classify(objects: (u64, u64), ratio: (f64, f64)) -> Option<&'static str> {
    match objects {
        (0, 0) => None,
        (0, _) => Some("appeared"),
        (_, 0) => Some("disappeared"),
        (a, b) if b > a || ratio.1 - ratio.0 >= RATIO_NOISE => Some("grew"),
        (a, b) if b < a || ratio.0 - ratio.1 >= RATIO_NOISE => Some("shrank"),
        _ => None,
    }
}

async fn ids(ctx: &SessionContext, sql: &str, params: Vec<ScalarValue>) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for b in ctx.sql(sql).await?.with_param_values(params)?.collect().await? {
        out.extend(cells::<String>(&b, "scan_id")?);
    }
    Ok(out)
}

fn text(v: &str) -> ScalarValue {
    ScalarValue::Utf8(Some(v.to_owned()))
}

/// Compares scan `from` with scan `to` (defaults: the latest scan, and the
/// one before it of the same source).
pub async fn diff(
    report: &Location,
    from: Option<&str>,
    to: Option<&str>,
    printer: &crate::printer::Printer,
) -> Result<Diff> {
    let ctx = crate::query::session(report, printer).await?;
    if !ctx.table_exist("scans")? {
        return Err(Error::Usage(format!("no scan in {}", report.url())));
    }
    let exists = |id: &str| {
        let id = id.to_owned();
        let ctx = &ctx;
        async move {
            let found = ids(ctx, "SELECT scan_id FROM scans WHERE scan_id = $1", vec![text(&id)]).await?;
            found.into_iter().next().ok_or_else(|| Error::Usage(format!("no scan {id} in the report")))
        }
    };
    // The scan before `id` of the same source.
    let before = |id: String| {
        let ctx = &ctx;
        async move {
            let sql = "SELECT b.scan_id FROM scans a JOIN scans b ON a.source = b.source AND b.started_at < a.started_at \
                       WHERE a.scan_id = $1 ORDER BY b.started_at DESC LIMIT 1";
            ids(ctx, sql, vec![text(&id)]).await?.into_iter().next().ok_or_else(|| {
                Error::Usage(format!("scan {id} is the first of its source: nothing to compare it with"))
            })
        }
    };
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (exists(f).await?, exists(t).await?),
        (None, Some(t)) => {
            let t = exists(t).await?;
            (before(t.clone()).await?, t)
        }
        (Some(f), None) => {
            let f = exists(f).await?;
            let sql = "SELECT b.scan_id FROM scans a JOIN scans b ON a.source = b.source \
                       WHERE a.scan_id = $1 ORDER BY b.started_at DESC LIMIT 1";
            (f.clone(), ids(&ctx, sql, vec![text(&f)]).await?.remove(0))
        }
        (None, None) => {
            let latest = ids(&ctx, "SELECT scan_id FROM scans ORDER BY started_at DESC LIMIT 1", Vec::new()).await?;
            let t = latest.into_iter().next().ok_or_else(|| Error::Usage("no scan in the report".into()))?;
            (before(t.clone()).await?, t)
        }
    };
    let sql = "WITH a AS (SELECT dataset, \"column\", entity_type, count(DISTINCT object) AS objects, \
                          sum(matched_values) AS matched, sum(sampled_values) AS sampled \
                          FROM findings WHERE scan_id = $1 GROUP BY dataset, \"column\", entity_type), \
                    b AS (SELECT dataset, \"column\", entity_type, count(DISTINCT object) AS objects, \
                          sum(matched_values) AS matched, sum(sampled_values) AS sampled \
                          FROM findings WHERE scan_id = $2 GROUP BY dataset, \"column\", entity_type) \
               SELECT coalesce(a.dataset, b.dataset) AS dataset, coalesce(a.\"column\", b.\"column\") AS \"column\", \
                      coalesce(a.entity_type, b.entity_type) AS entity_type, \
                      coalesce(a.objects, 0) AS objects_a, coalesce(b.objects, 0) AS objects_b, \
                      coalesce(a.matched, 0) AS matched_a, coalesce(b.matched, 0) AS matched_b, \
                      coalesce(a.sampled, 0) AS sampled_a, coalesce(b.sampled, 0) AS sampled_b \
               FROM a FULL OUTER JOIN b ON a.dataset = b.dataset AND a.\"column\" = b.\"column\" AND a.entity_type = b.entity_type \
               ORDER BY 1, 2, 3";
    let mut changes = Vec::new();
    if !ctx.table_exist("findings")? {
        return Ok(Diff { from, to, changes });
    }
    let source = {
        let mut source = String::new();
        for b in ctx
            .sql("SELECT source FROM scans WHERE scan_id = $1")
            .await?
            .with_param_values(vec![text(&to)])?
            .collect()
            .await?
        {
            source = cells::<String>(&b, "source")?.into_iter().next().unwrap_or(source);
        }
        source
    };
    let moved = moved_objects(&ctx, &from, &to).await?;
    {
        for b in ctx.sql(sql).await?.with_param_values(vec![text(&from), text(&to)])?.collect().await? {
            let (dataset, column) = (cells::<String>(&b, "dataset")?, cells::<String>(&b, "column")?);
            let entity = cells::<String>(&b, "entity_type")?;
            let [oa, ob, ma, mb, sa, sb] =
                ["objects_a", "objects_b", "matched_a", "matched_b", "sampled_a", "sampled_b"]
                    .map(|c| cells::<u64>(&b, c));
            let (oa, ob, ma, mb, sa, sb) = (oa?, ob?, ma?, mb?, sa?, sb?);
            for (i, ((dataset, column), entity_type)) in dataset.into_iter().zip(column).zip(entity).enumerate() {
                let objects = (oa[i], ob[i]);
                let ratio = |m: u64, s: u64| m as f64 / s.max(1) as f64;
                let match_ratio = (ratio(ma[i], sa[i]), ratio(mb[i], sb[i]));
                if let Some(change) = classify(objects, match_ratio) {
                    let key = (dataset, column, entity_type);
                    let side = matches!(change, "appeared" | "grew");
                    let named = moved.get(&(key.0.clone(), key.1.clone(), key.2.clone(), side));
                    let (dataset, column, entity_type) = key;
                    changes.push(Change {
                        change,
                        finding_id: crate::report::finding_id(&source, &dataset, &column, &entity_type),
                        where_objects: named
                            .map(|n| n.iter().take(super::NAMED_OBJECTS).cloned().collect())
                            .unwrap_or_default(),
                        where_count: named.map_or(0, |n| n.len() as u64),
                        dataset,
                        column,
                        entity_type,
                        objects,
                        match_ratio,
                    });
                }
            }
        }
    }
    Ok(Diff { from, to, changes })
}

/// The objects a finding moved to or from between the scans, sorted: by
/// (dataset, column, entity type, `true` for objects of `to` that `from`
/// did not have it in, `false` for the other way round).
async fn moved_objects(
    ctx: &SessionContext,
    from: &str,
    to: &str,
) -> Result<std::collections::BTreeMap<(String, String, String, bool), Vec<String>>> {
    let sql = "WITH a AS (SELECT DISTINCT dataset, \"column\", entity_type, object FROM findings WHERE scan_id = $1), \
                    b AS (SELECT DISTINCT dataset, \"column\", entity_type, object FROM findings WHERE scan_id = $2) \
               SELECT b.dataset, b.\"column\", b.entity_type, b.object, true AS new FROM b LEFT JOIN a \
                 ON a.dataset = b.dataset AND a.\"column\" = b.\"column\" AND a.entity_type = b.entity_type \
                 AND a.object = b.object WHERE a.object IS NULL \
               UNION ALL \
               SELECT a.dataset, a.\"column\", a.entity_type, a.object, false AS new FROM a LEFT JOIN b \
                 ON a.dataset = b.dataset AND a.\"column\" = b.\"column\" AND a.entity_type = b.entity_type \
                 AND a.object = b.object WHERE b.object IS NULL";
    let mut moved: std::collections::BTreeMap<_, Vec<String>> = std::collections::BTreeMap::new();
    for b in ctx.sql(sql).await?.with_param_values(vec![text(from), text(to)])?.collect().await? {
        let [dataset, column, entity, object] =
            ["dataset", "column", "entity_type", "object"].map(|c| cells::<String>(&b, c));
        let new = cells::<bool>(&b, "new")?;
        let rows = dataset?.into_iter().zip(column?).zip(entity?).zip(object?).zip(new);
        for ((((dataset, column), entity), object), new) in rows {
            moved.entry((dataset, column, entity, new)).or_default().push(object);
        }
    }
    moved.values_mut().for_each(|objects| objects.sort());
    Ok(moved)
}

#[cfg(test)]
mod tests {
    #[test]
    fn change_table() {
        for (objects, ratio, want) in [
            ((0, 2), (0.0, 0.5), Some("appeared")),
            ((2, 0), (0.5, 0.0), Some("disappeared")),
            ((2, 3), (0.5, 0.5), Some("grew")),
            ((2, 2), (0.5, 0.6), Some("grew")),
            ((2, 2), (0.5, 0.52), None),
            ((3, 2), (0.5, 0.5), Some("shrank")),
            ((2, 2), (0.5, 0.3), Some("shrank")),
        ] {
            assert_eq!(super::classify(objects, ratio), want, "{objects:?} {ratio:?}");
        }
    }
}
