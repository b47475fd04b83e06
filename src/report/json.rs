//! The scorecard as JSON: the model itself, pretty-printed.

use std::io::Write;

use crate::scorecard::Scorecard;

pub fn render(card: &Scorecard, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, card)?;
    writeln!(out)
}
