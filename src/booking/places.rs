//! Where in the customer an instance is, for the inventory's subtotals: a
//! location (with its employees and their workplaces), a cloud container,
//! the employees without a location, or customer-wide. The inventory reads
//! like a contract list: each place's instances, its subtotal, then the total.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;

use crate::customer::CustomerStructure;
use crate::money::bounded;
use crate::vocabulary::ContextRef;
use crate::Result;

/// A place of the customer that the inventory subtotals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, specta::Type)]
#[serde(tag = "place", content = "id", rename_all = "snake_case")]
pub enum Place {
    /// A location, with its employees and their workplaces.
    Location(i64),
    CloudContainer(i64),
    /// Employees who work at no location, and their workplaces.
    NoLocation,
    CustomerWide,
}

/// The costs of one place: what its instances (those whose costs count) cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PlaceCost {
    pub place: Place,
    /// The location's or cloud container's name; empty for the other places
    /// (the UI names them in its language).
    pub label: String,
    pub instances: u32,
    pub one_time: Decimal,
    pub monthly: Decimal,
}

/// Maps booking contexts to their places.
pub(super) struct Places {
    location_of_employee: HashMap<i64, Option<i64>>,
    employee_of_workplace: HashMap<i64, i64>,
    names: HashMap<Place, String>,
    /// The order places are listed in: locations and cloud containers as the
    /// customer's structure lists them, then no location, then customer-wide.
    order: Vec<Place>,
}

impl Places {
    pub(super) fn new(s: &CustomerStructure) -> Places {
        let mut names = HashMap::new();
        let mut order = Vec::new();
        for l in &s.locations {
            names.insert(Place::Location(l.id), l.record.name.clone());
            order.push(Place::Location(l.id));
        }
        for c in &s.cloud_containers {
            names.insert(Place::CloudContainer(c.id), c.record.name.clone());
            order.push(Place::CloudContainer(c.id));
        }
        order.push(Place::NoLocation);
        order.push(Place::CustomerWide);
        Places {
            location_of_employee: s
                .employees
                .iter()
                .map(|e| (e.id, e.record.location_id))
                .collect(),
            employee_of_workplace: s
                .workplaces
                .iter()
                .map(|w| (w.id, w.record.employee_id))
                .collect(),
            names,
            order,
        }
    }

    pub(super) fn of(&self, context: ContextRef) -> Place {
        let of_employee = |e: i64| match self.location_of_employee.get(&e).copied().flatten() {
            Some(l) => Place::Location(l),
            None => Place::NoLocation,
        };
        match context {
            ContextRef::Location(l) => Place::Location(l),
            ContextRef::CloudContainer(c) => Place::CloudContainer(c),
            ContextRef::Employee(e) => of_employee(e),
            ContextRef::Workplace(w) => match self.employee_of_workplace.get(&w) {
                Some(e) => of_employee(*e),
                None => Place::NoLocation,
            },
            ContextRef::Global => Place::CustomerWide,
        }
    }

    /// The place's name: the location's or cloud container's, empty for the
    /// others (the UI names them in its language).
    pub(super) fn label(&self, place: Place) -> String {
        self.names.get(&place).cloned().unwrap_or_default()
    }

    /// The subtotals of the places that hold instances, in the places' order,
    /// from (context, one-time, monthly) of every instance whose costs count.
    pub(super) fn subtotals(
        &self,
        costs: impl Iterator<Item = (ContextRef, Decimal, Decimal)>,
    ) -> Result<Vec<PlaceCost>> {
        let mut sums: HashMap<Place, (u32, Decimal, Decimal)> = HashMap::new();
        for (context, one_time, monthly) in costs {
            let place = self.of(context);
            let sum = sums.entry(place).or_default();
            let label = || self.names.get(&place).cloned().unwrap_or_default();
            sum.0 += 1;
            sum.1 = bounded(sum.1.checked_add(one_time), || {
                format!("the one-time costs of {}", label())
            })?;
            sum.2 = bounded(sum.2.checked_add(monthly), || {
                format!("the monthly costs of {}", label())
            })?;
        }
        Ok(self
            .order
            .iter()
            .filter_map(|place| {
                sums.get(place)
                    .map(|(instances, one_time, monthly)| PlaceCost {
                        place: *place,
                        label: self.names.get(place).cloned().unwrap_or_default(),
                        instances: *instances,
                        one_time: *one_time,
                        monthly: *monthly,
                    })
            })
            .collect())
    }
}
