//! BMEcat files written by others (shared/fixtures/bmecat, kept unchanged):
//! every one reads, with the values it holds; and small catalogues written
//! here for what prices mean (price quantity, factor, tiers, units, bounds,
//! price types, articles without a price).

use rust_decimal::Decimal;
use servicefolio::error::FeedError;
use servicefolio::feed::{
    read_bmecat, read_feed, ArticleMode, BmecatOptions, ConversionKind, FeedFailure, FeedFormat,
    FeedItem, FeedOptions, SupplierArticle, Transaction,
};
use std::convert::Infallible;
use std::io::Cursor;

mod support;

fn fixture(name: &str) -> Vec<u8> {
    let path = support::bmecat_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn d(text: &str) -> Decimal {
    text.parse().expect("test literal")
}

fn read_with(bytes: &[u8], options: &BmecatOptions) -> Result<Vec<FeedItem>, FeedError> {
    let mut items = Vec::new();
    let result = read_bmecat(bytes, options, None, "test.xml", &mut |item| {
        items.push(item);
        Ok::<(), Infallible>(())
    });
    match result {
        Ok(_) => Ok(items),
        Err(FeedFailure::Refused(e)) => Err(e),
        Err(FeedFailure::Stopped(never)) => match never {},
    }
}

fn read(name: &str) -> Vec<FeedItem> {
    read_with(&fixture(name), &BmecatOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn articles(items: &[FeedItem]) -> Vec<&SupplierArticle> {
    items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Article(a) => Some(a.as_ref()),
            _ => None,
        })
        .collect()
}

fn problems(items: &[FeedItem]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Problem(p) => Some(p.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn bmecat_101_reference_sample_with_dtd_subset_dem_prices_and_features() {
    let items = read("bmecat101-reference-sample.xml");
    assert!(problems(&items).is_empty(), "{:?}", problems(&items));
    let FeedItem::Catalog(header) = &items[0] else {
        panic!("the header comes first: {:?}", items[0]);
    };
    assert_eq!(header.version, "1.01");
    assert_eq!(header.transaction, Some(Transaction::NewCatalog));
    assert_eq!(header.language.as_deref(), Some("deu"), "DEU normalised");
    assert_eq!(header.currency.as_deref(), Some("DEM"));
    assert_eq!(header.catalog_id.as_deref(), Some("12348s5121"));
    assert_eq!(
        header.supplier_name.as_deref(),
        Some("Universitaet GH Essen")
    );

    let groups: Vec<(&str, &str, Option<&str>)> = items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Group(g) => Some((g.id.as_str(), g.name.as_str(), g.parent_id.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(groups.len(), 6);
    assert_eq!(groups[4], ("5", "Hemden", Some("2")));

    let all = articles(&items);
    assert_eq!(all.len(), 2);
    let charlie = all[0];
    assert_eq!(charlie.source_key, "54-Charlie-R");
    assert_eq!(charlie.mode, ArticleMode::New);
    assert_eq!(charlie.name.as_deref(), Some("Freizeithemd Charlie"));
    assert_eq!(
        charlie.long_description.as_deref(),
        Some("Das modische Hemd der Extraklasse.")
    );
    assert_eq!(charlie.ean.as_deref(), Some("87126709"));
    assert!(charlie.has_valid_gtin());
    assert_eq!(charlie.manufacturer.as_deref(), Some("Faden und Soehne"));
    assert_eq!(
        charlie.manufacturer_part_number.as_deref(),
        Some("123-RD-67-U")
    );
    assert_eq!(charlie.supplier_sku.as_deref(), Some("2334charlie"));
    // Four prices: net_customer and net_list, each in DEM and EUR, decimal commas, factor ",8".
    assert_eq!(charlie.prices.len(), 4);
    assert_eq!(charlie.prices[0].amount, Some(d("17.23")));
    assert_eq!(charlie.prices[0].factor, d("0.8"));
    assert_eq!(charlie.prices[1].currency.as_deref(), Some("EUR"));
    // The header currency (DEM) wins; the factor applies: 17.23 × 0.8, 20.00 × 0.8.
    assert_eq!(charlie.currency.as_deref(), Some("DEM"));
    assert_eq!(charlie.cost_price, Some(d("13.784")));
    assert_eq!(charlie.list_price, Some(d("16.000")));
    assert_eq!(charlie.tax_rate, Some(d("16")));
    // Sold per "Packung" of 6 "Stueck"; the prices are per Packung.
    let unit = charlie.sales_unit.as_ref().expect("a pack");
    assert_eq!(
        (
            unit.unit.as_str(),
            unit.content,
            unit.content_unit.as_deref()
        ),
        ("Packung", Some(d("6")), Some("Stueck"))
    );
    assert_eq!(charlie.features.len(), 2);
    assert_eq!(charlie.features[0].name, "Gewicht");
    assert_eq!(charlie.features[0].values, ["500"]);
    assert_eq!(charlie.features[0].unit.as_deref(), Some("g"));
    assert_eq!(charlie.features[1].values, ["Rot"]);
    assert!(charlie
        .location
        .element
        .as_deref()
        .is_some_and(|p| p.ends_with("/ARTICLE[1]")));

    let dennis = all[1];
    assert_eq!(dennis.source_key, "54-Dennis-B");
    // Its prices have no currency: the header's applies.
    assert_eq!(dennis.prices[0].currency.as_deref(), Some("DEM"));
    assert_eq!(dennis.cost_price, Some(d("17.23")));

    let assignments: Vec<(&str, &str)> = items
        .iter()
        .filter_map(|i| match i {
            FeedItem::GroupAssignment(a) => Some((a.article_key.as_str(), a.group_id.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(assignments, [("54-Charlie-R", "5"), ("54-Dennis-B", "5")]);
}

#[test]
fn a_preferred_currency_chooses_among_prices() {
    let options = BmecatOptions {
        currency: Some("EUR".into()),
        ..BmecatOptions::default()
    };
    let items = read_with(&fixture("bmecat101-reference-sample.xml"), &options).unwrap();
    let charlie = articles(&items)[0].clone();
    assert_eq!(charlie.currency.as_deref(), Some("EUR"));
    assert_eq!(charlie.cost_price, Some(d("8.61") * d("0.8")));
}

#[test]
fn bmecat_12_new_catalog_takes_the_price_for_one_unit_and_a_fractional_tax() {
    let items = read("bmecat12-new-catalog.xml");
    assert!(problems(&items).is_empty());
    let all = articles(&items);
    assert_eq!(all.len(), 1);
    let macbook = all[0];
    assert_eq!(macbook.source_key, "1000");
    assert_eq!(
        macbook.name.as_deref(),
        Some("Apple MacBook Pro 13\""),
        "&#34; resolved"
    );
    assert_eq!(macbook.ean.as_deref(), Some("8712670911213"));
    assert!(
        !macbook.has_valid_gtin(),
        "the file's EAN has a wrong check digit; kept as written"
    );
    assert_eq!(macbook.manufacturer.as_deref(), Some("Microsoft"));
    assert_eq!(macbook.manufacturer_part_number.as_deref(), Some("MPN"));
    // 1499.5 from 1 unit, 1300.9 from 100: the price for one unit is the cost.
    assert_eq!(macbook.cost_price, Some(d("1499.5")));
    assert_eq!(macbook.prices[1].lower_bound, d("100"));
    assert_eq!(macbook.tax_rate, Some(d("19")), "TAX 0.19 is 19 %");
    assert_eq!(macbook.currency.as_deref(), Some("EUR"));
    assert_eq!(macbook.language.as_deref(), Some("deu"));
    assert_eq!(macbook.features[0].name, "Netzspannung");
    assert_eq!(macbook.features[0].values, ["110", "220"]);
    assert_eq!(macbook.features[0].unit.as_deref(), Some("VLT"));
}

#[test]
fn bmecat_12_update_products_carries_update_and_delete_modes() {
    let items = read("bmecat12-update-products.xml");
    let FeedItem::Catalog(header) = &items[0] else {
        panic!("header first");
    };
    assert_eq!(header.transaction, Some(Transaction::UpdateProducts));
    let all = articles(&items);
    assert_eq!(
        all.iter()
            .map(|a| (a.source_key.as_str(), a.mode))
            .collect::<Vec<_>>(),
        [("1000", ArticleMode::Update), ("2000", ArticleMode::Delete)]
    );
    assert_eq!(all[0].cost_price, Some(d("1499.5")));
    assert_eq!(all[1].name, None);
}

#[test]
fn bmecat_12_update_prices_has_only_prices() {
    let items = read("bmecat12-update-prices.xml");
    let all = articles(&items);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].mode, ArticleMode::PriceUpdate);
    assert_eq!(all[0].source_key, "1000");
    assert_eq!(all[0].name, None);
    assert_eq!(all[0].cost_price, Some(d("1499.5")));
    assert_eq!(all[0].prices.len(), 2);
}

#[test]
fn bmecat_12_fischer_catalogue_net_list_and_nrp() {
    let items = read("bmecat12-price-validity.xml");
    assert!(problems(&items).is_empty());
    let all = articles(&items);
    assert_eq!(all.len(), 1);
    let slide = all[0];
    assert_eq!(slide.source_key, "079685");
    assert_eq!(slide.name.as_deref(), Some("Schiebeschlitten SBS M8"));
    assert_eq!(slide.ean.as_deref(), Some("4006209796856"));
    assert_eq!(slide.manufacturer.as_deref(), Some("fischer"));
    // No net_customer price: the cost is net_list; the list price is the nrp.
    // At least 8 must be ordered, in steps of 8; the one price applies to that.
    assert_eq!(slide.order.quantity_min, Some(d("8")));
    assert_eq!(slide.order.quantity_interval, Some(d("8")));
    assert_eq!(slide.sales_unit, None, "C62 is a piece");
    assert_eq!(slide.cost_price, Some(d("17.779")));
    assert_eq!(slide.list_price, Some(d("21.15701")));
    assert_eq!(slide.currency.as_deref(), Some("EUR"));
    assert_eq!(slide.tax_rate, None);
    let materials = slide
        .features
        .iter()
        .find(|f| f.name == "Materialzuschlag")
        .expect("feature");
    assert_eq!(materials.values, ["6.00"]);
    assert_eq!(materials.unit.as_deref(), Some("%"));
    assert!(slide
        .features
        .iter()
        .any(|f| f.name == "Max. empf. Rohr-Ø" && f.values == ["bis DN 80"]));
    let groups: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Group(g) => Some(g.name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        groups,
        [
            "(Wurzelkategorie)",
            "Gleitelemente",
            "Installationssysteme",
            "Schiebeschlitten SBS"
        ]
    );
    assert!(items.iter().any(|i| matches!(i, FeedItem::GroupAssignment(a) if a.article_key == "079685" && a.group_id == "1001344406")));
}

#[test]
fn bmecat_2005_products() {
    let items = read("bmecat2005-new-catalog.xml");
    let FeedItem::Catalog(header) = &items[0] else {
        panic!("header first");
    };
    assert_eq!(header.version, "2005");
    let all = articles(&items);
    assert_eq!(all.len(), 1);
    let macbook = all[0];
    assert_eq!(macbook.source_key, "1000");
    assert_eq!(
        macbook.ean.as_deref(),
        Some("8712670911213"),
        "INTERNATIONAL_PID type gtin"
    );
    assert_eq!(macbook.supplier_sku.as_deref(), Some("ALT-1000"));
    assert_eq!(macbook.manufacturer_part_number.as_deref(), Some("MPN"));
    assert_eq!(macbook.cost_price, Some(d("1499.5")));
    assert_eq!(macbook.tax_rate, Some(d("19")));
    assert_eq!(macbook.features[0].values, ["110", "220"]);
}

#[test]
fn bmecat_2005_weidmueller_chooses_the_language_and_has_no_price_amount() {
    let items = read("bmecat2005-weidmueller-1609801044.xml");
    assert!(problems(&items).is_empty());
    let all = articles(&items);
    assert_eq!(all.len(), 1);
    let marker = all[0];
    assert_eq!(marker.source_key, "1609801044");
    assert_eq!(marker.name.as_deref(), Some("Klemmenmarkierung"));
    assert_eq!(marker.language.as_deref(), Some("deu"));
    assert!(marker
        .long_description
        .as_deref()
        .is_some_and(|t| t.starts_with("Dekafix, Klemmenmarkierung, 5 x 5 mm")));
    assert_eq!(marker.ean.as_deref(), Some("4008190397111"));
    assert!(marker.has_valid_gtin());
    assert_eq!(marker.manufacturer.as_deref(), Some("Weidmueller Group"));
    // A net_customer price with only a LOWER_BOUND: named, but no amount.
    assert_eq!(marker.prices.len(), 1);
    assert_eq!(marker.prices[0].amount, None);
    assert_eq!(marker.prices[0].lower_bound, d("1000"));
    assert_eq!(marker.cost_price, None);
    assert_eq!(marker.currency.as_deref(), Some("EUR"));
    // eCl@ss features named in FTEMPLATE/FT_NAME, values in two languages.
    let weight = marker
        .features
        .iter()
        .find(|f| f.name == "Nettogewicht")
        .expect("feature");
    assert_eq!(weight.values, ["0.00013"]);
    let kind = marker
        .features
        .iter()
        .find(|f| f.name == "Herstellerartikeltyp")
        .expect("feature");
    assert_eq!(kind.values, ["Klemmenmarkierung"]);
    let mounting = marker
        .features
        .iter()
        .find(|f| f.name == "Art der Befestigung")
        .expect("feature");
    assert_eq!(
        mounting.values,
        ["Hut-/G-Schiene"],
        "FVALUE_DETAILS when there is no FVALUE"
    );

    let english = BmecatOptions {
        languages: vec!["en".into()],
        ..BmecatOptions::default()
    };
    let items = read_with(&fixture("bmecat2005-weidmueller-1609801044.xml"), &english).unwrap();
    let marker = articles(&items)[0].clone();
    assert_eq!(marker.name.as_deref(), Some("Terminal marking"));
    assert_eq!(marker.language.as_deref(), Some("eng"));
    let kind = marker
        .features
        .iter()
        .find(|f| f.name == "Herstellerartikeltyp")
        .expect("feature");
    assert_eq!(kind.values, ["Terminal marking"]);
}

#[test]
fn every_fixture_reads_through_read_feed_as_bmecat() {
    let dir = support::bmecat_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 7);
    for name in names {
        let options = FeedOptions {
            file_name: name.clone(),
            ..FeedOptions::default()
        };
        let summary = read_feed(Cursor::new(fixture(&name)), &options, &mut |_| {
            Ok::<(), Infallible>(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(summary.format, Some(FeedFormat::Bmecat), "{name}");
        assert!(summary.articles >= 1, "{name}");
        assert_eq!(summary.problems, 0, "{name}");
    }
}

#[test]
fn truncated_xml_is_refused_at_the_element_where_it_breaks_off() {
    let bytes = fixture("bmecat12-new-catalog.xml");
    let text = String::from_utf8(bytes).unwrap();
    let cut = text.find("<PRICE_AMOUNT>1300.9").unwrap();
    let error = read_with(&text.as_bytes()[..cut], &BmecatOptions::default()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("/BMECAT/T_NEW_CATALOG/ARTICLE[1]/ARTICLE_PRICE_DETAILS/ARTICLE_PRICE"),
        "{message}"
    );
    assert!(message.contains("truncated"), "{message}");
}

#[test]
fn xml_that_is_not_bmecat_is_refused_at_once() {
    let mut seen = 0;
    let result = read_bmecat(
        "<?xml version=\"1.0\"?><rss><channel><item/></channel></rss>".as_bytes(),
        &BmecatOptions::default(),
        None,
        "news.xml",
        &mut |_| {
            seen += 1;
            Ok::<(), Infallible>(())
        },
    );
    let Err(FeedFailure::Refused(error)) = result else {
        panic!("refused");
    };
    assert_eq!(
        error.to_string(),
        "news.xml is not a BMEcat catalogue: its root element is <rss>, not <BMECAT>"
    );
    assert_eq!(seen, 0);
}

#[test]
fn a_bad_price_rejects_its_article_with_the_element_path() {
    let text = String::from_utf8(fixture("bmecat12-new-catalog.xml")).unwrap();
    let broken = text.replacen(
        "<PRICE_AMOUNT>1499.5</PRICE_AMOUNT>",
        "<PRICE_AMOUNT>12.3.4</PRICE_AMOUNT>",
        1,
    );
    let items = read_with(broken.as_bytes(), &BmecatOptions::default()).unwrap();
    assert!(articles(&items).is_empty());
    let FeedItem::Problem(problem) = items
        .iter()
        .find(|i| matches!(i, FeedItem::Problem(_)))
        .unwrap()
    else {
        unreachable!()
    };
    assert_eq!(problem.field, "PRICE_AMOUNT");
    assert_eq!(
        problem.location.element.as_deref(),
        Some("/BMECAT/T_NEW_CATALOG/ARTICLE[1]/ARTICLE_PRICE_DETAILS/ARTICLE_PRICE/PRICE_AMOUNT")
    );
    assert_eq!(problem.location.line, 140, "the line of <PRICE_AMOUNT>");
    assert!(problem.reason.contains("12.3.4"), "{}", problem.reason);
}

#[test]
fn latin1_declared_xml_and_utf16_xml_decode() {
    let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<BMECAT version=\"1.2\"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CURRENCY>EUR</CURRENCY></CATALOG></HEADER><T_NEW_CATALOG><ARTICLE><SUPPLIER_AID>A1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>Gr\xF6\xDFe M\xFCller</DESCRIPTION_SHORT></ARTICLE_DETAILS></ARTICLE></T_NEW_CATALOG></BMECAT>";
    let items = read_with(latin1, &BmecatOptions::default()).unwrap();
    assert_eq!(articles(&items)[0].name.as_deref(), Some("Größe Müller"));

    let text = String::from_utf8_lossy(latin1)
        .replace("ISO-8859-1", "UTF-16")
        .replace('\u{FFFD}', "ü");
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let items = read_with(&utf16, &BmecatOptions::default()).unwrap();
    assert_eq!(articles(&items)[0].source_key, "A1");
}

#[test]
fn xml_declaring_utf16_in_8_bit_bytes_gets_an_xml_error_not_a_csv_one() {
    let bytes = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<BMECAT version=\"1.2\"><HEADER/><T_NEW_CATALOG><ARTICLE><SUPPLIER_AID>A1</SUPPLIER_AID></ARTICLE></T_NEW_CATALOG></BMECAT>";
    assert_eq!(
        servicefolio::feed::detect_format(bytes),
        Some(FeedFormat::Bmecat)
    );
    let options = FeedOptions {
        file_name: "catalog.xml".into(),
        ..FeedOptions::default()
    };
    let mut seen = 0;
    let result = read_feed(Cursor::new(&bytes[..]), &options, &mut |_| {
        seen += 1;
        Ok::<(), Infallible>(())
    });
    let Err(FeedFailure::Refused(error)) = result else {
        panic!("refused");
    };
    assert_eq!(
        error.to_string(),
        "catalog.xml is XML in an encoding other than it declares: its XML declaration says \
         encoding=\"UTF-16\", but its bytes are not UTF-16 (they read as UTF-8); save it again \
         with a declaration that matches its bytes (or none)"
    );
    assert_eq!(seen, 0);
    // The wizard's preview says the same.
    let error =
        servicefolio::feed::preview_feed(Cursor::new(&bytes[..]), "catalog.xml", 20).unwrap_err();
    assert!(matches!(error, FeedError::XmlEncoding { .. }), "{error}");
    // Markup in UTF-16 without a byte-order mark is XML too.
    let utf16: Vec<u8> = "  <BMECAT version=\"1.2\"/>"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_eq!(
        servicefolio::feed::detect_format(&utf16),
        Some(FeedFormat::Bmecat)
    );
}

#[test]
fn the_visitor_stops_the_reading() {
    let mut seen = 0;
    let result = read_bmecat(
        fixture("bmecat101-reference-sample.xml").as_slice(),
        &BmecatOptions::default(),
        None,
        "x.xml",
        &mut |item| {
            seen += 1;
            if matches!(item, FeedItem::Article(_)) {
                Err("cancelled")
            } else {
                Ok(())
            }
        },
    );
    assert!(matches!(result, Err(FeedFailure::Stopped("cancelled"))));
    // Header, six groups, the first article; nothing after it.
    assert_eq!(seen, 8);
}

// ---------------------------------------------------------------------------
// Prices per sales unit (issue 11): small catalogues written here.

/// A BMEcat 1.2 `T_NEW_CATALOG` holding `articles` (header currency EUR).
fn bmecat12(articles: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <BMECAT version=\"1.2\">\n<HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>C1</CATALOG_ID>\
         <CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG>\
         <SUPPLIER><SUPPLIER_NAME>Acme</SUPPLIER_NAME></SUPPLIER></HEADER>\n\
         <T_NEW_CATALOG>\n{articles}</T_NEW_CATALOG>\n</BMECAT>\n"
    )
    .into_bytes()
}

/// One BMEcat 1.2 article: key, order details and prices as XML.
fn article12(key: &str, order: &str, prices: &str) -> String {
    format!(
        "<ARTICLE><SUPPLIER_AID>{key}</SUPPLIER_AID>\
         <ARTICLE_DETAILS><DESCRIPTION_SHORT>Article {key}</DESCRIPTION_SHORT></ARTICLE_DETAILS>\
         <ARTICLE_ORDER_DETAILS>{order}</ARTICLE_ORDER_DETAILS>\
         <ARTICLE_PRICE_DETAILS>{prices}</ARTICLE_PRICE_DETAILS></ARTICLE>\n"
    )
}

fn price12(kind: &str, inner: &str) -> String {
    format!("<ARTICLE_PRICE price_type=\"{kind}\">{inner}</ARTICLE_PRICE>")
}

/// A BMEcat 2005 catalogue with one product.
fn bmecat2005(order: &str, prices: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <BMECAT version=\"2005\">\n<HEADER><CATALOG><LANGUAGE>eng</LANGUAGE><CATALOG_ID>C1</CATALOG_ID>\
         <CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG>\
         <SUPPLIER><SUPPLIER_NAME>Cable Co</SUPPLIER_NAME></SUPPLIER></HEADER>\n\
         <T_NEW_CATALOG><PRODUCT><SUPPLIER_PID>K-1</SUPPLIER_PID>\
         <PRODUCT_DETAILS><DESCRIPTION_SHORT>Cable</DESCRIPTION_SHORT></PRODUCT_DETAILS>\
         <PRODUCT_ORDER_DETAILS>{order}</PRODUCT_ORDER_DETAILS>\
         <PRODUCT_PRICE_DETAILS>{prices}</PRODUCT_PRICE_DETAILS></PRODUCT></T_NEW_CATALOG>\n</BMECAT>\n"
    )
    .into_bytes()
}

fn only_article(items: &[FeedItem]) -> SupplierArticle {
    assert!(problems(items).is_empty(), "{:?}", problems(items));
    let all = articles(items);
    assert_eq!(all.len(), 1);
    all[0].clone()
}

fn only_problem(items: &[FeedItem]) -> servicefolio::feed::RowProblem {
    assert!(articles(items).is_empty(), "no article is handed out");
    let found: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Problem(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn a_price_for_100_pieces_is_stored_per_piece() {
    let file = bmecat12(&article12(
        "A-1",
        "<ORDER_UNIT>C62</ORDER_UNIT><PRICE_QUANTITY>100</PRICE_QUANTITY>",
        &price12(
            "net_customer",
            "<PRICE_AMOUNT>10.50</PRICE_AMOUNT><TAX>0.19</TAX>",
        ),
    ));
    let a = only_article(&read_with(&file, &BmecatOptions::default()).unwrap());
    assert_eq!(a.cost_price, Some(d("0.105")));
    assert_eq!(a.cost_price.unwrap().to_string(), "0.105");
    assert_eq!(
        a.list_price,
        Some(d("0.105")),
        "net_customer is a list type too"
    );
    assert_eq!(a.order.price_quantity, Some(d("100")));
    assert_eq!(a.sales_unit, None, "C62 is a piece");
    let conversion = a.cost_conversion.expect("conversion");
    assert_eq!(conversion.amount, d("10.50"));
    assert_eq!(conversion.price_quantity, d("100"));
    assert_eq!(conversion.kinds(), [ConversionKind::PriceQuantity]);
    assert_eq!(a.tax_rate, Some(d("19")));
}

#[test]
fn a_price_factor_multiplies_and_tiers_take_the_one_for_the_minimum_order() {
    let tiers = [
        price12(
            "net_list",
            "<PRICE_AMOUNT>20.00</PRICE_AMOUNT><PRICE_FACTOR>0.8</PRICE_FACTOR><LOWER_BOUND>1</LOWER_BOUND>",
        ),
        price12(
            "net_list",
            "<PRICE_AMOUNT>18.00</PRICE_AMOUNT><PRICE_FACTOR>0.8</PRICE_FACTOR><LOWER_BOUND>10</LOWER_BOUND>",
        ),
        price12(
            "net_list",
            "<PRICE_AMOUNT>15.00</PRICE_AMOUNT><PRICE_FACTOR>0.8</PRICE_FACTOR><LOWER_BOUND>100</LOWER_BOUND>",
        ),
    ]
    .concat();
    let file = bmecat12(&format!(
        "{}{}",
        article12("ANY", "<ORDER_UNIT>C62</ORDER_UNIT>", &tiers),
        article12(
            "MIN-10",
            "<ORDER_UNIT>C62</ORDER_UNIT><QUANTITY_MIN>10</QUANTITY_MIN><QUANTITY_INTERVAL>10</QUANTITY_INTERVAL>",
            &tiers
        )
    ));
    let items = read_with(&file, &BmecatOptions::default()).unwrap();
    assert!(problems(&items).is_empty(), "{:?}", problems(&items));
    let all = articles(&items);
    // One piece can be ordered: the first tier, 20.00 × 0.8.
    assert_eq!(all[0].cost_price, Some(d("16.00")));
    let c = all[0].cost_conversion.as_ref().unwrap();
    assert_eq!((c.tiers, c.lower_bound), (3, d("1")));
    assert_eq!(c.kinds(), [ConversionKind::Factor, ConversionKind::Tier]);
    // At least 10 must be ordered: the tier from 10, 18.00 × 0.8.
    assert_eq!(all[1].cost_price, Some(d("14.40")));
    assert_eq!(all[1].order.quantity_min, Some(d("10")));
}

#[test]
fn an_order_unit_with_content_is_the_sales_unit_and_a_price_base_converts_to_it() {
    // 2005: a pack of 10 pieces, the price stated for 1 piece: 3.00 a pack.
    let file = bmecat2005(
        "<ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT><NO_CU_PER_OU>10</NO_CU_PER_OU>",
        "<PRODUCT_PRICE price_type=\"net_list\"><PRICE_AMOUNT>0.30</PRICE_AMOUNT>\
         <PRICE_BASE><PRICE_UNIT_VALUE>1</PRICE_UNIT_VALUE><PRICE_UNIT>C62</PRICE_UNIT></PRICE_BASE>\
         </PRODUCT_PRICE>",
    );
    let a = only_article(&read_with(&file, &BmecatOptions::default()).unwrap());
    assert_eq!(a.cost_price, Some(d("3.00")));
    let unit = a.sales_unit.expect("a pack is not a piece");
    assert_eq!(
        (
            unit.unit.as_str(),
            unit.content,
            unit.content_unit.as_deref()
        ),
        ("PK", Some(d("10")), Some("C62"))
    );
    let c = a.cost_conversion.unwrap();
    assert_eq!(c.units_per_order_unit, Some(d("10")));
    assert_eq!(c.kinds(), [ConversionKind::PriceUnit]);

    // A cable roll of 50 m priced per 100 m, with the factor stated: 80 / 100 × 50.
    let file = bmecat2005(
        "<ORDER_UNIT>RO</ORDER_UNIT>",
        "<PRODUCT_PRICE price_type=\"net_list\"><PRICE_AMOUNT>80</PRICE_AMOUNT>\
         <PRICE_BASE><PRICE_UNIT_VALUE>100</PRICE_UNIT_VALUE><PRICE_UNIT>MTR</PRICE_UNIT>\
         <PRICE_UNIT_FACTOR>50</PRICE_UNIT_FACTOR></PRICE_BASE></PRODUCT_PRICE>",
    );
    let a = only_article(&read_with(&file, &BmecatOptions::default()).unwrap());
    assert_eq!(a.cost_price, Some(d("40")));
    assert_eq!(a.sales_unit.unwrap().unit, "RO");
}

#[test]
fn a_price_unit_that_cannot_be_converted_to_the_order_unit_is_not_guessed() {
    let file = bmecat2005(
        "<ORDER_UNIT>RO</ORDER_UNIT>",
        "<PRODUCT_PRICE price_type=\"net_list\"><PRICE_AMOUNT>80</PRICE_AMOUNT>\
         <PRICE_BASE><PRICE_UNIT_VALUE>100</PRICE_UNIT_VALUE><PRICE_UNIT>MTR</PRICE_UNIT></PRICE_BASE>\
         </PRODUCT_PRICE>",
    );
    let p = only_problem(&read_with(&file, &BmecatOptions::default()).unwrap());
    assert_eq!(p.field, "PRICE_UNIT");
    assert!(p.reason.contains("100 MTR"), "{}", p.reason);
    assert!(p.reason.contains("per RO"), "{}", p.reason);
    assert!(p.reason.contains("not guessed"), "{}", p.reason);
    assert_eq!(
        p.location.element.as_deref(),
        Some("/BMECAT/T_NEW_CATALOG/PRODUCT[1]")
    );
}

#[test]
fn a_huge_factor_or_amount_is_a_problem_not_a_panic() {
    let file = bmecat12(&format!(
        "{}{}{}",
        article12(
            "FACTOR",
            "",
            &price12(
                "net_list",
                "<PRICE_AMOUNT>12.50</PRICE_AMOUNT><PRICE_FACTOR>10000000000000000000000000000</PRICE_FACTOR>"
            )
        ),
        article12(
            "AMOUNT",
            "",
            &price12("net_list", "<PRICE_AMOUNT>5000000000000</PRICE_AMOUNT>")
        ),
        article12(
            "FINE",
            "",
            &price12("net_list", "<PRICE_AMOUNT>1.00</PRICE_AMOUNT>")
        ),
    ));
    let items = read_with(&file, &BmecatOptions::default()).unwrap();
    let found: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Problem(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].field, "PRICE_FACTOR");
    assert!(
        found[0]
            .reason
            .contains("12.50 × PRICE_FACTOR 10000000000000000000000000000"),
        "{}",
        found[0].reason
    );
    assert!(
        found[0]
            .reason
            .contains("is beyond 1,000,000,000,000, the largest amount"),
        "{}",
        found[0].reason
    );
    assert_eq!(found[1].field, "PRICE_AMOUNT");
    assert!(
        found[1].reason.contains("5000000000000"),
        "{}",
        found[1].reason
    );
    assert_eq!(articles(&items).len(), 1, "the other article is read");
}

#[test]
fn negative_prices_and_zero_price_quantities_are_refused() {
    let file = bmecat12(&format!(
        "{}{}",
        article12(
            "NEG",
            "",
            &price12("net_list", "<PRICE_AMOUNT>-3,50</PRICE_AMOUNT>")
        ),
        article12(
            "ZERO-Q",
            "<PRICE_QUANTITY>0</PRICE_QUANTITY>",
            &price12("net_list", "<PRICE_AMOUNT>3.50</PRICE_AMOUNT>")
        ),
    ));
    let items = read_with(&file, &BmecatOptions::default()).unwrap();
    assert!(articles(&items).is_empty());
    let found: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Problem(p) => Some(p.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(found[0].field, "PRICE_AMOUNT");
    assert!(found[0].reason.contains("-3.5"), "{}", found[0].reason);
    assert!(found[0].reason.contains("negative"), "{}", found[0].reason);
    assert!(found[0]
        .location
        .element
        .as_deref()
        .is_some_and(|e| e.ends_with("ARTICLE_PRICE/PRICE_AMOUNT")));
    assert_eq!(found[1].field, "PRICE_QUANTITY");
    assert!(
        found[1].reason.contains("not greater than zero"),
        "{}",
        found[1].reason
    );
}

#[test]
fn price_types_nobody_chose_are_named_and_can_be_chosen() {
    let prices = [
        price12("udp_dummy", "<PRICE_AMOUNT>1.00</PRICE_AMOUNT>"),
        price12("EK_ohne_MWST", "<PRICE_AMOUNT>80.00</PRICE_AMOUNT>"),
        price12("UVP", "<PRICE_AMOUNT>119.00</PRICE_AMOUNT>"),
    ]
    .concat();
    let file = bmecat12(&article12("X-1", "", &prices));
    let p = only_problem(&read_with(&file, &BmecatOptions::default()).unwrap());
    assert_eq!(p.field, "price_type");
    for needed in [
        "\"udp_dummy\"",
        "\"EK_ohne_MWST\"",
        "\"UVP\"",
        "--price-type cost=",
        "wizard",
    ] {
        assert!(p.reason.contains(needed), "{needed}: {}", p.reason);
    }
    assert!(!p.reason.contains("neither a cost nor a list price"));

    let chosen = BmecatOptions {
        cost_price_types: vec!["ek_ohne_mwst".into()],
        list_price_types: vec!["UVP".into()],
        ..BmecatOptions::default()
    };
    let a = only_article(&read_with(&file, &chosen).unwrap());
    assert_eq!(
        a.cost_price,
        Some(d("80.00")),
        "price types match ignoring case"
    );
    assert_eq!(a.list_price, Some(d("119.00")));
    assert_eq!(a.cost_conversion.unwrap().price_type, "EK_ohne_MWST");
}

#[test]
fn an_article_without_any_price_is_handed_out_without_prices() {
    let file = bmecat12(&format!(
        "{}{}",
        "<ARTICLE><SUPPLIER_AID>M-1</SUPPLIER_AID><ARTICLE_DETAILS>\
         <DESCRIPTION_SHORT>Master data only</DESCRIPTION_SHORT><EAN>4006381333931</EAN>\
         </ARTICLE_DETAILS></ARTICLE>\n",
        article12(
            "M-2",
            "<ORDER_UNIT>MTR</ORDER_UNIT>",
            &price12("net_list", "<LOWER_BOUND>1</LOWER_BOUND>")
        ),
    ));
    let items = read_with(&file, &BmecatOptions::default()).unwrap();
    assert!(problems(&items).is_empty(), "{:?}", problems(&items));
    let all = articles(&items);
    assert_eq!(all.len(), 2);
    for a in all {
        assert_eq!(
            (a.cost_price, a.list_price),
            (None, None),
            "{}",
            a.source_key
        );
        assert!(a.cost_conversion.is_none());
    }
    assert_eq!(articles(&items)[1].sales_unit.as_ref().unwrap().unit, "MTR");
}

#[test]
fn the_preview_lists_the_price_types_of_the_first_articles_and_the_reading_hands_them_out_at_the_end(
) {
    let unknown = [
        price12("udp_dummy", "<PRICE_AMOUNT>1.00</PRICE_AMOUNT>"),
        price12("UVP", "<PRICE_AMOUNT>119.00</PRICE_AMOUNT>"),
    ]
    .concat();
    let file = bmecat12(&format!(
        "{}{}{}",
        article12("A", "", &unknown),
        article12(
            "B",
            "",
            &price12("net_list", "<PRICE_AMOUNT>5</PRICE_AMOUNT>")
        ),
        article12("C", "", &unknown),
    ));
    let preview = servicefolio::feed::preview_feed(Cursor::new(file.clone()), "x.xml", 5).unwrap();
    assert_eq!(preview.price_types_from, 3);
    let counts: Vec<(&str, u32, u32, u32)> = preview
        .price_types
        .iter()
        .map(|t| (t.price_type.as_str(), t.articles, t.as_cost, t.as_list))
        .collect();
    // Most frequent first; net_list is a default cost and list type.
    assert_eq!(
        counts,
        [
            ("UVP", 2, 0, 0),
            ("udp_dummy", 2, 0, 0),
            ("net_list", 1, 1, 1)
        ]
    );

    // Reading the whole file: the rejected articles' types count too, and come last.
    let items = read_with(&file, &BmecatOptions::default()).unwrap();
    let Some(FeedItem::PriceTypes { types, not_kept }) = items.last() else {
        panic!("price types last: {:?}", items.last());
    };
    assert_eq!((types.len(), *not_kept), (3, 0));
    assert_eq!(problems(&items).len(), 2);
}

#[test]
fn price_types_beyond_the_first_100_are_counted_as_distinct_types() {
    // The first article states 100 types (net_list and 99 others); the others
    // state 3 more, each on several articles and in any case: 3 distinct types
    // are not listed (not the 7 times they occur).
    let many: String = (0..99)
        .map(|i| price12(&format!("T{i:03}"), "<PRICE_AMOUNT>1</PRICE_AMOUNT>"))
        .chain([price12("net_list", "<PRICE_AMOUNT>1</PRICE_AMOUNT>")])
        .collect();
    let more = |types: &[&str]| -> String {
        let mut prices = price12("net_list", "<PRICE_AMOUNT>2</PRICE_AMOUNT>");
        for ty in types {
            prices.push_str(&price12(ty, "<PRICE_AMOUNT>3</PRICE_AMOUNT>"));
        }
        prices
    };
    let file = bmecat12(&format!(
        "{}{}{}{}",
        article12("A", "", &many),
        article12("B", "", &more(&["X1", "X2"])),
        article12("C", "", &more(&["X1", "X2", "X3"])),
        article12("D", "", &more(&["x1", "X3"])),
    ));
    let items = read_with(&file, &BmecatOptions::default()).unwrap();
    let Some(FeedItem::PriceTypes { types, not_kept }) = items.last() else {
        panic!("price types last: {:?}", items.last());
    };
    assert_eq!(types.len(), 100, "the first 100 distinct types are listed");
    assert!(types
        .iter()
        .all(|t| t.price_type.starts_with('T') || t.price_type == "net_list"));
    assert_eq!(*not_kept, 3, "X1, X2 and X3, each counted once");
    // The preview counts the same way.
    let preview = servicefolio::feed::preview_feed(Cursor::new(file), "x.xml", 5).unwrap();
    assert_eq!(preview.price_types.len(), 100);
}

#[test]
fn what_one_order_unit_holds_is_bounded_like_a_quantity() {
    // NO_CU_PER_OU is how many content units one order unit holds: at most
    // limits::MAX_QUANTITY; beyond it the article is a problem naming the
    // element, the value and the bound (it was taken as it was, and the
    // detail pane showed a pack of 10^27 pieces).
    let order = |content: &str| {
        format!(
            "<ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT><NO_CU_PER_OU>{content}</NO_CU_PER_OU>"
        )
    };
    let price = price12("net_list", "<PRICE_AMOUNT>2.00</PRICE_AMOUNT>");
    for beyond in ["1000001", "1000000000000000000000000000"] {
        let file = bmecat12(&article12("P-1", &order(beyond), &price));
        let p = only_problem(&read_with(&file, &BmecatOptions::default()).unwrap());
        assert_eq!(p.field, "NO_CU_PER_OU");
        assert!(
            p.reason.contains(&format!(
                "{beyond} is beyond 1,000,000, the most one sales unit may hold"
            )),
            "{}",
            p.reason
        );
        assert_eq!(p.source_key.as_deref(), Some("P-1"));
        assert!(
            p.location
                .element
                .as_deref()
                .is_some_and(|e| e.ends_with("/ARTICLE_ORDER_DETAILS/NO_CU_PER_OU")),
            "{:?}",
            p.location
        );
    }
    let file = bmecat12(&article12("P-1", &order("1000000"), &price));
    let a = only_article(&read_with(&file, &BmecatOptions::default()).unwrap());
    assert_eq!(a.sales_unit.unwrap().content, Some(d("1000000")));
}
