//! `customer ...`: customers and their structure, and importing employees.
//! (`customer add-template` and `customer onboard` book: `booking.rs`.)

use clap::Subcommand;
use servicefolio::{customer, Store};
use std::io::Write;
use std::path::PathBuf;

use super::output::{self, in_file, Failure};

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Create a customer; prints its id.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "EUR")]
        currency: String,
        #[arg(long, default_value = "")]
        street: String,
        #[arg(long, default_value = "")]
        postal_code: String,
        #[arg(long, default_value = "")]
        city: String,
        #[arg(long, default_value = "")]
        country: String,
    },
    /// List customers (id, name, currency).
    List {
        #[arg(long)]
        json: bool,
    },
    /// A customer's structure: locations, employees, cloud containers, workplaces.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Add a location; prints its id.
    AddLocation {
        customer: i64,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        city: String,
    },
    /// Add a cloud container; prints its id.
    AddContainer {
        customer: i64,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        application: String,
    },
    /// Add a workplace for an employee; prints its id.
    AddWorkplace {
        employee: i64,
        #[arg(long)]
        name: String,
    },
    /// Add an onboarding template from a JSON file (name, scope, steps).
    AddTemplate { customer: i64, file: PathBuf },
    /// Book every onboarding template that applies to an employee, in one step.
    Onboard {
        employee: i64,
        /// The first day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<chrono::NaiveDate>,
    },
    /// Import employees from a CSV or XLSX file (name, email, department, location).
    /// A file with bad rows changes nothing unless --skip-bad-rows.
    ImportEmployees {
        customer: i64,
        file: PathBuf,
        /// Show what would happen; write nothing.
        #[arg(long)]
        preview: bool,
        #[arg(long)]
        skip_bad_rows: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(
    store: &mut Store,
    command: CustomerCommand,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match command {
        CustomerCommand::Create {
            name,
            currency,
            street,
            postal_code,
            city,
            country,
        } => {
            let record = customer::CustomerRecord {
                name,
                currency,
                street,
                postal_code,
                city,
                country,
            };
            let created = store.write(|tx| customer::create_customer(tx, &record))?;
            writeln!(out, "{}", created.id)?;
        }
        CustomerCommand::List { json } => {
            let all = customer::customers(store.conn())?;
            output::print(out, json, &all, |out, all| {
                for c in all {
                    writeln!(out, "{}\t{}\t{}", c.id, c.record.name, c.record.currency)?;
                }
                Ok(())
            })?;
        }
        CustomerCommand::Show { id, json } => {
            let tree = customer::customer_structure(store.conn(), id)?;
            output::print(out, json, &tree, |out, tree| {
                writeln!(
                    out,
                    "{} ({})",
                    tree.customer.record.name, tree.customer.record.currency
                )?;
                for l in &tree.locations {
                    writeln!(out, "location {}\t{}", l.id, l.record.name)?;
                    for e in tree
                        .employees
                        .iter()
                        .filter(|e| e.record.location_id == Some(l.id))
                    {
                        writeln!(
                            out,
                            "  employee {}\t{}\t{}",
                            e.id, e.record.name, e.record.department
                        )?;
                    }
                }
                for e in tree
                    .employees
                    .iter()
                    .filter(|e| e.record.location_id.is_none())
                {
                    writeln!(
                        out,
                        "employee {}\t{}\t{}",
                        e.id, e.record.name, e.record.department
                    )?;
                }
                for w in &tree.workplaces {
                    writeln!(
                        out,
                        "workplace {}\t{}\temployee {}",
                        w.id, w.record.name, w.record.employee_id
                    )?;
                }
                for c in &tree.cloud_containers {
                    writeln!(
                        out,
                        "cloud container {}\t{}\t{}",
                        c.id, c.record.name, c.record.business_application
                    )?;
                }
                Ok(())
            })?;
        }
        CustomerCommand::AddLocation {
            customer: id,
            name,
            city,
        } => {
            let record = customer::LocationRecord {
                name,
                city,
                ..Default::default()
            };
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| customer::create_location(tx, id, &record))?
                    .id
            )?;
        }
        CustomerCommand::AddContainer {
            customer: id,
            name,
            application,
        } => {
            let record = customer::CloudContainerRecord {
                name,
                business_application: application,
                description: String::new(),
            };
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| customer::create_cloud_container(tx, id, &record))?
                    .id
            )?;
        }
        CustomerCommand::AddWorkplace { employee, name } => {
            let record = customer::WorkplaceRecord {
                employee_id: employee,
                name,
            };
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| customer::create_workplace(tx, &record))?
                    .id
            )?;
        }
        CustomerCommand::AddTemplate { customer: id, file } => {
            super::booking::add_template(store, id, &file, out)?
        }
        CustomerCommand::Onboard { employee, start } => {
            super::booking::onboard(store, employee, start, out)?
        }
        CustomerCommand::ImportEmployees {
            customer: id,
            file,
            preview,
            skip_bad_rows,
            json,
        } => {
            let bytes = servicefolio::files::read(&file)?;
            let rows = customer::read_employee_file(&bytes).map_err(in_file(&file))?;
            let bad = if skip_bad_rows {
                customer::BadRows::Skip
            } else {
                customer::BadRows::RefuseFile
            };
            let report = customer::import_employee_rows(store, id, &rows, bad, preview)?;
            let refused = !report.problems.is_empty() && !skip_bad_rows && !preview;
            // Refused with --json, the error object alone carries the bad rows;
            // as text, the rows are listed on stdout before the refusal.
            if !(refused && json) {
                output::print(out, json, &report, |out, report| {
                    for p in &report.problems {
                        writeln!(
                            out,
                            "{}:{}: {}: {}",
                            file.display(),
                            p.line,
                            p.field,
                            p.message
                        )?;
                    }
                    if !report.new_locations.is_empty() {
                        writeln!(out, "new locations: {}", report.new_locations.join(", "))?;
                    }
                    writeln!(
                        out,
                        "{} rows, {} employees created, {} problems",
                        report.rows,
                        report.created,
                        report.problems.len()
                    )?;
                    Ok(())
                })?;
            }
            if refused {
                return Err(servicefolio::Error::BadRows {
                    file: file.display().to_string(),
                    problems: report.problems,
                }
                .into());
            }
        }
    }
    Ok(())
}
