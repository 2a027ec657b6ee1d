use serde::{Deserialize, Serialize};

/// The ICAO Doc 9303 MRZ layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MrzFormat {
    /// ID-1 cards: 3 lines of 30.
    #[serde(rename = "TD1")]
    Td1,
    /// ID-2 cards: 2 lines of 36.
    #[serde(rename = "TD2")]
    Td2,
    /// Passports: 2 lines of 44.
    #[serde(rename = "TD3")]
    Td3,
    /// Visa format A (passport-size label): 2 lines of 44.
    #[serde(rename = "MRVA")]
    MrvA,
    /// Visa format B (ID-2-size label): 2 lines of 36.
    #[serde(rename = "MRVB")]
    MrvB,
}

impl MrzFormat {
    pub fn lines(self) -> usize {
        match self {
            MrzFormat::Td1 => 3,
            _ => 2,
        }
    }

    pub fn line_len(self) -> usize {
        match self {
            MrzFormat::Td1 => 30,
            MrzFormat::Td2 | MrzFormat::MrvB => 36,
            MrzFormat::Td3 | MrzFormat::MrvA => 44,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "TD1",
            MrzFormat::Td2 => "TD2",
            MrzFormat::Td3 => "TD3",
            MrzFormat::MrvA => "MRVA",
            MrzFormat::MrvB => "MRVB",
        }
    }

    /// Whether the layout ends line 2 with a composite check digit (TD1, TD2, TD3); visas have
    /// none, so their optional data runs to the end of the line.
    pub fn has_composite(self) -> bool {
        !matches!(self, MrzFormat::MrvA | MrzFormat::MrvB)
    }

    /// The layout of the same shape in the other family: TD2 ↔ MRV-B, TD3 ↔ MRV-A. Only the
    /// first letter tells them apart, and only the composite check digit can confirm it.
    pub fn sibling(self) -> Option<MrzFormat> {
        match self {
            MrzFormat::Td1 => None,
            MrzFormat::Td2 => Some(MrzFormat::MrvB),
            MrzFormat::MrvB => Some(MrzFormat::Td2),
            MrzFormat::Td3 => Some(MrzFormat::MrvA),
            MrzFormat::MrvA => Some(MrzFormat::Td3),
        }
    }

    /// Pick the layout from the shape of the zone and the document code (visas start with `V`).
    /// This trusts the first letter; [`super::parse`] lets the composite check digit overrule it
    /// when that letter is not a known document code.
    pub fn detect(line_count: usize, line_len: usize, first: u8) -> Option<MrzFormat> {
        match (line_count, line_len, first) {
            (3, 30, _) => Some(MrzFormat::Td1),
            (2, 36, b'V') => Some(MrzFormat::MrvB),
            (2, 36, _) => Some(MrzFormat::Td2),
            (2, 44, b'V') => Some(MrzFormat::MrvA),
            (2, 44, _) => Some(MrzFormat::Td3),
            _ => None,
        }
    }
}
