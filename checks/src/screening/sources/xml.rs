//! A tiny streaming XML walker shared by the XML list parsers.
//!
//! The list formats only need "which element am I in" and "what text did it hold", so the
//! walker keeps the element path and hands each closed element's own text to a callback. This
//! keeps each format parser a flat `match` on paths and never builds a DOM (lists can be big).

use std::io::BufRead;

use quick_xml::events::Event;
use quick_xml::Reader;
use quick_xml::XmlVersion;

use crate::screening::error::{ParseError, Position};

/// What the walker reports.
pub(crate) enum XmlEvent<'a> {
    /// An element opened; its attributes (local names, unescaped values).
    Open {
        path: &'a [String],
        attrs: &'a [(String, String)],
    },
    /// An element closed, with the text directly inside it (trimmed).
    Close { path: &'a [String], text: &'a str },
}

/// Local name of a possibly prefixed XML name.
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Walks the document, calling `f` for every element open/close. The callback may fail with a
/// record error; XML syntax errors carry the byte offset and the element path.
pub(crate) fn walk<R: BufRead>(
    r: R,
    file: &str,
    format: &'static str,
    mut f: impl FnMut(XmlEvent<'_>, u64) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut reader = Reader::from_reader(r);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut attrs: Vec<(String, String)> = Vec::new();
    let err_at = |path: &[String], byte: u64, reason: String| {
        ParseError::malformed(
            file,
            Position::Element {
                byte,
                path: path.join("/"),
            },
            format,
            reason,
        )
    };
    let mut saw_root = false;
    loop {
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| err_at(&path, reader.error_position(), e.to_string()))?;
        let pos = reader.buffer_position();
        match ev {
            Event::Start(ref s) | Event::Empty(ref s) => {
                saw_root = true;
                path.push(local(s.name().as_ref()));
                texts.push(String::new());
                attrs.clear();
                for a in s.attributes() {
                    let a = a.map_err(|e| err_at(&path, pos, e.to_string()))?;
                    let v = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .map_err(|e| err_at(&path, pos, e.to_string()))?;
                    attrs.push((local(a.key.as_ref()), v.into_owned()));
                }
                f(
                    XmlEvent::Open {
                        path: &path,
                        attrs: &attrs,
                    },
                    pos,
                )?;
                if matches!(ev, Event::Empty(_)) {
                    f(
                        XmlEvent::Close {
                            path: &path,
                            text: "",
                        },
                        pos,
                    )?;
                    path.pop();
                    texts.pop();
                }
            }
            Event::End(_) => {
                let text = texts.pop().unwrap_or_default();
                f(
                    XmlEvent::Close {
                        path: &path,
                        text: text.trim(),
                    },
                    pos,
                )?;
                path.pop();
            }
            Event::Text(t) => {
                if let Some(cur) = texts.last_mut() {
                    cur.push_str(&t.xml10_content());
                }
            }
            Event::CData(c) => {
                if let Some(cur) = texts.last_mut() {
                    cur.push_str(&c);
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => entity(&r),
                    Err(e) => return Err(err_at(&path, pos, e.to_string())),
                };
                let ch =
                    ch.ok_or_else(|| err_at(&path, pos, format!("unknown entity &{};", &*r)))?;
                if let Some(cur) = texts.last_mut() {
                    cur.push(ch);
                }
            }
            Event::Eof => {
                if !path.is_empty() {
                    return Err(err_at(&path, pos, "unexpected end of file".into()));
                }
                if !saw_root {
                    return Err(ParseError::malformed(
                        file,
                        Position::File,
                        format,
                        "no root element",
                    ));
                }
                return Ok(());
            }
            _ => {}
        }
        buf.clear();
    }
}
