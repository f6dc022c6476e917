//! Issue 14.3: the booking dialog's picker says, per page, which items can be
//! booked into the chosen contexts (`catalog::pick_page` with `PickQuery::into`),
//! from the items' own contexts or, for imported products, their category rule.

use servicefolio::catalog::{
    effective_contexts, fits_into, pick_items, pick_page, ItemKind, PickFit, PickQuery, PickedItem,
    MAX_PICK,
};
use servicefolio::feed::generate_itscope_feed;
use servicefolio::master::{import_reader, ImportOptions};
use servicefolio::vocabulary::BookingContext::{self, *};
use servicefolio::{ErrorKind, Store};
use std::io::Cursor;
use std::sync::atomic::AtomicBool;

fn booking_picker(into: Vec<BookingContext>) -> PickQuery {
    PickQuery {
        kinds: vec![ItemKind::Service, ItemKind::Product],
        active_only: true,
        limit: MAX_PICK,
        into,
        ..Default::default()
    }
}

fn fit_of<'a>(page: &'a [PickedItem], code: &str) -> &'a PickFit {
    page.iter()
        .find(|p| p.item.code == code)
        .unwrap_or_else(|| panic!("{code} is on the page"))
        .fit
        .as_ref()
        .expect("a fit when contexts are asked for")
}

#[test]
fn an_item_fits_where_it_is_booked_and_an_employee_takes_workplace_items() {
    let workplace_only = [Workplace];
    assert!(fits_into(&workplace_only, Workplace));
    assert!(fits_into(&workplace_only, Employee));
    assert!(!fits_into(&workplace_only, CloudContainer));
    assert!(!fits_into(&workplace_only, Location));
    assert!(fits_into(&[Employee], Employee));
    assert!(!fits_into(&[Employee], Workplace));
    assert!(!fits_into(&[], Global));
}

#[test]
fn the_booking_picker_marks_what_does_not_fit_the_chosen_contexts() {
    let store = Store::open_in_memory().expect("demo store");

    // A cloud container: Workplace as a Service does not fit and says where it goes.
    let container = pick_page(store.conn(), &booking_picker(vec![CloudContainer])).expect("pick");
    assert_eq!(
        fit_of(&container, "SVC-WAAS"),
        &PickFit {
            fits: false,
            booked_for: vec![Workplace]
        }
    );
    assert!(fit_of(&container, "SVC-VM").fits);
    assert_eq!(
        fit_of(&container, "SVC-BACKUP").booked_for,
        vec![Employee, CloudContainer, Workplace]
    );
    assert!(!fit_of(&container, "NB-LEN-T14G5").fits);

    // Employees: Workplace as a Service lands in their workplaces; a firewall does not fit.
    let employees = pick_page(store.conn(), &booking_picker(vec![Employee])).expect("pick");
    assert!(fit_of(&employees, "SVC-WAAS").fits);
    assert!(fit_of(&employees, "SVC-M365").fits);
    assert!(fit_of(&employees, "NB-LEN-T14G5").fits);
    assert!(!fit_of(&employees, "SVC-FIREWALL").fits);
    assert_eq!(
        fit_of(&employees, "SVC-FIREWALL").booked_for,
        vec![Location]
    );

    // Several kinds at once: only what fits each of them.
    let both = pick_page(store.conn(), &booking_picker(vec![Employee, Location])).expect("pick");
    assert!(fit_of(&both, "MON-DELL-P2425H").fits);
    assert!(!fit_of(&both, "NB-LEN-T14G5").fits);

    // The same items in the same order as the picker without the check, which marks nothing.
    let plain = pick_items(store.conn(), &booking_picker(vec![])).expect("pick");
    let codes = |page: &[PickedItem]| page.iter().map(|p| p.item.code.clone()).collect::<Vec<_>>();
    assert_eq!(
        codes(&container),
        plain.iter().map(|i| i.code.clone()).collect::<Vec<_>>()
    );
    let unchecked = pick_page(store.conn(), &booking_picker(vec![])).expect("pick");
    assert!(unchecked.iter().all(|p| p.fit.is_none()));
    assert_eq!(codes(&unchecked), codes(&container));
}

#[test]
fn imported_products_fit_through_their_category_rule() {
    let mut store = Store::open_in_memory().expect("demo store");
    let mut feed = Vec::new();
    generate_itscope_feed(300, 11, &mut feed).expect("feed");
    import_reader(
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
    // An imported notebook has no contexts of its own: the demo's Notebooks rule gives them.
    let (id, code, own): (i64, String, i64) = store
        .conn()
        .query_row(
            "SELECT ci.id, ci.code, (SELECT count(*) FROM item_context c WHERE c.item_id = ci.id)
             FROM catalog_item ci JOIN product p ON p.item_id = ci.id
             JOIN category_rule r ON r.id = p.category_rule_id
             WHERE r.name = 'Notebooks' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("an imported notebook");
    assert_eq!(own, 0);
    let contexts = effective_contexts(store.conn(), &[id]).expect("contexts");
    assert_eq!(contexts.get(&id), Some(&vec![Employee, Workplace]));

    // A whole page of imported products, past the services, read in one go.
    let mut query = booking_picker(vec![CloudContainer]);
    query.kinds = vec![ItemKind::Product];
    let page = pick_page(store.conn(), &query).expect("pick");
    assert_eq!(page.len(), MAX_PICK as usize);
    assert!(page.iter().all(|p| p.fit.is_some()));
    // Every imported product has a rule (the demo has a default one): none is unbookable.
    assert!(page
        .iter()
        .all(|p| !p.fit.as_ref().expect("fit").booked_for.is_empty()));

    // The notebook searched for: not for a cloud container, fine for an employee.
    query.text = code.clone();
    let found = pick_page(store.conn(), &query).expect("pick");
    assert_eq!(
        found
            .iter()
            .map(|p| (p.item.id, p.fit.clone()))
            .collect::<Vec<_>>(),
        vec![(
            id,
            Some(PickFit {
                fits: false,
                booked_for: vec![Employee, Workplace]
            })
        )]
    );
    query.into = vec![Employee];
    let found = pick_page(store.conn(), &query).expect("pick");
    assert!(found[0].fit.as_ref().expect("fit").fits);
}

#[test]
fn the_contexts_of_a_page_are_read_by_index_and_a_page_at_most() {
    let store = Store::open_in_memory().expect("demo store");
    let too_many: Vec<i64> = (1..=i64::from(MAX_PICK) + 1).collect();
    let error = effective_contexts(store.conn(), &too_many).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(effective_contexts(store.conn(), &[])
        .expect("none")
        .is_empty());

    // The page's ids lead: item_context by its key, products by theirs, the rule's
    // contexts by rule; no table of the catalog is scanned.
    let mut stmt = store
        .conn()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT item_id, context FROM item_effective_context
             WHERE item_id IN (SELECT value FROM json_each(?1))",
        )
        .expect("plan");
    let details: Vec<String> = stmt
        .query_map(["[1,2,3]"], |r| r.get::<_, String>(3))
        .expect("plan rows")
        .collect::<Result<_, _>>()
        .expect("plan rows");
    assert!(!details.is_empty());
    for detail in &details {
        assert!(
            !detail.starts_with("SCAN") || detail.contains("json_each"),
            "a scan in {details:#?}"
        );
    }
}
