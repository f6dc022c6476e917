//! The sentences of a refused action: something in use, not there, beyond a bound.

sentences! {
    /// Why an action cannot be done.
    RefusalSays {
        // Something in use (`Error::InUse`).
        AcceptedNotRevised => "offer {offer} version {version} cannot be revised: it is accepted; make a new offer instead",
        FrozenNotEdited => "offer {offer} version {version} cannot be edited: it is {status} and frozen; create a new version to change it",
        FrozenNotDeleted => "offer {offer} version {version} cannot be deleted: it is {status} and frozen; create a new version to change it",
        OfferCannotBecome => "offer {offer} version {version} cannot be moved on: it is {status}; it cannot become {to} (draft → sent → accepted, rejected or expired)",
        OtherVersionAccepted => "offer {offer} version {version} cannot be accepted: version {accepted} of this offer is already accepted",
        ApproveOnlyDraft => "offer {offer} version {version} cannot be approved: it is {status}; only a draft is approved before it is sent",
        ApprovedAlready => "offer {offer} version {version} cannot be approved: it is approved already, by {by} at {at}",
        NoApprovalNeeded => "offer {offer} version {version} cannot be approved: it breaks no approval rule; it can be sent as it is",
        CustomerHoldsInstances => "customer {name} cannot be deleted: it holds {count} instance(s): {instances}",
        LocationHoldsInstances => "location {name} cannot be deleted: it holds {count} instance(s): {instances}",
        EmployeeHoldsInstances => "employee {name} cannot be deleted: it holds {count} instance(s): {instances}",
        CloudContainerHoldsInstances => "cloud container {name} cannot be deleted: it holds {count} instance(s): {instances}",
        WorkplaceHoldsInstances => "workplace {name} cannot be deleted: it holds {count} instance(s): {instances}",
        EmployeesWorkThere => "location {name} cannot be deleted: {count} employee(s) work there: {employees}",
        TemplatesForLocation => "location {name} cannot be deleted: onboarding template(s) {templates} are for it",
        OneDependsNoCancel => "{item} cannot be cancelled: 1 instance depends on it: {dependants}",
        ManyDependNoCancel => "{item} cannot be cancelled: {count} instances depend on it: {dependants}",
        OneDependsNoRetire => "{item} cannot be retired: 1 instance depends on it: {dependants}",
        ManyDependNoRetire => "{item} cannot be retired: {count} instances depend on it: {dependants}",
        OneDependsNoRetireCancelFirst => "{item} cannot be retired: 1 instance depends on it: {dependants}; then, as it runs on a {offer_type} contract, cancel it before retiring it",
        ManyDependNoRetireCancelFirst => "{item} cannot be retired: {count} instances depend on it: {dependants}; then, as it runs on a {offer_type} contract, cancel it before retiring it",
        OneDependsNoCancelAt => "{item} ({place}) cannot be cancelled: 1 instance depends on it: {dependants}",
        ManyDependNoCancelAt => "{item} ({place}) cannot be cancelled: {count} instances depend on it: {dependants}",

        // Something not there (`Error::NotFound`).
        CustomerNotFound => "customer {id} not found",
        LocationNotFound => "location {id} not found",
        EmployeeNotFound => "employee {id} not found",
        CloudContainerNotFound => "cloud container {id} not found",
        WorkplaceNotFound => "workplace {id} not found",
        CatalogItemNotFound => "catalog item {item} not found",
        CategoryRuleNotFound => "category rule {id} not found",
        SupplierOfferNotFound => "supplier offer {offer} of product {product} not found",
        MappingProfileNotFound => "mapping profile \"{name}\" not found",
        ImportReportNotFound => "import report {id} not found",
        TemplateNotFound => "onboarding template {id} not found",
        InstanceNotFound => "instance {id} not found",
        OfferNotFound => "offer {id} not found",
        PriceListNotFound => "price list {id} not found",
        PriceRuleNotFound => "price rule {id} not found",

        // An instance an offer changes that was changed since (`Error::InventoryChanged`):
        // which one, and how.
        InstanceAt => "{item} ({place})",
        ChangedDeleted => "it was deleted",
        ChangedStatus => "it was {was} and is {now} now",
        ChangedEnd => "it ends on {end} now",
        ChangedEndTakenBack => "its end was taken back",
        ChangedVariant => "it is {variant} now",
        ChangedQuantity => "it had {was} unit(s) and has {now} now",
        ChangedTerms => "its terms changed",
        ChangedLinks => "what is linked to it changed",
        ChangedOther => "it was changed",

        // A document that could not be made (`Error::Export`).
        ExportLibrary => "{format}: {reason}",
        FontUnreadable => "the embedded font does not parse: {reason}",
        LogoNotImage => "the logo {file} cannot be printed: it is not a PNG or JPEG image (the settings name it; choose a PNG or JPEG file, or none)",
        LogoJpegDamaged => "the logo {file} cannot be printed: the JPEG file is damaged (the settings name it; choose a PNG or JPEG file, or none)",
        LogoJpegComponents => "the logo {file} cannot be printed: a JPEG with {components} colour components (the settings name it; choose a PNG or JPEG file, or none)",
        LogoPngTooLarge => "the logo {file} cannot be printed: the PNG is too large (the settings name it; choose a PNG or JPEG file, or none)",
        LogoPngIndexed => "the logo {file} cannot be printed: an indexed PNG that did not expand (the settings name it; choose a PNG or JPEG file, or none)",
        LogoPngUnreadable => "the logo {file} cannot be printed: {reason} (the settings name it; choose a PNG or JPEG file, or none)",
    }
}
