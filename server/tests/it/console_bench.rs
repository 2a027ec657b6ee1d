//! Console benchmark (ignored by default; docs/benchmarks.md has results):
//!
//! ```text
//! KYRA_TEST_POSTGRES_URL=postgres://… cargo test -p kyra-server --test it console_bench -- --ignored --nocapture
//! ```
//!
//! Set `KYRA_BENCH_BIN` to a release `kyra` binary to measure that instead of the debug build.
//! On each database: 100 verifications sent to review through the API and the pipeline, then
//! 100,000 more rows of the same tenant written by SQL (statuses spread like a live system:
//! mostly approved, some declined, 1 % in review), then the server-side time of the console's
//! pages for a signed-in reviewer over loopback HTTP (p50/p95 of 200 requests each), and the
//! query plans of the queue, the filtered list and the status counts.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::common::console::{create_operator, Browser};
use crate::common::{outcome, post, Db, TestApp};

const SEEDED: i64 = 100_000;
const REAL: usize = 100;
const RUNS: usize = 200;

/// Clones the first verification into `SEEDED` rows with other ids, times and statuses. Their
/// applicant is left empty (sealed data is bound to its own row's id).
fn seed_sql(db: Db) -> String {
    let columns =
        "id, tenant_id, flow_id, flow_version, mode, status, decline_type, reason_codes, \
        risk_flags, step, reference_id, applicant_sealed, locale, return_url, metadata, \
        requested_checks, client_token_hash, attempt, max_attempts, sequence, created_at, \
        updated_at, expires_at, submitted_at, completed_at, decided_by";
    let select = |n: &str| {
        format!(
            "SELECT 'vrf_bench' || {n}, t.tenant_id, t.flow_id, t.flow_version, t.mode, \
             CASE WHEN {n} % 100 = 0 THEN 'needs_review' WHEN {n} % 10 = 1 THEN 'declined' \
                  WHEN {n} % 10 = 2 THEN 'expired' ELSE 'approved' END, \
             NULL, '[]', '[]', 'welcome', 'bench_' || {n}, NULL, NULL, NULL, '{{}}', \
             t.requested_checks, t.client_token_hash || {n}, 1, 3, 5, \
             t.created_at - {n} * 1000, t.created_at - {n} * 1000, t.expires_at, \
             t.created_at + {n}, t.created_at + {n}, 'rules' \
             FROM (SELECT * FROM verifications ORDER BY created_at LIMIT 1) t"
        )
    };
    match db {
        Db::Sqlite => format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {SEEDED}) \
             INSERT INTO verifications ({columns}) {}, n",
            select("n.i")
        ),
        Db::Postgres => format!(
            "INSERT INTO verifications ({columns}) {}, generate_series(1, {SEEDED}) AS n(i)",
            select("n.i")
        ),
    }
}

async fn time_page(browser: &Browser, label: &str, path: &str) {
    let mut took = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        let (status, _) = browser.get(path).await;
        took.push(started.elapsed());
        assert_eq!(status, 200, "{path}");
    }
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "  {label:<28} p50 {:>7.1} ms   p95 {:>7.1} ms",
        ms(took[RUNS / 2]),
        ms(took[RUNS * 95 / 100])
    );
}

async fn plans(app: &TestApp, db: Db) {
    let tenant = app.tenant["tenant_id"].as_str().expect("tenant");
    let queries = [
        (
            "queue",
            format!("SELECT id FROM verifications WHERE tenant_id = '{tenant}' AND status = 'needs_review' ORDER BY submitted_at, id LIMIT 50"),
        ),
        (
            "list, status filter",
            format!("SELECT id FROM verifications WHERE tenant_id = '{tenant}' AND status = 'declined' ORDER BY created_at DESC, id DESC LIMIT 51"),
        ),
        (
            "list, reference",
            format!("SELECT id FROM verifications WHERE tenant_id = '{tenant}' AND reference_id = 'bench_42' ORDER BY created_at DESC, id DESC LIMIT 51"),
        ),
        (
            "status counts",
            format!("SELECT status, COUNT(*) FROM verifications WHERE tenant_id = '{tenant}' GROUP BY status"),
        ),
    ];
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&app.db.url).await.expect("connect");
    for (label, sql) in queries {
        let explain = match db {
            Db::Sqlite => format!("EXPLAIN QUERY PLAN {sql}"),
            Db::Postgres => format!("EXPLAIN {sql}"),
        };
        let rows = sqlx::query(&explain)
            .fetch_all(&pool)
            .await
            .expect("explain");
        println!("  plan of {label}:");
        for row in rows {
            use sqlx::Row;
            let line: String = match db {
                Db::Sqlite => row.try_get("detail").expect("detail"),
                Db::Postgres => row.try_get(0).expect("plan line"),
            };
            println!("    {line}");
        }
    }
    pool.close().await;
}

async fn console_pages(db: Db) {
    let app = TestApp::spawn_with_env(db, &crate::common::FAST).await;
    let mut ids = Vec::with_capacity(REAL);
    for i in 0..REAL {
        let v = app
            .create_verification(json!({
                "reference_id": format!("real_{i}"),
                "checks": ["document", "sanctions"],
                "applicant": {"first_name": "Ana", "last_name": "Silva", "email": "ana@example.com"},
                "metadata": {"kyra_test_outcome": "needs_review"},
            }))
            .await;
        let id = v["id"].as_str().expect("id").to_owned();
        let r = post(
            &app.server,
            &app.key,
            &format!("/api/v1/verifications/{id}/submit"),
        )
        .await;
        assert_eq!(r.status(), 202);
        ids.push(id);
    }
    for id in &ids {
        assert_eq!(
            outcome(&app.server, &app.key, id).await["status"],
            "needs_review"
        );
    }
    let seeding = Instant::now();
    app.db.execute(&seed_sql(db)).await;
    let total = app
        .db
        .scalar_i64("SELECT COUNT(*) FROM verifications")
        .await;
    println!(
        "console_bench {db:?}: {total} verifications ({} s to seed)",
        seeding.elapsed().as_secs()
    );
    if db == Db::Postgres {
        app.db.execute("ANALYZE verifications").await;
    }
    create_operator(&app.db, "acme", "bench@acme.test", "reviewer").await;
    let browser = Browser::sign_in(&app, "bench@acme.test").await;
    time_page(&browser, "review queue", "/console").await;
    time_page(&browser, "list (newest 50)", "/console/verifications").await;
    time_page(
        &browser,
        "list, status=declined",
        "/console/verifications?status=declined",
    )
    .await;
    time_page(
        &browser,
        "list, reference id",
        "/console/verifications?q=bench_4242",
    )
    .await;
    time_page(
        &browser,
        "case view",
        &format!("/console/verifications/{}", ids[0]),
    )
    .await;
    plans(&app, db).await;
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn console_pages_sqlite() {
    console_pages(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn console_pages_postgres() {
    console_pages(Db::Postgres).await;
}
