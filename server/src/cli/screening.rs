//! `kyra lists …` and `kyra screen …`.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use kyra_checks::screening::{
    compare, Hit, ListCounts, ListEntry, SearchOptions, Thresholds, Topic,
};
use serde_json::json;

use crate::config::Config;
use crate::ids::ListVersionId;
use crate::screening::api::{SubjectInput, TopicArg};
use crate::screening::import::{parse_files, sha256_hex, FormatArg};
use crate::screening::monitor::{rescreen, ChangedEntry};
use crate::store::{diff_base, Store};

#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Import list files as new active list versions (one transaction), then re-screen
    /// monitored subjects against the added or changed entries.
    ///
    /// The OFAC CSV files given together (sdn.csv, alt.csv, add.csv, sdn_comments.csv) form one
    /// list; every other file is a list of its own.
    Import {
        /// List files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Format of the files [default: detected from their content].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
    /// Delete the stored entries of old, inactive list versions (the version rows stay as
    /// history). The active version is never touched, nor the one a pending monitoring run
    /// still diffs against.
    Prune {
        /// Versions to keep per source, newest first (the active one is always kept).
        #[arg(long, default_value_t = 2)]
        keep: usize,
    },
    /// Show the imported list versions.
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ScreenArgs {
    #[command(subcommand)]
    pub command: Option<ScreenCommand>,
    /// Name to screen against the active lists.
    pub name: Option<String>,
    /// Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long)]
    pub dob: Option<String>,
    /// Nationality or country (name or ISO code).
    #[arg(long)]
    pub country: Option<String>,
    /// person, organization, vessel or aircraft.
    #[arg(long)]
    pub schema: Option<String>,
    /// Only entries of this topic.
    #[arg(long, value_enum)]
    pub topic: Option<TopicArg>,
    /// Maximum hits shown.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Review threshold.
    #[arg(long, default_value_t = 0.80)]
    pub review: f64,
    /// Match threshold.
    #[arg(long = "match", default_value_t = 0.90)]
    pub match_: f64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum ScreenCommand {
    /// Score pairs of subjects: reads JSON lines `{"id":…,"a":{name,schema,birth_date,country},
    /// "b":{…}}` and writes `{"id":…,"score":…}` per line (for evaluating the matcher).
    Compare {
        /// Input file, `-` for stdin.
        #[arg(long, value_name = "FILE")]
        input: PathBuf,
    },
}

pub async fn lists(store: &Store, config: &Config, command: ListsCommand) -> anyhow::Result<()> {
    match command {
        ListsCommand::Import { files, format } => import(store, config, files, format).await,
        ListsCommand::Prune { keep } => prune(store, keep).await,
        ListsCommand::Status { json } => status(store, json).await,
    }
}

async fn prune(store: &Store, keep: usize) -> anyhow::Result<()> {
    let pruned = store.prune_list_versions(keep).await?;
    for p in &pruned {
        println!(
            "{}: deleted {} entries of version {} (imported {})",
            p.source,
            p.entries,
            p.id,
            crate::verification::rfc3339(p.imported_at)
        );
    }
    println!(
        "pruned {} versions, {} entries (kept the newest {keep} per source and every active one)",
        pruned.len(),
        pruned.iter().map(|p| p.entries).sum::<u64>()
    );
    Ok(())
}

async fn import(
    store: &Store,
    config: &Config,
    files: Vec<PathBuf>,
    format: Option<FormatArg>,
) -> anyhow::Result<()> {
    let parsed = tokio::task::spawn_blocking(move || parse_files(&files, format))
        .await
        .context("parser task")??;
    let active = store.active_list_versions().await?;
    let mut lists = Vec::new();
    let mut resume = Vec::new();
    for p in parsed {
        let source = p.source().as_str();
        match active.iter().find(|v| v.source == source) {
            Some(v) if v.checksum == p.checksum && v.monitored_at.is_some() => println!(
                "{source}: unchanged (same checksum as active version {}), skipped",
                v.id
            ),
            Some(v) if v.checksum == p.checksum => {
                println!(
                    "{source}: unchanged, but the monitoring of version {} did not finish: resuming it",
                    v.id
                );
                resume.push(v.clone());
            }
            prev => {
                let prev = prev.map(|v| v.id.clone());
                lists.push((p, prev));
            }
        }
    }
    if lists.is_empty() && resume.is_empty() {
        return Ok(());
    }
    let versions = lists
        .iter()
        .map(|(p, _)| p.to_new_version())
        .collect::<Result<Vec<_>, _>>()
        .context("serializing entries")?;
    let ids = if versions.is_empty() {
        Vec::new()
    } else {
        store
            .import_list_versions(&versions)
            .await
            .context("storing the new list versions (nothing was changed)")?
    };

    // Every version whose changes must be screened: (version, its predecessor, its entries
    // with their content hashes).
    let mut work: Vec<VersionChanges> = Vec::new();
    for (((p, prev), version), id) in lists.into_iter().zip(&versions).zip(&ids) {
        let c = &p.list.meta.counts;
        println!(
            "{}: imported version {id} from {}: {} entries ({}), published {}, sha256 {}",
            p.source().as_str(),
            p.files.join(", "),
            c.entries,
            describe_counts(c),
            p.list.meta.published.as_deref().unwrap_or("(not stated)"),
            p.checksum,
        );
        let hashes = version.entries.iter().map(|r| r.content_hash.clone());
        work.push(VersionChanges(
            id.clone(),
            prev,
            p.list.entries.into_iter().zip(hashes).collect(),
        ));
    }
    for v in resume {
        let mut entries = Vec::new();
        for body in store.list_entry_bodies(&v.id).await? {
            let entry: ListEntry = serde_json::from_str(&body)
                .with_context(|| format!("stored entry of version {}", v.id))?;
            entries.push((entry, sha256_hex(body.as_bytes())));
        }
        work.push(VersionChanges(v.id, v.previous_id, entries));
    }
    let history = store.list_versions().await?;
    let mut changed = Vec::new();
    let mut superseded = Vec::with_capacity(work.len());
    for VersionChanges(id, prev, entries) in &work {
        let diff = diff_base(&history, prev.as_ref());
        let before = match &diff.base {
            Some(base) => store.list_entry_hashes(base).await?,
            None => Default::default(),
        };
        superseded.push(diff.superseded);
        for (entry, hash) in entries {
            if before.get(&entry.id) != Some(hash) {
                changed.push(ChangedEntry {
                    entry: entry.clone(),
                    version_id: id.clone(),
                    content_hash: hash.clone(),
                });
            }
        }
    }
    println!(
        "monitoring: re-screening monitored subjects against {} added or changed entries",
        changed.len()
    );
    let sealer = crate::crypto::Sealer::for_config(config)?;
    let report = rescreen(store, &sealer, changed, |r| {
        println!(
            "monitoring: {} subjects screened, {} new hits",
            r.subjects, r.new_hits
        );
    })
    .await?;
    for (VersionChanges(id, _, _), chain) in work.iter().zip(&superseded) {
        store.mark_list_version_monitored(id, chain).await?;
    }
    println!(
        "monitoring done: {} subjects, {} changed entries, {} new screening.match events",
        report.subjects, report.changed_entries, report.new_hits
    );
    Ok(())
}

/// A version whose changes monitoring must screen: its id, its predecessor, and its entries
/// with their content hashes.
struct VersionChanges(
    ListVersionId,
    Option<ListVersionId>,
    Vec<(ListEntry, String)>,
);

fn describe_counts(c: &ListCounts) -> String {
    format!(
        "{} persons, {} organizations, {} vessels, {} aircraft, {} aliases, {} PEPs",
        c.persons, c.organizations, c.vessels, c.aircraft, c.aliases, c.peps
    )
}

async fn status(store: &Store, as_json: bool) -> anyhow::Result<()> {
    let versions = store.list_versions().await?;
    if as_json {
        let rows: Vec<_> = versions
            .iter()
            .map(|v| {
                json!({
                    "id": v.id,
                    "source": v.source,
                    "active": v.active,
                    "published": v.published.as_deref().and_then(|raw| crate::screening::published_rfc3339(&v.source, raw)),
                    "published_as_written": v.published,
                    "checksum": v.checksum,
                    "files": serde_json::from_str::<serde_json::Value>(&v.files).unwrap_or_default(),
                    "counts": serde_json::from_str::<serde_json::Value>(&v.counts).unwrap_or_default(),
                    "entries": v.entry_count,
                    "imported_at": crate::verification::rfc3339(v.imported_at),
                })
            })
            .collect();
        println!("{}", json!({ "versions": rows }));
        return Ok(());
    }
    if versions.is_empty() {
        println!("no lists imported; run `kyra lists import <file>…`");
        return Ok(());
    }
    println!(
        "{:<14} {:<7} {:>8}  {:<26} {:<30} checksum",
        "source", "active", "entries", "imported", "published"
    );
    for v in &versions {
        println!(
            "{:<14} {:<7} {:>8}  {:<26} {:<30} {}",
            v.source,
            if v.active { "yes" } else { "no" },
            v.entry_count,
            crate::verification::rfc3339(v.imported_at),
            v.published.as_deref().unwrap_or("-"),
            &v.checksum[..v.checksum.len().min(16)],
        );
    }
    Ok(())
}

/// `kyra screen compare`, which needs no database.
pub fn compare_pairs(input: &PathBuf) -> anyhow::Result<()> {
    let reader: Box<dyn BufRead> = if input.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::io::BufReader::new(
            std::fs::File::open(input).with_context(|| format!("{}", input.display()))?,
        ))
    };
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Pair {
        id: serde_json::Value,
        a: SubjectInput,
        b: SubjectInput,
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (i, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", input.display(), i + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}: line {}", input.display(), i + 1);
        let pair: Pair = serde_json::from_str(&line).with_context(at)?;
        let a = pair
            .a
            .into_subject()
            .map_err(|e| anyhow::anyhow!("{}: a.{e}", at()))?;
        let b = pair
            .b
            .into_subject()
            .map_err(|e| anyhow::anyhow!("{}: b.{e}", at()))?;
        writeln!(
            out,
            "{}",
            json!({ "id": pair.id, "score": compare(&a, &b) })
        )?;
    }
    out.flush()?;
    Ok(())
}

/// `kyra screen "<name>"` against the active lists in the database.
pub async fn screen(store: &Store, args: ScreenArgs) -> anyhow::Result<()> {
    let Some(name) = args.name else {
        bail!("give a name to screen, or `kyra screen compare --input FILE`");
    };
    let subject = SubjectInput {
        name,
        schema: args.schema,
        birth_date: args.dob,
        country: args.country,
    }
    .into_subject()
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let thresholds = Thresholds::new(args.review, args.match_)
        .context("thresholds must satisfy 0 < review <= match <= 1")?;
    let loaded = crate::screening::load_active(store).await?;
    if loaded.versions.is_empty() {
        bail!("no lists imported; run `kyra lists import <file>…` first");
    }
    let opts = SearchOptions {
        limit: args.limit,
        min_score: thresholds.review(),
        topic: args.topic.map(Topic::from),
        ..SearchOptions::default()
    };
    let hits = loaded.index.screen(&subject, &opts);
    let classification = hits
        .first()
        .map_or(thresholds.classify(0.0), |h| thresholds.classify(h.score));
    if args.json {
        let hits: Vec<_> = hits
            .iter()
            .map(|h| crate::screening::api::hit_json(&loaded.index, h, &thresholds))
            .collect();
        println!(
            "{}",
            json!({ "classification": classification, "hits": hits })
        );
        return Ok(());
    }
    println!(
        "{:?}: {} ({} hits at review ≥ {}, match ≥ {})",
        subject.name,
        serde_json::to_value(classification)?
            .as_str()
            .unwrap_or("?"),
        hits.len(),
        thresholds.review(),
        thresholds.match_threshold()
    );
    for h in &hits {
        print_hit(&loaded.index, h, &thresholds);
    }
    Ok(())
}

fn print_hit(index: &kyra_checks::screening::ScreeningIndex, h: &Hit, t: &Thresholds) {
    let entry = &index.entries()[h.entry];
    println!(
        "  {:.3} {:<6} {} {} {:?} — matched {:?} ({:?})",
        h.score,
        serde_json::to_value(t.classify(h.score))
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        h.source.as_str(),
        h.entry_id,
        entry.primary_name(),
        h.matched_name,
        h.matched_kind,
    );
    for f in &h.explanation.features {
        println!("      {:?} {:+.3} {}", f.feature, f.value, f.detail);
    }
}
