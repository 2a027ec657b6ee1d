//! File safety: sniff the real format of an upload and decode it within limits.
