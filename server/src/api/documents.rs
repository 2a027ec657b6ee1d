//! `POST /verifications/{id}/documents`: a document uploaded by the tenant's backend (API-only
//! flows, and "external KYC" reports). The real type is sniffed from the bytes, never taken from
//! the declared one; images are decoded within limits and only a metadata-free re-encoding is
//! kept; PDFs and HEIC are checked for structure and kept as sent. Nothing is stored unless every
//! check passes.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::Json;
use kyra_checks::file::{inspect, sha256_hex, sniff, FileError, FileLimits, Format};
use serde::Serialize;

use super::auth::Caller;
use super::path::ApiPath;
use super::problem::ApiError;
use super::verifications::{check_country, persist_as};
use crate::ids::{DocumentId, VerificationId};
use crate::lifecycle;
use crate::state::AppState;
use crate::store::{now_ms, AlsoWrite, NewDocument, VerificationRecord};
use crate::verification::rfc3339;

pub(super) const DOCUMENT_TYPES: [&str; 7] = [
    "passport",
    "national_id",
    "drivers_license",
    "residence_permit",
    "selfie",
    "proof_of_address",
    "biometric_report",
];

/// An accepted upload.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DocumentObject {
    id: DocumentId,
    #[schema(schema_with = crate::api::openapi::tag::document)]
    object: &'static str,
    verification_id: VerificationId,
    #[schema(value_type = DocumentType)]
    document_type: String,
    #[schema(value_type = Option<DocumentSide>)]
    side: Option<String>,
    #[schema(pattern = "^[A-Z]{2}$")]
    issuing_country: Option<String>,
    /// The sniffed type, whatever the upload declared.
    #[schema(value_type = FileFormat)]
    format: &'static str,
    /// SHA-256 of the bytes as uploaded, hex.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    sha256: String,
    size_bytes: i64,
    /// Pixel size of images; `null` for PDF and HEIC.
    width: Option<i64>,
    height: Option<i64>,
    #[schema(format = DateTime)]
    created_at: String,
}

/// `document_type` of an upload.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // A schema only: the form field is read as text and checked against DOCUMENT_TYPES.
pub enum DocumentType {
    Passport,
    NationalId,
    DriversLicense,
    ResidencePermit,
    Selfie,
    ProofOfAddress,
    BiometricReport,
}

/// Which side of a two-sided document an image shows.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // A schema only, like DocumentType.
pub enum DocumentSide {
    Front,
    Back,
}

/// The file type Kyra detected from the bytes.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // A schema only: `format_name` writes these.
pub enum FileFormat {
    Jpeg,
    Png,
    Webp,
    Heic,
    Pdf,
}

/// The multipart form of an upload (a schema only: `read_form` parses the parts by name).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// JPEG, PNG, WebP, HEIC or PDF (detected from the bytes), at most the configured upload
    /// limit (10 MB by default).
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    document_type: DocumentType,
    side: Option<DocumentSide>,
    /// ISO 3166-1 alpha-2 code of the issuing country.
    #[schema(pattern = "^[A-Z]{2}$")]
    issuing_country: Option<String>,
}

/// The body limit of the upload route: the file plus room for the form's other parts.
pub(super) fn body_limit(config: &crate::config::Config) -> usize {
    config.upload_limit_bytes + 64 * 1024
}

/// An upload's form as read, before any check.
#[derive(Default)]
pub(crate) struct Form {
    pub file: Option<Vec<u8>>,
    pub document_type: Option<String>,
    pub side: Option<String>,
    pub issuing_country: Option<String>,
}

/// Upload a document
///
/// From the tenant's backend, for API-only flows and for "external KYC" reports
/// (`biometric_report`). The type is sniffed from the bytes; images are decoded within limits and
/// only a metadata-free re-encoding is stored. Nothing is stored unless every check passes.
#[utoipa::path(
    post, path = "/api/v1/verifications/{id}/documents", operation_id = "uploadDocument", tag = "documents",
    params(("id" = VerificationId, Path, description = "The verification's id.")),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 202, description = "Accepted and stored; the checks run on it.", body = DocumentObject)),
)]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(StatusCode, Json<DocumentObject>), ApiError> {
    let id = VerificationId::parse(&id).ok_or(ApiError::NotFound("verification"))?;
    let record = state
        .store
        .verification_for_tenant(&caller.tenant_id, caller.mode, &id)
        .await?
        .ok_or(ApiError::NotFound("verification"))?;
    let multipart = multipart.map_err(|_| ApiError::UnsupportedMultipart)?;
    let limit = state.config.upload_limit_bytes;
    let form = read_form(multipart, limit).await?;

    let doc = store_upload(
        &state,
        &record,
        form,
        &caller.actor(),
        caller.request_id.as_deref(),
    )
    .await?;
    let now = doc.created_at;
    Ok((
        StatusCode::ACCEPTED,
        Json(DocumentObject {
            id: doc.id,
            object: "document",
            verification_id: record.id,
            document_type: doc.document_type,
            side: doc.side,
            issuing_country: doc.issuing_country,
            format: doc.format,
            sha256: doc.sha256,
            size_bytes: doc.size_bytes,
            width: doc.width,
            height: doc.height,
            created_at: rfc3339(now),
        }),
    ))
}

/// Checks an upload's form and file and stores it for the verification's current attempt: the
/// one path for the tenant's API upload and the applicant's journey upload, so both enforce the
/// same rules. The sealed file is written first and removed again if the index row cannot be
/// written; nothing is left behind on any error.
pub(crate) async fn store_upload(
    state: &AppState,
    record: &VerificationRecord,
    form: Form,
    actor: &str,
    request_id: Option<&str>,
) -> Result<NewDocument, ApiError> {
    let document_type = form
        .document_type
        .ok_or_else(|| ApiError::invalid("document_type", "is required"))?;
    if !DOCUMENT_TYPES.contains(&document_type.as_str()) {
        return Err(ApiError::invalid(
            "document_type",
            format!("must be one of {}", DOCUMENT_TYPES.join(", ")),
        ));
    }
    if let Some(side) = &form.side {
        if side != "front" && side != "back" {
            return Err(ApiError::invalid("side", "must be `front` or `back`"));
        }
    }
    if let Some(country) = &form.issuing_country {
        check_country("issuing_country", country)?;
    }
    let bytes = form
        .file
        .ok_or_else(|| ApiError::invalid("file", "is required"))?;
    let now = now_ms();
    let change = lifecycle::document_uploaded(record, now)?;

    let limits = FileLimits {
        max_bytes: state.config.upload_limit_bytes as u64,
        ..FileLimits::default()
    };
    let checked = check_file(&bytes, &limits)?;
    let doc = NewDocument {
        id: DocumentId::generate(),
        document_type,
        side: form.side,
        issuing_country: form.issuing_country,
        format: checked.format,
        sha256: sha256_hex(&bytes),
        size_bytes: bytes.len() as i64,
        width: checked.width,
        height: checked.height,
        created_at: now,
        frame: None,
    };
    state
        .files
        .put(&state.sealer, &record.id, &doc.id, &checked.stored)
        .await
        .map_err(|e| ApiError::Internal(Box::new(e)))?;
    let saved = persist_as(
        state,
        actor,
        request_id,
        record,
        change,
        now,
        AlsoWrite::Document(&doc),
    )
    .await;
    if let Err(err) = saved {
        // The index row was not written: the stored file must not outlive the failed request.
        state.files.remove(&record.id, &doc.id).await;
        return Err(err);
    }
    Ok(doc)
}

/// Reads an upload's multipart form; a file over `limit` bytes is refused while it streams in.
pub(crate) async fn read_form(mut multipart: Multipart, limit: usize) -> Result<Form, ApiError> {
    let mut form = Form::default();
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| ApiError::MalformedMultipart)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|e| match e.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge { limit },
                    _ => ApiError::MalformedMultipart,
                })? {
                    if bytes.len() + chunk.len() > limit {
                        return Err(ApiError::PayloadTooLarge { limit });
                    }
                    bytes.extend_from_slice(&chunk);
                }
                form.file = Some(bytes);
            }
            "document_type" | "side" | "issuing_country" => {
                let text = field
                    .text()
                    .await
                    .map_err(|_| ApiError::MalformedMultipart)?;
                if text.len() > 64 {
                    return Err(ApiError::invalid(name, "is too long"));
                }
                let value = Some(text.trim().to_owned());
                match name.as_str() {
                    "document_type" => form.document_type = value,
                    "side" => form.side = value,
                    _ => form.issuing_country = value,
                }
            }
            other => {
                return Err(ApiError::UnknownField {
                    field: other.to_owned(),
                })
            }
        }
    }
    Ok(form)
}

/// A file that passed the checks: its sniffed format and what is stored (a metadata-free
/// re-encoding for images).
pub(crate) struct CheckedFile {
    pub format: &'static str,
    pub stored: Vec<u8>,
    pub width: Option<i64>,
    pub height: Option<i64>,
}

/// The one safe path of every uploaded file: sniffed, size-checked, images decoded within limits
/// and re-encoded without metadata.
pub(crate) fn check_file(bytes: &[u8], limits: &FileLimits) -> Result<CheckedFile, ApiError> {
    if bytes.is_empty() {
        return Err(ApiError::File(FileError::Empty));
    }
    if bytes.len() as u64 > limits.max_bytes {
        return Err(ApiError::File(FileError::TooLarge {
            limit: limits.max_bytes,
            actual: bytes.len() as u64,
        }));
    }
    let detected = sniff(bytes);
    match detected.accepted() {
        Some(Format::Pdf) => {
            // Kept as sent; rendering happens in the checks pipeline. A PDF must at least be whole.
            let tail = &bytes[bytes.len().saturating_sub(1024)..];
            if !tail.windows(5).any(|w| w == b"%%EOF") {
                return Err(ApiError::File(FileError::Truncated));
            }
            Ok(CheckedFile {
                format: "pdf",
                stored: bytes.to_vec(),
                width: None,
                height: None,
            })
        }
        Some(Format::Heic) => Ok(CheckedFile {
            format: "heic",
            stored: bytes.to_vec(),
            width: None,
            height: None,
        }),
        Some(_) => {
            let image = inspect(bytes, limits).map_err(ApiError::File)?;
            Ok(CheckedFile {
                format: format_name(image.format),
                width: Some(i64::from(image.width())),
                height: Some(i64::from(image.height())),
                stored: image.sanitized_jpeg,
            })
        }
        None => Err(ApiError::File(FileError::Unsupported { detected })),
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Jpeg => "jpeg",
        Format::Png => "png",
        Format::Webp => "webp",
        Format::Heic => "heic",
        Format::Pdf => "pdf",
    }
}
