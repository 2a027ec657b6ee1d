//! Where each field sits in each layout, what characters it may hold, and which cells each check
//! digit covers (Doc 9303 parts 4–7).

use super::format::MrzFormat;

/// What a cell may contain; drives both validation and OCR confusion repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `A-Z` or `<` (codes, names).
    Alpha,
    /// `0-9`, or `<` when a whole date is unknown.
    Numeric,
    /// `0-9 A-Z <` (document number, optional data).
    AlphaNum,
    /// `M`, `F`, `X` or `<`.
    Sex,
    /// A check digit `0-9` (or `<` for an empty optional-data field).
    Check,
}

/// The fields protected by a check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckedField {
    DocumentNumber,
    BirthDate,
    ExpiryDate,
    OptionalData,
    Composite,
}

pub type Cell = (usize, usize);

/// One check digit and the cells it protects.
#[derive(Debug, Clone)]
pub struct Group {
    pub field: CheckedField,
    pub data: Vec<Cell>,
    pub check: Cell,
    /// The data is a date: all digits or all `<`.
    pub date: bool,
    /// `<` is an acceptable check digit when the data is all `<` (TD3 optional data).
    pub filler_ok: bool,
}

/// Cell ranges of one layout.
#[derive(Debug, Clone)]
pub struct Layout {
    pub kinds: Vec<Vec<Kind>>,
    pub groups: Vec<Group>,
    /// Cells of the document number (possibly continued in the optional data).
    pub document_number: Vec<Cell>,
    /// Cells of the primary optional data (after any document-number overflow).
    pub optional_data: Vec<Cell>,
    /// TD1 line 2 optional data.
    pub optional_data_2: Vec<Cell>,
    pub document_type: Vec<Cell>,
    pub issuing_state: Vec<Cell>,
    pub nationality: Vec<Cell>,
    pub birth_date: Vec<Cell>,
    pub expiry_date: Vec<Cell>,
    pub sex: Cell,
    pub name: Vec<Cell>,
}

fn span(line: usize, from: usize, to: usize) -> Vec<Cell> {
    (from..to).map(|c| (line, c)).collect()
}

fn set(kinds: &mut [Vec<Kind>], cells: &[Cell], kind: Kind) {
    for &(l, c) in cells {
        kinds[l][c] = kind;
    }
}

fn group(field: CheckedField, data: Vec<Cell>, check: Cell) -> Group {
    Group {
        field,
        date: matches!(field, CheckedField::BirthDate | CheckedField::ExpiryDate),
        filler_ok: false,
        data,
        check,
    }
}

/// Build the layout. `grid` is consulted only for the long-document-number convention (a `<` in
/// the document-number check digit position means the number continues in the optional data).
pub fn layout(format: MrzFormat, grid: &[Vec<u8>]) -> Layout {
    let len = format.line_len();
    let mut kinds = vec![vec![Kind::AlphaNum; len]; format.lines()];
    match format {
        MrzFormat::Td1 => {
            let document_type = span(0, 0, 2);
            let issuing_state = span(0, 2, 5);
            let (document_number, doc_check, optional_data) = long_number(grid, 0, 5, 14, 30);
            let birth_date = span(1, 0, 6);
            let expiry_date = span(1, 8, 14);
            let nationality = span(1, 15, 18);
            let optional_data_2 = span(1, 18, 29);
            let name = span(2, 0, 30);
            set(&mut kinds, &document_type, Kind::Alpha);
            set(&mut kinds, &issuing_state, Kind::Alpha);
            set(&mut kinds, &birth_date, Kind::Numeric);
            set(&mut kinds, &expiry_date, Kind::Numeric);
            set(&mut kinds, &nationality, Kind::Alpha);
            set(&mut kinds, &name, Kind::Alpha);
            set(&mut kinds, &[(1, 6), (1, 14), (1, 29)], Kind::Check);
            if doc_check == (0, 14) {
                kinds[0][14] = Kind::Check;
            }
            kinds[1][7] = Kind::Sex;
            let mut composite = span(0, 5, 30);
            composite.extend(span(1, 0, 7));
            composite.extend(span(1, 8, 15));
            composite.extend(span(1, 18, 29));
            let groups = vec![
                group(
                    CheckedField::DocumentNumber,
                    document_number.clone(),
                    doc_check,
                ),
                group(CheckedField::BirthDate, birth_date.clone(), (1, 6)),
                group(CheckedField::ExpiryDate, expiry_date.clone(), (1, 14)),
                group(CheckedField::Composite, composite, (1, 29)),
            ];
            Layout {
                kinds,
                groups,
                document_number,
                optional_data,
                optional_data_2,
                document_type,
                issuing_state,
                nationality,
                birth_date,
                expiry_date,
                sex: (1, 7),
                name,
            }
        }
        MrzFormat::Td2 | MrzFormat::Td3 | MrzFormat::MrvA | MrzFormat::MrvB => {
            let document_type = span(0, 0, 2);
            let issuing_state = span(0, 2, 5);
            let name = span(0, 5, len);
            let visa = matches!(format, MrzFormat::MrvA | MrzFormat::MrvB);
            let opt_end = match format {
                MrzFormat::Td3 => 42,
                MrzFormat::Td2 => 35,
                _ => len,
            };
            let (document_number, doc_check, optional_data) = if format == MrzFormat::Td2 {
                long_number(grid, 1, 0, 9, opt_end)
            } else {
                (span(1, 0, 9), (1, 9), span(1, 28, opt_end))
            };
            let nationality = span(1, 10, 13);
            let birth_date = span(1, 13, 19);
            let expiry_date = span(1, 21, 27);
            set(&mut kinds, &document_type, Kind::Alpha);
            set(&mut kinds, &issuing_state, Kind::Alpha);
            set(&mut kinds, &name, Kind::Alpha);
            set(&mut kinds, &nationality, Kind::Alpha);
            set(&mut kinds, &birth_date, Kind::Numeric);
            set(&mut kinds, &expiry_date, Kind::Numeric);
            set(&mut kinds, &[(1, 19), (1, 27)], Kind::Check);
            if doc_check == (1, 9) {
                kinds[1][9] = Kind::Check;
            }
            kinds[1][20] = Kind::Sex;
            let mut groups = vec![
                group(
                    CheckedField::DocumentNumber,
                    document_number.clone(),
                    doc_check,
                ),
                group(CheckedField::BirthDate, birth_date.clone(), (1, 19)),
                group(CheckedField::ExpiryDate, expiry_date.clone(), (1, 27)),
            ];
            if !visa {
                if format == MrzFormat::Td3 {
                    kinds[1][42] = Kind::Check;
                    let mut g = group(CheckedField::OptionalData, span(1, 28, 42), (1, 42));
                    g.filler_ok = true;
                    groups.push(g);
                }
                let last = len - 1;
                kinds[1][last] = Kind::Check;
                let mut composite = span(1, 0, 10);
                composite.extend(span(1, 13, 20));
                composite.extend(span(1, 21, last));
                groups.push(group(CheckedField::Composite, composite, (1, last)));
            }
            Layout {
                kinds,
                groups,
                document_number,
                optional_data,
                optional_data_2: Vec::new(),
                document_type,
                issuing_state,
                nationality,
                birth_date,
                expiry_date,
                sex: (1, 20),
                name,
            }
        }
    }
}

/// Document number with the Doc 9303 overflow rule: when the check digit position holds `<`, the
/// number continues at the start of the optional data, its check digit is the last character
/// before the next `<`, and the optional data proper follows that filler.
/// Returns `(number cells, check cell, optional data cells)`.
fn long_number(
    grid: &[Vec<u8>],
    line: usize,
    start: usize,
    check: usize,
    opt_end: usize,
) -> (Vec<Cell>, Cell, Vec<Cell>) {
    let row = &grid[line];
    let opt_start = match check {
        14 => 15, // TD1
        _ => 28,  // TD2
    };
    if row[check] == b'<' && row[opt_start] != b'<' {
        let run_end = (opt_start..opt_end)
            .find(|&c| row[c] == b'<')
            .unwrap_or(opt_end);
        if run_end > opt_start {
            let mut number = span(line, start, check);
            number.extend(span(line, opt_start, run_end - 1));
            let optional = span(line, (run_end + 1).min(opt_end), opt_end);
            return (number, (line, run_end - 1), optional);
        }
    }
    (
        span(line, start, check),
        (line, check),
        span(line, opt_start, opt_end),
    )
}
