//! Loading of the real list files in `shared/data/sanctions` for tests, the evaluation and the
//! benchmark. Missing data is a hard failure: a screening test that silently skips is worse than
//! none.
#![allow(dead_code)]

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use kyra_checks::screening::sources::{parse_ofac_csv, parse_un_xml, OfacCsvInput};
use kyra_checks::screening::{ListSource, SanctionsList};

pub fn data_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/data/sanctions"
    ))
}

fn open(rel: &str) -> BufReader<File> {
    let p = data_dir().join(rel);
    let f = File::open(&p).unwrap_or_else(|e| {
        panic!(
            "sanctions test data missing: {} ({e}); shared/ must sit beside the repository",
            p.display()
        )
    });
    BufReader::new(f)
}

/// Loads an OFAC CSV set from a directory with the given file prefixes.
pub fn ofac(dir: &str, source: ListSource, names: [&str; 4]) -> SanctionsList {
    let exists = |n: &str| data_dir().join(dir).join(n).exists();
    let input = OfacCsvInput {
        primary: open(&format!("{dir}/{}", names[0])),
        alt: Some(open(&format!("{dir}/{}", names[1]))),
        add: Some(open(&format!("{dir}/{}", names[2]))),
        comments: exists(names[3]).then(|| open(&format!("{dir}/{}", names[3]))),
    };
    parse_ofac_csv(source, input).unwrap_or_else(|e| panic!("{dir}: {e}"))
}

pub fn ofac_sdn(set: &str) -> SanctionsList {
    ofac(
        &format!("ofac_sdn/{set}"),
        ListSource::OfacSdn,
        ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"],
    )
}

pub fn ofac_cons() -> SanctionsList {
    ofac(
        "ofac_cons",
        ListSource::OfacConsolidated,
        [
            "cons_prim.csv",
            "cons_alt.csv",
            "cons_add.csv",
            "cons_comments.csv",
        ],
    )
}

pub fn un(file: &str) -> SanctionsList {
    parse_un_xml(open(&format!("un_sc/{file}")), file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

pub fn un_2026() -> SanctionsList {
    un("UN_consolidated.xml")
}
