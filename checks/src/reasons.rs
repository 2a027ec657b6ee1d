//! The reason-code registry: the single source of every code the API, webhooks, journey and docs
//! use. A code's meaning never changes once published; new codes are added at the end.

use serde::{Deserialize, Serialize};

/// The verification checks a flow can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    Document,
    Selfie,
    Liveness,
    FaceMatch,
    Sanctions,
    Pep,
    Duplicates,
}

impl CheckKind {
    pub const ALL: [CheckKind; 7] = [
        CheckKind::Document,
        CheckKind::Selfie,
        CheckKind::Liveness,
        CheckKind::FaceMatch,
        CheckKind::Sanctions,
        CheckKind::Pep,
        CheckKind::Duplicates,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckKind::Document => "document",
            CheckKind::Selfie => "selfie",
            CheckKind::Liveness => "liveness",
            CheckKind::FaceMatch => "face_match",
            CheckKind::Sanctions => "sanctions",
            CheckKind::Pep => "pep",
            CheckKind::Duplicates => "duplicates",
        }
    }

    pub fn parse(s: &str) -> Option<CheckKind> {
        CheckKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// How serious a reason is by default; a flow's rules may still decide otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The applicant can fix it (retake a photo): decline with retry.
    Retryable,
    /// A person should look: needs review.
    Review,
    /// Fraud or a legal bar: decline, final.
    Final,
}

/// What the tenant should do when this reason decides the outcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SuggestedAction {
    Retry,
    UploadDocument,
    UpdateProfile,
    Wait,
    ContactSupport,
}

/// One entry of the registry.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Reason {
    pub code: &'static str,
    pub check: CheckKind,
    pub severity: Severity,
    pub suggested_action: SuggestedAction,
    /// For the tenant's developers and operators.
    pub description: &'static str,
    /// Fluent message id of the applicant-facing explanation and fix-it hint.
    pub applicant_message: &'static str,
}

macro_rules! reasons {
    ($($code:literal => $check:ident, $severity:ident, $action:ident, $description:literal;)*) => {
        /// Every reason code Kyra emits.
        pub const REASONS: &[Reason] = &[$(Reason {
            code: $code,
            check: CheckKind::$check,
            severity: Severity::$severity,
            suggested_action: SuggestedAction::$action,
            description: $description,
            applicant_message: concat!("reason-", $code),
        }),*];
    };
}

reasons! {
    "IMAGE_BLURRY" => Document, Retryable, Retry, "The document photo is too blurry to read.";
    "GLARE" => Document, Retryable, Retry, "Reflections hide part of the document.";
    "TOO_DARK" => Document, Retryable, Retry, "The document photo is too dark.";
    "LOW_RESOLUTION" => Document, Retryable, Retry, "The document photo has too few pixels to read.";
    "DOCUMENT_NOT_FOUND" => Document, Retryable, Retry, "No document fills the frame of the photo.";
    "UNSUPPORTED_FILE" => Document, Retryable, UploadDocument, "The file is not a JPEG, PNG, WebP, HEIC or PDF, or cannot be decoded.";
    "MRZ_NOT_FOUND" => Document, Retryable, Retry, "No machine-readable zone was found on the document.";
    "MRZ_UNREADABLE" => Document, Retryable, Retry, "The machine-readable zone could not be read.";
    "MRZ_CHECKSUM" => Document, Review, Wait, "A check digit of the machine-readable zone does not match: misread or altered document.";
    "DOCUMENT_EXPIRED" => Document, Retryable, UploadDocument, "The document is past its expiry date.";
    "UNSUPPORTED_DOCUMENT" => Document, Retryable, UploadDocument, "The document type or issuing country is not accepted by the flow.";
    "DATA_MISMATCH" => Document, Review, UpdateProfile, "The document data does not match the applicant data supplied.";
    "UNDERAGE" => Document, Final, ContactSupport, "The applicant is younger than the flow's minimum age.";
    "NO_FACE_FOUND" => Selfie, Retryable, Retry, "No face was found in the selfie or the document portrait.";
    "BAD_FACE_MATCHING" => FaceMatch, Retryable, Retry, "The selfie does not match the document portrait: similarity below the flow's `face_match` review band.";
    "LIVENESS_FAILED" => Liveness, Retryable, Retry, "The liveness challenge was not completed by a live person.";
    "SANCTIONS_MATCH" => Sanctions, Review, Wait, "The applicant matches an entry on a sanctions list.";
    "PEP_MATCH" => Pep, Review, Wait, "The applicant matches a politically exposed person.";
    "SANCTIONS_POSSIBLE_MATCH" => Sanctions, Review, Wait, "The applicant resembles a sanctions list entry (score between the flow's review and match thresholds).";
    "PEP_POSSIBLE_MATCH" => Pep, Review, Wait, "The applicant resembles a politically exposed person (score between the flow's review and match thresholds).";
    "DUPLICATE_APPLICANT" => Duplicates, Review, Wait, "The document or face was already used by another applicant of the tenant.";
    "CHECK_ERROR" => Document, Review, Wait, "A required check could not run (unreadable stored file, engine or model unavailable); a person must decide.";
    "DOCUMENT_MISSING" => Document, Retryable, UploadDocument, "No identity document was uploaded for this attempt.";
    "MULTIPLE_FACES" => Selfie, Retryable, Retry, "More than one face in the selfie or a liveness frame: it cannot be told who is verifying.";
    "FACE_MATCH_UNCERTAIN" => FaceMatch, Review, Wait, "The selfie resembles the document portrait, but not enough to be sure: similarity within the flow's `face_match` review band.";
    "POSSIBLE_SPOOF" => Selfie, Review, Wait, "The capture shows signs of a screen replay or a printed photo; a person should look.";
    "DUPLICATE_FACE" => Duplicates, Review, Wait, "The same face was verified by another applicant of the tenant (another `reference_id`).";
    "SELFIE_MISSING" => Selfie, Retryable, Retry, "A face check runs but no selfie was uploaded for this attempt.";
}

/// Looks a code up in the registry.
pub fn reason(code: &str) -> Option<&'static Reason> {
    REASONS.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_upper_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for r in REASONS {
            assert!(seen.insert(r.code), "duplicate {}", r.code);
            assert!(
                r.code.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'),
                "{}",
                r.code
            );
            assert_eq!(r.applicant_message, format!("reason-{}", r.code));
        }
    }

    #[test]
    fn design_codes_are_registered() {
        for code in [
            "DOCUMENT_EXPIRED",
            "MRZ_CHECKSUM",
            "IMAGE_BLURRY",
            "GLARE",
            "NO_FACE_FOUND",
            "BAD_FACE_MATCHING",
            "LIVENESS_FAILED",
            "SANCTIONS_MATCH",
            "PEP_MATCH",
            "DUPLICATE_APPLICANT",
            "UNDERAGE",
            "UNSUPPORTED_DOCUMENT",
        ] {
            assert!(reason(code).is_some(), "{code}");
        }
        assert!(reason("NOPE").is_none());
    }

    #[test]
    fn check_kinds_round_trip() {
        for k in CheckKind::ALL {
            assert_eq!(CheckKind::parse(k.as_str()), Some(k));
        }
    }
}
