//! Kyra's integration tests, as one test binary: the real `kyra` binary on a random loopback
//! port, over real HTTP, against a real SQLite file and a fresh PostgreSQL database
//! (`common`). One binary links the server's test dependencies once instead of once per file.
//!
//! Run one area with a filter, e.g. `cargo test -p kyra-server --test it webhooks::`; the
//! benchmarks are ignored tests: `cargo test -p kyra-server --test it pipeline_bench -- --ignored`.

#[macro_use]
mod common;
#[path = "../../../checks/examples/gen_documents/synth.rs"]
mod synth;

mod api;
mod audit;
mod cli;
mod console;
mod console_bench;
mod docs_examples;
mod documents;
mod embedding;
mod face;
mod idempotency;
mod journey;
mod lifecycle;
mod liveness;
mod openapi;
mod pipeline;
mod pipeline_bench;
mod screening;
mod webhooks;
mod webhooks_bench;
