//! A firm among its peers of a benchmark (`esg score FILE --benchmark benchmark.json`): one more
//! section of the report, in the terminal, Markdown, JSON (`peers`) and HTML.

use std::io::Write;

use serde::Serialize;

use super::doc::{Col, Section, Table};
use super::{Format, Style};
use crate::benchmark::{Comparison, Industry, IndustryOutcome, Peers, Quartiles};
use crate::scorecard::Scorecard;
use crate::text::{Lang, Measure};
use crate::tr;

/// The peers' cell in words: "업종 C · 10-49명", "sector C, 10-49".
fn cell_words(p: &Peers, lang: Lang) -> String {
    match (&p.sector, &p.size_band) {
        (Some(s), Some(b)) => tr!(lang, "업종 {} · 규모 {}", "sector {}, size {}", s, b),
        (Some(s), None) => tr!(lang, "업종 {} (모든 규모)", "sector {} (all sizes)", s),
        (None, Some(b)) => tr!(lang, "규모 {} (모든 업종)", "size {} (all sectors)", b),
        (None, None) => lang.pick("모든 회사", "all firms").to_owned(),
    }
}

fn measure(what: &str) -> Measure {
    if what == "intensity" {
        Measure::Metric
    } else {
        Measure::Score
    }
}

/// The peers as a section of words and a table.
#[must_use]
pub fn section(p: &Peers, lang: Lang) -> Section {
    let lines = vec![
        tr!(
            lang,
            "비교 대상: 벤치마크 {}의 {} 회사 {}곳",
            "Peers: {2} firms of {1} in the benchmark {0}",
            p.file,
            cell_words(p, lang),
            p.firms
        ),
        lang.pick(
            "백분위는 비교 대상 가운데 이 회사보다 값이 낮은 회사의 비율을 사분위수로 추정한 것입니다. \
             점수는 높을수록, 온실가스 배출 집약도는 낮을수록 좋습니다.",
            "The percentile is the share of peers with a lower value, estimated from the \
             quartiles. Scores are better higher; GHG intensity is better lower.",
        )
        .to_owned(),
    ];
    let rows = p
        .standings
        .iter()
        .map(|s| {
            let m = measure(&s.what);
            let name = match s.what.as_str() {
                "total" | "intensity" => s.title.show(lang).to_owned(),
                id => format!("{id} {}", s.title.show(lang)),
            };
            vec![
                name,
                m.show(s.value),
                m.show(s.quartiles.q1),
                m.show(s.quartiles.median),
                m.show(s.quartiles.q3),
                Measure::Rank.show(s.percentile),
            ]
        })
        .collect();
    Section {
        key: "peers",
        heading: lang
            .pick("같은 업종·규모의 회사와 비교", "Among peers")
            .to_owned(),
        lines,
        table: Some(Table {
            columns: vec![
                Col::text(lang.pick("항목", "Figure")),
                Col::num(lang.pick("이 회사", "This firm")),
                Col::num(lang.pick("1사분위", "Q1")).optional(2),
                Col::num(lang.pick("중앙값", "Median")),
                Col::num(lang.pick("3사분위", "Q3")).optional(1),
                Col::num(lang.pick("백분위(추정)", "Percentile (est.)")),
            ],
            rows,
        }),
        chart: None,
    }
}

/// The sector (and size band) whose firms a figure was compared with.
fn sector_words(sector: &str, size_band: Option<&str>, lang: Lang) -> String {
    match size_band {
        Some(b) => tr!(lang, "업종 {} · 규모 {}", "sector {}, size {}", sector, b),
        None => tr!(lang, "업종 {} (모든 규모)", "sector {} (all sizes)", sector),
    }
}

/// The questions comparing the firm with its industry that the benchmark answered (or could
/// not), as a section; `None` when there are none.
#[must_use]
pub fn industry_section(p: &Peers, lang: Lang) -> Option<Section> {
    if p.industry.is_empty() {
        return None;
    }
    let lines = vec![
        tr!(
            lang,
            "벤치마크 파일({})로, 회사가 답하지 않았거나 '모름'으로 답한 업종 비교 질문에 회사 자신의 수치로 \
             답했습니다. 같은 업종 회사들의 1사분위보다 좋은 쪽이면 업종보다 좋은 것으로, 3사분위보다 \
             나쁜 쪽이면 업종보다 나쁜 것으로, 그 사이면 비슷한 것으로 답합니다. 회사가 직접 고른 답은 \
             바꾸지 않습니다.",
            "The benchmark {} answered the questions comparing the firm with its industry that were \
             left unanswered or answered \"don't know\", from the firm's own figures: better than the \
             first quartile of the firms of its sector (on the good side) is better, beyond the third \
             quartile (on the bad side) is worse, anything between is similar. An answer the firm \
             chose itself is never changed.",
            p.file
        ),
        tr!(
            lang,
            "같은 업종에서 그 수치를 낸 회사가 {}곳보다 적으면 답하지 않고 그대로 둡니다.",
            "Where fewer than {} firms of the sector have the figure, the question is left as it was.",
            crate::benchmark::MIN_FIRMS
        ),
    ];
    let m = Measure::Answer;
    let rows = p
        .industry
        .iter()
        .map(|i| match &i.outcome {
            IndustryOutcome::Answered {
                option_text,
                quartiles,
                sector,
                size_band,
                ..
            } => vec![
                i.prompt.show(lang).to_owned(),
                option_text.show(lang).to_owned(),
                m.show(i.value),
                m.show(quartiles.q1),
                m.show(quartiles.median),
                m.show(quartiles.q3),
                tr!(
                    lang,
                    "{} {}곳",
                    "{}: {} firms",
                    sector_words(sector, size_band.as_deref(), lang),
                    quartiles.n
                ),
            ],
            IndustryOutcome::TooFewFirms { sector } => vec![
                i.prompt.show(lang).to_owned(),
                tr!(
                    lang,
                    "답하지 않음: 그 수치를 낸 회사가 {}곳보다 적음",
                    "not answered: fewer than {} firms have the figure",
                    crate::benchmark::MIN_FIRMS
                ),
                m.show(i.value),
                "–".to_owned(),
                "–".to_owned(),
                "–".to_owned(),
                sector_words(sector, None, lang),
            ],
        })
        .collect();
    Some(Section {
        key: "from_benchmark",
        heading: lang
            .pick(
                "업종 비교 질문: 벤치마크로 답함",
                "Industry comparisons answered from the benchmark",
            )
            .to_owned(),
        lines,
        table: Some(Table {
            columns: vec![
                Col::text(lang.pick("질문", "Question")),
                Col::text(lang.pick("답", "Answer")),
                Col::num(lang.pick("이 회사", "This firm")),
                Col::num(lang.pick("1사분위", "Q1")).optional(2),
                Col::num(lang.pick("중앙값", "Median")),
                Col::num(lang.pick("3사분위", "Q3")).optional(1),
                Col::text(lang.pick("비교 대상", "Compared with")),
            ],
            rows,
        }),
        chart: None,
    })
}

/// A question comparing the firm with its industry, as the benchmark answered it, in JSON.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FromBenchmarkJson {
    /// The question's id.
    pub question: String,
    /// The question as asked.
    pub prompt: String,
    /// The firm's figure.
    pub value: f64,
    /// How the figure compares with the sector's quartiles; `null` when not answered.
    pub comparison: Option<Comparison>,
    /// The option the benchmark chose, and its words; `null` when not answered.
    pub answer: Option<String>,
    pub answer_text: Option<String>,
    pub sector: String,
    pub size_band: Option<String>,
    /// The quartiles of the firms of the sector with the figure; `null` when not answered.
    pub quartiles: Option<Quartiles>,
    /// Why the question was left as it was: `too_few_firms`; `null` when answered.
    pub not_answered: Option<String>,
}

fn industry_json(i: &Industry, lang: Lang) -> FromBenchmarkJson {
    let mut j = FromBenchmarkJson {
        question: i.question.clone(),
        prompt: i.prompt.show(lang).to_owned(),
        value: i.value,
        comparison: None,
        answer: None,
        answer_text: None,
        sector: String::new(),
        size_band: None,
        quartiles: None,
        not_answered: None,
    };
    match &i.outcome {
        IndustryOutcome::Answered {
            comparison,
            option,
            option_text,
            quartiles,
            sector,
            size_band,
        } => {
            j.comparison = Some(*comparison);
            j.answer = Some(option.clone());
            j.answer_text = Some(option_text.show(lang).to_owned());
            j.sector.clone_from(sector);
            j.size_band.clone_from(size_band);
            j.quartiles = Some(*quartiles);
        }
        IndustryOutcome::TooFewFirms { sector } => {
            j.sector.clone_from(sector);
            j.not_answered = Some("too_few_firms".to_owned());
        }
    }
    j
}

/// A figure among peers, in JSON.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StandingJson {
    /// `total`, an area's id, or `intensity`.
    pub what: String,
    pub title: String,
    pub value: f64,
    pub quartiles: Quartiles,
    pub percentile: f64,
    pub lower_is_better: bool,
}

/// The `peers` of a scorecard's JSON, given `--benchmark`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct PeersJson {
    pub benchmark: String,
    pub sector: Option<String>,
    pub size_band: Option<String>,
    pub firms: u64,
    pub standings: Vec<StandingJson>,
    /// The questions comparing the firm with its industry that the benchmark answered, or left
    /// as they were for want of firms.
    pub from_benchmark: Vec<FromBenchmarkJson>,
}

fn json(p: &Peers, lang: Lang) -> PeersJson {
    PeersJson {
        benchmark: p.file.clone(),
        sector: p.sector.clone(),
        size_band: p.size_band.clone(),
        firms: p.firms,
        standings: p
            .standings
            .iter()
            .map(|s| StandingJson {
                what: s.what.clone(),
                title: s.title.show(lang).to_owned(),
                value: s.value,
                quartiles: s.quartiles,
                percentile: s.percentile,
                lower_is_better: s.lower_is_better,
            })
            .collect(),
        from_benchmark: p.industry.iter().map(|i| industry_json(i, lang)).collect(),
    }
}

/// Renders `card` as [`super::render`] does, with the peers' section: after the report in the
/// terminal and Markdown, before the page's foot in HTML, as `peers` in JSON, as rows of sections
/// `peers` and `from_benchmark` in CSV.
pub fn render_with_peers(
    format: Format,
    card: &Scorecard,
    peers: &Peers,
    lang: Lang,
    style: &Style,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let lang = card.guideline.lang(lang);
    let mut buf = Vec::new();
    super::render(format, card, lang, style, &mut buf)?;
    let doc = super::doc::Doc {
        kicker: String::new(),
        title: String::new(),
        lines: Vec::new(),
        sections: std::iter::once(section(peers, lang))
            .chain(industry_section(peers, lang))
            .collect(),
    };
    match format {
        Format::Table => {
            out.write_all(&buf)?;
            super::doc::sections_terminal(&doc, style.width, style.color, out)
        }
        Format::Markdown => {
            out.write_all(&buf)?;
            super::doc::sections_markdown(&doc, out)
        }
        Format::Csv => {
            out.write_all(&buf)?;
            super::csv::peers(card, peers, lang, out)
        }
        Format::Json => {
            // The scorecard as written, with one more key before its closing brace.
            let text = String::from_utf8_lossy(&buf);
            let body = text
                .trim_end()
                .strip_suffix('}')
                .unwrap_or(&text)
                .trim_end();
            let peers = serde_json::to_string_pretty(&json(peers, lang))?;
            out.write_all(body.as_bytes())?;
            write!(out, ",\n  \"peers\": ")?;
            for (i, line) in peers.lines().enumerate() {
                if i > 0 {
                    write!(out, "\n  ")?;
                }
                out.write_all(line.as_bytes())?;
            }
            writeln!(out, "\n}}")
        }
        Format::Html => {
            let page = String::from_utf8_lossy(&buf).into_owned();
            let part = super::doc::sections_html(&doc).into_string();
            let at = page
                .rfind("<footer class=\"report-foot\"")
                .or_else(|| page.rfind("</article>"))
                .unwrap_or(page.len());
            out.write_all(&page.as_bytes()[..at])?;
            out.write_all(part.as_bytes())?;
            out.write_all(&page.as_bytes()[at..])
        }
    }?;
    out.flush()
}
