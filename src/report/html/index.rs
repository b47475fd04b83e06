//! A portfolio's `index.html`: every firm with its total, grade, completeness and GHG totals,
//! each linking to its own HTML report, then the portfolio's statistics. Rows are written as they
//! come, so memory stays flat however many firms there are; every text from a file is escaped by
//! maud.

use std::io::Write;
use std::path::{Component, Path};

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::STYLESHEET;
use crate::portfolio::{Row, Statistics};
use crate::report::Format;
use crate::text::{Lang, Measure};
use crate::tr;

/// The index being written.
pub struct Index<'a> {
    out: &'a mut dyn Write,
    lang: Lang,
}

/// A score, or a dash.
fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| Measure::Score.show(s))
}

fn tonnes(t: Option<f64>) -> String {
    t.map_or_else(|| "–".to_owned(), |t| Measure::Tonnes.show(t))
}

/// `path` as the relative URL of a link: its components joined by `/`, each byte other than an
/// unreserved character percent-encoded (so that `#`, `?`, `%` and spaces in names stay names).
fn href(path: &Path) -> String {
    let mut out = String::new();
    for c in path.components() {
        let Component::Normal(name) = c else {
            continue;
        };
        if !out.is_empty() {
            out.push('/');
        }
        for &b in name.as_encoded_bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Where the report of the answers file `file` lies, relative to the index beside the summary:
/// the same mapping as the reports are written with.
fn report_link(file: &str) -> String {
    href(&crate::report::report_path(
        Path::new(""),
        Path::new(file),
        Format::Html,
    ))
}

impl<'a> Index<'a> {
    /// Starts the page: its head, title and the table's header.
    pub fn new(out: &'a mut dyn Write, lang: Lang) -> std::io::Result<Index<'a>> {
        let title = lang.pick("ESG 자가진단 포트폴리오", "ESG self-assessment portfolio");
        let head = html! {
            (DOCTYPE)
            html lang=(lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="color-scheme" content="light";
                    title { (title) }
                    style { (PreEscaped(STYLESHEET)) }
                }
            }
        };
        // The page is written in pieces: its head, then the body opened, rows one by one, and the
        // body closed by `finish`. maud writes `</html>` after the head, which is cut here.
        let head = head.into_string();
        let head = head.strip_suffix("</html>").unwrap_or(&head);
        let open = html! {
            p.kicker { (title) }
            h1.firm { (lang.pick("회사별 결과", "Results by firm")) }
            p.guideline {
                (lang.pick(
                    "회사 이름을 누르면 그 회사의 보고서가 열립니다. 모두 회사가 스스로 답한 자가진단 결과입니다.",
                    "Each firm's name opens its report. Every result is a self-assessment from the firm's own answers."
                ))
            }
        };
        write!(
            out,
            "{head}<body><article class=\"esg-report esg-index\">{}",
            open.into_string()
        )?;
        let columns = html! {
            thead {
                tr {
                    th { (lang.pick("회사", "Firm")) }
                    th.num { (lang.pick("종합", "Total")) }
                    th { (lang.pick("등급", "Grade")) }
                    th.num { (lang.pick("완성도", "Complete")) }
                    th.num { "Scope 1" }
                    th.num { (lang.pick("Scope 2 (위치 기준)", "Scope 2 (location)")) }
                    th.num { (lang.pick("합계 tCO2e", "Total tCO2e")) }
                }
            }
        };
        write!(
            out,
            "<div class=\"table-wrap\"><table class=\"data index-table\">{}<tbody>",
            columns.into_string()
        )?;
        Ok(Index { out, lang })
    }

    /// Writes one firm's row.
    pub fn row(&mut self, row: &Row) -> std::io::Result<()> {
        let lang = self.lang;
        let markup: Markup = match &row.scored {
            Some(s) => {
                let ghg = s.ghg.as_ref();
                let name = if s.firm.trim().is_empty() {
                    row.file.as_str()
                } else {
                    s.firm.as_str()
                };
                html! {
                    tr {
                        td {
                            @if row.report.is_some() {
                                a href=(report_link(&row.file)) { (name) }
                            } @else {
                                (name)
                            }
                            span.code { (row.file) }
                        }
                        td.num { (score(s.total)) }
                        td { (s.grade.as_deref().unwrap_or("–")) }
                        td.num { (s.completeness.map_or_else(|| "–".to_owned(), |c| Measure::Share.show(c))) }
                        td.num { (tonnes(ghg.map(|g| g.scope1_tco2e))) }
                        td.num { (tonnes(ghg.map(|g| g.scope2_location_tco2e))) }
                        td.num { (tonnes(ghg.map(|g| g.scope1_tco2e + g.scope2_location_tco2e))) }
                    }
                }
            }
            None => {
                let why = row.error.as_ref().map_or_else(String::new, |e| {
                    let message = e.message.get(lang);
                    if e.line > 0 {
                        tr!(
                            lang,
                            "{}행 {}열: {}",
                            "line {}, column {}: {}",
                            e.line,
                            e.column,
                            message
                        )
                    } else {
                        message.to_owned()
                    }
                });
                html! {
                    tr.error-row {
                        td { span.code { (row.file) } }
                        td colspan="6" { (lang.pick("채점하지 못함: ", "Could not be scored: ")) (why) }
                    }
                }
            }
        };
        self.out.write_all(markup.into_string().as_bytes())
    }

    /// Ends the table, adds the statistics if given, and closes the page.
    pub fn finish(self, stats: Option<&Statistics>) -> std::io::Result<()> {
        self.out.write_all(b"</tbody></table></div>")?;
        if let Some(s) = stats {
            self.out
                .write_all(statistics(s, self.lang).into_string().as_bytes())?;
        }
        self.out.write_all(b"</article></body></html>\n")?;
        self.out.flush()
    }
}

/// A portfolio's statistics as a section of a page.
#[must_use]
pub fn statistics(stats: &Statistics, lang: Lang) -> Markup {
    let (headline, grades) =
        crate::report::summary::statistics_lines(stats, lang, super::super::Target::Html);
    let heads = crate::report::summary::spread_heads(lang);
    let rows = crate::report::summary::spread_rows(stats, lang, super::super::Target::Html);
    html! {
        section.statistics {
            h2 { (lang.pick("포트폴리오 통계", "Portfolio statistics")) }
            p { (headline) }
            p { (grades) }
            div.table-wrap {
                table.data {
                    thead {
                        tr {
                            @for (i, h) in heads.iter().enumerate() {
                                @if i == 0 { th { (h) } } @else { th.num { (h) } }
                            }
                        }
                    }
                    tbody {
                        @for row in &rows {
                            tr {
                                @for (i, c) in row.iter().enumerate() {
                                    @if i == 0 { th scope="row" { (c) } } @else { td.num { (c) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_names_as_names() {
        assert_eq!(
            href(Path::new("reports/a b/#1?.toml.html")),
            "reports/a%20b/%231%3F.toml.html"
        );
        assert_eq!(
            report_link("clients/acme.toml"),
            "reports/clients/acme.toml.html"
        );
        assert_eq!(report_link("./x.toml"), "reports/x.toml.html");
    }
}
