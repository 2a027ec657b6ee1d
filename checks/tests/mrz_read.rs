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
