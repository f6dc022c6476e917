//! Text encodings of supplier feeds: detected from the first bytes (a BOM, the
//! XML declaration, valid UTF-8, else Windows-1252) or chosen by the user, and
//! transcoded to UTF-8 while the file streams through.

use encoding_rs::Encoding;
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};
use serde::{Deserialize, Serialize};
use std::io::{self, Read};

/// How many bytes are looked at to detect a format, an encoding or a separator.
pub const SNIFF_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
// Every name is spelled out: serde and specta split "Utf8" and "Iso8859_1" into
// snake case differently, and the UI must send what the core reads.
pub enum FeedEncoding {
    #[serde(rename = "utf8")]
    Utf8,
    #[serde(rename = "utf16_le")]
    Utf16Le,
    #[serde(rename = "utf16_be")]
    Utf16Be,
    /// Latin-1. Decoded as Windows-1252, its superset in every real file (the
    /// WHATWG rule browsers follow: 0x80–0x9F are printable there, controls in Latin-1).
    #[serde(rename = "iso8859_1")]
    Iso8859_1,
    /// Latin-9 (has the euro sign at 0xA4).
    #[serde(rename = "iso8859_15")]
    Iso8859_15,
    #[serde(rename = "windows1252")]
    Windows1252,
}

impl FeedEncoding {
    pub fn encoding(self) -> &'static Encoding {
        match self {
            FeedEncoding::Utf8 => encoding_rs::UTF_8,
            FeedEncoding::Utf16Le => encoding_rs::UTF_16LE,
            FeedEncoding::Utf16Be => encoding_rs::UTF_16BE,
            FeedEncoding::Iso8859_1 | FeedEncoding::Windows1252 => encoding_rs::WINDOWS_1252,
            FeedEncoding::Iso8859_15 => encoding_rs::ISO_8859_15,
        }
    }

    /// The encoding an XML declaration or a user names (`ISO-8859-1`, `latin1`, `cp1252`, ...).
    pub fn from_label(label: &str) -> Option<FeedEncoding> {
        let normal = label.trim().to_ascii_lowercase();
        match normal.as_str() {
            "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "iso_8859-1" => {
                return Some(FeedEncoding::Iso8859_1)
            }
            "iso-8859-15" | "iso8859-15" | "latin9" | "latin-9" | "iso_8859-15" => {
                return Some(FeedEncoding::Iso8859_15)
            }
            _ => {}
        }
        let encoding = Encoding::for_label(normal.as_bytes())?;
        [
            FeedEncoding::Utf8,
            FeedEncoding::Utf16Le,
            FeedEncoding::Utf16Be,
            FeedEncoding::Windows1252,
            FeedEncoding::Iso8859_15,
        ]
        .into_iter()
        .find(|e| e.encoding() == encoding)
    }
}

/// The encoding the first bytes of a file show: a byte-order mark; UTF-16 text
/// without one (every other byte zero); the `encoding` of an XML declaration;
/// valid UTF-8; else Windows-1252 (the usual encoding of German exports).
pub fn detect_encoding(prefix: &[u8]) -> FeedEncoding {
    if prefix.starts_with(b"\xEF\xBB\xBF") {
        return FeedEncoding::Utf8;
    }
    if prefix.starts_with(b"\xFF\xFE") {
        return FeedEncoding::Utf16Le;
    }
    if prefix.starts_with(b"\xFE\xFF") {
        return FeedEncoding::Utf16Be;
    }
    if let Some(utf16) = utf16_without_bom(prefix) {
        return utf16;
    }
    // Bytes that are not UTF-16 (checked above) cannot be read as UTF-16,
    // whatever a declaration says: [`xml_encoding`] refuses such a file.
    if let Some(declared) = xml_declared_encoding(prefix).filter(|e| !e.is_utf16()) {
        return declared;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => FeedEncoding::Utf8,
        // Cut in the middle of a character at the end of the prefix: still UTF-8.
        Err(e) if e.error_len().is_none() => FeedEncoding::Utf8,
        Err(_) => FeedEncoding::Windows1252,
    }
}

/// ASCII text in UTF-16 has a zero in every other byte.
fn utf16_without_bom(prefix: &[u8]) -> Option<FeedEncoding> {
    let sample = &prefix[..prefix.len().min(512) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zeros_even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let zeros_odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if zeros_odd * 10 >= pairs * 8 && zeros_even * 10 <= pairs {
        Some(FeedEncoding::Utf16Le)
    } else if zeros_even * 10 >= pairs * 8 && zeros_odd * 10 <= pairs {
        Some(FeedEncoding::Utf16Be)
    } else {
        None
    }
}

/// `<?xml version="1.0" encoding="ISO-8859-1"?>` → Latin-1.
fn xml_declared_encoding(prefix: &[u8]) -> Option<FeedEncoding> {
    FeedEncoding::from_label(&declared_label(prefix)?)
}

/// The `encoding` label of an XML declaration in ASCII-compatible bytes.
fn declared_label(prefix: &[u8]) -> Option<String> {
    let head = &prefix[..prefix.len().min(256)];
    let start = head.windows(5).position(|w| w == b"<?xml")?;
    let end = head[start..].windows(2).position(|w| w == b"?>")? + start;
    let declaration = std::str::from_utf8(&head[start..end]).ok()?;
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    Some(rest[1..].split(quote).next()?.to_owned())
}

impl FeedEncoding {
    pub fn is_utf16(self) -> bool {
        matches!(self, FeedEncoding::Utf16Le | FeedEncoding::Utf16Be)
    }
}

/// How markup is spelled in the first bytes, if they start with it (after a
/// byte-order mark and white space): in an 8-bit encoding, or in UTF-16.
fn markup_bytes(prefix: &[u8]) -> Option<FeedEncoding> {
    fn starts(mut units: impl Iterator<Item = u16>) -> bool {
        units
            .find(|u| !matches!(u, 0x20 | 0x09 | 0x0A | 0x0D))
            .is_some_and(|u| u == u16::from(b'<'))
    }
    fn utf16(bytes: &[u8], little: bool) -> impl Iterator<Item = u16> + '_ {
        bytes.chunks_exact(2).take(256).map(move |p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
    }
    if let Some(rest) = prefix.strip_prefix(b"\xFF\xFE") {
        return starts(utf16(rest, true)).then_some(FeedEncoding::Utf16Le);
    }
    if let Some(rest) = prefix.strip_prefix(b"\xFE\xFF") {
        return starts(utf16(rest, false)).then_some(FeedEncoding::Utf16Be);
    }
    // `<` in UTF-16 without a byte-order mark: `<\0` or `\0<` (8-bit text
    // never pairs it with a zero byte).
    if starts(utf16(prefix, true)) {
        return Some(FeedEncoding::Utf16Le);
    }
    if starts(utf16(prefix, false)) {
        return Some(FeedEncoding::Utf16Be);
    }
    // ASCII-compatible (UTF-8, Latin-1, ...): `Utf8` stands for all of them here.
    let plain = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    starts(plain.iter().take(512).map(|b| u16::from(*b))).then_some(FeedEncoding::Utf8)
}

/// Whether the first bytes are markup (XML), in whatever encoding.
pub fn starts_with_markup(prefix: &[u8]) -> bool {
    markup_bytes(prefix).is_some()
}

/// The encoding to read an XML file in: what its bytes show (a byte-order mark,
/// UTF-16's zero bytes) and its declaration says. A declaration the bytes
/// contradict is refused with why: UTF-16 declared for 8-bit bytes can only
/// give garbage, and which 8-bit encoding was meant is a guess. (UTF-16 bytes
/// declared as an 8-bit encoding are read as the UTF-16 they plainly are.)
pub fn xml_encoding(prefix: &[u8]) -> Result<FeedEncoding, String> {
    let found = detect_encoding(prefix);
    if found.is_utf16() {
        return Ok(found);
    }
    if let Some(utf16) = markup_bytes(prefix).filter(|e| e.is_utf16()) {
        return Ok(utf16);
    }
    match declared_label(prefix) {
        Some(label) if FeedEncoding::from_label(&label).is_some_and(FeedEncoding::is_utf16) => {
            Err(format!(
                "its XML declaration says encoding=\"{label}\", but its bytes are not UTF-16 \
                 (they read as {}); save it again with a declaration that matches its bytes \
                 (or none)",
                found.label()
            ))
        }
        _ => Ok(found),
    }
}

impl FeedEncoding {
    /// The usual name of the encoding.
    pub fn label(self) -> &'static str {
        match self {
            FeedEncoding::Utf8 => "UTF-8",
            FeedEncoding::Utf16Le => "UTF-16LE",
            FeedEncoding::Utf16Be => "UTF-16BE",
            FeedEncoding::Iso8859_1 => "ISO-8859-1",
            FeedEncoding::Iso8859_15 => "ISO-8859-15",
            FeedEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// The whole stream again: the sniffed prefix, then the rest.
pub type Resniffed<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads the first [`SNIFF_BYTES`] of `reader` and gives them back together with
/// a reader that yields the whole stream again (the prefix, then the rest).
pub fn sniff<R: Read>(mut reader: R) -> io::Result<(Vec<u8>, Resniffed<R>)> {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut prefix)?;
    Ok((prefix.clone(), io::Cursor::new(prefix).chain(reader)))
}

/// UTF-8 bytes of `reader` decoded as `encoding`, without a BOM. UTF-8 input
/// passes through unchanged (bad bytes are then reported where they are found
/// instead of silently becoming U+FFFD).
pub fn decode<R: Read>(reader: R, encoding: FeedEncoding) -> DecodeReaderBytes<R, Vec<u8>> {
    // An explicit UTF-8 decoder would replace bad bytes; without one, UTF-8
    // passes through as it is.
    let explicit = (encoding != FeedEncoding::Utf8).then(|| encoding.encoding());
    DecodeReaderBytesBuilder::new()
        .encoding(explicit)
        .utf8_passthru(true)
        .strip_bom(true)
        .build(reader)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], encoding: FeedEncoding) -> String {
        let mut text = String::new();
        decode(bytes, encoding)
            .read_to_string(&mut text)
            .expect("decodes");
        text
    }

    #[test]
    fn detects_boms_utf8_and_legacy() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFpuid;ean"), FeedEncoding::Utf8);
        assert_eq!(detect_encoding(b"\xFF\xFEp\0u\0"), FeedEncoding::Utf16Le);
        assert_eq!(detect_encoding(b"\xFE\xFF\0p\0u"), FeedEncoding::Utf16Be);
        assert_eq!(detect_encoding(b"p\0u\0i\0d\0;\0"), FeedEncoding::Utf16Le);
        assert_eq!(
            detect_encoding("Größe;Preis".as_bytes()),
            FeedEncoding::Utf8
        );
        assert_eq!(
            detect_encoding(b"Gr\xF6\xDFe;Preis"),
            FeedEncoding::Windows1252
        );
        assert_eq!(
            detect_encoding(b"<?xml version=\"1.0\" encoding='ISO-8859-15'?><BMECAT/>"),
            FeedEncoding::Iso8859_15
        );
        // A multi-byte character cut by the end of the prefix is still UTF-8.
        assert_eq!(detect_encoding(&"aä".as_bytes()[..2]), FeedEncoding::Utf8);
    }

    #[test]
    fn transcodes_to_utf8_and_drops_the_bom() {
        assert_eq!(
            decoded(b"\xEF\xBB\xBFa;\xC3\xA4", FeedEncoding::Utf8),
            "a;ä"
        );
        assert_eq!(
            decoded(b"\xFF\xFEa\0;\0\xE4\0", FeedEncoding::Utf16Le),
            "a;ä"
        );
        assert_eq!(decoded(b"\0a\0;\0\xE4", FeedEncoding::Utf16Be), "a;ä");
        assert_eq!(decoded(b"\x80 \xE4", FeedEncoding::Windows1252), "€ ä");
        assert_eq!(decoded(b"\xA4", FeedEncoding::Iso8859_15), "€");
        assert_eq!(decoded(b"\xE4", FeedEncoding::Iso8859_1), "ä");
    }

    #[test]
    fn markup_is_found_in_any_encodings_bytes() {
        let utf16le: Vec<u8> = "<?xml version=\"1.0\"?><BMECAT/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let utf16be: Vec<u8> = " <BMECAT/>"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        for (bytes, form) in [
            (
                &b"<?xml version=\"1.0\"?><BMECAT/>"[..],
                Some(FeedEncoding::Utf8),
            ),
            (b"\xEF\xBB\xBF\r\n  <BMECAT/>", Some(FeedEncoding::Utf8)),
            (&utf16le, Some(FeedEncoding::Utf16Le)),
            (&utf16be, Some(FeedEncoding::Utf16Be)),
            (
                &[b"\xFF\xFE".as_slice(), &utf16le].concat(),
                Some(FeedEncoding::Utf16Le),
            ),
            (b"puid;ean\n<1>;2", None),
            (b"", None),
        ] {
            assert_eq!(markup_bytes(bytes), form, "{bytes:?}");
        }
    }

    #[test]
    fn an_xml_declaration_the_bytes_contradict_is_refused_with_why() {
        let declared = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<BMECAT version=\"2005\"/>";
        // Detected as the UTF-8 it is, never as UTF-16 mojibake.
        assert_eq!(detect_encoding(declared), FeedEncoding::Utf8);
        let reason = xml_encoding(declared).unwrap_err();
        assert!(reason.contains("encoding=\"UTF-16\""), "{reason}");
        assert!(
            reason.contains("not UTF-16 (they read as UTF-8)"),
            "{reason}"
        );
        // UTF-16 bytes declared as Latin-1 are read as the UTF-16 they are.
        let utf16: Vec<u8> = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><BMECAT/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(xml_encoding(&utf16), Ok(FeedEncoding::Utf16Le));
        // A declaration the bytes agree with is followed.
        assert_eq!(
            xml_encoding(b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><BMECAT/>"),
            Ok(FeedEncoding::Iso8859_15)
        );
        assert_eq!(xml_encoding(b"<BMECAT/>"), Ok(FeedEncoding::Utf8));
    }

    #[test]
    fn labels() {
        assert_eq!(FeedEncoding::from_label("UTF-8"), Some(FeedEncoding::Utf8));
        assert_eq!(
            FeedEncoding::from_label("latin1"),
            Some(FeedEncoding::Iso8859_1)
        );
        assert_eq!(
            FeedEncoding::from_label("cp1252"),
            Some(FeedEncoding::Windows1252)
        );
        assert_eq!(FeedEncoding::from_label("klingon"), None);
    }
}
