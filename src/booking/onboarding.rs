//! Onboarding templates ("automated service assignment"): the bookings every new
//! employee of a department or location gets, planned and applied in one step.

use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::apply::{apply, ApplyAs};
use super::plan::plan;
use super::request::{BookingRequest, ChosenOption, ContextSelector};
use crate::customer::store::{self as customers, NewTemplate};
use crate::customer::{create_workplace, WorkplaceRecord};
use crate::error::{InputSays, Refusal, RefusalSays, RequestPart, RequestProblem, Wording};
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};

/// Who a template is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TemplateScope {
    Department(String),
    Location(i64),
}

/// One booking of a template, for the new employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateStep {
    pub item: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub options: Vec<ChosenOption>,
    pub offer_type: OfferType,
    pub quantity: i64,
    #[serde(default)]
    pub include_optional: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TemplateRecord {
    pub name: String,
    pub scope: TemplateScope,
    pub steps: Vec<TemplateStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Template {
    pub id: i64,
    pub customer_id: i64,
    #[serde(flatten)]
    pub record: TemplateRecord,
}

/// What onboarding did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Onboarded {
    pub templates: Vec<String>,
    /// The workplace created for the employee, if a step needed one.
    pub workplace_created: Option<i64>,
    pub instances: Vec<i64>,
}

/// Saves a template. Its items must exist now; variants, options and contexts are
/// checked when an employee is onboarded, against the catalog of that day.
pub fn create_template(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &TemplateRecord,
) -> Result<Template> {
    let row = checked_row(tx, customer_id, record)?;
    let id = customers::insert_template(tx, customer_id, &row.written(record))
        .map_err(|e| name_taken(e, record))?;
    Ok(Template {
        id,
        customer_id,
        record: record.clone(),
    })
}

/// Replaces a template's name, scope and steps (adding a step to a template is
/// saving it with one more).
pub fn update_template(tx: &Transaction<'_>, id: i64, record: &TemplateRecord) -> Result<Template> {
    let customer_id = template_owner(tx, id)?;
    let row = checked_row(tx, customer_id, record)?;
    customers::update_template(tx, id, &row.written(record)).map_err(|e| name_taken(e, record))?;
    Ok(Template {
        id,
        customer_id,
        record: record.clone(),
    })
}

/// Deletes a template; what it booked stays booked.
pub fn delete_template(tx: &Transaction<'_>, id: i64) -> Result<()> {
    template_owner(tx, id)?;
    customers::delete_template(tx, id)?;
    Ok(())
}

fn template_owner(tx: &Transaction<'_>, id: i64) -> Result<i64> {
    customers::template_owner(tx, id)?
        .ok_or_else(|| Error::not_found(Wording::new(RefusalSays::TemplateNotFound).text("id", id)))
}

fn name_taken(e: rusqlite::Error, record: &TemplateRecord) -> Error {
    match e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::input_problem(
                "name",
                crate::error::InputProblem::Taken {
                    value: record.name.trim().to_owned(),
                    among: crate::error::Unique::Template,
                },
            )
        }
        other => other.into(),
    }
}

/// A template as stored, after every check.
struct TemplateRow {
    department: Option<String>,
    location: Option<i64>,
    steps: String,
}

impl TemplateRow {
    fn written<'a>(&'a self, record: &'a TemplateRecord) -> NewTemplate<'a> {
        NewTemplate {
            name: record.name.trim(),
            department: self.department.as_deref(),
            location_id: self.location,
            steps: &self.steps,
        }
    }
}

fn checked_row(
    tx: &Transaction<'_>,
    customer_id: i64,
    record: &TemplateRecord,
) -> Result<TemplateRow> {
    if record.name.trim().is_empty() {
        return Err(Error::input_problem(
            "name",
            crate::error::InputProblem::Empty,
        ));
    }
    if record.steps.is_empty() {
        return Err(Error::input_said(
            "steps",
            Wording::new(InputSays::TemplateBooksNothing),
        ));
    }
    let (department, location) = match &record.scope {
        TemplateScope::Department(d) if d.trim().is_empty() => {
            return Err(Error::input_said(
                "scope",
                Wording::new(InputSays::DepartmentEmpty),
            ))
        }
        TemplateScope::Department(d) => (Some(d.clone()), None),
        TemplateScope::Location(id) => {
            let owner = customers::find_location(tx, *id)?.map(|l| l.customer_id);
            if owner != Some(customer_id) {
                return Err(Error::input_said(
                    "scope",
                    Wording::new(InputSays::NotLocationOfCustomer).text("id", id),
                ));
            }
            (None, Some(*id))
        }
    };
    for (i, step) in record.steps.iter().enumerate() {
        let exists: bool = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM catalog_item WHERE code = ?1)")?
            .query_row([&step.item], |r| r.get(0))?;
        if !exists {
            return Err(Error::input_said(
                format!("steps[{i}].item"),
                Wording::new(InputSays::CatalogHasNoItem).text("item", &step.item),
            ));
        }
        if step.quantity <= 0 {
            return Err(Error::input_said(
                format!("steps[{i}].quantity"),
                Wording::new(InputSays::StepQuantityNotPositive),
            ));
        }
    }
    let steps =
        serde_json::to_string(&record.steps).map_err(|e| Error::Corrupt(format!("steps: {e}")))?;
    Ok(TemplateRow {
        department,
        location,
        steps,
    })
}

/// A customer's templates, by name.
pub fn templates(conn: &Connection, customer_id: i64) -> Result<Vec<Template>> {
    customers::templates_of(conn, customer_id)?
        .into_iter()
        .map(|row| {
            let scope = match (row.department, row.location_id) {
                (Some(d), _) => TemplateScope::Department(d),
                (None, Some(l)) => TemplateScope::Location(l),
                (None, None) => return Err(Error::Corrupt("a template without a scope".into())),
            };
            let steps: Vec<TemplateStep> = serde_json::from_str(&row.steps)
                .map_err(|e| Error::Corrupt(format!("template steps: {e}")))?;
            Ok(Template {
                id: row.id,
                customer_id,
                record: TemplateRecord {
                    name: row.name,
                    scope,
                    steps,
                },
            })
        })
        .collect()
}

/// Books every template that applies to the employee (their department or their
/// location), step by step so later steps see what earlier ones booked, in the
/// caller's transaction: all of it, or nothing.
pub fn onboard_employee(
    tx: &Transaction<'_>,
    employee_id: i64,
    start_date: NaiveDate,
) -> Result<Onboarded> {
    let employee = customers::find_employee(tx, employee_id)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::EmployeeNotFound).text("id", employee_id))
    })?;
    let customer_id = employee.customer_id;
    let (department, location, name) = (
        employee.record.department,
        employee.record.location_id,
        employee.record.name,
    );
    let applicable: Vec<Template> = templates(tx, customer_id)?
        .into_iter()
        .filter(|t| match &t.record.scope {
            TemplateScope::Department(d) => *d == department,
            TemplateScope::Location(l) => Some(*l) == location,
        })
        .collect();
    if applicable.is_empty() {
        return Err(Error::InvalidRequest(vec![RequestProblem::new(
            Refusal::NoTemplate {
                employee: name,
                department,
            },
        )]));
    }
    let needs_workplace = applicable.iter().flat_map(|t| &t.record.steps).any(|step| {
        tx.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM item_effective_context c JOIN catalog_item i ON i.id = c.item_id
             WHERE i.code = ?1 AND c.context = 'workplace')
             AND NOT EXISTS (SELECT 1 FROM item_effective_context c JOIN catalog_item i ON i.id = c.item_id
             WHERE i.code = ?1 AND c.context = 'employee')",
        )
        .and_then(|mut s| s.query_row([&step.item], |r| r.get::<_, bool>(0)))
        .unwrap_or(false)
    });
    let has_workplace = customers::has_workplace(tx, employee_id)?;
    let workplace_created = if needs_workplace && !has_workplace {
        Some(
            create_workplace(
                tx,
                &WorkplaceRecord {
                    employee_id,
                    name: "Workplace".into(),
                },
            )?
            .id,
        )
    } else {
        None
    };
    let mut instances = Vec::new();
    let mut reasons = Vec::new();
    for template in &applicable {
        for step in &template.record.steps {
            let request = BookingRequest {
                customer_id,
                item: step.item.clone(),
                variant: step.variant.clone(),
                options: step.options.clone(),
                offer_type: step.offer_type,
                contexts: ContextSelector::Contexts(vec![ContextRef::Employee(employee_id)]),
                quantity: step.quantity,
                start_date,
                include_optional: step.include_optional.clone(),
                add_anyway: false,
            };
            match plan(tx, &request) {
                Ok(planned) => instances.extend(apply(tx, &planned, ApplyAs::Ordered)?),
                Err(Error::InvalidRequest(mut why)) => {
                    reasons.extend(why.drain(..).map(|reason| {
                        reason.within(RequestPart::OnboardingStep {
                            template: template.record.name.clone(),
                            item: step.item.clone(),
                        })
                    }));
                }
                Err(other) => return Err(other),
            }
        }
    }
    if !reasons.is_empty() {
        // The caller's transaction rolls back whatever earlier steps wrote.
        return Err(Error::InvalidRequest(reasons));
    }
    Ok(Onboarded {
        templates: applicable.into_iter().map(|t| t.record.name).collect(),
        workplace_created,
        instances,
    })
}
