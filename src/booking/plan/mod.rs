//! Planning a booking: everything that has to come with a request, priced and
//! explained, before anything is written.

use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::refusal::describe_context;
use super::request::*;
use crate::catalog::ItemRecord;
use crate::catalog::{ItemKind, LinkMode, LinkQuantity, RequirementScope};
use crate::contract::{context_at, LineTerms, INSTANCE_CONTEXT_COLUMNS};
use crate::customer::{customer_structure, CustomerStructure};
use crate::error::{AlreadyHeld, HeldInstance, Refusal, RequestProblem, Through};
use crate::pricing::{OfferLine, UnitCost};
use crate::vocabulary::{ContextRef, ItemStatus, OfferType};
use crate::{Error, Result};

mod held;
mod new_workplace;
mod terms;

pub use new_workplace::NewWorkplace;
pub(crate) use new_workplace::{new_workplace_employee, new_workplace_of};

use held::mark_already_held;
use terms::{default_sale, sale_terms, Sale};

/// Why a line is in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum LineReason {
    Requested,
    /// A basic service the line `for_line` needs.
    Prerequisite {
        of: String,
        scope: RequirementScope,
    },
    /// Booked with every `with`.
    Mandatory {
        with: String,
    },
    /// Offered with `with`, included by the request.
    Optional {
        with: String,
    },
}

/// A basic service a line depends on: already in the inventory, or provisioned by
/// another line of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Prerequisite {
    Existing { instance_id: i64, item: String },
    Line { line: u32, item: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct PlanLine {
    pub item_code: String,
    pub item_name: String,
    pub item_kind: ItemKind,
    pub variant: Option<String>,
    pub options: Vec<ChosenOption>,
    pub context: ContextRef,
    /// "Anna Schmidt", "Berlin", "ERP", "customer-wide".
    pub context_label: String,
    pub quantity: i64,
    pub terms: LineTerms,
    pub reason: LineReason,
    /// "required by Managed365 (customer-wide)", "mandatory with Lenovo ThinkPad T14 Gen 5".
    pub explanation: String,
    /// The line this one is linked to (mandatory or optional), by index.
    pub parent: Option<u32>,
    pub prerequisites: Vec<Prerequisite>,
    /// Live instances of the same item (any variant) the context already holds;
    /// set on requested lines only (linked lines come with their line, and
    /// prerequisites reuse what is there). Applying needs `add_anyway` while any
    /// line holds some.
    #[serde(default)]
    pub already_held: Vec<HeldInstance>,
}

impl PlanLine {
    /// The line as an offer prices it. Here rather than in `pricing`, which
    /// stands below booking and knows no plan.
    pub fn offer_line(&self, unit_cost: Option<UnitCost>) -> OfferLine {
        OfferLine {
            context: self.context,
            quantity: self.quantity,
            terms: self.terms.clone(),
            unit_cost,
        }
    }
}

/// An optional linked item the request may include.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct OptionalOffer {
    pub item_code: String,
    pub item_name: String,
    /// The item it is offered with.
    pub with: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct BookingPlan {
    pub request: BookingRequest,
    /// The store revision the plan was made at; `apply` refuses it at any other.
    pub basis: i64,
    pub lines: Vec<PlanLine>,
    pub offered: Vec<OptionalOffer>,
    /// Workplaces applying the plan creates first, for employees who have none
    /// (their lines' context is `ContextRef::Workplace(-employee)` until then).
    #[serde(default)]
    pub new_workplaces: Vec<NewWorkplace>,
}

/// What planning reads of a customer: its structure, the names of its
/// contexts, the instances present and the live ones per item and context.
/// Read once, it serves any number of plans against the same store state (an
/// offer that changes a thousand employees' instances plans a thousand times).
pub(crate) struct CustomerSnapshot {
    basis: i64,
    customer_id: i64,
    structure: CustomerStructure,
    names: ContextNames,
    existing: HashMap<(String, ContextRef), i64>,
    held: held::Held,
}

impl CustomerSnapshot {
    pub(crate) fn read(conn: &Connection, customer_id: i64) -> Result<CustomerSnapshot> {
        let basis = crate::store::revision(conn)?;
        let structure = customer_structure(conn, customer_id).map_err(|_| {
            Error::InvalidRequest(vec![RequestProblem::new(Refusal::NoCustomer {
                customer_id,
            })])
        })?;
        let names = ContextNames::new(&structure);
        Ok(CustomerSnapshot {
            basis,
            customer_id,
            existing: existing_instances(conn, customer_id)?,
            held: held::live_instances(conn, customer_id)?,
            structure,
            names,
        })
    }
}

/// Plans a request against the catalog and the customer's inventory; writes nothing.
/// An invalid request is answered with every reason at once.
pub fn plan(conn: &Connection, request: &BookingRequest) -> Result<BookingPlan> {
    let snapshot = CustomerSnapshot::read(conn, request.customer_id)?;
    plan_with(conn, &snapshot, request)
}

/// Plans a request against a snapshot of its customer read in the same store
/// state (nothing written since).
pub(crate) fn plan_with(
    conn: &Connection,
    snapshot: &CustomerSnapshot,
    request: &BookingRequest,
) -> Result<BookingPlan> {
    if snapshot.customer_id != request.customer_id {
        return Err(Error::Corrupt(format!(
            "a plan for customer {} was made against customer {}",
            request.customer_id, snapshot.customer_id
        )));
    }
    let basis = snapshot.basis;
    let structure = &snapshot.structure;
    let names = &snapshot.names;
    let mut items = Items {
        conn,
        loaded: HashMap::new(),
    };
    let mut errors = Vec::new();

    let record = match items.get(&request.item)? {
        Some(record) => Some(record),
        None => {
            errors.push(RequestProblem::new(Refusal::NoItem {
                code: request.item.clone(),
            }));
            None
        }
    };
    if crate::money::quantity_problem(request.quantity).is_some() {
        errors.push(RequestProblem::new(Refusal::Quantity {
            quantity: request.quantity,
            max: crate::limits::MAX_QUANTITY,
        }));
    }
    let contexts = expand(structure, &request.contexts, &mut errors);
    let mut sale = None;
    if let Some(record) = &record {
        if record.status() != ItemStatus::Active {
            errors.push(RequestProblem::new(Refusal::Inactive {
                item: record.name().to_owned(),
                status: record.status(),
            }));
        }
    }
    // The most basic reasons first: where the item cannot go comes before how
    // it would be configured (a variant's missing choice means nothing for an
    // item that is not booked for employees at all).
    let mut placed = Vec::new();
    if let Some(record) = &record {
        for context in &contexts {
            match place(names, record, *context) {
                Ok(context) => placed.push(context),
                Err(reason) => errors.push(*reason),
            }
        }
        match sale_terms(
            record,
            request.variant.as_deref(),
            request.offer_type,
            &request.options,
            false,
        ) {
            Ok(terms) => sale = Some(terms),
            Err(mut reasons) => errors.append(&mut reasons),
        }
    }
    for code in &request.include_optional {
        let offered = record.as_ref().is_some_and(|r| {
            r.links()
                .iter()
                .any(|l| &l.item == code && l.mode == LinkMode::Optional)
        });
        if !offered {
            errors.push(RequestProblem::new(Refusal::NotOptionalLink {
                item: code.clone(),
                of: request.item.clone(),
            }));
        }
    }
    let (Some(record), Some((variant, terms, options)), true) = (record, sale, errors.is_empty())
    else {
        return Err(Error::InvalidRequest(errors));
    };

    let mut builder = Builder {
        items,
        names,
        sales: HashMap::new(),
        existing: &snapshot.existing,
        include: request.include_optional.iter().cloned().collect(),
        lines: Vec::new(),
        provisioned: HashMap::new(),
        offered: Vec::new(),
        errors: Vec::new(),
    };
    for context in placed {
        builder.add(
            Rc::clone(&record),
            variant.clone(),
            options.clone(),
            terms.clone(),
            context,
            request.quantity,
            LineReason::Requested,
            None,
            0,
        )?;
    }
    if !builder.errors.is_empty() {
        return Err(Error::InvalidRequest(builder.errors));
    }
    let mut lines = builder.lines;
    mark_already_held(&snapshot.held, &mut lines);
    apply_customer_prices(conn, request, &mut lines)?;
    // Every line must be computable within the bound on amounts: what is booked
    // is later totalled in offers and the inventory.
    for line in &lines {
        crate::pricing::line_amounts(&line.terms, line.quantity, None).map_err(|e| match e {
            Error::AmountOutOfBounds { what } => Error::AmountOutOfBounds {
                what: format!("{} in {}: {what}", line.item_name, line.context_label),
            },
            other => other,
        })?;
    }
    let mut new_workplaces: Vec<NewWorkplace> = Vec::new();
    for line in &mut lines {
        let Some(employee_id) = new_workplace_employee(line.context) else {
            continue;
        };
        let employee = names.label(ContextRef::Employee(employee_id));
        if line.parent.is_none() {
            line.explanation
                .push_str(&format!("; a workplace is created for {employee}"));
        }
        if !new_workplaces.iter().any(|w| w.employee_id == employee_id) {
            new_workplaces.push(NewWorkplace {
                employee_id,
                employee,
            });
        }
    }
    Ok(BookingPlan {
        request: request.clone(),
        basis,
        lines,
        offered: builder.offered,
        new_workplaces,
    })
}

impl BookingPlan {
    /// The lines whose contexts already hold the item, as the refusal lists them.
    pub fn already_held(&self) -> Vec<AlreadyHeld> {
        self.lines
            .iter()
            .filter(|l| !l.already_held.is_empty())
            .map(|l| AlreadyHeld {
                context: l.context,
                context_label: l.context_label.clone(),
                item: l.item_name.clone(),
                held: l.already_held.clone(),
            })
            .collect()
    }

    /// Refuses a plan that would book an item a second time into a context,
    /// unless the request says to add anyway.
    pub fn check_not_held(&self) -> Result<()> {
        if self.request.add_anyway {
            return Ok(());
        }
        let held = self.already_held();
        if held.is_empty() {
            Ok(())
        } else {
            Err(Error::AlreadyHeld(held))
        }
    }

    /// The lines as they book, without what the inventory held when planned:
    /// an accept compares these with the offer's (the holdings are checked apart).
    pub fn booked_lines(&self) -> Vec<PlanLine> {
        self.lines
            .iter()
            .map(|l| PlanLine {
                already_held: Vec::new(),
                ..l.clone()
            })
            .collect()
    }
}

/// Service lines are priced for the customer on the start date (docs/pricing.md
/// §4): the variant's customer price plus each option's customer delta. Products
/// keep their fixed price. Without a price list in force nothing changes, so the
/// catalog terms stand as they were planned.
fn apply_customer_prices(
    conn: &Connection,
    request: &BookingRequest,
    lines: &mut [PlanLine],
) -> Result<()> {
    use crate::pricing::{customer_price, with_unit_amount, PriceTarget};
    let date = request.start_date;
    if crate::pricing::list_in_force(conn, request.customer_id, date)?.is_none() {
        return Ok(());
    }
    // Thousands of lines share a handful of sales: price each once.
    let mut priced: HashMap<(String, String, Vec<ChosenOption>, OfferType), Decimal> =
        HashMap::new();
    for line in lines.iter_mut() {
        let service = matches!(line.item_kind, ItemKind::Service | ItemKind::BasicService);
        let (true, Some(variant)) = (service, line.variant.as_ref()) else {
            continue;
        };
        let offer_type = line.terms.offer_type;
        let key = (
            line.item_code.clone(),
            variant.clone(),
            line.options.clone(),
            offer_type,
        );
        if let Some(amount) = priced.get(&key) {
            line.terms = with_unit_amount(&line.terms, *amount)?;
            continue;
        }
        let target = PriceTarget::Variant {
            service: line.item_code.clone(),
            variant: variant.clone(),
        };
        let mut amount =
            customer_price(conn, request.customer_id, &target, offer_type, date)?.price;
        for option in &line.options {
            let target = PriceTarget::Option {
                service: line.item_code.clone(),
                group: option.group.clone(),
                choice: option.choice.clone(),
            };
            let delta = customer_price(conn, request.customer_id, &target, offer_type, date)?.price;
            amount = crate::money::bounded(amount.checked_add(delta), || {
                format!("the customer price of {}", line.item_name)
            })?;
        }
        if amount.is_sign_negative() && !amount.is_zero() {
            return Err(Error::InvalidRequest(vec![RequestProblem::other(format!(
                "{} with these options would cost {amount} per unit for this customer: a price is 0 or more",
                line.item_name
            ))]));
        }
        priced.insert(key, amount);
        line.terms = with_unit_amount(&line.terms, amount)?;
    }
    Ok(())
}

/// The contexts a selector names, each checked to belong to the customer.
fn expand(
    structure: &CustomerStructure,
    selector: &ContextSelector,
    errors: &mut Vec<RequestProblem>,
) -> Vec<ContextRef> {
    let employees = |keep: &dyn Fn(&crate::customer::Employee) -> bool| -> Vec<ContextRef> {
        structure
            .employees
            .iter()
            .filter(|e| keep(e))
            .map(|e| ContextRef::Employee(e.id))
            .collect()
    };
    let found = match selector {
        ContextSelector::Contexts(list) => {
            let mut seen = HashSet::new();
            let mut out = Vec::new();
            for context in list {
                if !owns(structure, *context) {
                    errors.push(RequestProblem::new(Refusal::ForeignContext {
                        context: *context,
                        customer: structure.customer.record.name.clone(),
                    }));
                } else if seen.insert(*context) {
                    out.push(*context);
                }
            }
            out
        }
        ContextSelector::AllEmployees => employees(&|_| true),
        ContextSelector::EmployeesOfLocation(id) => {
            if !structure.locations.iter().any(|l| l.id == *id) {
                errors.push(RequestProblem::new(Refusal::ForeignContext {
                    context: ContextRef::Location(*id),
                    customer: structure.customer.record.name.clone(),
                }));
            }
            employees(&|e| e.record.location_id == Some(*id))
        }
        ContextSelector::EmployeesOfDepartment(name) => {
            employees(&|e| &e.record.department == name)
        }
    };
    if found.is_empty() && errors.is_empty() {
        errors.push(RequestProblem::new(Refusal::NoEmployee));
    }
    found
}

fn owns(s: &CustomerStructure, context: ContextRef) -> bool {
    match context {
        ContextRef::Employee(id) => s.employees.iter().any(|e| e.id == id),
        ContextRef::Location(id) => s.locations.iter().any(|l| l.id == id),
        ContextRef::CloudContainer(id) => s.cloud_containers.iter().any(|c| c.id == id),
        ContextRef::Workplace(id) => s.workplaces.iter().any(|w| w.id == id),
        ContextRef::Global => true,
    }
}

/// Names of a customer's contexts, looked up by id (a plan or an inventory names
/// thousands of them).
pub(crate) struct ContextNames {
    names: HashMap<ContextRef, String>,
    workplaces_of: HashMap<i64, Vec<i64>>,
}

impl ContextNames {
    pub(crate) fn new(s: &CustomerStructure) -> ContextNames {
        let mut names = HashMap::new();
        for e in &s.employees {
            names.insert(ContextRef::Employee(e.id), e.record.name.clone());
        }
        for l in &s.locations {
            names.insert(ContextRef::Location(l.id), l.record.name.clone());
        }
        for c in &s.cloud_containers {
            names.insert(ContextRef::CloudContainer(c.id), c.record.name.clone());
        }
        let mut workplaces_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for w in &s.workplaces {
            let owner = names
                .get(&ContextRef::Employee(w.record.employee_id))
                .cloned()
                .unwrap_or_else(|| "?".into());
            names.insert(
                ContextRef::Workplace(w.id),
                format!("{} ({owner})", w.record.name),
            );
            workplaces_of
                .entry(w.record.employee_id)
                .or_default()
                .push(w.id);
        }
        for e in &s.employees {
            if !workplaces_of.contains_key(&e.id) {
                names.insert(
                    new_workplace_of(e.id),
                    format!("new workplace ({})", e.record.name),
                );
            }
        }
        names.insert(ContextRef::Global, "customer-wide".into());
        ContextNames {
            names,
            workplaces_of,
        }
    }

    pub(crate) fn label(&self, context: ContextRef) -> String {
        self.names
            .get(&context)
            .cloned()
            .unwrap_or_else(|| describe_context(context))
    }
}

fn allowed(record: &ItemRecord) -> &[crate::vocabulary::BookingContext] {
    match record {
        ItemRecord::Product(p) => &p.allowed_contexts,
        ItemRecord::Service(s) => &s.allowed_contexts,
        ItemRecord::AddOn(_) => &[],
    }
}

/// Where an item lands in a context: there if allowed; an employee's only
/// workplace for items booked into workplaces.
fn place(
    s: &ContextNames,
    record: &ItemRecord,
    context: ContextRef,
) -> std::result::Result<ContextRef, Box<RequestProblem>> {
    let kinds = allowed(record);
    if kinds.contains(&context.kind()) {
        return Ok(context);
    }
    if let ContextRef::Employee(id) = context {
        if kinds.contains(&crate::vocabulary::BookingContext::Workplace) {
            let own = s.workplaces_of.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            return match own {
                [only] => Ok(ContextRef::Workplace(*only)),
                // Booked into a workplace the booking creates.
                [] => Ok(new_workplace_of(id)),
                many => Err(Box::new(RequestProblem::new(Refusal::WhichWorkplace {
                    item: record.name().to_owned(),
                    employee: s.label(context),
                    employee_id: id,
                    workplaces: u32::try_from(many.len()).unwrap_or(u32::MAX),
                }))),
            };
        }
    }
    if let (ItemRecord::Product(p), true) = (record, kinds.is_empty()) {
        return Err(Box::new(RequestProblem::new(Refusal::NoContextsYet {
            item: p.name.clone(),
            category: p.category.clone(),
            manufacturer: p.manufacturer.clone(),
        })));
    }
    Err(Box::new(RequestProblem::new(Refusal::ContextNotAllowed {
        item: record.name().to_owned(),
        context: context.kind(),
        context_name: s.label(context),
        allowed: kinds.to_vec(),
    })))
}

struct Existing {
    id: i64,
    item: String,
    context: ContextRef,
}

/// Instances that count as present (planned, ordered, provisioning or active),
/// the oldest first for each item and context.
fn existing_instances(
    conn: &Connection,
    customer: i64,
) -> Result<HashMap<(String, ContextRef), i64>> {
    let mut stmt = conn.prepare_cached(
        &format!(
            "SELECT i.id, ci.code, {INSTANCE_CONTEXT_COLUMNS}
             FROM instance i JOIN catalog_item ci ON ci.id = i.item_id
             WHERE i.customer_id = ?1 AND i.status IN ('planned', 'ordered', 'provisioning', 'active')
             ORDER BY i.id"
        ),
    )?;
    let rows = stmt
        .query_map([customer], |r| {
            let context = context_at(r, 2)?;
            Ok(Existing {
                id: r.get(0)?,
                item: r.get(1)?,
                context,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut map = HashMap::new();
    for e in rows {
        map.entry((e.item, e.context)).or_insert(e.id);
    }
    Ok(map)
}

/// Catalog items read when first needed: a plan touches a handful of items, and
/// the catalog may hold a million products.
struct Items<'c> {
    conn: &'c Connection,
    loaded: HashMap<String, Option<Rc<ItemRecord>>>,
}

impl Items<'_> {
    fn get(&mut self, code: &str) -> Result<Option<Rc<ItemRecord>>> {
        if let Some(found) = self.loaded.get(code) {
            return Ok(found.clone());
        }
        // A product governed by a category rule is booked with the rule's
        // contexts and links.
        let found = match crate::catalog::bookable_item(self.conn, code) {
            Err(Error::NotFound { .. }) => None,
            Ok(record) => Some(Rc::new(record)),
            Err(other) => return Err(other),
        };
        self.loaded.insert(code.to_owned(), found.clone());
        Ok(found)
    }
}

struct Builder<'a> {
    /// The bookable items the plan needs, by code.
    items: Items<'a>,
    names: &'a ContextNames,
    /// The sale of an engine-added item, by item and preferred offer type.
    sales: HashMap<(String, OfferType), std::result::Result<Sale, Vec<RequestProblem>>>,
    /// Live instances by item and context: the first one satisfies a requirement.
    existing: &'a HashMap<(String, ContextRef), i64>,
    include: HashSet<String>,
    lines: Vec<PlanLine>,
    /// Basic services this plan provisions, by item and context: once per scope.
    provisioned: HashMap<(String, ContextRef), u32>,
    offered: Vec<OptionalOffer>,
    errors: Vec<RequestProblem>,
}

impl Builder<'_> {
    fn sale_of(
        &mut self,
        record: &ItemRecord,
        preferred: OfferType,
    ) -> std::result::Result<Sale, Vec<RequestProblem>> {
        self.sales
            .entry((record.code().to_owned(), preferred))
            .or_insert_with(|| default_sale(record, preferred))
            .clone()
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        record: Rc<ItemRecord>,
        variant: Option<String>,
        options: Vec<ChosenOption>,
        terms: LineTerms,
        context: ContextRef,
        quantity: i64,
        reason: LineReason,
        parent: Option<u32>,
        depth: usize,
    ) -> Result<u32> {
        let index = self.lines.len() as u32;
        let explanation = match &reason {
            LineReason::Requested => "requested".to_owned(),
            LineReason::Prerequisite { of, scope } => format!(
                "required by {of} ({})",
                match scope {
                    RequirementScope::Customer => "customer-wide".to_owned(),
                    RequirementScope::SameContext => format!("in {}", self.names.label(context)),
                }
            ),
            LineReason::Mandatory { with } => format!("mandatory with {with}"),
            LineReason::Optional { with } => format!("optional with {with}, included"),
        };
        self.lines.push(PlanLine {
            item_code: record.code().to_owned(),
            item_name: record.name().to_owned(),
            item_kind: match &*record {
                ItemRecord::Product(_) => ItemKind::Product,
                ItemRecord::Service(s) => s.kind.item_kind(),
                ItemRecord::AddOn(_) => ItemKind::AddOn,
            },
            variant,
            options,
            context,
            context_label: self.names.label(context),
            quantity,
            terms: terms.clone(),
            reason,
            explanation,
            parent,
            prerequisites: Vec::new(),
            already_held: Vec::new(),
        });
        // The catalog has no cycles; the depth guard only protects against a damaged one.
        if depth > 32 {
            self.errors.push(RequestProblem::other(format!(
                "{} nests too deep",
                record.name()
            )));
            return Ok(index);
        }
        let (requires, links) = match &*record {
            ItemRecord::Product(p) => (p.requires.as_slice(), p.links.as_slice()),
            ItemRecord::Service(s) => (s.requires.as_slice(), s.links.as_slice()),
            ItemRecord::AddOn(_) => (&[][..], &[][..]),
        };
        for requirement in requires {
            let prerequisite = self.prerequisite(
                record.name(),
                &requirement.service,
                requirement.scope,
                context,
                terms.offer_type,
                depth,
            )?;
            if let Some(p) = prerequisite {
                self.lines[index as usize].prerequisites.push(p);
            }
        }
        for link in links {
            let Some(child) = self.items.get(&link.item)? else {
                continue;
            };
            let linked = match link.quantity {
                LinkQuantity::PerParentUnit(n) => quantity.checked_mul(i64::from(n)),
                LinkQuantity::Fixed(n) => Some(i64::from(n)),
            };
            let quantity = match linked {
                Some(q) if q <= crate::limits::MAX_QUANTITY => q,
                _ => {
                    self.errors.push(RequestProblem::other(format!(
                        "{} comes with {} {}: that is beyond {}, the largest quantity of one line",
                        link.item,
                        record.name(),
                        match link.quantity {
                            LinkQuantity::PerParentUnit(n) => format!("{n} per unit × {quantity}"),
                            LinkQuantity::Fixed(n) => format!("{n} times"),
                        },
                        crate::limits::MAX_QUANTITY_TEXT
                    )));
                    continue;
                }
            };
            let included = link.mode == LinkMode::Optional && self.include.contains(&link.item);
            if link.mode == LinkMode::Optional && !included {
                let offer = OptionalOffer {
                    item_code: child.code().to_owned(),
                    item_name: child.name().to_owned(),
                    with: record.name().to_owned(),
                };
                if !self.offered.contains(&offer) {
                    self.offered.push(offer);
                }
                continue;
            }
            let at = match place(self.names, &child, context) {
                Ok(at) => at,
                Err(reason) => {
                    self.errors.push((*reason).through(Through::ComesWith {
                        item: record.name().to_owned(),
                    }));
                    continue;
                }
            };
            match self.sale_of(&child, terms.offer_type) {
                Ok((variant, child_terms, options)) => {
                    let reason = if included {
                        LineReason::Optional {
                            with: record.name().to_owned(),
                        }
                    } else {
                        LineReason::Mandatory {
                            with: record.name().to_owned(),
                        }
                    };
                    self.add(
                        child,
                        variant,
                        options,
                        child_terms,
                        at,
                        quantity,
                        reason,
                        Some(index),
                        depth + 1,
                    )?;
                }
                // Say why the item is in the plan at all: a category rule may
                // link it to every product of a category.
                Err(reasons) => self.errors.extend(reasons.into_iter().map(|r| {
                    r.through(Through::ComesWith {
                        item: record.name().to_owned(),
                    })
                })),
            }
        }
        Ok(index)
    }

    fn prerequisite(
        &mut self,
        of: &str,
        code: &str,
        scope: RequirementScope,
        context: ContextRef,
        preferred: OfferType,
        depth: usize,
    ) -> Result<Option<Prerequisite>> {
        let target = match scope {
            RequirementScope::Customer => ContextRef::Global,
            RequirementScope::SameContext => context,
        };
        let Some(record) = self.items.get(code)? else {
            return Ok(None);
        };
        let key = (code.to_owned(), target);
        if let Some(found) = self.existing.get(&key) {
            return Ok(Some(Prerequisite::Existing {
                instance_id: *found,
                item: record.name().to_owned(),
            }));
        }
        if let Some(line) = self.provisioned.get(&key) {
            return Ok(Some(Prerequisite::Line {
                line: *line,
                item: record.name().to_owned(),
            }));
        }
        let at = match place(self.names, &record, target) {
            Ok(at) => at,
            Err(reason) => {
                self.errors.push((*reason).through(Through::RequiredBy {
                    item: of.to_owned(),
                }));
                return Ok(None);
            }
        };
        match self.sale_of(&record, preferred) {
            Ok((variant, terms, options)) => {
                let line = self.add(
                    Rc::clone(&record),
                    variant,
                    options,
                    terms,
                    at,
                    1,
                    LineReason::Prerequisite {
                        of: of.to_owned(),
                        scope,
                    },
                    None,
                    depth + 1,
                )?;
                self.provisioned.insert(key, line);
                Ok(Some(Prerequisite::Line {
                    line,
                    item: record.name().to_owned(),
                }))
            }
            Err(mut reasons) => {
                self.errors.append(&mut reasons);
                Ok(None)
            }
        }
    }
}
