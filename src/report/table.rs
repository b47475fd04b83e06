//! The terminal report: the sections as lines and tables that fit the terminal's width.
//!
//! Every text from the answers file or the guideline goes through [`visible`] here, where it is
//! rendered: an escape sequence in a firm's name cannot clear the screen, and a line break in it
//! cannot split a row. The line breaks the report puts between its own parts stay.

use std::io::Write;

use super::grid::{Align, Column, Grid};
use super::sections::{
    AreaLine, Figure, Gaps, Ghg, Heading, Headline, IndicatorLine, LeftOut, Report, WarningLine,
    Writer,
};
use crate::text::{visible, wrap_indented};
use crate::tr;

const GREEN: &str = "\x1b[32m";

/// Writes the sections for a terminal.
pub struct Table<'w> {
    out: &'w mut dyn Write,
}

impl<'w> Table<'w> {
    pub fn new(out: &'w mut dyn Write) -> Table<'w> {
        Table { out }
    }

    fn width(r: &Report<'_>) -> usize {
        usize::from(r.style.width)
    }

    /// A paragraph wrapped to the width, after `first` (and under it, `rest`).
    fn para(&mut self, r: &Report<'_>, text: &str, first: &str, rest: &str) -> std::io::Result<()> {
        for line in wrap_indented(&visible(text), Self::width(r), first, rest) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }

    fn heading(&mut self, r: &Report<'_>, text: &str) -> std::io::Result<()> {
        writeln!(self.out)?;
        if r.style.color {
            for line in wrap_indented(&visible(text), Self::width(r), "", "") {
                writeln!(self.out, "\x1b[1m{line}\x1b[0m")?;
            }
            Ok(())
        } else {
            self.para(r, text, "", "")
        }
    }

    fn grid(&mut self, r: &Report<'_>, g: &Grid) -> std::io::Result<()> {
        for line in g.render(Self::width(r), r.style.color) {
            writeln!(self.out, "{line}")?;
        }
        Ok(())
    }
}

fn v(s: &str) -> String {
    visible(s).into_owned()
}

fn bar(score: Option<f64>) -> String {
    let Some(s) = score else { return String::new() };
    let filled = ((s / 10.0).round() as usize).min(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

impl Writer for Table<'_> {
    fn headline(&mut self, r: &Report<'_>, h: &Headline) -> std::io::Result<()> {
        self.para(r, &h.firm, "", "")?;
        self.para(r, &h.guideline, "", "")?;
        if let Some(f) = &h.facts {
            self.para(r, f, "", "")?;
        }
        writeln!(self.out)?;
        let line = format!("{} · {} · {}", h.total, h.grade, h.completeness);
        if r.style.color {
            for l in wrap_indented(&visible(&line), Self::width(r), "", "") {
                writeln!(self.out, "\x1b[1m{l}\x1b[0m")?;
            }
        } else {
            self.para(r, &line, "", "")?;
        }
        if let Some(p) = &h.policy {
            self.para(r, p, "", "")?;
        }
        writeln!(self.out)
    }

    fn areas(&mut self, r: &Report<'_>, areas: &[AreaLine<'_>]) -> std::io::Result<()> {
        let lang = r.lang;
        let mut g = Grid::new(vec![
            Column::new(lang.pick("영역", "Area"), Align::Left),
            Column::new(lang.pick("점수", "Score"), Align::Right),
            Column::new("", Align::Left).optional(1),
            Column::new(lang.pick("가중치", "Weight"), Align::Right).optional(2),
            Column::new(lang.pick("완성도", "Complete"), Align::Right),
            Column::new(lang.pick("해당 없음", "N/A"), Align::Right).optional(3),
        ]);
        for a in areas {
            g.row(vec![
                v(&a.name),
                a.score.clone(),
                bar(a.area.score),
                a.weight.clone(),
                a.completeness.clone(),
                a.area.completeness.not_applicable.to_string(),
            ]);
        }
        self.grid(r, &g)
    }

    fn figures(&mut self, r: &Report<'_>, figures: &[Figure<'_>]) -> std::io::Result<()> {
        if figures.is_empty() {
            return Ok(());
        }
        let lang = r.lang;
        self.heading(r, &r.heading(Heading::Figures))?;
        let mut g = Grid::new(vec![
            Column::new(lang.pick("항목", "Figure"), Align::Left),
            Column::new(lang.pick("값", "Value"), Align::Right),
            Column::new(lang.pick("단위", "Unit"), Align::Left),
        ]);
        for f in figures {
            g.row(vec![v(&f.title), f.value.clone(), v(&f.unit)]);
        }
        self.grid(r, &g)
    }

    fn ghg(&mut self, r: &Report<'_>, ghg: &Ghg<'_>) -> std::io::Result<()> {
        let lang = r.lang;
        self.heading(r, &ghg.title)?;
        if !ghg.sources.is_empty() {
            let mut g = Grid::new(vec![
                Column::new(lang.pick("배출원", "Source"), Align::Left),
                Column::new("Scope", Align::Center),
                Column::new(lang.pick("활동량", "Activity"), Align::Right).whole(),
                Column::new(
                    lang.pick("배출계수 [계수표]", "Factor [tables]"),
                    Align::Left,
                ),
                Column::new(crate::text::TCO2E, Align::Right),
            ]);
            for s in &ghg.sources {
                let mut amount = s.tco2e.clone();
                if let Some(m) = &s.market {
                    amount.push_str(&tr!(lang, "\n(시장 기준 {})", "\n(market {})", m));
                }
                g.row(vec![
                    v(&s.title),
                    s.scope.clone(),
                    v(&s.activity),
                    format!("{} {}", v(&s.factor), s.tables),
                    amount,
                ]);
            }
            self.grid(r, &g)?;
        }
        for line in ghg.totals.iter().chain(&ghg.notes) {
            self.para(r, line, "", "  ")?;
        }
        if !ghg.tables.is_empty() {
            self.para(r, &format!("{}:", r.heading(Heading::FactorTables)), "", "")?;
            for t in &ghg.tables {
                self.para(r, t, "  ", "      ")?;
            }
        }
        Ok(())
    }

    fn warnings(&mut self, r: &Report<'_>, warnings: &[WarningLine<'_>]) -> std::io::Result<()> {
        if warnings.is_empty() {
            return Ok(());
        }
        self.heading(r, &r.heading(Heading::Warnings))?;
        for w in warnings {
            self.para(r, &w.message, "  - ", "    ")?;
        }
        Ok(())
    }

    fn gaps(&mut self, r: &Report<'_>, gaps: &Gaps<'_>) -> std::io::Result<()> {
        if gaps.all.is_empty() {
            return Ok(());
        }
        let lang = r.lang;
        self.heading(r, &gaps.heading)?;
        let mut g = Grid::new(vec![
            Column::new("#", Align::Right),
            Column::new(
                lang.pick("지표 → 다음 단계", "Indicator → next level"),
                Align::Left,
            ),
            Column::new(lang.pick("+점수", "Gain"), Align::Right).color(GREEN),
            Column::new(lang.pick("할 일", "What to do"), Align::Left),
        ]);
        for l in gaps.shown() {
            let effort = tr!(lang, "(노력: {})", "(effort: {})", l.effort);
            let todo = if l.recommendation.is_empty() {
                effort
            } else {
                format!("{}\n{effort}", v(&l.recommendation))
            };
            g.row(vec![
                l.gap.rank.to_string(),
                format!("{}\n→ {}", v(&l.name), v(&l.next)),
                l.gain.clone(),
                todo,
            ]);
        }
        self.grid(r, &g)
    }

    fn indicators(&mut self, r: &Report<'_>, lines: &[IndicatorLine<'_>]) -> std::io::Result<()> {
        if !r.style.detail {
            return Ok(());
        }
        let lang = r.lang;
        self.heading(r, &r.heading(Heading::Indicators))?;
        let mut g = Grid::new(vec![
            Column::new(lang.pick("지표", "Indicator"), Align::Left),
            Column::new(lang.pick("상태", "Status"), Align::Left),
            Column::new(lang.pick("점수", "Points"), Align::Right),
            Column::new(lang.pick("설명", "Explanation"), Align::Left),
        ]);
        for l in lines {
            g.row(vec![
                v(&l.name),
                l.status.clone(),
                l.points.clone(),
                v(&l.explanation),
            ]);
        }
        self.grid(r, &g)
    }

    fn left_out(&mut self, r: &Report<'_>, lists: &[LeftOut<'_>]) -> std::io::Result<()> {
        if r.style.detail {
            return Ok(());
        }
        for list in lists {
            self.heading(r, &list.heading)?;
            for i in &list.items {
                self.para(r, &format!("{}: {}", i.name, i.reason), "  ", "    ")?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _: &Report<'_>) -> std::io::Result<()> {
        self.out.flush()
    }
}
