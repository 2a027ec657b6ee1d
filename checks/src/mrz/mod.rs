//! ICAO Doc 9303 machine-readable zones: parse, verify check digits, read from pixels.
