//! Parsers for formats without a real file in shared/: hand-made fixtures in the published
//! layouts (checks/testdata/screening), plus format detection and malformed-input errors.

use kyra_checks::screening::sources::{
    parse_eu_csv, parse_eu_xml, parse_ftm_json, parse_simple_csv, parse_single, parse_uk_csv,
};
use kyra_checks::screening::{
    detect_format, BirthDate, Format, ListSource, NameKind, Schema, ScreeningIndex, SearchOptions,
    Subject, Topic,
};

fn fixture(name: &str) -> Vec<u8> {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/screening/").to_string() + name;
    std::fs::read(&p).unwrap_or_else(|e| panic!("missing fixture {p}: {e}"))
}

#[test]
fn eu_csv_groups_rows() {
    let b = fixture("eu_fsf_sample.csv");
    assert_eq!(detect_format(&b), Some(Format::EuFsfCsv));
    let l = parse_eu_csv(&b[..], "eu.csv").expect("parses");
    assert_eq!(l.meta.source, ListSource::EuFsf);
    assert_eq!(l.meta.published.as_deref(), Some("2026-02-20"));
    assert_eq!(l.entries.len(), 2);
    let s = &l.entries[0];
    assert_eq!(s.schema, Schema::Person);
    assert_eq!(s.primary_name(), "Saddam Hussein Al-Tikriti");
    assert_eq!(s.names.len(), 2);
    assert_eq!(
        s.birth_dates,
        vec![BirthDate::Exact {
            year: 1937,
            month: 4,
            day: 28
        }]
    );
    assert_eq!(s.countries, vec!["IRAQ"]);
    assert_eq!(l.entries[1].schema, Schema::Organization);
}

#[test]
fn eu_xml_matches_csv() {
    let b = fixture("eu_fsf_sample.xml");
    assert_eq!(detect_format(&b), Some(Format::EuFsfXml));
    let l = parse_eu_xml(&b[..], "eu.xml").expect("parses");
    assert_eq!(l.entries.len(), 2);
    let s = &l.entries[0];
    assert_eq!(s.id, "13");
    assert_eq!(s.names[1].kind, NameKind::WeakAka);
    assert_eq!(s.programs, vec!["TAQA"]);
    assert_eq!(s.remarks.as_deref(), Some("Hand-made fixture"));
    assert_eq!(
        l.meta.published.as_deref(),
        Some("2026-02-20T10:00:00.000+01:00")
    );
}

#[test]
fn uk_csv() {
    let b = fixture("uk_ofsi_sample.csv");
    assert_eq!(detect_format(&b), Some(Format::UkOfsiCsv));
    let l = parse_uk_csv(&b[..], "ConList.csv").expect("parses");
    assert_eq!(l.meta.published.as_deref(), Some("20/02/2026"));
    assert_eq!(l.entries.len(), 2);
    let p = &l.entries[0];
    assert_eq!(p.primary_name(), "Ivan Petrovich EXAMPLEV");
    assert!(p.names.iter().any(|n| n.kind == NameKind::OriginalScript));
    assert!(p.names.iter().any(|n| n.value == "Ivan EKZAMPLEV"));
    assert_eq!(p.birth_dates, vec![BirthDate::Year { year: 1965 }]);
    assert_eq!(l.entries[1].schema, Schema::Organization);
}

#[test]
fn opensanctions_ftm_and_simple_csv() {
    let b = fixture("opensanctions_sample.ftm.json");
    assert_eq!(detect_format(&b), Some(Format::OpenSanctionsFtm));
    let l = parse_ftm_json(&b[..], "entities.ftm.json").expect("parses");
    assert_eq!(l.entries.len(), 3, "Ownership is not a party");
    assert_eq!(l.entries[0].topic, Topic::Sanction);
    assert_eq!(l.entries[1].topic, Topic::Pep);
    assert_eq!(l.meta.counts.peps, 1);

    let c = fixture("opensanctions_targets.simple.csv");
    assert_eq!(detect_format(&c), Some(Format::OpenSanctionsCsv));
    let s = parse_simple_csv(&c[..], "targets.simple.csv").expect("parses");
    assert_eq!(s.entries.len(), 3);
    assert_eq!(s.entries[1].topic, Topic::Pep);
    assert_eq!(s.entries[0].names.len(), 3);

    // The PEP check screens PEP entries only.
    let ix = ScreeningIndex::from_lists(vec![s]);
    let opts = SearchOptions {
        topic: Some(Topic::Pep),
        ..SearchOptions::default()
    };
    let hits = ix.screen(&Subject::new("Jane Minister Example"), &opts);
    assert_eq!(hits.first().map(|h| h.entry_id.as_str()), Some("os-pep-1"));
    assert!(ix.screen(&Subject::new("Vladimir Putin"), &opts).is_empty());
    let any = ix.screen(&Subject::new("Путин Владимир"), &SearchOptions::default());
    assert_eq!(any.first().map(|h| h.entry_id.as_str()), Some("Q7747"));
}

#[test]
fn malformed_inputs_fail_with_position() {
    let e = parse_ftm_json(
        &b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n{broken\n"[..],
        "x.json",
    )
    .expect_err("bad json");
    assert!(e.to_string().contains("x.json: line 2"), "{e}");
    let e = parse_eu_csv(&b"foo;bar\n1;2\n"[..], "eu.csv").expect_err("no header");
    assert!(e.to_string().contains("eu.csv"), "{e}");
    let e = parse_uk_csv(
        &b"Last Updated,1/1/2026\nName 6,Group ID,Group Type\n,7,Individual\n"[..],
        "uk.csv",
    )
    .expect_err("nameless row");
    assert!(e.to_string().contains("uk.csv: line 3"), "{e}");
    let e = parse_eu_xml(
        &b"<export><sanctionEntity logicalId=\"1\"><nameAlias wholeName=\"A\"/></export>"[..],
        "eu.xml",
    )
    .expect_err("mismatched tags");
    assert!(e.to_string().contains("eu.xml"), "{e}");
    assert!(parse_single(Format::OfacPrimaryCsv, &b""[..], "sdn.csv").is_err());
    assert_eq!(detect_format(b"hello world"), None);
}
