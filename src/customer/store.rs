//! Customers and their structure: the store module that alone writes
//! `customer`, `location`, `employee`, `workplace`, `cloud_container` and the
//! customer's onboarding templates, and maps their rows.
