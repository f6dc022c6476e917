//! Creating, changing, reading and deleting customers and their structure: the
//! checks and the messages; the SQL and the row mapping are in `store`.

use rusqlite::{Connection, Transaction};

use super::model::*;
use super::store;
use crate::error::{BlockingInstance, InputProblem, InputSays, RefusalSays, Unique, Wording};
use crate::money::is_currency_code;
use crate::{Error, Result};

fn required(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::input_problem(field, InputProblem::Empty));
    }
    Ok(())
}

fn country(value: &str) -> Result<()> {
    let is_code = value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase());
    if !value.is_empty() && !is_code {
        return Err(Error::input_problem(
            "country",
            InputProblem::NotCountry {
                value: value.to_owned(),
            },
        ));
    }
    Ok(())
}

/// Turns a unique-constraint failure into a message about the field and the
/// value that is taken.
fn unique<T>(result: rusqlite::Result<T>, field: &str, value: &str, among: Unique) -> Result<T> {
    result.map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::input_problem(
                field,
                InputProblem::Taken {
                    value: value.to_owned(),
                    among,
                },
            )
        }
        other => other.into(),
    })
}

/// Refuses to delete a context that instances were booked into: they are listed
/// (live ones first); retired ones are history and keep it too.
fn no_instances(
    conn: &Connection,
    holds: RefusalSays,
    name: &str,
    column: &str,
    id: i64,
) -> Result<()> {
    let sql = match column {
        "customer_id" => "SELECT i.id, ci.name, i.status, i.customer_id, i.context, i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id WHERE i.customer_id = ?1 ORDER BY i.status = 'retired', i.id",
        "employee_id" => "SELECT i.id, ci.name, i.status, i.customer_id, i.context, i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id WHERE i.employee_id = ?1 OR i.workplace_id IN (SELECT id FROM workplace WHERE employee_id = ?1) ORDER BY i.status = 'retired', i.id",
        "location_id" => "SELECT i.id, ci.name, i.status, i.customer_id, i.context, i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id WHERE i.location_id = ?1 ORDER BY i.status = 'retired', i.id",
        "cloud_container_id" => "SELECT i.id, ci.name, i.status, i.customer_id, i.context, i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id WHERE i.cloud_container_id = ?1 ORDER BY i.status = 'retired', i.id",
        _ => "SELECT i.id, ci.name, i.status, i.customer_id, i.context, i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id WHERE i.workplace_id = ?1 ORDER BY i.status = 'retired', i.id",
    };
    let held = BlockingInstance::query(conn, sql, id)?;
    if held.is_empty() {
        return Ok(());
    }
    let why = Wording::new(holds)
        .text("name", name)
        .number("count", held.len())
        .instances("instances", &held);
    Err(Error::in_use(why, held))
}

fn changed(rows: usize, missing: RefusalSays, id: i64) -> Result<()> {
    if rows == 0 {
        return Err(Error::not_found(Wording::new(missing).text("id", id)));
    }
    Ok(())
}

fn check_customer(record: &CustomerRecord) -> Result<()> {
    required("name", &record.name)?;
    country(&record.country)?;
    if !is_currency_code(&record.currency) {
        return Err(Error::input_problem(
            "currency",
            InputProblem::NotCurrency {
                value: record.currency.clone(),
            },
        ));
    }
    Ok(())
}

pub fn create_customer(tx: &Transaction<'_>, record: &CustomerRecord) -> Result<Customer> {
    check_customer(record)?;
    let id = store::insert_customer(tx, record)?;
    customer(tx, id)
}

pub fn update_customer(tx: &Transaction<'_>, id: i64, record: &CustomerRecord) -> Result<Customer> {
    check_customer(record)?;
    let rows = store::update_customer(tx, id, record)?;
    changed(rows, RefusalSays::CustomerNotFound, id)?;
    customer(tx, id)
}

/// Deletes a customer with its whole structure.
pub fn delete_customer(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let found = customer(tx, id)?;
    no_instances(
        tx,
        RefusalSays::CustomerHoldsInstances,
        &found.record.name,
        "customer_id",
        id,
    )?;
    store::delete_customer(tx, id)?;
    Ok(())
}

fn customer(conn: &Connection, id: i64) -> Result<Customer> {
    store::find_customer(conn, id)?
        .ok_or_else(|| Error::not_found(Wording::new(RefusalSays::CustomerNotFound).text("id", id)))
}

/// Every customer, by name.
pub fn customers(conn: &Connection) -> Result<Vec<Customer>> {
    Ok(store::all_customers(conn)?)
}

pub fn create_location(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &LocationRecord,
) -> Result<Location> {
    customer(tx, customer_id)?;
    required("name", &record.name)?;
    country(&record.country)?;
    let id = unique(
        store::insert_location(tx, customer_id, record),
        "name",
        record.name.trim(),
        Unique::Location,
    )?;
    location(tx, id)
}

pub fn update_location(tx: &Transaction<'_>, id: i64, record: &LocationRecord) -> Result<Location> {
    required("name", &record.name)?;
    country(&record.country)?;
    let rows = unique(
        store::update_location(tx, id, record),
        "name",
        record.name.trim(),
        Unique::Location,
    )?;
    changed(rows, RefusalSays::LocationNotFound, id)?;
    location(tx, id)
}

/// Deletes a location; refused while employees work there (it lists them).
pub fn delete_location(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let place = location(tx, id)?;
    no_instances(
        tx,
        RefusalSays::LocationHoldsInstances,
        &place.record.name,
        "location_id",
        id,
    )?;
    let names = store::employee_names_at(tx, id)?;
    if !names.is_empty() {
        let why = Wording::new(RefusalSays::EmployeesWorkThere)
            .text("name", &place.record.name)
            .number("count", names.len())
            .text("employees", names.join(", "));
        return Err(Error::in_use(why, Vec::new()));
    }
    let templates = store::template_names_for(tx, id)?;
    if !templates.is_empty() {
        let why = Wording::new(RefusalSays::TemplatesForLocation)
            .text("name", &place.record.name)
            .text("templates", templates.join(", "));
        return Err(Error::in_use(why, Vec::new()));
    }
    store::delete_location(tx, id)?;
    Ok(())
}

fn location(conn: &Connection, id: i64) -> Result<Location> {
    store::find_location(conn, id)?
        .ok_or_else(|| Error::not_found(Wording::new(RefusalSays::LocationNotFound).text("id", id)))
}

/// A plausible e-mail address: something@domain.tld, no spaces.
pub(crate) fn is_email(email: &str) -> bool {
    email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.contains(char::is_whitespace)
}

fn check_employee(conn: &Connection, customer_id: i64, record: &EmployeeRecord) -> Result<()> {
    required("name", &record.name)?;
    if let Some(email) = &record.email {
        let valid = email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        }) && !email.contains(char::is_whitespace);
        if !valid {
            return Err(Error::input_problem(
                "email",
                InputProblem::NotEmail {
                    value: email.to_owned(),
                },
            ));
        }
    }
    if let Some(location_id) = record.location_id {
        let place = location(conn, location_id).map_err(|_| {
            Error::input_said(
                "location_id",
                Wording::new(InputSays::NoLocation).text("id", location_id),
            )
        })?;
        if place.customer_id != customer_id {
            return Err(Error::input_said(
                "location_id",
                Wording::new(InputSays::LocationOfAnotherCustomer)
                    .text("location", &place.record.name),
            ));
        }
    }
    Ok(())
}

pub fn create_employee(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &EmployeeRecord,
) -> Result<Employee> {
    customer(tx, customer_id)?;
    check_employee(tx, customer_id, record)?;
    let id = unique(
        store::insert_employee(tx, customer_id, record),
        "email",
        record.email.as_deref().unwrap_or_default(),
        Unique::EmployeeEmail,
    )?;
    employee(tx, id)
}

pub fn update_employee(tx: &Transaction<'_>, id: i64, record: &EmployeeRecord) -> Result<Employee> {
    let current = employee(tx, id)?;
    check_employee(tx, current.customer_id, record)?;
    unique(
        store::update_employee(tx, id, record),
        "email",
        record.email.as_deref().unwrap_or_default(),
        Unique::EmployeeEmail,
    )?;
    employee(tx, id)
}

/// Deletes an employee with their workplaces.
pub fn delete_employee(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let person = employee(tx, id)?;
    no_instances(
        tx,
        RefusalSays::EmployeeHoldsInstances,
        &person.record.name,
        "employee_id",
        id,
    )?;
    store::delete_employee(tx, id)?;
    Ok(())
}

fn employee(conn: &Connection, id: i64) -> Result<Employee> {
    store::find_employee(conn, id)?
        .ok_or_else(|| Error::not_found(Wording::new(RefusalSays::EmployeeNotFound).text("id", id)))
}

fn check_container(record: &CloudContainerRecord) -> Result<()> {
    required("name", &record.name)
}

pub fn create_cloud_container(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &CloudContainerRecord,
) -> Result<CloudContainer> {
    customer(tx, customer_id)?;
    check_container(record)?;
    let id = unique(
        store::insert_cloud_container(tx, customer_id, record),
        "name",
        record.name.trim(),
        Unique::CloudContainer,
    )?;
    cloud_container(tx, id)
}

pub fn update_cloud_container(
    tx: &Transaction<'_>,
    id: i64,
    record: &CloudContainerRecord,
) -> Result<CloudContainer> {
    check_container(record)?;
    let rows = unique(
        store::update_cloud_container(tx, id, record),
        "name",
        record.name.trim(),
        Unique::CloudContainer,
    )?;
    changed(rows, RefusalSays::CloudContainerNotFound, id)?;
    cloud_container(tx, id)
}

pub fn delete_cloud_container(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let container = cloud_container(tx, id)?;
    no_instances(
        tx,
        RefusalSays::CloudContainerHoldsInstances,
        &container.record.name,
        "cloud_container_id",
        id,
    )?;
    store::delete_cloud_container(tx, id)?;
    Ok(())
}

fn cloud_container(conn: &Connection, id: i64) -> Result<CloudContainer> {
    store::find_cloud_container(conn, id)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::CloudContainerNotFound).text("id", id))
    })
}

pub fn create_workplace(tx: &Transaction<'_>, record: &WorkplaceRecord) -> Result<Workplace> {
    required("name", &record.name)?;
    employee(tx, record.employee_id).map_err(|_| {
        Error::input_said(
            "employee_id",
            Wording::new(InputSays::NoEmployee).text("id", record.employee_id),
        )
    })?;
    let id = unique(
        store::insert_workplace(tx, record),
        "name",
        record.name.trim(),
        Unique::Workplace,
    )?;
    workplace(tx, id)
}

pub fn update_workplace(
    tx: &Transaction<'_>,
    id: i64,
    record: &WorkplaceRecord,
) -> Result<Workplace> {
    required("name", &record.name)?;
    let current = workplace(tx, id)?;
    let moved_to = employee(tx, record.employee_id).map_err(|_| {
        Error::input_said(
            "employee_id",
            Wording::new(InputSays::NoEmployee).text("id", record.employee_id),
        )
    })?;
    let owner = employee(tx, current.record.employee_id)?;
    if moved_to.customer_id != owner.customer_id {
        return Err(Error::input_said(
            "employee_id",
            Wording::new(InputSays::EmployeeOfAnotherCustomer)
                .text("employee", &moved_to.record.name),
        ));
    }
    unique(
        store::update_workplace(tx, id, record),
        "name",
        record.name.trim(),
        Unique::Workplace,
    )?;
    workplace(tx, id)
}

pub fn delete_workplace(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let place = workplace(tx, id)?;
    no_instances(
        tx,
        RefusalSays::WorkplaceHoldsInstances,
        &place.record.name,
        "workplace_id",
        id,
    )?;
    store::delete_workplace(tx, id)?;
    Ok(())
}

fn workplace(conn: &Connection, id: i64) -> Result<Workplace> {
    store::find_workplace(conn, id)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::WorkplaceNotFound).text("id", id))
    })
}

/// A customer with everything below it, each list in name order.
pub fn customer_structure(conn: &Connection, id: i64) -> Result<CustomerStructure> {
    Ok(CustomerStructure {
        customer: customer(conn, id)?,
        locations: store::locations_of(conn, id)?,
        employees: store::employees_of(conn, id)?,
        cloud_containers: store::cloud_containers_of(conn, id)?,
        workplaces: store::workplaces_of(conn, id)?,
    })
}
