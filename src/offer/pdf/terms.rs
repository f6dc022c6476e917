//! The PDF's terms and notes: the rental and leasing terms the lines are sold
//! on (a line that ends is sold on none), what the contract value counts, the
//! footnote of an exact unit price, "prices net", the validity, and the
//! offer's notes.
#![allow(clippy::float_arithmetic)] // page geometry in mm only; money is formatted text.

use std::collections::BTreeSet;

use super::{Layout, ACCENT, LEFT, RIGHT};
use crate::locale::Locale;
use crate::vocabulary::OfferType;

pub(super) fn terms(p: &mut Layout<'_>) {
    let l = p.locale.labels();
    let locale = p.locale;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut rental = BTreeSet::new();
    let mut leasing = BTreeSet::new();
    // A line that ends is sold on no terms any more.
    let sold = || {
        p.offer
            .lines()
            .filter(|line| !line.changed.as_ref().is_some_and(|c| c.kind.ends()))
    };
    for line in sold() {
        match line.offer_type {
            OfferType::Rental => {
                rental.insert((
                    line.terms.minimum_term_months,
                    line.terms.notice_period_months,
                    line.terms.renewal_period_months,
                ));
            }
            OfferType::Leasing => {
                if let Some(lease) = &line.terms.leasing {
                    leasing.insert((
                        lease.term_months,
                        lease.leasing_factor_percent.normalize().to_string(),
                        lease.residual_value_percent.normalize().to_string(),
                    ));
                }
            }
            OfferType::Purchase => {}
        }
    }
    for (minimum, notice, renewal) in rental {
        let mut text = format!(
            "{}: {} {}, {} {}",
            l.rental_terms,
            l.minimum_term,
            locale.months(minimum),
            l.notice,
            locale.months(notice)
        );
        if renewal > 0 {
            text.push_str(&format!(", {} {}", l.renewal, locale.months(renewal)));
        }
        text.push('.');
        paragraphs.push(text);
    }
    for (term, factor, residual) in leasing {
        let factor = locale.percent(factor.parse().unwrap_or_default());
        let residual = locale.percent(residual.parse().unwrap_or_default());
        let text = format!(
            "{}: {} {}, {} {} {}, {} {}.",
            l.leasing_terms,
            l.leasing_term,
            locale.months(term),
            l.leasing_factor,
            factor,
            l.of_financed_per_month,
            l.residual_value,
            residual
        );
        paragraphs.push(text);
    }
    let exact = sold().any(|line| {
        Locale::has_sub_cents(match line.offer_type {
            OfferType::Purchase => line.terms.one_time_per_unit,
            _ => line.terms.monthly_per_unit,
        })
    });
    paragraphs.push(l.contract_value_note.to_owned());
    if exact {
        paragraphs.push(l.exact_unit_price.to_owned());
    }
    paragraphs.push(l.prices_net.to_owned());
    paragraphs.push(format!(
        "{} {}.",
        l.offer_valid_until,
        locale.date(p.offer.valid_until)
    ));
    let mut blocks = vec![(l.terms.to_owned(), paragraphs)];
    if !p.offer.notes.trim().is_empty() {
        blocks.push((
            l.notes.to_owned(),
            p.offer.notes.lines().map(str::to_owned).collect(),
        ));
    }
    for (heading, paragraphs) in blocks {
        p.room(14.0);
        p.colored(LEFT, p.y, 10.0, true, ACCENT, heading);
        p.y -= 5.5;
        for paragraph in paragraphs {
            for text in p.metrics.wrap(&paragraph, 8.5, false, RIGHT - LEFT) {
                p.room(4.5);
                p.text(LEFT, p.y, 8.5, false, text);
                p.y -= 4.2;
            }
            p.y -= 1.0;
        }
        p.y -= 4.0;
    }
}
