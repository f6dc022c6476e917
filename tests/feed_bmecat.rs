//! BMEcat files written by others (shared/fixtures/bmecat, kept unchanged):
//! every one reads, with the values it holds.

use rust_decimal::Decimal;
use servicefolio::feed::{
    read_bmecat, read_feed, ArticleMode, BmecatOptions, FeedError, FeedFailure, FeedFormat,
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
