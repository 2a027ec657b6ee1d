use super::sniff::Detected;

/// Why an upload was refused. Every variant maps to a stable machine code via [`FileError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Zero bytes were uploaded.
    #[error("the file is empty")]
    Empty,
    /// More bytes than the configured limit.
    #[error("the file is {actual} bytes, the limit is {limit}")]
    TooLarge { limit: u64, actual: u64 },
    /// The magic bytes name a format Kyra does not accept (or none at all).
    #[error("unsupported file type: {detected}")]
    Unsupported { detected: Detected },
    /// The file starts like a supported format but ends before the image data does.
    #[error("the file is truncated")]
    Truncated,
    /// The header claims more pixels than allowed: refused before decoding (decompression bomb).
    #[error("the image is {width}x{height} pixels, the limit is {limit} pixels")]
    TooManyPixels { width: u32, height: u32, limit: u64 },
    /// One side is longer than allowed (even if the pixel count would fit).
    #[error("the image side {actual} px exceeds the limit of {limit} px")]
    DimensionTooLarge { limit: u32, actual: u32 },
    /// The decoder would need more memory than allowed.
    #[error("decoding would need more than {limit} bytes of memory")]
    MemoryLimit { limit: u64 },
    /// HEIC/HEIF was recognised, but no pure-Rust HEVC decoder is available to this build.
    #[error("HEIC images cannot be decoded here; please upload a JPEG or PNG")]
    HeicNotDecodable,
    /// PDF was recognised, but this build has no PDF renderer to turn the first page into pixels.
    #[error("PDF documents cannot be rendered here; please upload a photo (JPEG or PNG)")]
    PdfNotRenderable,
    /// The bytes are malformed for their format.
    #[error("the image could not be decoded: {0}")]
    DecodeFailed(String),
    /// Re-encoding the sanitised copy failed (should not happen for a decoded image).
    #[error("the sanitised copy could not be encoded: {0}")]
    EncodeFailed(String),
}

impl FileError {
    /// Stable reason code for API responses, check records and logs.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Empty => "FILE_EMPTY",
            FileError::TooLarge { .. } => "FILE_TOO_LARGE",
            FileError::Unsupported { .. } => "FILE_UNSUPPORTED",
            FileError::Truncated => "FILE_TRUNCATED",
            FileError::TooManyPixels { .. }
            | FileError::DimensionTooLarge { .. }
            | FileError::MemoryLimit { .. } => "FILE_TOO_MANY_PIXELS",
            FileError::HeicNotDecodable => "FILE_HEIC_UNSUPPORTED",
            FileError::PdfNotRenderable => "FILE_PDF_UNSUPPORTED",
            FileError::DecodeFailed(_) | FileError::EncodeFailed(_) => "FILE_CORRUPT",
        }
    }
}
