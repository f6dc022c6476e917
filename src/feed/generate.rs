//! A realistic ITScope-style product feed of any size, for benchmarks and
//! memory tests: `;` separated, decimal comma with thousands points, real
//! manufacturer names, EANs with correct check digits. The same seed always
//! gives the same file; rows are written one at a time.

use rust_decimal::Decimal;
use std::io::Write;

/// The ITScope export columns the generator writes, in order (the standard
/// export has both the product type's id and its name).
pub const ITSCOPE_COLUMNS: [&str; 16] = [
    "puid",
    "ean",
    "manufacturerSKU",
    "manufacturerName",
    "productNameWithManufacturer",
    "shortDescription",
    "longDescription",
    "productTypeId",
    "productTypeName",
    "price",
    "priceCalc",
    "currencyCode",
    "taxRate",
    "stockStatus",
    "stock",
    "supplierSKU",
];

const MANUFACTURERS: [(&str, &str); 10] = [
    ("Lenovo", "20"),
    ("HP Inc.", "6A"),
    ("Dell", "DL"),
    ("Fujitsu", "VFY"),
    ("Cisco", "C9"),
    ("Logitech", "910-"),
    ("Samsung", "LS"),
    ("APC", "SMT"),
    ("Kingston", "KF"),
    ("Microsoft", "QR"),
];

/// (product type id, noun, adjectives, price range in euros)
type ProductType = (&'static str, &'static str, [&'static str; 3], (i64, i64));

const PRODUCT_TYPES: [ProductType; 8] = [
    (
        "1001",
        "Notebook",
        ["14\" FHD", "16 GB RAM", "512 GB SSD"],
        (650, 2400),
    ),
    (
        "1002",
        "Monitor",
        ["27\" QHD", "USB-C", "höhenverstellbar"],
        (140, 900),
    ),
    (
        "1003",
        "Dockingstation",
        ["USB-C", "100 W", "Dual-Display"],
        (90, 330),
    ),
    (
        "1004",
        "Switch",
        ["24 Port", "PoE+", "managed"],
        (180, 4200),
    ),
    (
        "1005",
        "Maus",
        ["kabellos", "ergonomisch", "Bluetooth"],
        (12, 120),
    ),
    ("1006", "USV", ["1500 VA", "Rack 2U", "LCD"], (320, 1800)),
    (
        "1007",
        "Arbeitsspeicher",
        ["32 GB", "DDR5-5600", "CL40"],
        (60, 260),
    ),
    (
        "1008",
        "Headset",
        ["Stereo", "Teams-zertifiziert", "ANC"],
        (40, 340),
    ),
];

/// The product line a manufacturer sells a product type under (ThinkPad
/// notebooks, UltraSharp monitors), so that searches like `lenovo thinkpad`
/// find what they would in a real feed; `None`: named by the type.
fn product_line(manufacturer: &str, type_id: &str) -> Option<&'static str> {
    Some(match (manufacturer, type_id) {
        ("Lenovo", "1001") => "ThinkPad",
        ("Lenovo", "1002") => "ThinkVision",
        ("Lenovo", "1003") => "ThinkPad USB-C Dock",
        ("HP Inc.", "1001") => "EliteBook",
        ("HP Inc.", "1002") => "E-Series",
        ("HP Inc.", "1003") => "USB-C Dock",
        ("Dell", "1001") => "Latitude",
        ("Dell", "1002") => "UltraSharp",
        ("Dell", "1003") => "Dock",
        ("Fujitsu", "1001") => "Lifebook",
        ("Cisco", "1004") => "Catalyst",
        ("Logitech", "1005") => "MX Master",
        ("Logitech", "1008") => "Zone",
        ("Microsoft", "1001") => "Surface Laptop",
        ("APC", "1006") => "Smart-UPS",
        ("Kingston", "1007") => "Fury",
        _ => return None,
    })
}

/// The product type's name as ITScope's German export writes it (the noun of
/// the generated names is singular: "Notebook", ITScope's types are plural).
fn type_name(noun: &str) -> &str {
    match noun {
        "Notebook" => "Notebooks",
        "Monitor" => "Monitore",
        "Dockingstation" => "Dockingstationen",
        "Switch" => "Switches",
        "Maus" => "Mäuse",
        "Arbeitsspeicher" => "Arbeitsspeicher",
        "Headset" => "Headsets",
        other => other,
    }
}

const STOCK: [&str; 4] = ["1", "1", "2", "3"];

/// SplitMix64: tiny, fast and fully determined by its seed (no dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        &items[i]
    }
}

/// EAN-13 with a German GS1 prefix and a correct check digit.
fn ean(rng: &mut Rng) -> String {
    let mut digits: Vec<u32> = vec![4, u32::try_from(rng.below(5)).unwrap_or(0)];
    while digits.len() < 12 {
        digits.push(u32::try_from(rng.below(10)).unwrap_or(0));
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    digits.push((10 - sum % 10) % 10);
    digits
        .iter()
        .map(|d| char::from(b'0' + d.to_le_bytes()[0]))
        .collect()
}

/// `1.234,56`: a decimal comma, thousands grouped with points.
fn german_amount(amount: Decimal) -> String {
    let text = format!("{:.2}", amount);
    let (integer, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, c) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{grouped},{fraction}")
}

/// Writes a header and `rows` articles to `out`; returns the rows written.
pub fn generate_itscope_feed(rows: u64, seed: u64, out: impl Write) -> csv::Result<u64> {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    writer.write_record(ITSCOPE_COLUMNS)?;
    let mut rng = Rng(seed);
    for n in 0..rows {
        let (manufacturer, sku_prefix) = *rng.pick(&MANUFACTURERS);
        let (type_id, noun, adjectives, (low, high)) = *rng.pick(&PRODUCT_TYPES);
        let model = format!("{}{:04}", &noun[..2].to_uppercase(), rng.below(10_000));
        let sku = format!("{sku_prefix}{:06}", rng.below(1_000_000));
        let name = format!(
            "{manufacturer} {} {model}",
            product_line(manufacturer, type_id).unwrap_or(noun)
        );
        let short = format!("{noun} {}, {}", adjectives[0], adjectives[1]);
        let long = format!(
            "{name}: {noun}, {}, {}, {}. Mit 3 Jahren Herstellergarantie; \"Business\"-Serie.",
            adjectives[0], adjectives[1], adjectives[2]
        );
        let span = u64::try_from((high - low) * 100).unwrap_or(1);
        let cost_cents = low * 100 + i64::try_from(rng.below(span)).unwrap_or(0);
        let cost = Decimal::new(cost_cents, 2);
        // A sales price 12–35 % above cost, rounded to cents once.
        let margin = Decimal::new(112 + i64::try_from(rng.below(24)).unwrap_or(0), 2);
        let list = (cost * margin).round_dp(2);
        let stock_status = *rng.pick(&STOCK);
        let stock = if stock_status == "3" {
            0
        } else {
            rng.below(500)
        };
        writer.write_record([
            format!("{}", 10_000_000 + n),
            ean(&mut rng),
            sku,
            manufacturer.to_owned(),
            name,
            short,
            long,
            type_id.to_owned(),
            type_name(noun).to_owned(),
            german_amount(cost),
            german_amount(list),
            "EUR".to_owned(),
            "19".to_owned(),
            stock_status.to_owned(),
            stock.to_string(),
            format!("SUP-{:08}", rng.below(100_000_000)),
        ])?;
    }
    writer.flush()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_feed_and_valid_eans() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        generate_itscope_feed(50, 7, &mut a).expect("writes");
        generate_itscope_feed(50, 7, &mut b).expect("writes");
        assert_eq!(a, b);
        let mut c = Vec::new();
        generate_itscope_feed(50, 8, &mut c).expect("writes");
        assert_ne!(a, c);
        let mut rng = Rng(1);
        for _ in 0..1000 {
            assert!(crate::money::is_valid_gtin(&ean(&mut rng)));
        }
        assert_eq!(german_amount(Decimal::new(123_456_789, 2)), "1.234.567,89");
        assert_eq!(german_amount(Decimal::new(1999, 2)), "19,99");
    }
}
