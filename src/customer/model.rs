//! What a customer consists of. `…Record` is what a form sends; the plain name is
//! the stored thing with its id.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CustomerRecord {
    pub name: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    /// ISO 3166-1 alpha-2 ("DE"), or empty.
    #[serde(default)]
    pub country: String,
    /// ISO 4217; offers to this customer are in this currency.
    pub currency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Customer {
    pub id: i64,
    #[serde(flatten)]
    pub record: CustomerRecord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LocationRecord {
    pub name: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Location {
    pub id: i64,
    pub customer_id: i64,
    #[serde(flatten)]
    pub record: LocationRecord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EmployeeRecord {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub cost_centre: String,
    /// The location the employee works at, one of the same customer's.
    #[serde(default)]
    pub location_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Employee {
    pub id: i64,
    pub customer_id: i64,
    #[serde(flatten)]
    pub record: EmployeeRecord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CloudContainerRecord {
    pub name: String,
    /// The business application the container maps ("ERP").
    #[serde(default)]
    pub business_application: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CloudContainer {
    pub id: i64,
    pub customer_id: i64,
    #[serde(flatten)]
    pub record: CloudContainerRecord,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct WorkplaceRecord {
    /// The employee the workplace belongs to.
    pub employee_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Workplace {
    pub id: i64,
    #[serde(flatten)]
    pub record: WorkplaceRecord,
}

/// A customer with everything below it, for the customer tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CustomerStructure {
    pub customer: Customer,
    pub locations: Vec<Location>,
    pub employees: Vec<Employee>,
    pub cloud_containers: Vec<CloudContainer>,
    pub workplaces: Vec<Workplace>,
}
