//! Random sequences of book / activate / cancel / retire; after every step the
//! inventory keeps its invariants: every live instance has its prerequisites
//! live, no linked instance outlives its parent, and the roll-ups are the sums
//! of their instances.

mod support;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::vocabulary::{ContextRef, InstanceStatus, OfferType};
use servicefolio::Store;
use support::customers;

#[derive(Debug, Clone)]
enum Step {
    Book { what: u8, target: u8, quantity: u8 },
    Advance { instance: u8 },
    Cancel { instance: u8 },
    Retire { instance: u8 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0u8..5, 0u8..6, 1u8..4).prop_map(|(what, target, quantity)| Step::Book { what, target, quantity }),
        2 => any::<u8>().prop_map(|instance| Step::Advance { instance }),
        1 => any::<u8>().prop_map(|instance| Step::Cancel { instance }),
        1 => any::<u8>().prop_map(|instance| Step::Retire { instance }),
    ]
}

struct World {
    store: Store,
    customer: i64,
    employees: Vec<i64>,
    containers: Vec<i64>,
}

/// ACME with four employees, each with a desk (a workplace), and two cloud
/// containers: every kind of booking context the steps book into.
fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let mut acme = customers::acme();
    for n in 0..4 {
        acme = acme.employee(&format!("E{n}")).with_workplace("Desk");
    }
    let acme = acme
        .cloud_container("ERP")
        .cloud_container("CRM")
        .create_in(&mut store);
    World {
        store,
        customer: acme.id,
        employees: acme.employees,
        containers: acme.cloud_containers,
    }
}

fn request(w: &World, what: u8, target: u8, quantity: u8) -> BookingRequest {
    let employee = ContextRef::Employee(w.employees[target as usize % w.employees.len()]);
    let container = ContextRef::CloudContainer(w.containers[target as usize % w.containers.len()]);
    type Sale<'a> = (
        &'a str,
        Option<&'a str>,
        Vec<(&'a str, &'a str)>,
        OfferType,
        ContextRef,
        Vec<String>,
    );
    let (item, variant, options, offer_type, context, include): Sale<'_> = match what {
        0 => (
            "SVC-M365",
            Some("STANDARD"),
            vec![("SUPPORT", "8X5")],
            OfferType::Rental,
            employee,
            vec![],
        ),
        1 => (
            "NB-LEN-T14G5",
            None,
            vec![],
            OfferType::Purchase,
            employee,
            vec!["SVC-BACKUP".into()],
        ),
        2 => (
            "SVC-VM",
            Some("S"),
            vec![("OS", "LINUX")],
            OfferType::Rental,
            container,
            vec![],
        ),
        3 => (
            "SVC-WAAS",
            Some("OFFICE"),
            vec![("SUPPORT", "24X7")],
            OfferType::Leasing,
            employee,
            vec![],
        ),
        _ => (
            "SVC-MDM",
            Some("STANDARD"),
            vec![],
            OfferType::Rental,
            employee,
            vec![],
        ),
    };
    BookingRequest {
        customer_id: w.customer,
        item: item.into(),
        variant: variant.map(Into::into),
        options: options
            .into_iter()
            .map(|(group, choice)| ChosenOption {
                group: group.into(),
                choice: choice.into(),
            })
            .collect(),
        offer_type,
        contexts: ContextSelector::Contexts(vec![context]),
        quantity: i64::from(quantity),
        start_date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        include_optional: include,
        add_anyway: false,
    }
}

fn instance_ids(w: &World) -> Vec<i64> {
    let mut stmt = w
        .store
        .conn()
        .prepare("SELECT id FROM instance ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<i64>, _>>()
        .unwrap()
}

fn run(w: &mut World, step: &Step, today: NaiveDate) {
    let ids = instance_ids(w);
    let pick = |n: u8| ids.get(n as usize % ids.len().max(1)).copied();
    // Refusals are fine (a transition not allowed, a basic service still needed);
    // what matters is the state after each step.
    let _ = match step {
        Step::Book {
            what,
            target,
            quantity,
        } => {
            let r = request(w, *what, *target, *quantity);
            let planned = plan(w.store.conn(), &r).unwrap();
            w.store
                .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
                .map(drop)
        }
        Step::Advance { instance } => match pick(*instance) {
            Some(id) => {
                let status: String = w
                    .store
                    .conn()
                    .query_row("SELECT status FROM instance WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .unwrap();
                let next = match status.as_str() {
                    "ordered" => InstanceStatus::Provisioning,
                    _ => InstanceStatus::Active,
                };
                w.store
                    .write(|tx| transition(tx, id, next, today, ""))
                    .map(drop)
            }
            None => Ok(()),
        },
        Step::Cancel { instance } => pick(*instance).map_or(Ok(()), |id| {
            w.store
                .write(|tx| transition(tx, id, InstanceStatus::Cancelled, today, ""))
                .map(drop)
        }),
        Step::Retire { instance } => pick(*instance).map_or(Ok(()), |id| {
            w.store
                .write(|tx| transition(tx, id, InstanceStatus::Retired, today, ""))
                .map(drop)
        }),
    };
}

fn check_invariants(w: &World, today: NaiveDate) -> Result<(), TestCaseError> {
    let conn = w.store.conn();
    // Every live instance has its prerequisites live.
    let dangling: i64 = conn
        .query_row(
            "SELECT count(*) FROM instance_prerequisite p
             JOIN instance i ON i.id = p.instance_id JOIN instance q ON q.id = p.prerequisite_id
             WHERE i.status IN ('planned', 'ordered', 'provisioning', 'active')
               AND q.status NOT IN ('planned', 'ordered', 'provisioning', 'active')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    prop_assert_eq!(dangling, 0, "a live instance lost a prerequisite");
    // Every live instance whose item requires a basic service has one in scope.
    let unmet: i64 = conn
        .query_row(
            "SELECT count(*) FROM instance i JOIN requirement r ON r.item_id = i.item_id
             WHERE i.status IN ('planned', 'ordered', 'provisioning', 'active')
               AND NOT EXISTS (SELECT 1 FROM instance b WHERE b.item_id = r.basic_service_id
                   AND b.customer_id = i.customer_id
                   AND b.status IN ('planned', 'ordered', 'provisioning', 'active')
                   AND (r.scope = 'customer' AND b.context = 'global'
                        OR r.scope = 'same_context' AND b.context = i.context
                           AND b.cloud_container_id IS i.cloud_container_id AND b.employee_id IS i.employee_id
                           AND b.location_id IS i.location_id AND b.workplace_id IS i.workplace_id))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    prop_assert_eq!(unmet, 0, "a live instance has no prerequisite in scope");
    // No linked instance outlives its parent.
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM instance c JOIN instance p ON p.id = c.parent_id
             WHERE (p.status = 'retired' AND c.status <> 'retired')
                OR (p.status = 'cancelled' AND c.status NOT IN ('cancelled', 'retired'))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    prop_assert_eq!(orphans, 0, "a linked instance outlives its parent");
    // Roll-ups are the sums of their instances.
    let inventory = inventory(conn, w.customer, today).unwrap();
    let counted: Vec<_> = inventory
        .instances
        .iter()
        .filter(|i| i.costs_count())
        .collect();
    let monthly: Decimal = counted.iter().map(|i| i.monthly).sum();
    let one_time: Decimal = counted.iter().map(|i| i.one_time).sum();
    prop_assert_eq!((inventory.monthly, inventory.one_time), (monthly, one_time));
    for context in &inventory.per_context {
        let sum: Decimal = counted
            .iter()
            .filter(|i| i.context == context.context)
            .map(|i| i.monthly)
            .sum();
        prop_assert_eq!(context.monthly, sum);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_inventory_keeps_its_invariants(steps in proptest::collection::vec(step(), 1..25)) {
        let mut w = world();
        let mut today = NaiveDate::from_ymd_opt(2027, 1, 2).unwrap();
        for step in &steps {
            run(&mut w, step, today);
            check_invariants(&w, today)?;
            today = today.succ_opt().unwrap();
        }
    }
}
