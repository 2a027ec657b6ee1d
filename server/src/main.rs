//! The `kyra` binary: everything is in the library (`src/lib.rs`).

fn main() -> std::process::ExitCode {
    kyra_server::main()
}
