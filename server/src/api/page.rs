//! The one list shape of the API: `{"object": "list", "data": […], "has_more", "next_cursor"}`,
//! newest first, with opaque keyset cursors. Every list endpoint answers it, so a client writes
//! its pagination loop once.
//!
//! A cursor is the `(time, id)` of the last row of a page, base64url-encoded: the next page is
//! every row strictly older, so rows inserted meanwhile never shift or repeat a page.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

use super::problem::ApiError;

/// One page of a list, newest first; `next_cursor` fetches the next one.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    #[schema(schema_with = crate::api::openapi::tag::list)]
    pub object: &'static str,
    pub data: Vec<T>,
    pub has_more: bool,
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page from up to `limit + 1` rows read newest first: the extra row, when there is one,
    /// only says that more follow. `key` gives a row's `(time, id)`.
    pub fn from_rows<R, E>(
        mut rows: Vec<R>,
        limit: i64,
        key: impl Fn(&R) -> (i64, String),
        item: impl FnMut(&R) -> Result<T, E>,
    ) -> Result<Page<T>, E> {
        let has_more = rows.len() as i64 > limit;
        rows.truncate(limit.max(0) as usize);
        let next_cursor = if has_more {
            rows.last().map(|r| {
                let (at, id) = key(r);
                encode_cursor(at, &id)
            })
        } else {
            None
        };
        Ok(Page {
            object: "list",
            data: rows.iter().map(item).collect::<Result<_, E>>()?,
            has_more,
            next_cursor,
        })
    }

    /// A list that always fits in one page.
    pub fn complete(data: Vec<T>) -> Page<T> {
        Page {
            object: "list",
            data,
            has_more: false,
            next_cursor: None,
        }
    }
}

/// `cursor` and `limit` of a list endpoint whose only parameters they are.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size (see the operation for its range and default).
    #[param(minimum = 1)]
    pub limit: Option<i64>,
}

impl PageQuery {
    /// The page size, `default` when absent, refused outside `1..=max`.
    pub fn limit(&self, default: i64, max: i64) -> Result<i64, ApiError> {
        let limit = self.limit.unwrap_or(default);
        if (1..=max).contains(&limit) {
            Ok(limit)
        } else {
            Err(ApiError::invalid(
                "limit",
                format!("must be between 1 and {max}"),
            ))
        }
    }

    /// The decoded cursor; `id_ok` says whether its id has the list's id shape.
    pub fn before(&self, id_ok: impl Fn(&str) -> bool) -> Result<Option<(i64, String)>, ApiError> {
        self.cursor
            .as_deref()
            .map(|c| decode_cursor(c, id_ok))
            .transpose()
    }
}

pub fn encode_cursor(at: i64, id: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{at}|{id}"))
}

/// The `(time, id)` of a cursor this API issued; anything else is `422 invalid_field`.
pub fn decode_cursor(
    cursor: &str,
    id_ok: impl Fn(&str) -> bool,
) -> Result<(i64, String), ApiError> {
    let invalid = || ApiError::invalid("cursor", "is not a cursor returned by this API");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (at, id) = text.split_once('|').ok_or_else(invalid)?;
    if !id_ok(id) {
        return Err(invalid());
    }
    Ok((at.parse().map_err(|_| invalid())?, id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        let c = encode_cursor(1_764_064_800_123, "whe_01abc");
        assert_eq!(
            decode_cursor(&c, |id| id.starts_with("whe_")).ok(),
            Some((1_764_064_800_123, "whe_01abc".to_owned()))
        );
        assert!(decode_cursor(&c, |id| id.starts_with("vrf_")).is_err());
        for junk in ["", "!!!", "bm8gcGlwZQ", &URL_SAFE_NO_PAD.encode("x|whe_1")] {
            assert!(decode_cursor(junk, |_| true).is_err(), "{junk}");
        }
    }

    #[test]
    fn a_page_says_whether_more_follow() {
        let rows: Vec<i64> = (0..5).rev().collect();
        let page: Page<i64> =
            Page::from_rows(rows, 3, |r| (*r, format!("id{r}")), |r| Ok::<_, ()>(*r))
                .unwrap_or_else(|_| Page::complete(vec![]));
        assert_eq!(page.data, vec![4, 3, 2]);
        assert!(page.has_more);
        assert_eq!(
            page.next_cursor
                .as_deref()
                .and_then(|c| decode_cursor(c, |_| true).ok()),
            Some((2, "id2".to_owned()))
        );
        let last: Page<i64> = Page::from_rows(
            vec![1, 0],
            3,
            |r| (*r, format!("id{r}")),
            |r| Ok::<_, ()>(*r),
        )
        .unwrap_or_else(|_| Page::complete(vec![]));
        assert!(!last.has_more && last.next_cursor.is_none());
    }
}
