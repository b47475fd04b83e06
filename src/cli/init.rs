//! `esg init`: a commented answers template with every question, for a firm to fill in; with
//! `--from FILE`, one firm's file with only the questions still open for it.

use std::path::PathBuf;

use clap::Args;

use super::{Ctx, exit, load_guidelines, read_input, write_stdout};

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(short, long)]
    guideline: Vec<String>,
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[arg(long)]
    force: bool,
    #[arg(long)]
    from: Option<PathBuf>,
}

pub(super) fn run(ctx: &Ctx, args: &InitArgs) -> anyhow::Result<u8> {
    let text = match &args.from {
        // One firm's template: its answers so far, then only the questions still open for it.
        Some(from) => {
            let source = read_input(from)?;
            let chosen = load_guidelines(&args.guideline, Some(&source))?;
            // Each guideline in turn adds the questions still open for it; one a guideline
            // before it added already is moved under it, so each open question appears once.
            let mut text = source.text.to_string();
            for i in 0..chosen.selected.len() {
                let now = crate::source::Source::new(source.name.clone(), text);
                let answers =
                    crate::answers::parse_among(&now, &chosen.selected[i], &chosen.companions(i))?;
                text = crate::template::for_firm(
                    &chosen.selected[i],
                    &answers,
                    &now.text,
                    ctx.lang,
                    this_year(),
                )?;
            }
            text
        }
        None => {
            let chosen = load_guidelines(&args.guideline, None)?;
            let all: Vec<&crate::guideline::Guideline> = chosen.selected.iter().collect();
            crate::template::template_all(&all, ctx.lang, this_year() - 1)
        }
    };
    let Some(path) = &args.output else {
        write_stdout(text.as_bytes())?;
        return Ok(exit::OK);
    };
    // A device, a FIFO or a dangling link is refused whatever --force says.
    crate::output::check(path)?;
    if path.exists() && !args.force {
        anyhow::bail!(crate::tr!(
            ctx.lang,
            "{} 파일이 이미 있어 덮어쓰지 않았습니다. 덮어쓰려면 `--force`를 붙이십시오.",
            "{} already exists and was left as it is; add --force to overwrite it",
            path.display()
        ));
    }
    crate::output::write_atomic(path, text.as_bytes())?;
    if !ctx.quiet {
        super::note!(
            "{}",
            crate::tr!(
                ctx.lang,
                "답변 양식을 {0}에 썼습니다. 채운 뒤 `esg score {0}`로 채점하십시오.",
                "wrote the answers template to {0}; fill it in, then run `esg score {0}`",
                path.display()
            )
        );
    }
    Ok(exit::OK)
}

/// The current calendar year (UTC), or the year of `SOURCE_DATE_EPOCH` when it is set, so that
/// output can be reproduced.
pub(super) fn this_year() -> i32 {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    year_of_day(secs.div_euclid(86_400))
}

/// The proleptic Gregorian year of a day counted from 1970-01-01.
fn year_of_day(days: i64) -> i32 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let year = yoe + era * 400 + i64::from(mp >= 10);
    i32::try_from(year).unwrap_or(2000)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_map_to_years() {
        assert_eq!(super::year_of_day(0), 1970);
        assert_eq!(super::year_of_day(364), 1970);
        assert_eq!(super::year_of_day(365), 1971);
        // 2024-12-31 and 2025-01-01
        assert_eq!(super::year_of_day(20_088), 2024);
        assert_eq!(super::year_of_day(20_089), 2025);
        // 2000-02-29
        assert_eq!(super::year_of_day(11_016), 2000);
        assert_eq!(super::year_of_day(-1), 1969);
    }
}
