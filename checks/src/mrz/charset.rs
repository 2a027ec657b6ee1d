//! The MRZ alphabet, check digits and the OCR confusions that check digits let us undo.

/// Value of an MRZ character for the 7-3-1 check digit (Doc 9303 part 3, 4.9).
/// `None` for characters outside the MRZ alphabet.
pub fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// Check digit of `data` (weights 7, 3, 1 repeating, sum modulo 10).
pub fn check_digit(data: impl IntoIterator<Item = u8>) -> Option<u8> {
    const WEIGHTS: [u32; 3] = [7, 3, 1];
    let mut sum = 0u32;
    for (i, c) in data.into_iter().enumerate() {
        sum += value(c)? * WEIGHTS[i % 3];
    }
    Some(b'0' + (sum % 10) as u8)
}

/// Whether `c` belongs to the MRZ alphabet `0-9 A-Z <`.
pub fn is_mrz_char(c: u8) -> bool {
    value(c).is_some()
}

/// A letter read where only a digit is allowed, mapped to the digit it is usually confused with.
pub fn letter_to_digit(c: u8) -> Option<u8> {
    Some(match c {
        b'O' | b'Q' | b'D' | b'U' => b'0',
        b'I' | b'L' | b'T' => b'1',
        b'Z' => b'2',
        b'A' => b'4',
        b'S' => b'5',
        b'G' => b'6',
        b'B' => b'8',
        _ => return None,
    })
}

/// A digit read where only a letter is allowed, mapped to the letter it is usually confused with.
pub fn digit_to_letter(c: u8) -> Option<u8> {
    Some(match c {
        b'0' => b'O',
        b'1' => b'I',
        b'2' => b'Z',
        b'4' => b'A',
        b'5' => b'S',
        b'6' => b'G',
        b'8' => b'B',
        _ => return None,
    })
}
