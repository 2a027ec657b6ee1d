//! File safety: sniff the real format of an upload and decode it within limits.
//!
//! Every upload (browser or API) goes through [`inspect`] before any other check sees it. The
//! declared content type and file name are ignored on purpose: only the magic bytes decide what a
//! file is, so an HTML page or an executable renamed `photo.jpg` is refused. Images are decoded with
//! hard limits on bytes, pixel count and decoder memory; the header dimensions are checked *before*
//! any pixel is decoded, so a decompression bomb costs microseconds, not gigabytes. The stored copy
//! is a fresh JPEG re-encoded from the pixels with the EXIF orientation applied, which drops every
//! piece of metadata (GPS position, camera serial, embedded thumbnails, trailing polyglot payloads).

mod decode;
mod digest;
mod error;
mod limits;
mod sniff;

pub use decode::{inspect, SafeImage};
pub use digest::sha256_hex;
pub use error::FileError;
pub use limits::FileLimits;
pub use sniff::{sniff, Detected, Format};
