//! Candidate index: finds the few list names worth scoring without scanning all of them.
//!
//! Every list name is normalized once at build time into tokens interned in a vocabulary. The
//! vocabulary has (a) exact lookup, (b) a deletion-neighbourhood table for typo-tolerant lookup
//! of a query token (see [`super::deletes`]), (c) a consonant-skeleton map for transliteration
//! variants. Each vocabulary token
//! has a posting list of the names containing it. A query expands each of its tokens to similar
//! vocabulary tokens, accumulates IDF-weighted evidence per name over their postings (rare
//! tokens count most), keeps the best `candidates` names by a weighted-Jaccard ratio, and only
//! those are scored in full by [`crate::screening::score`].
//!
//! Names are stored as `u32` token ids in one flat array, so memory grows with the number of
//! distinct tokens, not with the text of every name.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::deletes::DeleteIndex;
use super::model::{ListEntry, ListSource, NameKind, SanctionsList, Schema, Topic};
use super::normalize::{normalize_name, skeleton};
use super::score::{
    feature_adjustments, name_similarity_at_least, token_similarity, Explanation, Feature,
    FeatureScore, Prepared, Subject, Tok, TokenPair, MAX_FEATURE_BONUS,
};

/// Query knobs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SearchOptions {
    /// Maximum hits returned (best first).
    pub limit: usize,
    /// Hits scoring below this are dropped (usually the flow's review threshold).
    pub min_score: f64,
    /// How many candidate names are scored in full.
    pub candidates: usize,
    /// Only screen entries with this topic (sanctions check vs PEP check); `None` = all.
    pub topic: Option<Topic>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            min_score: 0.80,
            candidates: 64,
            topic: None,
        }
    }
}

/// One screening hit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Final score in [0,1].
    pub score: f64,
    /// Position of the entry in [`ScreeningIndex::entries`].
    pub entry: usize,
    pub entry_id: String,
    pub source: ListSource,
    pub schema: Schema,
    pub topic: Topic,
    /// The list name (primary or alias) that matched best, as published.
    pub matched_name: String,
    pub matched_kind: NameKind,
    pub explanation: Explanation,
}

/// Size figures of a built index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    pub entries: usize,
    pub names: usize,
    pub vocabulary: usize,
    pub postings: usize,
    /// Entries of the deletion-neighbourhood table.
    pub delete_keys: usize,
}

/// The built index over one or more lists. Immutable and `Sync`: share it behind an `Arc` and
/// query from many threads.
#[derive(Debug)]
pub struct ScreeningIndex {
    entries: Vec<ListEntry>,
    name_entry: Vec<u32>,
    name_pos: Vec<u16>,
    name_tok_off: Vec<u32>,
    name_toks: Vec<u32>,
    name_weight: Vec<f32>,
    vocab_text: Vec<Box<str>>,
    vocab_skel: Vec<Box<str>>,
    vocab_map: HashMap<Box<str>, u32>,
    postings: Vec<Vec<u32>>,
    idf: Vec<f32>,
    deletes: DeleteIndex,
    skels: HashMap<Box<str>, Vec<u32>>,
}

#[derive(Default, Clone, Copy)]
struct Slot {
    acc: f32,
    mark: u32,
}

/// Per-thread reusable buffers so queries never allocate per-name arrays.
#[derive(Default)]
struct Scratch {
    /// Per name: accumulated evidence and the stamp of the last group that credited it, side
    /// by side so that crediting a name costs one cache miss, not two (on 1M names these
    /// arrays are 8 MB and every posting is a random access).
    slots: Vec<Slot>,
    touched: Vec<u32>,
    stamp: u32,
    neighbours: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Most vocabulary tokens one query token expands to: bounds the posting lists walked for a
/// short, common-looking token on a large list (its best expansions are kept).
const MAX_EXPANSIONS: usize = 24;

/// Share of the query's IDF weight a name must be able to reach to enter the candidate set
/// (see [`ScreeningIndex::candidates`]).
const MIN_REACHABLE: f32 = 0.4;

/// Only join neighbours when one is a short particle-like token ("abu bakr", "xi jin ping"),
/// which is where lists disagree on spacing; joining everything would double the vocabulary.
const JOIN_MAX_PART: usize = 3;

impl ScreeningIndex {
    /// Builds an index over the entries of several lists.
    pub fn from_lists(lists: impl IntoIterator<Item = SanctionsList>) -> Self {
        let mut entries = Vec::new();
        for l in lists {
            entries.extend(l.entries);
        }
        Self::build(entries)
    }

    /// Builds an index over entries (names are taken from every entry's `names`).
    pub fn build(entries: Vec<ListEntry>) -> Self {
        let mut ix = ScreeningIndex {
            entries: Vec::new(),
            name_entry: Vec::new(),
            name_pos: Vec::new(),
            name_tok_off: vec![0],
            name_toks: Vec::new(),
            name_weight: Vec::new(),
            vocab_text: Vec::new(),
            vocab_skel: Vec::new(),
            vocab_map: HashMap::new(),
            postings: Vec::new(),
            idf: Vec::new(),
            deletes: DeleteIndex::default(),
            skels: HashMap::new(),
        };
        let mut name_extra: Vec<(u32, u32)> = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            let mut seen: Vec<Vec<String>> = Vec::new();
            for (ni, n) in e.names.iter().enumerate().take(u16::MAX as usize) {
                let norm = normalize_name(&n.value);
                if norm.tokens.is_empty() || seen.contains(&norm.tokens) {
                    continue;
                }
                let name_id = ix.name_entry.len() as u32;
                ix.name_entry.push(ei as u32);
                ix.name_pos.push(ni as u16);
                for t in &norm.tokens {
                    let v = ix.intern(t);
                    ix.name_toks.push(v);
                    ix.postings[v as usize].push(name_id);
                }
                for w in norm.tokens.windows(2) {
                    if w[0].len().min(w[1].len()) <= JOIN_MAX_PART {
                        let v = ix.intern(&format!("{}{}", w[0], w[1]));
                        name_extra.push((v, name_id));
                    }
                }
                ix.name_tok_off.push(ix.name_toks.len() as u32);
                seen.push(norm.tokens);
            }
        }
        for (v, n) in name_extra {
            ix.postings[v as usize].push(n);
        }
        let n_names = ix.name_entry.len().max(1) as f32;
        for p in &mut ix.postings {
            p.sort_unstable();
            p.dedup();
            p.shrink_to_fit();
        }
        ix.idf = ix
            .postings
            .iter()
            .map(|p| (1.0 + n_names / p.len().max(1) as f32).ln())
            .collect();
        ix.name_weight = (0..ix.name_entry.len())
            .map(|n| {
                // Distinct tokens only: a query token is credited once per name.
                let toks = ix.name_tokens(n);
                toks.iter()
                    .enumerate()
                    .filter(|(i, v)| !toks[..*i].contains(v))
                    .map(|(_, &v)| ix.idf[v as usize])
                    .sum()
            })
            .collect();
        ix.deletes = DeleteIndex::build(ix.vocab_text.iter().map(|t| &**t));
        for (v, s) in ix.vocab_skel.iter().enumerate() {
            if s.len() >= 2 {
                ix.skels.entry(s.clone()).or_default().push(v as u32);
            }
        }
        ix.entries = entries;
        ix
    }

    fn intern(&mut self, t: &str) -> u32 {
        if let Some(&v) = self.vocab_map.get(t) {
            return v;
        }
        let v = self.vocab_text.len() as u32;
        self.vocab_text.push(t.into());
        self.vocab_skel.push(skeleton(t).into());
        self.vocab_map.insert(t.into(), v);
        self.postings.push(Vec::new());
        v
    }

    fn name_tokens(&self, n: usize) -> &[u32] {
        &self.name_toks[self.name_tok_off[n] as usize..self.name_tok_off[n + 1] as usize]
    }

    fn tok(&self, v: u32) -> Tok<'_> {
        Tok {
            text: &self.vocab_text[v as usize],
            skel: &self.vocab_skel[v as usize],
        }
    }

    /// All indexed entries, in build order ([`Hit::entry`] points here).
    pub fn entries(&self) -> &[ListEntry] {
        &self.entries
    }

    pub fn stats(&self) -> IndexStats {
        IndexStats {
            entries: self.entries.len(),
            names: self.name_entry.len(),
            vocabulary: self.vocab_text.len(),
            postings: self.postings.iter().map(Vec::len).sum(),
            delete_keys: self.deletes.len(),
        }
    }

    /// Vocabulary tokens similar to `q`, with their similarity (exact, skeleton, one edit),
    /// best first, at most [`MAX_EXPANSIONS`].
    fn expand(&self, q: Tok<'_>, neighbours: &mut Vec<u32>, out: &mut Vec<(u32, f32)>) {
        out.clear();
        if let Some(&v) = self.vocab_map.get(q.text) {
            out.push((v, 1.0));
        }
        if q.text.len() == 1 {
            return;
        }
        let consider = |v: u32, out: &mut Vec<(u32, f32)>| {
            if !out.iter().any(|(x, _)| *x == v) {
                let s = token_similarity(q, self.tok(v));
                if s >= 0.5 {
                    out.push((v, s as f32));
                }
            }
        };
        if q.skel.len() >= 3 {
            if let Some(vs) = self.skels.get(q.skel) {
                for &v in vs.iter().take(64) {
                    consider(v, out);
                }
            }
        }
        self.deletes.neighbours(q.text, neighbours);
        for &v in neighbours.iter() {
            consider(v, out);
        }
        if out.len() > MAX_EXPANSIONS {
            out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            out.truncate(MAX_EXPANSIONS);
        }
    }

    /// Screens one subject. Returns hits with score ≥ `opts.min_score`, best first, at most one
    /// per entry (its best-matching name).
    pub fn screen(&self, subject: &Subject, opts: &SearchOptions) -> Vec<Hit> {
        let q = Prepared::new(&subject.name);
        if q.texts.is_empty() || self.name_entry.is_empty() {
            return Vec::new();
        }
        let qt = q.toks();
        let candidates = SCRATCH.with(|s| {
            let mut sc = s.borrow_mut();
            self.candidates(&q, &qt, &mut sc, opts.candidates.max(1))
        });

        let mut best: HashMap<u32, (f64, usize)> = HashMap::new();
        let mut scored: Vec<(f64, usize, super::score::NameScore)> =
            Vec::with_capacity(candidates.len());
        let mut ct: Vec<Tok<'_>> = Vec::with_capacity(8);
        for n in candidates {
            let e = &self.entries[self.name_entry[n as usize] as usize];
            if opts.topic.is_some_and(|t| t != e.topic) {
                continue;
            }
            ct.clear();
            ct.extend(self.name_tokens(n as usize).iter().map(|&v| self.tok(v)));
            let ns = name_similarity_at_least(&qt, &ct, opts.min_score - MAX_FEATURE_BONUS);
            scored.push((ns.score, n as usize, ns));
        }
        let mut hits = Vec::new();
        for (ns_score, n, ns) in scored {
            let ei = self.name_entry[n] as usize;
            let e = &self.entries[ei];
            let name = &e.names[self.name_pos[n] as usize];
            if ns_score + MAX_FEATURE_BONUS < opts.min_score {
                continue;
            }
            let mut features = vec![FeatureScore {
                feature: Feature::Name,
                value: ns_score,
                detail: format!("{:?} vs {:?}", q.texts.join(" "), name.value),
            }];
            let adj = feature_adjustments(
                subject,
                e.schema,
                &e.birth_dates,
                &e.countries,
                name.kind,
                &mut features,
            );
            let score = if ns_score > 0.0 {
                (ns_score + adj).clamp(0.0, 1.0)
            } else {
                0.0
            };
            if score < opts.min_score {
                continue;
            }
            match best.get(&(ei as u32)) {
                Some(&(s, _)) if s >= score => continue,
                Some(&(_, idx)) => {
                    let h: &mut Hit = &mut hits[idx];
                    *h = self.make_hit(score, ei, n, &q, &ns, features);
                    best.insert(ei as u32, (score, idx));
                }
                None => {
                    best.insert(ei as u32, (score, hits.len()));
                    hits.push(self.make_hit(score, ei, n, &q, &ns, features));
                }
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
        hits.truncate(opts.limit);
        hits
    }

    fn make_hit(
        &self,
        score: f64,
        ei: usize,
        n: usize,
        q: &Prepared,
        ns: &super::score::NameScore,
        features: Vec<FeatureScore>,
    ) -> Hit {
        let e = &self.entries[ei];
        let name = &e.names[self.name_pos[n] as usize];
        let toks = self.name_tokens(n);
        Hit {
            score,
            entry: ei,
            entry_id: e.id.clone(),
            source: e.source,
            schema: e.schema,
            topic: e.topic,
            matched_name: name.value.clone(),
            matched_kind: name.kind,
            explanation: Explanation {
                features,
                tokens: ns
                    .pairs
                    .iter()
                    .map(|&(i, j, s)| TokenPair {
                        query: q.texts[i].clone(),
                        candidate: self.vocab_text[toks[j] as usize].to_string(),
                        similarity: s,
                    })
                    .collect(),
            },
        }
    }

    /// The `k` names with the most IDF-weighted token evidence for the query.
    fn candidates(&self, q: &Prepared, qt: &[Tok<'_>], sc: &mut Scratch, k: usize) -> Vec<u32> {
        let n_names = self.name_entry.len();
        if sc.slots.len() < n_names {
            sc.slots.resize(n_names, Slot::default());
        }
        sc.touched.clear();
        let only_initials = q.texts.iter().all(|t| t.len() == 1);
        let mut q_weight = 0.0f32;
        let mut expanded = Vec::new();
        // Query tokens, plus joined neighbours ("abu" + "bakr") looked up exactly.
        let mut joined: Vec<String> = Vec::new();
        for w in q.texts.windows(2) {
            if w[0].len().min(w[1].len()) <= JOIN_MAX_PART {
                joined.push(format!("{}{}", w[0], w[1]));
            }
        }
        // Expand every query token first, then walk them rarest-first: once some names are
        // touched, posting lists of very common tokens only add evidence to those names instead
        // of touching hundreds of thousands of new ones (this bounds work on 1M-name lists).
        let mut groups: Vec<(Vec<(u32, f32)>, bool)> = Vec::new();
        for qi in 0..qt.len() + joined.len() {
            if qi < qt.len() {
                let t = qt[qi];
                if (t.text.len() == 1 && !only_initials)
                    || qt[..qi].iter().any(|p| p.text == t.text)
                {
                    continue;
                }
                self.expand(t, &mut sc.neighbours, &mut expanded);
            } else {
                expanded.clear();
                if let Some(&v) = self.vocab_map.get(joined[qi - qt.len()].as_str()) {
                    expanded.push((v, 1.0));
                }
            }
            if expanded.is_empty() {
                if qi < qt.len() {
                    // An unknown token still counts against every candidate's ratio.
                    q_weight += (1.0 + n_names as f32).ln();
                }
                continue;
            }
            expanded.sort_by(|a, b| b.1.total_cmp(&a.1));
            groups.push((expanded.clone(), qi < qt.len()));
        }
        let size = |g: &(Vec<(u32, f32)>, bool)| -> usize {
            g.0.iter()
                .map(|&(v, _)| self.postings[v as usize].len())
                .sum()
        };
        groups.sort_by_key(|g| size(g));
        let common = (n_names / 20).max(20_000);
        let group_w: Vec<f32> = groups
            .iter()
            .map(|g| {
                g.0.iter()
                    .map(|&(v, sim)| self.idf[v as usize] * sim)
                    .fold(0.0f32, f32::max)
            })
            .collect();
        let total_w = q_weight
            + groups
                .iter()
                .zip(&group_w)
                .filter(|(g, _)| g.1)
                .map(|(_, w)| *w)
                .sum::<f32>();
        let mut remaining: f32 = group_w.iter().sum();
        for (gi, (expanded, is_query_token)) in groups.iter().enumerate() {
            // A name first reached by this group can at most gather the evidence of this and
            // the later groups. Once that is under MIN_REACHABLE of the query's weight, such a
            // name cannot be a match, so later (commoner) groups only add evidence to names
            // already touched: this is what keeps 1M-name lists fast.
            let admit = remaining >= MIN_REACHABLE * total_w;
            remaining -= group_w[gi];
            sc.stamp = sc.stamp.wrapping_add(1);
            if sc.stamp == 0 {
                sc.slots.iter_mut().for_each(|s| s.mark = 0);
                sc.stamp = 1;
            }
            let stamp = sc.stamp;
            let mut best_w = 0.0f32;
            for &(v, sim) in expanded {
                let w = self.idf[v as usize] * sim;
                best_w = best_w.max(w);
                let postings = &self.postings[v as usize];
                let may_add = sc.touched.is_empty() || (admit && postings.len() <= common);
                if !may_add && sc.touched.len() * 16 < postings.len() {
                    // Only names already touched can gain evidence, and they are far fewer than
                    // this (common) token's postings: look each of them up in the sorted list.
                    for &n in &sc.touched {
                        let slot = &mut sc.slots[n as usize];
                        if slot.mark != stamp && postings.binary_search(&n).is_ok() {
                            slot.mark = stamp;
                            slot.acc += w;
                        }
                    }
                    continue;
                }
                for &n in postings {
                    let ni = n as usize;
                    let slot = &mut sc.slots[ni];
                    if slot.mark == stamp {
                        continue;
                    }
                    if slot.acc == 0.0 {
                        if !may_add {
                            continue;
                        }
                        sc.touched.push(n);
                    }
                    slot.mark = stamp;
                    slot.acc += w;
                }
            }
            if *is_query_token {
                q_weight += best_w;
            }
        }
        // Initials ("J." in "Hassan J.") are not looked up (their postings would be huge), but a
        // candidate with a token of that initial gets the evidence it would have had.
        let initials: Vec<u8> = if only_initials {
            Vec::new()
        } else {
            q.texts
                .iter()
                .filter(|t| t.len() == 1)
                .map(|t| t.as_bytes()[0])
                .collect()
        };
        let mut ranked: Vec<(f32, u32)> = sc
            .touched
            .iter()
            .map(|&n| {
                let mut a = sc.slots[n as usize].acc;
                let mut qw = q_weight;
                for &c in &initials {
                    let best = self
                        .name_tokens(n as usize)
                        .iter()
                        .filter(|&&v| self.vocab_text[v as usize].as_bytes().first() == Some(&c))
                        .map(|&v| self.idf[v as usize] * 0.9)
                        .fold(0.0f32, f32::max);
                    a += best;
                    qw += best;
                }
                let denom = (qw + self.name_weight[n as usize] - a).max(1e-6);
                (a / denom, n)
            })
            .collect();
        for &n in &sc.touched {
            sc.slots[n as usize].acc = 0.0;
        }
        if ranked.len() > k {
            ranked.select_nth_unstable_by(k - 1, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            ranked.truncate(k);
        }
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.into_iter().map(|(_, n)| n).collect()
    }
}
