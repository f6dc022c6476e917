//! `offer ...`: offers from booking requests and changes to what the customer
//! holds, their versions, status, comparison and export.

use clap::Subcommand;
use servicefolio::booking;
use servicefolio::error::{InputSays, Wording};
use servicefolio::locale::Locale;
use servicefolio::offer::{self, OfferExportFormat, OfferStatus};
use servicefolio::Store;
use std::io::Write;
use std::path::PathBuf;

use super::output::{self, Failure};
use super::parse_json;

#[derive(Debug, Subcommand)]
pub enum OfferCommand {
    /// Create an offer (draft, version 1) from booking request files, planned in
    /// order, and changes to the customer's instances (upgrade, more or fewer
    /// units, offer type, successor, renewal, cancellation); at least one of them.
    Create {
        #[arg(long, value_name = "ID")]
        customer: i64,
        /// A booking request JSON file (docs/booking-request.md); repeat for more.
        #[arg(long, value_name = "FILE", required_unless_present_any = ["change", "cancel"])]
        request: Vec<PathBuf>,
        /// A change to an existing instance as a JSON file (docs/offers.md,
        /// "Change offers": {"instance_id", "to": {"item", "variant", "options",
        /// "offer_type", "quantity"}, "not_before"}); repeat for more.
        #[arg(long, value_name = "FILE")]
        change: Vec<PathBuf>,
        /// Cancel this instance at the earliest end its terms allow; repeat for more.
        #[arg(long, value_name = "INSTANCE")]
        cancel: Vec<i64>,
        /// The offer date (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// Default: the date plus the default validity days of the settings.
        #[arg(long, value_name = "YYYY-MM-DD")]
        valid_until: Option<chrono::NaiveDate>,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long)]
        json: bool,
    },
    /// List offers (id, number, version, status, customer, validity).
    List {
        #[arg(long, value_name = "ID")]
        customer: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// An offer's lines by group, its totals and (internal) margin.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Move an offer along: draft → sent → accepted | rejected | expired.
    /// Accepting books its plans as ordered inventory.
    Status {
        id: i64,
        #[arg(value_parser = ["sent", "accepted", "rejected", "expired"])]
        status: String,
    },
    /// Approve a draft that breaks an approval rule of the settings, so it can be sent.
    Approve {
        id: i64,
        /// Who approves it (recorded with the time).
        #[arg(long, value_name = "NAME")]
        by: String,
        #[arg(long)]
        json: bool,
    },
    /// Copy an offer as a new draft version.
    NewVersion {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
    },
    /// What changed between two offers (versions), line by line.
    Compare {
        from: i64,
        to: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write the customer PDF, the XLSX calculation sheet or CSV.
    #[command(group(clap::ArgGroup::new("format").required(true).args(["pdf", "xlsx", "csv"])))]
    Export {
        id: i64,
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Write the PDF even though the sender (company name, address) is
        /// empty in the settings.
        #[arg(long)]
        allow_empty_sender: bool,
    },
}

pub fn run(store: &mut Store, command: OfferCommand, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        OfferCommand::Create {
            customer,
            request,
            change,
            cancel,
            date,
            valid_until,
            notes,
            json,
        } => {
            let mut requests = Vec::new();
            for file in &request {
                requests.push(parse_json::<booking::BookingRequest>(file)?);
            }
            let mut changes = Vec::new();
            for file in &change {
                changes.push(parse_json::<booking::InstanceChange>(file)?);
            }
            changes.extend(
                cancel
                    .into_iter()
                    .map(|instance_id| booking::InstanceChange {
                        instance_id,
                        to: None,
                        not_before: None,
                    }),
            );
            let draft = offer::OfferDraft {
                customer_id: customer,
                requests,
                changes,
                offer_date: date,
                valid_until,
                notes,
            };
            let created = store.write(|tx| offer::create_offer(tx, &draft))?;
            output::print(out, json, &created, |out, created| {
                writeln!(out, "{}\t{}", created.id, created.title())?;
                Ok(())
            })?;
        }
        OfferCommand::List { customer, json } => {
            let list = offer::offers(store.conn(), customer)?;
            output::print(out, json, &list, |out, list| {
                for o in list {
                    writeln!(
                        out,
                        "{}\t{} v{}\t{}\t{}\t{}\tvalid until {}",
                        o.id,
                        o.number,
                        o.version,
                        o.status.as_str(),
                        o.customer_name,
                        o.offer_date,
                        o.valid_until
                    )?;
                }
                Ok(())
            })?;
        }
        OfferCommand::Show { id, json } => {
            let shown = offer::offer(store.conn(), id)?;
            output::print(out, json, &shown, print_offer)?;
        }
        OfferCommand::Status { id, status } => {
            let status = OfferStatus::parse(&status)?;
            let change = store.write(|tx| offer::set_offer_status(tx, id, status))?;
            writeln!(
                out,
                "{} v{} is {}",
                change.offer.number,
                change.offer.version,
                change.offer.status.as_str()
            )?;
            if !change.ordered_instances.is_empty() {
                writeln!(
                    out,
                    "booked {} instance(s) as ordered",
                    change.ordered_instances.len()
                )?;
            }
        }
        OfferCommand::Approve { id, by, json } => {
            let approved = store.write(|tx| offer::approve_offer(tx, id, &by))?;
            output::print(out, json, &approved, |out, o| {
                if let Some(a) = &o.approval.approved {
                    writeln!(out, "{} approved by {} at {}", o.title(), a.by, a.at)?;
                }
                Ok(())
            })?;
        }
        OfferCommand::NewVersion { id, date } => {
            let copy = store.write(|tx| offer::new_offer_version(tx, id, date))?;
            writeln!(out, "{}\t{}", copy.id, copy.title())?;
        }
        OfferCommand::Compare { from, to, json } => {
            let comparison = offer::compare_offers(store.conn(), from, to)?;
            output::print(out, json, &comparison, |out, comparison| {
                writeln!(out, "{} → {}", comparison.from, comparison.to)?;
                for change in &comparison.changes {
                    let text = match change {
                        offer::LineChange::Added {
                            context_label,
                            description,
                            offer_type,
                            quantity,
                            ..
                        } => format!(
                            "+ {context_label}: {quantity} x {description} ({})",
                            offer_type.as_str()
                        ),
                        offer::LineChange::Removed {
                            context_label,
                            description,
                            offer_type,
                            quantity,
                            ..
                        } => format!(
                            "- {context_label}: {quantity} x {description} ({})",
                            offer_type.as_str()
                        ),
                        offer::LineChange::Changed {
                            context_label,
                            description,
                            offer_type_from,
                            offer_type_to,
                            quantity_from,
                            quantity_to,
                            unit_price_from,
                            unit_price_to,
                            ..
                        } => format!(
                            "~ {context_label}: {description}: type {} → {}, quantity {quantity_from} → {quantity_to}, unit price {unit_price_from} → {unit_price_to}",
                            offer_type_from.as_str(),
                            offer_type_to.as_str()
                        ),
                    };
                    writeln!(out, "{text}")?;
                }
                writeln!(out, "{} line(s) unchanged", comparison.unchanged)?;
                Ok(())
            })?;
        }
        OfferCommand::Export {
            id,
            pdf,
            xlsx,
            csv,
            allow_empty_sender,
        } => {
            let (format, path) = match (pdf, xlsx, csv) {
                (Some(p), _, _) => (OfferExportFormat::Pdf, p),
                (_, Some(p), _) => (OfferExportFormat::Xlsx, p),
                (_, _, Some(p)) => (OfferExportFormat::Csv, p),
                _ => {
                    return Err(servicefolio::Error::input_said(
                        "--pdf, --xlsx, --csv",
                        Wording::new(InputSays::NameOneExportFile),
                    )
                    .into())
                }
            };
            let choices = offer::ExportChoices { allow_empty_sender };
            let bytes = offer::export_offer_to(store.conn(), id, format, &path, choices)?;
            writeln!(out, "wrote {} ({bytes} bytes)", path.display())?;
        }
    }
    Ok(())
}

fn print_offer(out: &mut dyn Write, o: &offer::Offer) -> std::io::Result<()> {
    let en = Locale::En;
    let money = |amount| en.money(amount, &o.currency);
    writeln!(
        out,
        "{} ({}) for {}: dated {}, valid until {}",
        o.title(),
        o.status.as_str(),
        o.customer.name,
        o.offer_date,
        o.valid_until
    )?;
    for group in &o.groups {
        writeln!(out, "{}", group.label)?;
        for l in &group.lines {
            // A line that ends costs nothing more: "ends", never 0.00.
            let amounts = match &l.changed {
                Some(c) if c.kind.ends() => "ends".to_owned(),
                _ => format!(
                    "one-time {}  monthly {}",
                    money(l.amounts.one_time),
                    money(l.amounts.monthly)
                ),
            };
            writeln!(
                out,
                "  {:>3}  {} x {}  {}  {amounts}",
                l.position,
                l.quantity,
                l.description,
                l.offer_type.as_str(),
            )?;
            if let Some(changed) = &l.changed {
                writeln!(out, "       {}", change_text(o, l, changed))?;
            }
        }
    }
    let t = &o.calculation.totals;
    let m = &o.calculation.margin;
    writeln!(
        out,
        "one-time net {}, monthly net {}, contract value net {} (each line over its own term)",
        money(t.net.one_time),
        money(t.net.monthly),
        money(t.net.contract_value),
    )?;
    for v in &t.vat {
        writeln!(
            out,
            "VAT {} %: one-time {}, monthly {}, on the contract value {}",
            v.rate.normalize(),
            money(v.one_time_vat),
            money(v.monthly_vat),
            money(v.contract_value_vat)
        )?;
    }
    writeln!(
        out,
        "gross: one-time {}, monthly {}, contract value {}",
        money(t.one_time_gross),
        money(t.monthly_gross),
        money(t.contract_value_gross)
    )?;
    if let (false, Some(c)) = (o.changes.is_empty(), &o.monthly_change) {
        writeln!(
            out,
            "monthly net now {}, with this offer {}, difference {}",
            money(c.current),
            money(c.new),
            en.signed_money(c.difference, &o.currency)
        )?;
    }
    // An unknown cost is "—" and left out of the margin, never 0.00.
    let amount = |x: Option<_>| x.map_or_else(|| "—".to_owned(), money);
    writeln!(
        out,
        "internal margin over each line's term: {} (cost {} once, {} monthly)",
        amount(m.margin_contract_value),
        amount(m.cost_one_time),
        amount(m.cost_monthly)
    )?;
    if m.lines_with_cost == 0 && m.lines_without_cost > 0 {
        writeln!(out, "no margin: cost unknown for {}", unknown_cost(o))?;
    } else if m.lines_without_cost > 0 {
        writeln!(
            out,
            "margin over {} of {} lines; cost unknown for {}",
            m.lines_with_cost,
            t.line_count,
            unknown_cost(o)
        )?;
    }
    print_approval(out, o)?;
    writeln!(out, "history:")?;
    for event in &o.history {
        let by = event
            .by
            .as_deref()
            .map(|b| format!(" by {b}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {}  v{}  {}{by}",
            event.at,
            event.version,
            event.kind.as_str()
        )?;
    }
    Ok(())
}

/// What a change line changes, on one line: its kind and when, what the
/// instance is now, and its amounts now → proposed ("upgrade from 2026-05-20:
/// now 1 x Managed365 Basic (rental), monthly €7.90 → €15.90").
fn change_text(o: &offer::Offer, l: &offer::OfferLineView, c: &offer::ChangedInstance) -> String {
    let money = |amount| Locale::En.money(amount, &o.currency);
    let kind = c.kind.as_str().replace('_', " ");
    let when = match (c.kind.ends(), c.notice_by) {
        (true, Some(notice)) => format!("ends {} (notice by {notice})", c.effective),
        (true, None) => format!("ends {}", c.effective),
        (false, _) => format!("from {}", c.effective),
    };
    let proposed = |amount| {
        if c.kind.ends() {
            "ends".to_owned()
        } else {
            money(amount)
        }
    };
    let mut text = format!(
        "{kind} {when}: now {} x {} ({}), monthly {} → {}",
        c.quantity,
        c.item,
        c.offer_type.as_str(),
        money(c.current_monthly),
        proposed(l.amounts.monthly)
    );
    if !c.current_one_time.is_zero() || !l.amounts.one_time.is_zero() {
        text.push_str(&format!(
            ", one-time {} → {}",
            money(c.current_one_time),
            proposed(l.amounts.one_time)
        ));
    }
    if !c.moves.is_empty() {
        text.push_str(&format!(", moves over: {}", c.moves.join(", ")));
    }
    text
}

/// The distinct descriptions of the lines without a known cost, in order.
fn unknown_cost(o: &offer::Offer) -> String {
    let mut names: Vec<&str> = Vec::new();
    for line in o.lines().filter(|l| l.unit_cost.is_none()) {
        if !names.contains(&line.description.as_str()) {
            names.push(&line.description);
        }
    }
    names.join(", ")
}

/// The approval rules the offer breaks, and whether it is approved.
fn print_approval(out: &mut dyn Write, o: &offer::Offer) -> std::io::Result<()> {
    let a = &o.approval;
    if let Some(done) = &a.approved {
        writeln!(out, "approved by {} at {}", done.by, done.at)?;
    }
    if a.required && o.status == OfferStatus::Draft {
        writeln!(out, "needs approval before it is sent:")?;
    } else if !a.breaches.is_empty() {
        writeln!(out, "breaks approval rules:")?;
    }
    for breach in &a.breaches {
        writeln!(out, "  {}", breach.message)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::print_offer;
    use servicefolio::booking::{BookingRequest, ContextSelector};
    use servicefolio::vocabulary::{ContextRef, OfferType};
    use servicefolio::{customer, offer, Store};

    /// Anna's offer of `item` (variant, options) as the CLI prints it.
    fn printed(item: &str, variant: Option<&str>, offer_type: OfferType) -> String {
        let mut store = Store::open_in_memory().unwrap();
        let o = store
            .write(|tx| {
                let c = customer::create_customer(
                    tx,
                    &customer::CustomerRecord {
                        name: "ACME".into(),
                        currency: "EUR".into(),
                        ..Default::default()
                    },
                )?;
                let anna = customer::create_employee(
                    tx,
                    c.id,
                    &customer::EmployeeRecord {
                        name: "Anna".into(),
                        ..Default::default()
                    },
                )?;
                offer::create_offer(
                    tx,
                    &offer::OfferDraft {
                        customer_id: c.id,
                        requests: vec![BookingRequest {
                            customer_id: c.id,
                            item: item.into(),
                            variant: variant.map(Into::into),
                            options: vec![],
                            offer_type,
                            contexts: ContextSelector::Contexts(vec![ContextRef::Employee(
                                anna.id,
                            )]),
                            quantity: 1,
                            start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                            include_optional: vec![],
                            add_anyway: false,
                        }],
                        changes: Vec::new(),
                        offer_date: None,
                        valid_until: None,
                        notes: String::new(),
                    },
                )
            })
            .unwrap();
        let mut out = Vec::new();
        print_offer(&mut out, &o).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_unknown_cost_is_a_dash_and_named_never_zero() {
        // The notebook has a cost price; the device management it brings has none.
        let text = printed("NB-LEN-T14G5", None, OfferType::Purchase);
        assert!(
            text.contains("margin over 1 of 2 lines; cost unknown for Mobile device management"),
            "{text}"
        );
        // Services only: no cost is known, so there is no margin to print.
        let text = printed("SVC-MDM", Some("STANDARD"), OfferType::Rental);
        assert!(
            text.contains("internal margin over each line's term: — (cost — once, — monthly)"),
            "{text}"
        );
        assert!(
            text.contains("no margin: cost unknown for Mobile device management Standard"),
            "{text}"
        );
        let margin = text
            .lines()
            .skip_while(|l| !l.starts_with("internal margin"));
        assert!(margin.clone().all(|l| !l.contains("0.00")), "{text}");
    }
}
