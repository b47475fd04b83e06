//! Rows kept on disk, one JSON line each, until the portfolio is complete: each firm's percentile
//! needs every total, and holding the rows in memory would grow with the portfolio.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::portfolio::{Row, RowError, RowStatus, Scored};

/// A row as the spool writes it: the fields of [`Row`] without `#[serde(flatten)]`, which makes
/// reading a row back several times slower (every key buffered and looked up by name twice).
#[derive(Serialize)]
struct Written<'a> {
    status: RowStatus,
    file: &'a str,
    scored: &'a Option<Scored>,
    error: &'a Option<RowError>,
    report: &'a Option<String>,
}

/// A row as the spool reads it back.
#[derive(Deserialize)]
struct Read {
    status: RowStatus,
    file: String,
    scored: Option<Scored>,
    error: Option<RowError>,
    report: Option<String>,
}

impl From<Read> for Row {
    fn from(r: Read) -> Row {
        Row {
            status: r.status,
            file: r.file,
            scored: r.scored,
            error: r.error,
            report: r.report,
        }
    }
}

/// A temporary file of rows. It has no name (on Linux `O_TMPFILE`; elsewhere on Unix it is
/// unlinked as soon as it is created; on Windows it is deleted on close), so nothing is left behind
/// even when the run is interrupted or killed.
pub struct Spool {
    /// The directory the file is in, for messages.
    path: PathBuf,
    writer: Option<BufWriter<File>>,
    rows: u64,
    /// Whether rows keep their warnings (only a JSON Lines summary shows them).
    warnings: bool,
}

impl Spool {
    /// A new spool file in `dir`. With `warnings` false, rows are kept without their warnings
    /// (they come back with none): writing and reading them back is most of the spool's work,
    /// and only a JSON Lines summary shows them.
    pub fn create(dir: &Path, warnings: bool) -> Result<Spool, Error> {
        let file =
            tempfile::tempfile_in(dir).map_err(|e| Error::write(&dir.display().to_string(), &e))?;
        Ok(Spool {
            path: dir.to_owned(),
            writer: Some(BufWriter::with_capacity(256 * 1024, file)),
            rows: 0,
            warnings,
        })
    }

    /// Adds a row.
    pub fn push(&mut self, mut row: Row) -> Result<(), Error> {
        if !self.warnings {
            if let Some(s) = &mut row.scored {
                s.warnings = Vec::new();
            }
        }
        let w = self
            .writer
            .as_mut()
            .expect("rows are pushed before they are read");
        let written = Written {
            status: row.status,
            file: &row.file,
            scored: &row.scored,
            error: &row.error,
            report: &row.report,
        };
        serde_json::to_writer(&mut *w, &written)
            .map_err(std::io::Error::from)
            .and_then(|()| w.write_all(b"\n"))
            .map_err(|e| self.error(&e))?;
        self.rows += 1;
        Ok(())
    }

    /// How many rows were pushed.
    #[must_use]
    pub fn len(&self) -> u64 {
        self.rows
    }

    /// Whether no row was pushed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The rows pushed, in order.
    pub fn rows(&mut self) -> Result<impl Iterator<Item = Result<Row, Error>> + '_, Error> {
        let w = self.writer.take().expect("rows are read once");
        let mut f = w.into_inner().map_err(|e| self.error(e.error()))?;
        f.seek(SeekFrom::Start(0)).map_err(|e| self.error(&e))?;
        let path = self.path.display().to_string();
        Ok(BufReader::with_capacity(256 * 1024, f)
            .lines()
            .map(move |line| {
                let line = line.map_err(|e| Error::read(&path, &e))?;
                serde_json::from_str::<Read>(&line)
                    .map(Row::from)
                    .map_err(|e| Error::Read {
                        path: path.clone(),
                        reason: crate::source::Message::new(
                            "임시 파일의 내용을 읽을 수 없습니다",
                            e.to_string(),
                        ),
                    })
            }))
    }

    fn error(&self, e: &std::io::Error) -> Error {
        Error::write(&self.path.display().to_string(), e)
    }
}
