//! The PDF's totals block: one-time and monthly net, their VAT per rate and
//! gross, residuals, the total contract value with its VAT and gross, and for
//! a change offer the customer's monthly amount now, with the offer, and the
//! difference (net).
#![allow(clippy::float_arithmetic)] // page geometry in mm only; money is formatted text.

use rust_decimal::Decimal;

use super::{Layout, COL_MONTH_R, GREY_TEXT, RIGHT};
use crate::pricing::VatRow;

/// One line of the totals block.
struct TotalRow {
    label: String,
    value: String,
    bold: bool,
    rule_above: bool,
}

impl TotalRow {
    fn new(label: impl Into<String>, value: String, bold: bool, rule_above: bool) -> TotalRow {
        TotalRow {
            label: label.into(),
            value,
            bold,
            rule_above,
        }
    }
}

/// Net, the VAT of each rate, gross: once for the one-time and once for the
/// monthly amounts.
fn net_vat_gross(
    p: &Layout<'_>,
    rows: &mut Vec<TotalRow>,
    (net_label, net): (&str, Decimal),
    period: &str,
    vat: impl Fn(&VatRow) -> Decimal,
    (gross_label, gross): (&str, Decimal),
) {
    let l = p.locale.labels();
    rows.push(TotalRow::new(net_label, p.money(net), false, false));
    for row in &p.offer.calculation.totals.vat {
        let label = format!(
            "{} {} {}",
            l.vat,
            p.locale.percent(row.rate),
            period.to_lowercase()
        );
        rows.push(TotalRow::new(label, p.money(vat(row)), false, false));
    }
    rows.push(TotalRow::new(gross_label, p.money(gross), true, true));
}

pub(super) fn totals(p: &mut Layout<'_>) {
    let l = p.locale.labels();
    let totals = p.offer.calculation.totals.clone();
    let mut rows: Vec<TotalRow> = Vec::new();
    net_vat_gross(
        p,
        &mut rows,
        (l.one_time_net, totals.net.one_time),
        l.one_time,
        |v| v.one_time_vat,
        (l.one_time_gross, totals.one_time_gross),
    );
    net_vat_gross(
        p,
        &mut rows,
        (l.monthly_net, totals.net.monthly),
        l.monthly,
        |v| v.monthly_vat,
        (l.monthly_gross, totals.monthly_gross),
    );
    if !totals.net.residual.is_zero() {
        rows.push(TotalRow::new(
            l.residual,
            p.money(totals.net.residual),
            false,
            false,
        ));
    }
    // Each line counts over its own minimum (or leasing) term, so the label
    // names no single horizon (the terms say what it counts); the VAT rows
    // make net + VAT = gross as printed.
    let on_contract = l.on_contract_value;
    rows.push(TotalRow::new(
        l.contract_value,
        p.money(totals.net.contract_value),
        false,
        true,
    ));
    for row in &totals.vat {
        rows.push(TotalRow::new(
            format!("{} {} {on_contract}", l.vat, p.locale.percent(row.rate)),
            p.money(row.contract_value_vat),
            false,
            false,
        ));
    }
    rows.push(TotalRow::new(
        l.contract_value_gross,
        p.money(totals.contract_value_gross),
        true,
        true,
    ));
    monthly_change(p, &mut rows);
    let height = 5.0 * rows.len() as f32 + 8.0;
    p.room(height);
    p.y -= 2.0;
    let x = 84.0;
    p.fill(
        x - 3.0,
        p.y - height + 8.0,
        RIGHT - x + 3.0,
        height - 4.0,
        (0.97, 0.97, 0.98),
    );
    for TotalRow {
        label,
        value,
        bold,
        rule_above,
    } in rows
    {
        if rule_above {
            p.rule(x, RIGHT - 1.5, p.y + 3.6, 0.3, GREY_TEXT);
        }
        let y = p.y;
        p.text(x, y, 9.0, bold, label);
        p.right(COL_MONTH_R, y, 9.0, bold, value);
        p.y -= 5.0;
    }
    p.y -= 6.0;
}

/// A change offer's last rows: what the customer pays a month now, with the
/// offer, and the difference, net. An offer of new bookings only prints none,
/// as it always has.
fn monthly_change(p: &Layout<'_>, rows: &mut Vec<TotalRow>) {
    let Some(change) = p.offer.monthly_change else {
        return;
    };
    if p.offer.changes.is_empty() {
        return;
    }
    let c = p.locale.change_labels();
    rows.push(TotalRow::new(
        c.current_monthly_net,
        p.money(change.current),
        false,
        true,
    ));
    rows.push(TotalRow::new(
        c.new_monthly_net,
        p.money(change.new),
        false,
        false,
    ));
    rows.push(TotalRow::new(
        c.difference_monthly_net,
        p.locale.signed_money(change.difference, &p.offer.currency),
        true,
        false,
    ));
}
