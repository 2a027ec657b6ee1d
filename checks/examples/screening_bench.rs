//! Screening benchmark: parse + index build time, single-thread latency (p50/p99), 2-thread
//! throughput and RSS over the real OFAC SDN + UN lists, then the same on a synthetic list of
//! 1M names (generated here from the real lists' tokens with a fixed seed).
//!
//! Run: `cargo run --release -p kyra-checks --example screening_bench [-- --synthetic N]`
//! (`--synthetic 0` skips the scaling run).

#[path = "../tests/screening_common/mod.rs"]
mod common;
#[path = "../tests/screening_common/eval.rs"]
mod eval;

use std::sync::Arc;
use std::time::{Duration, Instant};

use kyra_checks::screening::normalize::normalize_name;
use kyra_checks::screening::{
    ListEntry, ListSource, Schema, ScreeningIndex, SearchOptions, Subject,
};

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn run(label: &str, ix: &Arc<ScreeningIndex>, queries: &[Subject]) {
    let opts = SearchOptions::default();
    // Warm-up (thread-local scratch, caches).
    for q in queries.iter().take(200) {
        std::hint::black_box(ix.screen(q, &opts));
    }
    let mut lat = Vec::with_capacity(queries.len());
    let mut hits = 0usize;
    let t0 = Instant::now();
    for q in queries {
        let t = Instant::now();
        let h = ix.screen(q, &opts);
        lat.push(t.elapsed());
        hits += h.len();
    }
    let total = t0.elapsed();
    // On a shared machine a query is sometimes preempted mid-way; the best of 3 runs of the
    // same query is its CPU cost without scheduler noise. Both figures are reported.
    let mut best: Vec<Duration> = lat.clone();
    for _ in 0..2 {
        for (q, b) in queries.iter().zip(best.iter_mut()) {
            let t = Instant::now();
            std::hint::black_box(ix.screen(q, &opts));
            *b = (*b).min(t.elapsed());
        }
    }
    best.sort();
    println!(
        "{label}: best-of-3 per query: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        pct(&best, 0.50).as_secs_f64() * 1e3,
        pct(&best, 0.99).as_secs_f64() * 1e3,
        best.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    if std::env::var_os("SCREEN_BENCH_SLOWEST").is_some() {
        let mut idx: Vec<usize> = (0..lat.len()).collect();
        idx.sort_by_key(|&i| std::cmp::Reverse(lat[i]));
        for &i in idx.iter().take(15) {
            println!(
                "  slow {:.3} ms {:?}",
                lat[i].as_secs_f64() * 1e3,
                queries[i].name
            );
        }
    }
    lat.sort();
    println!(
        "{label}: {} queries single-thread: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms, mean {:.3} ms ({:.0} q/s); {} hits",
        queries.len(),
        pct(&lat, 0.50).as_secs_f64() * 1e3,
        pct(&lat, 0.99).as_secs_f64() * 1e3,
        lat.last().map_or(0.0, |d| d.as_secs_f64() * 1e3),
        total.as_secs_f64() * 1e3 / queries.len() as f64,
        queries.len() as f64 / total.as_secs_f64(),
        hits
    );
    let threads = 2;
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for k in 0..threads {
            let ix = Arc::clone(ix);
            s.spawn(move || {
                for q in queries.iter().skip(k).step_by(threads) {
                    std::hint::black_box(ix.screen(q, &opts));
                }
            });
        }
    });
    let dt = t0.elapsed();
    println!(
        "{label}: {threads} threads: {:.0} q/s",
        queries.len() as f64 / dt.as_secs_f64()
    );
}

/// Queries: perturbed list names (positives and hard negatives from the evaluation generator)
/// plus unrelated names built from random list tokens.
fn queries_for(entries: &[ListEntry], n: usize, seed: u64) -> Vec<Subject> {
    let every = (entries.len() / n.max(1)).max(1);
    let mut qs: Vec<Subject> = eval::generate(entries, seed, every)
        .into_iter()
        .map(|c| c.query)
        .collect();
    let mut rng = eval::Rng::new(seed ^ 0x9e37);
    let toks: Vec<String> = entries
        .iter()
        .step_by(3)
        .flat_map(|e| normalize_name(e.primary_name()).tokens)
        .filter(|t| t.len() >= 3)
        .collect();
    while qs.len() < n + n / 4 && !toks.is_empty() {
        let k = 2 + rng.below(2);
        let name: Vec<&str> = (0..k)
            .map(|_| toks[rng.below(toks.len())].as_str())
            .collect();
        qs.push(Subject::new(name.join(" ")));
    }
    // Shuffle so that timing is not ordered by kind.
    for i in (1..qs.len()).rev() {
        qs.swap(i, rng.below(i + 1));
    }
    qs.truncate(n);
    qs
}

/// Synthetic persons/companies: given names, surnames and company words drawn from the real
/// lists' vocabularies (Zipf-ish: low ranks more often), 1-2 names per entry.
fn synthetic(entries: &[ListEntry], n_names: usize, seed: u64) -> Vec<ListEntry> {
    let mut rng = eval::Rng::new(seed);
    let mut words: Vec<String> = entries
        .iter()
        .flat_map(|e| e.names.iter().flat_map(|n| normalize_name(&n.value).tokens))
        .filter(|t| t.len() >= 3 && t.bytes().all(|b| b.is_ascii_alphabetic()))
        .collect();
    words.sort();
    words.dedup();
    // Mix in generated syllable words so the vocabulary grows like a real 1M-name list.
    const SYL: &[&str] = &[
        "ka", "ri", "mo", "na", "sha", "lev", "dor", "an", "el", "vi", "tor", "ma", "zu", "ben",
        "ko", "ra", "hi", "sto", "pol", "gar",
    ];
    for _ in 0..60_000 {
        let k = 2 + rng.below(3);
        words.push((0..k).map(|_| SYL[rng.below(SYL.len())]).collect());
    }
    let pick = |rng: &mut eval::Rng| {
        let r = rng.below(words.len());
        let r2 = rng.below(r + 1); // skew towards the start
        words[if rng.below(2) == 0 { r } else { r2 }].clone()
    };
    let mut out = Vec::with_capacity(n_names);
    let mut names = 0;
    let mut id = 0;
    while names < n_names {
        id += 1;
        let person = rng.below(3) != 0;
        let k = if person {
            2 + rng.below(2)
        } else {
            1 + rng.below(3)
        };
        let name: Vec<String> = (0..k).map(|_| pick(&mut rng).to_uppercase()).collect();
        let mut e = ListEntry::new(
            format!("S{id}"),
            ListSource::OpenSanctions,
            if person {
                Schema::Person
            } else {
                Schema::Organization
            },
            name.join(" "),
        );
        names += 1;
        if rng.below(4) == 0 && names < n_names {
            let mut alias = name.clone();
            alias.rotate_left(1);
            alias[0] = pick(&mut rng).to_uppercase();
            e.push_name(kyra_checks::screening::NameKind::Aka, &alias.join(" "));
            names += 1;
        }
        out.push(e);
    }
    out
}

fn main() {
    let synth_n: usize = std::env::args()
        .skip_while(|a| a != "--synthetic")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let rss0 = rss_mb();
    let t0 = Instant::now();
    let lists = vec![common::ofac_sdn("watchman_bench"), common::un_2026()];
    let parse = t0.elapsed();
    let t1 = Instant::now();
    let ix = Arc::new(ScreeningIndex::from_lists(lists));
    let build = t1.elapsed();
    let st = ix.stats();
    println!(
        "OFAC SDN bench + UN 2026: parse {:.0} ms, index build {:.0} ms; {} entries, {} names, {} vocabulary tokens; RSS {:.0} MB (+{:.0} MB)",
        parse.as_secs_f64() * 1e3,
        build.as_secs_f64() * 1e3,
        st.entries,
        st.names,
        st.vocabulary,
        rss_mb(),
        rss_mb() - rss0
    );
    let qs = queries_for(ix.entries(), 20_000, 7);
    run("OFAC+UN", &ix, &qs);

    if synth_n > 0 {
        let rss1 = rss_mb();
        let t = Instant::now();
        let entries = synthetic(ix.entries(), synth_n, 11);
        let gen = t.elapsed();
        let t = Instant::now();
        let big = Arc::new(ScreeningIndex::build(entries));
        let build = t.elapsed();
        let st = big.stats();
        println!(
            "synthetic: generate {:.1} s, index build {:.1} s; {} entries, {} names, {} vocabulary tokens; RSS {:.0} MB (+{:.0} MB incl. entries)",
            gen.as_secs_f64(),
            build.as_secs_f64(),
            st.entries,
            st.names,
            st.vocabulary,
            rss_mb(),
            rss_mb() - rss1
        );
        let qs = queries_for(big.entries(), 10_000, 13);
        run("synthetic", &big, &qs);
    }
}
