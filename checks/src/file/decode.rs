use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

use super::digest::sha256_hex;
use super::error::FileError;
use super::limits::FileLimits;
use super::sniff::{sniff, Format};

/// A decoded upload that passed every safety check.
#[derive(Debug, Clone)]
pub struct SafeImage {
    /// The real format of the original bytes.
    pub format: Format,
    /// SHA-256 (hex) of the original bytes as received.
    pub sha256: String,
    /// Size of the original upload.
    pub original_len: u64,
    /// EXIF orientation tag found in the original (1 when absent); already applied to `image`.
    pub exif_orientation: u16,
    /// Whether the original carried EXIF metadata (now removed).
    pub had_exif: bool,
    /// Upright pixels (RGB8), ready for the quality, MRZ and face checks.
    pub image: DynamicImage,
    /// The sanitised copy to store: a baseline JPEG without any metadata.
    pub sanitized_jpeg: Vec<u8>,
}

impl SafeImage {
    pub fn width(&self) -> u32 {
        self.image.width()
    }
    pub fn height(&self) -> u32 {
        self.image.height()
    }
}

/// Check, decode and sanitise an upload.
///
/// Order matters for cost: size and magic bytes first (free), then the container structure
/// (truncation), then the header dimensions, and only then the pixel decode — so hostile inputs
/// are refused before any large allocation.
pub fn inspect(bytes: &[u8], limits: &FileLimits) -> Result<SafeImage, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    let actual = bytes.len() as u64;
    if actual > limits.max_bytes {
        return Err(FileError::TooLarge {
            limit: limits.max_bytes,
            actual,
        });
    }
    let detected = sniff(bytes);
    let format = detected
        .accepted()
        .ok_or(FileError::Unsupported { detected })?;
    let image_format = match format {
        Format::Jpeg => ImageFormat::Jpeg,
        Format::Png => ImageFormat::Png,
        Format::Webp => ImageFormat::WebP,
        Format::Heic => return Err(FileError::HeicNotDecodable),
        Format::Pdf => return Err(FileError::PdfNotRenderable),
    };
    check_complete(format, bytes)?;

    let mut reader = ImageReader::with_format(Cursor::new(bytes), image_format);
    let mut decoder_limits = Limits::default();
    decoder_limits.max_alloc = Some(limits.max_alloc);
    reader.limits(decoder_limits);
    let decoder = reader
        .into_decoder()
        .map_err(|e| map_image_error(e, limits))?;
    let (width, height) = decoder.dimensions();
    check_dimensions(width, height, limits)?;
    // The decoded buffer plus the upright RGB working copy and its rotation: refuse up front
    // rather than trusting every codec to honour `max_alloc` itself.
    let working = u64::from(width) * u64::from(height) * 3 * 2;
    if decoder.total_bytes().saturating_add(working) > limits.max_alloc {
        return Err(FileError::MemoryLimit {
            limit: limits.max_alloc,
        });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| map_image_error(e, limits))?;

    let (had_exif, exif_orientation) = read_orientation(bytes);
    if let Some(orientation) = u8::try_from(exif_orientation)
        .ok()
        .and_then(Orientation::from_exif)
    {
        image.apply_orientation(orientation);
    }
    let image = DynamicImage::ImageRgb8(image.into_rgb8());

    let mut sanitized_jpeg = Vec::with_capacity(bytes.len());
    JpegEncoder::new_with_quality(&mut sanitized_jpeg, limits.jpeg_quality.clamp(1, 100))
        .encode_image(&image)
        .map_err(|e| FileError::EncodeFailed(e.to_string()))?;

    Ok(SafeImage {
        format,
        sha256: sha256_hex(bytes),
        original_len: actual,
        exif_orientation,
        had_exif,
        image,
        sanitized_jpeg,
    })
}

fn check_dimensions(width: u32, height: u32, limits: &FileLimits) -> Result<(), FileError> {
    let pixels = u64::from(width) * u64::from(height);
    if pixels > limits.max_pixels {
        return Err(FileError::TooManyPixels {
            width,
            height,
            limit: limits.max_pixels,
        });
    }
    let side = width.max(height);
    if side > limits.max_side {
        return Err(FileError::DimensionTooLarge {
            limit: limits.max_side,
            actual: side,
        });
    }
    if width == 0 || height == 0 {
        return Err(FileError::DecodeFailed("zero-sized image".into()));
    }
    Ok(())
}

fn map_image_error(err: ImageError, limits: &FileLimits) -> FileError {
    match err {
        ImageError::Limits(_) => FileError::MemoryLimit {
            limit: limits.max_alloc,
        },
        ImageError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            FileError::Truncated
        }
        other => {
            let text = other.to_string();
            if text.contains("end of file") || text.contains("EOF") || text.contains("truncated") {
                FileError::Truncated
            } else {
                FileError::DecodeFailed(text)
            }
        }
    }
}

/// `(had_exif, orientation)`; orientation is 1 when absent or out of range.
fn read_orientation(bytes: &[u8]) -> (bool, u16) {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(bytes)) else {
        return (false, 1);
    };
    let orientation = exif
        .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u16::try_from(v).ok())
        .filter(|v| (1..=8).contains(v))
        .unwrap_or(1);
    (true, orientation)
}

/// Walk the container structure and refuse files that end before the image data does. Decoders
/// are often lenient (a truncated JPEG decodes to a grey bottom half), which would let a damaged
/// photo reach the document checks and fail there with a misleading reason.
fn check_complete(format: Format, bytes: &[u8]) -> Result<(), FileError> {
    let complete = match format {
        Format::Jpeg => jpeg_complete(bytes),
        Format::Png => png_complete(bytes),
        Format::Webp => webp_complete(bytes),
        Format::Heic | Format::Pdf => true,
    };
    if complete {
        Ok(())
    } else {
        Err(FileError::Truncated)
    }
}

fn jpeg_complete(bytes: &[u8]) -> bool {
    let mut i = 2usize;
    loop {
        // Find the next marker (skip fill bytes 0xFF).
        if i + 1 >= bytes.len() || bytes[i] != 0xFF {
            return false;
        }
        let mut marker = bytes[i + 1];
        while marker == 0xFF {
            i += 1;
            match bytes.get(i + 1) {
                Some(&m) => marker = m,
                None => return false,
            }
        }
        i += 2;
        match marker {
            0xD9 => return true,
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(len) = bytes
            .get(i..i + 2)
            .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        else {
            return false;
        };
        if len < 2 || i + len > bytes.len() {
            return false;
        }
        i += len;
        if marker == 0xDA {
            // Entropy-coded data: runs until a marker other than a stuffed 0x00 or a restart.
            loop {
                let Some(pos) = bytes[i..].iter().position(|&b| b == 0xFF) else {
                    return false;
                };
                i += pos;
                match bytes.get(i + 1) {
                    None => return false,
                    Some(0x00) | Some(0xD0..=0xD7) | Some(0xFF) => i += 1,
                    Some(_) => break,
                }
            }
        }
    }
}

fn png_complete(bytes: &[u8]) -> bool {
    let mut i = 8usize;
    while let Some(head) = bytes.get(i..i + 8) {
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let end = i.saturating_add(12).saturating_add(len);
        if end > bytes.len() {
            return false;
        }
        if &head[4..8] == b"IEND" {
            return true;
        }
        i = end;
    }
    false
}

fn webp_complete(bytes: &[u8]) -> bool {
    let Some(size) = bytes.get(4..8) else {
        return false;
    };
    let riff_len = u32::from_le_bytes([size[0], size[1], size[2], size[3]]) as usize;
    bytes.len() >= riff_len.saturating_add(8) && riff_len >= 12
}
