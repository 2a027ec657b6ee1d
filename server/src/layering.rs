//! The dependency rule of `server/`, checked on the source: a module may use modules of its own
//! layer or below, never above, so that the lower layers can become crates of their own.
//!
//! ```text
//! domain  ←  storage  ←  core  ←  http  ←  edge
//! ```
//!
//! - **domain** — ids, modes and secrets, the verification status model and its lifecycle, flows,
//!   branding, test-mode triggers, the liveness challenge model: no I/O.
//! - **storage** — the store (sqlx), sealing (`crypto`), the sealed file store, configuration.
//! - **core** — use cases and background jobs: the checks pipeline, screening, webhooks, expiry.
//! - **http** — the tenant API (`api`), the journey (`web`), the shared request state, probes.
//!   `api` and `web` never use each other.
//! - **edge** — `serve` (wires everything) and `cli` (uses core and storage, never http).
//!
//! Imports that break the rule today are listed in [`DEBTS`]: the list may only shrink. A new
//! upward import fails the test; a debt that was paid must be struck from the list.
#![cfg(test)]

use std::collections::BTreeSet;
use std::path::Path;

/// Layer of each top-level module (a file `x.rs` or a directory `x/`).
const LAYERS: &[(&str, u8)] = &[
    ("ids", 0),
    ("secrets", 0),
    ("verification", 0),
    ("lifecycle", 0),
    ("flow", 0),
    ("branding", 0),
    ("test_mode", 0),
    ("liveness", 0),
    ("operators", 0),
    ("qr", 0),
    ("store", 1),
    ("crypto", 1),
    ("files", 1),
    ("faces", 1),
    ("config", 1),
    ("pipeline", 2),
    ("screening", 2),
    ("webhooks", 2),
    ("expiry", 2),
    ("context", 2),
    ("review", 2),
    ("api", 3),
    ("web", 3),
    ("console", 3),
    ("state", 3),
    ("probes", 3),
    ("serve", 4),
    ("cli", 4),
    ("layering", 4),
];

/// Pairs that must never import each other, whatever their layers.
const APART: &[(&str, &str)] = &[
    ("api", "web"),
    ("web", "api"),
    ("console", "api"),
    ("console", "web"),
    ("api", "console"),
    ("web", "console"),
    ("cli", "console"),
    ("cli", "api"),
    ("cli", "web"),
    ("cli", "serve"),
    ("cli", "state"),
];

/// Known breaches, `(from, to)`, to be paid off by moving code down (issue 17). May only shrink.
const DEBTS: &[(&str, &str)] = &[
    // The verification object's OpenAPI helpers and the store's record type.
    ("verification", "api"),
    ("verification", "store"),
    // Transitions produce the store's event and record types, and seal event bodies.
    ("lifecycle", "store"),
    ("lifecycle", "crypto"),
    ("verification", "crypto"),
    // The liveness challenge model reads and writes its own rows.
    ("liveness", "store"),
    // The screening HTTP handlers still live in `screening/api.rs`.
    ("screening", "api"),
    ("screening", "state"),
    // The journey calls API handler modules for submission and uploads.
    ("web", "api"),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, l)| *l)
}

/// Every `(from, to)` top-level module pair some source file imports, from `crate::to` paths.
fn imports() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeSet::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&root).expect("under src");
            let first = relative
                .components()
                .next()
                .and_then(|c| c.as_os_str().to_str())
                .unwrap_or_default();
            let from = first.trim_end_matches(".rs").to_owned();
            if from == "lib" || from == "main" || from == "layering" {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("read source");
            for to in crate_paths(&source) {
                if to != from {
                    out.insert((from.clone(), to));
                }
            }
        }
    }
    out
}

/// The first segment of every `crate::…` path, including `use crate::{a, b::c}` groups.
fn crate_paths(source: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
        rest = after;
    }
    out
}

#[test]
fn every_module_has_a_layer() {
    let modules: BTreeSet<String> = imports().into_iter().flat_map(|(a, b)| [a, b]).collect();
    for m in modules {
        assert!(layer(&m).is_some(), "module `{m}` has no layer in LAYERS");
    }
}

#[test]
fn nothing_imports_upward() {
    let mut breaches = Vec::new();
    for (from, to) in imports() {
        let (Some(lf), Some(lt)) = (layer(&from), layer(&to)) else {
            continue;
        };
        let apart = APART.contains(&(from.as_str(), to.as_str()));
        if (lt > lf || apart) && !DEBTS.contains(&(from.as_str(), to.as_str())) {
            breaches.push(format!("{from} → {to}"));
        }
    }
    assert!(
        breaches.is_empty(),
        "upward imports (see docs/architecture.md, *Layers*): {breaches:?}"
    );
}

#[test]
fn paid_debts_are_struck_from_the_list() {
    let all = imports();
    for (from, to) in DEBTS {
        assert!(
            all.contains(&((*from).to_owned(), (*to).to_owned())),
            "`{from} → {to}` no longer happens: remove it from DEBTS"
        );
    }
}

#[test]
fn crate_paths_are_read_from_groups_and_paths() {
    let found = crate_paths("use crate::{ids::X, store};\nlet a = crate::api::f();");
    assert_eq!(
        found.into_iter().collect::<Vec<_>>(),
        ["api", "ids", "store"]
    );
}
