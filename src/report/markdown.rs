//! A Markdown report: the same sections as the terminal report, for documents and e-mail. Every
//! text, from files or of our own, goes through [`escape`].

use std::io::Write;

use super::sections::{
    AreaLine, Figure, Gaps, Ghg, Heading, Headline, IndicatorLine, LeftOut, Report, WarningLine,
    Writer,
};
use crate::text::visible;

/// Text from an answers file or a guideline for Markdown (a table cell, a list item, a heading):
/// shown as written, never turned into markup, a link or HTML, whether the report is read on a
/// wiki or converted to HTML. `<`, `>` and `&` become entities; a backslash, and each character
/// that could start emphasis, code, a link, a table cell, a heading or attributes (`` ` `` `*`
/// `_` `[` `]` `|` `~` `^` `#` `{` `}`), is escaped with a backslash; a line break becomes `<br>` (the
/// only HTML a report holds); other control characters become visible symbols.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '^' | '#' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("<br>");
            }
            '\t' => out.push(' '),
            c => {
                let mut buf = [0; 4];
                out.push_str(&visible(c.encode_utf8(&mut buf)));
            }
        }
    }
    out
}

/// Writes the sections as Markdown.
pub struct Markdown<'w> {
    out: &'w mut dyn Write,
}

impl<'w> Markdown<'w> {
    pub fn new(out: &'w mut dyn Write) -> Markdown<'w> {
        Markdown { out }
    }

    fn heading(&mut self, text: &str) -> std::io::Result<()> {
        writeln!(self.out)?;
        writeln!(self.out, "## {}", escape(text))?;
        writeln!(self.out)
    }

    /// A table header: column names of ours, written as they are.
    fn header(&mut self, cells: &[&str], align: &str) -> std::io::Result<()> {
        writeln!(self.out, "| {} |", cells.join(" | "))?;
        writeln!(self.out, "{align}")
    }

    fn row(&mut self, cells: &[&str]) -> std::io::Result<()> {
        let cells: Vec<String> = cells.iter().map(|c| escape(c)).collect();
        writeln!(self.out, "| {} |", cells.join(" | "))
    }
}

impl Writer for Markdown<'_> {
    fn headline(&mut self, _: &Report<'_>, h: &Headline) -> std::io::Result<()> {
        writeln!(self.out, "# {}", escape(&h.firm))?;
        writeln!(self.out)?;
        writeln!(self.out, "{}", escape(&h.guideline))?;
        if let Some(f) = &h.facts {
            writeln!(self.out)?;
            writeln!(self.out, "{}", escape(f))?;
        }
        writeln!(self.out)?;
        writeln!(
            self.out,
            "**{}** · **{}** · {}",
            escape(&h.total),
            escape(&h.grade),
            escape(&h.completeness)
        )?;
        if let Some(p) = &h.policy {
            writeln!(self.out)?;
            writeln!(self.out, "{}", escape(p))?;
        }
        writeln!(self.out)
    }

    fn areas(&mut self, r: &Report<'_>, areas: &[AreaLine<'_>]) -> std::io::Result<()> {
        let lang = r.lang;
        self.header(
            &[
                lang.pick("영역", "Area"),
                lang.pick("점수", "Score"),
                lang.pick("가중치", "Weight"),
                lang.pick("완성도", "Complete"),
                lang.pick("해당 없음", "N/A"),
            ],
            "|---|---:|---:|---:|---:|",
        )?;
        for a in areas {
            let na = a.area.completeness.not_applicable.to_string();
            self.row(&[&a.name, &a.score, &a.weight, &a.completeness, &na])?;
        }
        Ok(())
    }

    fn figures(&mut self, r: &Report<'_>, figures: &[Figure<'_>]) -> std::io::Result<()> {
        if figures.is_empty() {
            return Ok(());
        }
        let lang = r.lang;
        self.heading(&r.heading(Heading::Figures))?;
        self.header(
            &[
                lang.pick("항목", "Figure"),
                lang.pick("값", "Value"),
                lang.pick("단위", "Unit"),
            ],
            "|---|---:|---|",
        )?;
        for f in figures {
            self.row(&[&f.title, &f.value, &f.unit])?;
        }
        Ok(())
    }

    fn ghg(&mut self, r: &Report<'_>, ghg: &Ghg<'_>) -> std::io::Result<()> {
        let lang = r.lang;
        self.heading(&ghg.title)?;
        if !ghg.sources.is_empty() {
            self.header(
                &[
                    lang.pick("배출원", "Source"),
                    "Scope",
                    lang.pick("활동량", "Activity"),
                    lang.pick("배출계수 [계수표]", "Factor [tables]"),
                    crate::text::TCO2E,
                    lang.pick("시장 기준", "Market-based"),
                ],
                "|---|---:|---:|---|---:|---:|",
            )?;
            for s in &ghg.sources {
                let factor = format!("{} {}", s.factor, s.tables);
                let market = s.market.clone().unwrap_or_default();
                self.row(&[&s.title, &s.scope, &s.activity, &factor, &s.tco2e, &market])?;
            }
            writeln!(self.out)?;
        }
        for line in ghg.totals.iter().chain(&ghg.notes) {
            writeln!(self.out, "- {}", escape(line))?;
        }
        if !ghg.tables.is_empty() {
            writeln!(self.out)?;
            writeln!(self.out, "{}:", escape(&r.heading(Heading::FactorTables)))?;
            writeln!(self.out)?;
            for t in &ghg.tables {
                writeln!(self.out, "- {}", escape(t))?;
            }
        }
        Ok(())
    }

    fn warnings(&mut self, r: &Report<'_>, warnings: &[WarningLine<'_>]) -> std::io::Result<()> {
        if warnings.is_empty() {
            return Ok(());
        }
        self.heading(&r.heading(Heading::Warnings))?;
        for w in warnings {
            writeln!(self.out, "- {}", escape(&w.message))?;
        }
        Ok(())
    }

    fn gaps(&mut self, r: &Report<'_>, gaps: &Gaps<'_>) -> std::io::Result<()> {
        if gaps.all.is_empty() {
            return Ok(());
        }
        let lang = r.lang;
        self.heading(&gaps.heading)?;
        self.header(
            &[
                "#",
                lang.pick("지표", "Indicator"),
                lang.pick("+점수", "Gain"),
                lang.pick("다음 단계", "Next level"),
                lang.pick("할 일", "What to do"),
                lang.pick("노력", "Effort"),
            ],
            "|---:|---|---:|---|---|---|",
        )?;
        for l in gaps.shown() {
            let rank = l.gap.rank.to_string();
            self.row(&[
                &rank,
                &l.name,
                &l.gain,
                &l.next,
                &l.recommendation,
                &l.effort,
            ])?;
        }
        Ok(())
    }

    fn indicators(&mut self, r: &Report<'_>, lines: &[IndicatorLine<'_>]) -> std::io::Result<()> {
        if !r.style.detail {
            return Ok(());
        }
        let lang = r.lang;
        self.heading(&r.heading(Heading::Indicators))?;
        self.header(
            &[
                lang.pick("지표", "Indicator"),
                lang.pick("상태", "Status"),
                lang.pick("점수", "Points"),
                lang.pick("설명", "Explanation"),
            ],
            "|---|---|---:|---|",
        )?;
        for l in lines {
            self.row(&[&l.name, &l.status, &l.points, &l.explanation])?;
        }
        Ok(())
    }

    fn left_out(&mut self, r: &Report<'_>, lists: &[LeftOut<'_>]) -> std::io::Result<()> {
        if r.style.detail {
            return Ok(());
        }
        for list in lists {
            self.heading(&list.heading)?;
            for i in &list.items {
                writeln!(self.out, "- {}: {}", escape(&i.name), escape(&i.reason))?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, _: &Report<'_>) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape("[click](javascript:alert(1))"),
            "\\[click\\](javascript:alert(1))"
        );
        assert_eq!(escape("a\\|b"), "a\\\\\\|b");
        assert_eq!(
            escape("**bold** `code` _x_"),
            "\\*\\*bold\\*\\* \\`code\\` \\_x\\_"
        );
        assert_eq!(escape("&lt;"), "&amp;lt;");
        assert_eq!(
            escape("line\r\nnext\nthird\rfourth"),
            "line<br>next<br>third<br>fourth"
        );
        assert_eq!(
            escape("# {onclick=x} ~~s~~"),
            "\\# \\{onclick=x\\} \\~\\~s\\~\\~"
        );
        assert_eq!(escape("\u{1b}[2J\t(주)한빛"), "␛\\[2J (주)한빛");
    }
}
