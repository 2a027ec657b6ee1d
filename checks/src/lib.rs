//! Kyra's verification engines.
//!
//! Everything in this crate is pure: it takes bytes or values and returns values. It never opens a
//! file, a socket or a database, so every engine can be unit- and property-tested in isolation and
//! reused from the server, the CLI and benchmarks alike.

pub mod decision;
pub mod document;
pub mod face;
pub mod file;
pub mod mrz;
pub mod quality;
pub mod reasons;
pub mod screening;
