//! Files the app reads and writes. Every file it writes (offer documents,
//! portfolio exports, generated feeds) goes through [`write_atomically`]: the
//! bytes go to a temporary file in the target's folder, which is flushed to
//! disk and then renamed over the target. A reader never sees half a file; on
//! any failure the temporary file is removed and an existing target is left as
//! it was. Failures are [`Error::File`], which names the target and says what
//! happened (the disk is full, no permission, ...).

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{FileAction, InputSays, Wording};
use crate::{Error, Result};

/// Writes `bytes` to `path` atomically (see the module); returns their number.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<u64> {
    write_atomically(path, |out| out.write_all(bytes))
}

/// Writes what `write` produces to `path` atomically: into a temporary file
/// next to it, synced, then renamed over it. The folder is created if missing.
/// On any failure (of `write` too) the temporary file is removed, the target is
/// untouched, and the error names the target. Returns the bytes written.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<u64> {
    let name = path.file_name().ok_or_else(|| {
        Error::input_said(
            "path",
            Wording::new(InputSays::NotAFileName).text("path", path.display()),
        )
    })?;
    let fail = |e: &io::Error| Error::file(path, FileAction::Write, e);
    if path.is_dir() {
        return Err(fail(&io::Error::from(io::ErrorKind::IsADirectory)));
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)
        .map_err(|e| Error::file(folder, FileAction::CreateFolder, &e))?;
    // A folder that refuses new files is the target's problem too.
    let (file, temporary) =
        create_temporary(folder, &name.to_string_lossy()).map_err(|e| fail(&e))?;
    let mut guard = Temporary(Some(temporary.clone()));
    let mut out = Counting {
        inner: BufWriter::new(file),
        written: 0,
    };
    write(&mut out).map_err(|e| fail(&e))?;
    let written = out.written;
    let file = out.inner.into_inner().map_err(|e| fail(e.error()))?;
    file.sync_all().map_err(|e| fail(&e))?;
    drop(file);
    std::fs::rename(&temporary, path).map_err(|e| fail(&e))?;
    guard.0 = None;
    sync_folder(folder);
    Ok(written)
}

/// Reads a whole file as text; a failure names the file and says why.
pub fn read_to_string(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| Error::file(path, FileAction::Read, &e))
}

/// Reads a whole file; a failure names the file and says why.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::file(path, FileAction::Read, &e))
}

/// Names temporary files apart within this process (other processes differ by id).
static NEXT: AtomicU64 = AtomicU64::new(0);

/// Creates `.NAME.ID.partial` next to the target, a name no other file has.
fn create_temporary(folder: &Path, name: &str) -> io::Result<(File, PathBuf)> {
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let candidate = folder.join(format!(".{name}.{}-{n}.partial", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(file) => return Ok((file, candidate)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Removes the temporary file unless it was renamed into place.
struct Temporary(Option<PathBuf>);

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Makes the rename itself durable (where the system allows syncing a folder).
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FileProblem;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_the_whole_file_and_leaves_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub").join("offer.csv");
        assert_eq!(write_bytes(&target, b"a,b\n").unwrap(), 4);
        assert_eq!(std::fs::read(&target).unwrap(), b"a,b\n");
        assert_eq!(entries(&dir.path().join("sub")), ["offer.csv"]);
        // Replacing an existing file.
        assert_eq!(write_bytes(&target, b"c\n").unwrap(), 2);
        assert_eq!(std::fs::read(&target).unwrap(), b"c\n");
        assert_eq!(entries(&dir.path().join("sub")), ["offer.csv"]);
    }

    #[test]
    fn a_write_that_fails_half_way_leaves_no_partial_file_and_the_old_one_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("catalog.servicefolio.json");
        std::fs::write(&target, "the old export").unwrap();
        // What the system answers when the disk fills up during the write.
        let error = write_atomically(&target, |out| {
            out.write_all(&[b'x'; 100_000])?;
            Err(io::Error::from(io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("cannot write {}: the disk is full", target.display())
        );
        match &error {
            Error::File {
                path,
                action,
                problem,
                ..
            } => {
                assert_eq!(path, &target);
                assert_eq!(*action, FileAction::Write);
                assert_eq!(*problem, FileProblem::DiskFull);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(entries(dir.path()), ["catalog.servicefolio.json"]);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "the old export");
    }

    #[test]
    fn a_target_that_is_a_folder_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("offer.pdf");
        std::fs::create_dir(&target).unwrap();
        let error = write_bytes(&target, b"%PDF").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!(
                "cannot write {}: it is a folder, not a file",
                target.display()
            )
        );
        assert_eq!(entries(dir.path()), ["offer.pdf"]);
        assert!(target.is_dir());
    }

    #[test]
    fn a_folder_that_is_a_file_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("notes.txt");
        std::fs::write(&file, "notes").unwrap();
        let error = write_bytes(&file.join("offer.pdf"), b"%PDF").unwrap_err();
        assert!(
            matches!(
                &error,
                Error::File { path, action: FileAction::CreateFolder, problem: FileProblem::NotAFolder | FileProblem::Other, .. }
                    if path == &file
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains(&file.display().to_string()));
        assert_eq!(entries(dir.path()), ["notes.txt"]);
    }

    #[test]
    fn a_rename_that_fails_removes_the_temporary_file() {
        // A non-empty folder cannot be replaced by a file; the check before
        // writing catches it, so this goes through a folder created meanwhile.
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("offer.xlsx");
        let error = write_atomically(&target, |out| {
            out.write_all(b"PK")?;
            std::fs::create_dir(&target)?;
            std::fs::write(target.join("inside"), "x")
        })
        .unwrap_err();
        assert!(
            matches!(&error, Error::File { path, .. } if path == &target),
            "{error:?}"
        );
        assert_eq!(entries(dir.path()), ["offer.xlsx"]);
        assert!(target.is_dir());
    }

    #[test]
    fn reading_a_missing_file_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("request.json");
        assert_eq!(
            read_to_string(&missing).unwrap_err().to_string(),
            format!("cannot read {}: it does not exist", missing.display())
        );
    }
}
