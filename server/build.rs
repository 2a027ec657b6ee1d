//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds
//! `migrations/` at compile time, and without this cargo does not notice a new file there (a
//! local build could then run without the newest migration).

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
