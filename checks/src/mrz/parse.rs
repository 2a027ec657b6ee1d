//! Text MRZ → fields, with check-digit verification and confusion repair.

use serde::{Deserialize, Serialize};

use super::charset::{check_digit, digit_to_letter, is_mrz_char, letter_to_digit};
use super::date::{birth_year, current_year, expiry_year, format_date};
use super::error::MrzError;
use super::format::MrzFormat;
use super::layout::{layout, Cell, CheckedField, Group, Kind, Layout};

/// Sex as printed in the MRZ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "M")]
    Male,
    #[serde(rename = "F")]
    Female,
    /// `X` or `<`.
    #[serde(rename = "X")]
    Unspecified,
}

/// The parsed fields, in the shape of the `kyra checks document --json` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MrzFields {
    pub document_type: String,
    pub issuing_state: String,
    pub surname: String,
    pub given_names: String,
    pub document_number: String,
    pub nationality: String,
    /// `YYYY-MM-DD`; `None` when unknown (`<<<<<<`) or not a calendar date.
    pub birth_date: Option<String>,
    pub sex: Option<Sex>,
    /// `YYYY-MM-DD`; `None` when unknown or not a calendar date.
    pub expiry_date: Option<String>,
    /// Optional data (TD3 personal number; TD1 line 1 after any document-number overflow).
    pub optional_data: String,
    /// TD1 line 2 optional data. Left out of the JSON when empty (always, outside TD1), so the
    /// `kyra checks document --json` fields keep the documented shape.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub optional_data_2: String,
}

/// Result of one check digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckDigit {
    pub field: CheckedField,
    pub valid: bool,
}

/// One character changed by repair, with where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub line: usize,
    pub column: usize,
    pub from: char,
    pub to: char,
}

/// A parsed machine-readable zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mrz {
    pub format: MrzFormat,
    /// The lines after repair.
    pub lines: Vec<String>,
    pub fields: MrzFields,
    pub check_digits: Vec<CheckDigit>,
    pub corrections: Vec<Correction>,
}

impl Mrz {
    /// Every check digit (including the composite) matches.
    pub fn valid_check_digits(&self) -> bool {
        self.check_digits.iter().all(|c| c.valid)
    }

    /// `MRZ_CHECKSUM` when a check digit fails; empty otherwise.
    pub fn reason_codes(&self) -> Vec<&'static str> {
        if self.valid_check_digits() {
            Vec::new()
        } else {
            vec!["MRZ_CHECKSUM"]
        }
    }
}

/// Options for [`parse_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The year two-digit dates are interpreted against (birth dates are never in the future,
    /// expiry dates at most 50 years ahead). Defaults to the current UTC year.
    pub reference_year: i32,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            reference_year: current_year(),
        }
    }
}

/// Parse MRZ lines (2×44, 2×36 or 3×30). Lower case is folded, surrounding whitespace trimmed,
/// and inner spaces read as `<`.
pub fn parse<S: AsRef<str>>(lines: &[S]) -> Result<Mrz, MrzError> {
    parse_with(lines, &ParseOptions::default())
}

/// [`parse`] with explicit options.
pub fn parse_with<S: AsRef<str>>(lines: &[S], options: &ParseOptions) -> Result<Mrz, MrzError> {
    let grid = to_grid(lines)?;
    parse_grid(grid, &[], options)
}

fn to_grid<S: AsRef<str>>(lines: &[S]) -> Result<Vec<Vec<u8>>, MrzError> {
    let mut grid = Vec::with_capacity(lines.len());
    for (l, line) in lines.iter().enumerate() {
        let mut row = Vec::new();
        for (c, ch) in line.as_ref().trim().chars().enumerate() {
            let up = ch.to_ascii_uppercase();
            let byte = if up == ' ' {
                b'<'
            } else {
                u8::try_from(up).unwrap_or(0)
            };
            if !is_mrz_char(byte) {
                return Err(MrzError::InvalidCharacter {
                    line: l,
                    column: c,
                    found: ch,
                });
            }
            row.push(byte);
        }
        grid.push(row);
    }
    Ok(grid)
}

/// Parse a character grid. `alternatives[line][column]` lists other plausible readings of a cell
/// from the OCR; they are only used to repair a group whose check digit fails.
///
/// Two-line zones come in two families of the same shape: documents (TD2, TD3) end line 2 with a
/// composite check digit, visas (MRV-B, MRV-A) use those cells for optional data. Only the first
/// letter tells them apart. Read as a visa, a document's composite (and TD3's optional-data check
/// digit) lands inside the optional data, and since visas have no composite nothing flags it: the
/// zone would be reported as read with a wrong `optional_data` (`"7DSLN 0"` for `7DSLN`). So the
/// first letter decides only when it is a known document code and the OCR saw no code of the
/// other family there; otherwise the composite check digit decides (see [`decide_family`]).
pub(crate) fn parse_grid(
    grid: Vec<Vec<u8>>,
    alternatives: &[Vec<Vec<(u8, f32)>>],
    options: &ParseOptions,
) -> Result<Mrz, MrzError> {
    let lengths: Vec<usize> = grid.iter().map(Vec::len).collect();
    let same_len = lengths.windows(2).all(|w| w[0] == w[1]);
    let first = grid.first().and_then(|r| r.first()).copied();
    let format = match (same_len, lengths.first(), first) {
        (true, Some(&len), Some(first)) => MrzFormat::detect(grid.len(), len, first),
        _ => None,
    }
    .ok_or_else(|| MrzError::UnknownLayout {
        lines: grid.len(),
        lengths: lengths.clone(),
    })?;
    match format.sibling() {
        Some(sibling) if !first_letter_decides(first, alternatives) => {
            decide_family(grid, format, sibling, alternatives, options)
        }
        _ => parse_as(grid, format, alternatives, options),
    }
}

/// Family of a document code letter: `Some(true)` for a visa, `Some(false)` for a document,
/// `None` for a letter that is no ICAO document code (a misread).
fn visa_letter(c: u8) -> Option<bool> {
    match c {
        b'V' => Some(true),
        b'P' | b'I' | b'A' | b'C' => Some(false),
        _ => None,
    }
}

/// The first letter is trusted when it is a document code and none of the OCR's alternative
/// readings of that cell is a code of the other family.
fn first_letter_decides(first: Option<u8>, alternatives: &[Vec<Vec<(u8, f32)>>]) -> bool {
    let Some(visa) = first.and_then(visa_letter) else {
        return false;
    };
    let alts = alternatives
        .first()
        .and_then(|row| row.first())
        .map_or(&[][..], Vec::as_slice);
    alts.iter().all(|&(c, _)| visa_letter(c) != Some(!visa))
}

/// The first letter cannot decide between a document (`TD2`/`TD3`) and a visa
/// (`MRV-B`/`MRV-A`): read the zone as a document first, and keep that reading when its check
/// digits, composite included, hold. Otherwise it is a visa only if the visa reading holds and
/// line 2 ends in a filler, which no composite check digit can be. Anything else stays a document
/// whose failing composite is reported: folding a composite that does not verify into a visa's
/// optional data would report a misread as read.
fn decide_family(
    grid: Vec<Vec<u8>>,
    format: MrzFormat,
    sibling: MrzFormat,
    alternatives: &[Vec<Vec<(u8, f32)>>],
    options: &ParseOptions,
) -> Result<Mrz, MrzError> {
    let (document, visa) = if format.has_composite() {
        (format, sibling)
    } else {
        (sibling, format)
    };
    let ends_in_filler = grid.get(1).and_then(|r| r.last()) == Some(&b'<');
    let as_document = parse_as(grid.clone(), document, alternatives, options)?;
    if as_document.valid_check_digits() {
        return Ok(with_family_letter(as_document, alternatives));
    }
    if ends_in_filler {
        let as_visa = parse_as(grid, visa, alternatives, options)?;
        if as_visa.valid_check_digits() {
            return Ok(with_family_letter(as_visa, alternatives));
        }
    }
    Ok(as_document)
}

/// Once the check digits have confirmed the family, a first letter of the other family (or no
/// document code at all) is a misread: take the OCR's most likely alternative of the confirmed
/// family, if it offered one.
fn with_family_letter(mut mrz: Mrz, alternatives: &[Vec<Vec<(u8, f32)>>]) -> Mrz {
    let visa = !mrz.format.has_composite();
    let Some(line) = mrz.lines.first_mut() else {
        return mrz;
    };
    let Some(first) = line.bytes().next() else {
        return mrz;
    };
    if visa_letter(first) == Some(visa) {
        return mrz;
    }
    let best = alternatives
        .first()
        .and_then(|row| row.first())
        .into_iter()
        .flatten()
        .filter(|&&(c, _)| visa_letter(c) == Some(visa))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some(&(to, _)) = best {
        line.replace_range(..1, &char::from(to).to_string());
        mrz.fields.document_type = clean(line.get(..2).unwrap_or_default());
        mrz.corrections.push(Correction {
            line: 0,
            column: 0,
            from: char::from(first),
            to: char::from(to),
        });
    }
    mrz
}

/// Parse `grid` in a known layout.
fn parse_as(
    mut grid: Vec<Vec<u8>>,
    format: MrzFormat,
    alternatives: &[Vec<Vec<(u8, f32)>>],
    options: &ParseOptions,
) -> Result<Mrz, MrzError> {
    let mut lay = layout(format, &grid);
    for g in &lay.groups {
        lay.kinds[g.check.0][g.check.1] = Kind::Check;
    }
    let mut corrections = Vec::new();
    normalize_kinds(&mut grid, &lay, &mut corrections);
    if !alternatives.is_empty() {
        repair_with_alternatives(&mut grid, &lay, alternatives, &mut corrections);
    }

    let check_digits = lay
        .groups
        .iter()
        .map(|g| CheckDigit {
            field: g.field,
            valid: group_ok(&grid, &lay, g),
        })
        .collect();
    let fields = extract(&grid, &lay, options);
    let lines = grid
        .iter()
        .map(|r| String::from_utf8_lossy(r).into_owned())
        .collect();
    Ok(Mrz {
        format,
        lines,
        fields,
        check_digits,
        corrections,
    })
}

/// A character that cannot belong to its cell's kind is replaced by its usual OCR twin (`O`→`0`
/// in dates and check digits, `0`→`O` in names and codes). This is unambiguous, so it is always
/// safe; the check digit then confirms or refutes the result.
fn normalize_kinds(grid: &mut [Vec<u8>], lay: &Layout, corrections: &mut Vec<Correction>) {
    for (l, row) in grid.iter_mut().enumerate() {
        for (c, ch) in row.iter_mut().enumerate() {
            let fixed = match lay.kinds[l][c] {
                Kind::Numeric | Kind::Check if ch.is_ascii_uppercase() => letter_to_digit(*ch),
                Kind::Alpha if ch.is_ascii_digit() => digit_to_letter(*ch),
                _ => None,
            };
            if let Some(to) = fixed {
                corrections.push(Correction {
                    line: l,
                    column: c,
                    from: char::from(*ch),
                    to: char::from(to),
                });
                *ch = to;
            }
        }
    }
}

fn cell_valid(kind: Kind, ch: u8) -> bool {
    match kind {
        Kind::Alpha => ch.is_ascii_uppercase() || ch == b'<',
        Kind::Numeric => ch.is_ascii_digit() || ch == b'<',
        Kind::AlphaNum => is_mrz_char(ch),
        Kind::Sex => matches!(ch, b'M' | b'F' | b'X' | b'<'),
        Kind::Check => ch.is_ascii_digit() || ch == b'<',
    }
}

/// A check group holds when every data cell is valid for its kind (dates: all digits or all
/// `<`), and the check digit matches the 7-3-1 sum.
fn group_ok(grid: &[Vec<u8>], lay: &Layout, g: &Group) -> bool {
    let at = |(l, c): Cell| grid[l][c];
    if !g
        .data
        .iter()
        .all(|&(l, c)| cell_valid(lay.kinds[l][c], grid[l][c]))
    {
        return false;
    }
    if g.date {
        let digits = g
            .data
            .iter()
            .filter(|&&cell| at(cell).is_ascii_digit())
            .count();
        if digits != 0 && digits != g.data.len() {
            return false;
        }
    }
    let check = at(g.check);
    if check == b'<' {
        return g.filler_ok && g.data.iter().all(|&cell| at(cell) == b'<');
    }
    check.is_ascii_digit() && check_digit(g.data.iter().map(|&cell| at(cell))) == Some(check)
}

/// Try the OCR's alternative readings on the cells of each failing group, one or two changes at
/// a time. Among the combinations that satisfy the check digit (and the composite, when it can
/// arbitrate), the one the OCR found most likely (smallest total score drop) is applied — but only
/// when it is clearly more likely than the runner-up, so check digits never pick between readings
/// the OCR could not tell apart.
fn repair_with_alternatives(
    grid: &mut [Vec<u8>],
    lay: &Layout,
    alternatives: &[Vec<Vec<(u8, f32)>>],
    corrections: &mut Vec<Correction>,
) {
    let composite = lay
        .groups
        .iter()
        .find(|g| g.field == CheckedField::Composite);
    let mut protected: Vec<Cell> = Vec::new();
    for g in lay
        .groups
        .iter()
        .filter(|g| g.field != CheckedField::Composite)
    {
        if !group_ok(grid, lay, g) {
            let mut cells = g.data.clone();
            cells.push(g.check);
            repair_group(grid, lay, g, &cells, composite, alternatives, corrections);
        }
        if group_ok(grid, lay, g) {
            protected.extend(g.data.iter().copied());
            protected.push(g.check);
        }
    }
    if let Some(comp) = composite {
        if !group_ok(grid, lay, comp) {
            let mut cells: Vec<Cell> = comp
                .data
                .iter()
                .copied()
                .filter(|c| !protected.contains(c))
                .collect();
            cells.push(comp.check);
            repair_group(grid, lay, comp, &cells, None, alternatives, corrections);
        }
    }
}

/// Minimum cost advantage of the chosen repair over the next candidate.
const REPAIR_MARGIN: f32 = 0.005;
/// Cost of each changed character on top of the OCR's score drop: one misread is more likely
/// than two, and with a handful of alternatives per cell some pair satisfies a mod-10 check
/// digit by chance.
const CHANGE_PENALTY: f32 = 0.03;

fn repair_group(
    grid: &mut [Vec<u8>],
    lay: &Layout,
    g: &Group,
    cells: &[Cell],
    tie_break: Option<&Group>,
    alternatives: &[Vec<Vec<(u8, f32)>>],
    corrections: &mut Vec<Correction>,
) {
    let options: Vec<(Cell, u8, f32)> = cells
        .iter()
        .flat_map(|&(l, c)| {
            let kind = lay.kinds[l][c];
            let current = grid[l][c];
            alternatives
                .get(l)
                .and_then(|r| r.get(c))
                .into_iter()
                .flatten()
                .copied()
                .filter(move |&(a, _)| a != current && cell_valid(kind, a))
                .take(4)
                .map(move |(a, cost)| ((l, c), a, cost))
        })
        .collect();
    let mut solutions: Vec<(f32, Vec<(Cell, u8)>)> = Vec::new();
    for &(cell, a, cost) in &options {
        if try_changes(grid, lay, g, &[(cell, a)]) {
            solutions.push((cost + CHANGE_PENALTY, vec![(cell, a)]));
        }
    }
    if options.len() <= 40 {
        for (i, &(ca, a, cost_a)) in options.iter().enumerate() {
            for &(cb, b, cost_b) in &options[i + 1..] {
                if ca != cb && try_changes(grid, lay, g, &[(ca, a), (cb, b)]) {
                    solutions.push((
                        cost_a + cost_b + 2.0 * CHANGE_PENALTY,
                        vec![(ca, a), (cb, b)],
                    ));
                }
            }
        }
    }
    if let Some(comp) = tie_break {
        if solutions.iter().any(|s| try_changes(grid, lay, comp, &s.1)) {
            solutions.retain(|s| try_changes(grid, lay, comp, &s.1));
        }
    }
    solutions.sort_by(|a, b| a.0.total_cmp(&b.0));
    let chosen = match solutions.as_slice() {
        [only] => Some(only),
        [first, second, ..] if second.0 - first.0 > REPAIR_MARGIN => Some(first),
        _ => None,
    };
    if let Some((_, changes)) = chosen {
        for &((l, c), to) in changes {
            corrections.push(Correction {
                line: l,
                column: c,
                from: char::from(grid[l][c]),
                to: char::from(to),
            });
            grid[l][c] = to;
        }
    }
}

fn try_changes(grid: &mut [Vec<u8>], lay: &Layout, g: &Group, changes: &[(Cell, u8)]) -> bool {
    let saved: Vec<u8> = changes.iter().map(|&((l, c), _)| grid[l][c]).collect();
    for &((l, c), to) in changes {
        grid[l][c] = to;
    }
    let ok = group_ok(grid, lay, g);
    for (&((l, c), _), &old) in changes.iter().zip(&saved) {
        grid[l][c] = old;
    }
    ok
}

fn text(grid: &[Vec<u8>], cells: &[Cell]) -> String {
    cells.iter().map(|&(l, c)| char::from(grid[l][c])).collect()
}

/// Fillers become spaces, runs collapse, ends are trimmed.
fn clean(s: &str) -> String {
    s.split('<')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn extract(grid: &[Vec<u8>], lay: &Layout, options: &ParseOptions) -> MrzFields {
    let name = text(grid, &lay.name);
    let (surname, given) = match name.find("<<") {
        Some(i) => (&name[..i], &name[i + 2..]),
        None => (name.as_str(), ""),
    };
    let date = |cells: &[Cell], birth: bool| {
        let raw = text(grid, cells);
        let yy: i32 = raw.get(0..2)?.parse().ok()?;
        let year = if birth {
            birth_year(yy, options.reference_year)
        } else {
            expiry_year(yy, options.reference_year)
        };
        format_date(
            year,
            raw.get(2..4)?.parse().ok()?,
            raw.get(4..6)?.parse().ok()?,
        )
    };
    MrzFields {
        document_type: clean(&text(grid, &lay.document_type)),
        issuing_state: clean(&text(grid, &lay.issuing_state)),
        surname: clean(surname),
        given_names: clean(given),
        document_number: clean(&text(grid, &lay.document_number)),
        nationality: clean(&text(grid, &lay.nationality)),
        birth_date: date(&lay.birth_date, true),
        sex: match grid[lay.sex.0][lay.sex.1] {
            b'M' => Some(Sex::Male),
            b'F' => Some(Sex::Female),
            b'X' | b'<' => Some(Sex::Unspecified),
            _ => None,
        },
        expiry_date: date(&lay.expiry_date, false),
        optional_data: clean(&text(grid, &lay.optional_data)),
        optional_data_2: clean(&text(grid, &lay.optional_data_2)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECIMENS: [&[&str]; 5] = [
        &[
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ],
        &[
            "I<UTOD231458907<<<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        ],
        &[
            "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "D231458907UTO7408122F1204159<<<<<<<6",
        ],
        &[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        ],
        &[
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "L8988901C4XXX4009078F9612109<<<<<<<<",
        ],
    ];
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<";
    const OPTS: ParseOptions = ParseOptions {
        reference_year: 2025,
    };

    /// Every single-character corruption of every cell a check digit protects, in every format,
    /// as the pixel reader would present it: the misread character first, the true one among
    /// its alternatives, and every other cell carrying its OCR-B twin as a decoy. The result
    /// must be the original zone, or a failing check digit — never valid check digits on other
    /// fields.
    #[test]
    fn every_single_misread_of_a_checked_cell_is_repaired_or_flagged() {
        let mut repaired = 0;
        let mut flagged = 0;
        for lines in SPECIMENS {
            let grid = to_grid(lines).expect("specimen");
            let original = parse_grid(grid.clone(), &[], &OPTS).expect("specimen parses");
            assert!(original.valid_check_digits(), "{lines:?}");
            let lay = layout(original.format, &grid);
            let mut checked: Vec<Cell> = Vec::new();
            for g in &lay.groups {
                checked.extend(g.data.iter().copied());
                checked.push(g.check);
            }
            checked.sort_unstable();
            checked.dedup();
            for &(l, c) in &checked {
                for &wrong in ALPHABET {
                    let truth = grid[l][c];
                    if wrong == truth {
                        continue;
                    }
                    let mut corrupted = grid.clone();
                    corrupted[l][c] = wrong;
                    let alternatives: Vec<Vec<Vec<(u8, f32)>>> = corrupted
                        .iter()
                        .enumerate()
                        .map(|(li, row)| {
                            row.iter()
                                .enumerate()
                                .map(|(ci, &ch)| {
                                    if (li, ci) == (l, c) {
                                        vec![(truth, 0.02)]
                                    } else {
                                        twin_of(ch).map(|t| vec![(t, 0.05)]).unwrap_or_default()
                                    }
                                })
                                .collect()
                        })
                        .collect();
                    let m = parse_grid(corrupted, &alternatives, &OPTS).expect("same shape");
                    // Values equal modulo 10 (`L`↔`1`, `<`↔`A`) are invisible to the 7-3-1 sum by
                    // design of the standard: nothing to repair, and nothing any reader can see.
                    let invisible = value(wrong) % 10 == value(truth) % 10;
                    if m.valid_check_digits() && !invisible {
                        assert_eq!(
                            m.fields,
                            original.fields,
                            "{lines:?}: ({l},{c}) {} -> {}",
                            char::from(truth),
                            char::from(wrong)
                        );
                        repaired += 1;
                    } else {
                        flagged += 1;
                    }
                }
            }
        }
        // The true reading is the cheapest repair, so nearly every misread is repaired.
        assert!(
            repaired > 10 * flagged,
            "{repaired} repaired, {flagged} flagged"
        );
    }

    /// Alternatives with only the first cell offering `alts`.
    fn first_cell_alternatives(grid: &[Vec<u8>], alts: &[(u8, f32)]) -> Vec<Vec<Vec<(u8, f32)>>> {
        let mut all: Vec<Vec<Vec<(u8, f32)>>> =
            grid.iter().map(|row| vec![Vec::new(); row.len()]).collect();
        all[0][0] = alts.to_vec();
        all
    }

    /// The reader saw `V` first with `I` close behind on a TD2 whose composite holds: it is a TD2
    /// (the letter corrected to `I`), and its optional data ends before the composite. Read as an
    /// MRV-B it would be reported valid with optional data `"7DSLN 4"`.
    #[test]
    fn a_td2_read_with_a_leading_v_is_decided_by_its_composite() {
        let td2 = [
            "I<UTOERIKSSON<<ANNA<<<<<<<<<<<<<<<<<",
            "D231458907UTO7408122F30041577DSLN<<4",
        ];
        let mut grid = to_grid(&td2).expect("grid");
        grid[0][0] = b'V';
        let alternatives = first_cell_alternatives(&grid, &[(b'I', 0.04)]);
        let m = parse_grid(grid.clone(), &alternatives, &OPTS).expect("parses");
        assert_eq!(m.format, MrzFormat::Td2);
        assert!(m.valid_check_digits(), "{:?}", m.check_digits);
        assert_eq!(m.fields.optional_data, "7DSLN");
        assert_eq!(m.fields.document_type, "I");
        assert_eq!(m.lines[0], td2[0]);
        assert!(m
            .corrections
            .iter()
            .any(|c| (c.line, c.column, c.from, c.to) == (0, 0, 'V', 'I')));

        // The composite fails as well: still a TD2, reported as failing, never a valid MRV-B.
        grid[1][35] = b'5';
        let m = parse_grid(grid.clone(), &alternatives, &OPTS).expect("parses");
        assert_eq!(m.format, MrzFormat::Td2);
        assert!(!m.valid_check_digits());
        assert_eq!(m.fields.optional_data, "7DSLN");

        // Without a document code among the alternatives the letter is trusted: an MRV-B.
        let alternatives = first_cell_alternatives(&grid, &[(b'Y', 0.04)]);
        let m = parse_grid(grid, &alternatives, &OPTS).expect("parses");
        assert_eq!(m.format, MrzFormat::MrvB);
    }

    /// A visa read with `I` close behind its `V`: its line ends in fillers, which no composite
    /// can be, so it stays a visa and keeps its letter.
    #[test]
    fn a_visa_with_an_uncertain_letter_stays_a_visa() {
        let lines = [
            "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
            "L8988901C4XXX4009078F9612109<<<<<<<<",
        ];
        let grid = to_grid(&lines).expect("grid");
        let alternatives = first_cell_alternatives(&grid, &[(b'I', 0.04)]);
        let m = parse_grid(grid, &alternatives, &OPTS).expect("parses");
        assert_eq!(m.format, MrzFormat::MrvB);
        assert!(m.valid_check_digits());
        assert_eq!(m.fields.document_type, "V");
    }

    fn value(c: u8) -> u32 {
        match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => 0,
        }
    }

    fn twin_of(c: u8) -> Option<u8> {
        let pairs = [
            (b'0', b'O'),
            (b'1', b'I'),
            (b'5', b'S'),
            (b'8', b'B'),
            (b'2', b'Z'),
        ];
        pairs.iter().find_map(|&(a, b)| {
            if c == a {
                Some(b)
            } else if c == b {
                Some(a)
            } else {
                None
            }
        })
    }
}
