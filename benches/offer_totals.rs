//! Totals of an offer with 50,000 lines (issue 5, point 9): 5,000 employees with
//! ten lines each (rentals, purchases with a cost, leases with a residual), three
//! tax rates. Prints the median and the fastest of several runs.
//!
//! Run: `cargo bench --bench offer_totals` (an optimised build; not part of `make test`).

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

use rust_decimal::Decimal;
use servicefolio::catalog::LeasingTerms;
use servicefolio::contract::LineTerms;
use servicefolio::pricing::{leasing_rate, offer_totals, OfferLine, UnitCost};
use servicefolio::vocabulary::{ContextRef, OfferType};
use std::time::{Duration, Instant};

const LINES: usize = 50_000;
const RUNS: usize = 11;

fn lines() -> Vec<OfferLine> {
    (0..LINES)
        .map(|n| {
            let employee = (n / 10) as i64;
            let cents = Decimal::new(1_000 + (n as i64 * 37) % 90_000, 2);
            let tax = [Decimal::from(19), Decimal::from(7), Decimal::ZERO][n % 3];
            let base = LineTerms {
                offer_type: OfferType::Rental,
                currency: "EUR".into(),
                tax_rate: tax,
                monthly_per_unit: cents,
                one_time_per_unit: Decimal::ZERO,
                setup_fee: Decimal::ZERO,
                minimum_term_months: 12 + (n % 3) as u32 * 12,
                notice_period_months: 3,
                renewal_period_months: 12,
                leasing: None,
            };
            let (terms, unit_cost) = match n % 10 {
                0..=5 => (base, None),
                6..=8 => (
                    LineTerms {
                        offer_type: OfferType::Purchase,
                        monthly_per_unit: Decimal::ZERO,
                        one_time_per_unit: cents * Decimal::from(10),
                        minimum_term_months: 0,
                        ..base
                    },
                    Some(UnitCost {
                        one_time: cents * Decimal::from(8),
                        monthly: Decimal::ZERO,
                    }),
                ),
                _ => {
                    let leasing = LeasingTerms {
                        financed_amount: cents * Decimal::from(20),
                        term_months: 36,
                        leasing_factor_percent: Decimal::new(295, 2),
                        residual_value_percent: Decimal::from(10),
                    };
                    (
                        LineTerms {
                            offer_type: OfferType::Leasing,
                            monthly_per_unit: leasing_rate(&leasing).expect("a bench rate"),
                            setup_fee: Decimal::new(14900, 2),
                            minimum_term_months: 36,
                            leasing: Some(leasing),
                            ..base
                        },
                        None,
                    )
                }
            };
            OfferLine {
                context: if n % 10 == 9 {
                    ContextRef::Workplace(employee)
                } else {
                    ContextRef::Employee(employee)
                },
                quantity: 1 + (n % 7) as i64,
                terms,
                unit_cost,
            }
        })
        .collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let lines = lines();
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let calculation = offer_totals("EUR", &lines).expect("the bench offer totals");
        times.push(start.elapsed());
        last = Some(calculation);
    }
    times.sort();
    let Some(calculation) = last else { return };
    let t = &calculation.totals;
    println!(
        "offer totals, {} lines, {} contexts, {} tax rates: median {:.2} ms, fastest {:.2} ms, slowest {:.2} ms ({RUNS} runs)",
        t.line_count,
        t.per_context.len(),
        t.vat.len(),
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS - 1]),
    );
    println!(
        "  one-time {} / monthly {} / contract value {} (each line over its term); margin {:?} ({} lines without cost)",
        t.net.one_time,
        t.net.monthly,
        t.net.contract_value,
        calculation.margin.margin_contract_value,
        calculation.margin.lines_without_cost,
    );
}
