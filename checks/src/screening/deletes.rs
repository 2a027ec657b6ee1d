//! Typo-tolerant token lookup by deletion neighbourhoods (the SymSpell idea).
//!
//! Two tokens within one edit (substitution, insertion, deletion, or swap of neighbours) always
//! share a string obtained by deleting at most one byte from each. So every vocabulary token is
//! stored under its own hash and the hashes of its one-byte deletions, and a query token looks
//! up its own hash and its deletions' hashes: `len + 1` probes, independent of the vocabulary
//! size. The trigram counting this replaces had to walk posting lists of common trigrams over
//! the whole vocabulary, which dominated query time on 1M-name lists.
//!
//! Keys are 64-bit hashes in one sorted array (with a directory on the top 16 bits), so the
//! table costs 12 bytes per variant and no per-key allocation. A hash collision only adds a
//! candidate, which the caller verifies with the token similarity anyway.

/// Tokens shorter than this are only looked up exactly: one edit of a 2-letter token is
/// another, unrelated short token.
pub(crate) const MIN_FUZZY_LEN: usize = 3;
/// Longer tokens (garbage, concatenated strings) are not indexed for fuzzy lookup.
pub(crate) const MAX_FUZZY_LEN: usize = 40;

const DIR_BITS: u32 = 16;

/// FNV-1a over the bytes, skipping position `skip` (`usize::MAX` = none).
fn hash_without(t: &[u8], skip: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, &b) in t.iter().enumerate() {
        if i != skip {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // Final avalanche so the directory's top bits are well spread.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Calls `f` with the hash of `t` and of each distinct one-byte deletion of `t`.
fn variants(t: &[u8], mut f: impl FnMut(u64)) {
    f(hash_without(t, usize::MAX));
    for i in 0..t.len() {
        // Deleting either byte of a run ("ll") gives the same string: hash it once.
        if i > 0 && t[i] == t[i - 1] {
            continue;
        }
        f(hash_without(t, i));
    }
}

/// Immutable deletion-neighbourhood table over a vocabulary.
#[derive(Debug, Default)]
pub(crate) struct DeleteIndex {
    keys: Vec<u64>,
    ids: Vec<u32>,
    /// `dir[k]..dir[k + 1]` is the range of keys whose top bits are `k`.
    dir: Vec<u32>,
}

impl DeleteIndex {
    /// Builds the table for `vocab` (token id = position).
    pub fn build<'a>(vocab: impl Iterator<Item = &'a str>) -> DeleteIndex {
        let mut pairs: Vec<(u64, u32)> = Vec::new();
        for (v, t) in vocab.enumerate() {
            let b = t.as_bytes();
            if (MIN_FUZZY_LEN..=MAX_FUZZY_LEN).contains(&b.len()) {
                variants(b, |h| pairs.push((h, v as u32)));
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut dir = vec![0u32; (1 << DIR_BITS) + 1];
        for &(h, _) in &pairs {
            dir[(h >> (64 - DIR_BITS)) as usize + 1] += 1;
        }
        for k in 1..dir.len() {
            dir[k] += dir[k - 1];
        }
        DeleteIndex {
            keys: pairs.iter().map(|p| p.0).collect(),
            ids: pairs.iter().map(|p| p.1).collect(),
            dir,
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    fn probe(&self, h: u64, out: &mut Vec<u32>) {
        if self.dir.is_empty() {
            return;
        }
        let k = (h >> (64 - DIR_BITS)) as usize;
        let (lo, hi) = (self.dir[k] as usize, self.dir[k + 1] as usize);
        let keys = &self.keys[lo..hi];
        let start = keys.partition_point(|&x| x < h);
        for (i, &x) in keys[start..].iter().enumerate() {
            if x != h {
                break;
            }
            out.push(self.ids[lo + start + i]);
        }
    }

    /// Vocabulary tokens within (about) one edit of `t`, unsorted, possibly with duplicates
    /// and rare hash-collision strays.
    pub fn neighbours(&self, t: &str, out: &mut Vec<u32>) {
        out.clear();
        let b = t.as_bytes();
        if !(MIN_FUZZY_LEN..=MAX_FUZZY_LEN).contains(&b.len()) {
            return;
        }
        variants(b, |h| self.probe(h, out));
        out.sort_unstable();
        out.dedup();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(ix: &DeleteIndex, vocab: &[&str], q: &str) -> Vec<String> {
        let mut out = Vec::new();
        ix.neighbours(q, &mut out);
        let mut v: Vec<String> = out.iter().map(|&i| vocab[i as usize].to_owned()).collect();
        v.sort();
        v
    }

    #[test]
    fn finds_every_single_edit() {
        let vocab = ["ivanov", "ivanova", "petrov", "muhammad", "zawahiri", "abc"];
        let ix = DeleteIndex::build(vocab.iter().copied());
        assert_eq!(find(&ix, &vocab, "ivanov"), ["ivanov", "ivanova"]);
        assert_eq!(find(&ix, &vocab, "ivonov"), ["ivanov"]); // substitution
        assert_eq!(find(&ix, &vocab, "ivnov"), ["ivanov"]); // deletion
                                                            // Insertion; "ivanova" shares the deletion "ivanov" too (two edits away): the table
                                                            // over-approximates and the caller verifies.
        assert_eq!(find(&ix, &vocab, "ivannov"), ["ivanov", "ivanova"]);
        assert_eq!(find(&ix, &vocab, "zawaihri"), ["zawahiri"]); // swap
        assert_eq!(find(&ix, &vocab, "mohammad"), ["muhammad"]);
        assert!(find(&ix, &vocab, "smirnov").is_empty());
        assert!(
            find(&ix, &vocab, "ab").is_empty(),
            "short tokens are exact-only"
        );
    }
}
