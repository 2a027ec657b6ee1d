//! Synthetic identity documents for tests and benchmarks: a TD3 passport data page, a TD1 ID card,
//! a TD2 card, or an MRV-A / MRV-B visa label, with a portrait, printed fields and a correct OCR-B
//! MRZ, photographed on a table and then degraded the way phone captures go wrong. Everything is
//! deterministic from a seed.
//!
//! Shared by `examples/gen_documents` (writes images + ground truth JSON), the quality and MRZ
//! tests and the benchmark, via `#[path]` includes. The font is Debian's `fonts-ocr-b`.
#![allow(dead_code, clippy::too_many_arguments, clippy::needless_range_loop)]

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use image::{Rgb, RgbImage};
use kyra_checks::mrz::{compose, MrzFields, MrzFormat, Sex};

pub const OCRB_PATH: &str = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";

/// Load OCR-B, or `None` (with a hint on stderr) when the Debian package is not installed.
pub fn load_font() -> Option<FontVec> {
    match std::fs::read(OCRB_PATH) {
        Ok(bytes) => FontVec::try_from_vec(bytes).ok(),
        Err(_) => {
            eprintln!("OCR-B font missing: apt-get install -y fonts-ocr-b ({OCRB_PATH})");
            None
        }
    }
}

/// xorshift64*: small, deterministic, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chars(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(alphabet[self.below(alphabet.len())]))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// TD3 passport data page.
    Passport,
    /// TD1 (ID-1) identity card.
    IdCard,
    /// TD2 (ID-2) identity card.
    Td2Card,
    /// MRV-A visa label on a passport page.
    VisaA,
    /// MRV-B visa label (ID-2 size).
    VisaB,
}

impl DocKind {
    /// Every kind, one per MRZ format.
    pub const ALL: [DocKind; 5] = [
        DocKind::Passport,
        DocKind::IdCard,
        DocKind::Td2Card,
        DocKind::VisaA,
        DocKind::VisaB,
    ];

    /// Physical size in millimetres (ICAO TD3 / MRV-A page, ID-1 card, ID-2 card / MRV-B label).
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            DocKind::Passport | DocKind::VisaA => (125.0, 88.0),
            DocKind::IdCard => (85.6, 54.0),
            DocKind::Td2Card | DocKind::VisaB => (105.0, 74.0),
        }
    }
    pub fn format(self) -> MrzFormat {
        match self {
            DocKind::Passport => MrzFormat::Td3,
            DocKind::IdCard => MrzFormat::Td1,
            DocKind::Td2Card => MrzFormat::Td2,
            DocKind::VisaA => MrzFormat::MrvA,
            DocKind::VisaB => MrzFormat::MrvB,
        }
    }
    /// A large page (portrait and field layout of a passport) or a small card.
    fn large(self) -> bool {
        matches!(self, DocKind::Passport | DocKind::VisaA)
    }
}

/// How a capture is degraded, and which quality reason codes it must raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variant {
    Clean,
    Rotated,
    Perspective,
    LowJpeg,
    Blurry,
    Glare,
    LowLight,
    Far,
    NoDocument,
    LowResolution,
}

impl Variant {
    pub const ALL: [Variant; 10] = [
        Variant::Clean,
        Variant::Rotated,
        Variant::Perspective,
        Variant::LowJpeg,
        Variant::Blurry,
        Variant::Glare,
        Variant::LowLight,
        Variant::Far,
        Variant::NoDocument,
        Variant::LowResolution,
    ];
    /// Captures a phone user would plausibly submit and that should pass quality.
    pub const PHONE: [Variant; 4] = [
        Variant::Clean,
        Variant::Rotated,
        Variant::Perspective,
        Variant::LowJpeg,
    ];
    pub fn expected_issue(self) -> Option<&'static str> {
        match self {
            Variant::Clean | Variant::Rotated | Variant::Perspective | Variant::LowJpeg => None,
            Variant::Blurry => Some("IMAGE_BLURRY"),
            Variant::Glare => Some("GLARE"),
            Variant::LowLight => Some("TOO_DARK"),
            Variant::Far | Variant::NoDocument => Some("DOCUMENT_NOT_FOUND"),
            Variant::LowResolution => Some("LOW_RESOLUTION"),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Variant::Clean => "clean",
            Variant::Rotated => "rotated",
            Variant::Perspective => "perspective",
            Variant::LowJpeg => "low_jpeg",
            Variant::Blurry => "blurry",
            Variant::Glare => "glare",
            Variant::LowLight => "low_light",
            Variant::Far => "far",
            Variant::NoDocument => "no_document",
            Variant::LowResolution => "low_resolution",
        }
    }
}

pub struct Sample {
    pub kind: DocKind,
    pub variant: Variant,
    pub fields: MrzFields,
    pub lines: Vec<String>,
    pub image: RgbImage,
}

const SURNAMES: &[&str] = &[
    "ERIKSSON",
    "MUELLER",
    "GARCIA",
    "NGUYEN",
    "OKAFOR",
    "DUBOIS",
    "ROSSI",
    "KOWALSKI",
    "SILVA",
    "YAMAMOTO",
    "OBRIEN",
    "VAN DER BERG",
    "HASSAN",
    "IVANOVA",
    "SCHMIDT",
    "LEE",
];
const GIVEN: &[&str] = &[
    "ANNA MARIA",
    "JOHN",
    "MARIE CLAIRE",
    "AHMED",
    "LUCIA",
    "PIOTR",
    "CHIDI",
    "YUKI",
    "JEAN PAUL",
    "SOFIA",
    "OLIVER",
    "FATIMA ZAHRA",
    "LIAM",
    "MEI",
];
const STATES: &[&str] = &[
    "UTO", "D", "FRA", "NLD", "GBR", "ITA", "ESP", "POL", "SWE", "CAN",
];

pub fn random_fields(rng: &mut Rng, kind: DocKind) -> MrzFields {
    let state = rng.pick(STATES).to_string();
    let digits = b"0123456789";
    let alnum = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let number = format!(
        "{}{}",
        rng.chars(b"ABCDEFGHJKLMNPRSTUVWXYZ", 2),
        rng.chars(digits, 7)
    );
    let y = 1940 + rng.below(66) as i32;
    let birth = format!("{y:04}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let e = 2026 + rng.below(10) as i32;
    let expiry = format!("{e:04}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let sex = if rng.below(2) == 0 {
        Sex::Female
    } else {
        Sex::Male
    };
    let (n1, n2) = (rng.below(10), rng.below(8));
    let (document_type, optional_data, optional_data_2) = match kind {
        DocKind::Passport => ("P".to_string(), rng.chars(alnum, n1), String::new()),
        DocKind::IdCard => (
            "ID".to_string(),
            rng.chars(digits, n1.min(5)),
            rng.chars(alnum, n2),
        ),
        DocKind::Td2Card => ("I".to_string(), rng.chars(alnum, n1.min(7)), String::new()),
        DocKind::VisaA => ("V".to_string(), rng.chars(alnum, n1), String::new()),
        DocKind::VisaB => ("VC".to_string(), rng.chars(alnum, n1.min(8)), String::new()),
    };
    MrzFields {
        document_type,
        issuing_state: state.clone(),
        surname: rng.pick(SURNAMES).to_string(),
        given_names: rng.pick(GIVEN).to_string(),
        document_number: number,
        nationality: state,
        birth_date: Some(birth),
        sex: Some(sex),
        expiry_date: Some(expiry),
        optional_data,
        optional_data_2,
    }
}

fn blend(img: &mut RgbImage, x: i64, y: i64, color: [u8; 3], alpha: f32) {
    if x < 0 || y < 0 || x >= i64::from(img.width()) || y >= i64::from(img.height()) {
        return;
    }
    let p = img.get_pixel_mut(x as u32, y as u32);
    for c in 0..3 {
        let v = f32::from(p[c]) * (1.0 - alpha) + f32::from(color[c]) * alpha;
        p[c] = v.round().clamp(0.0, 255.0) as u8;
    }
}

/// Draw `text` with its pen starting at `x` on baseline `y`; monospaced at `pitch` if given.
pub fn draw_text(
    img: &mut RgbImage,
    font: &FontVec,
    text: &str,
    x: f32,
    y: f32,
    size: f32,
    pitch: Option<f32>,
    color: [u8; 3],
) {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut pen = x;
    for ch in text.chars() {
        let id = font.glyph_id(ch);
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(pen, y));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                blend(
                    img,
                    b.min.x as i64 + i64::from(gx),
                    b.min.y as i64 + i64::from(gy),
                    color,
                    cov.min(1.0),
                );
            });
        }
        pen += pitch.unwrap_or_else(|| scaled.h_advance(id));
    }
}

/// Font size (px) at which OCR-B advances exactly `pitch` px per character.
pub fn size_for_pitch(font: &FontVec, pitch: f32) -> f32 {
    let probe = font
        .as_scaled(PxScale::from(100.0))
        .h_advance(font.glyph_id('0'));
    100.0 * pitch / probe
}

/// Render the flat document at `ppm` pixels per millimetre.
pub fn render_document(
    font: &FontVec,
    kind: DocKind,
    fields: &MrzFields,
    lines: &[String],
    ppm: f64,
    rng: &mut Rng,
) -> RgbImage {
    let (wmm, hmm) = kind.size_mm();
    let (w, h) = ((wmm * ppm) as u32, (hmm * ppm) as u32);
    let paper: [u8; 3] = match kind {
        DocKind::Passport => [236, 230, 214],
        DocKind::IdCard => [222, 233, 240],
        DocKind::Td2Card => [232, 236, 222],
        DocKind::VisaA | DocKind::VisaB => [238, 226, 228],
    };
    let tint: [u8; 3] = match kind {
        DocKind::Passport => [200, 180, 205],
        DocKind::IdCard => [170, 200, 215],
        DocKind::Td2Card => [190, 210, 170],
        DocKind::VisaA | DocKind::VisaB => [215, 175, 185],
    };
    let phase = rng.range(0.0, std::f64::consts::TAU);
    let mut img = RgbImage::from_fn(w, h, |x, y| {
        // Faint guilloche-like waves: printed background security pattern.
        let (xf, yf) = (f64::from(x) / ppm, f64::from(y) / ppm);
        let wave = ((xf * 0.9 + (yf * 0.35 + phase).sin() * 3.0).sin() * (yf * 0.8).cos()).abs();
        let t = if wave > 0.96 { 0.35 } else { 0.0 };
        let c = |i: usize| (f64::from(paper[i]) * (1.0 - t) + f64::from(tint[i]) * t) as u8;
        Rgb([c(0), c(1), c(2)])
    });
    let mm = |v: f64| (v * ppm) as f32;
    let dark = [35, 35, 45];
    let label = [90, 80, 100];
    // Header.
    let title = match kind {
        DocKind::Passport => "PASSPORT  PASSEPORT",
        DocKind::IdCard | DocKind::Td2Card => "IDENTITY CARD",
        DocKind::VisaA | DocKind::VisaB => "VISA",
    };
    draw_text(
        &mut img,
        font,
        title,
        mm(6.0),
        mm(8.0),
        mm(4.0),
        None,
        [60, 40, 90],
    );
    draw_text(
        &mut img,
        font,
        &fields.issuing_state,
        mm(wmm - 20.0),
        mm(8.0),
        mm(4.0),
        None,
        [60, 40, 90],
    );
    // Portrait.
    let (px, py, pw, ph) = match kind {
        DocKind::Passport | DocKind::VisaA => (6.0, 14.0, 32.0, 42.0),
        DocKind::IdCard => (4.0, 9.5, 20.0, 25.0),
        DocKind::Td2Card | DocKind::VisaB => (5.0, 12.0, 26.0, 32.0),
    };
    let skin = [
        200 - rng.below(80) as u8,
        160 - rng.below(60) as u8,
        130 - rng.below(50) as u8,
    ];
    let hair = [
        40 + rng.below(80) as u8,
        30 + rng.below(40) as u8,
        20 + rng.below(30) as u8,
    ];
    for y in mm(py) as u32..mm(py + ph) as u32 {
        for x in mm(px) as u32..mm(px + pw) as u32 {
            let u = (f64::from(x) / ppm - px) / pw;
            let v = (f64::from(y) / ppm - py) / ph;
            let head = ((u - 0.5) / 0.28).powi(2) + ((v - 0.42) / 0.3).powi(2);
            let hair_cap = ((u - 0.5) / 0.31).powi(2) + ((v - 0.35) / 0.3).powi(2);
            let shoulders =
                v > 0.78 && ((u - 0.5) / 0.55).powi(2) + ((v - 1.05) / 0.3).powi(2) < 1.0;
            let color = if head < 1.0 {
                skin
            } else if hair_cap < 1.0 && v < 0.45 {
                hair
            } else if shoulders {
                [50, 60, 90]
            } else {
                [190, 200, 210]
            };
            img.put_pixel(x, y, Rgb(color));
        }
    }
    // Printed fields.
    let fx = px + pw + 5.0;
    let rows: Vec<(&str, String)> = vec![
        ("Surname", fields.surname.clone()),
        ("Given names", fields.given_names.clone()),
        ("Nationality", fields.nationality.clone()),
        (
            "Date of birth",
            fields.birth_date.clone().unwrap_or_default(),
        ),
        (
            "Sex",
            match fields.sex {
                Some(Sex::Female) => "F".into(),
                Some(Sex::Male) => "M".into(),
                _ => "X".into(),
            },
        ),
        ("Document no.", fields.document_number.clone()),
        (
            "Date of expiry",
            fields.expiry_date.clone().unwrap_or_default(),
        ),
    ];
    let (row_h, label_size, value_size) = if kind.large() {
        (6.2, 1.8, 2.8)
    } else if kind == DocKind::IdCard {
        (3.3, 1.1, 1.8)
    } else {
        (4.4, 1.4, 2.2)
    };
    for (i, (l, v)) in rows.iter().enumerate() {
        let y = py + 2.0 + i as f64 * row_h;
        draw_text(
            &mut img,
            font,
            l,
            mm(fx),
            mm(y),
            mm(label_size),
            None,
            label,
        );
        draw_text(
            &mut img,
            font,
            v,
            mm(fx),
            mm(y + value_size + 0.4),
            mm(value_size),
            None,
            dark,
        );
    }
    // MRZ: 10 characters per inch, baselines from the bottom edge.
    let pitch = mm(2.54);
    let size = size_for_pitch(font, pitch);
    let left = mm((wmm - 2.54 * lines[0].len() as f64) / 2.0);
    let baselines: &[f64] = match kind {
        DocKind::IdCard => &[hmm - 13.0, hmm - 8.6, hmm - 4.2],
        _ => &[hmm - 9.0, hmm - 4.2],
    };
    for (line, base) in lines.iter().zip(baselines) {
        draw_text(
            &mut img,
            font,
            line,
            left,
            mm(*base),
            size,
            Some(pitch),
            [20, 20, 25],
        );
    }
    img
}

/// Solve the 8 homography unknowns mapping `from[i]` to `to[i]`.
fn homography(from: [(f64, f64); 4], to: [(f64, f64); 4]) -> [f64; 9] {
    let mut a = [[0f64; 9]; 8];
    for i in 0..4 {
        let ((x, y), (u, v)) = (from[i], to[i]);
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for col in 0..8 {
        let pivot = (col..8)
            .max_by(|&r1, &r2| a[r1][col].abs().total_cmp(&a[r2][col].abs()))
            .unwrap_or(col);
        a.swap(col, pivot);
        for r in 0..8 {
            if r != col {
                let f = a[r][col] / a[col][col];
                for c in col..9 {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
    }
    let mut h = [0f64; 9];
    for i in 0..8 {
        h[i] = a[i][8] / a[i][i];
    }
    h[8] = 1.0;
    h
}

fn table_background(w: u32, h: u32, rng: &mut Rng) -> RgbImage {
    let base = [
        rng.range(70.0, 110.0),
        rng.range(55.0, 85.0),
        rng.range(40.0, 65.0),
    ];
    let grid = 9usize;
    let noise: Vec<f64> = (0..grid * grid).map(|_| rng.range(-18.0, 18.0)).collect();
    RgbImage::from_fn(w, h, |x, y| {
        let gx = f64::from(x) / f64::from(w) * (grid - 1) as f64;
        let gy = f64::from(y) / f64::from(h) * (grid - 1) as f64;
        let (ix, iy) = (gx.floor() as usize, gy.floor() as usize);
        let (fx, fy) = (gx - ix as f64, gy - iy as f64);
        let at = |i: usize, j: usize| noise[(j.min(grid - 1)) * grid + i.min(grid - 1)];
        let n = at(ix, iy) * (1.0 - fx) * (1.0 - fy)
            + at(ix + 1, iy) * fx * (1.0 - fy)
            + at(ix, iy + 1) * (1.0 - fx) * fy
            + at(ix + 1, iy + 1) * fx * fy;
        let grain = ((f64::from(y) * 0.05 + (f64::from(x) * 0.002).sin() * 8.0).sin()) * 6.0;
        Rgb([0, 1, 2].map(|c| (base[c] + n + grain).clamp(0.0, 255.0) as u8))
    })
}

/// Place `doc` into a `w`×`h` photo through the quad `corners` (TL, TR, BR, BL).
fn place(scene: &mut RgbImage, doc: &RgbImage, corners: [(f64, f64); 4]) {
    let (dw, dh) = (f64::from(doc.width()), f64::from(doc.height()));
    let inv = homography(corners, [(0.0, 0.0), (dw, 0.0), (dw, dh), (0.0, dh)]);
    let xs = corners.map(|c| c.0);
    let ys = corners.map(|c| c.1);
    let x0 = xs.iter().copied().fold(f64::MAX, f64::min).max(0.0) as u32;
    let x1 = (xs.iter().copied().fold(f64::MIN, f64::max).ceil() as u32).min(scene.width());
    let y0 = ys.iter().copied().fold(f64::MAX, f64::min).max(0.0) as u32;
    let y1 = (ys.iter().copied().fold(f64::MIN, f64::max).ceil() as u32).min(scene.height());
    for y in y0..y1 {
        for x in x0..x1 {
            let (xf, yf) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            let d = inv[6] * xf + inv[7] * yf + inv[8];
            let u = (inv[0] * xf + inv[1] * yf + inv[2]) / d - 0.5;
            let v = (inv[3] * xf + inv[4] * yf + inv[5]) / d - 0.5;
            if u < 0.0 || v < 0.0 || u > dw - 1.0 || v > dh - 1.0 {
                continue;
            }
            let (iu, iv) = (u as u32, v as u32);
            let (fu, fv) = (u - f64::from(iu), v - f64::from(iv));
            let (iu1, iv1) = (
                (iu + 1).min(doc.width() - 1),
                (iv + 1).min(doc.height() - 1),
            );
            let p = |a: u32, b: u32, c: usize| f64::from(doc.get_pixel(a, b)[c]);
            let px = [0, 1, 2].map(|c| {
                (p(iu, iv, c) * (1.0 - fu) * (1.0 - fv)
                    + p(iu1, iv, c) * fu * (1.0 - fv)
                    + p(iu, iv1, c) * (1.0 - fu) * fv
                    + p(iu1, iv1, c) * fu * fv) as u8
            });
            scene.put_pixel(x, y, Rgb(px));
        }
    }
}

fn box_blur(img: &mut RgbImage, r: u32) {
    let (w, h) = img.dimensions();
    for _ in 0..3 {
        for horizontal in [true, false] {
            let src = img.clone();
            let (len, lines) = if horizontal { (w, h) } else { (h, w) };
            for line in 0..lines {
                let get = |i: i64| {
                    let i = i.clamp(0, i64::from(len) - 1) as u32;
                    if horizontal {
                        *src.get_pixel(i, line)
                    } else {
                        *src.get_pixel(line, i)
                    }
                };
                let mut acc = [0i64; 3];
                for i in -(i64::from(r))..=i64::from(r) {
                    let p = get(i);
                    for c in 0..3 {
                        acc[c] += i64::from(p[c]);
                    }
                }
                let n = 2 * i64::from(r) + 1;
                for i in 0..i64::from(len) {
                    let px = Rgb(acc.map(|a| (a / n) as u8));
                    if horizontal {
                        img.put_pixel(i as u32, line, px)
                    } else {
                        img.put_pixel(line, i as u32, px)
                    }
                    let (add, sub) = (get(i + i64::from(r) + 1), get(i - i64::from(r)));
                    for c in 0..3 {
                        acc[c] += i64::from(add[c]) - i64::from(sub[c]);
                    }
                }
            }
        }
    }
}

fn jpeg_round_trip(img: &RgbImage, quality: u8) -> RgbImage {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality)
        .encode_image(img)
        .expect("encode");
    image::load_from_memory(&bytes).expect("decode").into_rgb8()
}

/// Generate one capture of `kind` with `variant` in a `w`×`h` photo.
pub fn sample(
    font: &FontVec,
    kind: DocKind,
    variant: Variant,
    (w, h): (u32, u32),
    seed: u64,
) -> Sample {
    let mut rng = Rng::new(seed);
    let fields = random_fields(&mut rng, kind);
    let lines = compose(kind.format(), &fields);
    let (w, h) = if variant == Variant::LowResolution {
        (w / 4, h / 4)
    } else {
        (w, h)
    };
    let mut scene = table_background(w, h, &mut rng);
    let mut glare_at = None;
    if variant != Variant::NoDocument {
        let (wmm, hmm) = kind.size_mm();
        let fill = match variant {
            Variant::Far => 0.28,
            _ => rng.range(0.72, 0.85),
        };
        let doc_w = f64::from(w) * fill;
        let ppm = (doc_w / wmm).min(f64::from(h) * 0.9 / hmm);
        let doc = render_document(font, kind, &fields, &lines, ppm, &mut rng);
        let (dw, dh) = (f64::from(doc.width()), f64::from(doc.height()));
        let angle = match variant {
            Variant::Rotated => rng.range(5.0, 9.0) * if rng.below(2) == 0 { 1.0 } else { -1.0 },
            _ => rng.range(-2.0, 2.0),
        }
        .to_radians();
        let (cx, cy) = (
            f64::from(w) / 2.0 + rng.range(-0.04, 0.04) * f64::from(w),
            f64::from(h) / 2.0 + rng.range(-0.04, 0.04) * f64::from(h),
        );
        let mut corners = [
            (-dw / 2.0, -dh / 2.0),
            (dw / 2.0, -dh / 2.0),
            (dw / 2.0, dh / 2.0),
            (-dw / 2.0, dh / 2.0),
        ]
        .map(|(x, y)| {
            (
                cx + x * angle.cos() - y * angle.sin(),
                cy + x * angle.sin() + y * angle.cos(),
            )
        });
        if variant == Variant::Perspective {
            // Camera tilted: the far edge shrinks.
            let k = rng.range(0.05, 0.08) * dw;
            corners[0].0 += k;
            corners[1].0 -= k;
            for c in corners.iter_mut() {
                c.0 += rng.range(-0.01, 0.01) * dw;
                c.1 += rng.range(-0.01, 0.01) * dh;
            }
        }
        place(&mut scene, &doc, corners);
        if variant == Variant::Glare {
            glare_at = Some((
                cx + rng.range(-0.2, 0.2) * dw,
                cy + rng.range(-0.2, 0.1) * dh,
                0.12 * dw,
            ));
        }
    }
    // Sensor noise, exposure and optics.
    let light = if variant == Variant::LowLight {
        rng.range(0.18, 0.24)
    } else {
        rng.range(0.95, 1.05)
    };
    let noise_amp = if variant == Variant::LowLight {
        6.0
    } else {
        3.0
    };
    for p in scene.pixels_mut() {
        for c in 0..3 {
            let n = rng.range(-noise_amp, noise_amp);
            p[c] = (f64::from(p[c]) * light + n).clamp(0.0, 255.0) as u8;
        }
    }
    if let Some((gx, gy, sigma)) = glare_at {
        // Specular reflection: saturates the sensor, so it comes after exposure.
        for (x, y, p) in scene.enumerate_pixels_mut() {
            let d2 = (f64::from(x) - gx).powi(2) + (f64::from(y) - gy).powi(2);
            let t = (1.8 * (-d2 / (2.0 * sigma * sigma)).exp()).min(1.0);
            for c in 0..3 {
                p[c] = (f64::from(p[c]) + (255.0 - f64::from(p[c])) * t) as u8;
            }
        }
    }
    if variant == Variant::Blurry {
        box_blur(&mut scene, (w / 320).max(2));
    } else if w >= 2000 {
        box_blur(&mut scene, 1); // phone optics are never perfectly sharp
    }
    let quality = if variant == Variant::LowJpeg { 35 } else { 88 };
    let image = jpeg_round_trip(&scene, quality);
    Sample {
        kind,
        variant,
        fields,
        lines,
        image,
    }
}

/// The MRZ alphabet, in template order.
pub const MRZ_GLYPHS: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
/// Template height: the cap height in template pixels.
pub const TEMPLATE_H: usize = 32;

/// Rasterise each MRZ character into its cell (pen position to advance, cap top to baseline),
/// supersampled 8× and box-averaged, as ink coverage 0–255. Returns (width, pitch/cap ratio,
/// templates).
pub fn templates(font: &FontVec) -> (usize, f32, Vec<Vec<u8>>) {
    let size = 400.0;
    let scaled = font.as_scaled(PxScale::from(size));
    let cap = font
        .outline_glyph(
            font.glyph_id('H')
                .with_scale_and_position(PxScale::from(size), ab_glyph::point(0.0, size)),
        )
        .map_or(size * 0.7, |g| size - g.px_bounds().min.y);
    let advance = scaled.h_advance(font.glyph_id('0'));
    let ratio = advance / cap;
    let tw = (TEMPLATE_H as f32 * ratio).round() as usize;
    let mut out = Vec::new();
    for ch in MRZ_GLYPHS.chars() {
        let (hw, hh) = (tw * 8, TEMPLATE_H * 8);
        let s = size * hh as f32 / cap;
        let mut hi = vec![0f32; hw * hh];
        let glyph = font
            .glyph_id(ch)
            .with_scale_and_position(PxScale::from(s), ab_glyph::point(0.0, hh as f32));
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                let x = b.min.x as i64 + i64::from(gx);
                let y = b.min.y as i64 + i64::from(gy);
                if x >= 0 && y >= 0 && (x as usize) < hw && (y as usize) < hh {
                    hi[y as usize * hw + x as usize] = cov.min(1.0);
                }
            });
        }
        let mut t = vec![0u8; tw * TEMPLATE_H];
        for y in 0..TEMPLATE_H {
            for x in 0..tw {
                let mut sum = 0f32;
                for dy in 0..8 {
                    for dx in 0..8 {
                        sum += hi[(y * 8 + dy) * hw + x * 8 + dx];
                    }
                }
                t[y * tw + x] = (sum / 64.0 * 255.0).round() as u8;
            }
        }
        out.push(t);
    }
    (tw, ratio, out)
}

/// Rust source for `checks/src/mrz/ocrb.rs`.
pub fn templates_source(font: &FontVec) -> String {
    let (tw, ratio, glyphs) = templates(font);
    let mut s = String::new();
    s.push_str("//! OCR-B character templates for the MRZ reader. Generated by\n");
    s.push_str("//! `cargo run -p kyra-checks --example gen_documents -- --templates`; do not edit.\n//!\n");
    s.push_str(
        "//! Rasterised from Debian's `fonts-ocr-b` (OCRB.otf). Licence of the font: the OCR-B\n",
    );
    s.push_str(
        "//! outlines are by Norbert Schwarz (\"you may freely use, modify and/or distribute\",\n",
    );
    s.push_str(
        "//! permissive), packaged by Matthew Skala (public domain). Each template is the ink\n",
    );
    s.push_str(
        "//! coverage (0-255) of one character cell: pen position to advance width, cap top to\n",
    );
    s.push_str("//! baseline, row-major, hex encoded.\n\n");
    s.push_str(&format!(
        "pub(super) const W: usize = {tw};\npub(super) const H: usize = {TEMPLATE_H};\n"
    ));
    s.push_str(&format!("/// Character pitch (advance) divided by cap height.\npub(super) const PITCH_PER_CAP: f32 = {ratio:.4};\n"));
    s.push_str(&format!(
        "pub(super) const GLYPHS: &[u8; {}] = b\"{MRZ_GLYPHS}\";\n",
        MRZ_GLYPHS.len()
    ));
    s.push_str(&format!(
        "pub(super) const INK_HEX: [&str; {}] = [\n",
        glyphs.len()
    ));
    for g in glyphs {
        let hex: String = g.iter().map(|b| format!("{b:02x}")).collect();
        s.push_str(&format!("    \"{hex}\",\n"));
    }
    s.push_str("];\n");
    s
}
