//! Rows kept on disk, one JSON line each, until the portfolio is complete: each firm's percentile
//! needs every total, and holding the rows in memory would grow with the portfolio.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read as _, Seek, SeekFrom, Write};
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

/// A CSV summary's rows as written, without their percentiles, and each row's total beside them
/// in a second file: once every total is known, [`CsvSpool::splice`] copies the rows out with the
/// percentile put in. Writing the rows as they come (while the other files are scored) and copying
/// them afterwards costs far less than keeping them as JSON to read back and write at the end.
pub struct CsvSpool {
    stream: BufWriter<File>,
    totals: BufWriter<File>,
}

/// The field of a summary row, counted from 0, that holds the percentile (after status, file,
/// firm, total and grade).
const PERCENTILE_FIELD: usize = 5;

impl CsvSpool {
    /// Two new nameless temporary files in `dir` (see [`Spool`]).
    pub fn create(dir: &Path) -> Result<CsvSpool, Error> {
        let file = || {
            tempfile::tempfile_in(dir)
                .map(|f| BufWriter::with_capacity(256 * 1024, f))
                .map_err(|e| Error::write(&dir.display().to_string(), &e))
        };
        Ok(CsvSpool {
            stream: file()?,
            totals: file()?,
        })
    }

    /// Where the summary's CSV goes (its header first, then each row, its percentile empty), and
    /// where [`CsvSpool::push_total`] puts each row's total.
    pub fn writers(&mut self) -> (&mut BufWriter<File>, &mut BufWriter<File>) {
        (&mut self.stream, &mut self.totals)
    }

    /// Records the total of the row just written (none for a row without one).
    pub fn push_total(totals: &mut BufWriter<File>, total: Option<f64>) -> std::io::Result<()> {
        let mut rec = [0u8; 9];
        if let Some(t) = total {
            rec[0] = 1;
            rec[1..].copy_from_slice(&t.to_le_bytes());
        }
        totals.write_all(&rec)
    }

    /// Writes the rows (not the header) to `out`, each with the percentile `percentile` gives for
    /// its total, written as the CSV summary writes numbers (at most one decimal).
    pub fn splice(
        &mut self,
        percentile: impl Fn(f64) -> Option<f64>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let rewind = |w: &mut BufWriter<File>| -> std::io::Result<File> {
            w.flush()?;
            let mut f = w.get_ref().try_clone()?;
            f.seek(SeekFrom::Start(0))?;
            Ok(f)
        };
        let mut rows = BufReader::with_capacity(256 * 1024, rewind(&mut self.stream)?);
        let mut totals = BufReader::with_capacity(64 * 1024, rewind(&mut self.totals)?);
        let mut rec = Vec::with_capacity(1024);
        let mut header = true;
        while next_record(&mut rows, &mut rec)? {
            if header {
                header = false;
                continue;
            }
            let mut total = [0u8; 9];
            totals.read_exact(&mut total)?;
            let p = (total[0] == 1)
                .then(|| f64::from_le_bytes(total[1..].try_into().expect("8 bytes")))
                .and_then(&percentile);
            match (p, field_start(&rec, PERCENTILE_FIELD)) {
                (Some(p), Some(at)) => {
                    out.write_all(&rec[..at])?;
                    out.write_all(crate::report::csv_number(p, 1).as_bytes())?;
                    out.write_all(&rec[at..])?;
                }
                _ => out.write_all(&rec)?,
            }
        }
        out.flush()
    }
}

/// Reads one CSV record (with its line end) into `rec`: lines are joined while a quoted field is
/// open (a `"` count that is odd). False at the end.
fn next_record(r: &mut impl BufRead, rec: &mut Vec<u8>) -> std::io::Result<bool> {
    rec.clear();
    let mut quotes = 0usize;
    loop {
        let from = rec.len();
        if r.read_until(b'\n', rec)? == 0 {
            return Ok(!rec.is_empty());
        }
        quotes += rec[from..].iter().filter(|&&b| b == b'"').count();
        if quotes % 2 == 0 {
            return Ok(true);
        }
    }
}

/// Where field `n` (from 0) of a CSV record starts: after its `n`th comma outside quotes.
fn field_start(rec: &[u8], n: usize) -> Option<usize> {
    let mut quoted = false;
    let mut commas = 0;
    for (i, &b) in rec.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                commas += 1;
                if commas == n {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}
