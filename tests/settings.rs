//! The settings row: the export folder belongs to the database (issue 14, item 6).

use servicefolio::settings::{export_folder, save_export_folder, save_settings, settings};
use servicefolio::{ErrorKind, Store};

#[test]
fn the_export_folder_is_kept_in_its_database_and_not_in_another() {
    let dir = tempfile::tempdir().unwrap();
    let first_path = dir.path().join("first.db");
    {
        let mut first = Store::open(&first_path).unwrap();
        assert_eq!(
            export_folder(first.conn()).unwrap(),
            None,
            "a new database has none"
        );
        let saved = first
            .write(|tx| save_export_folder(tx, Some("  /home/anna/Angebote  ")))
            .unwrap();
        assert_eq!(saved.as_deref(), Some("/home/anna/Angebote"), "trimmed");
    }
    // Opened again (a restart): still there.
    let mut first = Store::open(&first_path).unwrap();
    assert_eq!(
        export_folder(first.conn()).unwrap().as_deref(),
        Some("/home/anna/Angebote")
    );
    // Another database starts without it.
    let second = Store::open(&dir.path().join("second.db")).unwrap();
    assert_eq!(export_folder(second.conn()).unwrap(), None);

    // Saving the letterhead keeps the folder: it is written on its own.
    let mut s = settings(first.conn()).unwrap();
    s.company_name = "Nordlicht IT".into();
    first.write(|tx| save_settings(tx, &s)).unwrap();
    assert_eq!(
        export_folder(first.conn()).unwrap().as_deref(),
        Some("/home/anna/Angebote")
    );

    // Empty forgets it; a path with a NUL byte is refused and changes nothing.
    first
        .write(|tx| save_export_folder(tx, Some("/tmp/x")))
        .unwrap();
    let err = first
        .write(|tx| save_export_folder(tx, Some("/tmp/\0bad")))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        export_folder(first.conn()).unwrap().as_deref(),
        Some("/tmp/x")
    );
    assert_eq!(
        first
            .write(|tx| save_export_folder(tx, Some("   ")))
            .unwrap(),
        None
    );
    assert_eq!(export_folder(first.conn()).unwrap(), None);
}
