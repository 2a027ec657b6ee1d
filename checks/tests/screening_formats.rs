//! Parsers for formats without a real file in shared/: hand-made fixtures in the published
//! layouts (checks/testdata/screening), plus format detection and malformed-input errors.

use kyra_checks::screening::sources::{
    parse_eu_csv, parse_eu_xml, parse_ftm_json, parse_ofac_csv, parse_ofac_xml, parse_simple_csv,
    parse_single, parse_uk_csv, OfacCsvInput,
};
use kyra_checks::screening::{
    detect_format, BirthDate, Format, ListSource, NameKind, ParseError, Schema, ScreeningIndex,
    SearchOptions, Subject, Topic,
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

fn ofac_xml(bytes: &[u8]) -> Result<kyra_checks::screening::SanctionsList, ParseError> {
    parse_ofac_xml(ListSource::OfacSdn, bytes, "sdn.xml")
}

#[test]
fn ofac_xml_maps_every_part_of_an_entry() {
    let b = fixture("ofac_sdn_sample.xml");
    assert_eq!(detect_format(&b), Some(Format::OfacXml));
    assert_eq!(Format::OfacXml.cli_name(), "ofac-xml");
    let l = ofac_xml(&b).expect("parses");
    assert_eq!(l.meta.source, ListSource::OfacSdn);
    assert_eq!(l.meta.published.as_deref(), Some("02/20/2026"));
    let c = &l.meta.counts;
    assert_eq!(
        (c.entries, c.persons, c.organizations, c.vessels, c.aircraft),
        (7, 3, 2, 1, 1)
    );

    let p = &l.entries[0];
    assert_eq!(p.id, "90001");
    assert_eq!(p.schema, Schema::Person);
    assert_eq!(p.primary_name(), "AL-RASHIDI, Khalid Mahmoud");
    assert_eq!(p.programs, vec!["SDGT", "IRGC"]);
    let kinds: Vec<(NameKind, &str)> = p.names.iter().map(|n| (n.kind, n.value.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (NameKind::Primary, "AL-RASHIDI, Khalid Mahmoud"),
            (NameKind::Aka, "AL-RASHIDI, Khaled"),
            (NameKind::WeakAka, "ABU HAMZA"),
            (NameKind::Fka, "RASHIDI, Khalid M."),
        ]
    );
    assert_eq!(
        p.birth_dates,
        vec![
            BirthDate::Exact {
                year: 1968,
                month: 3,
                day: 14
            },
            BirthDate::Year { year: 1969 },
            BirthDate::Year { year: 1970 },
        ]
    );
    assert_eq!(p.countries, vec!["Jordan", "Iraq"]);
    assert_eq!(
        p.remarks.as_deref(),
        Some(
            "DOB 14 Mar 1968; alt. DOB 1969; alt. DOB circa 1970; POB Basrah, Iraq; \
             nationality Iraq; citizen Jordan; Passport A1234567 (Iraq); alt. Passport \
             B7654321 (Jordan); Gender Male; Linked To: NORTHGATE TRADING FZE."
        )
    );

    let range = &l.entries[1];
    assert_eq!(
        range.birth_dates,
        (1961..=1963)
            .map(|year| BirthDate::Year { year })
            .collect::<Vec<_>>()
    );
    let org = &l.entries[2];
    assert_eq!(org.schema, Schema::Organization);
    assert_eq!(
        org.names.iter().map(|n| n.kind).collect::<Vec<_>>(),
        vec![
            NameKind::Primary,
            NameKind::Aka,
            NameKind::Fka,
            NameKind::Nka,
            NameKind::WeakAka
        ]
    );
    assert_eq!(org.countries, vec!["United Arab Emirates"]);
    let vessel = &l.entries[3];
    assert_eq!(vessel.schema, Schema::Vessel);
    assert_eq!(vessel.countries, vec!["Malta"]);
    let aircraft = &l.entries[4];
    assert_eq!(aircraft.schema, Schema::Aircraft);
    assert_eq!(aircraft.countries, vec!["Iran"]);
    assert_eq!(
        l.entries[5].birth_dates,
        vec![BirthDate::Month {
            year: 1962,
            month: 2
        }]
    );
    assert_eq!(
        l.entries[6].primary_name(),
        "SMITH & JONES IMPORT-EXPORT LTD."
    );
    assert_eq!(l.entries[6].remarks, None);

    // The consolidated list has the same layout; only the caller knows which one it is.
    let cons =
        parse_ofac_xml(ListSource::OfacConsolidated, &b[..], "consolidated.xml").expect("parses");
    assert!(cons
        .entries
        .iter()
        .all(|e| e.source == ListSource::OfacConsolidated));

    // Screening finds the person through a reordered, re-spelled name and the vessel by alias.
    let ix = ScreeningIndex::from_lists(vec![l]);
    let hits = ix.screen(
        &Subject::new("Khaled Al Rashidi"),
        &SearchOptions::default(),
    );
    assert_eq!(hits.first().map(|h| h.entry_id.as_str()), Some("90001"));
    let hits = ix.screen(
        &Subject::new("Spirit of the Ocean"),
        &SearchOptions::default(),
    );
    assert_eq!(hits.first().map(|h| h.entry_id.as_str()), Some("90004"));
}

/// The CSV files are an export of the same records: where both formats carry a fact, the two
/// importers must produce the very same entries (names and kinds, DOBs, countries, programs,
/// remarks), so switching an installation from CSV to XML changes nothing for matching.
#[test]
fn ofac_xml_and_csv_renderings_give_equal_entries() {
    let xml = ofac_xml(&fixture("ofac_sdn_sample.xml")).expect("xml parses");
    let (sdn, alt, add, comments) = (
        fixture("ofac_sample/sdn.csv"),
        fixture("ofac_sample/alt.csv"),
        fixture("ofac_sample/add.csv"),
        fixture("ofac_sample/sdn_comments.csv"),
    );
    let csv = parse_ofac_csv(
        ListSource::OfacSdn,
        OfacCsvInput {
            primary: &sdn[..],
            alt: Some(&alt[..]),
            add: Some(&add[..]),
            comments: Some(&comments[..]),
        },
    )
    .expect("csv parses");
    assert_eq!(csv.entries.len(), xml.entries.len());
    for (c, x) in csv.entries.iter().zip(&xml.entries) {
        assert_eq!(c, x, "entry {} differs between CSV and XML", c.id);
    }
    assert_eq!(csv.meta.counts, xml.meta.counts);
}

#[test]
fn ofac_xml_malformed_inputs_fail_with_element_and_reason() {
    let good = String::from_utf8(fixture("ofac_sdn_sample.xml")).expect("utf-8");

    // Cut in the middle of the third entry: a syntax error at the open elements, no list.
    let cut = &good[..good.find("<uid>90003</uid>").expect("third entry") + 20];
    let e = ofac_xml(cut.as_bytes()).expect_err("truncated");
    let msg = e.to_string();
    assert!(matches!(e, ParseError::Malformed { .. }), "{msg}");
    assert!(
        msg.starts_with("sdn.xml: element sdnList/sdnEntry"),
        "{msg}"
    );
    assert!(msg.contains("byte"), "{msg}");
    let last_line = cut.lines().count();
    assert!(msg.contains(&format!("(line {last_line}, byte")), "{msg}");

    // A record error points at the line where its `sdnEntry` starts (the line before its uid).
    let petrova_line = good
        .lines()
        .position(|l| l.contains("<uid>90002</uid>"))
        .expect("petrova");
    let e = ofac_xml(
        good.replacen("<lastName>PETROVA</lastName>", "", 1)
            .as_bytes(),
    )
    .expect_err("no name");
    assert!(
        e.to_string()
            .contains(&format!("(line {petrova_line}, byte")),
        "{e}"
    );

    let cases = [
        (
            good.replacen("<lastName>PETROVA</lastName>", "", 1),
            "uid 90002 has no lastName",
        ),
        (
            good.replacen(
                "<sdnType>Vessel</sdnType>",
                "<sdnType>Submarine</sdnType>",
                1,
            ),
            "uid 90004: unknown sdnType \"Submarine\"",
        ),
        (
            good.replacen("<uid>90006</uid>", "<uid>9OOO6</uid>", 1),
            "uid \"9OOO6\" is not a number",
        ),
        (
            good.replacen("<uid>90007</uid>", "<uid>90001</uid>", 1),
            "duplicate uid 90001",
        ),
        (
            good.replacen("<uid>90005</uid>", "", 1),
            "sdnEntry without uid",
        ),
        (
            good.replacen("</programList>", "</programs>", 1),
            "sdnList/sdnEntry/programList",
        ),
    ];
    for (text, expected) in &cases {
        let e = ofac_xml(text.as_bytes()).expect_err(expected);
        let msg = e.to_string();
        assert!(
            msg.starts_with("sdn.xml: element sdnList/sdnEntry") && msg.contains(expected),
            "expected {expected:?} in {msg}"
        );
    }

    let e = ofac_xml(b"<sdnList><publshInformation/></sdnList>").expect_err("empty list");
    assert!(e.to_string().contains("no sdnEntry records"), "{e}");
    let e = ofac_xml(b"<CONSOLIDATED_LIST/>").expect_err("wrong root");
    assert!(e.to_string().contains("not sdnList"), "{e}");
    assert!(ofac_xml(b"").is_err());
}

#[test]
fn ofac_advanced_xml_is_refused_by_name() {
    let advanced = br#"<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DateOfIssue><Year>2026</Year><Month>2</Month><Day>20</Day></DateOfIssue>
  <ReferenceValueSets/>
</Sanctions>"#;
    assert_eq!(detect_format(advanced), Some(Format::OfacAdvancedXml));
    assert_eq!(Format::OfacAdvancedXml.cli_name(), "ofac-xml");
    let e = parse_single(Format::OfacAdvancedXml, &advanced[..], "SDN_ADVANCED.XML")
        .expect_err("refused");
    let msg = e.to_string();
    assert!(msg.contains("SDN_ADVANCED.XML"), "{msg}");
    assert!(msg.contains("SDN.XML") && msg.contains("sdn.csv"), "{msg}");
    // The same message when the XML parser is called on it directly (`--format ofac-xml`).
    let e = ofac_xml(advanced).expect_err("refused");
    assert!(matches!(e, ParseError::UnknownFormat { .. }), "{e}");
    let old_ns =
        br#"<Sanctions xmlns="http://www.un.org/sanctions/1.0"><DateOfIssue/></Sanctions>"#;
    assert_eq!(detect_format(old_ns), Some(Format::OfacAdvancedXml));
    // `parse_single` reads the classic XML as the SDN list.
    let l = parse_single(
        Format::OfacXml,
        &fixture("ofac_sdn_sample.xml")[..],
        "sdn.xml",
    )
    .expect("parses");
    assert_eq!(l.meta.source, ListSource::OfacSdn);
}
