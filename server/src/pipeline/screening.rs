//! The `sanctions` and `pep` checks: the applicant's name — as typed and as read from the
//! document's MRZ — and date of birth, screened against the loaded lists.

use kyra_checks::reasons::CheckKind;
use kyra_checks::screening::{BirthDate, Classification, Schema, SearchOptions, Subject, Topic};
use serde_json::json;

use super::Found;
use crate::context::Context;
use crate::flow::FlowConfig;
use crate::store::VerificationRecord;
use crate::verification::Applicant;

pub(super) async fn run(
    state: &Context,
    v: &VerificationRecord,
    kind: CheckKind,
    flow: &FlowConfig,
    applicant: &Applicant,
) -> Found {
    let (topic, matched, possible, what) = match kind {
        CheckKind::Pep => (Topic::Pep, "PEP_MATCH", "PEP_POSSIBLE_MATCH", "PEP"),
        _ => (
            Topic::Sanction,
            "SANCTIONS_MATCH",
            "SANCTIONS_POSSIBLE_MATCH",
            "sanctions",
        ),
    };
    let loaded = state.screening.current();
    if !loaded.index.entries().iter().any(|e| e.topic == topic) {
        return Found::error(format!(
            "no {what} list is loaded: import one with `kyra lists import` (see docs/screening.md)"
        ));
    }
    let mrz = super::document_fields(state, v).await;
    let mut names: Vec<String> = Vec::new();
    let typed = [
        applicant.first_name.as_deref(),
        applicant.last_name.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    if !typed.trim().is_empty() {
        names.push(typed);
    }
    if let Some(f) = &mrz {
        let read = format!("{} {}", f.given_names, f.surname);
        if !read.trim().is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(&read)) {
            names.push(read);
        }
    }
    if names.is_empty() {
        return Found::error("no applicant name to screen: neither typed nor read from a document");
    }
    let birth_date = mrz
        .as_ref()
        .and_then(|f| f.birth_date.as_deref())
        .or(applicant.date_of_birth.as_deref())
        .and_then(BirthDate::parse);
    let country = mrz
        .as_ref()
        .map(|f| f.nationality.trim_end_matches('<').to_owned())
        .filter(|c| !c.is_empty())
        .or_else(|| applicant.country.clone());
    let thresholds = flow.screening.thresholds();
    let options = SearchOptions {
        min_score: thresholds.review(),
        topic: Some(topic),
        ..SearchOptions::default()
    };
    let index = loaded.clone();
    let subjects: Vec<Subject> = names
        .iter()
        .map(|name| Subject {
            name: name.clone(),
            schema: Schema::Person,
            birth_date,
            country: country.clone(),
        })
        .collect();
    let screened = tokio::task::spawn_blocking(move || {
        let mut hits: Vec<_> = subjects
            .iter()
            .flat_map(|s| index.index.screen(s, &options))
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        hits.dedup_by(|a, b| a.entry == b.entry);
        hits
    })
    .await;
    let hits = match screened {
        Ok(hits) => hits,
        Err(err) => return Found::error(err),
    };
    let best = hits.first().map(|h| h.score);
    let code = match best.map(|s| thresholds.classify(s)) {
        Some(Classification::Match) => Some(matched),
        Some(Classification::Review) => Some(possible),
        Some(Classification::Clear) | None => None,
    };
    let versions: Vec<_> = loaded
        .versions
        .iter()
        .map(|lv| json!({ "source": lv.source, "version": lv.id, "published": lv.published }))
        .collect();
    // What the tenant sees on the check (`checks[].matches`): which entry of which list version
    // matched, so a reviewer can look it up and an auditor can tell which list said so.
    let matches: Vec<_> = hits
        .iter()
        .map(|h| {
            let version = loaded
                .versions
                .iter()
                .find(|lv| lv.source == h.source.as_str())
                .map(|lv| &lv.id);
            json!({
                "source": h.source,
                "entry_id": h.entry_id,
                "list_version_id": version,
                "matched_name": h.matched_name,
                "score": h.score,
                "classification": thresholds.classify(h.score),
            })
        })
        .collect();
    Found::from_codes(
        code.into_iter().map(str::to_owned).collect(),
        Some(best.unwrap_or(0.0)),
        json!({ "screened_names": names.len(), "lists": versions, "hits": hits, "matches": matches }),
    )
}
