use std::fmt;

/// The formats Kyra accepts as document or selfie uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Jpeg,
    Png,
    Webp,
    Heic,
    Pdf,
}

impl Format {
    /// MIME type of the original upload.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Webp => "image/webp",
            Format::Heic => "image/heic",
            Format::Pdf => "application/pdf",
        }
    }
}

/// What the magic bytes say a file is. Only the first five variants are accepted; the others are
/// named so the refusal (and the audit log) says what was actually uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Detected {
    Jpeg,
    Png,
    Webp,
    Heic,
    Pdf,
    Avif,
    Gif,
    Bmp,
    Tiff,
    Ico,
    Svg,
    Html,
    Xml,
    Zip,
    Gzip,
    Rar,
    SevenZip,
    /// Windows PE / DOS executable (`MZ`).
    Exe,
    Elf,
    MachO,
    /// A `#!` script.
    Script,
    Unknown,
}

impl Detected {
    /// The accepted format, if this is one.
    pub fn accepted(self) -> Option<Format> {
        match self {
            Detected::Jpeg => Some(Format::Jpeg),
            Detected::Png => Some(Format::Png),
            Detected::Webp => Some(Format::Webp),
            Detected::Heic => Some(Format::Heic),
            Detected::Pdf => Some(Format::Pdf),
            _ => None,
        }
    }
}

impl fmt::Display for Detected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            Detected::Jpeg => "JPEG",
            Detected::Png => "PNG",
            Detected::Webp => "WebP",
            Detected::Heic => "HEIC",
            Detected::Pdf => "PDF",
            Detected::Avif => "AVIF",
            Detected::Gif => "GIF",
            Detected::Bmp => "BMP",
            Detected::Tiff => "TIFF",
            Detected::Ico => "ICO",
            Detected::Svg => "SVG",
            Detected::Html => "HTML",
            Detected::Xml => "XML",
            Detected::Zip => "ZIP",
            Detected::Gzip => "gzip",
            Detected::Rar => "RAR",
            Detected::SevenZip => "7-Zip",
            Detected::Exe => "Windows executable",
            Detected::Elf => "ELF executable",
            Detected::MachO => "Mach-O executable",
            Detected::Script => "script",
            Detected::Unknown => "unknown",
        };
        f.write_str(name)
    }
}

/// Identify a file by its leading bytes only (never by name or declared type).
///
/// Markup is recognised after optional BOM/whitespace because browsers do the same, which is
/// exactly what makes an HTML file renamed `.jpg` dangerous if it were ever served back.
pub fn sniff(bytes: &[u8]) -> Detected {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        return Detected::Jpeg;
    }
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Detected::Png;
    }
    if bytes.len() >= 12 && starts(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Detected::Webp;
    }
    if let Some(kind) = sniff_iso_bmff(bytes) {
        return kind;
    }
    if starts(b"%PDF-") {
        return Detected::Pdf;
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Detected::Gif;
    }
    if starts(b"BM") && bytes.len() >= 14 {
        return Detected::Bmp;
    }
    if starts(b"II*\0") || starts(b"MM\0*") {
        return Detected::Tiff;
    }
    if starts(&[0, 0, 1, 0]) {
        return Detected::Ico;
    }
    if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
        return Detected::Zip;
    }
    if starts(&[0x1F, 0x8B]) {
        return Detected::Gzip;
    }
    if starts(b"Rar!\x1a\x07") {
        return Detected::Rar;
    }
    if starts(b"7z\xBC\xAF\x27\x1C") {
        return Detected::SevenZip;
    }
    if starts(b"MZ") {
        return Detected::Exe;
    }
    if starts(b"\x7fELF") {
        return Detected::Elf;
    }
    if starts(&[0xCF, 0xFA, 0xED, 0xFE])
        || starts(&[0xCE, 0xFA, 0xED, 0xFE])
        || starts(&[0xCA, 0xFE, 0xBA, 0xBE])
    {
        return Detected::MachO;
    }
    if starts(b"#!") {
        return Detected::Script;
    }
    sniff_markup(bytes)
}

/// HEIF family files are ISO-BMFF: `????ftyp<major brand>` followed by compatible brands.
fn sniff_iso_bmff(bytes: &[u8]) -> Option<Detected> {
    if bytes.len() < 12 || &bytes[4..8] != b"ftyp" {
        return None;
    }
    let box_len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
    let end = box_len.clamp(12, 256).min(bytes.len());
    let major = &bytes[8..12];
    // Compatible brands start after the 4-byte minor version.
    let compatible: Vec<&[u8]> = bytes.get(16..end).unwrap_or(&[]).chunks_exact(4).collect();
    let has = |brand: &[u8]| major == brand || compatible.contains(&brand);
    if has(b"avif") || has(b"avis") {
        return Some(Detected::Avif);
    }
    const HEIF: [&[u8]; 8] = [
        b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1",
    ];
    if HEIF.iter().any(|b| has(b)) {
        return Some(Detected::Heic);
    }
    None
}

fn sniff_markup(bytes: &[u8]) -> Detected {
    let head = &bytes[..bytes.len().min(1024)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let lower: Vec<u8> = head[start..].iter().map(u8::to_ascii_lowercase).collect();
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if !lower.starts_with(b"<") {
        return Detected::Unknown;
    }
    if contains(b"<svg") {
        return Detected::Svg;
    }
    if lower.starts_with(b"<!doctype html")
        || contains(b"<html")
        || contains(b"<script")
        || contains(b"<body")
        || contains(b"<head")
        || contains(b"<iframe")
    {
        return Detected::Html;
    }
    if lower.starts_with(b"<?xml") {
        return Detected::Xml;
    }
    Detected::Unknown
}
