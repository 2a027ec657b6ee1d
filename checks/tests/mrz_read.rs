//! Reading the MRZ from pixels on synthetic captures.

#[path = "../examples/gen_documents/synth.rs"]
mod synth;

use image::{DynamicImage, RgbImage};
use kyra_checks::mrz::{read, read_with, MrzError, ParseOptions};
use synth::{load_font, sample, DocKind, Variant};

#[test]
fn a_blank_photo_has_no_mrz() {
    let blank =
        DynamicImage::ImageRgb8(RgbImage::from_pixel(800, 600, image::Rgb([200, 200, 190])));
    assert_eq!(read(&blank).err(), Some(MrzError::NotFound));
}

#[test]
fn a_clean_passport_photo_reads_back_its_fields() {
    let font = load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    let s = sample(
        &font,
        DocKind::Passport,
        Variant::Clean,
        (2000, 1500),
        7_000,
    );
    let mrz = read_with(
        &DynamicImage::ImageRgb8(s.image),
        &ParseOptions {
            reference_year: 2025,
        },
    )
    .expect("MRZ found and read");
    assert!(mrz.valid_check_digits(), "{:?} vs {:?}", mrz.lines, s.lines);
    assert_eq!(mrz.lines, s.lines);
    assert_eq!(mrz.fields, s.fields);
}

/// Fields of one read compared with the truth: (correct, total, wrong while every check digit
/// held on a field a check digit protects). Optional data is protected in documents (by the
/// composite, and in TD3 by its own check digit) but not in visas; a document read as a visa
/// would carry its composite in the optional data with nothing to flag it, so the format counts
/// as protected too.
fn compare(s: &synth::Sample, mrz: &kyra_checks::mrz::Mrz) -> (usize, usize, bool) {
    let f = &mrz.fields;
    let t = &s.fields;
    let format = s.kind.format();
    let optional = f.optional_data == t.optional_data && f.optional_data_2 == t.optional_data_2;
    let protected = [
        f.document_number == t.document_number,
        f.birth_date == t.birth_date,
        f.expiry_date == t.expiry_date,
        mrz.format == format,
        optional || !format.has_composite(),
    ];
    let all = [
        f.document_number == t.document_number,
        f.birth_date == t.birth_date,
        f.expiry_date == t.expiry_date,
        f.document_type == t.document_type,
        f.issuing_state == t.issuing_state,
        f.surname == t.surname,
        f.given_names == t.given_names,
        f.nationality == t.nationality,
        f.sex == t.sex,
        optional,
    ];
    let ok = all.iter().filter(|&&b| b).count();
    let silent = mrz.valid_check_digits() && protected.iter().any(|&b| !b);
    (ok, all.len(), silent)
}

/// Phone-quality captures (clean, rotated 5–9°, perspective, JPEG q35; all with sensor noise and
/// optical blur) of every MRZ format: at least 97.5 % of the fields per format must be read
/// exactly (issue 7 asks ≥ 99 % overall; `examples/document_bench` measures it on 12 MP photos),
/// and a field protected by a check digit is never wrong when the check digits hold.
#[test]
fn every_format_reads_at_phone_quality() {
    let font = load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    let options = ParseOptions {
        reference_year: 2025,
    };
    let mut report = Vec::new();
    for (k, kind) in DocKind::ALL.into_iter().enumerate() {
        let (mut ok, mut total) = (0, 0);
        for n in 0..2u64 {
            for (v, variant) in Variant::PHONE.into_iter().enumerate() {
                let seed = 7_000 + n * 100 + v as u64 + 1_000_000 * k.saturating_sub(1) as u64;
                let s = sample(&font, kind, variant, (2000, 1500), seed);
                let image = DynamicImage::ImageRgb8(s.image.clone());
                match read_with(&image, &options) {
                    Ok(mrz) => {
                        let (good, all, silent) = compare(&s, &mrz);
                        assert!(!silent, "{kind:?}/{variant:?} seed {seed}: {:?}", mrz.lines);
                        ok += good;
                        total += all;
                    }
                    Err(_) => total += 10,
                }
            }
        }
        let share = ok as f64 / total as f64;
        report.push(format!("{kind:?} {ok}/{total}"));
        assert!(share >= 0.975, "{kind:?}: {ok}/{total} fields ({report:?})");
    }
}

/// A blurred capture is refused (quality raises `IMAGE_BLURRY`), and the reader must not hand
/// back a zone whose check digits hold but whose protected fields are wrong.
#[test]
fn blurred_zones_are_refused_rather_than_guessed() {
    let font = load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    let options = ParseOptions {
        reference_year: 2025,
    };
    for kind in DocKind::ALL {
        let s = sample(&font, kind, Variant::Blurry, (2000, 1500), 404);
        if let Ok(mrz) = read_with(&DynamicImage::ImageRgb8(s.image.clone()), &options) {
            let (_, _, silent) = compare(&s, &mrz);
            assert!(!silent, "{kind:?}: {:?} vs {:?}", mrz.lines, s.lines);
        }
    }
}

/// Clean ID cards photographed at webcam resolution (1280×720): their filler runs drop out of the
/// located bars, leaving lines of very different lengths (`OKAFOR<<MEI` under a full line 2).
/// These seeds were refused as "no machine-readable zone found" when the zone's lines had to be
/// of equal length; lines that start at the same place are now grouped too.
#[test]
fn clean_id_cards_at_webcam_resolution_are_found() {
    let font = load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    let options = ParseOptions {
        reference_year: 2025,
    };
    for seed in [90_008, 90_054, 90_068, 90_122] {
        let s = sample(&font, DocKind::IdCard, Variant::Clean, (1280, 720), seed);
        let mrz = read_with(&DynamicImage::ImageRgb8(s.image.clone()), &options)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        assert!(mrz.valid_check_digits(), "seed {seed}: {:?}", mrz.lines);
        assert_eq!(mrz.fields, s.fields, "seed {seed}");
    }
}

/// Two adjacent `0`s nearly as likely `O`s (`CN0324006` read `CN0324OO6`): each saw only the
/// other as a neighbour, the twin prior tied, and the pair (weights 7 and 3) cancels in the check
/// digit, so the wrong number was reported with valid check digits. Undecided twins no longer
/// vote for each other; the decided characters around them do.
#[test]
fn adjacent_undecided_twins_take_the_class_of_the_decided_neighbours() {
    let font = load_font().expect(
        "the OCR-B font is required (apt-get install fonts-ocr-b; `cargo xtask test` installs it)",
    );
    let s = sample(
        &font,
        DocKind::IdCard,
        Variant::Perspective,
        (1280, 720),
        7_202,
    );
    let mrz = read_with(
        &DynamicImage::ImageRgb8(s.image.clone()),
        &ParseOptions {
            reference_year: 2025,
        },
    )
    .expect("MRZ found and read");
    assert_eq!(mrz.fields.document_number, s.fields.document_number);
    assert_eq!(mrz.lines, s.lines);
}
