//! Sanctions and PEP screening: list parsing, name normalization, candidate index, scoring.
//!
//! Pipeline: a list file is parsed by [`sources`] into a [`SanctionsList`]; one or more lists are
//! turned into a [`ScreeningIndex`]; a [`Subject`] (name, optional birth date, country, schema)
//! is screened with [`ScreeningIndex::screen`], which returns explained [`Hit`]s; the
//! [`Thresholds`] of a flow classify a score into clear / review / match. [`compare`] scores two
//! subjects directly with the same scorer (used to evaluate and tune the matcher).

mod deletes;
pub mod error;
pub mod index;
pub mod model;
pub mod normalize;
pub mod score;
pub mod sources;

pub use error::{ParseError, Position};
pub use index::{Hit, IndexStats, ScreeningIndex, SearchOptions};
pub use model::{
    BirthDate, ListCounts, ListEntry, ListMeta, ListName, ListSource, NameKind, SanctionsList,
    Schema, Topic,
};
pub use normalize::{normalize_name, NormalizedName};
pub use score::{compare, Classification, Explanation, Feature, FeatureScore, Subject, Thresholds};
pub use sources::{detect_format, Format};
