//! The console's pages, rendered on the server with Leptos. They work without any script:
//! links, GET forms for filters and POST forms (with the session's CSRF token) for actions, so
//! the console ships no WASM to anybody and every control is reachable by keyboard.

use leptos::prelude::*;

use crate::operators::Role;
use crate::store::{ClaimRecord, OperatorRecord};
use crate::verification::{Status, VerificationObject};

/// Renders a whole page.
pub fn document(title: &str, body: impl IntoView + 'static) -> String {
    let title = format!("{title} · Kyra console");
    let html = view! {
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light dark"/>
                <title>{title}</title>
                <link rel="stylesheet" href=super::STYLESHEET/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
            </head>
            <body>
                <a class="skip" href="#main">"Skip to content"</a>
                {body}
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", html.to_html())
}

/// The bar above every page of a signed-in operator.
pub fn top_bar(operator: &OperatorRecord, csrf: &str, current: &'static str) -> impl IntoView {
    let link = move |href: &'static str, label: &'static str, key: &'static str| {
        let here = (current == key).then_some("page");
        view! { <li><a href=href aria-current=here>{label}</a></li> }
    };
    view! {
        <header class="top">
            <nav aria-label="Console">
                <span class="brand">"Kyra"</span>
                <ul>
                    {link("/console", "Review queue", "queue")}
                    {link("/console/verifications", "Verifications", "verifications")}
                    {link("/console/account", "Your account", "account")}
                    {operator.role.can_administer().then(|| view! {
                        {link("/console/developers", "Developers", "developers")}
                        {link("/console/audit", "Audit log", "audit")}
                    })}
                </ul>
            </nav>
            <div class="who">
                <span>{operator.email.to_string()}" · "{operator.role.as_str()}</span>
                <form method="post" action="/console/logout">
                    <input type="hidden" name="csrf" value=csrf.to_owned()/>
                    <button type="submit" class="link">"Sign out"</button>
                </form>
                <form method="post" action="/console/logout-everywhere">
                    <input type="hidden" name="csrf" value=csrf.to_owned()/>
                    <button type="submit" class="link">"Sign out everywhere"</button>
                </form>
            </div>
        </header>
    }
}

pub fn login(error: Option<String>, email: String) -> String {
    let body = view! {
        <main id="main" class="narrow">
            <h1>"Sign in to the Kyra console"</h1>
            {error.map(|e| view! { <p class="error" role="alert" id="login-error">{e}</p> })}
            <form method="post" action="/console/login" class="stack">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required=true value=email/>
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required=true/>
                <button type="submit">"Sign in"</button>
            </form>
        </main>
    };
    document("Sign in", body)
}

/// The second step of a sign-in with two-factor sign-in on.
pub fn second_factor(error: Option<String>) -> String {
    let body = view! {
        <main id="main" class="narrow">
            <h1>"Two-factor sign-in"</h1>
            {error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <form method="post" action="/console/login/code" class="stack">
                <label for="code">"Code from your authenticator app, or a recovery code"</label>
                <input id="code" name="code" autocomplete="one-time-code" required=true/>
                <button type="submit">"Sign in"</button>
            </form>
            <p><a href="/console/login">"Start again"</a></p>
        </main>
    };
    document("Two-factor sign-in", body)
}

/// A message page (not found, forbidden, refused).
pub fn message(operator: &OperatorRecord, csrf: &str, title: &'static str, text: String) -> String {
    let body = view! {
        {top_bar(operator, csrf, "")}
        <main id="main">
            <h1>{title}</h1>
            <p>{text}</p>
            <p><a href="/console">"Back to the review queue"</a></p>
        </main>
    };
    document(title, body)
}

/// Counts per status, each a link to the list filtered by it.
pub fn status_counts(counts: &[(Status, i64)]) -> impl IntoView {
    let items = counts
        .iter()
        .map(|(status, n)| {
            let href = format!("/console/verifications?status={}", status.as_str());
            view! {
                <li><a href=href><span class="count">{*n}</span>" "{label(*status)}</a></li>
            }
        })
        .collect_view();
    view! { <ul class="counts" aria-label="Verifications per status">{items}</ul> }
}

pub fn label(status: Status) -> &'static str {
    match status {
        Status::Pending => "pending",
        Status::InProgress => "in progress",
        Status::Processing => "processing",
        Status::Approved => "approved",
        Status::Declined => "declined",
        Status::NeedsReview => "needs review",
        Status::Expired => "expired",
        Status::Canceled => "canceled",
    }
}

/// One row of the queue or the list.
pub struct Row {
    pub object: VerificationObject,
    pub claim: Option<ClaimRecord>,
}

pub fn table(rows: Vec<Row>, show_claims: bool, empty: &'static str) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .map(|Row { object: v, claim }| {
            let href = format!("/console/verifications/{}", v.id);
            let name = applicant_name(&v);
            let when = v.submitted_at.clone().unwrap_or_else(|| v.created_at.clone());
            let claim = show_claims.then(|| {
                view! { <td>{claim.map(|c| c.operator_email).unwrap_or_else(|| "—".into())}</td> }
            });
            view! {
                <tr>
                    <td><a href=href>{v.id.to_string()}</a></td>
                    <td>{name}</td>
                    <td>{v.reference_id.clone().unwrap_or_default()}</td>
                    <td><span class=format!("status s-{}", v.status.as_str())>{label(v.status)}</span></td>
                    <td>{v.reason_codes.join(", ")}</td>
                    <td>{v.mode.as_str()}</td>
                    <td><time datetime=when.clone()>{when.clone()}</time></td>
                    {claim}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
        <table>
            <thead>
                <tr>
                    <th scope="col">"Verification"</th>
                    <th scope="col">"Applicant"</th>
                    <th scope="col">"Reference"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Reasons"</th>
                    <th scope="col">"Mode"</th>
                    <th scope="col">"Submitted / created"</th>
                    {show_claims.then(|| view! { <th scope="col">"Claimed by"</th> })}
                </tr>
            </thead>
            <tbody>{body}</tbody>
        </table>
        </div>
    }
    .into_any()
}

fn applicant_name(v: &VerificationObject) -> String {
    let a = &v.applicant;
    [a.first_name.as_deref(), a.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The filters of the verification list, as submitted (kept in the form).
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub mode: String,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub from: String,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default)]
    pub to: String,
    /// A reference id.
    #[serde(default)]
    pub q: String,
    /// Keyset cursor of the next page.
    #[serde(default)]
    pub before: String,
}

pub fn filters_form(f: &Filters) -> impl IntoView {
    let statuses = [
        Status::Pending,
        Status::InProgress,
        Status::Processing,
        Status::NeedsReview,
        Status::Approved,
        Status::Declined,
        Status::Expired,
        Status::Canceled,
    ]
    .into_iter()
    .map(|s| {
        let selected = f.status == s.as_str();
        view! { <option value=s.as_str() selected=selected>{label(s)}</option> }
    })
    .collect_view();
    let modes = ["test", "live"]
        .into_iter()
        .map(|m| view! { <option value=m selected=f.mode == m>{m}</option> })
        .collect_view();
    view! {
        <form method="get" action="/console/verifications" class="filters" role="search">
            <div>
                <label for="f-status">"Status"</label>
                <select id="f-status" name="status">
                    <option value="">"any"</option>
                    {statuses}
                </select>
            </div>
            <div>
                <label for="f-mode">"Mode"</label>
                <select id="f-mode" name="mode">
                    <option value="">"test and live"</option>
                    {modes}
                </select>
            </div>
            <div>
                <label for="f-from">"Created from"</label>
                <input id="f-from" name="from" type="date" value=f.from.clone()/>
            </div>
            <div>
                <label for="f-to">"to"</label>
                <input id="f-to" name="to" type="date" value=f.to.clone()/>
            </div>
            <div>
                <label for="f-q">"Reference id"</label>
                <input id="f-q" name="q" type="search" value=f.q.clone()/>
            </div>
            <button type="submit">"Filter"</button>
        </form>
    }
}

/// The decision form of a case in review.
pub fn decision_form(
    id: &str,
    csrf: &str,
    role: Role,
    attempts_left: i64,
    error: Option<String>,
) -> impl IntoView {
    if !role.can_decide() {
        return view! { <p class="note">"Your role can read cases but not decide them."</p> }
            .into_any();
    }
    let reasons = kyra_checks::reasons::REASONS
        .iter()
        .map(|r| {
            let id = format!("reason-{}", r.code);
            view! {
                <li>
                    <input type="checkbox" name="reason_codes" value=r.code id=id.clone()/>
                    <label for=id>
                        <code>{r.code}</code>" — "{r.description}
                    </label>
                </li>
            }
        })
        .collect_view();
    let action = format!("/console/verifications/{id}/decision");
    let retry_note = format!("({attempts_left} attempts left)");
    view! {
        <form method="post" action=action class="stack decision">
            <input type="hidden" name="csrf" value=csrf.to_owned()/>
            {error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <fieldset>
                <legend>"Decision"</legend>
                <div>
                    <input type="radio" id="o-approved" name="outcome" value="approved" required=true/>
                    <label for="o-approved">"Approve"</label>
                </div>
                <div>
                    <input type="radio" id="o-retry" name="outcome" value="declined_retry" disabled=attempts_left == 0/>
                    <label for="o-retry">"Decline, the applicant may try again "{retry_note}</label>
                </div>
                <div>
                    <input type="radio" id="o-final" name="outcome" value="declined_final"/>
                    <label for="o-final">"Decline for good"</label>
                </div>
            </fieldset>
            <details>
                <summary>"Reason codes (required to decline)"</summary>
                <ul class="reasons">{reasons}</ul>
            </details>
            <label for="note">"Note (required: why this decision)"</label>
            <textarea id="note" name="note" rows="4" required=true maxlength="4000"></textarea>
            <button type="submit">"Record decision"</button>
        </form>
    }
    .into_any()
}

/// Everything the case view shows.
pub struct Case {
    pub object: VerificationObject,
    pub documents: Vec<crate::store::DocumentRecord>,
    pub events: Vec<crate::store::EventRecord>,
    /// Reviews with their notes opened.
    pub reviews: Vec<(crate::store::ReviewRecord, String)>,
    pub claim: Option<ClaimRecord>,
    /// The MRZ fields the document check read (`mrz.fields` of its details).
    pub mrz: Option<serde_json::Map<String, serde_json::Value>>,
    /// The consent record: text version, time, address and browser.
    pub consents: Vec<crate::store::ConsentRecord>,
}

pub fn case_page(
    operator: &OperatorRecord,
    csrf: &str,
    case: Case,
    error: Option<String>,
) -> String {
    let Case {
        object: v,
        documents,
        events,
        reviews,
        claim,
        mrz,
        consents,
    } = case;
    let id = v.id.to_string();
    let title = format!("Verification {id}");
    let in_review = v.status == Status::NeedsReview;
    let decided_by = match &v.decided_by {
        Some(crate::verification::DecidedBy::Rules) => "the flow's rules".to_owned(),
        Some(crate::verification::DecidedBy::Operator { id }) => format!("operator {id}"),
        None => "—".to_owned(),
    };
    let a = &v.applicant;
    let typed = [
        ("First name", a.first_name.clone(), "given_names", true),
        ("Last name", a.last_name.clone(), "surname", true),
        ("Date of birth", a.date_of_birth.clone(), "birth_date", true),
        // Alpha-2 typed, alpha-3 read: shown side by side, not compared.
        (
            "Country / nationality",
            a.country.clone(),
            "nationality",
            false,
        ),
    ];
    let applicant_rows = typed
        .into_iter()
        .map(|(name, typed, mrz_key, compare)| {
            let read = mrz
                .as_ref()
                .and_then(|m| m.get(mrz_key))
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            let differs = match (&typed, &read) {
                (Some(t), Some(r)) => compare && !same_text(t, r),
                _ => false,
            };
            view! {
                <tr class:mismatch=differs>
                    <th scope="row">{name}</th>
                    <td>{typed.unwrap_or_default()}</td>
                    <td>{read.unwrap_or_default()}{differs.then_some(" (differs)")}</td>
                </tr>
            }
        })
        .collect_view();
    let claim_view = in_review.then(|| {
        let action = format!("/console/verifications/{id}/claim");
        let held = claim
            .as_ref()
            .map(|c| format!("Claimed by {}.", c.operator_email))
            .unwrap_or_else(|| "Nobody is working this case.".into());
        let mine = claim.as_ref().is_some_and(|c| c.operator_id == operator.id);
        view! {
            <section aria-labelledby="h-claim">
                <h2 id="h-claim">"Assignment"</h2>
                <p>{held}</p>
                {(operator.role.can_decide() && !mine).then(|| view! {
                    <form method="post" action=action>
                        <input type="hidden" name="csrf" value=csrf.to_owned()/>
                        <button type="submit">"Claim this case"</button>
                    </form>
                })}
            </section>
        }
    });
    let decision = in_review.then(|| {
        view! {
            <section aria-labelledby="h-decide">
                <h2 id="h-decide">"Decide"</h2>
                {decision_form(&id, csrf, operator.role, v.attempts_left, error.clone())}
            </section>
        }
    });
    let cancelable =
        matches!(v.status, Status::Pending | Status::InProgress) && operator.role.can_decide();
    let cancel = cancelable.then(|| {
        let action = format!("/console/verifications/{id}/cancel");
        view! {
            <section aria-labelledby="h-cancel">
                <h2 id="h-cancel">"Cancel"</h2>
                {error.clone().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <form method="post" action=action class="stack decision">
                    <input type="hidden" name="csrf" value=csrf.to_owned()/>
                    <label for="cancel-note">"Note (required: why cancel)"</label>
                    <textarea id="cancel-note" name="note" rows="3" required=true maxlength="4000"></textarea>
                    <button type="submit">"Cancel this verification"</button>
                </form>
            </section>
        }
    });
    let images = documents
        .into_iter()
        .map(|d| {
            let what = match (&d.side, &d.frame) {
                (_, Some(frame)) => format!("liveness frame {}", frame.index),
                (Some(side), None) => format!("{} ({side})", d.document_type),
                (None, None) => d.document_type.clone(),
            };
            let src = format!("/console/files/{}", d.id);
            let alt = format!("{what} of {id}");
            let is_image = d.format != "pdf";
            view! {
                <figure>
                    {if is_image {
                        let link = src.clone();
                        view! { <a href=link><img src=src alt=alt loading="lazy"/></a> }.into_any()
                    } else {
                        view! { <a href=src>"Open the PDF"</a> }.into_any()
                    }}
                    <figcaption>{what}" · sha256 "<code>{d.sha256[..12].to_owned()}</code></figcaption>
                </figure>
            }
        })
        .collect_view();
    let checks = v
        .checks
        .iter()
        .map(|c| {
            let reasons = c
                .reason_codes
                .iter()
                .map(|code| {
                    let text = kyra_checks::reasons::reason(code)
                        .map(|r| r.description)
                        .unwrap_or("");
                    view! { <li><code>{code.clone()}</code>" "{text}</li> }
                })
                .collect_view();
            let matches = c
                .matches
                .clone()
                .unwrap_or_default()
                .into_iter()
                .map(|m| {
                    view! { <li>{serde_json::to_string(&m).unwrap_or_default()}</li> }
                })
                .collect_view();
            let evidence = c
                .evidence
                .as_ref()
                .map(|e| serde_json::to_string_pretty(e).unwrap_or_default());
            view! {
                <tr>
                    <th scope="row">{c.kind.clone()}</th>
                    <td><span class=format!("status c-{}", c.status)>{c.status.clone()}</span></td>
                    <td>{c.score.map(|s| format!("{s:.3}")).unwrap_or_default()}</td>
                    <td>
                        <ul class="plain">{reasons}</ul>
                        {c.detail.clone()}
                        <ul class="plain">{matches}</ul>
                        {evidence.map(|e| view! {
                            <details><summary>"Evidence"</summary><pre>{e}</pre></details>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let timeline = events
        .into_iter()
        .map(|e| {
            let at = crate::verification::rfc3339(e.created_at);
            view! {
                <li>
                    <time datetime=at.clone()>{at.clone()}</time>" "
                    <code>{e.kind}</code>" by "{e.actor}
                </li>
            }
        })
        .collect_view();
    let review_list = reviews
        .into_iter()
        .map(|(r, note)| {
            let at = crate::verification::rfc3339(r.created_at);
            let who = r
                .operator_email
                .unwrap_or_else(|| r.operator_id.to_string());
            view! {
                <li>
                    "Attempt "{r.attempt}": "<strong>{r.outcome}</strong>" by "{who}" at "{at}
                    " "{r.reason_codes.join(", ")}
                    <blockquote>{note}</blockquote>
                </li>
            }
        })
        .collect_view();
    let consent_list = consents
        .into_iter()
        .map(|c| {
            let at = crate::verification::rfc3339(c.accepted_at);
            view! {
                <li>
                    "Consent text "<code>{c.text_version}</code>" accepted at "{at}
                    " from "{c.ip.unwrap_or_else(|| "an unknown address".into())}
                    " with "{c.user_agent.unwrap_or_else(|| "an unknown browser".into())}
                </li>
            }
        })
        .collect_view();
    let body = view! {
        {top_bar(operator, csrf, "")}
        <main id="main">
            <h1>{title.clone()}</h1>
            <p><a href=format!("/console/verifications/{id}/evidence.json") download="">"Download the evidence bundle (JSON)"</a></p>
            <dl class="summary">
                <dt>"Status"</dt>
                <dd><span class=format!("status s-{}", v.status.as_str())>{label(v.status)}</span></dd>
                <dt>"Reasons"</dt>
                <dd>{v.reason_codes.join(", ")}</dd>
                <dt>"Risk flags"</dt>
                <dd>{v.risk_flags.join(", ")}</dd>
                <dt>"Decided by"</dt>
                <dd>{decided_by}</dd>
                <dt>"Attempt"</dt>
                <dd>{v.attempt}" ("{v.attempts_left}" left)"</dd>
                <dt>"Mode"</dt>
                <dd>{v.mode.as_str()}</dd>
                <dt>"Reference"</dt>
                <dd>{v.reference_id.clone().unwrap_or_default()}</dd>
                <dt>"Flow"</dt>
                <dd>{format!("{} v{}", v.flow.id, v.flow.version)}</dd>
                <dt>"Face match"</dt>
                <dd>{v.face_match_confidence.map(|s| format!("{s:.3}")).unwrap_or_else(|| "—".into())}</dd>
            </dl>
            {claim_view}
            {decision}
            {cancel}
            <section aria-labelledby="h-applicant">
                <h2 id="h-applicant">"Applicant"</h2>
                <p>"Email: "{a.email.clone().unwrap_or_default()}</p>
                <table>
                    <thead>
                        <tr><th scope="col">"Field"</th><th scope="col">"Typed"</th><th scope="col">"Read from the MRZ"</th></tr>
                    </thead>
                    <tbody>{applicant_rows}</tbody>
                </table>
            </section>
            <section aria-labelledby="h-docs">
                <h2 id="h-docs">"Documents, selfie and liveness frames"</h2>
                <div class="gallery">{images}</div>
            </section>
            <section aria-labelledby="h-checks">
                <h2 id="h-checks">"Checks"</h2>
                <div class="table-wrap">
                <table>
                    <thead>
                        <tr><th scope="col">"Check"</th><th scope="col">"Status"</th><th scope="col">"Score"</th><th scope="col">"Findings"</th></tr>
                    </thead>
                    <tbody>{checks}</tbody>
                </table>
                </div>
            </section>
            <section aria-labelledby="h-consent">
                <h2 id="h-consent">"Consent and device"</h2>
                <ul class="plain">{consent_list}</ul>
            </section>
            <section aria-labelledby="h-reviews">
                <h2 id="h-reviews">"Reviews"</h2>
                <ul class="plain">{review_list}</ul>
            </section>
            <section aria-labelledby="h-events">
                <h2 id="h-events">"Timeline"</h2>
                <ol class="timeline">{timeline}</ol>
            </section>
        </main>
    };
    document(&title, body)
}

/// Names typed by a person against names read from an MRZ (upper case, `<` as space).
fn same_text(typed: &str, read: &str) -> bool {
    let norm = |s: &str| {
        s.split(|c: char| c.is_whitespace() || c == '<' || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_uppercase)
            .collect::<Vec<_>>()
            .join(" ")
    };
    norm(typed) == norm(read)
}
