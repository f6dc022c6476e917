//! The consumer side: customers and their structure (locations, employees, cloud
//! containers, workplaces), the contexts bookings land in.
//!
//! Every change is one function that runs in the caller's write transaction and
//! checks its input first; a refused change writes nothing.

mod employee_import;
mod model;
pub(crate) mod store;
mod structure;

pub use employee_import::{
    import_employee_file, import_employee_rows, import_employees, read_employee_csv,
    read_employee_file, read_employee_xlsx, BadRows, EmployeeImportReport, EmployeeRow,
};

pub use model::{
    CloudContainer, CloudContainerRecord, Customer, CustomerRecord, CustomerStructure, Employee,
    EmployeeRecord, Location, LocationRecord, Workplace, WorkplaceRecord,
};
pub use structure::{
    create_cloud_container, create_customer, create_employee, create_location, create_workplace,
    customer_structure, customers, delete_cloud_container, delete_customer, delete_employee,
    delete_location, delete_workplace, update_cloud_container, update_customer, update_employee,
    update_location, update_workplace,
};
