//! `esg score`: one answers file -> report; many files, directories or a list -> a portfolio
//! (`portfolio.rs`).

use std::path::PathBuf;

use clap::Args;

use super::{
    Ctx, exit, load_guideline, load_guidelines, note, read_input, same_file, width, write_stdout,
};
use crate::report::{self, Format, Style, View};
use crate::scorecard::Unanswered;
use crate::text::Ui;

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[arg(required_unless_present = "files_from")]
    pub(super) paths: Vec<PathBuf>,
    #[arg(long)]
    pub(super) files_from: Option<PathBuf>,
    #[arg(short, long)]
    pub(super) guideline: Vec<String>,
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub(super) format: Format,
    #[arg(short, long)]
    pub(super) output: Option<PathBuf>,
    #[arg(long)]
    pub(super) bom: bool,
    #[arg(long, value_parser = parse_percent)]
    pub(super) fail_under: Option<f64>,
    #[arg(long, value_enum, default_value_t = Unanswered::Zero)]
    pub(super) unanswered: Unanswered,
    #[arg(long)]
    pub(super) detail: bool,
    #[arg(long, default_value_t = 5)]
    pub(super) top: usize,
    #[arg(long, value_enum, default_value_t = View::Scores)]
    pub(super) view: View,
    #[arg(long)]
    pub(super) benchmark: Option<PathBuf>,
    #[arg(long)]
    pub(super) benchmark_out: Option<PathBuf>,
    #[arg(long)]
    pub(super) history: bool,
}

fn parse_percent(s: &str) -> Result<f64, super::help::Bilingual> {
    let n: f64 = s.parse().map_err(|_| {
        super::help::Bilingual::new(|lang| match lang.ui() {
            Ui::Ko => "숫자가 아닙니다".to_owned(),
            Ui::En => format!("`{s}` is not a number"),
        })
    })?;
    if (0.0..=100.0).contains(&n) {
        Ok(n)
    } else {
        Err(super::help::Bilingual::new(|lang| match lang.ui() {
            Ui::Ko => "0에서 100 사이여야 합니다".to_owned(),
            Ui::En => format!("{n} is outside 0 to 100"),
        }))
    }
}

/// The benchmark at `path`, made with `guideline`.
fn load_benchmark(
    ctx: &Ctx,
    path: &std::path::Path,
    guideline: &crate::guideline::Guideline,
) -> anyhow::Result<crate::benchmark::Benchmark> {
    let source = crate::input::read_file(path)?;
    let shown = path.display().to_string();
    let bench: crate::benchmark::Benchmark = serde_json::from_str(&source.text).map_err(|e| {
        anyhow::anyhow!(crate::tr!(
            ctx.lang,
            "{}: 벤치마크 파일로 읽을 수 없습니다({}번째 줄)",
            "{}: not a benchmark file (line {})",
            crate::text::visible(&shown),
            e.line()
        ))
    })?;
    if bench.guideline_id != guideline.id {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "{}: 다른 가이드라인({})으로 만든 벤치마크입니다",
            "{}: the benchmark was made with another guideline ({})",
            crate::text::visible(&shown),
            crate::text::visible(&bench.guideline_id)
        ));
    }
    Ok(bench)
}

/// The firm among the peers of `bench` (read from `path`), with the questions comparing it with
/// its industry that the benchmark answered; `None`, with a note, when the benchmark holds no
/// cell for it that is not suppressed.
fn peers(
    ctx: &Ctx,
    path: &std::path::Path,
    bench: &crate::benchmark::Benchmark,
    summary: &crate::score::Summary,
    card: &crate::scorecard::Scorecard,
    industry: Vec<crate::benchmark::Industry>,
) -> Option<crate::benchmark::Peers> {
    let shown = path.display().to_string();
    let mut found = crate::benchmark::standing(
        bench,
        &shown,
        card,
        summary.sector.as_deref(),
        summary.size_band.as_deref(),
    );
    if let Some(p) = found.as_mut() {
        p.industry = industry;
    }
    if found.is_none() && !ctx.quiet {
        note!(
            "{}",
            crate::tr!(
                ctx.lang,
                "{}: 비교할 회사가 5곳 이상인 칸이 없어 비교하지 않습니다",
                "{}: no cell of the benchmark has five firms or more to compare with",
                crate::text::visible(&shown)
            )
        );
    }
    found
}

/// `esg score --history FILE...`: the files of one firm, oldest first, as its trend.
fn history(ctx: &Ctx, args: &ScoreArgs) -> anyhow::Result<u8> {
    if args.files_from.is_some()
        || args.guideline.len() > 1
        || args.format == Format::Csv
        || args.benchmark.is_some()
        || args.benchmark_out.is_some()
        || args
            .paths
            .iter()
            .any(|p| p.is_dir() || p.as_os_str() == "-")
    {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "`--history`는 한 회사의 답변 파일을 여럿 받아 가이드라인 하나로 봅니다(디렉터리, 표준 입력, \
             `--files-from`, CSV, 벤치마크, 여러 `--guideline`은 함께 쓸 수 없습니다)",
            "--history takes answers files of one firm, against one guideline (not directories, \
             standard input, --files-from, CSV, a benchmark or several --guideline)",
        ));
    }
    let mut cards = Vec::new();
    for path in &args.paths {
        if let Some(out) = &args.output {
            if same_file(out, path) {
                anyhow::bail!(crate::tr!(
                    ctx.lang,
                    "{}: 보고서로 답변 파일을 덮어쓸 수 없습니다; 다른 `-o` 경로를 고르십시오",
                    "{}: the report would overwrite the answers file; choose another -o path",
                    out.display()
                ));
            }
        }
        let source = read_input(path)?;
        let guideline = load_guideline(args.guideline.first().map(String::as_str), Some(&source))?;
        let answers = crate::answers::parse(&source, &guideline)?;
        if !ctx.quiet {
            for w in &answers.warnings {
                note!("{}", w.shown(ctx.lang));
            }
        }
        cards.push(crate::score::score(
            &guideline,
            &answers,
            crate::score::Options {
                unanswered: args.unanswered,
            },
        ));
    }
    if let Some((a, b)) = report::history::other_firm(&cards) {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "{}와 {}는 다른 회사의 파일입니다(사업자등록번호나, 없으면 회사 이름이 다릅니다)",
            "{} and {} are files of different firms (their business numbers, or without them \
             their names, differ)",
            crate::text::visible(&a.file),
            crate::text::visible(&b.file)
        ));
    }
    report::history::sort(&mut cards);
    let to_file = args.output.is_some();
    let mut buf = Vec::new();
    report::history::render_history(
        args.format,
        &cards,
        ctx.lang,
        if to_file { 100 } else { width() },
        ctx.color && !to_file,
        &mut buf,
    )?;
    match &args.output {
        Some(path) => crate::output::write_atomic(path, &buf)?,
        None => write_stdout(&buf)?,
    }
    Ok(exit::OK)
}

pub(super) fn run(ctx: &Ctx, args: &ScoreArgs) -> anyhow::Result<u8> {
    if args.history {
        return history(ctx, args);
    }
    let single = match args.paths.as_slice() {
        [path] if args.files_from.is_none() && !path.is_dir() => path,
        _ if args.view == View::Disclosures => {
            anyhow::bail!(crate::tr!(
                ctx.lang,
                "`--view disclosures`는 답변 파일 하나에만 씁니다",
                "--view disclosures takes one answers file",
            ));
        }
        _ => {
            if args.benchmark.is_some() {
                anyhow::bail!(crate::tr!(
                    ctx.lang,
                    "`--benchmark`는 답변 파일 하나를 채점할 때만 씁니다",
                    "--benchmark is for scoring one answers file",
                ));
            }
            return super::portfolio::run(
                ctx,
                &super::portfolio::PortfolioArgs {
                    paths: &args.paths,
                    files_from: args.files_from.as_ref(),
                    guideline: &args.guideline,
                    format: args.format,
                    output: args.output.as_ref(),
                    bom: args.bom,
                    fail_under: args.fail_under,
                    unanswered: args.unanswered,
                    detail: args.detail,
                    top: args.top,
                    benchmark_out: args.benchmark_out.as_ref(),
                },
            );
        }
    };
    if args.benchmark_out.is_some() {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "`--benchmark-out`은 여러 파일이나 디렉터리를 채점할 때(포트폴리오)만 씁니다",
            "--benchmark-out is for a portfolio (several files or a directory)",
        ));
    }
    if let Some(out) = &args.output {
        if same_file(out, single) {
            anyhow::bail!(crate::tr!(
                ctx.lang,
                "{}: 보고서로 답변 파일을 덮어쓸 수 없습니다; 다른 `-o` 경로를 고르십시오",
                "{}: the report would overwrite the answers file; choose another -o path",
                out.display()
            ));
        }
    }
    let source = read_input(single)?;
    let chosen = load_guidelines(&args.guideline, Some(&source))?;
    let options = crate::score::Options {
        unanswered: args.unanswered,
    };
    let mut readings = chosen.read(&source)?;
    if args.benchmark.is_some() && chosen.selected.len() > 1 {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "`--benchmark`는 가이드라인 하나의 보고서에 씁니다. `--guideline`으로 하나를 고르십시오",
            "--benchmark compares one guideline's report: choose it with one --guideline",
        ));
    }
    // With a benchmark, the questions comparing the firm with its industry that it left open
    // are answered from its own figures before scoring.
    let benchmark = match &args.benchmark {
        Some(path) => {
            let g = &chosen.selected[0];
            let bench = load_benchmark(ctx, path, g)?;
            let summary = crate::score::summarize(g, &readings[0], options);
            // The disclosures view shows what the firm disclosed: nothing is answered for it.
            let industry = if args.view == View::Scores {
                crate::benchmark::answer_industry(
                    &bench,
                    g,
                    &mut readings[0],
                    &summary.figures,
                    summary.sector.as_deref(),
                    summary.size_band.as_deref(),
                )
            } else {
                Vec::new()
            };
            Some((path, bench, summary, industry))
        }
        None => None,
    };
    let cards: Vec<_> = readings
        .iter()
        .zip(&chosen.selected)
        .map(|(answers, guideline)| {
            if !ctx.quiet {
                for w in &answers.warnings {
                    note!("{}", w.shown(ctx.lang));
                }
            }
            crate::score::score(guideline, answers, options)
        })
        .collect();
    let to_file = args.output.is_some();
    let style = Style {
        width: if to_file { 100 } else { width() },
        color: ctx.color && !to_file,
        top: args.top,
        detail: args.detail,
    };
    let mut buf = Vec::new();
    if args.bom && args.format == Format::Csv {
        buf.extend_from_slice(report::BOM);
    }
    let peers = benchmark.and_then(|(path, bench, summary, industry)| {
        peers(ctx, path, &bench, &summary, &cards[0], industry)
    });
    match (&peers, args.view) {
        (_, View::Disclosures) => {
            if args.format == Format::Csv {
                anyhow::bail!(crate::tr!(
                    ctx.lang,
                    "공시 항목 보기는 CSV로 쓸 수 없습니다. 다른 형식을 고르십시오",
                    "the disclosures view has no CSV form: choose table, markdown, html or json",
                ));
            }
            let views: Vec<_> = chosen
                .selected
                .iter()
                .zip(&readings)
                .zip(&cards)
                .map(|((g, a), card)| report::disclosure::disclosures(g, a, card))
                .collect();
            report::disclosure::render_all(args.format, &views, ctx.lang, &mut buf)?;
        }
        (Some(p), View::Scores) => {
            report::peers::render_with_peers(
                args.format,
                &cards[0],
                p,
                ctx.lang,
                &style,
                &mut buf,
            )?;
        }
        (None, View::Scores) => {
            report::render_all(args.format, &cards, ctx.lang, &style, &mut buf)?;
        }
    }
    match &args.output {
        Some(path) => {
            crate::output::write_atomic(path, &buf)?;
            if ctx.verbose {
                note!(
                    "{}",
                    crate::tr!(
                        ctx.lang,
                        "보고서를 {}에 저장했습니다",
                        "wrote the report to {}",
                        path.display()
                    )
                );
            }
        }
        None => write_stdout(&buf)?,
    }
    // The total as the report shows it is what is compared; the threshold is shown as given.
    // With several guidelines, each total must meet it.
    let mut missed = false;
    for card in &cards {
        let several = cards.len() > 1;
        let which = if several {
            format!("{}: ", card.guideline.id)
        } else {
            String::new()
        };
        match (args.fail_under, card.total) {
            (Some(min), Some(total))
                if crate::text::rounded(total, crate::text::SCORE_DECIMALS) < min =>
            {
                missed = true;
                if !ctx.quiet {
                    note!(
                        "{which}{}",
                        crate::tr!(
                            ctx.lang,
                            "종합 점수 {}점이 기준 {}점보다 낮습니다",
                            "total {} is below --fail-under {}",
                            crate::text::number(total, crate::text::SCORE_DECIMALS),
                            min
                        )
                    );
                }
            }
            (Some(min), None) => {
                missed = true;
                if !ctx.quiet {
                    note!(
                        "{which}{}",
                        crate::tr!(
                            ctx.lang,
                            "채점된 지표가 없어 종합 점수가 없으므로 `--fail-under {}` 기준을 충족하지 못합니다",
                            "no indicator is scored, so there is no total to meet --fail-under {}",
                            min
                        )
                    );
                }
            }
            _ => {}
        }
    }
    if missed {
        return Ok(exit::FINDINGS);
    }
    Ok(exit::OK)
}
