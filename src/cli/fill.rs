//! `esg fill ANSWERS TEMPLATE -o OUT`: a framework's workbook (EFRAG's VSME Digital Template)
//! filled from a firm's answers, and a summary of what it holds and what is still empty.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;

use super::{Ctx, exit, load_guidelines, note, read_input, same_file};
use crate::text::{Lang, visible};
use crate::workbook::{self, Date, FillError, Meta, Missing, Status};

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct FillArgs {
    answers: PathBuf,
    template: PathBuf,
    #[arg(short, long)]
    output: PathBuf,
    #[arg(short, long, num_args = 1, action = clap::ArgAction::Append)]
    guideline: Vec<String>,
    #[arg(long)]
    identifier: Option<String>,
    #[arg(long, requires = "identifier")]
    scheme: Option<String>,
    #[arg(long, requires = "period_end")]
    period_start: Option<String>,
    #[arg(long, requires = "period_start")]
    period_end: Option<String>,
    #[arg(long, default_value = "en")]
    template_language: String,
    #[arg(long, requires = "exchange_rate")]
    currency: Option<String>,
    #[arg(long, requires = "currency")]
    exchange_rate: Option<f64>,
}

/// A user's mistake in the arguments, as an error in words.
fn usage(lang: Lang, ko: &str, en: &str) -> anyhow::Error {
    anyhow::anyhow!(lang.pick(ko, en).to_owned())
}

pub(super) fn run(ctx: &Ctx, args: &FillArgs) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    for input in [&args.template, &args.answers] {
        if same_file(&args.output, input) || args.output == *input {
            anyhow::bail!(crate::tr!(
                lang,
                "{}: 채운 통합 문서로 입력 파일을 덮어쓸 수 없습니다. 빈 서식과 답변 파일은 그대로 두고, -o에 새 파일 이름을 주십시오",
                "{}: the filled workbook would overwrite an input; the blank template and the answers stay as they are, so give -o a new file name",
                args.output.display()
            ));
        }
    }
    let period = match (&args.period_start, &args.period_end) {
        (Some(a), Some(b)) => {
            let parse = |s: &str| {
                Date::parse(s).ok_or_else(|| {
                    anyhow::anyhow!(crate::tr!(
                        lang,
                        "'{}'은(는) 날짜가 아닙니다. 2025-01-01처럼 연-월-일로 쓰십시오",
                        "'{}' is not a date; write it as year-month-day, like 2025-01-01",
                        visible(s)
                    ))
                })
            };
            let (start, end) = (parse(a)?, parse(b)?);
            if end < start {
                return Err(usage(
                    lang,
                    "보고 기간의 끝이 시작보다 앞섭니다",
                    "the reporting period ends before it starts",
                ));
            }
            Some((start, end))
        }
        _ => None,
    };

    let currency = match (&args.currency, args.exchange_rate) {
        (Some(code), Some(rate)) if rate.is_finite() && rate > 0.0 => {
            Some((code.trim().to_uppercase(), rate))
        }
        (Some(_), Some(_)) => {
            return Err(usage(
                lang,
                "환율은 0보다 큰 수여야 합니다(1 단위가 원화로 얼마인지, 예: 1470)",
                "the exchange rate must be a number above 0 (what one unit is worth in won, e.g. 1470)",
            ));
        }
        _ => None,
    };
    // The template first: a wrong one is refused before anything else is read or asked.
    let bytes = std::fs::read(&args.template).map_err(|e| {
        anyhow::anyhow!(crate::tr!(
            lang,
            "{}: 서식을 읽을 수 없습니다: {}",
            "{}: cannot read the template: {}",
            args.template.display(),
            e
        ))
    })?;
    let opened = workbook::open(bytes).map_err(|e| fill_error(&args.template, &e, lang))?;
    let wanted = opened.map().template.guideline.clone();

    let source = read_input(&args.answers)?;
    let chosen = load_guidelines(&args.guideline, Some(&source))?;
    let Some(i) = chosen.selected.iter().position(|g| g.id == wanted) else {
        anyhow::bail!(crate::tr!(
            lang,
            "{file}: 이 서식은 '{wanted}' 가이드라인의 답으로 채웁니다. 답변 파일에 [[guideline]] id = \"{wanted}\"를 더하거나 esg assess {file} -g {wanted}로 답하십시오",
            "{file}: this template is filled from answers for the guideline '{wanted}'; add [[guideline]] id = \"{wanted}\" to the answers file, or answer it with esg assess {file} -g {wanted}",
            file = args.answers.display(),
            wanted = wanted
        ));
    };
    let answers = crate::answers::parse_among(&source, &chosen.selected[i], &chosen.companions(i))?;
    if !ctx.quiet {
        for w in &answers.warnings {
            note!("{}", w.shown(lang));
        }
    }
    let guideline = &chosen.selected[i];
    let card = crate::score::score(guideline, &answers, crate::score::Options::default());
    let companions = chosen.companions(i);

    // The identifier: given now, else the one the answers file keeps.
    // A scheme not named is an LEI's, the identifier EU banks ask for.
    let firm = &answers.firm;
    let mut identifier = match &args.identifier {
        Some(id) => Some((args.scheme.clone(), id.clone())),
        None => firm
            .identifier
            .clone()
            .filter(|id| !id.trim().is_empty())
            .map(|id| (firm.identifier_scheme.clone(), id)),
    }
    .map(|(scheme, id)| (scheme.unwrap_or_else(|| "LEI".to_owned()), id));
    let mut period = period;
    // On a terminal, what the converter cannot do without is asked for when the answers lack it;
    // an identifier typed is kept in the answers file, so that it is asked once.
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if interactive && identifier.is_none() {
        identifier = ask_identifier(lang)?;
        if let (Some((scheme, id)), false) = (&identifier, args.answers.as_os_str() == "-") {
            let mut doc = crate::answers_edit::AnswersDoc::parse(&source)?;
            doc.set_firm_text("identifier", id);
            doc.set_firm_text("identifier_scheme", scheme);
            crate::output::write_atomic(&args.answers, doc.to_string().as_bytes())?;
        }
    }
    if interactive && period.is_none() && answers.firm.reporting_year.is_none() {
        period = ask_period(lang)?;
    }
    let request = workbook::Request {
        guideline,
        answers: &answers,
        card: &card,
        companions: &companions,
        meta: Meta {
            identifier,
            period,
            language: args.template_language.clone(),
            currency,
        },
    };
    let filled =
        workbook::fill(opened, &request).map_err(|e| fill_error(&args.template, &e, lang))?;
    crate::output::write_atomic(&args.output, &filled.bytes)?;

    let mut out = std::io::stdout().lock();
    summary(&mut out, lang, &args.output, &filled)?;
    Ok(exit::OK)
}

fn fill_error(template: &std::path::Path, e: &FillError, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!("{}: {}", template.display(), e.message(lang))
}

fn prompt(lang: Lang, ko: &str, en: &str) -> anyhow::Result<String> {
    let mut err = std::io::stderr().lock();
    write!(err, "{} ", lang.pick(ko, en))?;
    err.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}

fn ask_identifier(lang: Lang) -> anyhow::Result<Option<(String, String)>> {
    let scheme = prompt(
        lang,
        "EFRAG 변환기가 받는 회사 식별번호 종류(LEI, DUNS, EU ID, PermID; 없으면 Enter):",
        "Entity identifier scheme EFRAG's converter takes (LEI, DUNS, EU ID, PermID; Enter if none):",
    )?;
    if scheme.is_empty() {
        return Ok(None);
    }
    let id = prompt(lang, "식별번호:", "Identifier:")?;
    Ok((!id.is_empty()).then_some((scheme, id)))
}

fn ask_period(lang: Lang) -> anyhow::Result<Option<(Date, Date)>> {
    let start = prompt(
        lang,
        "보고 기간 시작일(예: 2025-01-01; 없으면 Enter):",
        "Reporting period start (e.g. 2025-01-01; Enter to skip):",
    )?;
    let Some(start) = Date::parse(&start) else {
        return Ok(None);
    };
    let end = prompt(
        lang,
        "보고 기간 종료일(예: 2025-12-31):",
        "Reporting period end (e.g. 2025-12-31):",
    )?;
    Ok(Date::parse(&end)
        .filter(|e| *e >= start)
        .map(|e| (start, e)))
}

/// What the workbook now holds, what is still empty and what the firm does next, in words.
fn summary(
    out: &mut dyn Write,
    lang: Lang,
    path: &std::path::Path,
    filled: &workbook::Filled,
) -> anyhow::Result<()> {
    let count = |f: fn(&Status) -> bool| filled.datapoints.iter().filter(|d| f(&d.status)).count();
    let written = count(|s| matches!(s, Status::Filled { .. } | Status::Partly { .. }));
    let not_applicable = count(|s| matches!(s, Status::NotApplicable));
    writeln!(
        out,
        "{}",
        crate::tr!(
            lang,
            "{path}에 썼습니다: 데이터 {all}개 가운데 {written}개를 채웠습니다({na}개는 이 회사에 해당하지 않음).",
            "Wrote {path}: {written} of {all} datapoints filled ({na} do not apply to the firm).",
            path = visible(&path.display().to_string()),
            all = filled.datapoints.len(),
            written = written,
            na = not_applicable
        )
    )?;
    let shared: Vec<_> = filled
        .datapoints
        .iter()
        .filter_map(|d| match &d.status {
            Status::Filled { shared: Some(g) } => Some((d, g)),
            _ => None,
        })
        .collect();
    if let Some((_, g)) = shared.first() {
        writeln!(
            out,
            "\n{}",
            crate::tr!(
                lang,
                "{}에 답한 내용으로 채운 데이터 ({}개):",
                "From answers given for {} ({}):",
                visible(g.show(lang)),
                shared.len()
            )
        )?;
        for (d, _) in &shared {
            writeln!(out, "  - {}", visible(d.title.show(lang)))?;
        }
    }
    let section =
        |out: &mut dyn Write, heading: String, items: Vec<String>| -> std::io::Result<()> {
            if items.is_empty() {
                return Ok(());
            }
            writeln!(out, "\n{heading} ({}):", items.len())?;
            for item in items {
                writeln!(out, "  - {item}")?;
            }
            Ok(())
        };
    section(
        out,
        lang.pick(
            "아직 비어 있는 데이터: 보내기 전에 답하거나 서식에 넣으십시오",
            "Still empty: answer these, or enter them in the workbook, before sending it",
        )
        .to_owned(),
        filled
            .datapoints
            .iter()
            .filter(|d| d.status == Status::Empty)
            .map(|d| visible(d.title.show(lang)).into_owned())
            .collect(),
    )?;
    section(
        out,
        lang.pick(
            "서식의 목록에 없어 넣지 못한 값: 서식에서 목록의 값을 고르십시오",
            "Values not in the template's lists, left out: pick them from the list in the workbook",
        )
        .to_owned(),
        filled
            .datapoints
            .iter()
            .filter_map(|d| match &d.status {
                Status::Partly { left } => Some(format!(
                    "{}\n      → {}",
                    visible(d.title.show(lang)),
                    left.iter()
                        .map(|l| visible(l).into_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                _ => None,
            })
            .collect(),
    )?;
    // Datapoints the template asks in another shape, under the one thing to do for each group.
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for d in &filled.datapoints {
        if let Status::Elsewhere(why) = &d.status {
            let title = visible(d.title.show(lang)).into_owned();
            match groups.iter_mut().find(|(w, _)| *w == why.show(lang)) {
                Some((_, titles)) => titles.push(title),
                None => groups.push((why.show(lang), vec![title])),
            }
        }
    }
    if !groups.is_empty() {
        writeln!(
            out,
            "\n{} ({}):",
            lang.pick(
                "서식이 다른 모양으로 묻는 데이터",
                "Asked in another shape by the template",
            ),
            groups.iter().map(|(_, t)| t.len()).sum::<usize>()
        )?;
        for (why, titles) in groups {
            writeln!(out, "  {why}")?;
            for t in titles {
                writeln!(out, "    - {t}")?;
            }
        }
    }
    let mut needed = Vec::new();
    for m in &filled.missing {
        needed.push(match m {
            Missing::Identifier => match &filled.bad_scheme {
                Some(schemes) => crate::tr!(
                    lang,
                    "회사 식별번호: 서식이 받는 종류는 {}뿐입니다(--identifier, --scheme)",
                    "The entity identifier: the template takes only {} (--identifier, --scheme)",
                    schemes.join(", ")
                ),
                None => lang
                    .pick(
                        "회사 식별번호와 그 종류(LEI, DUNS, EU ID, PermID): --identifier와 --scheme으로 주십시오. \
                         사업자등록번호는 EFRAG 변환기가 받는 종류가 아닙니다",
                        "The entity identifier and its scheme (LEI, DUNS, EU ID or PermID): give them with \
                         --identifier and --scheme; EFRAG's converter does not take a business registration number",
                    )
                    .to_owned(),
            },
            Missing::Period => lang
                .pick(
                    "보고 기간: 답변 파일의 [firm] reporting_year나 --period-start와 --period-end로 주십시오",
                    "The reporting period: give [firm] reporting_year in the answers file, or --period-start and --period-end",
                )
                .to_owned(),
        });
    }
    section(
        out,
        lang.pick(
            "EFRAG 변환기가 꼭 읽어야 하는데 아직 없는 정보",
            "Still needed by EFRAG's converter",
        )
        .to_owned(),
        needed,
    )?;
    writeln!(
        out,
        "\n{}",
        lang.pick(
            "다음: 통합 문서를 Excel이나 LibreOffice에서 한 번 열어 저장하면 서식의 계산과 검사가 다시 돌아갑니다. \
             그다음 구매처나 은행에 보내거나 EFRAG 변환기로 XBRL 보고서를 만드십시오.",
            "Next: open the workbook once in Excel or LibreOffice and save it, so that the template's \
             formulas and checks run again; then send it, or turn it into an XBRL report with EFRAG's converter.",
        )
    )?;
    Ok(())
}
