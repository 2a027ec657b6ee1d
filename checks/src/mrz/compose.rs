//! Fields → MRZ text. Used to generate test documents (synthetic images, test mode) and as the
//! inverse that the property tests check [`super::parse`] against.

use super::charset::check_digit;
use super::format::MrzFormat;
use super::parse::{MrzFields, Sex};

/// Upper-case, map anything outside `A-Z 0-9` to `<`, then pad with `<` or truncate to `len`.
fn field(s: &str, len: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| c.to_ascii_uppercase())
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '<' })
        .take(len)
        .collect();
    while out.len() < len {
        out.push('<');
    }
    out
}

/// `YYYY-MM-DD` → `YYMMDD`; anything else → `<<<<<<` (unknown).
fn date(d: Option<&str>) -> String {
    match d {
        Some(d) if d.len() == 10 && d.is_ascii() => {
            format!("{}{}{}", &d[2..4], &d[5..7], &d[8..10])
        }
        _ => "<<<<<<".to_string(),
    }
}

fn cd(s: &str) -> char {
    check_digit(s.bytes()).map_or('<', char::from)
}

fn name(f: &MrzFields, len: usize) -> String {
    let surname = f.surname.replace(' ', "<");
    let given = f.given_names.replace(' ', "<");
    if given.is_empty() {
        field(&surname, len)
    } else {
        field(&format!("{surname}<<{given}"), len)
    }
}

fn sex(s: Option<Sex>) -> char {
    match s {
        Some(Sex::Male) => 'M',
        Some(Sex::Female) => 'F',
        _ => '<',
    }
}

/// Compose the MRZ lines for `fields`. Document numbers longer than 9 characters use the TD1/TD2
/// overflow convention; in TD3 and visas they are truncated (the standard has no overflow there).
pub fn compose(format: MrzFormat, f: &MrzFields) -> Vec<String> {
    let len = format.line_len();
    let head = format!(
        "{}{}{}",
        field(&f.document_type, 2),
        field(&f.issuing_state, 3),
        if format == MrzFormat::Td1 {
            String::new()
        } else {
            name(f, len - 5)
        }
    );
    let dob = date(f.birth_date.as_deref());
    let exp = date(f.expiry_date.as_deref());
    let number = field(&f.document_number, f.document_number.len().max(9));
    let long = number.len() > 9 && matches!(format, MrzFormat::Td1 | MrzFormat::Td2);
    let (num9, num_cd, overflow) = if long {
        (
            number[..9].to_string(),
            '<',
            format!("{}{}<", &number[9..], cd(&number)),
        )
    } else {
        let n = field(&number, 9);
        let c = cd(&n);
        (n, c, String::new())
    };
    match format {
        MrzFormat::Td1 => {
            let l1 = format!(
                "{head}{num9}{num_cd}{}",
                field(&format!("{overflow}{}", f.optional_data), 15)
            );
            let l2a = format!(
                "{dob}{}{}{exp}{}{}{}",
                cd(&dob),
                sex(f.sex),
                cd(&exp),
                field(&f.nationality, 3),
                field(&f.optional_data_2, 11)
            );
            let composite: String = format!(
                "{}{}{}{}",
                &l1[5..30],
                &l2a[0..7],
                &l2a[8..15],
                &l2a[18..29]
            );
            let l2 = format!("{l2a}{}", cd(&composite));
            vec![l1, l2, name(f, 30)]
        }
        MrzFormat::Td2 | MrzFormat::Td3 => {
            let opt_len = if format == MrzFormat::Td3 { 14 } else { 7 };
            let opt = field(&format!("{overflow}{}", f.optional_data), opt_len);
            let mut l2 = format!(
                "{num9}{num_cd}{}{dob}{}{}{exp}{}{opt}",
                field(&f.nationality, 3),
                cd(&dob),
                sex(f.sex),
                cd(&exp)
            );
            if format == MrzFormat::Td3 {
                let c = if opt.bytes().all(|b| b == b'<') {
                    '<'
                } else {
                    cd(&opt)
                };
                l2.push(c);
            }
            let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..]);
            l2.push(cd(&composite));
            vec![head, l2]
        }
        MrzFormat::MrvA | MrzFormat::MrvB => {
            let opt_len = len - 28;
            let l2 = format!(
                "{num9}{num_cd}{}{dob}{}{}{exp}{}{}",
                field(&f.nationality, 3),
                cd(&dob),
                sex(f.sex),
                cd(&exp),
                field(&f.optional_data, opt_len)
            );
            vec![head, l2]
        }
    }
}
