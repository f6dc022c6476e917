//! Booking: `book` (plan a request and, with --apply, book it), and the
//! onboarding templates (`customer add-template`, `customer onboard`).

use servicefolio::{booking, Store};
use std::io::Write;
use std::path::Path;

use super::output::{self, Failure};
use super::{parse_json, today};

/// `book --request FILE [--apply] [--add-anyway]`. A context that already
/// holds the item is named under the plan; --apply books it again only with
/// --add-anyway (or the request's `add_anyway`).
pub fn book(
    store: &mut Store,
    request: &Path,
    apply: bool,
    add_anyway: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut parsed: booking::BookingRequest = parse_json(request)?;
    parsed.add_anyway |= add_anyway;
    let plan = booking::plan(store.conn(), &parsed)?;
    let booked = if apply {
        Some(store.write(|tx| booking::apply(tx, &plan, booking::ApplyAs::Ordered))?)
    } else {
        None
    };
    let answer = serde_json::json!({ "plan": plan, "instances": booked });
    output::print(out, json, &answer, |out, _| {
        print_plan(out, &plan)?;
        if let Some(ids) = &booked {
            writeln!(out, "booked {} instance(s) as ordered", ids.len())?;
        }
        Ok(())
    })
}

/// `customer add-template CUSTOMER FILE`: prints the template's id.
pub fn add_template(
    store: &mut Store,
    customer: i64,
    file: &Path,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let record: booking::TemplateRecord = parse_json(file)?;
    let created = store.write(|tx| booking::create_template(tx, customer, &record))?;
    writeln!(out, "{}", created.id)?;
    Ok(())
}

/// `customer onboard EMPLOYEE [--start DATE]`.
pub fn onboard(
    store: &mut Store,
    employee: i64,
    start: Option<chrono::NaiveDate>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let start = start.unwrap_or_else(today);
    let done = store.write(|tx| booking::onboard_employee(tx, employee, start))?;
    writeln!(
        out,
        "onboarded with {}: {} instance(s) booked as ordered",
        done.templates.join(", "),
        done.instances.len()
    )?;
    if let Some(workplace) = done.workplace_created {
        writeln!(out, "created workplace {workplace}")?;
    }
    Ok(())
}

fn print_plan(out: &mut dyn Write, plan: &booking::BookingPlan) -> std::io::Result<()> {
    for (n, line) in plan.lines.iter().enumerate() {
        let per_unit = if line.terms.monthly_per_unit.is_zero() {
            format!(
                "{} {} once",
                line.terms.one_time_per_unit, line.terms.currency
            )
        } else {
            format!(
                "{} {}/month",
                line.terms.monthly_per_unit, line.terms.currency
            )
        };
        writeln!(
            out,
            "{n}\t{}{}\t{}\tx{}\t{}\t{per_unit}\t{}",
            line.item_name,
            line.variant
                .as_deref()
                .map(|v| format!(" ({v})"))
                .unwrap_or_default(),
            line.context_label,
            line.quantity,
            line.terms.offer_type.as_str(),
            line.explanation
        )?;
    }
    let held = plan.already_held();
    for line in &held {
        writeln!(out, "already held\t{}", line.describe())?;
    }
    if !held.is_empty() && !plan.request.add_anyway {
        writeln!(out, "nothing is booked twice without --add-anyway")?;
    }
    for offer in &plan.offered {
        writeln!(
            out,
            "offered\t{} ({}) with {}",
            offer.item_name, offer.item_code, offer.with
        )?;
    }
    Ok(())
}
