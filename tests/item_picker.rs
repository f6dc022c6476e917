//! The item pickers' search (`catalog::pick_items`) and the look-up of items
//! by code (`catalog::items_by_codes`), on the demo portfolio and on a catalog
//! big enough to be searched through the full-text index.

use servicefolio::catalog::{
    self, item_record, items_by_codes, list_items, pick_items, save_item, CatalogItemSummary,
    CatalogQuery, EditHistory, ItemDraft, ItemKind, ItemRecord, ListCursor, PickQuery,
};
use servicefolio::feed::generate_itscope_feed;
use servicefolio::master::{import_reader, ImportOptions};
use servicefolio::vocabulary::ItemStatus;
use servicefolio::{ErrorKind, Store};
use std::io::Cursor;
use std::sync::atomic::AtomicBool;

fn pick(store: &Store, query: PickQuery) -> Vec<CatalogItemSummary> {
    pick_items(store.conn(), &query).expect("pick")
}

fn codes(items: &[CatalogItemSummary]) -> Vec<&str> {
    items.iter().map(|i| i.code.as_str()).collect()
}

/// Every page of the picker's search after the one before, until one is short.
fn all_pages(store: &Store, query: &PickQuery) -> Vec<CatalogItemSummary> {
    let mut items: Vec<CatalogItemSummary> = Vec::new();
    loop {
        let page = pick(
            store,
            PickQuery {
                after: items.last().map(ListCursor::of),
                ..query.clone()
            },
        );
        let short = page.len() < query.limit as usize;
        items.extend(page);
        if short {
            return items;
        }
    }
}

fn set_status(store: &mut Store, code: &str, status: ItemStatus) {
    let mut record = item_record(store.conn(), code).expect("record");
    match &mut record {
        ItemRecord::Product(p) => p.status = status,
        ItemRecord::Service(s) => s.status = status,
        ItemRecord::AddOn(a) => a.status = status,
    }
    save_item(
        store,
        &mut EditHistory::default(),
        &ItemDraft {
            original_code: Some(code.into()),
            record,
        },
    )
    .expect("save");
}

#[test]
fn a_picker_offers_only_the_kinds_it_asks_for() {
    let store = Store::open_in_memory().expect("demo store");
    // The designer's requirement picker: basic services only.
    let basic = pick(
        &store,
        PickQuery {
            kinds: vec![ItemKind::BasicService],
            limit: 200,
            ..Default::default()
        },
    );
    assert!(!basic.is_empty());
    assert!(basic.iter().all(|i| i.kind == ItemKind::BasicService));
    // The booking dialog: services and products, never add-ons or basic services.
    let bookable = pick(
        &store,
        PickQuery {
            kinds: vec![ItemKind::Service, ItemKind::Product],
            limit: 200,
            ..Default::default()
        },
    );
    assert!(bookable.iter().any(|i| i.kind == ItemKind::Service));
    assert!(bookable.iter().any(|i| i.kind == ItemKind::Product));
    assert!(bookable
        .iter()
        .all(|i| matches!(i.kind, ItemKind::Service | ItemKind::Product)));
    // The same items, in the same order, as the catalog list filtered by hand:
    // the picker is the list's search, not a second one.
    let listed: Vec<CatalogItemSummary> = list_items(store.conn(), &CatalogQuery::default())
        .expect("list")
        .into_iter()
        .filter(|i| matches!(i.kind, ItemKind::Service | ItemKind::Product))
        .collect();
    assert_eq!(bookable, listed);
}

#[test]
fn a_picker_pages_through_its_kinds_without_gaps_or_repeats() {
    let store = Store::open_in_memory().expect("demo store");
    let query = PickQuery {
        kinds: vec![ItemKind::Service, ItemKind::BasicService, ItemKind::Product],
        limit: 7,
        ..Default::default()
    };
    let paged = all_pages(&store, &query);
    let whole = pick(
        &store,
        PickQuery {
            limit: 200,
            ..query.clone()
        },
    );
    assert!(whole.len() > 14, "several pages: {}", whole.len());
    assert_eq!(codes(&paged), codes(&whole));
}

#[test]
fn a_bookable_picker_leaves_out_items_no_longer_offered_and_excluded_ones() {
    let mut store = Store::open_in_memory().expect("demo store");
    // Deprecated and discontinued items take no new bookings.
    set_status(&mut store, "SVC-M365", ItemStatus::Deprecated);
    set_status(&mut store, "NB-LEN-X1CG12", ItemStatus::Discontinued);
    let bookable = |text: &str, exclude: Vec<String>| {
        pick(
            &store,
            PickQuery {
                text: text.into(),
                kinds: vec![ItemKind::Service, ItemKind::Product],
                active_only: true,
                exclude,
                limit: 200,
                ..Default::default()
            },
        )
    };
    let all = bookable("", vec![]);
    assert!(!codes(&all).contains(&"SVC-M365"));
    assert!(!codes(&all).contains(&"NB-LEN-X1CG12"));
    assert!(all.iter().all(|i| i.status == ItemStatus::Active));
    // Without the filter they are still there (the designer may link to them).
    let everything = pick(
        &store,
        PickQuery {
            limit: 200,
            ..Default::default()
        },
    );
    assert!(codes(&everything).contains(&"SVC-M365"));
    // The item being edited is never offered as its own link.
    let waas = bookable("workplace", vec![]);
    assert!(codes(&waas).contains(&"SVC-WAAS"), "{:?}", codes(&waas));
    let without = bookable("workplace", vec!["SVC-WAAS".into()]);
    assert!(!codes(&without).contains(&"SVC-WAAS"));
    assert_eq!(without.len(), waas.len() - 1);
}

#[test]
fn a_picker_page_is_bounded() {
    let store = Store::open_in_memory().expect("demo store");
    for limit in [0, catalog::MAX_PICK + 1] {
        let error = pick_items(
            store.conn(),
            &PickQuery {
                limit,
                ..Default::default()
            },
        )
        .expect_err("a page of 1 to MAX_PICK items");
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{limit}");
    }
}

#[test]
fn items_are_read_by_code_in_the_order_asked_with_the_list_s_prices() {
    let store = Store::open_in_memory().expect("demo store");
    let asked: Vec<String> = ["SVC-WAAS", "NOT-A-CODE", "NB-LEN-T14G5", "SVC-WAAS"]
        .map(String::from)
        .to_vec();
    let found = items_by_codes(store.conn(), &asked).expect("by code");
    // An unknown code is left out (a template may name a deleted item); a
    // code asked twice comes once.
    assert_eq!(codes(&found), ["SVC-WAAS", "NB-LEN-T14G5"]);
    let listed = list_items(store.conn(), &CatalogQuery::default()).expect("list");
    for item in &found {
        let in_list = listed.iter().find(|i| i.code == item.code).expect("listed");
        assert_eq!(item, in_list, "the same summary, price included");
    }
    let too_many: Vec<String> = (0..=catalog::MAX_PICK).map(|i| format!("X{i}")).collect();
    assert_eq!(
        items_by_codes(store.conn(), &too_many)
            .expect_err("bounded")
            .kind(),
        ErrorKind::InvalidInput
    );
}

#[test]
fn in_a_big_catalog_a_picker_searches_products_by_rank_with_its_filters() {
    // Just over the size from which the list searches products by full text.
    let mut store = Store::open_in_memory().expect("demo store");
    let mut feed = Vec::new();
    generate_itscope_feed(catalog::FULL_TEXT_FROM as u64 + 300, 7, &mut feed).expect("feed");
    let report = import_reader(
        &mut store,
        Cursor::new(feed.clone()),
        "feed.csv",
        feed.len() as u64,
        &ImportOptions {
            source: Some("itscope".into()),
            ..ImportOptions::default()
        },
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("import");
    assert_eq!(report.rejected, 0);

    let query = |text: &str, kinds: Vec<ItemKind>| PickQuery {
        text: text.into(),
        kinds,
        active_only: true,
        limit: 50,
        ..Default::default()
    };
    // The catalog list's ranked products, in the same order.
    let ranked = pick(&store, query("thinkpad", vec![ItemKind::Product]));
    assert_eq!(ranked.len(), 50);
    let listed: Vec<CatalogItemSummary> = list_items(
        store.conn(),
        &CatalogQuery {
            text: "thinkpad".into(),
            kind: Some(ItemKind::Product),
            limit: Some(50),
            ..Default::default()
        },
    )
    .expect("list");
    assert_eq!(codes(&ranked), codes(&listed));

    // Paging goes on after the cursor in the ranked list.
    let second = pick(
        &store,
        PickQuery {
            after: ranked.last().map(ListCursor::of),
            ..query("thinkpad", vec![ItemKind::Product])
        },
    );
    assert!(!second.is_empty());
    assert!(second
        .iter()
        .all(|i| !codes(&ranked).contains(&i.code.as_str())));

    // An excluded product is skipped and the page still fills.
    let first = ranked[0].code.clone();
    let without = pick(
        &store,
        PickQuery {
            exclude: vec![first.clone()],
            ..query("thinkpad", vec![ItemKind::Product])
        },
    );
    assert_eq!(without.len(), 50);
    assert!(!codes(&without).contains(&first.as_str()));
    assert_eq!(codes(&without)[..49], codes(&ranked)[1..]);

    // A discontinued product is not offered for booking.
    set_status(&mut store, &first, ItemStatus::Discontinued);
    let bookable = pick(&store, query("thinkpad", vec![ItemKind::Product]));
    assert!(!codes(&bookable).contains(&first.as_str()));

    // A picker of services finds services by their words and no product.
    let services = pick(&store, query("workplace", vec![ItemKind::Service]));
    assert!(codes(&services).contains(&"SVC-WAAS"));
    assert!(services.iter().all(|i| i.kind == ItemKind::Service));
    let basic = pick(&store, query("thinkpad", vec![ItemKind::BasicService]));
    assert!(basic.is_empty(), "{:?}", codes(&basic));
}
