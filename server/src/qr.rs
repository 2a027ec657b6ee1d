//! QR codes for phones to scan (the journey's handoff link, an authenticator key): SVG `data:`
//! URLs, dark on white whatever the page's colours, with the quiet zone phone cameras need.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The QR code of `text` as an SVG `data:` URL; `None` when `text` is too long for a QR code.
pub fn svg_data_url(text: &str) -> Option<String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg)
    ))
}
