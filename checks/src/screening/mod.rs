//! Sanctions and PEP screening: list parsing, name normalization, candidate index, scoring.
