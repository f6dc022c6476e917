//! The offer as an XLSX calculation sheet: one row per line with its unit prices
//! and amounts as numbers in a currency format, and the totals as formulas over
//! those rows (each with its computed result stored, so a reader that does not
//! calculate sees the same totals as the app). No internal costs.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

use super::{export_failed, Offer};
use crate::locale::Locale;
use crate::{Error, Result};

/// Columns of the line table, 0-based.
pub const COL_POSITION: u16 = 0;
pub const COL_ONE_TIME: u16 = 10;
pub const COL_MONTHLY: u16 = 11;
pub const COL_RESIDUAL: u16 = 12;
/// Row (0-based) of the table header; lines start on the next row.
pub const HEADER_ROW: u32 = 5;
/// A change offer's columns (issue 13, item 2), after the term: the kind of
/// change, the day it takes effect, what the instance is now, and its
/// current one-time and monthly amounts. An offer without changes has none.
pub const COL_CHANGE: u16 = 14;
pub const COL_EFFECTIVE: u16 = 15;
pub const COL_CURRENTLY: u16 = 16;
pub const COL_CURRENT_ONE_TIME: u16 = 17;
pub const COL_CURRENT_MONTHLY: u16 = 18;

fn number(value: Decimal) -> f64 {
    // Only for the cell's stored number: every amount is already exact cents.
    value.to_f64().unwrap_or_default()
}

fn cell(col: u16, row: u32) -> String {
    let mut name = String::new();
    let mut n = u32::from(col) + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        name.insert(0, char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    format!("{name}{}", row + 1)
}

fn result(value: Decimal) -> String {
    format!("{:.2}", value)
}

/// XLSX bytes in the document language.
pub fn offer_xlsx(offer: &Offer, locale: Locale) -> Result<Vec<u8>> {
    build(offer, locale).map_err(|e| Error::Export(export_failed("XLSX", e)))
}

fn build(offer: &Offer, locale: Locale) -> std::result::Result<Vec<u8>, XlsxError> {
    let l = locale.labels();
    let totals = &offer.calculation.totals;
    let currency = match (locale, offer.currency.as_str()) {
        (Locale::De, "EUR") => "#,##0.00 \"€\"".to_owned(),
        (Locale::En, "EUR") => "\"€\"#,##0.00".to_owned(),
        (_, code) => format!("#,##0.00 \"{code}\""),
    };
    let money = Format::new().set_num_format(&currency);
    // Unit prices exact, as the line multiplies them (a leasing rate 42.775):
    // two decimals, up to six when the price has them.
    let unit_money = Format::new().set_num_format(currency.replace("0.00", "0.00####"));
    let money_bold = Format::new().set_num_format(&currency).set_bold();
    // A difference with its sign: +0,10 € / -7,90 €.
    let signed_bold = Format::new()
        .set_num_format(format!("+{currency};-{currency};{currency}"))
        .set_bold();
    let bold = Format::new().set_bold();
    let header = Format::new().set_bold().set_background_color("#E8EDF3");
    let title = Format::new().set_bold().set_font_size(14);
    let plain_number = Format::new().set_num_format("0.####");

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(l.offer)?;
    sheet.write_string_with_format(0, 0, format!("{} {}", l.offer, offer.title()), &title)?;
    // The customer's address as the PDF prints it: name, street, postal code
    // and city; the country only when it is not Germany (DIN 5008).
    let customer = &offer.customer;
    let mut city = format!("{} {}", customer.postal_code, customer.city)
        .trim()
        .to_owned();
    if !customer.country.is_empty() && customer.country != "DE" {
        city = format!("{city}, {}", customer.country);
    }
    sheet.write_string_with_format(1, 0, &customer.name, &bold)?;
    sheet.write_string(2, 0, &customer.street)?;
    sheet.write_string(3, 0, city)?;
    sheet.write_string(
        4,
        0,
        format!(
            "{}: {}    {}: {}",
            l.date,
            locale.date(offer.offer_date),
            l.valid_until,
            locale.date(offer.valid_until)
        ),
    )?;
    let headings = [
        l.position,
        l.context,
        l.description,
        l.offer_type,
        l.quantity,
        l.unit_price,
        l.monthly,
        l.setup_fee,
        l.tax,
        l.one_time,
        l.one_time,
        l.monthly,
        l.residual_value,
        l.minimum_term,
    ];
    let headings: Vec<String> = headings
        .iter()
        .enumerate()
        .map(|(i, h)| match i {
            5 => format!("{} {}", l.unit_price, l.one_time.to_lowercase()),
            6 => format!("{} {}", l.unit_price, l.monthly.to_lowercase()),
            8 => format!("{} %", l.tax),
            9 => String::new(),
            _ => (*h).to_owned(),
        })
        .collect();
    // Column 9 is left out of the table; keep the named columns contiguous.
    let columns: [(u16, usize, f64); 13] = [
        (0, 0, 6.0),
        (1, 1, 22.0),
        (2, 2, 48.0),
        (3, 3, 10.0),
        (4, 4, 8.0),
        (5, 5, 16.0),
        (6, 6, 16.0),
        (7, 7, 12.0),
        (8, 8, 8.0),
        (COL_ONE_TIME, 10, 16.0),
        (COL_MONTHLY, 11, 16.0),
        (COL_RESIDUAL, 12, 16.0),
        (13, 13, 14.0),
    ];
    for (col, heading, width) in columns {
        sheet.write_string_with_format(HEADER_ROW, col, &headings[heading], &header)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_column_width(9, 2.0)?;
    let changes = !offer.changes.is_empty();
    if changes {
        let c = locale.change_labels();
        for (col, heading, width) in [
            (COL_CHANGE, c.change, 24.0),
            (COL_EFFECTIVE, c.effective, 12.0),
            (COL_CURRENTLY, c.currently.trim_end_matches(':'), 40.0),
            (COL_CURRENT_ONE_TIME, c.current_one_time, 16.0),
            (COL_CURRENT_MONTHLY, c.current_monthly, 16.0),
        ] {
            sheet.write_string_with_format(HEADER_ROW, col, heading, &header)?;
            sheet.set_column_width(col, width)?;
        }
    }

    let mut row = HEADER_ROW + 1;
    let first = row;
    for group in &offer.groups {
        for line in &group.lines {
            sheet.write_number(row, COL_POSITION, line.position)?;
            sheet.write_string(row, 1, group.label_in(locale))?;
            sheet.write_string(row, 2, &line.description)?;
            sheet.write_string(row, 3, locale.offer_type(line.offer_type))?;
            sheet.write_number(row, 4, number(Decimal::from(line.quantity)))?;
            if line.changed.as_ref().is_some_and(|c| c.kind.ends()) {
                // A line that ends is sold at no price: "—", not its old one.
                for col in 5..=7 {
                    sheet.write_string(row, col, "—")?;
                }
            } else {
                sheet.write_number_with_format(
                    row,
                    5,
                    number(line.terms.one_time_per_unit),
                    &unit_money,
                )?;
                sheet.write_number_with_format(
                    row,
                    6,
                    number(line.terms.monthly_per_unit),
                    &unit_money,
                )?;
                sheet.write_number_with_format(row, 7, number(line.terms.setup_fee), &money)?;
            }
            sheet.write_number_with_format(row, 8, number(line.terms.tax_rate), &plain_number)?;
            sheet.write_number_with_format(
                row,
                COL_ONE_TIME,
                number(line.amounts.one_time),
                &money,
            )?;
            sheet.write_number_with_format(
                row,
                COL_MONTHLY,
                number(line.amounts.monthly),
                &money,
            )?;
            sheet.write_number_with_format(
                row,
                COL_RESIDUAL,
                number(line.amounts.residual),
                &money,
            )?;
            sheet.write_number(row, 13, line.amounts.term_months)?;
            if let Some(changed) = &line.changed {
                sheet.write_string(row, COL_CHANGE, locale.change_kind(changed.kind))?;
                sheet.write_string(row, COL_EFFECTIVE, locale.date(changed.effective))?;
                sheet.write_string(
                    row,
                    COL_CURRENTLY,
                    format!(
                        "{} × {} ({})",
                        changed.quantity,
                        changed.item,
                        locale.offer_type(changed.offer_type)
                    ),
                )?;
                sheet.write_number_with_format(
                    row,
                    COL_CURRENT_ONE_TIME,
                    number(changed.current_one_time),
                    &money,
                )?;
                sheet.write_number_with_format(
                    row,
                    COL_CURRENT_MONTHLY,
                    number(changed.current_monthly),
                    &money,
                )?;
            } else if changes {
                // A new booking costs nothing now.
                sheet.write_number_with_format(row, COL_CURRENT_ONE_TIME, 0.0, &money)?;
                sheet.write_number_with_format(row, COL_CURRENT_MONTHLY, 0.0, &money)?;
            }
            row += 1;
        }
    }
    let last = row.saturating_sub(1).max(first);
    let range = |col: u16| format!("{}:{}", cell(col, first), cell(col, last));

    // Totals block: labels in column C, values in column K.
    let value_col = COL_ONE_TIME;
    row += 1;
    let plain = Format::new();
    let integer = Format::new().set_num_format("0");
    let mut put = |row: u32,
                   label: String,
                   formula: String,
                   value: Decimal,
                   strong: bool|
     -> std::result::Result<String, XlsxError> {
        let (label_format, value_format) = if strong {
            (&bold, &money_bold)
        } else if formula.starts_with("=SUM") || formula.starts_with("=ROUND") {
            (&plain, &money)
        } else if value.scale() == 0 && !formula.contains('+') {
            (&plain, &integer)
        } else {
            (&plain, &money)
        };
        sheet.write_string_with_format(row, 2, label, label_format)?;
        sheet.write_formula_with_format(
            row,
            value_col,
            Formula::new(formula).set_result(result(value)),
            value_format,
        )?;
        Ok(cell(value_col, row))
    };
    let one_time = put(
        row,
        l.one_time_net.into(),
        format!("=SUM({})", range(COL_ONE_TIME)),
        totals.net.one_time,
        false,
    )?;
    row += 1;
    let monthly = put(
        row,
        l.monthly_net.into(),
        format!("=SUM({})", range(COL_MONTHLY)),
        totals.net.monthly,
        false,
    )?;
    row += 1;
    let residual = put(
        row,
        l.residual.into(),
        format!("=SUM({})", range(COL_RESIDUAL)),
        totals.net.residual,
        false,
    )?;
    row += 1;
    // Each line over its own term (column N): Σ monthly × term, not the sum of
    // the monthly amounts times one horizon.
    let terms = range(13);
    let contract = put(
        row,
        l.contract_value.into(),
        format!(
            "={one_time}+SUMPRODUCT({}*{terms})+{residual}",
            range(COL_MONTHLY)
        ),
        totals.net.contract_value,
        true,
    )?;
    row += 2;
    let rates = range(8);
    let mut vat_one_time = Vec::new();
    let mut vat_monthly = Vec::new();
    let mut vat_contract = Vec::new();
    let on_contract = l.on_contract_value;
    for vat in &totals.vat {
        let rate = vat.rate.normalize().to_string();
        let tax = |col: u16| format!("=ROUND(SUMIF({rates},{rate},{})*{rate}/100,2)", range(col));
        vat_one_time.push(put(
            row,
            format!(
                "{} {} {}",
                l.vat,
                locale.percent(vat.rate),
                l.one_time.to_lowercase()
            ),
            tax(COL_ONE_TIME),
            vat.one_time_vat,
            false,
        )?);
        row += 1;
        vat_monthly.push(put(
            row,
            format!(
                "{} {} {}",
                l.vat,
                locale.percent(vat.rate),
                l.monthly.to_lowercase()
            ),
            tax(COL_MONTHLY),
            vat.monthly_vat,
            false,
        )?);
        row += 1;
        vat_contract.push(put(
            row,
            format!("{} {} {on_contract}", l.vat, locale.percent(vat.rate)),
            format!(
                "=ROUND((SUMIF({rates},{rate},{})+SUMPRODUCT(({rates}={rate})*{}*{terms})+SUMIF({rates},{rate},{}))*{rate}/100,2)",
                range(COL_ONE_TIME),
                range(COL_MONTHLY),
                range(COL_RESIDUAL)
            ),
            vat.contract_value_vat,
            false,
        )?);
        row += 1;
    }
    let sum = |cells: &[String]| {
        if cells.is_empty() {
            "0".to_owned()
        } else {
            cells.join("+")
        }
    };
    row += 1;
    put(
        row,
        l.one_time_gross.into(),
        format!("={one_time}+{}", sum(&vat_one_time)),
        totals.one_time_gross,
        true,
    )?;
    row += 1;
    put(
        row,
        l.monthly_gross.into(),
        format!("={monthly}+{}", sum(&vat_monthly)),
        totals.monthly_gross,
        true,
    )?;
    row += 1;
    put(
        row,
        l.contract_value_gross.into(),
        format!("={contract}+{}", sum(&vat_contract)),
        totals.contract_value_gross,
        true,
    )?;
    if let (true, Some(change)) = (changes, offer.monthly_change) {
        // The customer's monthly amount now (the running contracts when the
        // offer was made: a figure, not a sum of the sheet), with the offer
        // (now + each line's monthly − what its instance costs now), and
        // the difference.
        let c = locale.change_labels();
        row += 2;
        sheet.write_string(row, 2, c.current_monthly_net)?;
        sheet.write_number_with_format(row, value_col, number(change.current), &money)?;
        let current = cell(value_col, row);
        row += 1;
        sheet.write_string(row, 2, c.new_monthly_net)?;
        sheet.write_formula_with_format(
            row,
            value_col,
            Formula::new(format!(
                "={current}+SUM({})-SUM({})",
                range(COL_MONTHLY),
                range(COL_CURRENT_MONTHLY)
            ))
            .set_result(result(change.new)),
            &money,
        )?;
        let new = cell(value_col, row);
        row += 1;
        sheet.write_string_with_format(row, 2, c.difference_monthly_net, &bold)?;
        sheet.write_formula_with_format(
            row,
            value_col,
            Formula::new(format!("={new}-{current}")).set_result(result(change.difference)),
            &signed_bold,
        )?;
    }
    workbook.save_to_buffer()
}
