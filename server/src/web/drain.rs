//! Reading the rest of an upload that is refused before its body was looked at.
//!
//! A refusal decided from the link alone (unknown link, wrong step) is answered at once; if the
//! body were left unread, the server would close the connection under a browser that is still
//! uploading, and the applicant would see a network error instead of the explained refusal the
//! page shows. So the rest of the body is read and discarded first — never more than the route's
//! body limit, which the limit layer enforces while it is read.

use axum::extract::multipart::MultipartRejection;
use axum::extract::Multipart;

/// Reads and discards every remaining part of `multipart`; stops at the first error (a body over
/// the limit, a broken stream), since nothing more can be read then anyway.
pub async fn drain(multipart: Result<Multipart, MultipartRejection>) {
    let Ok(mut multipart) = multipart else {
        return;
    };
    while let Ok(Some(mut field)) = multipart.next_field().await {
        while let Ok(Some(_)) = field.chunk().await {}
    }
}
