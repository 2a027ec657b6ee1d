//! Browser-side code of the upload, processing and leaving steps: what only the browser can do
//! (read a picked file's first bytes, send it, follow the progress stream, talk to a parent
//! frame). Kept apart so the rest of the journey stays plain components; on the server these are
//! inert stand-ins, since none of it runs during server rendering.

/// Why the browser refuses a picked file before sending it. The server checks again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum FileProblem {
    /// The magic bytes are not JPEG, PNG, WebP, HEIC or PDF (whatever the name or declared type).
    WrongType,
    /// Bigger than the server's upload limit.
    TooLarge,
    /// Empty or unreadable.
    Damaged,
    /// A photo with fewer pixels than the document check can read
    /// ([`super::camera::large_enough`]).
    TooSmall,
}

/// The accepted type a file's first bytes announce, as the server's sniffer would decide it.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    match head {
        [0xFF, 0xD8, 0xFF, ..] => Some("jpeg"),
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("webp"),
        [b'%', b'P', b'D', b'F', b'-', ..] => Some("pdf"),
        [_, _, _, _, b'f', b't', b'y', b'p', brand @ ..]
            if brand.len() >= 4
                && matches!(
                    &brand[..4],
                    b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1"
                ) =>
        {
            Some("heic")
        }
        _ => None,
    }
}

/// A file's size and first bytes against the rules: `Ok(format)` when it may be sent.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub fn check(size: u64, head: &[u8], limit: u64) -> Result<&'static str, FileProblem> {
    if size == 0 {
        return Err(FileProblem::Damaged);
    }
    let format = sniff(head).ok_or(FileProblem::WrongType)?;
    if size > limit {
        return Err(FileProblem::TooLarge);
    }
    Ok(format)
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Array, Function, Object, Reflect, Uint8Array};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Blob, EventSource, File, FormData, MessageEvent, RequestInit, Response};

    use super::{check, FileProblem};

    /// A file the applicant picked, or a photo the camera took, that the browser accepted.
    #[derive(Clone)]
    pub struct Picked {
        pub file: Blob,
        /// The name sent with it: the picked file's, or `camera.jpg`.
        pub name: String,
        /// An object URL for the preview (images only); revoked by [`Picked::release`].
        pub preview: Option<String>,
    }

    impl Picked {
        pub fn release(&self) {
            if let Some(url) = &self.preview {
                let _ = web_sys::Url::revoke_object_url(url);
            }
        }
    }

    /// Checks a picked file from its real first bytes and size.
    pub async fn inspect(file: File, limit: u64) -> Result<Picked, FileProblem> {
        let size = file.size() as u64;
        let head = async {
            let blob = file.slice_with_i32_and_i32(0, 32).ok()?;
            let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
            Some(Uint8Array::new(&buffer).to_vec())
        }
        .await
        .ok_or(FileProblem::Damaged)?;
        let format = check(size, &head, limit)?;
        // Browsers decode these: a photo too small to read is refused before it is sent.
        if matches!(format, "jpeg" | "png" | "webp") {
            let (width, height) = dimensions(&file).await.ok_or(FileProblem::Damaged)?;
            if !super::super::camera::large_enough(width, height) {
                return Err(FileProblem::TooSmall);
            }
        }
        // Browsers cannot show HEIC or PDF in an <img>: those get a file name instead.
        let preview = matches!(format, "jpeg" | "png" | "webp")
            .then(|| web_sys::Url::create_object_url_with_blob(&file).ok())
            .flatten();
        Ok(Picked {
            name: file.name(),
            file: file.into(),
            preview,
        })
    }

    /// A photo the camera took, with its preview.
    pub fn taken(photo: Blob) -> Picked {
        let preview = web_sys::Url::create_object_url_with_blob(&photo).ok();
        Picked {
            file: photo,
            name: "camera.jpg".into(),
            preview,
        }
    }

    /// The pixel size of an image, decoded by the browser (`createImageBitmap`).
    pub async fn dimensions(blob: &Blob) -> Option<(u32, u32)> {
        let promise = web_sys::window()?
            .create_image_bitmap_with_blob(blob)
            .ok()?;
        let bitmap: web_sys::ImageBitmap = JsFuture::from(promise).await.ok()?.dyn_into().ok()?;
        let size = (bitmap.width(), bitmap.height());
        bitmap.close();
        Some(size)
    }

    /// Sends one side to `POST /v/{id}/documents`. `Err(Some(message))` is the server's
    /// localized refusal; `Err(None)` a network failure.
    pub async fn upload(
        id: &str,
        token: &str,
        lang: &str,
        side: &str,
        file: &Blob,
        name: &str,
    ) -> Result<(), Option<String>> {
        let form = FormData::new().map_err(|_| None)?;
        form.append_with_str("side", side).map_err(|_| None)?;
        form.append_with_blob_and_filename("file", file, name)
            .map_err(|_| None)?;
        let url = format!(
            "/v/{}/documents?token={}&lang={}",
            encode(id),
            encode(token),
            encode(lang)
        );
        post_form(&url, &form).await.map(|_| ())
    }

    /// A new liveness challenge: its id and the movement (`turn_left`, …).
    pub async fn liveness_challenge(
        id: &str,
        token: &str,
        lang: &str,
    ) -> Result<(String, String), Option<String>> {
        let url = format!(
            "/v/{}/liveness/challenge?token={}&lang={}",
            encode(id),
            encode(token),
            encode(lang)
        );
        let form = FormData::new().map_err(|_| None)?;
        let body = post_form(&url, &form).await?;
        let field = |k: &str| {
            Reflect::get(&body, &k.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        Ok((field("id").ok_or(None)?, field("kind").ok_or(None)?))
    }

    /// Sends the selfie and the frames of an answered challenge to `POST /v/{id}/liveness`
    /// (no challenge and no frames: an uploaded selfie, where the flow allows it).
    pub async fn send_liveness(
        id: &str,
        token: &str,
        lang: &str,
        challenge: Option<&str>,
        selfie: &Blob,
        frames: &[Blob],
    ) -> Result<(), Option<String>> {
        let form = FormData::new().map_err(|_| None)?;
        if let Some(challenge) = challenge {
            form.append_with_str("challenge", challenge)
                .map_err(|_| None)?;
        }
        form.append_with_blob_and_filename("selfie", selfie, "selfie.jpg")
            .map_err(|_| None)?;
        for (i, frame) in frames.iter().enumerate() {
            form.append_with_blob_and_filename("frame", frame, &format!("frame-{i}.jpg"))
                .map_err(|_| None)?;
        }
        let url = format!(
            "/v/{}/liveness?token={}&lang={}",
            encode(id),
            encode(token),
            encode(lang)
        );
        post_form(&url, &form).await.map(|_| ())
    }

    /// POSTs a form; the JSON answer, `Err(Some(message))` for a localized refusal, `Err(None)`
    /// for a network failure.
    async fn post_form(url: &str, form: &FormData) -> Result<JsValue, Option<String>> {
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_body(form);
        let window = web_sys::window().ok_or(None)?;
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
            .await
            .map_err(|_| None)?
            .dyn_into()
            .map_err(|_| None)?;
        let body = match response.json() {
            Ok(promise) => JsFuture::from(promise).await.ok(),
            Err(_) => None,
        };
        if response.ok() {
            return Ok(body.unwrap_or(JsValue::NULL));
        }
        Err(body
            .and_then(|b| Reflect::get(&b, &"message".into()).ok())
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty()))
    }

    fn encode(s: &str) -> String {
        String::from(js_sys::encode_uri_component(s))
    }

    /// The region names of `codes` in `lang`, from the browser's own `Intl.DisplayNames`, so the
    /// page carries no country-name tables; `None` where the browser lacks it.
    pub fn country_names(lang: &str, codes: &[String]) -> Option<Vec<(String, String)>> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: Function = Reflect::get(&intl, &"DisplayNames".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
        let args = Array::of2(&Array::of1(&lang.into()), &options);
        let names = Reflect::construct(&ctor, &args).ok()?;
        let of: Function = Reflect::get(&names, &"of".into()).ok()?.dyn_into().ok()?;
        let mut named: Vec<(String, String)> = codes
            .iter()
            .map(|code| {
                let name = of
                    .call1(&names, &code.into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_else(|| code.clone());
                (code.clone(), name)
            })
            .collect();
        named.sort_by(|a, b| a.1.cmp(&b.1));
        Some(named)
    }

    /// One check's state in a progress snapshot.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct CheckState {
        pub kind: String,
        pub status: String,
    }

    /// The checks of a snapshot (`{checks: [{type, status}]}`) and whether it is the outcome.
    fn read_snapshot(json: &JsValue) -> (Vec<CheckState>, bool) {
        let field = |v: &JsValue, k: &str| Reflect::get(v, &k.into()).ok();
        let checks = field(json, "checks")
            .map(|c| Array::from(&c))
            .map(|a| {
                a.iter()
                    .filter_map(|c| {
                        Some(CheckState {
                            kind: field(&c, "type")?.as_string()?,
                            status: field(&c, "status")?.as_string()?,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let status = field(json, "status").and_then(|s| s.as_string());
        let finished = status.is_some_and(|s| s != "processing");
        (checks, finished)
    }

    /// Follows a submitted attempt: the progress stream, or polling of `/status` every 2.5 s
    /// where event streams do not get through. `on_checks` gets every snapshot's checks;
    /// `on_outcome` is called once when the attempt is decided. Dropping the handle stops it.
    pub struct Follow {
        source: Option<EventSource>,
        _closures: Vec<Closure<dyn FnMut(MessageEvent)>>,
        stopped: std::rc::Rc<std::cell::Cell<bool>>,
    }

    impl Drop for Follow {
        fn drop(&mut self) {
            self.stopped.set(true);
            if let Some(source) = &self.source {
                source.close();
            }
        }
    }

    pub fn follow(
        id: &str,
        token: &str,
        on_checks: impl Fn(Vec<CheckState>) + 'static,
        on_outcome: impl Fn() + 'static,
    ) -> Follow {
        use std::cell::Cell;
        use std::rc::Rc;

        let stopped = Rc::new(Cell::new(false));
        let on_checks = Rc::new(on_checks);
        let on_outcome = Rc::new(on_outcome);
        let status_url = format!("/v/{}/status?token={}", encode(id), encode(token));
        let progress_url = format!("/v/{}/progress?token={}", encode(id), encode(token));
        let poll = {
            let (stopped, on_checks, on_outcome) =
                (stopped.clone(), on_checks.clone(), on_outcome.clone());
            move || {
                let (stopped, on_checks, on_outcome, url) = (
                    stopped.clone(),
                    on_checks.clone(),
                    on_outcome.clone(),
                    status_url.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    while !stopped.get() {
                        if let Some(json) = fetch_json(&url).await {
                            let (checks, finished) = read_snapshot(&json);
                            on_checks(checks);
                            if finished {
                                stopped.set(true);
                                on_outcome();
                                return;
                            }
                        }
                        sleep(2500).await;
                    }
                });
            }
        };
        let Ok(source) = EventSource::new(&progress_url) else {
            poll();
            return Follow {
                source: None,
                _closures: Vec::new(),
                stopped,
            };
        };
        let progress = {
            let on_checks = on_checks.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if let Some(json) = event
                    .data()
                    .as_string()
                    .and_then(|d| js_sys::JSON::parse(&d).ok())
                {
                    on_checks(read_snapshot(&json).0);
                }
            })
        };
        let outcome = {
            let (stopped, source) = (stopped.clone(), source.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                source.close();
                if let Some(json) = event
                    .data()
                    .as_string()
                    .and_then(|d| js_sys::JSON::parse(&d).ok())
                {
                    on_checks(read_snapshot(&json).0);
                }
                if !stopped.replace(true) {
                    on_outcome();
                }
            })
        };
        // A stream that fails (a proxy that buffers, a network that drops it) is replaced by
        // polling; EventSource's own reconnects would otherwise hide a stream that never works.
        let error = {
            let (stopped, source) = (stopped.clone(), source.clone());
            let poll = std::cell::RefCell::new(Some(poll));
            Closure::<dyn FnMut(MessageEvent)>::new(move |_: MessageEvent| {
                source.close();
                if !stopped.get() {
                    if let Some(poll) = poll.borrow_mut().take() {
                        poll();
                    }
                }
            })
        };
        let _ =
            source.add_event_listener_with_callback("progress", progress.as_ref().unchecked_ref());
        let _ =
            source.add_event_listener_with_callback("outcome", outcome.as_ref().unchecked_ref());
        source.set_onerror(Some(error.as_ref().unchecked_ref()));
        Follow {
            source: Some(source),
            _closures: vec![progress, outcome, error],
            stopped,
        }
    }

    async fn fetch_json(url: &str) -> Option<JsValue> {
        let window = web_sys::window()?;
        let response: Response = JsFuture::from(window.fetch_with_str(url))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.json().ok()?).await.ok()
    }

    pub(crate) async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
            }
        });
        let _ = JsFuture::from(promise).await;
    }

    /// Tells a parent page that framed the journey how it ended: `kyra.completed` to each origin
    /// the flow allows. The browser delivers a message only when the parent really is at the
    /// target origin, so an unlisted framer hears nothing.
    pub fn notify_parent(origins: &[String], verification_id: &str, status: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        if JsValue::from(&parent) == JsValue::from(&window) {
            return;
        }
        let message = Object::new();
        let _ = Reflect::set(&message, &"type".into(), &"kyra.completed".into());
        let _ = Reflect::set(&message, &"verification_id".into(), &verification_id.into());
        let _ = Reflect::set(&message, &"status".into(), &status.into());
        for origin in origins {
            let _ = parent.post_message(&message, origin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("pdf"));
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0"), Some("heic"));
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b"hello, world"), None);
    }

    #[test]
    fn size_and_type_are_checked() {
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0];
        assert_eq!(check(100, &jpeg, 1000), Ok("jpeg"));
        assert_eq!(check(1001, &jpeg, 1000), Err(FileProblem::TooLarge));
        assert_eq!(check(10, b"GIF89a", 1000), Err(FileProblem::WrongType));
        assert_eq!(check(0, &[], 1000), Err(FileProblem::Damaged));
    }
}
