/// Limits applied while inspecting an upload. The defaults fit phone photos of identity documents
/// (12–48 MP) with head-room, and refuse anything that could exhaust a small server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLimits {
    /// Maximum upload size in bytes (default 20 MiB).
    pub max_bytes: u64,
    /// Maximum `width * height` (default 50 MP).
    pub max_pixels: u64,
    /// Maximum length of either side in pixels (default 16 384).
    pub max_side: u32,
    /// Maximum memory the decoder may allocate in bytes (default 512 MiB).
    pub max_alloc: u64,
    /// JPEG quality of the sanitised copy (default 90).
    pub jpeg_quality: u8,
}

impl Default for FileLimits {
    fn default() -> Self {
        FileLimits {
            max_bytes: 20 * 1024 * 1024,
            max_pixels: 50_000_000,
            max_side: 16_384,
            max_alloc: 512 * 1024 * 1024,
            jpeg_quality: 90,
        }
    }
}
