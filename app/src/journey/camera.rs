//! The live camera of the upload and selfie steps: what can go wrong with it and how the
//! applicant fixes that on their browser, and (in the browser) the camera itself — opening it,
//! taking a frame at its native resolution, a burst of frames, and closing it.
//!
//! Kept apart from the file upload so that a page without a camera step never touches any of it,
//! and so that the WASM pulls in only the few `web-sys` types the camera needs.

// On the server only the types are used: nothing of the camera runs while rendering.
#![cfg_attr(not(feature = "hydrate"), allow(dead_code))]

/// Which camera to open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facing {
    /// The rear camera, for documents.
    Environment,
    /// The front camera, for the selfie.
    User,
}

impl Facing {
    fn as_str(self) -> &'static str {
        match self {
            Facing::Environment => "environment",
            Facing::User => "user",
        }
    }
}

/// Why the camera cannot be used. Each has its own explanation and fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CameraProblem {
    /// The applicant (or a setting) refused the permission (`NotAllowedError`).
    Denied,
    /// No camera, or none that fits (`NotFoundError`, `OverconstrainedError`).
    NotFound,
    /// Another app holds the camera (`NotReadableError`).
    InUse,
    /// The page is not a secure context, so the browser offers no camera at all.
    Insecure,
    /// An app's built-in browser that gives pages no camera.
    Webview,
    /// Anything else.
    Failed,
}

impl CameraProblem {
    /// The problem a `getUserMedia` rejection names (`DOMException.name`).
    pub fn from_error_name(name: &str) -> CameraProblem {
        match name {
            "NotAllowedError" | "SecurityError" | "PermissionDeniedError" => CameraProblem::Denied,
            "NotFoundError" | "OverconstrainedError" | "DevicesNotFoundError" => {
                CameraProblem::NotFound
            }
            "NotReadableError" | "TrackStartError" | "AbortError" => CameraProblem::InUse,
            _ => CameraProblem::Failed,
        }
    }
}

/// The browser family whose settings the explanation walks through, from the user agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    /// Any browser on iPhone or iPad: all use Safari's engine and Safari's camera setting.
    Ios,
    Android,
    Firefox,
    /// Desktop Safari.
    Safari,
    /// Desktop Chrome, Edge and other Chromium browsers.
    Chrome,
    Other,
}

impl Platform {
    pub fn of(user_agent: &str) -> Platform {
        let ua = user_agent;
        if ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod") {
            Platform::Ios
        } else if ua.contains("Android") {
            Platform::Android
        } else if ua.contains("Firefox/") {
            Platform::Firefox
        } else if ua.contains("Chrome/") || ua.contains("Chromium/") || ua.contains("Edg/") {
            Platform::Chrome
        } else if ua.contains("Safari/") && ua.contains("Version/") {
            Platform::Safari
        } else {
            Platform::Other
        }
    }
}

/// Whether the user agent is an app's built-in browser (Instagram, Facebook, an Android
/// WebView, an iOS app's WKWebView): those often give pages no camera, and the fix is to open
/// the link in the real browser.
pub fn is_webview(user_agent: &str) -> bool {
    let ua = user_agent;
    let in_app = [
        "FBAN",
        "FBAV",
        "Instagram",
        "Line/",
        "Twitter",
        "TikTok",
        "Snapchat",
    ];
    if in_app.iter().any(|m| ua.contains(m)) || ua.contains("; wv)") {
        return true;
    }
    // iOS: a real Safari says `Safari/`; Chrome and Firefox on iOS say `CriOS`/`FxiOS`.
    let ios = ua.contains("iPhone") || ua.contains("iPad");
    ios && !ua.contains("Safari/") && !ua.contains("CriOS") && !ua.contains("FxiOS")
}

/// The problem to report when the browser has no `navigator.mediaDevices` at all.
pub fn without_media_devices(secure: bool, user_agent: &str) -> CameraProblem {
    if !secure {
        CameraProblem::Insecure
    } else if is_webview(user_agent) {
        CameraProblem::Webview
    } else {
        CameraProblem::Failed
    }
}

/// Smallest photo the browser lets through, in pixels (long × short side). The document
/// quality check declines a photo whose short side is under 600 pixels (`LOW_RESOLUTION`), so a
/// smaller one is refused at once, with a message, instead of after the whole journey.
pub const MIN_LONG_SIDE: u32 = 800;
pub const MIN_SHORT_SIDE: u32 = 600;

/// Whether a photo of `width` × `height` pixels is large enough, in either orientation.
pub fn large_enough(width: u32, height: u32) -> bool {
    width.max(height) >= MIN_LONG_SIDE && width.min(height) >= MIN_SHORT_SIDE
}

/// Frames of the liveness burst, and the time between two of them: 8 frames over ~2 s.
pub const BURST_FRAMES: usize = 8;
pub const BURST_INTERVAL_MS: i32 = 250;

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Object, Promise, Reflect};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
        MediaStreamConstraints, MediaStreamTrack,
    };

    use super::{without_media_devices, CameraProblem, Facing};

    /// An open camera. Dropping it stops every track, so the camera light goes off as soon as
    /// the applicant leaves the step.
    pub struct Camera {
        stream: MediaStream,
    }

    impl Drop for Camera {
        fn drop(&mut self) {
            for track in self.stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
    }

    fn user_agent() -> String {
        web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_default()
    }

    /// The browser's user agent, for the platform-specific explanation.
    pub fn platform() -> super::Platform {
        super::Platform::of(&user_agent())
    }

    /// Opens the camera facing `facing` at a high resolution and shows it in `video`.
    pub async fn open(video: &HtmlVideoElement, facing: Facing) -> Result<Camera, CameraProblem> {
        let window = web_sys::window().ok_or(CameraProblem::Failed)?;
        let secure = window.is_secure_context();
        let navigator = window.navigator();
        // `mediaDevices` is missing outside secure contexts and in some webviews.
        let devices = Reflect::get(&navigator, &"mediaDevices".into())
            .ok()
            .filter(|d| !d.is_undefined() && !d.is_null())
            .and_then(|d| d.dyn_into::<web_sys::MediaDevices>().ok())
            .ok_or_else(|| without_media_devices(secure, &user_agent()))?;
        let video_constraints = Object::new();
        let ideal = |value: JsValue| {
            let o = Object::new();
            let _ = Reflect::set(&o, &"ideal".into(), &value);
            o
        };
        let _ = Reflect::set(
            &video_constraints,
            &"facingMode".into(),
            &ideal(facing.as_str().into()),
        );
        // Ask for much; the camera gives the nearest it has. Documents need the pixels.
        let _ = Reflect::set(&video_constraints, &"width".into(), &ideal(1920.into()));
        let _ = Reflect::set(&video_constraints, &"height".into(), &ideal(1080.into()));
        let constraints = MediaStreamConstraints::new();
        constraints.set_video(&video_constraints);
        constraints.set_audio(&false.into());
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|e| problem_of(&e))?;
        let stream: MediaStream = JsFuture::from(promise)
            .await
            .map_err(|e| problem_of(&e))?
            .dyn_into()
            .map_err(|_| CameraProblem::Failed)?;
        let camera = Camera { stream };
        video.set_src_object(Some(&camera.stream));
        video.set_muted(true);
        let _ = video.set_attribute("playsinline", "");
        if let Ok(playing) = video.play() {
            let _ = JsFuture::from(playing).await;
        }
        Ok(camera)
    }

    fn problem_of(error: &JsValue) -> CameraProblem {
        let name = Reflect::get(error, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        match CameraProblem::from_error_name(&name) {
            // A webview refuses without ever asking: the browser's settings are no help there.
            CameraProblem::Denied if super::is_webview(&user_agent()) => CameraProblem::Webview,
            problem => problem,
        }
    }

    /// The current frame of `video` at the camera's native resolution, as a JPEG (quality 0.92).
    pub async fn grab(video: &HtmlVideoElement) -> Option<Blob> {
        let (width, height) = (video.video_width(), video.video_height());
        if width == 0 || height == 0 {
            return None;
        }
        let document = web_sys::window()?.document()?;
        let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(width);
        canvas.set_height(height);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_html_video_element(video, 0.0, 0.0)
            .ok()?;
        let promise = Promise::new(&mut |resolve, _| {
            let answer = resolve.clone();
            let callback = Closure::once_into_js(move |blob: JsValue| {
                let _ = answer.call1(&JsValue::NULL, &blob);
            });
            if canvas
                .to_blob_with_type_and_encoder_options(
                    callback.unchecked_ref(),
                    "image/jpeg",
                    &0.92.into(),
                )
                .is_err()
            {
                let _ = resolve.call1(&JsValue::NULL, &JsValue::NULL);
            }
        });
        JsFuture::from(promise).await.ok()?.dyn_into().ok()
    }

    /// `frames` frames of `video`, `interval_ms` apart.
    pub async fn burst(video: &HtmlVideoElement, frames: usize, interval_ms: i32) -> Vec<Blob> {
        let mut taken = Vec::with_capacity(frames);
        for i in 0..frames {
            if i > 0 {
                crate::journey::capture::sleep(interval_ms).await;
            }
            if let Some(blob) = grab(video).await {
                taken.push(blob);
            }
        }
        taken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const IOS_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const IOS_INSTAGRAM: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 330.0.0.0";
    const IOS_WKWEBVIEW: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36";
    const ANDROID_WEBVIEW: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.0.0 Mobile Safari/537.36";
    const MAC_SAFARI: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
    const LINUX_FIREFOX: &str =
        "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";
    const WIN_CHROME: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36";

    #[test]
    fn platforms_come_from_the_user_agent() {
        assert_eq!(Platform::of(IOS_SAFARI), Platform::Ios);
        assert_eq!(Platform::of(ANDROID_CHROME), Platform::Android);
        assert_eq!(Platform::of(MAC_SAFARI), Platform::Safari);
        assert_eq!(Platform::of(LINUX_FIREFOX), Platform::Firefox);
        assert_eq!(Platform::of(WIN_CHROME), Platform::Chrome);
        assert_eq!(Platform::of("curl/8.0"), Platform::Other);
    }

    #[test]
    fn webviews_are_told_apart_from_browsers() {
        for ua in [IOS_INSTAGRAM, IOS_WKWEBVIEW, ANDROID_WEBVIEW] {
            assert!(is_webview(ua), "{ua}");
        }
        for ua in [
            IOS_SAFARI,
            ANDROID_CHROME,
            MAC_SAFARI,
            LINUX_FIREFOX,
            WIN_CHROME,
        ] {
            assert!(!is_webview(ua), "{ua}");
        }
        assert_eq!(
            without_media_devices(false, IOS_SAFARI),
            CameraProblem::Insecure
        );
        assert_eq!(
            without_media_devices(true, IOS_INSTAGRAM),
            CameraProblem::Webview
        );
    }

    #[test]
    fn errors_map_to_problems() {
        assert_eq!(
            CameraProblem::from_error_name("NotAllowedError"),
            CameraProblem::Denied
        );
        assert_eq!(
            CameraProblem::from_error_name("NotFoundError"),
            CameraProblem::NotFound
        );
        assert_eq!(
            CameraProblem::from_error_name("OverconstrainedError"),
            CameraProblem::NotFound
        );
        assert_eq!(
            CameraProblem::from_error_name("NotReadableError"),
            CameraProblem::InUse
        );
        assert_eq!(
            CameraProblem::from_error_name("TypeError"),
            CameraProblem::Failed
        );
    }

    #[test]
    fn the_minimum_size_matches_the_quality_check() {
        let quality = kyra_checks::quality::QualityConfig::default();
        assert_eq!(MIN_SHORT_SIDE, quality.min_short_side);
        assert!(large_enough(1280, 720) && large_enough(720, 1280));
        assert!(!large_enough(640, 480) && !large_enough(1000, 500));
    }
}
