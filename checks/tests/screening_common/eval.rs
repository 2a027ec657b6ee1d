//! Labelled evaluation set generated from real list names, and its scoring.
//!
//! Positives: every name (primary and alias) of every entry, perturbed in one documented way
//! (the kind rotates over names so each kind is well represented):
//! - `typo`: one random edit (substitute, delete, insert, or swap neighbours) in a token of ≥ 4 letters;
//! - `reorder`: token order rotated ("LAST, First" → "First LAST");
//! - `drop_middle`: a middle token removed (names with ≥ 3 tokens);
//! - `translit`: a transliteration variant (ou↔u, kh→h, ph→f, y↔i, dj→j, doubled letters, Mohammed→Muhammad, ...);
//! - `initials`: a non-final given-name token reduced to its initial ("Ayman Zawahiri" → "A. Zawahiri" only
//!   when ≥ 3 tokens remain informative, else the first of two tokens);
//! - `typo_reorder`: a typo plus reordering.
//!
//! Hard negatives ("similar but different"): the same name with its most distinctive token
//! replaced by a different real list token of similar length (`swap_token`), and for persons
//! with an exact listed birth date, the exact name with a birth date 20 years off (`dob_conflict`).
//! A pair is predicted positive when the screened target entry scores ≥ the threshold.
#![allow(dead_code)]

use kyra_checks::screening::normalize::normalize_name;
use kyra_checks::screening::{
    BirthDate, ListEntry, NameKind, Schema, ScreeningIndex, SearchOptions, Subject,
};

/// Small deterministic PRNG (xorshift64*), so the set is reproducible without extra crates.
pub struct Rng(u64);
impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub struct Case {
    pub query: Subject,
    pub target: usize,
    pub positive: bool,
    pub kind: &'static str,
}

fn tokens_of(name: &str) -> Vec<String> {
    // Keep the published tokens (with case) but split OFAC's "LAST, First".
    name.split([' ', ',', '-'])
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// True when the token carries identity (survives normalization: not "LTD", "Dr.", "AL", ...).
fn identity_token(t: &str) -> bool {
    normalize_name(&format!("{t} x")).tokens.len() == 2
}

fn typo(rng: &mut Rng, toks: &mut [String]) -> bool {
    let cands: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].chars().count() >= 5 && toks[i].is_ascii() && identity_token(&toks[i]))
        .collect();
    if cands.is_empty() {
        return false;
    }
    let i = cands[rng.below(cands.len())];
    let mut b: Vec<u8> = toks[i].bytes().collect();
    let p = 1 + rng.below(b.len() - 1);
    let letter = b'a' + rng.below(26) as u8;
    match rng.below(4) {
        0 => {
            b[p] = if b[p].is_ascii_uppercase() {
                letter.to_ascii_uppercase()
            } else {
                letter
            }
        }
        1 => {
            b.remove(p);
        }
        2 => b.insert(p, letter),
        _ => {
            let q = if p + 1 < b.len() { p + 1 } else { p - 1 };
            b.swap(p, q);
        }
    }
    toks[i] = String::from_utf8_lossy(&b).into_owned();
    true
}

const TRANSLIT: &[(&str, &str)] = &[
    ("MOHAMMED", "MUHAMMAD"),
    ("MOHAMMAD", "MUHAMMED"),
    ("MUHAMMAD", "MOHAMED"),
    ("AHMED", "AHMAD"),
    ("AHMAD", "AHMED"),
    ("HUSSEIN", "HUSAYN"),
    ("HUSAIN", "HUSSEIN"),
    ("YOUSEF", "YUSUF"),
    ("YUSUF", "YOUSSEF"),
    ("OU", "U"),
    ("KH", "H"),
    ("PH", "F"),
    ("DJ", "J"),
    ("EE", "I"),
    ("SS", "S"),
    ("LL", "L"),
    ("MM", "M"),
    ("Y", "I"),
    ("IY", "Y"),
    ("Q", "K"),
    ("SH", "CH"),
    ("EV", "EW"),
    ("OV", "OFF"),
    ("J", "Y"),
    ("U", "OU"),
    ("I", "Y"),
];

fn translit(toks: &mut [String]) -> bool {
    for (from, to) in TRANSLIT {
        for t in toks.iter_mut() {
            let upper = t.to_uppercase();
            if let Some(pos) = upper.find(from) {
                if t.len() >= 3 && t.is_ascii() && identity_token(t) {
                    let mut s = upper.clone();
                    s.replace_range(pos..pos + from.len(), to);
                    *t = s;
                    return true;
                }
            }
        }
    }
    false
}

/// Builds the evaluation cases for the given entries (entry positions index into `entries`).
pub fn generate(entries: &[ListEntry], seed: u64, every: usize) -> Vec<Case> {
    let mut rng = Rng::new(seed);
    // Vocabulary for hard negatives, by length.
    let mut vocab: Vec<String> = Vec::new();
    for e in entries.iter().step_by(7) {
        for t in normalize_name(e.primary_name()).tokens {
            if t.len() >= 4 {
                vocab.push(t.to_uppercase());
            }
        }
    }
    vocab.sort();
    vocab.dedup();
    let mut cases = Vec::new();
    let mut k = 0usize;
    for (ei, e) in entries.iter().enumerate() {
        if ei % every.max(1) != 0 {
            continue;
        }
        for n in &e.names {
            if n.kind == NameKind::OriginalScript {
                continue;
            }
            let base = tokens_of(&n.value);
            if base.is_empty() {
                continue;
            }
            k += 1;
            let mut toks = base.clone();
            let kinds = [
                "typo",
                "reorder",
                "drop_middle",
                "translit",
                "initials",
                "typo_reorder",
            ];
            let mut kind = kinds[k % kinds.len()];
            let applied = match kind {
                "typo" => typo(&mut rng, &mut toks),
                "reorder" if toks.len() >= 2 => {
                    toks.rotate_left(1);
                    true
                }
                "drop_middle" if toks.len() >= 3 => {
                    let mids: Vec<usize> = (1..toks.len() - 1)
                        .filter(|&i| identity_token(&toks[i]))
                        .collect();
                    let idents = toks.iter().filter(|t| identity_token(t)).count();
                    if idents >= 3 && !mids.is_empty() {
                        toks.remove(mids[rng.below(mids.len())]);
                        true
                    } else {
                        false
                    }
                }
                "translit" => translit(&mut toks),
                "initials" if toks.len() >= 2 && e.schema == Schema::Person => {
                    // Abbreviate a given name, never the first written token of OFAC's "LAST, First".
                    let i = if n.value.contains(',') {
                        toks.len() - 1
                    } else {
                        0
                    };
                    let c = toks[i].chars().next().unwrap_or('X');
                    toks[i] = format!("{c}.");
                    true
                }
                "typo_reorder" if toks.len() >= 2 => {
                    let ok = typo(&mut rng, &mut toks);
                    toks.rotate_left(1);
                    ok
                }
                _ => false,
            };
            if !applied {
                kind = "typo";
                if !typo(&mut rng, &mut toks) {
                    kind = "exact";
                }
            }
            let mut q = Subject::new(toks.join(" "));
            q.schema = e.schema;
            cases.push(Case {
                query: q,
                target: ei,
                positive: true,
                kind,
            });

            // Hard negative: in a 2-3 word name, replace the most distinctive (longest) word by
            // another real list word; skipped if the result still contains another listed name of
            // the same entry (then it is not a different party).
            let mut neg = base.clone();
            let (li, lt) = neg
                .iter()
                .enumerate()
                .max_by_key(|(_, t)| t.len())
                .map(|(i, t)| (i, t.clone()))
                .unwrap_or((0, String::new()));
            let idents = neg.iter().filter(|t| identity_token(t)).count();
            if (2..=3).contains(&idents) && lt.len() >= 4 && !vocab.is_empty() {
                for _ in 0..20 {
                    let cand = &vocab[rng.below(vocab.len())];
                    let close =
                        strsim::jaro_winkler(&cand.to_lowercase(), &lt.to_lowercase()) > 0.75;
                    if cand.len().abs_diff(lt.len()) <= 2 && !close {
                        neg[li] = cand.clone();
                        let nt = normalize_name(&neg.join(" ")).tokens;
                        let covered = e.names.iter().any(|o| {
                            let ot = normalize_name(&o.value).tokens;
                            !ot.is_empty() && ot.iter().all(|t| nt.contains(t))
                        });
                        if covered {
                            break;
                        }
                        let mut q = Subject::new(neg.join(" "));
                        q.schema = e.schema;
                        cases.push(Case {
                            query: q,
                            target: ei,
                            positive: false,
                            kind: "swap_token",
                        });
                        break;
                    }
                }
            }
            if n.kind == NameKind::Primary {
                if let Some(BirthDate::Exact { year, month, day }) = e.birth_dates.first().copied()
                {
                    if e.birth_dates.len() == 1 {
                        let mut q = Subject::new(n.value.clone());
                        q.schema = e.schema;
                        q.birth_date =
                            BirthDate::exact(year.saturating_sub(20), month, day.min(28));
                        cases.push(Case {
                            query: q,
                            target: ei,
                            positive: false,
                            kind: "dob_conflict",
                        });
                    }
                }
            }
        }
    }
    cases
}

#[derive(Default, Debug, Clone, Copy)]
pub struct Confusion {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Confusion {
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, positive: bool, predicted: bool) {
        match (positive, predicted) {
            (true, true) => self.tp += 1,
            (true, false) => self.fn_ += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
        }
    }
}

/// Screens every case and returns the score the target entry got (0 when not returned).
pub fn target_scores(ix: &ScreeningIndex, cases: &[Case]) -> Vec<f64> {
    let opts = SearchOptions {
        limit: 50,
        min_score: 0.5,
        ..SearchOptions::default()
    };
    cases
        .iter()
        .map(|c| {
            ix.screen(&c.query, &opts)
                .iter()
                .find(|h| h.entry == c.target)
                .map_or(0.0, |h| h.score)
        })
        .collect()
}

pub fn confusion(cases: &[Case], scores: &[f64], threshold: f64, kind: Option<&str>) -> Confusion {
    let mut m = Confusion::default();
    for (c, s) in cases.iter().zip(scores) {
        if kind.is_some_and(|k| k != c.kind) {
            continue;
        }
        m.add(c.positive, *s >= threshold);
    }
    m
}
