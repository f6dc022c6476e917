//! Customers as the tests and benchmarks set them up: the customer, then its
//! locations, employees (at a location, with a workplace) and cloud containers,
//! written in the order they were named, in the caller's transaction. So the
//! ids come out as they did when each test wrote the same rows by hand, and a
//! set-up is one user action (the store's revision moves once).

use rusqlite::Transaction;
use servicefolio::customer::{
    create_cloud_container, create_customer, create_employee, create_location, create_workplace,
    CloudContainerRecord, CustomerRecord, EmployeeRecord, LocationRecord, WorkplaceRecord,
};
use servicefolio::Store;

/// "ACME GmbH", billed in euros: the customer most tests book for.
pub fn acme_gmbh() -> NewCustomer {
    NewCustomer::named("ACME GmbH")
}

/// ACME GmbH with its address in Berlin (Hauptstraße 5, 10115 Berlin, DE),
/// billed in euros: the customer an offer document is addressed to.
pub fn acme_gmbh_in_berlin() -> NewCustomer {
    NewCustomer::from_record(CustomerRecord {
        name: "ACME GmbH".into(),
        street: "Hauptstraße 5".into(),
        postal_code: "10115".into(),
        city: "Berlin".into(),
        country: "DE".into(),
        currency: "EUR".into(),
    })
}

/// "ACME", billed in euros: the short name some tests use.
pub fn acme() -> NewCustomer {
    NewCustomer::named("ACME")
}

/// A customer still to be written, with the structure it will have.
#[derive(Debug, Clone)]
pub struct NewCustomer {
    record: CustomerRecord,
    parts: Vec<Part>,
}

#[derive(Debug, Clone)]
enum Part {
    Location(LocationRecord),
    Employee {
        record: EmployeeRecord,
        /// The name of a location named before in this set-up.
        at: Option<String>,
        workplace: Option<String>,
    },
    CloudContainer(CloudContainerRecord),
}

/// What a set-up wrote: the customer's id, and the ids of its parts in the
/// order they were named.
#[derive(Debug, Clone)]
pub struct CustomerSetUp {
    pub id: i64,
    pub locations: Vec<i64>,
    pub employees: Vec<i64>,
    pub workplaces: Vec<i64>,
    pub cloud_containers: Vec<i64>,
}

impl NewCustomer {
    /// A customer with just a name, billed in euros.
    pub fn named(name: &str) -> NewCustomer {
        NewCustomer::from_record(CustomerRecord {
            name: name.into(),
            currency: "EUR".into(),
            ..Default::default()
        })
    }

    pub fn from_record(record: CustomerRecord) -> NewCustomer {
        NewCustomer {
            record,
            parts: Vec::new(),
        }
    }

    /// A location with just a name.
    pub fn location(self, name: &str) -> NewCustomer {
        self.location_record(LocationRecord {
            name: name.into(),
            ..Default::default()
        })
    }

    pub fn location_record(mut self, record: LocationRecord) -> NewCustomer {
        self.parts.push(Part::Location(record));
        self
    }

    /// An employee with just a name (no location, no department).
    pub fn employee(self, name: &str) -> NewCustomer {
        self.employee_record(EmployeeRecord {
            name: name.into(),
            ..Default::default()
        })
    }

    /// An employee as a form would send it; its `location_id` is left as given
    /// unless [`NewCustomer::at`] names a location of this set-up.
    pub fn employee_record(mut self, record: EmployeeRecord) -> NewCustomer {
        self.parts.push(Part::Employee {
            record,
            at: None,
            workplace: None,
        });
        self
    }

    /// Several employees with just a name, each at `location`.
    pub fn employees_at(mut self, location: &str, names: &[&str]) -> NewCustomer {
        for name in names {
            self = self.employee(name).at(location);
        }
        self
    }

    /// The employee named last works at `location`, a location named before.
    pub fn at(mut self, location: &str) -> NewCustomer {
        match self.parts.last_mut() {
            Some(Part::Employee { at, .. }) => *at = Some(location.into()),
            _ => panic!("`at({location})` follows an employee"),
        }
        self
    }

    /// The employee named last gets a workplace of this name, written right
    /// after the employee.
    pub fn with_workplace(mut self, name: &str) -> NewCustomer {
        match self.parts.last_mut() {
            Some(Part::Employee { workplace, .. }) => *workplace = Some(name.into()),
            _ => panic!("`with_workplace({name})` follows an employee"),
        }
        self
    }

    /// A cloud container with just a name.
    pub fn cloud_container(mut self, name: &str) -> NewCustomer {
        self.parts.push(Part::CloudContainer(CloudContainerRecord {
            name: name.into(),
            ..Default::default()
        }));
        self
    }

    /// Writes the customer and its parts in `tx`, in the order they were named.
    pub fn create(&self, tx: &Transaction<'_>) -> servicefolio::Result<CustomerSetUp> {
        let customer = create_customer(tx, &self.record)?;
        let mut set_up = CustomerSetUp {
            id: customer.id,
            locations: Vec::new(),
            employees: Vec::new(),
            workplaces: Vec::new(),
            cloud_containers: Vec::new(),
        };
        let mut location_names: Vec<&str> = Vec::new();
        for part in &self.parts {
            match part {
                Part::Location(record) => {
                    set_up
                        .locations
                        .push(create_location(tx, customer.id, record)?.id);
                    location_names.push(&record.name);
                }
                Part::Employee {
                    record,
                    at,
                    workplace,
                } => {
                    let mut record = record.clone();
                    if let Some(at) = at {
                        let index = location_names
                            .iter()
                            .position(|name| name == at)
                            .unwrap_or_else(|| panic!("no location {at} named before"));
                        record.location_id = Some(set_up.locations[index]);
                    }
                    let employee = create_employee(tx, customer.id, &record)?;
                    set_up.employees.push(employee.id);
                    if let Some(name) = workplace {
                        let record = WorkplaceRecord {
                            employee_id: employee.id,
                            name: name.clone(),
                        };
                        set_up.workplaces.push(create_workplace(tx, &record)?.id);
                    }
                }
                Part::CloudContainer(record) => set_up
                    .cloud_containers
                    .push(create_cloud_container(tx, customer.id, record)?.id),
            }
        }
        Ok(set_up)
    }

    /// Writes the customer and its parts as one user action.
    pub fn create_in(&self, store: &mut Store) -> CustomerSetUp {
        store
            .write(|tx| self.create(tx))
            .unwrap_or_else(|e| panic!("setting up {}: {e}", self.record.name))
    }
}
