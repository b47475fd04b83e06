//! Tables for the terminal that fit its width: columns get the room their text needs, text wraps
//! at spaces (a word is broken only when it is longer than its column), and when even the
//! narrowest layout is too wide the columns that matter least are left out. Widths are display
//! widths, so Korean (two columns a character) lines up.

use unicode_width::UnicodeWidthStr;

use crate::text::wrap;

/// How a column's text is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A column: its header, alignment, and when it may be left out.
#[derive(Debug, Clone)]
pub struct Column {
    header: String,
    align: Align,
    /// Columns that may be left out when the table is too wide go in this order, lowest first.
    optional: Option<u8>,
    /// An ANSI colour for its cells when colour is on.
    color: Option<&'static str>,
    /// Its lines are not wrapped unless nothing else makes the table fit.
    whole: bool,
}

impl Column {
    #[must_use]
    pub fn new(header: &str, align: Align) -> Column {
        Column {
            header: header.to_owned(),
            align,
            optional: None,
            color: None,
            whole: false,
        }
    }

    /// A column whose lines (an amount and its unit) are kept whole while the table can fit.
    #[must_use]
    pub fn whole(mut self) -> Column {
        self.whole = true;
        self
    }

    /// A column left out, in order of `rank`, when the table does not fit.
    #[must_use]
    pub fn optional(mut self, rank: u8) -> Column {
        self.optional = Some(rank);
        self
    }

    /// A colour for the column's cells.
    #[must_use]
    pub fn color(mut self, ansi: &'static str) -> Column {
        self.color = Some(ansi);
        self
    }
}

/// A table.
#[derive(Debug, Clone)]
pub struct Grid {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

/// The longest word a column keeps whole when it must narrow: longer words are broken.
const LONGEST_WORD: usize = 20;

fn lines_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// The widest word: text between spaces.
fn longest_word(s: &str) -> usize {
    s.split([' ', '\n'])
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0)
}

fn pad(s: &str, width: usize, align: Align) -> String {
    let room = width.saturating_sub(s.width());
    match align {
        Align::Left => format!("{s}{}", " ".repeat(room)),
        Align::Right => format!("{}{s}", " ".repeat(room)),
        Align::Center => format!("{}{s}{}", " ".repeat(room / 2), " ".repeat(room - room / 2)),
    }
}

impl Grid {
    #[must_use]
    pub fn new(columns: Vec<Column>) -> Grid {
        Grid {
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row; a cell may hold line breaks.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn cells(&self, c: usize) -> impl Iterator<Item = &str> {
        std::iter::once(self.columns[c].header.as_str()).chain(
            self.rows
                .iter()
                .map(move |r| r.get(c).map_or("", String::as_str)),
        )
    }

    /// The columns kept and their widths for `width` columns in all.
    fn layout(&self, width: usize) -> (Vec<usize>, Vec<usize>) {
        let n = self.columns.len();
        let natural: Vec<usize> = (0..n)
            .map(|c| self.cells(c).map(lines_width).max().unwrap_or(0).max(1))
            .collect();
        let least: Vec<usize> = (0..n)
            .map(|c| {
                if self.columns[c].whole {
                    return natural[c];
                }
                let word = self.cells(c).map(longest_word).max().unwrap_or(1);
                natural[c].min(word.clamp(1, LONGEST_WORD))
            })
            .collect();
        let overhead = |k: usize| 3 * k + 1;
        let mut kept: Vec<usize> = (0..n).collect();
        let sum = |kept: &[usize], w: &[usize]| kept.iter().map(|&c| w[c]).sum::<usize>();
        if sum(&kept, &natural) + overhead(kept.len()) <= width {
            let widths = kept.iter().map(|&c| natural[c]).collect();
            return (kept, widths);
        }
        let mut optional: Vec<usize> = (0..n)
            .filter(|&c| self.columns[c].optional.is_some())
            .collect();
        optional.sort_by_key(|&c| self.columns[c].optional);
        // Columns that may go, go before the others must wrap; those of one rank go together.
        for c in optional {
            if sum(&kept, &natural) + overhead(kept.len()) <= width {
                break;
            }
            let rank = self.columns[c].optional;
            kept.retain(|&k| self.columns[k].optional != rank);
        }
        let mut widths: Vec<usize> = kept.iter().map(|&c| least[c]).collect();
        let budget = width.saturating_sub(overhead(kept.len()));
        // Too narrow even so: narrow the widest columns, breaking words.
        while widths.iter().sum::<usize>() > budget {
            let (i, &w) = widths
                .iter()
                .enumerate()
                .max_by_key(|&(_, w)| *w)
                .expect("a table has columns");
            if w <= 1 {
                break;
            }
            widths[i] -= 1;
        }
        // Room to spare: give it a column at a time to the narrowest that wants more, so that
        // wide texts share the room evenly.
        let mut spare = budget.saturating_sub(widths.iter().sum());
        while spare > 0 {
            let Some((i, _)) = kept
                .iter()
                .enumerate()
                .filter(|&(i, &c)| widths[i] < natural[c])
                .min_by_key(|&(i, _)| widths[i])
            else {
                break;
            };
            widths[i] += 1;
            spare -= 1;
        }
        (kept, widths)
    }

    /// The table in at most `width` columns, as lines.
    #[must_use]
    pub fn render(&self, width: usize, color: bool) -> Vec<String> {
        let (kept, widths) = self.layout(width);
        let rule = |l: &str, fill: &str, mid: &str, r: &str| {
            let parts: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
            format!("{l}{}{r}", parts.join(mid))
        };
        let mut out = vec![rule("┌", "─", "┬", "┐")];
        let line = |cells: Vec<&str>, header: bool, out: &mut Vec<String>| {
            let wrapped: Vec<Vec<String>> = cells
                .iter()
                .zip(&widths)
                .map(|(cell, &w)| {
                    cell.split('\n')
                        .flat_map(|l| {
                            if l.width() <= w {
                                vec![l.to_owned()]
                            } else {
                                wrap(l, w)
                            }
                        })
                        .collect()
                })
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            for k in 0..height {
                let parts: Vec<String> = kept
                    .iter()
                    .zip(&widths)
                    .zip(&wrapped)
                    .map(|((&c, &w), lines)| {
                        let col = &self.columns[c];
                        let text = lines.get(k).map_or("", String::as_str);
                        let cell = pad(text, w, col.align);
                        match (color, header, col.color) {
                            (true, true, _) if !text.is_empty() => {
                                format!("\x1b[1m{cell}\x1b[0m")
                            }
                            (true, false, Some(ansi)) if !text.is_empty() => {
                                format!("{ansi}{cell}\x1b[0m")
                            }
                            _ => cell,
                        }
                    })
                    .collect();
                out.push(format!("│ {} │", parts.join(" ┆ ")));
            }
        };
        let header: Vec<&str> = kept
            .iter()
            .map(|&c| self.columns[c].header.as_str())
            .collect();
        line(header, true, &mut out);
        out.push(rule("╞", "═", "╪", "╡"));
        for row in &self.rows {
            let cells: Vec<&str> = kept
                .iter()
                .map(|&c| row.get(c).map_or("", String::as_str))
                .collect();
            line(cells, false, &mut out);
        }
        out.push(rule("└", "─", "┴", "┘"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut g = Grid::new(vec![
            Column::new("영역", Align::Left),
            Column::new("점수", Align::Right),
            Column::new("", Align::Left).optional(1),
            Column::new("Weight", Align::Right).optional(2),
        ]);
        g.row(vec![
            "P Disclosure of ESG information".into(),
            "35".into(),
            "████░░░░░░".into(),
            "10".into(),
        ]);
        g.row(vec![
            "G 지배구조".into(),
            "60".into(),
            "██████░░░░".into(),
            "20".into(),
        ]);
        g
    }

    #[test]
    fn every_line_fits_and_words_stay_whole() {
        for width in [24, 30, 40, 60, 80, 120] {
            let lines = grid().render(width, false);
            for l in &lines {
                assert!(l.width() <= width, "{width}: {l}");
            }
            let text = lines.join("\n");
            assert!(!text.contains("Disclos\n"), "{text}");
        }
        let wide = grid().render(120, false);
        assert!(wide[1].contains("Weight"), "{wide:?}");
        let narrow = grid().render(30, false);
        assert!(
            !narrow.join("\n").contains('█'),
            "the bar goes first: {narrow:?}"
        );
    }
}
