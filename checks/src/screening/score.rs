//! Scoring: how likely two names (plus birth date, country, schema) denote the same party.
//!
//! The name score aligns tokens one-to-one (so word order never matters), grades each aligned
//! pair by a typo- and transliteration-tolerant token similarity, and weighs coverage of the
//! *shorter* name most (a missing middle name is normal; a missing surname is not). The other
//! features only nudge the name score up or down by bounded amounts, so a perfect name with no
//! other data still matches, and a contradicting birth date pushes a match down into review.
//! The same code scores index hits and [`compare`] pairs, so tuning one tunes both.

use serde::{Deserialize, Serialize};

use super::model::{BirthDate, NameKind, Schema};
use super::normalize::{country_key, normalize_name, skeleton};

/// A party to screen (an applicant), or one side of a [`compare`] pair.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subject {
    pub name: String,
    #[serde(default)]
    pub schema: Schema,
    #[serde(default)]
    pub birth_date: Option<BirthDate>,
    #[serde(default)]
    pub country: Option<String>,
}

impl Subject {
    pub fn new(name: impl Into<String>) -> Self {
        Subject {
            name: name.into(),
            ..Subject::default()
        }
    }
}

/// Score cut-offs of a flow. Invariant: `0 < review <= match_ <= 1` (enforced by [`Thresholds::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    review: f64,
    #[serde(rename = "match")]
    match_: f64,
}

impl Default for Thresholds {
    /// Chosen on the evaluation set (see docs/screening.md).
    fn default() -> Self {
        Thresholds {
            review: 0.80,
            match_: 0.90,
        }
    }
}

impl Thresholds {
    /// Returns `None` unless `0 < review <= match_ <= 1`.
    pub fn new(review: f64, match_: f64) -> Option<Self> {
        (review > 0.0 && review <= match_ && match_ <= 1.0).then_some(Thresholds { review, match_ })
    }
    pub fn review(&self) -> f64 {
        self.review
    }
    pub fn match_threshold(&self) -> f64 {
        self.match_
    }
    pub fn classify(&self, score: f64) -> Classification {
        if score >= self.match_ {
            Classification::Match
        } else if score >= self.review {
            Classification::Review
        } else {
            Classification::Clear
        }
    }
}

/// Outcome of one score under a flow's thresholds.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    Clear,
    Review,
    Match,
}

/// What a [`FeatureScore`] is about.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    Name,
    BirthDate,
    Country,
    Schema,
    AliasQuality,
}

/// One line of a hit's explanation. For [`Feature::Name`] `value` is the name similarity in
/// [0,1]; for the others it is the signed adjustment added to it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureScore {
    pub feature: Feature,
    pub value: f64,
    pub detail: String,
}

/// One aligned token pair of the name comparison.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenPair {
    pub query: String,
    pub candidate: String,
    pub similarity: f64,
}

/// Why a score is what it is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Explanation {
    pub features: Vec<FeatureScore>,
    pub tokens: Vec<TokenPair>,
}

/// A token with its precomputed skeleton, borrowed from wherever it is stored.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub skel: &'a str,
}

/// An owned, prepared name: normalized tokens plus skeletons.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prepared {
    pub texts: Vec<String>,
    pub skels: Vec<String>,
}

impl Prepared {
    pub fn new(name: &str) -> Self {
        let n = normalize_name(name);
        let skels = n.tokens.iter().map(|t| skeleton(t)).collect();
        Prepared {
            texts: n.tokens,
            skels,
        }
    }
    pub fn toks(&self) -> Vec<Tok<'_>> {
        self.texts
            .iter()
            .zip(&self.skels)
            .map(|(t, s)| Tok { text: t, skel: s })
            .collect()
    }
}

/// Jaro-Winkler similarity on bytes. Normalized tokens are ASCII, so this avoids the char
/// decoding and heap allocation of a generic implementation (it is the hottest function of a
/// query). Falls back to `strsim` for tokens longer than 64 bytes.
pub(crate) fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 64 || b.len() > 64 {
        return strsim::jaro_winkler(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b));
    }
    if a.is_empty() || b.is_empty() {
        return if a.is_empty() && b.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut b_used = [false; 64];
    let mut a_match = [0u8; 64];
    let mut m = 0usize;
    for (i, &ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = (i + window + 1).min(b.len());
        for j in lo..hi {
            if !b_used[j] && b[j] == ca {
                b_used[j] = true;
                a_match[m] = ca;
                m += 1;
                break;
            }
        }
    }
    if m == 0 {
        return 0.0;
    }
    let mut k = 0usize;
    let mut half_transpositions = 0usize;
    for (j, &cb) in b.iter().enumerate() {
        if b_used[j] {
            if a_match[k] != cb {
                half_transpositions += 1;
            }
            k += 1;
        }
    }
    let m = m as f64;
    let t = (half_transpositions / 2) as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0;
    let prefix = a.iter().zip(b).take(4).take_while(|(x, y)| x == y).count() as f64;
    jaro + prefix * 0.1 * (1.0 - jaro)
}

/// Jaro-Winkler below this is treated as "different token".
const TOKEN_FLOOR: f64 = 0.70;

/// Typo/transliteration tolerant similarity of two normalized tokens, in [0,1].
///
/// Raw Jaro-Winkler is generous (unrelated 4-letter names score ~0.7), so it is rescaled so that
/// 0.70 → 0 and 1.0 → 1, with a square root keeping one-typo pairs high. Initials match any token
/// with that first letter at 0.9; equal consonant skeletons (transliteration variants) at least 0.9.
pub(crate) fn token_similarity(a: Tok<'_>, b: Tok<'_>) -> f64 {
    if a.text == b.text {
        return 1.0;
    }
    let (la, lb) = (a.text.len(), b.text.len());
    if la == 1 || lb == 1 {
        let (i, other) = if la == 1 {
            (a.text, b.text)
        } else {
            (b.text, a.text)
        };
        return if other.as_bytes().first() == i.as_bytes().first() {
            0.9
        } else {
            0.0
        };
    }
    let jw = jaro_winkler(a.text, b.text);
    let mut s = ((jw - TOKEN_FLOOR) / (1.0 - TOKEN_FLOOR)).max(0.0).sqrt();
    if la.min(lb) <= 3 {
        // Short tokens: one edit is a big change ("ali" vs "ari").
        s *= 0.8;
    }
    if a.skel == b.skel && a.skel.len() >= 2 && la.min(lb) >= 3 {
        s = s.max(0.9);
    }
    s.min(0.99)
}

fn token_weight(t: &str) -> f64 {
    if t.len() == 1 {
        0.5
    } else {
        1.0
    }
}

/// Result of comparing two names.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameScore {
    pub score: f64,
    pub pairs: Vec<(usize, usize, f64)>,
}

/// Order-free name similarity with one-to-one token alignment.
pub(crate) fn name_similarity(a: &[Tok<'_>], b: &[Tok<'_>]) -> NameScore {
    name_similarity_at_least(a, b, 0.0)
}

/// [`name_similarity`] for a caller that discards scores below `need`: the costly
/// split/merged-token comparison is skipped when it cannot lift the score to `need`, so a
/// result below `need` may be lower than the exact one (a result at or above it is exact).
pub(crate) fn name_similarity_at_least(a: &[Tok<'_>], b: &[Tok<'_>], need: f64) -> NameScore {
    if a.is_empty() || b.is_empty() {
        return NameScore::default();
    }
    // All pair similarities, then greedy best-first alignment (names are short, so this is cheap
    // and, for the near-diagonal matrices we see, equal to the optimal assignment).
    let mut cells: Vec<(f64, usize, usize)> = Vec::with_capacity(a.len() * b.len());
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let s = token_similarity(*x, *y);
            if s > 0.0 {
                cells.push((s, i, j));
            }
        }
    }
    cells.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    let mut used_a = Used::new(a.len());
    let mut used_b = Used::new(b.len());
    let mut pairs = Vec::with_capacity(a.len().min(b.len()));
    let mut matched = 0.0;
    for (s, i, j) in cells {
        if used_a.get(i) || used_b.get(j) {
            continue;
        }
        used_a.set(i);
        used_b.set(j);
        matched += s * (token_weight(a[i].text) + token_weight(b[j].text)) / 2.0;
        pairs.push((i, j, s));
    }
    let wa: f64 = a.iter().map(|t| token_weight(t.text)).sum();
    let wb: f64 = b.iter().map(|t| token_weight(t.text)).sum();
    let (cov_short, cov_long) = {
        let (ca, cb) = (matched / wa, matched / wb);
        (ca.max(cb).min(1.0), ca.min(cb).min(1.0))
    };
    let mut score = 0.8 * cov_short + 0.2 * cov_long;
    if a.len().min(b.len()) == 1 && a.len().max(b.len()) > 1 {
        // One word against a full name: a surname alone identifies nobody.
        score *= 0.85;
    }
    // Split/merged tokens ("Abu Bakr" / "Abubakr", "Xi Jin Ping" / "Xi Jinping"): compare the
    // concatenations with a strict edit-distance ratio.
    if a.len() != b.len() {
        let la: usize = a.iter().map(|t| t.text.len()).sum();
        let lb: usize = b.iter().map(|t| t.text.len()).sum();
        // The edit ratio can't beat 1 - |la - lb| / max: skip the O(la·lb) work when hopeless.
        let bound = 1.0 - la.abs_diff(lb) as f64 / la.max(lb) as f64;
        if bound * 0.98 > score && bound * 0.98 >= need {
            let ja: Vec<u8> = a.iter().flat_map(|t| t.text.bytes()).collect();
            let jb: Vec<u8> = b.iter().flat_map(|t| t.text.bytes()).collect();
            let longest = ja.len().max(jb.len());
            // Only a distance d with (1 - d/longest)·0.98 > score can change the score, so the
            // edit distance is computed in a band of that width (exactly the same result as the
            // full computation wherever it matters, at a fraction of the cost).
            let max_d = (longest as f64 * (1.0 - score.max(need) / 0.98)).ceil() as usize;
            if let Some(d) = bounded_levenshtein(&ja, &jb, max_d) {
                let lev = 1.0 - d as f64 / longest as f64;
                score = score.max(lev * 0.98);
            }
        }
    }
    NameScore {
        score: score.clamp(0.0, 1.0),
        pairs,
    }
}

/// Which tokens of a name are already aligned: a bit set for the usual short names.
enum Used {
    Bits(u64),
    Vec(Vec<bool>),
}

impl Used {
    fn new(n: usize) -> Used {
        if n <= 64 {
            Used::Bits(0)
        } else {
            Used::Vec(vec![false; n])
        }
    }
    fn get(&self, i: usize) -> bool {
        match self {
            Used::Bits(b) => b & (1 << i) != 0,
            Used::Vec(v) => v[i],
        }
    }
    fn set(&mut self, i: usize) {
        match self {
            Used::Bits(b) => *b |= 1 << i,
            Used::Vec(v) => v[i] = true,
        }
    }
}

/// Levenshtein distance of two byte strings if it is at most `max_d`, else `None`
/// (Ukkonen's band: only cells within `max_d` of the diagonal are computed).
fn bounded_levenshtein(a: &[u8], b: &[u8], max_d: usize) -> Option<usize> {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > max_d {
        return None;
    }
    if a.is_empty() {
        return Some(b.len());
    }
    const INF: usize = usize::MAX / 2;
    // prev[j] = distance between a[..i] and b[..j]
    let mut prev: Vec<usize> = (0..=b.len())
        .map(|j| if j <= max_d { j } else { INF })
        .collect();
    let mut cur = vec![INF; b.len() + 1];
    for i in 1..=a.len() {
        let lo = i.saturating_sub(max_d).max(1);
        let hi = (i + max_d).min(b.len());
        cur[lo - 1] = if lo == 1 && i <= max_d { i } else { INF };
        let mut row_min = cur[lo - 1];
        for j in lo..=hi {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let v = (prev[j - 1] + cost).min(prev[j] + 1).min(cur[j - 1] + 1);
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if hi < b.len() {
            cur[hi + 1] = INF;
        }
        if row_min > max_d {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max_d).then_some(d)
}

/// Largest total that [`feature_adjustments`] can add: lets the index skip explaining hopeless
/// candidates.
pub(crate) const MAX_FEATURE_BONUS: f64 = 0.08;

/// Scores the non-name features and appends their explanation lines; returns the sum of the
/// adjustments.
pub(crate) fn feature_adjustments(
    q: &Subject,
    e_schema: Schema,
    e_dobs: &[BirthDate],
    e_countries: &[String],
    name_kind: NameKind,
    out: &mut Vec<FeatureScore>,
) -> f64 {
    let (q_schema, q_dob, q_country) = (q.schema, q.birth_date, q.country.as_deref());
    let mut total = 0.0;
    if let Some((adj, detail)) = dob_adjustment(q_dob, e_dobs) {
        total += adj;
        out.push(FeatureScore {
            feature: Feature::BirthDate,
            value: adj,
            detail,
        });
    }
    if let Some(qc) = q_country.filter(|c| !c.trim().is_empty()) {
        if !e_countries.is_empty() {
            let qk = country_key(qc);
            let hit = e_countries.iter().find(|c| country_key(c) == qk);
            let (adj, detail) = match hit {
                Some(c) => (0.03, format!("country {qc} matches {c}")),
                None => (
                    -0.05,
                    format!("country {qc} not among {}", e_countries.join(", ")),
                ),
            };
            total += adj;
            out.push(FeatureScore {
                feature: Feature::Country,
                value: adj,
                detail,
            });
        }
    }
    if let Some(adj) = schema_adjustment(q_schema, e_schema) {
        total += adj;
        out.push(FeatureScore {
            feature: Feature::Schema,
            value: adj,
            detail: format!("{q_schema:?} vs {e_schema:?}"),
        });
    }
    if name_kind == NameKind::WeakAka {
        total -= 0.03;
        out.push(FeatureScore {
            feature: Feature::AliasQuality,
            value: -0.03,
            detail: "matched a weak / low-quality alias".into(),
        });
    }
    total
}

fn schema_adjustment(a: Schema, b: Schema) -> Option<f64> {
    use Schema::*;
    match (a, b) {
        (Unknown, _) | (_, Unknown) => None,
        (x, y) if x == y => None,
        (Person, _) | (_, Person) => Some(-0.20),
        _ => Some(-0.10),
    }
}

/// Best agreement between the query date and any listed date.
fn dob_adjustment(q: Option<BirthDate>, listed: &[BirthDate]) -> Option<(f64, String)> {
    let q = q?;
    if listed.is_empty() {
        return None;
    }
    let mut best: Option<(f64, String)> = None;
    for d in listed {
        let cand = match (q, *d) {
            (x, y) if x == y && matches!(x, BirthDate::Exact { .. }) => {
                (0.05, format!("birth date {q} equals {d}"))
            }
            (x, y) if x.year() == y.year() => {
                let contradicts = match (x, y) {
                    (
                        BirthDate::Exact {
                            month: m1, day: d1, ..
                        },
                        BirthDate::Exact {
                            month: m2, day: d2, ..
                        },
                    ) => (m1, d1) != (m2, d2),
                    (
                        BirthDate::Exact { month: m1, .. } | BirthDate::Month { month: m1, .. },
                        BirthDate::Month { month: m2, .. },
                    )
                    | (BirthDate::Month { month: m1, .. }, BirthDate::Exact { month: m2, .. }) => {
                        m1 != m2
                    }
                    _ => false,
                };
                if contradicts {
                    (
                        -0.08,
                        format!("birth year matches but {q} differs from {d}"),
                    )
                } else {
                    (0.02, format!("birth year {} matches {d}", x.year()))
                }
            }
            (x, y) if x.year().abs_diff(y.year()) == 1 => (
                0.0,
                format!("birth year {} within one year of {d}", x.year()),
            ),
            // A namesake born years apart is the classic false positive: the further apart, the
            // stronger the evidence (an exact name with a birth date > 5 years off ends below review).
            (x, y) if x.year().abs_diff(y.year()) <= 5 => {
                (-0.15, format!("birth date {q} contradicts {d}"))
            }
            _ => (
                -0.25,
                format!("birth date {q} contradicts {d} by more than 5 years"),
            ),
        };
        if best.as_ref().is_none_or(|b| cand.0 > b.0) {
            best = Some(cand);
        }
    }
    best
}

/// Scores two subjects with the screening scorer, in [0,1]. Used by `kyra screen compare`.
pub fn compare(a: &Subject, b: &Subject) -> f64 {
    compare_explained(a, b).0
}

/// [`compare`] with its explanation.
pub fn compare_explained(a: &Subject, b: &Subject) -> (f64, Explanation) {
    let pa = Prepared::new(&a.name);
    let pb = Prepared::new(&b.name);
    let (ta, tb) = (pa.toks(), pb.toks());
    let ns = name_similarity(&ta, &tb);
    let mut ex = Explanation::default();
    ex.features.push(FeatureScore {
        feature: Feature::Name,
        value: ns.score,
        detail: format!("{:?} vs {:?}", pa.texts.join(" "), pb.texts.join(" ")),
    });
    ex.tokens = ns
        .pairs
        .iter()
        .map(|&(i, j, s)| TokenPair {
            query: pa.texts[i].clone(),
            candidate: pb.texts[j].clone(),
            similarity: s,
        })
        .collect();
    let b_dobs: Vec<BirthDate> = b.birth_date.into_iter().collect();
    let b_countries: Vec<String> = b.country.iter().cloned().collect();
    let adj = feature_adjustments(
        a,
        b.schema,
        &b_dobs,
        &b_countries,
        NameKind::Primary,
        &mut ex.features,
    );
    let score = if ns.score > 0.0 {
        (ns.score + adj).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (score, ex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_levenshtein_agrees_with_the_full_one() {
        let words = [
            "",
            "a",
            "abubakr",
            "abubakar",
            "xijinping",
            "xijinpin",
            "kitten",
            "sitting",
            "mohammedalizawahiri",
            "muhammadzawahiri",
            "zzzz",
            "ivanovpetrov",
        ];
        for a in words {
            for b in words {
                let full = strsim::levenshtein(a, b);
                for k in 0..20 {
                    let got = bounded_levenshtein(a.as_bytes(), b.as_bytes(), k);
                    assert_eq!(got, (full <= k).then_some(full), "{a:?} {b:?} k={k}");
                }
            }
        }
    }

    fn s(a: &str, b: &str) -> f64 {
        compare(&Subject::new(a), &Subject::new(b))
    }

    #[test]
    fn identical_and_reordered() {
        assert!((s("Vladimir Putin", "Vladimir Putin") - 1.0).abs() < 1e-9);
        assert!((s("Putin, Vladimir", "Vladimir PUTIN") - 1.0).abs() < 1e-9);
        assert!(s("Владимир Путин", "Vladimir Putin") > 0.95);
    }

    #[test]
    fn tolerances() {
        let t = Thresholds::default();
        assert_eq!(
            t.classify(s("Vladimir Putim", "Vladimir Putin")),
            Classification::Match
        );
        assert_eq!(
            t.classify(s("Vladimir Putin", "Vladimir Vladimirovich Putin")),
            Classification::Match
        );
        assert_eq!(
            t.classify(s("V. Putin", "Vladimir Putin")),
            Classification::Match
        );
        assert_eq!(
            t.classify(s("Muhammad Ali", "Mohammed Ali")),
            Classification::Match
        );
        assert_eq!(
            t.classify(s("Abubakr Baghdadi", "Abu Bakr al-Baghdadi")),
            Classification::Match
        );
        assert_eq!(t.classify(s("Xi Jinping", "习近平")), Classification::Match);
    }

    #[test]
    fn different_people() {
        let t = Thresholds::default();
        assert_eq!(
            t.classify(s("Omar Hassan", "Ahmed Hassan")),
            Classification::Clear
        );
        assert_eq!(
            t.classify(s("John Smith", "Vladimir Putin")),
            Classification::Clear
        );
        assert_eq!(s("", "Vladimir Putin"), 0.0);
    }

    #[test]
    fn birth_date_moves_score() {
        let mut a = Subject::new("Ayman Zawahiri");
        let mut b = Subject::new("Ayman al-Zawahiri");
        b.birth_date = BirthDate::exact(1951, 6, 19);
        a.birth_date = BirthDate::exact(1951, 6, 19);
        let same = compare(&a, &b);
        a.birth_date = BirthDate::exact(1980, 1, 1);
        let other = compare(&a, &b);
        assert!(same >= other + 0.19, "{same} {other}");
        assert_ne!(Thresholds::default().classify(other), Classification::Match);
    }

    #[test]
    fn thresholds_validate() {
        assert!(Thresholds::new(0.9, 0.8).is_none());
        assert!(Thresholds::new(0.7, 0.9).is_some());
    }
}
