//! Index over the real OFAC SDN (bench) + UN lists: every entry is reachable by its own primary
//! name, and the matcher keeps its quality on a slice of the evaluation set.

mod screening_common;

use kyra_checks::screening::{Classification, ScreeningIndex, SearchOptions, Subject, Thresholds};
use screening_common as common;

#[path = "screening_common/eval.rs"]
mod eval;

fn index() -> ScreeningIndex {
    ScreeningIndex::from_lists(vec![common::ofac_sdn("watchman_bench"), common::un_2026()])
}

#[test]
fn no_entry_unreachable_by_its_primary_name() {
    let ix = index();
    assert_eq!(ix.entries().len(), 8_976 + 1_003);
    let th = Thresholds::default();
    let opts = SearchOptions {
        limit: 100,
        min_score: th.review(),
        ..SearchOptions::default()
    };
    let mut unreachable = Vec::new();
    for (i, e) in ix.entries().iter().enumerate() {
        let mut q = Subject::new(e.primary_name());
        q.schema = e.schema;
        let hits = ix.screen(&q, &opts);
        match hits.iter().find(|h| h.entry == i) {
            Some(h) if th.classify(h.score) == Classification::Match => {}
            other => unreachable.push(format!(
                "{} {:?}: {:?}",
                e.id,
                e.primary_name(),
                other.map(|h| h.score)
            )),
        }
    }
    assert!(
        unreachable.is_empty(),
        "{} unreachable, e.g. {:?}",
        unreachable.len(),
        &unreachable[..unreachable.len().min(10)]
    );
}

#[test]
fn hits_are_explained() {
    let ix = index();
    let mut q = Subject::new("Ayman al-Zawahiri");
    q.birth_date = kyra_checks::screening::BirthDate::exact(1951, 6, 19);
    q.country = Some("Egypt".into());
    let hits = ix.screen(&q, &SearchOptions::default());
    let h = hits.first().expect("Zawahiri is listed");
    assert!(h.score >= 0.95, "{h:?}");
    use kyra_checks::screening::Feature;
    let feats: Vec<Feature> = h.explanation.features.iter().map(|f| f.feature).collect();
    assert!(
        feats.contains(&Feature::Name) && feats.contains(&Feature::BirthDate),
        "{feats:?}"
    );
    assert!(!h.explanation.tokens.is_empty());
    assert!(h.matched_name.to_uppercase().contains("ZAWAHIRI"));
}

#[test]
fn evaluation_slice_keeps_f1() {
    let ix = index();
    // Every 10th entry keeps the debug-build run short; the full set runs in the
    // screening_eval example (numbers in docs/benchmarks.md).
    let cases = eval::generate(ix.entries(), 42, 10);
    let scores = eval::target_scores(&ix, &cases);
    let th = Thresholds::default();
    for t in [th.review(), th.match_threshold()] {
        let m = eval::confusion(&cases, &scores, t, None);
        assert!(m.f1() >= 0.95, "F1 {:.4} at {t} ({m:?})", m.f1());
    }
}
