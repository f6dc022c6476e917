//! Creating, changing, reading and deleting customers and their structure.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::model::*;
use crate::error::BlockingInstance;
use crate::money::is_currency_code;
use crate::{Error, Result};

fn required(field: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::input(field, "must not be empty"));
    }
    Ok(())
}

fn country(value: &str) -> Result<()> {
    let is_code = value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase());
    if !value.is_empty() && !is_code {
        return Err(Error::input(
            "country",
            format!("{value:?} is not an ISO 3166 country code (two capital letters, e.g. DE)"),
        ));
    }
    Ok(())
}

/// Turns a unique-constraint failure into a message about the field.
fn unique(result: rusqlite::Result<usize>, field: &str, what: &str) -> Result<usize> {
    result.map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::input(field, format!("{what} already exists"))
        }
        other => other.into(),
    })
}

/// Refuses to delete a context that instances were booked into: they are listed
/// (live ones first); retired ones are history and keep it too.
fn no_instances(conn: &Connection, what: String, column: &str, id: i64) -> Result<()> {
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
    let names: Vec<String> = held
        .iter()
        .map(|i| format!("{} #{} ({})", i.item, i.id, i.status.as_str()))
        .collect();
    Err(Error::InUse {
        what,
        action: "deleted",
        reason: format!("it holds {} instance(s): {}", held.len(), names.join(", ")),
        instances: held,
    })
}

fn changed(rows: usize, what: String) -> Result<()> {
    if rows == 0 {
        return Err(Error::not_found(what));
    }
    Ok(())
}

fn check_customer(record: &CustomerRecord) -> Result<()> {
    required("name", &record.name)?;
    country(&record.country)?;
    if !is_currency_code(&record.currency) {
        return Err(Error::input(
            "currency",
            format!(
                "{:?} is not an ISO 4217 currency code (e.g. EUR)",
                record.currency
            ),
        ));
    }
    Ok(())
}

pub fn create_customer(tx: &Transaction<'_>, record: &CustomerRecord) -> Result<Customer> {
    check_customer(record)?;
    tx.prepare_cached(
        "INSERT INTO customer (name, street, postal_code, city, country, currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![record.name.trim(), record.street, record.postal_code, record.city, record.country, record.currency])?;
    customer(tx, tx.last_insert_rowid())
}

pub fn update_customer(tx: &Transaction<'_>, id: i64, record: &CustomerRecord) -> Result<Customer> {
    check_customer(record)?;
    let rows = tx
        .prepare_cached(
            "UPDATE customer SET name = ?2, street = ?3, postal_code = ?4, city = ?5, country = ?6, currency = ?7 WHERE id = ?1",
        )?
        .execute(params![id, record.name.trim(), record.street, record.postal_code, record.city, record.country, record.currency])?;
    changed(rows, format!("customer {id}"))?;
    customer(tx, id)
}

/// Deletes a customer with its whole structure.
pub fn delete_customer(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let found = customer(tx, id)?;
    no_instances(
        tx,
        format!("customer {}", found.record.name),
        "customer_id",
        id,
    )?;
    for sql in [
        "DELETE FROM workplace WHERE employee_id IN (SELECT id FROM employee WHERE customer_id = ?1)",
        "DELETE FROM employee WHERE customer_id = ?1",
        // Templates are the customer's own set-up, not history: they go with it.
        "DELETE FROM onboarding_template WHERE customer_id = ?1",
        "DELETE FROM location WHERE customer_id = ?1",
        "DELETE FROM cloud_container WHERE customer_id = ?1",
        "DELETE FROM customer WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

fn customer_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        record: CustomerRecord {
            name: r.get(1)?,
            street: r.get(2)?,
            postal_code: r.get(3)?,
            city: r.get(4)?,
            country: r.get(5)?,
            currency: r.get(6)?,
        },
    })
}

fn customer(conn: &Connection, id: i64) -> Result<Customer> {
    conn.prepare_cached(
        "SELECT id, name, street, postal_code, city, country, currency FROM customer WHERE id = ?1",
    )?
    .query_row([id], customer_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found(format!("customer {id}")))
}

/// Every customer, by name.
pub fn customers(conn: &Connection) -> Result<Vec<Customer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, street, postal_code, city, country, currency FROM customer ORDER BY name COLLATE NOCASE, id",
    )?;
    let rows = stmt
        .query_map([], customer_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn create_location(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &LocationRecord,
) -> Result<Location> {
    customer(tx, customer_id)?;
    required("name", &record.name)?;
    country(&record.country)?;
    unique(
        tx.prepare_cached(
            "INSERT INTO location (customer_id, name, street, postal_code, city, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![customer_id, record.name.trim(), record.street, record.postal_code, record.city, record.country]),
        "name",
        &format!("a location named {:?}", record.name.trim()),
    )?;
    location(tx, tx.last_insert_rowid())
}

pub fn update_location(tx: &Transaction<'_>, id: i64, record: &LocationRecord) -> Result<Location> {
    required("name", &record.name)?;
    country(&record.country)?;
    let rows = unique(
        tx.prepare_cached(
            "UPDATE location SET name = ?2, street = ?3, postal_code = ?4, city = ?5, country = ?6 WHERE id = ?1",
        )?
        .execute(params![id, record.name.trim(), record.street, record.postal_code, record.city, record.country]),
        "name",
        &format!("a location named {:?}", record.name.trim()),
    )?;
    changed(rows, format!("location {id}"))?;
    location(tx, id)
}

/// Deletes a location; refused while employees work there (it lists them).
pub fn delete_location(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let place = location(tx, id)?;
    no_instances(
        tx,
        format!("location {}", place.record.name),
        "location_id",
        id,
    )?;
    let mut stmt =
        tx.prepare_cached("SELECT name FROM employee WHERE location_id = ?1 ORDER BY name")?;
    let names = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if !names.is_empty() {
        return Err(Error::InUse {
            what: format!("location {}", place.record.name),
            action: "deleted",
            reason: format!(
                "{} employee(s) work there: {}",
                names.len(),
                names.join(", ")
            ),
            instances: Vec::new(),
        });
    }
    let mut stmt = tx.prepare_cached(
        "SELECT name FROM onboarding_template WHERE location_id = ?1 ORDER BY name",
    )?;
    let templates = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if !templates.is_empty() {
        return Err(Error::InUse {
            what: format!("location {}", place.record.name),
            action: "deleted",
            reason: format!("onboarding template(s) {} are for it", templates.join(", ")),
            instances: Vec::new(),
        });
    }
    tx.prepare_cached("DELETE FROM location WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn location(conn: &Connection, id: i64) -> Result<Location> {
    conn.prepare_cached("SELECT id, customer_id, name, street, postal_code, city, country FROM location WHERE id = ?1")?
        .query_row([id], location_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("location {id}")))
}

fn location_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Location> {
    Ok(Location {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        record: LocationRecord {
            name: r.get(2)?,
            street: r.get(3)?,
            postal_code: r.get(4)?,
            city: r.get(5)?,
            country: r.get(6)?,
        },
    })
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
            return Err(Error::input(
                "email",
                format!("{email:?} is not an e-mail address"),
            ));
        }
    }
    if let Some(location_id) = record.location_id {
        let place = location(conn, location_id).map_err(|_| {
            Error::input("location_id", format!("there is no location {location_id}"))
        })?;
        if place.customer_id != customer_id {
            return Err(Error::input(
                "location_id",
                format!("{} is a location of another customer", place.record.name),
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
    unique(
        tx.prepare_cached(
            "INSERT INTO employee (customer_id, location_id, name, email, department, cost_centre) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![customer_id, record.location_id, record.name.trim(), record.email, record.department, record.cost_centre]),
        "email",
        &format!("an employee with the e-mail {:?}", record.email.as_deref().unwrap_or_default()),
    )?;
    employee(tx, tx.last_insert_rowid())
}

pub fn update_employee(tx: &Transaction<'_>, id: i64, record: &EmployeeRecord) -> Result<Employee> {
    let current = employee(tx, id)?;
    check_employee(tx, current.customer_id, record)?;
    unique(
        tx.prepare_cached(
            "UPDATE employee SET location_id = ?2, name = ?3, email = ?4, department = ?5, cost_centre = ?6 WHERE id = ?1",
        )?
        .execute(params![id, record.location_id, record.name.trim(), record.email, record.department, record.cost_centre]),
        "email",
        &format!("an employee with the e-mail {:?}", record.email.as_deref().unwrap_or_default()),
    )?;
    employee(tx, id)
}

/// Deletes an employee with their workplaces.
pub fn delete_employee(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let person = employee(tx, id)?;
    no_instances(
        tx,
        format!("employee {}", person.record.name),
        "employee_id",
        id,
    )?;
    tx.prepare_cached("DELETE FROM workplace WHERE employee_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM employee WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn employee_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Employee> {
    Ok(Employee {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        record: EmployeeRecord {
            location_id: r.get(2)?,
            name: r.get(3)?,
            email: r.get(4)?,
            department: r.get(5)?,
            cost_centre: r.get(6)?,
        },
    })
}

fn employee(conn: &Connection, id: i64) -> Result<Employee> {
    conn.prepare_cached("SELECT id, customer_id, location_id, name, email, department, cost_centre FROM employee WHERE id = ?1")?
        .query_row([id], employee_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("employee {id}")))
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
    unique(
        tx.prepare_cached(
            "INSERT INTO cloud_container (customer_id, name, business_application, description) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![customer_id, record.name.trim(), record.business_application, record.description]),
        "name",
        &format!("a cloud container named {:?}", record.name.trim()),
    )?;
    cloud_container(tx, tx.last_insert_rowid())
}

pub fn update_cloud_container(
    tx: &Transaction<'_>,
    id: i64,
    record: &CloudContainerRecord,
) -> Result<CloudContainer> {
    check_container(record)?;
    let rows = unique(
        tx.prepare_cached("UPDATE cloud_container SET name = ?2, business_application = ?3, description = ?4 WHERE id = ?1")?
            .execute(params![id, record.name.trim(), record.business_application, record.description]),
        "name",
        &format!("a cloud container named {:?}", record.name.trim()),
    )?;
    changed(rows, format!("cloud container {id}"))?;
    cloud_container(tx, id)
}

pub fn delete_cloud_container(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let container = cloud_container(tx, id)?;
    no_instances(
        tx,
        format!("cloud container {}", container.record.name),
        "cloud_container_id",
        id,
    )?;
    tx.prepare_cached("DELETE FROM cloud_container WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn cloud_container(conn: &Connection, id: i64) -> Result<CloudContainer> {
    conn.prepare_cached("SELECT id, customer_id, name, business_application, description FROM cloud_container WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(CloudContainer {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                record: CloudContainerRecord { name: r.get(2)?, business_application: r.get(3)?, description: r.get(4)? },
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found(format!("cloud container {id}")))
}

pub fn create_workplace(tx: &Transaction<'_>, record: &WorkplaceRecord) -> Result<Workplace> {
    required("name", &record.name)?;
    employee(tx, record.employee_id).map_err(|_| {
        Error::input(
            "employee_id",
            format!("there is no employee {}", record.employee_id),
        )
    })?;
    unique(
        tx.prepare_cached("INSERT INTO workplace (employee_id, name) VALUES (?1, ?2)")?
            .execute(params![record.employee_id, record.name.trim()]),
        "name",
        &format!(
            "a workplace named {:?} for this employee",
            record.name.trim()
        ),
    )?;
    workplace(tx, tx.last_insert_rowid())
}

pub fn update_workplace(
    tx: &Transaction<'_>,
    id: i64,
    record: &WorkplaceRecord,
) -> Result<Workplace> {
    required("name", &record.name)?;
    let current = workplace(tx, id)?;
    let moved_to = employee(tx, record.employee_id).map_err(|_| {
        Error::input(
            "employee_id",
            format!("there is no employee {}", record.employee_id),
        )
    })?;
    let owner = employee(tx, current.record.employee_id)?;
    if moved_to.customer_id != owner.customer_id {
        return Err(Error::input(
            "employee_id",
            format!(
                "{} is an employee of another customer",
                moved_to.record.name
            ),
        ));
    }
    unique(
        tx.prepare_cached("UPDATE workplace SET employee_id = ?2, name = ?3 WHERE id = ?1")?
            .execute(params![id, record.employee_id, record.name.trim()]),
        "name",
        &format!(
            "a workplace named {:?} for this employee",
            record.name.trim()
        ),
    )?;
    workplace(tx, id)
}

pub fn delete_workplace(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let place = workplace(tx, id)?;
    no_instances(
        tx,
        format!("workplace {}", place.record.name),
        "workplace_id",
        id,
    )?;
    tx.prepare_cached("DELETE FROM workplace WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

fn workplace(conn: &Connection, id: i64) -> Result<Workplace> {
    conn.prepare_cached("SELECT id, employee_id, name FROM workplace WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Workplace {
                id: r.get(0)?,
                record: WorkplaceRecord {
                    employee_id: r.get(1)?,
                    name: r.get(2)?,
                },
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found(format!("workplace {id}")))
}

/// A customer with everything below it, each list in name order.
pub fn customer_structure(conn: &Connection, id: i64) -> Result<CustomerStructure> {
    let customer = customer(conn, id)?;
    let locations = conn
        .prepare_cached(
            "SELECT id, customer_id, name, street, postal_code, city, country FROM location
             WHERE customer_id = ?1 ORDER BY name COLLATE NOCASE",
        )?
        .query_map([id], location_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let employees = conn
        .prepare_cached(
            "SELECT id, customer_id, location_id, name, email, department, cost_centre FROM employee
             WHERE customer_id = ?1 ORDER BY name COLLATE NOCASE, id",
        )?
        .query_map([id], employee_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let cloud_containers = conn
        .prepare_cached(
            "SELECT id, customer_id, name, business_application, description FROM cloud_container
             WHERE customer_id = ?1 ORDER BY name COLLATE NOCASE",
        )?
        .query_map([id], |r| {
            Ok(CloudContainer {
                id: r.get(0)?,
                customer_id: r.get(1)?,
                record: CloudContainerRecord {
                    name: r.get(2)?,
                    business_application: r.get(3)?,
                    description: r.get(4)?,
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let workplaces = conn
        .prepare_cached(
            "SELECT w.id, w.employee_id, w.name FROM workplace w JOIN employee e ON e.id = w.employee_id
             WHERE e.customer_id = ?1 ORDER BY e.name COLLATE NOCASE, w.name COLLATE NOCASE",
        )?
        .query_map([id], |r| Ok(Workplace { id: r.get(0)?, record: WorkplaceRecord { employee_id: r.get(1)?, name: r.get(2)? } }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CustomerStructure {
        customer,
        locations,
        employees,
        cloud_containers,
        workplaces,
    })
}
