//! Customers and their structure: the store module that alone writes
//! `customer`, `location`, `employee`, `workplace`, `cloud_container` and the
//! customer's onboarding templates, and maps their rows.
//!
//! Every function runs in the caller's connection or transaction and never
//! begins or commits one: the user action that calls it is the transaction.
//! Writes return SQLite's own result, so the caller can turn a unique-constraint
//! failure into a message about the field the user typed.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::model::*;

// --- customer ---------------------------------------------------------------

fn customer_from_row(r: &Row<'_>) -> rusqlite::Result<Customer> {
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

pub(crate) fn find_customer(conn: &Connection, id: i64) -> rusqlite::Result<Option<Customer>> {
    conn.prepare_cached(
        "SELECT id, name, street, postal_code, city, country, currency FROM customer WHERE id = ?1",
    )?
    .query_row([id], customer_from_row)
    .optional()
}

/// Every customer, by name.
pub(crate) fn all_customers(conn: &Connection) -> rusqlite::Result<Vec<Customer>> {
    conn.prepare_cached(
        "SELECT id, name, street, postal_code, city, country, currency FROM customer ORDER BY name COLLATE NOCASE, id",
    )?
    .query_map([], customer_from_row)?
    .collect()
}

/// Inserts a customer (the name trimmed); returns its id.
pub(crate) fn insert_customer(
    tx: &Transaction<'_>,
    record: &CustomerRecord,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO customer (name, street, postal_code, city, country, currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![record.name.trim(), record.street, record.postal_code, record.city, record.country, record.currency])?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites a customer; returns the number of rows changed (0: no such customer).
pub(crate) fn update_customer(
    tx: &Transaction<'_>,
    id: i64,
    record: &CustomerRecord,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "UPDATE customer SET name = ?2, street = ?3, postal_code = ?4, city = ?5, country = ?6, currency = ?7 WHERE id = ?1",
    )?
    .execute(params![id, record.name.trim(), record.street, record.postal_code, record.city, record.country, record.currency])
}

/// Deletes a customer with its whole structure and its onboarding templates
/// (they are the customer's own set-up, not history: they go with it).
pub(crate) fn delete_customer(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    for sql in [
        "DELETE FROM workplace WHERE employee_id IN (SELECT id FROM employee WHERE customer_id = ?1)",
        "DELETE FROM employee WHERE customer_id = ?1",
        "DELETE FROM onboarding_template WHERE customer_id = ?1",
        "DELETE FROM location WHERE customer_id = ?1",
        "DELETE FROM cloud_container WHERE customer_id = ?1",
        "DELETE FROM customer WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

// --- location ---------------------------------------------------------------

fn location_from_row(r: &Row<'_>) -> rusqlite::Result<Location> {
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

pub(crate) fn find_location(conn: &Connection, id: i64) -> rusqlite::Result<Option<Location>> {
    conn.prepare_cached(
        "SELECT id, customer_id, name, street, postal_code, city, country FROM location WHERE id = ?1",
    )?
    .query_row([id], location_from_row)
    .optional()
}

/// A customer's locations, by name.
pub(crate) fn locations_of(conn: &Connection, customer_id: i64) -> rusqlite::Result<Vec<Location>> {
    conn.prepare_cached(
        "SELECT id, customer_id, name, street, postal_code, city, country FROM location
         WHERE customer_id = ?1 ORDER BY name COLLATE NOCASE",
    )?
    .query_map([customer_id], location_from_row)?
    .collect()
}

/// Inserts a location of the customer (the name trimmed); returns its id.
pub(crate) fn insert_location(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &LocationRecord,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO location (customer_id, name, street, postal_code, city, country) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![customer_id, record.name.trim(), record.street, record.postal_code, record.city, record.country])?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites a location; returns the number of rows changed.
pub(crate) fn update_location(
    tx: &Transaction<'_>,
    id: i64,
    record: &LocationRecord,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "UPDATE location SET name = ?2, street = ?3, postal_code = ?4, city = ?5, country = ?6 WHERE id = ?1",
    )?
    .execute(params![id, record.name.trim(), record.street, record.postal_code, record.city, record.country])
}

pub(crate) fn delete_location(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM location WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

// --- employee ---------------------------------------------------------------

fn employee_from_row(r: &Row<'_>) -> rusqlite::Result<Employee> {
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

pub(crate) fn find_employee(conn: &Connection, id: i64) -> rusqlite::Result<Option<Employee>> {
    conn.prepare_cached(
        "SELECT id, customer_id, location_id, name, email, department, cost_centre FROM employee WHERE id = ?1",
    )?
    .query_row([id], employee_from_row)
    .optional()
}

/// A customer's employees, by name.
pub(crate) fn employees_of(conn: &Connection, customer_id: i64) -> rusqlite::Result<Vec<Employee>> {
    conn.prepare_cached(
        "SELECT id, customer_id, location_id, name, email, department, cost_centre FROM employee
         WHERE customer_id = ?1 ORDER BY name COLLATE NOCASE, id",
    )?
    .query_map([customer_id], employee_from_row)?
    .collect()
}

/// The names of the employees who work at a location, by name.
pub(crate) fn employee_names_at(
    conn: &Connection,
    location_id: i64,
) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached("SELECT name FROM employee WHERE location_id = ?1 ORDER BY name")?
        .query_map([location_id], |r| r.get(0))?
        .collect()
}

/// Inserts an employee of the customer (the name trimmed); returns its id.
pub(crate) fn insert_employee(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &EmployeeRecord,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO employee (customer_id, location_id, name, email, department, cost_centre) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![customer_id, record.location_id, record.name.trim(), record.email, record.department, record.cost_centre])?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites an employee; returns the number of rows changed.
pub(crate) fn update_employee(
    tx: &Transaction<'_>,
    id: i64,
    record: &EmployeeRecord,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "UPDATE employee SET location_id = ?2, name = ?3, email = ?4, department = ?5, cost_centre = ?6 WHERE id = ?1",
    )?
    .execute(params![id, record.location_id, record.name.trim(), record.email, record.department, record.cost_centre])
}

/// Deletes an employee with their workplaces.
pub(crate) fn delete_employee(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM workplace WHERE employee_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM employee WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

// --- cloud container --------------------------------------------------------

fn cloud_container_from_row(r: &Row<'_>) -> rusqlite::Result<CloudContainer> {
    Ok(CloudContainer {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        record: CloudContainerRecord {
            name: r.get(2)?,
            business_application: r.get(3)?,
            description: r.get(4)?,
        },
    })
}

pub(crate) fn find_cloud_container(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Option<CloudContainer>> {
    conn.prepare_cached(
        "SELECT id, customer_id, name, business_application, description FROM cloud_container WHERE id = ?1",
    )?
    .query_row([id], cloud_container_from_row)
    .optional()
}

/// A customer's cloud containers, by name.
pub(crate) fn cloud_containers_of(
    conn: &Connection,
    customer_id: i64,
) -> rusqlite::Result<Vec<CloudContainer>> {
    conn.prepare_cached(
        "SELECT id, customer_id, name, business_application, description FROM cloud_container
         WHERE customer_id = ?1 ORDER BY name COLLATE NOCASE",
    )?
    .query_map([customer_id], cloud_container_from_row)?
    .collect()
}

/// Inserts a cloud container of the customer (the name trimmed); returns its id.
pub(crate) fn insert_cloud_container(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &CloudContainerRecord,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO cloud_container (customer_id, name, business_application, description) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![customer_id, record.name.trim(), record.business_application, record.description])?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites a cloud container; returns the number of rows changed.
pub(crate) fn update_cloud_container(
    tx: &Transaction<'_>,
    id: i64,
    record: &CloudContainerRecord,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "UPDATE cloud_container SET name = ?2, business_application = ?3, description = ?4 WHERE id = ?1",
    )?
    .execute(params![id, record.name.trim(), record.business_application, record.description])
}

pub(crate) fn delete_cloud_container(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM cloud_container WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

// --- workplace --------------------------------------------------------------

fn workplace_from_row(r: &Row<'_>) -> rusqlite::Result<Workplace> {
    Ok(Workplace {
        id: r.get(0)?,
        record: WorkplaceRecord {
            employee_id: r.get(1)?,
            name: r.get(2)?,
        },
    })
}

pub(crate) fn find_workplace(conn: &Connection, id: i64) -> rusqlite::Result<Option<Workplace>> {
    conn.prepare_cached("SELECT id, employee_id, name FROM workplace WHERE id = ?1")?
        .query_row([id], workplace_from_row)
        .optional()
}

/// The workplaces of a customer's employees, by employee, then by name.
pub(crate) fn workplaces_of(
    conn: &Connection,
    customer_id: i64,
) -> rusqlite::Result<Vec<Workplace>> {
    conn.prepare_cached(
        "SELECT w.id, w.employee_id, w.name FROM workplace w JOIN employee e ON e.id = w.employee_id
         WHERE e.customer_id = ?1 ORDER BY e.name COLLATE NOCASE, w.name COLLATE NOCASE",
    )?
    .query_map([customer_id], workplace_from_row)?
    .collect()
}

pub(crate) fn has_workplace(conn: &Connection, employee_id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM workplace WHERE employee_id = ?1)")?
        .query_row([employee_id], |r| r.get(0))
}

/// Inserts a workplace (the name trimmed); returns its id.
pub(crate) fn insert_workplace(
    tx: &Transaction<'_>,
    record: &WorkplaceRecord,
) -> rusqlite::Result<i64> {
    tx.prepare_cached("INSERT INTO workplace (employee_id, name) VALUES (?1, ?2)")?
        .execute(params![record.employee_id, record.name.trim()])?;
    Ok(tx.last_insert_rowid())
}

/// Rewrites a workplace; returns the number of rows changed.
pub(crate) fn update_workplace(
    tx: &Transaction<'_>,
    id: i64,
    record: &WorkplaceRecord,
) -> rusqlite::Result<usize> {
    tx.prepare_cached("UPDATE workplace SET employee_id = ?2, name = ?3 WHERE id = ?1")?
        .execute(params![id, record.employee_id, record.name.trim()])
}

pub(crate) fn delete_workplace(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM workplace WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

// --- onboarding template ----------------------------------------------------

/// An onboarding template as stored. Its steps and scope are booking's words
/// (`booking::Template`), a floor above this one: booking decodes them.
pub(crate) struct TemplateRow {
    pub id: i64,
    pub name: String,
    pub department: Option<String>,
    pub location_id: Option<i64>,
    /// The steps as JSON.
    pub steps: String,
}

/// What a template's row is written from.
pub(crate) struct NewTemplate<'a> {
    pub name: &'a str,
    pub department: Option<&'a str>,
    pub location_id: Option<i64>,
    pub steps: &'a str,
}

/// A customer's templates, by name.
pub(crate) fn templates_of(
    conn: &Connection,
    customer_id: i64,
) -> rusqlite::Result<Vec<TemplateRow>> {
    conn.prepare_cached(
        "SELECT id, name, department, location_id, steps FROM onboarding_template WHERE customer_id = ?1 ORDER BY name",
    )?
    .query_map([customer_id], |r| {
        Ok(TemplateRow {
            id: r.get(0)?,
            name: r.get(1)?,
            department: r.get(2)?,
            location_id: r.get(3)?,
            steps: r.get(4)?,
        })
    })?
    .collect()
}

/// The customer a template belongs to, if the template exists.
pub(crate) fn template_owner(conn: &Connection, id: i64) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached("SELECT customer_id FROM onboarding_template WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()
}

/// The names of the templates for a location, by name.
pub(crate) fn template_names_for(
    conn: &Connection,
    location_id: i64,
) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT name FROM onboarding_template WHERE location_id = ?1 ORDER BY name",
    )?
    .query_map([location_id], |r| r.get(0))?
    .collect()
}

/// Inserts a template of the customer; returns its id.
pub(crate) fn insert_template(
    tx: &Transaction<'_>,
    customer_id: i64,
    row: &NewTemplate<'_>,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO onboarding_template (customer_id, name, department, location_id, steps) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![customer_id, row.name, row.department, row.location_id, row.steps])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update_template(
    tx: &Transaction<'_>,
    id: i64,
    row: &NewTemplate<'_>,
) -> rusqlite::Result<usize> {
    tx.prepare_cached(
        "UPDATE onboarding_template SET name = ?2, department = ?3, location_id = ?4, steps = ?5 WHERE id = ?1",
    )?
    .execute(params![id, row.name, row.department, row.location_id, row.steps])
}

pub(crate) fn delete_template(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM onboarding_template WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
