//! `esg score`: one answers file -> report; many files, directories or a list -> a portfolio
//! (`portfolio.rs`).

use std::path::PathBuf;

use clap::Args;

use super::{Ctx, exit, load_guidelines, note, read_input, same_file, width, write_stdout};
use crate::report::{self, Format, Style, View};
use crate::scorecard::Unanswered;
use crate::text::Lang;

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
}

fn parse_percent(s: &str) -> Result<f64, super::help::Bilingual> {
    let n: f64 = s.parse().map_err(|_| {
        super::help::Bilingual::new(|lang| match lang {
            Lang::Ko => "숫자가 아닙니다".to_owned(),
            Lang::En => format!("`{s}` is not a number"),
        })
    })?;
    if (0.0..=100.0).contains(&n) {
        Ok(n)
    } else {
        Err(super::help::Bilingual::new(|lang| match lang {
            Lang::Ko => "0에서 100 사이여야 합니다".to_owned(),
            Lang::En => format!("{n} is outside 0 to 100"),
        }))
    }
}

pub(super) fn run(ctx: &Ctx, args: &ScoreArgs) -> anyhow::Result<u8> {
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
                },
            );
        }
    };
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
    let answers = chosen.read(&source)?;
    let cards: Vec<_> = answers
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
    match args.view {
        View::Scores => report::render_all(args.format, &cards, ctx.lang, &style, &mut buf)?,
        View::Disclosures => {
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
                .zip(&answers)
                .zip(&cards)
                .map(|((g, a), card)| report::disclosure::disclosures(g, a, card))
                .collect();
            report::disclosure::render_all(args.format, &views, ctx.lang, &mut buf)?;
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
