//! A tiny streaming XML walker shared by the XML list parsers.
//!
//! The list formats only need "which element am I in" and "what text did it hold", so the
//! walker keeps the element path and hands each closed element's own text to a callback. This
//! keeps each format parser a flat `match` on paths and never builds a DOM (lists can be big).

use std::io::{BufRead, Read};

use quick_xml::events::Event;
use quick_xml::Reader;
use quick_xml::XmlVersion;

use crate::screening::error::{ParseError, Position};

/// Where the reader stands: after the event just reported.
#[derive(Debug, Clone, Copy)]
pub(crate) struct XmlPos {
    pub byte: u64,
    /// 1-based line.
    pub line: u64,
}

impl XmlPos {
    /// The position of the element at `path`.
    pub fn at(self, path: &[String]) -> Position {
        Position::Element {
            line: self.line,
            byte: self.byte,
            path: path.join("/"),
        }
    }
}

/// Counts the newlines the XML reader consumed, so errors can name a line: operators open list
/// files in an editor, where a byte offset is of little help.
struct LineCounter<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += count_newlines(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The caller saw these bytes through `fill_buf`, so they are still buffered: asking
        // again does no I/O.
        if amt > 0 {
            if let Ok(buf) = self.inner.fill_buf() {
                self.newlines += count_newlines(&buf[..amt.min(buf.len())]);
            }
        }
        self.inner.consume(amt);
    }
}

fn count_newlines(b: &[u8]) -> u64 {
    b.iter().filter(|&&c| c == b'\n').count() as u64
}

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
    mut f: impl FnMut(XmlEvent<'_>, XmlPos) -> Result<(), ParseError>,
) -> Result<(), ParseError> {
    let mut reader = Reader::from_reader(LineCounter {
        inner: r,
        newlines: 0,
    });
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    let mut attrs: Vec<(String, String)> = Vec::new();
    let err_at = |path: &[String], at: XmlPos, reason: String| {
        ParseError::malformed(file, at.at(path), format, reason)
    };
    let mut saw_root = false;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| {
            let at = XmlPos {
                byte: reader.error_position(),
                line: reader.get_ref().newlines + 1,
            };
            err_at(&path, at, e.to_string())
        })?;
        let pos = XmlPos {
            byte: reader.buffer_position(),
            line: reader.get_ref().newlines + 1,
        };
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
