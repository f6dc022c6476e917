//! A customer's inventory (`inventory`), add-ons ordered for an instance
//! (`add-on`), and the renewals coming up across customers (`renewals`).

use servicefolio::booking::DeadlineKind;
use servicefolio::{booking, Store};
use std::io::Write;

use super::output::{self, Failure};
use super::today;

/// `inventory --customer ID [--date DAY]`: the instances with status, dates and costs.
pub fn show(
    store: &Store,
    customer: i64,
    date: Option<chrono::NaiveDate>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let inventory = booking::inventory(store.conn(), customer, date.unwrap_or_else(today))?;
    output::print(out, json, &inventory, |out, inventory| {
        for i in &inventory.instances {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\tx{}\t{}\t{} {c} once\t{} {c}/month",
                i.id,
                i.status.as_str(),
                i.item_name,
                i.context_label,
                i.quantity,
                i.offer_type.as_str(),
                i.one_time,
                i.monthly,
                c = i.currency
            )?;
        }
        for c in &inventory.per_context {
            writeln!(
                out,
                "total {}\t{} {cur} once\t{} {cur}/month",
                c.label,
                c.one_time,
                c.monthly,
                cur = inventory.currency
            )?;
        }
        writeln!(
            out,
            "total customer\t{} {cur} once\t{} {cur}/month",
            inventory.one_time,
            inventory.monthly,
            cur = inventory.currency
        )
    })
}

/// `renewals [--within DAYS] [--date DAY]`: one line per contract coming up,
/// soonest first: date, which date it is, customer, context, item, offer type,
/// instance and the monthly amount at stake.
pub fn renewals(
    store: &Store,
    within: u32,
    date: Option<chrono::NaiveDate>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let found = booking::renewals(store.conn(), date.unwrap_or_else(today), within)?;
    output::print(out, json, &found, |out, found| {
        if found.renewals.is_empty() {
            return writeln!(
                out,
                "no notice deadline, term end or lease end from {} to {}",
                found.today, found.until
            );
        }
        for r in &found.renewals {
            let item = match &r.variant {
                Some(variant) => format!("{} {variant}", r.item_name),
                None => r.item_name.clone(),
            };
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{item}\t{}\t#{}\t{} {}/month",
                r.date,
                match r.kind {
                    DeadlineKind::NoticeDeadline => "notice deadline",
                    DeadlineKind::TermEnd => "term end",
                    DeadlineKind::LeaseEnd => "lease end",
                },
                r.customer_name,
                r.context_label,
                r.offer_type.as_str(),
                r.instance_id,
                r.monthly,
                r.currency
            )?;
        }
        Ok(())
    })
}

/// `add-on INSTANCE CODE`: orders it today.
pub fn order_add_on(
    store: &mut Store,
    instance: i64,
    code: &str,
    quantity: i64,
    note: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let charge =
        store.write(|tx| booking::order_add_on(tx, instance, code, quantity, today(), note))?;
    writeln!(
        out,
        "ordered {} x {} for instance {instance}: {} {} each",
        charge.quantity, charge.add_on_name, charge.unit_price, charge.currency
    )?;
    Ok(())
}
