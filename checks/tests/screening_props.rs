//! Property tests of the scorer.

use kyra_checks::screening::{compare, Classification, Subject, Thresholds};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z][a-z]{2,9}", 1..5).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn score_in_unit_interval(a in name(), b in name()) {
        let s = compare(&Subject::new(a), &Subject::new(b));
        prop_assert!((0.0..=1.0).contains(&s));
    }

    #[test]
    fn name_matches_itself(a in name()) {
        let s = compare(&Subject::new(a.clone()), &Subject::new(a));
        prop_assert_eq!(Thresholds::default().classify(s), Classification::Match);
    }

    #[test]
    fn symmetric(a in name(), b in name()) {
        let ab = compare(&Subject::new(a.clone()), &Subject::new(b.clone()));
        let ba = compare(&Subject::new(b), &Subject::new(a));
        prop_assert!((ab - ba).abs() < 0.02, "{} vs {}", ab, ba);
    }

    #[test]
    fn token_order_does_not_matter(v in prop::collection::vec("[A-Z][a-z]{2,9}", 2..5), rot in 1usize..4) {
        let a = v.join(" ");
        let mut r = v.clone();
        let k = rot % r.len();
        r.rotate_left(k);
        let s1 = compare(&Subject::new(a.clone()), &Subject::new(r.join(" ")));
        prop_assert!(s1 >= 0.999, "{} vs {:?}: {}", a, r, s1);
    }

    #[test]
    fn arbitrary_unicode_never_panics(a in "\\PC{0,40}", b in "\\PC{0,40}") {
        let s = compare(&Subject::new(a), &Subject::new(b));
        prop_assert!((0.0..=1.0).contains(&s));
    }
}
