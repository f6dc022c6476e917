//! CSV and XLSX feeds: every encoding and separator, decimal marks, mapping
//! profiles, real line numbers, and malformed files.

use rust_decimal::Decimal;
use servicefolio::catalog::StockStatus;
use servicefolio::error::FeedError;
use servicefolio::feed::{
    generate_itscope_feed, preview_feed, read_csv, read_feed, read_xlsx, ArticleField,
    ColumnMapping, DecimalMark, FeedEncoding, FeedFailure, FeedFormat, FeedItem, FeedOptions,
    MappingProfile, RowProblem, Separator, SupplierArticle,
};
use std::convert::Infallible;
use std::io::Cursor;

fn d(text: &str) -> Decimal {
    text.parse().expect("test literal")
}

/// (articles, problems) of a CSV read with `profile`, or why it was refused.
fn read_with(
    bytes: &[u8],
    profile: &MappingProfile,
) -> Result<(Vec<SupplierArticle>, Vec<RowProblem>), FeedError> {
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    let result = read_csv(bytes, profile, "feed.csv", &mut |item| {
        match item {
            FeedItem::Article(a) => articles.push(*a),
            FeedItem::Problem(p) => problems.push(p),
            other => panic!("no {other:?} in a CSV"),
        }
        Ok::<(), Infallible>(())
    });
    match result {
        Ok(_) => Ok((articles, problems)),
        Err(FeedFailure::Refused(e)) => Err(e),
        Err(FeedFailure::Stopped(never)) => match never {},
    }
}

fn read(bytes: &[u8]) -> (Vec<SupplierArticle>, Vec<RowProblem>) {
    read_with(bytes, &MappingProfile::itscope()).expect("reads")
}

const ITSCOPE: &str = "puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;shortDescription;longDescription;productTypeId;productTypeName;price;priceCalc;currencyCode;stockStatus;stock;supplierSKU\n\
10001;4006381333931;20W0003EGE;Lenovo;Lenovo ThinkPad T14 Gen 4;Notebook 14\";\"Ein robustes Notebook;\nmit zwei Zeilen\";1001;Notebooks;1.234,56;1.499,00;EUR;1;12;SUP-1\n\
\n\
10002;;6A1B2AA;HP Inc.;HP E24 G5 Monitor;Monitor 24\";Größe 24 Zoll – matt;1002;Monitore;189,9;;eur;3;0;SUP-2\n\
10003;;X;Dell;Dell Dock;Dock;;1003;Dockingstationen;12.3.4;;EUR;;;SUP-3\n\
10004;;Y;Dell;Dell Maus;Maus;;1005;Mäuse;9,99;;EURO;lagernd;viele;SUP-4\n";

#[test]
fn itscope_export_reads_with_decimal_comma_and_real_line_numbers() {
    let (articles, problems) = read(ITSCOPE.as_bytes());
    assert_eq!(articles.len(), 2);
    let thinkpad = &articles[0];
    assert_eq!(thinkpad.location.line, 2);
    assert_eq!(thinkpad.source_key, "10001");
    assert_eq!(thinkpad.ean.as_deref(), Some("4006381333931"));
    assert_eq!(thinkpad.manufacturer.as_deref(), Some("Lenovo"));
    assert_eq!(
        thinkpad.manufacturer_part_number.as_deref(),
        Some("20W0003EGE")
    );
    assert_eq!(thinkpad.name.as_deref(), Some("Lenovo ThinkPad T14 Gen 4"));
    assert_eq!(
        thinkpad.long_description.as_deref(),
        Some("Ein robustes Notebook;\nmit zwei Zeilen")
    );
    // The category is the product type's name, not its id.
    assert_eq!(thinkpad.category.as_deref(), Some("Notebooks"));
    assert_eq!(thinkpad.cost_price, Some(d("1234.56")));
    assert_eq!(thinkpad.list_price, Some(d("1499.00")));
    assert_eq!(thinkpad.currency.as_deref(), Some("EUR"));
    assert_eq!(thinkpad.stock_status, Some(StockStatus::InStock));
    assert_eq!(thinkpad.stock_quantity, Some(12));
    assert_eq!(thinkpad.supplier_sku.as_deref(), Some("SUP-1"));

    // Line 3 continues the quoted description, line 4 is blank.
    let monitor = &articles[1];
    assert_eq!(monitor.location.line, 5);
    assert_eq!(monitor.cost_price, Some(d("189.9")));
    assert_eq!(monitor.list_price, None);
    assert_eq!(monitor.currency.as_deref(), Some("EUR"), "eur upper-cased");
    assert_eq!(monitor.short_description.as_deref(), Some("Monitor 24\""));
    assert_eq!(
        monitor.long_description.as_deref(),
        Some("Größe 24 Zoll – matt")
    );
    assert_eq!(monitor.stock_status, Some(StockStatus::OnOrder));

    let found: Vec<(u32, &str)> = problems
        .iter()
        .map(|p| (p.location.line, p.field.as_str()))
        .collect();
    assert_eq!(
        found,
        [(6, "cost_price"), (7, "currency"), (7, "stock_quantity")]
    );
    assert!(
        problems[0].reason.contains("12.3.4"),
        "{}",
        problems[0].reason
    );
    assert_eq!(
        problems[0].to_string(),
        "feed.csv, line 6: cost_price: \"12.3.4\" is not a number with decimal mark ',' ('.' groups thousands only)"
    );
}

#[test]
fn lone_cr_line_ends_count_as_lines() {
    // Excel for Mac's "CSV (Macintosh)" ends its lines with a lone CR; every row
    // was reported as line 1 (found by the fuzzing harness, docs/fuzzing.md).
    let (articles, problems) = read(
        b"puid;productNameWithManufacturer;price\rA1;Kabel;1,00\r\rA2;Stecker;x\rA3;Dose;2,00\r\nA4;Kabel;3,00\n",
    );
    let lines: Vec<(&str, u32)> = articles
        .iter()
        .map(|a| (a.source_key.as_str(), a.location.line))
        .collect();
    assert_eq!(lines, [("A1", 2), ("A3", 5), ("A4", 6)]);
    assert_eq!(
        problems
            .iter()
            .map(|p| (p.location.line, p.field.as_str()))
            .collect::<Vec<_>>(),
        [(4, "cost_price")]
    );
}

/// The same small table written with `separator` and decimal `mark`.
fn table(separator: char, mark: DecimalMark) -> String {
    let price = |comma: &str| match mark {
        DecimalMark::Comma => comma.to_owned(),
        DecimalMark::Point => comma.replace('.', "#").replace(',', ".").replace('#', ","),
    };
    let cells = [
        vec![
            "puid".to_owned(),
            "productNameWithManufacturer".into(),
            "price".into(),
        ],
        vec!["A-1".into(), "Müller Kabel 3m".into(), price("1.019,50")],
        vec!["A-2".into(), "Straße Adapter".into(), price("7,25")],
    ];
    cells
        .iter()
        .map(|row| row.join(&separator.to_string()))
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn assert_table(articles: &[SupplierArticle], problems: &[RowProblem], what: &str) {
    assert!(problems.is_empty(), "{what}: {problems:?}");
    assert_eq!(articles.len(), 2, "{what}");
    assert_eq!(
        articles[0].name.as_deref(),
        Some("Müller Kabel 3m"),
        "{what}"
    );
    assert_eq!(articles[0].cost_price, Some(d("1019.50")), "{what}");
    assert_eq!(
        articles[1].name.as_deref(),
        Some("Straße Adapter"),
        "{what}"
    );
    assert_eq!(articles[1].cost_price, Some(d("7.25")), "{what}");
    assert_eq!(articles[1].location.line, 3, "{what}");
}

#[test]
fn every_separator_is_sniffed_and_both_decimal_marks_detected() {
    for separator in [';', ',', '\t', '|'] {
        for mark in [DecimalMark::Comma, DecimalMark::Point] {
            let text = table(separator, mark);
            // A comma-separated file must quote amounts that hold a comma.
            let text = if separator == ',' {
                text.replace("1.019,50", "\"1.019,50\"")
                    .replace("1,019.50", "\"1,019.50\"")
                    .replace("7,25", "\"7,25\"")
            } else {
                text
            };
            let (articles, problems) = read(text.as_bytes());
            assert_table(&articles, &problems, &format!("{separator:?} {mark:?}"));
        }
    }
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mut bytes = if little_endian {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        bytes.extend(if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 character"))
        .collect()
}

#[test]
fn every_encoding_is_detected_or_chosen() {
    let text = table(';', DecimalMark::Comma);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    let cases: Vec<(&str, Vec<u8>, Option<FeedEncoding>)> = vec![
        ("UTF-8", text.as_bytes().to_vec(), None),
        ("UTF-8 with BOM", bom, None),
        ("UTF-16LE", utf16(&text, true), None),
        ("UTF-16BE", utf16(&text, false), None),
        ("Windows-1252 detected", latin1(&text), None),
        (
            "ISO-8859-1 chosen",
            latin1(&text),
            Some(FeedEncoding::Iso8859_1),
        ),
        (
            "ISO-8859-15 chosen",
            latin1(&text),
            Some(FeedEncoding::Iso8859_15),
        ),
    ];
    for (what, bytes, encoding) in cases {
        let profile = MappingProfile {
            encoding,
            ..MappingProfile::itscope()
        };
        let (articles, problems) = read_with(&bytes, &profile).expect(what);
        assert_table(&articles, &problems, what);
    }
    // The euro sign is 0xA4 in Latin-9 and 0x80 in Windows-1252.
    let profile = MappingProfile {
        encoding: Some(FeedEncoding::Iso8859_15),
        ..MappingProfile::itscope()
    };
    let (articles, _) = read_with(b"puid;shortDescription\nE1;5 \xA4 Rabatt\n", &profile).unwrap();
    assert_eq!(articles[0].short_description.as_deref(), Some("5 € Rabatt"));
    let (articles, _) = read(b"puid;shortDescription\nE1;5 \x80 Rabatt\n");
    assert_eq!(articles[0].short_description.as_deref(), Some("5 € Rabatt"));
}

#[test]
fn a_wrong_encoding_rejects_the_rows_it_breaks() {
    // Valid UTF-8 at first (so detected as UTF-8), a Latin-1 byte far beyond the sniffed start.
    let mut bytes = b"puid;productNameWithManufacturer;price\n".to_vec();
    for n in 0..3000 {
        bytes.extend(format!("K{n};Kabel Nummer {n} mit einem langen Namen;1,00\n").as_bytes());
    }
    bytes.extend(b"K-X;Gr\xF6\xDFe;2,00\n");
    let (articles, problems) = read(&bytes);
    assert_eq!(articles.len(), 3000);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].location.line, 3002);
    assert_eq!(problems[0].field, "productNameWithManufacturer");
    assert!(
        problems[0].reason.contains("encoding"),
        "{}",
        problems[0].reason
    );
}

#[test]
fn a_decimal_point_profile_refuses_german_amounts() {
    let profile = MappingProfile {
        decimal_mark: Some(DecimalMark::Point),
        ..MappingProfile::itscope()
    };
    let (articles, problems) =
        read_with(b"puid;price\nP1;1.234,56\nP2;1,234.56\n", &profile).unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].cost_price, Some(d("1234.56")));
    assert_eq!(
        (problems[0].location.line, problems[0].field.as_str()),
        (2, "cost_price")
    );
}

#[test]
fn a_file_without_the_mapped_columns_is_refused_at_once_naming_them() {
    // A missing header: the first row is data.
    let error = read_with(
        b"10001;4006381333931;Lenovo\n10002;;HP\n",
        &MappingProfile::itscope(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "feed.csv, line 1: the header has no column puid (mapping profile \"ITScope\"; the header has: 10001, 4006381333931, Lenovo)"
    );
    let servicefolio_error: servicefolio::Error = error.into();
    assert_eq!(
        servicefolio_error.kind(),
        servicefolio::ErrorKind::InvalidInput
    );

    let profile = MappingProfile {
        name: "Großhändler".into(),
        separator: Some(Separator::Semicolon),
        encoding: None,
        decimal_mark: Some(DecimalMark::Comma),
        columns: vec![
            ColumnMapping {
                column: "Artikelnummer".into(),
                field: ArticleField::SourceKey,
                required: true,
                also: vec![],
            },
            ColumnMapping {
                column: "EK".into(),
                field: ArticleField::CostPrice,
                required: true,
                also: vec![],
            },
            ColumnMapping {
                column: "Bezeichnung".into(),
                field: ArticleField::Name,
                required: true,
                also: vec![],
            },
        ],
        default_currency: Some("EUR".into()),
    };
    let Err(FeedError::MissingColumns { missing, .. }) =
        read_with(b"artikelnummer;Name\n1;x\n", &profile)
    else {
        panic!("refused");
    };
    assert_eq!(missing, ["EK", "Bezeichnung"]);
    let (articles, problems) = read_with(
        b"ARTIKELNUMMER;Bezeichnung;EK\n1;Kabel;2,50\n2;Stecker\n",
        &profile,
    )
    .unwrap();
    assert_eq!(articles[0].cost_price, Some(d("2.50")));
    assert_eq!(
        articles[0].currency.as_deref(),
        Some("EUR"),
        "the profile's default currency"
    );
    assert_eq!(problems[0].location.line, 3);
    assert!(
        problems[0].reason.contains("has 2 fields, the header 3"),
        "{}",
        problems[0].reason
    );
}

#[test]
fn binary_empty_and_xml_files_are_not_csv() {
    assert!(matches!(
        read_with(b"", &MappingProfile::itscope()),
        Err(FeedError::Empty { .. })
    ));
    assert!(matches!(
        read_with(
            b"<?xml version=\"1.0\"?><BMECAT/>",
            &MappingProfile::itscope()
        ),
        Err(FeedError::WrongFormat { .. })
    ));
    assert!(matches!(
        read_with(b"PK\x03\x04\0\0\0", &MappingProfile::itscope()),
        Err(FeedError::WrongFormat { .. })
    ));
    let bad_profile = MappingProfile {
        columns: vec![],
        ..MappingProfile::itscope()
    };
    assert!(matches!(
        read_with(b"puid\n1\n", &bad_profile),
        Err(FeedError::InvalidProfile { .. })
    ));
}

#[test]
fn a_generated_feed_reads_back_whole_and_the_visitor_can_stop_it() {
    let mut bytes = Vec::new();
    assert_eq!(generate_itscope_feed(5000, 42, &mut bytes).unwrap(), 5000);
    let (articles, problems) = read(&bytes);
    assert!(
        problems.is_empty(),
        "{:?}",
        &problems[..problems.len().min(3)]
    );
    assert_eq!(articles.len(), 5000);
    assert!(articles.iter().all(SupplierArticle::has_valid_gtin));
    assert!(articles
        .iter()
        .all(|a| a.cost_price.is_some() && a.list_price > a.cost_price));
    assert!(
        articles.iter().any(|a| a.cost_price > Some(d("1000"))),
        "thousands points occur"
    );
    assert_eq!(articles[4999].location.line, 5001);

    let mut seen = 0u32;
    let result = read_feed(Cursor::new(&bytes), &FeedOptions::default(), &mut |_| {
        seen += 1;
        if seen == 10 {
            Err("cancelled")
        } else {
            Ok(())
        }
    });
    assert!(matches!(result, Err(FeedFailure::Stopped("cancelled"))));
    assert_eq!(seen, 10);
}

#[test]
fn xlsx_reads_with_the_same_profile_numbers_exact() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/itscope-prices.xlsx"
    ))
    .unwrap();
    let (mut articles, mut problems) = (Vec::new(), Vec::new());
    let settings = read_xlsx(
        Cursor::new(&bytes),
        &MappingProfile::itscope(),
        "prices.xlsx",
        &mut |item| {
            match item {
                FeedItem::Article(a) => articles.push(*a),
                FeedItem::Problem(p) => problems.push(p),
                _ => {}
            }
            Ok::<(), Infallible>(())
        },
    )
    .unwrap();
    // Text cells write "189,90": the comma is detected; stored numbers stay exact.
    assert_eq!(settings.decimal_mark, DecimalMark::Comma);
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].source_key, "10001");
    assert_eq!(articles[0].cost_price, Some(d("899.5")));
    assert_eq!(articles[0].list_price, Some(d("1049")));
    assert_eq!(articles[0].stock_quantity, Some(12));
    assert_eq!(articles[1].name.as_deref(), Some("HP E24 G5 Monitor"));
    assert_eq!(articles[1].cost_price, Some(d("189.90")));
    assert_eq!(articles[1].location.line, 3);
    assert_eq!(
        (problems[0].location.line, problems[0].field.as_str()),
        (4, "cost_price")
    );

    let summary = read_feed(Cursor::new(&bytes), &FeedOptions::default(), &mut |_| {
        Ok::<(), Infallible>(())
    })
    .unwrap();
    assert_eq!(summary.format, Some(FeedFormat::Xlsx));
    assert_eq!((summary.articles, summary.problems), (2, 1));

    let preview = preview_feed(Cursor::new(&bytes), "prices.xlsx", 2).unwrap();
    assert_eq!(preview.format, FeedFormat::Xlsx);
    assert_eq!(preview.header[0], "puid");
    assert_eq!(preview.rows.len(), 2);
    assert_eq!(preview.rows[0][4], "899.5");
}

#[test]
fn preview_of_a_csv_shows_its_settings_and_first_rows() {
    let preview = preview_feed(
        Cursor::new(latin1(&table('|', DecimalMark::Comma))),
        "f.csv",
        5,
    )
    .unwrap();
    assert_eq!(preview.format, FeedFormat::Csv);
    assert_eq!(preview.encoding, Some(FeedEncoding::Windows1252));
    assert_eq!(preview.separator, Some(Separator::Pipe));
    assert_eq!(preview.decimal_mark, Some(DecimalMark::Comma));
    assert_eq!(
        preview.header,
        ["puid", "productNameWithManufacturer", "price"]
    );
    assert_eq!(preview.rows[0], ["A-1", "Müller Kabel 3m", "1.019,50"]);
}
