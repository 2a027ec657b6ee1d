//! Evaluation of the screening matcher on perturbed real list names (see
//! tests/screening_common/eval.rs for how the set is built).
//!
//! Run: `cargo run --release -p kyra-checks --example screening_eval [--misses N]`

#[path = "../tests/screening_common/mod.rs"]
mod common;
#[path = "../tests/screening_common/eval.rs"]
mod eval;

use kyra_checks::screening::{ScreeningIndex, Thresholds};

fn main() {
    let misses: usize = std::env::args()
        .skip_while(|a| a != "--misses")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let lists = vec![common::ofac_sdn("watchman_bench"), common::un_2026()];
    let ix = ScreeningIndex::from_lists(lists);
    let cases = eval::generate(ix.entries(), 42, 1);
    let t0 = std::time::Instant::now();
    let scores = eval::target_scores(&ix, &cases);
    let dt = t0.elapsed();
    let th = Thresholds::default();
    let pos = cases.iter().filter(|c| c.positive).count();
    println!(
        "cases: {} ({} positive, {} negative), screened in {:.2?}",
        cases.len(),
        pos,
        cases.len() - pos,
        dt
    );
    for (label, t) in [("review", th.review()), ("match", th.match_threshold())] {
        let m = eval::confusion(&cases, &scores, t, None);
        println!(
            "threshold {label} {t:.2}: precision {:.4} recall {:.4} F1 {:.4} (tp {} fp {} fn {} tn {})",
            m.precision(), m.recall(), m.f1(), m.tp, m.fp, m.fn_, m.tn
        );
    }
    let mut kinds: Vec<&str> = cases.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        let r = eval::confusion(&cases, &scores, th.review(), Some(k));
        let m = eval::confusion(&cases, &scores, th.match_threshold(), Some(k));
        let n = cases.iter().filter(|c| c.kind == k).count();
        if cases.iter().any(|c| c.kind == k && c.positive) {
            println!(
                "  {k:<13} n={n:<6} recall@review {:.4} recall@match {:.4}",
                r.recall(),
                m.recall()
            );
        } else {
            println!(
                "  {k:<13} n={n:<6} false-positive rate @review {:.4} @match {:.4}",
                r.fp as f64 / n as f64,
                m.fp as f64 / n as f64
            );
        }
    }
    let mut shown = 0;
    for (c, s) in cases.iter().zip(&scores) {
        if shown >= misses {
            break;
        }
        let wrong = if c.positive {
            *s < th.review()
        } else {
            *s >= th.match_threshold()
        };
        if wrong {
            shown += 1;
            println!(
                "MISS {} {:?} -> {:?} score {:.3}",
                c.kind,
                c.query.name,
                ix.entries()[c.target]
                    .names
                    .iter()
                    .map(|n| n.value.as_str())
                    .collect::<Vec<_>>(),
                s
            );
        }
    }
}
