//! The letterhead logo of the offer PDF, read from the file the settings name:
//! a JPEG is embedded as it is (the PDF viewer decodes it, DCTDecode); a PNG
//! is decoded to 8-bit RGB, transparent parts laid on the page's white (the
//! logo sits on a white letterhead, and printpdf 0.7's soft masks take the
//! height from the width). Anything else, or a file that cannot be read, is
//! refused with an error naming the file: never a crash, never a silent PDF
//! without the logo the settings promise.

use printpdf::{ColorBits, ColorSpace, ImageFilter, ImageXObject, Px};
use std::path::Path;

use crate::error::{FileAction, RefusalSays, Wording};
use crate::{Error, Result};

/// The logo at `path` as an image the PDF embeds.
pub(super) fn load_logo(path: &Path) -> Result<ImageXObject> {
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, FileAction::Read, &e))?;
    let unusable = |why: Wording| Error::Export(why.text("file", path.display()));
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg(bytes).map_err(unusable)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png(&bytes).map_err(unusable)
    } else {
        Err(unusable(Wording::new(RefusalSays::LogoNotImage)))
    }
}

/// Width, height and colour components from the JPEG's frame header (SOFn).
/// Refused as a sentence that names the file (`{file}`) when it is added.
fn jpeg(bytes: Vec<u8>) -> std::result::Result<ImageXObject, Wording> {
    let broken = || Wording::new(RefusalSays::LogoJpegDamaged);
    let mut at = 2;
    loop {
        let marker = *bytes
            .get(at..at + 2)
            .ok_or_else(broken)?
            .get(1)
            .ok_or_else(broken)?;
        if bytes[at] != 0xFF {
            return Err(broken());
        }
        let length = usize::from(u16::from_be_bytes([
            *bytes.get(at + 2).ok_or_else(broken)?,
            *bytes.get(at + 3).ok_or_else(broken)?,
        ]));
        // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let frame = bytes.get(at + 4..at + 10).ok_or_else(broken)?;
            let height = usize::from(u16::from_be_bytes([frame[1], frame[2]]));
            let width = usize::from(u16::from_be_bytes([frame[3], frame[4]]));
            let color_space = match frame[5] {
                1 => ColorSpace::Greyscale,
                3 => ColorSpace::Rgb,
                4 => ColorSpace::Cmyk,
                n => {
                    return Err(
                        Wording::new(RefusalSays::LogoJpegComponents).number("components", n)
                    )
                }
            };
            if width == 0 || height == 0 {
                return Err(broken());
            }
            return Ok(ImageXObject {
                width: Px(width),
                height: Px(height),
                color_space,
                bits_per_component: ColorBits::Bit8,
                interpolate: true,
                image_data: bytes,
                image_filter: Some(ImageFilter::DCT),
                smask: None,
                clipping_bbox: None,
            });
        }
        at += 2 + length;
    }
}

/// Decodes a PNG to 8-bit RGB on white.
fn png(bytes: &[u8]) -> std::result::Result<ImageXObject, Wording> {
    let unreadable =
        |e: png::DecodingError| Wording::new(RefusalSays::LogoPngUnreadable).text("reason", e);
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // Palettes and low bit depths expanded, 16 bits stripped to 8.
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| Wording::new(RefusalSays::LogoPngTooLarge))?;
    let mut buffer = vec![0; size];
    let frame = reader.next_frame(&mut buffer).map_err(unreadable)?;
    let pixels = &buffer[..frame.buffer_size()];
    let on_white = |value: u8, alpha: u8| -> u8 {
        // value·α + 255·(1 − α), in integers.
        ((u16::from(value) * u16::from(alpha) + 255 * (255 - u16::from(alpha))) / 255) as u8
    };
    let rgb: Vec<u8> = match frame.color_type {
        png::ColorType::Rgb => pixels.to_vec(),
        png::ColorType::Rgba => pixels
            .chunks_exact(4)
            .flat_map(|p| {
                [
                    on_white(p[0], p[3]),
                    on_white(p[1], p[3]),
                    on_white(p[2], p[3]),
                ]
            })
            .collect(),
        png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g, g, g]).collect(),
        png::ColorType::GrayscaleAlpha => pixels
            .chunks_exact(2)
            .flat_map(|p| {
                let g = on_white(p[0], p[1]);
                [g, g, g]
            })
            .collect(),
        png::ColorType::Indexed => return Err(Wording::new(RefusalSays::LogoPngIndexed)),
    };
    Ok(ImageXObject {
        width: Px(frame.width as usize),
        height: Px(frame.height as usize),
        color_space: ColorSpace::Rgb,
        bits_per_component: ColorBits::Bit8,
        interpolate: true,
        image_data: rgb,
        image_filter: None,
        smask: None,
        clipping_bbox: None,
    })
}
