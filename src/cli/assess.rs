//! `esg assess`: the questionnaire in the terminal, saved after every answer, resumable.
//!
//! The flow (which question, back, review, progress) is [`crate::assess::Session`]; this file only
//! shows it with the prompts of `term.rs` (on crossterm) and saves the answers file after each
//! change.

mod ask;
mod line;
mod term;

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Args;

use super::{Chosen, Ctx, exit, load_guidelines, note, read_input, width, write_stdout};
use crate::answers::{Answers, Firm};
use crate::answers_edit::AnswersDoc;
use crate::assess::{Session, Step};
use crate::guideline::Guideline;
use crate::report::{self, Format, Style};
use crate::text::Lang;
use crate::tr;

// The help of each argument, in Korean and English, is in `help.rs`.
#[derive(Debug, Args)]
pub struct AssessArgs {
    #[arg(short, long)]
    guideline: Vec<String>,
    #[arg(short, long, default_value = "answers.toml")]
    answers: PathBuf,
}

/// Why the questionnaire stops before its end.
pub(super) enum Stop {
    /// Ctrl-C.
    Interrupted,
    /// "Save and quit" from the menu.
    Quit,
    /// The terminal failed.
    Failed(anyhow::Error),
}

/// The answers file on disk and its editable document, written after every change.
pub(super) struct Saver<'g> {
    path: PathBuf,
    /// The guideline being asked.
    guideline: &'g Guideline,
    /// Every guideline the file is for, named in a new file's head.
    all: Vec<&'g Guideline>,
    doc: Option<AnswersDoc>,
}

impl Saver<'_> {
    /// Writes the firm and question `q` (if any) into the document, then the file, atomically.
    pub(super) fn save(&mut self, answers: &Answers, q: Option<usize>) -> Result<(), Stop> {
        let doc = self
            .doc
            .get_or_insert_with(|| AnswersDoc::for_guidelines(&self.all, &answers.firm));
        doc.set_firm(&answers.firm);
        if let Some(q) = q {
            doc.set(&self.guideline.questions[q], answers.entries[q].as_ref());
        }
        crate::output::write_atomic(&self.path, doc.to_string().as_bytes())
            .map_err(|e| Stop::Failed(e.into()))
    }
}

pub(super) fn run(ctx: &Ctx, args: &AssessArgs) -> anyhow::Result<u8> {
    let path = &args.answers;
    // The file is saved after every answer: refuse a path that cannot take it (a device, a FIFO,
    // a dangling link) before the first question, and never read from a FIFO.
    crate::output::check(path)?;
    let existing = path.exists();
    let (chosen, first, doc) = if existing {
        let source = read_input(path)?;
        let chosen = load_guidelines(&args.guideline, Some(&source))?;
        // Every guideline the file is for must read it before the first question.
        let first = chosen.read(&source)?.swap_remove(0);
        let doc = AnswersDoc::parse(&source)?;
        (chosen, first, Some(doc))
    } else {
        let chosen = load_guidelines(&args.guideline, None)?;
        let answers = Answers::empty(&chosen.selected[0], Firm::default());
        (chosen, answers, None)
    };
    let lang = ctx.lang;
    if !(std::io::stdin().is_terminal()
        && std::io::stdout().is_terminal()
        && std::io::stderr().is_terminal())
    {
        note!(
            "{}",
            tr!(
                lang,
                "`esg assess`는 터미널에서 질문에 하나씩 답하는 명령인데, 입력이나 출력이 터미널이 아닙니다.\n\
                 터미널 없이 진단하려면:\n  \
                 `esg init -o {0}`   질문마다 설명이 달린 답변 양식을 만듭니다\n  \
                 `esg score {0}`     채운 답변 파일을 채점합니다",
                "esg assess asks its questions in a terminal, and its input or output is not a terminal.\n\
                 To assess without one:\n  \
                 esg init -o {0}     writes an answers template with every question explained\n  \
                 esg score {0}       scores a filled answers file",
                path.display()
            )
        );
        return Ok(exit::INPUT);
    }
    if !ctx.quiet {
        intro(ctx, &chosen.selected, path, existing);
    }
    for w in &first.warnings {
        note!("{}", w.shown(ctx.lang));
    }
    let mut saver = Saver {
        path: path.clone(),
        guideline: &chosen.selected[0],
        all: chosen.selected.iter().collect(),
        doc,
    };
    let look = term::Look {
        color: ctx.color,
        lang,
    };
    let mut cards = Vec::new();
    let mut answers = Some(first);
    for (i, guideline) in chosen.selected.iter().enumerate() {
        saver.guideline = guideline;
        // A later guideline reads the file as the earlier ones left it: what they share is
        // answered already, and not asked again.
        let answers = match answers.take() {
            Some(a) => a,
            None => stage_answers(&chosen, i, &saver, path)?,
        };
        if i > 0 && !ctx.quiet {
            term::say(&tr!(
                lang,
                "\n다음: {} ({} {}). 앞에서 답한 공통 항목은 다시 묻지 않습니다.",
                "\nNext: {} ({} {}). What was answered already for the guidelines before is not asked again.",
                guideline.title.show(lang),
                guideline.id,
                guideline.version
            ));
        }
        let mut session = Session::new(guideline, answers, super::init::this_year());
        let asked = match term::Raw::on() {
            Ok(_raw) => questionnaire(look, &mut session, &mut saver),
            Err(e) => Err(e),
        };
        match asked {
            Ok(()) => {}
            Err(Stop::Interrupted) => {
                note!(
                    "\n{}",
                    stopped(
                        lang,
                        &session,
                        path,
                        lang.pick("중단했습니다.", "Interrupted.")
                    )
                );
                return Ok(exit::INTERRUPTED);
            }
            Err(Stop::Quit) => {
                note!(
                    "\n{}",
                    stopped(lang, &session, path, lang.pick("저장했습니다.", "Saved."))
                );
                return Ok(exit::OK);
            }
            Err(Stop::Failed(e)) => return Err(e),
        }
        cards.push(crate::score::score(
            guideline,
            &session.into_answers(),
            crate::score::Options {
                unanswered: crate::scorecard::Unanswered::Zero,
            },
        ));
    }
    let style = Style {
        width: width(),
        color: ctx.color,
        top: 5,
        detail: false,
    };
    let mut buf = Vec::new();
    report::render_all(Format::Table, &cards, lang, &style, &mut buf)?;
    write_stdout(&buf)?;
    note!(
        "\n{}",
        tr!(
            lang,
            "답변을 {0}에 저장했습니다. 다시 채점: esg score {0} · 답 고치기: esg assess --answers {0}",
            "Answers saved in {0}. Score again: esg score {0} · change answers: esg assess --answers {0}",
            path.display()
        )
    );
    Ok(exit::OK)
}

/// The answers for the `i`th guideline, read from the file as the questionnaire has written it
/// so far (empty when nothing was written).
fn stage_answers(
    chosen: &Chosen,
    i: usize,
    saver: &Saver<'_>,
    path: &std::path::Path,
) -> anyhow::Result<Answers> {
    let guideline = &chosen.selected[i];
    Ok(match &saver.doc {
        Some(doc) => {
            let source = crate::source::Source::new(path.display().to_string(), doc.to_string());
            crate::answers::parse_among(&source, guideline, &chosen.companions(i))?
        }
        None => Answers::empty(guideline, Firm::default()),
    })
}

fn intro(ctx: &Ctx, guidelines: &[Guideline], path: &std::path::Path, existing: bool) {
    let lang = ctx.lang;
    for guideline in guidelines {
        term::say(&tr!(
            lang,
            "{} ({} {}) 자가진단",
            "{} ({} {}) self-assessment",
            guideline.title.show(lang),
            guideline.id,
            guideline.version
        ));
    }
    if guidelines.len() > 1 {
        term::say(lang.pick(
            "가이드라인마다 차례로 묻습니다. 여러 가이드라인에 공통인 항목은 한 번만 묻습니다.",
            "The guidelines are asked in turn; what they have in common is asked once.",
        ));
    }
    term::say(&if existing {
        tr!(
            lang,
            "{}에 저장된 답에 이어서 합니다. 답할 때마다 저장됩니다.",
            "Resuming the answers in {}; every answer is saved as you go.",
            path.display()
        )
    } else {
        tr!(
            lang,
            "답은 {}에 답할 때마다 저장됩니다. 언제든 멈추고 --answers로 이어서 할 수 있습니다.",
            "Answers are saved in {} after each one; stop at any time and resume with --answers.",
            path.display()
        )
    });
    term::say(lang.pick(
            "Esc: 메뉴 (이전 질문, 도움말, 해당 없음, 건너뛰기, 근거 자료·메모, 검토, 저장 후 끝내기) · Ctrl-C: 저장하고 중단",
            "Esc: menu (back, help, not applicable, skip, evidence and note, review, save and quit) · Ctrl-C: save and stop"
        )
    );
}

fn stopped(lang: Lang, session: &Session<'_>, path: &std::path::Path, what: &str) -> String {
    let answered = (0..session.guideline().questions.len())
        .filter(|&q| session.is_answered(q))
        .count();
    if session.answers().firm.name.is_empty() {
        return tr!(
            lang,
            "{} 아직 답한 것이 없어 파일을 만들지 않았습니다.",
            "{} Nothing was answered yet, so no file was written.",
            what
        );
    }
    tr!(
        lang,
        "{0} 답 {1}개가 {2}에 저장되어 있습니다. 이어서 하려면: esg assess --answers {2}",
        "{0} {1} answers are saved in {2}. To resume: esg assess --answers {2}",
        what,
        answered,
        path.display()
    )
}

/// Runs the questionnaire until the user finishes it from the review.
fn questionnaire(look: term::Look, s: &mut Session<'_>, saver: &mut Saver<'_>) -> Result<(), Stop> {
    loop {
        match s.step() {
            Step::FirmName => ask::firm_name(look, s, saver)?,
            Step::ReportingYear => ask::reporting_year(look, s, saver)?,
            Step::Question(q) => ask::question(look, s, saver, q)?,
            Step::Review => {
                if ask::review(look, s)? {
                    return Ok(());
                }
            }
        }
    }
}
