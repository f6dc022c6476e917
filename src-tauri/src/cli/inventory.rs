//! A customer's inventory (`inventory`) and add-ons ordered for an instance (`add-on`).

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
