//! `document::check_document`: every engine on one upload, gathered into reason codes.

#[path = "../examples/gen_documents/synth.rs"]
mod synth;

use kyra_checks::document::{check_document, ApplicantData, Day, DocumentRules};
use synth::{load_font, sample, DocKind, Variant};

fn jpeg(img: &image::RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(img)
        .expect("encode");
    out
}

fn rules(today: &str) -> DocumentRules {
    DocumentRules::new(today.parse().expect("day"))
}

#[test]
fn a_text_file_is_refused_as_unsupported() {
    let report = check_document(b"name,dob\nAnna,1990-01-01\n", &rules("2025-06-01"));
    assert_eq!(report.reason_codes, vec!["UNSUPPORTED_FILE"]);
    assert_eq!(
        report.refused.as_ref().map(|r| r.code),
        Some("FILE_UNSUPPORTED")
    );
    assert!(report.quality.is_none() && report.mrz.format.is_none());
    let json = serde_json::to_value(&report).expect("json");
    assert!(json["mrz"]["format"].is_null());
}

#[test]
fn a_clean_passport_passes_and_data_rules_apply() {
    let font = load_font().expect("fonts-ocr-b is required (apt-get install fonts-ocr-b)");
    let s = sample(
        &font,
        DocKind::Passport,
        Variant::Clean,
        (2000, 1500),
        7_000,
    );
    let bytes = jpeg(&s.image);

    let report = check_document(&bytes, &rules("2025-06-01"));
    assert!(report.passed(), "{:?}", report.reason_codes);
    assert_eq!(report.mrz.fields.as_ref(), Some(&s.fields));
    assert!(report.mrz.valid_check_digits);
    assert_eq!(report.sha256.as_deref().map(str::len), Some(64));
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["mrz"]["format"], "TD3");
    let mut keys: Vec<&str> = json["mrz"]["fields"]
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    keys.sort_unstable();
    let mut want = [
        "document_type",
        "issuing_state",
        "surname",
        "given_names",
        "document_number",
        "nationality",
        "birth_date",
        "sex",
        "expiry_date",
        "optional_data",
    ];
    want.sort_unstable();
    assert_eq!(keys, want, "exactly the documented fields");
    assert!(json.get("refused").is_none());

    // Expiry and age are judged on the given day, never on the clock.
    let expiry: Day = s
        .fields
        .expiry_date
        .as_deref()
        .unwrap_or("")
        .parse()
        .expect("expiry");
    let after = Day {
        year: expiry.year + 1,
        ..expiry
    };
    let late = check_document(&bytes, &DocumentRules::new(after));
    assert!(
        late.reason_codes.contains(&"DOCUMENT_EXPIRED"),
        "{:?}",
        late.reason_codes
    );

    let birth: Day = s
        .fields
        .birth_date
        .as_deref()
        .unwrap_or("")
        .parse()
        .expect("birth");
    let mut young = rules("2025-06-01");
    young.min_age = Some(u32::try_from(birth.years_until(young.today) + 1).unwrap_or(200));
    let underage = check_document(&bytes, &young);
    assert_eq!(underage.reason_codes, vec!["UNDERAGE"]);

    let mut strict = rules("2025-06-01");
    strict.document_types = vec!["I".into()];
    assert_eq!(
        check_document(&bytes, &strict).reason_codes,
        vec!["UNSUPPORTED_DOCUMENT"]
    );

    let mut typed = rules("2025-06-01");
    typed.applicant = Some(ApplicantData {
        first_name: s
            .fields
            .given_names
            .split(' ')
            .next()
            .map(str::to_lowercase),
        last_name: Some(s.fields.surname.to_lowercase()),
        birth_date: s.fields.birth_date.clone(),
    });
    assert!(check_document(&bytes, &typed).passed());
    typed.applicant = Some(ApplicantData {
        birth_date: Some("1901-01-01".into()),
        ..ApplicantData::default()
    });
    assert_eq!(
        check_document(&bytes, &typed).reason_codes,
        vec!["DATA_MISMATCH"]
    );
}

#[test]
fn a_blurry_capture_raises_image_blurry() {
    let font = load_font().expect("fonts-ocr-b is required (apt-get install fonts-ocr-b)");
    let s = sample(&font, DocKind::IdCard, Variant::Blurry, (2000, 1500), 11);
    let report = check_document(&jpeg(&s.image), &rules("2025-06-01"));
    assert!(
        report.reason_codes.contains(&"IMAGE_BLURRY"),
        "{:?}",
        report.reason_codes
    );
}
