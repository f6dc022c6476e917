//! The sentences of a wrong value in a form or an argument (`InputProblem::Said`).

sentences! {
    /// What is wrong with a value typed in.
    InputSays {
        TemplateBooksNothing => "a template books at least one item",

        // The catalog as a form or a command names it.
        CatalogHasNoItem => "the catalog has no item \"{item}\"",
        CatalogHasNoService => "the catalog has no service \"{code}\"",
        CatalogHasNoAddOn => "the catalog has no add-on \"{add_on}\"",
        NotAService => "{code} is not a service: customer prices apply to services only (products keep their fixed price)",
        ServiceHasNoVariant => "{service} has no variant \"{variant}\"",
        ServiceHasNoOptionGroup => "{service} has no option group \"{group}\"",
        OptionGroupHasNoChoice => "{service} option group {group} has no choice \"{choice}\"",
        VariantNotOffered => "{service} {variant} is not offered as {offer_type}",
        NoServiceInCategory => "no service is in the category \"{category}\"",

        // Amounts, quantities, percentages, bounds.
        AmountNegative => "{amount} is negative; a price is 0 or more",
        AmountBeyondBound => "{amount} is beyond 1,000,000,000,000, the largest amount Servicefolio accepts",
        QuantityNotPositive => "must be positive, not {quantity}",
        QuantityBeyondBound => "{quantity} is beyond 1,000,000, the largest quantity of one line",
        StepQuantityNotPositive => "must be positive",
        DiscountNotPercent => "a discount is between 0 and 100 percent, not {percent}",
        MaxDiscountNotPercent => "must be a percentage from 0 to 100, not {percent}",
        MinMarginNotPercent => "must be a percentage from 0 to 100, not {percent}",
        ContractValueNotPositive => "must be an amount above 0, not {amount}",
        MarkupOutOfRange => "must be between 0 and 1000, not {percent}",
        NotTaxRate => "{rate} is not a tax rate in percent (0 to 100)",
        ValidityDaysOutOfRange => "must be 1 to 365 days, not {days}",
        TooFarAhead => "{days} days is too far ahead: at most {max} days",
        TooManyLines => "more than 4,294,967,295 lines",
        TooManyToReprice => "too many products to reprice at once",
        AtMostItemsAtOnce => "at most {max} items at once, not {count}",
        PickerPageSize => "a picker page holds 1 to {max} items, not {count}",
        AtMostLeftOut => "at most {max} items can be left out",
        NameTooLong => "a name has at most {max} characters",
        ExportFolderTooLong => "must be a folder path of at most 4096 bytes",

        // Names and codes.
        ApproverMissing => "name who approves the offer",
        ProfileNeedsName => "a mapping profile needs a name",
        ProfileNotStored => "the mapping profile cannot be stored: {error}",
        CustomIsNoSource => "\"custom\" marks products entered by hand; name the supplier",
        NotDocumentLanguage => "\"{value}\" is not a document language (de, en)",
        NotOfferStatus => "\"{value}\" is not an offer status (draft, sent, accepted, rejected, expired)",
        NotAFileName => "{path} is not a file name",
        InMemoryStoreNoFile => "an in-memory store has no file a second connection could read",

        // The command line.
        NameOneExportFile => "name a file with one of them",
        JsonUnparsable => "{error}",
        NoDataDirectory => "no data directory is known for this user; pass --db PATH",

        // Files read in.
        FileUnreadable => "{file} cannot be read: {error}",
        FileEmpty => "the file is empty",
        NeitherWorkbookNorCsv => "is neither an XLSX workbook nor UTF-8 CSV text",
        WorkbookUnreadable => "not an XLSX workbook Servicefolio can read: {reason}",
        CsvLineUnreadable => "line {line}: {error}",
        NoNameColumn => "line {line}: no name column (the header has: {found}; expected name, email, department, location)",

        // A customer's structure.
        NoLocation => "there is no location {id}",
        NoEmployee => "there is no employee {id}",
        LocationOfAnotherCustomer => "{location} is a location of another customer",
        EmployeeOfAnotherCustomer => "{employee} is an employee of another customer",
        NotLocationOfCustomer => "location {id} is not a location of this customer",
        DepartmentEmpty => "the department is empty",

        // Dates and periods.
        BeyondLastDate => "{from} plus {days} days is beyond the last date there is",
        ValidUntilBeforeOfferDate => "{valid_until} is before the offer date {offer_date}",
        PriceListEndsBeforeStart => "{until} is before valid_from {from}",
        OverlapsPriceList => "this period overlaps the price list \"{name}\" of the same customer (valid {from} to {until}); a customer has one price list at a time",
        OverlapsOpenPriceList => "this period overlaps the price list \"{name}\" of the same customer (valid {from} to open end); a customer has one price list at a time",

        // Price lists.
        EntryTwice => "this entry is already in the list",
        PriceListStaysWithCustomer => "a price list stays with its customer",

        // Offers.
        OfferNeedsContent => "an offer needs at least one booking or one change to an existing instance",
        RequestOfAnotherCustomer => "a request for customer {request_customer} cannot be part of an offer to customer {customer}",
        InstanceChangedTwice => "instance {id} is changed twice in this offer: keep one change for it",
        LinkedChanges => "{instance} and {other} are linked: change only the one the other comes with",
        GroupOrderIncomplete => "must name each of the offer's {count} context groups once",
        NoSuchBooking => "the offer has {count} booking(s); there is no booking {number}",
        LineCurrencyDiffers => "line {line} ({description}) is in {line_currency}, the offer in {currency}",
        LineNumberCurrencyDiffers => "line {line} is in {line_currency}, the offer in {currency}",
        LeasingTermsMissing => "a leasing line needs its leasing terms",

        // Changes to instances and add-ons.
        InstanceOfAnotherCustomer => "{instance} belongs to another customer",
        NothingLeftToChange => "{instance} is {status}: there is nothing left to change",
        ChangeParentInstead => "{instance} comes with {parent}: change that instead, it follows",
        OnlyPlannedNoContract => "{instance} is only planned: there is no contract to cancel",
        NoActiveSuccessor => "{target} is not a successor of {item}: it names no active successor",
        NotASuccessor => "{target} is not a successor of {item}: its successors are {successors}",
        PurchasedNoContract => "{instance} was purchased: it is owned and has no contract to change; book more units as a new booking, or replace it by a successor",
        RetiredNoAddOns => "{item} #{id} is retired: add-ons are for live instances",
        TakesNoNewOrders => "{add_on} is {status}: it takes no new orders",
        AddOnDoesNotApply => "{add_on} does not apply to {item}",
    }
}
