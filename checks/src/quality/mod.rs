//! Document image quality: resolution, blur, glare, darkness, document presence.
