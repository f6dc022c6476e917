//! Files made to hurt (issue 11, item 3): deep or huge XML, spreadsheets with a
//! cell far out or a shared-strings table that lies, huge values that would end
//! up in messages. Each is refused quickly with what and where, or read within
//! its bounds; nothing panics, hangs or exhausts memory. Every file is made here.

mod support;

use servicefolio::error::FeedError;
use servicefolio::feed::{
    read_bmecat, read_feed, BmecatOptions, FeedFailure, FeedFormat, FeedItem, FeedOptions,
    MappingProfile,
};
use servicefolio::limits::{MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS, MAX_XML_DEPTH};
use std::convert::Infallible;
use std::io::Cursor;

fn read_xml(bytes: &[u8]) -> Result<Vec<FeedItem>, FeedError> {
    let mut items = Vec::new();
    let result = read_bmecat(
        bytes,
        &BmecatOptions::default(),
        None,
        "hostile.xml",
        &mut |item| {
            items.push(item);
            Ok::<(), Infallible>(())
        },
    );
    match result {
        Ok(_) => Ok(items),
        Err(FeedFailure::Refused(e)) => Err(e),
        Err(FeedFailure::Stopped(never)) => match never {},
    }
}

const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<BMECAT version="1.2"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>C1</CATALOG_ID>
<CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG>
<SUPPLIER><SUPPLIER_NAME>Hostile GmbH</SUPPLIER_NAME></SUPPLIER></HEADER><T_NEW_CATALOG>"#;
const TAIL: &str = "</T_NEW_CATALOG></BMECAT>";

fn article(key: &str, name: &str) -> String {
    format!(
        "<ARTICLE><SUPPLIER_AID>{key}</SUPPLIER_AID><ARTICLE_DETAILS>\
         <DESCRIPTION_SHORT>{name}</DESCRIPTION_SHORT></ARTICLE_DETAILS>\
         <ARTICLE_PRICE_DETAILS><ARTICLE_PRICE price_type=\"net_list\">\
         <PRICE_AMOUNT>10.50</PRICE_AMOUNT></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS></ARTICLE>"
    )
}

fn malformed(error: FeedError) -> (String, String) {
    match error {
        FeedError::Malformed {
            location, reason, ..
        } => (location.element.unwrap_or_default(), reason),
        other => panic!("expected Malformed, got {other}"),
    }
}

#[test]
fn xml_nested_a_hundred_thousand_deep_is_refused_at_the_limit() {
    // Depth 20,000 took 52 s before (the path was rebuilt for every element);
    // depth 200,000 never ended. The reader now stops at depth 64.
    let depth = 100_000;
    let mut xml = String::from(HEAD);
    xml.push_str(&article("A-1", "Before the deep part"));
    xml.push_str(&"<X>".repeat(depth));
    xml.push_str(&"</X>".repeat(depth));
    xml.push_str(TAIL);
    let started = std::time::Instant::now();
    let (path, reason) = malformed(read_xml(xml.as_bytes()).unwrap_err());
    assert!(
        reason.contains(&format!("nested more than {MAX_XML_DEPTH} elements deep")),
        "{reason}"
    );
    assert!(path.starts_with("/BMECAT/T_NEW_CATALOG/X/X/X"), "{path}");
    assert_eq!(path.matches('/').count(), MAX_XML_DEPTH, "{path}");
    // Not a timing assertion on the code: a report for the figures.
    eprintln!("depth {depth}: refused in {:?}", started.elapsed());
}

#[test]
fn xml_at_the_depth_limit_still_reads() {
    // 62 wrappers inside ARTICLE_DETAILS's article... the limit is on depth,
    // not on what a real catalogue does: a file just inside it is read.
    let mut xml = String::from(HEAD);
    xml.push_str(&article("A-1", "Kept"));
    // BMECAT/T_NEW_CATALOG is depth 2; 62 more elements reach 64.
    let extra = MAX_XML_DEPTH - 2;
    xml.push_str(&"<X>".repeat(extra));
    xml.push_str(&"</X>".repeat(extra));
    xml.push_str(TAIL);
    let items = read_xml(xml.as_bytes()).unwrap();
    assert!(items
        .iter()
        .any(|i| matches!(i, FeedItem::Article(a) if a.source_key == "A-1")));
    // One more level is refused.
    let mut deeper = String::from(HEAD);
    deeper.push_str(&"<X>".repeat(extra + 1));
    deeper.push_str(&"</X>".repeat(extra + 1));
    deeper.push_str(TAIL);
    assert!(read_xml(deeper.as_bytes()).is_err());
}

#[test]
fn a_huge_text_element_is_refused_without_reading_it_into_memory() {
    // 40 MiB of description: more than any field, refused at 8 MiB.
    let mut xml = String::from(HEAD);
    xml.push_str("<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_LONG>");
    xml.push_str(&"lorem ipsum ".repeat(40 << 20 >> 4));
    xml.push_str("</DESCRIPTION_LONG></ARTICLE_DETAILS></ARTICLE>");
    xml.push_str(TAIL);
    let (path, reason) = malformed(read_xml(xml.as_bytes()).unwrap_err());
    assert!(reason.contains("more than 8 MiB"), "{reason}");
    assert_eq!(
        path,
        "/BMECAT/T_NEW_CATALOG/ARTICLE[1]/ARTICLE_DETAILS/DESCRIPTION_LONG"
    );
}

#[test]
fn text_made_of_many_small_pieces_is_bounded_too() {
    // Character references split a text into many events; the element's text
    // as a whole is still bounded.
    let mut xml = String::from(HEAD);
    xml.push_str("<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_LONG>");
    xml.push_str(&"abcdefg&amp;".repeat(2 << 20));
    xml.push_str("</DESCRIPTION_LONG></ARTICLE_DETAILS></ARTICLE>");
    xml.push_str(TAIL);
    let (path, reason) = malformed(read_xml(xml.as_bytes()).unwrap_err());
    assert!(reason.contains("more than 8 MiB of text"), "{reason}");
    assert!(path.ends_with("DESCRIPTION_LONG"), "{path}");
}

#[test]
fn a_huge_tag_is_refused() {
    // A start tag with a million attributes (about 16 MiB).
    let mut xml = String::from(HEAD);
    xml.push_str("<ARTICLE");
    for i in 0..1_000_000 {
        xml.push_str(&format!(" a{i}=\"x\""));
    }
    xml.push_str("></ARTICLE>");
    xml.push_str(TAIL);
    let (_, reason) = malformed(read_xml(xml.as_bytes()).unwrap_err());
    assert!(reason.contains("in one piece"), "{reason}");
}

#[test]
fn an_article_with_millions_of_elements_is_refused() {
    // Each element is small, the article as a whole is not (about 70 MiB of
    // features held in memory until the article ends).
    let mut xml = String::from(HEAD);
    xml.push_str(
        "<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>x</DESCRIPTION_SHORT></ARTICLE_DETAILS><ARTICLE_FEATURES>",
    );
    let feature = format!(
        "<FEATURE><FNAME>n</FNAME><FVALUE>{}</FVALUE></FEATURE>",
        "v".repeat(200)
    );
    for _ in 0..200_000 {
        xml.push_str(&feature);
    }
    xml.push_str("</ARTICLE_FEATURES></ARTICLE>");
    xml.push_str(TAIL);
    let (path, reason) = malformed(read_xml(xml.as_bytes()).unwrap_err());
    assert!(
        reason.contains("this article holds more than 64 MiB"),
        "{reason}"
    );
    assert!(
        path.starts_with("/BMECAT/T_NEW_CATALOG/ARTICLE[1]/"),
        "{path}"
    );
}

#[test]
fn price_types_kept_for_the_whole_file_are_listed_briefly() {
    // The price types of every article are counted for the report (a hundred
    // names at most); a name is an attribute, which may be megabytes long, so
    // the list keeps each by its start and end.
    let mut xml = String::from(HEAD);
    for i in 0..120 {
        let long = format!("T{i}-{}-{i}", "x".repeat(100_000));
        xml.push_str(&format!(
            "<ARTICLE><SUPPLIER_AID>A-{i}</SUPPLIER_AID><ARTICLE_DETAILS>\
             <DESCRIPTION_SHORT>n</DESCRIPTION_SHORT></ARTICLE_DETAILS><ARTICLE_PRICE_DETAILS>\
             <ARTICLE_PRICE price_type=\"{long}\"><PRICE_AMOUNT>2.00</PRICE_AMOUNT></ARTICLE_PRICE>\
             <ARTICLE_PRICE price_type=\"net_list\"><PRICE_AMOUNT>1.00</PRICE_AMOUNT></ARTICLE_PRICE>\
             </ARTICLE_PRICE_DETAILS></ARTICLE>"
        ));
    }
    xml.push_str(TAIL);
    let items = read_xml(xml.as_bytes()).expect("read");
    let Some(FeedItem::PriceTypes { types, not_kept }) = items.last() else {
        panic!("the price types come last")
    };
    assert_eq!((types.len(), *not_kept), (100, 21));
    assert_eq!(
        (types[0].price_type.as_str(), types[0].articles),
        ("net_list", 120)
    );
    for t in &types[1..] {
        assert!(
            t.price_type.chars().count() <= MAX_QUOTED_CHARS,
            "{} characters",
            t.price_type.chars().count()
        );
        assert!(t.price_type.starts_with('T') && t.price_type.contains(" … "));
        assert_eq!(t.articles, 1);
    }
    // Each listed by its own start and end.
    let distinct: std::collections::HashSet<&str> =
        types.iter().map(|t| t.price_type.as_str()).collect();
    assert_eq!(distinct.len(), 100);
}

#[test]
fn an_article_whose_prices_have_huge_types_is_refused() {
    // The attributes an article keeps (its prices' types) count against its
    // size like its texts: 70 prices with a type of 1 MiB each are 70 MiB.
    let long = "x".repeat(1 << 20);
    let mut xml = String::from(HEAD);
    xml.push_str(
        "<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>x</DESCRIPTION_SHORT></ARTICLE_DETAILS><ARTICLE_PRICE_DETAILS>",
    );
    for _ in 0..70 {
        xml.push_str(&format!(
            "<ARTICLE_PRICE price_type=\"{long}\"><PRICE_AMOUNT>1.00</PRICE_AMOUNT></ARTICLE_PRICE>"
        ));
    }
    xml.push_str("</ARTICLE_PRICE_DETAILS></ARTICLE>");
    xml.push_str(TAIL);
    let (path, reason) = malformed(read_xml(xml.as_bytes()).unwrap_err());
    assert!(
        reason.contains("this article holds more than 64 MiB"),
        "{reason}"
    );
    assert!(
        path.starts_with("/BMECAT/T_NEW_CATALOG/ARTICLE[1]/ARTICLE_PRICE_DETAILS"),
        "{path}"
    );
}

#[test]
fn a_long_element_name_is_cut_in_paths_and_messages() {
    let name = "N".repeat(100_000);
    let mut xml = String::from(HEAD);
    xml.push_str(&format!(
        "<ARTICLE><SUPPLIER_AID>A-1</SUPPLIER_AID><{name}><PRICE_AMOUNT>x"
    ));
    // Broken on purpose: the file ends inside the long element.
    let error = read_xml(xml.as_bytes()).unwrap_err();
    let text = error.to_string();
    assert!(text.len() < 1_000, "{} bytes: {}", text.len(), &text[..200]);
    assert!(text.contains("NNNN … NNNN"), "{text}");
}

#[test]
fn feed_messages_quote_huge_values_briefly() {
    // A CSV cell of 5 MB that should be a price.
    let huge = "9".repeat(5_000_000);
    let csv = format!("puid;productNameWithManufacturer;price\n1;Notebook;{huge}x\n");
    let mut problems = Vec::new();
    let options = FeedOptions {
        file_name: "prices.csv".into(),
        format: Some(FeedFormat::Csv),
        profile: MappingProfile::itscope(),
        ..FeedOptions::default()
    };
    let _ = read_feed(Cursor::new(csv.into_bytes()), &options, &mut |item| {
        if let FeedItem::Problem(p) = item {
            problems.push(p);
        }
        Ok::<(), Infallible>(())
    });
    assert_eq!(problems.len(), 1);
    let text = problems[0].to_string();
    assert!(text.len() < 300, "{} bytes", text.len());
    assert!(text.contains("(5,000,001 characters)"), "{text}");
}

// ---- XLSX ----

/// A workbook written by rust_xlsxwriter, then with some of its parts rewritten
/// (what no honest writer produces: a cell beyond XFD, a lying count).
fn workbook(fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    fill(book.add_worksheet());
    book.save_to_buffer().unwrap()
}

fn patched(xlsx: &[u8], patch: impl Fn(&str, String) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        out.start_file(
            name.clone(),
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated),
        )
        .unwrap();
        out.write_all(patch(&name, text).as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn feed_xlsx(bytes: Vec<u8>) -> Result<(Vec<FeedItem>, u32), FeedError> {
    let mut items = Vec::new();
    let options = FeedOptions {
        file_name: "feed.xlsx".into(),
        format: Some(FeedFormat::Xlsx),
        profile: MappingProfile::itscope(),
        ..FeedOptions::default()
    };
    match read_feed(Cursor::new(bytes), &options, &mut |item| {
        items.push(item);
        Ok::<(), Infallible>(())
    }) {
        Ok(summary) => Ok((items, summary.articles)),
        Err(FeedFailure::Refused(e)) => Err(e),
        Err(FeedFailure::Stopped(never)) => match never {},
    }
}

#[test]
fn an_employee_xlsx_with_a_cell_at_xfd1048576_reads_only_its_cells() {
    // 1.6 KB before: a dense 549,755,813,888-byte range, and the process aborted.
    let bytes = workbook(|sheet| {
        for (col, head) in ["Name", "E-Mail", "Standort"].iter().enumerate() {
            sheet.write_string(0, col as u16, *head).unwrap();
        }
        sheet.write_string(1, 0, "Anna Schmidt").unwrap();
        sheet.write_string(1, 1, "anna@acme.example").unwrap();
        sheet.write_string(1, 2, "Berlin").unwrap();
        sheet.write_string(1_048_575, 16_383, "far away").unwrap();
    });
    assert!(bytes.len() < 10_000, "{} bytes", bytes.len());
    let rows = servicefolio::customer::read_employee_xlsx(&bytes).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (
            rows[0].line,
            rows[0].name.as_str(),
            rows[0].location.as_deref()
        ),
        (2, "Anna Schmidt", Some("Berlin"))
    );
    // The far cell is a row of its own, in no mapped column: its name is empty,
    // and the import reports it on its real line.
    assert_eq!((rows[1].line, rows[1].name.as_str()), (1_048_576, ""));
}

#[test]
fn a_feed_xlsx_with_a_cell_in_column_zzzzzz_is_refused() {
    // 1.9 KB before: the row grew to ~10 GB.
    let honest = workbook(|sheet| {
        for (col, head) in ["puid", "productNameWithManufacturer", "price"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, col as u16, *head).unwrap();
        }
        sheet.write_string(1, 0, "10001").unwrap();
        sheet.write_string(1, 1, "Notebook").unwrap();
        sheet.write_number(1, 2, 999.0).unwrap();
        sheet.write_string(2, 5, "marker").unwrap();
    });
    let (_, articles) = feed_xlsx(honest.clone()).unwrap();
    assert_eq!(articles, 1);
    let far = patched(&honest, |name, text| {
        if name.ends_with("sheet1.xml") {
            text.replace("r=\"F3\"", "r=\"ZZZZZZ3\"")
        } else {
            text
        }
    });
    let error = feed_xlsx(far).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("\"ZZZZZZ3\""), "{text}");
    assert!(text.contains("beyond XFD1048576"), "{text}");
    // The same for an employee file.
    let error = servicefolio::customer::read_employee_xlsx(&patched(&honest, |name, text| {
        if name.ends_with("sheet1.xml") {
            text.replace("r=\"F3\"", "r=\"ZZZZZZ3\"")
        } else {
            text
        }
    }))
    .unwrap_err();
    assert!(error.to_string().contains("\"ZZZZZZ3\""), "{error}");
}

#[test]
fn cell_references_that_overflow_the_spreadsheet_reader_are_refused() {
    // The spreadsheet reader adds up row digits in 32 bits: this overflowed.
    let honest = workbook(|sheet| {
        sheet.write_string(0, 0, "Name").unwrap();
        sheet.write_string(1, 0, "Anna").unwrap();
    });
    for bad in ["A99999999999", "ZZZZZZZZZZ2", "A1048577"] {
        let bytes = patched(&honest, |name, text| {
            if name.ends_with("sheet1.xml") {
                text.replace("r=\"A2\"", &format!("r=\"{bad}\""))
            } else {
                text
            }
        });
        let error = servicefolio::customer::read_employee_xlsx(&bytes).unwrap_err();
        assert!(error.to_string().contains(bad), "{bad}: {error}");
    }
}

#[test]
fn references_the_spreadsheet_reader_overflows_on_before_refusing_them_are_refused() {
    // Found by fuzzing: the reader adds up the letters of a reference before it
    // meets the byte it refuses ("lformats.org/..."), and it subtracts the corners
    // of a range that ends before it starts. Both panicked; both are refused here
    // with the part named, whatever attribute (`r`, `ref`) or spacing carries them.
    let honest = workbook(|sheet| {
        sheet.write_string(0, 0, "Name").unwrap();
        sheet.write_string(1, 0, "Anna").unwrap();
    });
    let cases: [(&str, &str, &str); 4] = [
        (
            "<dimension ref=\"A1:A2\"/>",
            "<dimension ref=\"lformats.org/x\"/>",
            "lformats.org/x",
        ),
        (
            "<dimension ref=\"A1:A2\"/>",
            "<dimension ref=\"DA1:D4\"/>",
            "ends before it starts",
        ),
        ("r=\"A2\"", "r = 'ABCDEFGHIJ2'", "ABCDEFGHIJ2"),
        (
            "</sheetData>",
            "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"B9:A1\"/></mergeCells>",
            "ends before it starts",
        ),
    ];
    for (from, to, said) in cases {
        let bytes = patched(&honest, |name, text| {
            if name.ends_with("sheet1.xml") {
                assert!(text.contains(from), "the workbook holds {from}: {text}");
                text.replacen(from, to, 1)
            } else {
                text
            }
        });
        let error = servicefolio::customer::read_employee_xlsx(&bytes).unwrap_err();
        let text = error.to_string();
        assert!(text.contains(said), "{to}: {text}");
        assert!(text.contains("sheet1.xml"), "{to}: {text}");
    }
}

#[test]
fn a_cell_naming_an_earlier_row_than_the_row_it_sits_in_is_refused() {
    // Found by fuzzing: a cell that says it is on row 8 inside row 4 made the
    // rows come out as lines 4, 8, 5, so problems were reported out of order.
    let honest = workbook(|sheet| {
        sheet.write_string(0, 0, "Name").unwrap();
        sheet.write_string(1, 0, "Anna").unwrap();
        sheet.write_string(2, 0, "Ben").unwrap();
    });
    let rows = servicefolio::customer::read_employee_xlsx(&honest).unwrap();
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]);
    let bytes = patched(&honest, |name, text| {
        if name.ends_with("sheet1.xml") {
            assert!(text.contains("r=\"A2\""), "{text}");
            text.replace("r=\"A2\"", "r=\"A8\"")
        } else {
            text
        }
    });
    let error = servicefolio::customer::read_employee_xlsx(&bytes).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("row 3 comes after row 8"), "{text}");
}

#[test]
fn a_shared_strings_table_that_claims_billions_of_strings_is_refused() {
    // The spreadsheet reader reserves room for as many strings as claimed.
    let honest = workbook(|sheet| {
        sheet.write_string(0, 0, "Name").unwrap();
        sheet.write_string(1, 0, "Anna").unwrap();
    });
    assert_eq!(
        servicefolio::customer::read_employee_xlsx(&honest)
            .unwrap()
            .len(),
        1
    );
    let lying = patched(&honest, |name, text| {
        if name.ends_with("sharedStrings.xml") {
            text.replace("uniqueCount=\"2\"", "uniqueCount=\"900000000000\"")
        } else {
            text
        }
    });
    let error = servicefolio::customer::read_employee_xlsx(&lying).unwrap_err();
    assert!(
        error.to_string().contains("claims 900000000000 strings"),
        "{error}"
    );
}

#[test]
fn a_huge_shared_string_is_refused_and_a_large_one_is_quoted_briefly() {
    // 9 MB in one cell: beyond any spreadsheet's 32,767 characters.
    let huge = workbook(|sheet| {
        sheet.write_string(0, 0, "Name").unwrap();
        sheet.write_string(1, 0, "x").unwrap();
    });
    let huge = patched(&huge, |name, text| {
        if name.ends_with("sharedStrings.xml") {
            text.replace(">x<", &format!(">{}<", "y".repeat(9 << 20)))
        } else {
            text
        }
    });
    assert!(huge.len() < 100_000, "{} bytes", huge.len());
    let error = servicefolio::customer::read_employee_xlsx(&huge).unwrap_err();
    assert!(
        error.to_string().contains("more than 8 MiB in one piece"),
        "{error}"
    );

    // 5 MB in the header of a feed whose mapped columns are missing: the
    // message names the header briefly instead of repeating 5 MB.
    let large = workbook(|sheet| {
        sheet.write_string(0, 0, "z").unwrap();
        sheet.write_string(1, 0, "1").unwrap();
    });
    let large = patched(&large, |name, text| {
        if name.ends_with("sharedStrings.xml") {
            text.replace(">z<", &format!(">{}<", "z".repeat(5 << 20)))
        } else {
            text
        }
    });
    let error = feed_xlsx(large).unwrap_err();
    let text = error.to_string();
    assert!(text.contains("the header has no column puid"), "{text}");
    assert!(text.len() < MAX_MESSAGE_CHARS, "{} bytes", text.len());
    assert!(text.contains("zzz … zzz"), "{text}");
}

// ---- employee imports ----

fn customer_store() -> (servicefolio::Store, i64) {
    let mut store = servicefolio::Store::open_in_memory_empty().unwrap();
    let id = support::customers::acme_gmbh().create_in(&mut store).id;
    (store, id)
}

#[test]
fn an_employee_csv_of_20000_rows_and_2000_locations_imports() {
    // 221 s before (line numbers were counted from the top of the file for
    // every row); the figures are in the issue note, not asserted here.
    use servicefolio::customer::{
        customer_structure, import_employees, read_employee_csv, BadRows,
    };
    let mut csv = String::from("Name;E-Mail;Abteilung;Standort\n");
    for i in 0..20_000 {
        if i % 1000 == 999 {
            csv.push('\n'); // blank lines do not shift the line numbers
        }
        csv.push_str(&format!(
            "\"Person, {i}\";p{i}@acme.example;Dept {};Site {}\n",
            i % 7,
            i % 2000
        ));
    }
    let started = std::time::Instant::now();
    let rows = read_employee_csv(&csv).unwrap();
    assert_eq!(rows.len(), 20_000);
    assert_eq!((rows[0].line, rows[0].name.as_str()), (2, "Person, 0"));
    // 20,000 rows and 20 blank lines after the header.
    assert_eq!(
        (rows[19_999].line, rows[19_999].name.as_str()),
        (20_021, "Person, 19999")
    );
    let (mut store, id) = customer_store();
    let report = store
        .write(|tx| import_employees(tx, id, &rows, BadRows::RefuseFile, false))
        .unwrap();
    assert_eq!((report.created, report.new_locations.len()), (20_000, 2000));
    let tree = customer_structure(store.conn(), id).unwrap();
    assert_eq!((tree.employees.len(), tree.locations.len()), (20_000, 2000));
    eprintln!("20,000 employee rows: {:?}", started.elapsed());
}

#[test]
fn an_employee_xlsx_of_20000_rows_imports_with_its_line_numbers() {
    let bytes = workbook(|sheet| {
        sheet.write_string(0, 0, "Name").unwrap();
        sheet.write_string(0, 3, "Location").unwrap();
        for i in 0..20_000u32 {
            // Row 10,001 is left empty: it is skipped, the numbering is the sheet's.
            let row = if i < 10_000 { i + 1 } else { i + 2 };
            sheet.write_string(row, 0, format!("Person {i}")).unwrap();
            sheet
                .write_string(row, 3, format!("Site {}", i % 50))
                .unwrap();
        }
    });
    let rows = servicefolio::customer::read_employee_xlsx(&bytes).unwrap();
    assert_eq!(rows.len(), 20_000);
    assert_eq!(
        (rows[0].line, rows[0].location.as_deref()),
        (2, Some("Site 0"))
    );
    assert_eq!(
        (rows[19_999].line, rows[19_999].name.as_str()),
        (20_002, "Person 19999")
    );
}
