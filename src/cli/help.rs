//! Every word the command line says about itself, in Korean and English: what each command does,
//! the help of each argument and value, the headings and the usage line of `--help`, and clap's
//! parse errors in Korean.
//!
//! The rule: the clap derive attributes in `mod.rs` and `<command>.rs` hold the structure only
//! (names, flags, types, defaults, requirements) and no doc comment that clap would show; every
//! text a person reads is in [`PROGRAM`] and [`COMMANDS`] (or the fixed words below them), in both
//! languages. The value enums that live in the library (`report::Format`, `Unanswered`,
//! `lint::format::Format`) keep their doc comments as documentation of the code; what `--help`
//! says of their values is here. [`command`] builds the clap `Command` from the derive and
//! applies the texts of one language, before parsing. The unit tests walk the built tree in both
//! languages and fail on a command, argument or value without help, or with the same help in
//! Korean and in English.

use std::ffi::{OsStr, OsString};
use std::fmt::Write as _;
use std::marker::PhantomData;

use clap::builder::{EnumValueParser, PossibleValue, StyledStr, Styles, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, ColorChoice, CommandFactory, ValueEnum};

use super::Cli;
use crate::text::{Lang, Ui};

/// One text in Korean and English.
#[derive(Debug, Clone, Copy)]
pub(super) struct T {
    ko: &'static str,
    en: &'static str,
}

const fn t(ko: &'static str, en: &'static str) -> T {
    T { ko, en }
}

impl T {
    fn get(self, lang: Lang) -> &'static str {
        lang.pick(self.ko, self.en)
    }
}

/// The texts of one command.
struct Cmd {
    /// `esg` for the program, else the subcommand's name.
    name: &'static str,
    about: T,
    long_about: Option<T>,
    after_help: Option<T>,
    args: &'static [A],
}

/// The texts of one argument.
struct A {
    /// The argument's clap id (the field's name).
    id: &'static str,
    /// The placeholder of its value (`<경로>`, `<PATH>`), for arguments that take one.
    value: Option<T>,
    help: T,
    /// More, shown by `--help` after `help` (`-h` shows `help` alone).
    long: Option<T>,
    /// The default said in words, when it is not a fixed value; a fixed default (`default_value_t`)
    /// is shown as it is.
    default: Option<T>,
    /// For an argument whose values are a value enum: how to build its parser, and each value's help.
    values: Option<Values>,
}

const ARG: A = A {
    id: "",
    value: None,
    help: t("", ""),
    long: None,
    default: None,
    values: None,
};

/// The help of each value of a value enum, and the parser that carries it.
struct Values {
    parser: fn(Vec<PossibleValue>) -> clap::builder::ValueParser,
    help: &'static [(&'static str, T)],
}

const GUIDELINE: T = t(
    "가이드라인: 내장 가이드라인 id나 가이드라인 패키지 디렉터리",
    "Guideline: a built-in id or a package directory",
);
/// `--guideline` of the commands that ask questions: repeatable, each shared question once.
const GUIDELINES_ONCE: T = t(
    "가이드라인: 내장 가이드라인 id나 가이드라인 패키지 디렉터리. 여러 번 주면 한 답변 파일로 \
     여러 가이드라인에 답하며, 가이드라인끼리 같은 질문은 한 번만 묻습니다",
    "Guideline: a built-in id or a package directory. Repeat it to answer several guidelines in \
     one file, each question they share asked once",
);
const GUIDELINE_VALUE: T = t("가이드라인", "GUIDELINE");
const FILE: T = t("파일", "FILE");
const PATH: T = t("경로", "PATH");

/// The program, with its global options.
static PROGRAM: Cmd = Cmd {
    name: "esg",
    about: t(
        "중소기업의 ESG 경영을 중소기업용 ESG 가이드라인에 비추어 진단합니다",
        "Assess an SME's ESG management against an SME-type ESG guideline",
    ),
    long_about: Some(t(
        "중소기업의 ESG 경영을 중소기업용 ESG 가이드라인(한국 K-ESG 가이드라인 v1.0 기반)에 비추어 \
             진단하고, 점수 보고서와 함께 가장 중요한 개선 과제를 보여 줍니다.",
        "Assess a small or medium-sized enterprise's ESG management against an SME-type ESG \
             guideline (built on Korea's K-ESG Guideline v1.0), and print a scored report with the \
             gaps that matter most.",
    )),
    after_help: Some(t(
        "종료 코드: 0 성공, 1 발견 사항(--fail-under 기준 미달, 포트폴리오에서 채점하지 못한 파일, \
             검사에서 찾은 오류), 2 사용법이나 입력 오류, 130 중단.",
        "Exit codes: 0 success, 1 findings (--fail-under missed, a file of a portfolio failed, \
             lint errors), 2 usage or input error, 130 interrupted.",
    )),
    args: &[
        A {
            id: "lang",
            value: Some(t("언어", "LANG")),
            help: t("보고서와 메시지의 언어", "Language of reports and messages"),
            long: Some(t(
                "보고서와 메시지의 언어. 다른 언어 태그(de, pt-BR 등)를 주면 가이드라인의 글은 그 언어로(가이드라인에 없으면 가이드라인이 밝힌 순서대로 다른 언어로), 도구의 말은 영어로 보여 줍니다.",
                "Language of reports and messages. Another language tag (de, pt-BR) shows a guideline's text in that language (or, where the guideline lacks it, in the next of its languages) and the tool's words in English.",
            )),
            default: Some(t(
                "LC_ALL, LC_MESSAGES, LANG에 설정된 언어",
                "from LC_ALL/LC_MESSAGES/LANG",
            )),
            values: Some(Values {
                parser: lang_parser,
                help: &[("ko", t("한국어", "Korean")), ("en", t("영어", "English"))],
            }),
        },
        A {
            id: "color",
            value: Some(t("언제", "WHEN")),
            help: t("색을 언제 쓸지", "When to use colour"),
            values: Some(Values {
                parser: described::<super::ColorArg>,
                help: &[
                    (
                        "auto",
                        t(
                            "출력이 터미널이고 NO_COLOR가 설정되지 않았을 때",
                            "When the output is a terminal and NO_COLOR is not set",
                        ),
                    ),
                    (
                        "always",
                        t(
                            "출력이 터미널이 아니어도 언제나",
                            "Always, even when the output is not a terminal",
                        ),
                    ),
                    ("never", t("쓰지 않음", "Never")),
                ],
            }),
            ..ARG
        },
        A {
            id: "quiet",
            help: t(
                "보고서와 오류 말고는 아무것도 출력하지 않습니다",
                "Print nothing but the report and errors",
            ),
            ..ARG
        },
        A {
            id: "verbose",
            help: t(
                "무엇을 하고 있는지 더 자세히 알려 줍니다",
                "Say more about what is happening",
            ),
            ..ARG
        },
    ],
};

/// Each command, in the order `esg --help` lists them.
static COMMANDS: &[Cmd] = &[
    Cmd {
        name: "assess",
        about: t(
            "터미널에서 가이드라인의 질문에 답합니다. 답할 때마다 저장되며, 다시 실행하면 이어서 합니다",
            "Answer the guideline's questions in the terminal; saves after every answer, resumes",
        ),
        long_about: None,
        after_help: None,
        args: &[
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: GUIDELINES_ONCE,
                default: Some(t(
                    "답변 파일에 적힌 가이드라인(여럿이면 모두), 없으면 k-esg-sme",
                    "the ones the answers file names, else k-esg-sme",
                )),
                ..ARG
            },
            A {
                id: "answers",
                value: Some(FILE),
                help: t(
                    "답변 파일: 없으면 새로 만들고, 있으면 이어서 답합니다",
                    "The answers file: created if missing, resumed if it exists",
                ),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "init",
        about: t(
            "손으로 채워 넣을 답변 양식을 만듭니다. 모든 질문이 설명 주석과 함께 들어 있습니다. \
             --from을 주면 그 회사에 남은 질문만 담습니다",
            "Write a commented answers template with every question, to fill in by hand; with \
             --from, only the questions left for one firm",
        ),
        long_about: None,
        after_help: Some(t(
            "예: esg init --from client.toml -o client-rest.toml  (고객사의 답은 그대로 두고, 이 회사에 \
             아직 점수로 이어질 수 있는데 답하지 않은 질문만 주석으로 덧붙입니다)",
            "Example: esg init --from client.toml -o client-rest.toml  (the client's answers as \
             they are, then only the unanswered questions that can still count for it, commented)",
        )),
        args: &[
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: GUIDELINES_ONCE,
                default: Some(t("내장 가이드라인 k-esg-sme", "the built-in k-esg-sme")),
                ..ARG
            },
            A {
                id: "output",
                value: Some(FILE),
                help: t(
                    "양식을 표준 출력 대신 이 파일에 씁니다",
                    "Write the template to this file instead of standard output",
                ),
                ..ARG
            },
            A {
                id: "force",
                help: t(
                    "파일이 이미 있어도 덮어씁니다",
                    "Overwrite FILE if it exists",
                ),
                ..ARG
            },
            A {
                id: "from",
                value: Some(FILE),
                help: t(
                    "이 답변 파일의 회사에 맞춘 양식: 파일의 답(주석 포함) 뒤에, 아직 답하지 않았고 이 회사에 \
                     점수로 이어질 수 있는 질문만 묻는 순서대로 담습니다. 가이드라인은 파일이 정합니다",
                    "A template for the firm of this answers file: its answers as they are (comments \
                     kept), then only the questions still open that can count for it, in asking order. \
                     The file names the guideline",
                ),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "score",
        about: t(
            "답변 파일을 채점해 개선 과제와 함께 보고서를 출력합니다. 파일 여러 개나 디렉터리, \
             --files-from을 주면 포트폴리오로 채점해 통계와 함께 요약합니다",
            "Score an answers file and print the report with its gaps, or a portfolio of files \
             (several files, directories, --files-from) into a summary with statistics",
        ),
        long_about: None,
        after_help: None,
        args: &[
            A {
                id: "paths",
                value: Some(PATH),
                help: t(
                    "답변 파일이나 디렉터리(안의 *.toml 파일을 찾습니다). 파일 하나는 그 보고서를, \
                     파일 여러 개나 디렉터리는 포트폴리오 요약을 출력합니다. - 하나만 주면 표준 입력에서 \
                     답변 파일 하나를 읽습니다",
                    "Answers files or directories (searched for *.toml); one file gives its report, \
                     several files or a directory a portfolio summary. - alone reads one answers \
                     file from standard input",
                ),
                ..ARG
            },
            A {
                id: "files_from",
                value: Some(FILE),
                help: t(
                    "이 파일에 한 줄에 하나씩 적힌 경로의 답변 파일도 채점합니다(파일이 -이면 목록을 \
                     표준 입력에서 읽습니다)",
                    "Also score the files listed in FILE, one path per line (- reads the list from \
                     standard input)",
                ),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: t(
                    "가이드라인: 내장 가이드라인 id나 가이드라인 패키지 디렉터리. 여러 번 주면 답변 파일                      하나를 가이드라인마다 채점해 보고서를 차례로 출력합니다",
                    "Guideline: a built-in id or a package directory. Repeat it to score one answers                      file against each guideline, one report after another",
                ),
                default: Some(t(
                    "답변 파일에 적힌 가이드라인(여럿이면 모두), 포트폴리오는 k-esg-sme",
                    "the ones the answers name (all of them); for a portfolio, k-esg-sme",
                )),
                ..ARG
            },
            A {
                id: "format",
                value: Some(t("형식", "FORMAT")),
                help: t("출력 형식", "Output format"),
                values: Some(Values {
                    parser: described::<crate::report::Format>,
                    help: &[
                        (
                            "table",
                            t(
                                "터미널에서 읽는 보고서(포트폴리오는 요약표)",
                                "A report for the terminal (for a portfolio, a summary table)",
                            ),
                        ),
                        (
                            "json",
                            t(
                                "채점 결과를 그대로 담은 JSON, format_version으로 형식의 버전을 \
                                 표시(포트폴리오는 회사마다 한 줄씩인 JSON Lines)",
                                "The scorecard model as JSON, versioned by format_version (for a \
                                 portfolio, JSON Lines, one line per firm)",
                            ),
                        ),
                        (
                            "markdown",
                            t(
                                "공유하거나 문서로 바꾸기 좋은 마크다운 보고서(포트폴리오는 마크다운 표)",
                                "A Markdown report, for sharing or converting to a document (for a \
                                 portfolio, a Markdown table)",
                            ),
                        ),
                        (
                            "csv",
                            t(
                                "스프레드시트용 쉼표 구분 값: 지표마다 한 행(포트폴리오는 회사마다 한 행)",
                                "Comma-separated values for spreadsheets: one row per indicator (per \
                                 firm in a portfolio)",
                            ),
                        ),
                        (
                            "html",
                            t(
                                "브라우저에서 보고 A4로 인쇄하는 HTML 보고서 한 파일(포트폴리오는 \
                                 -o 디렉터리에 회사별 보고서와 index.html)",
                                "One self-contained HTML report to view in a browser and print to \
                                 A4 (for a portfolio with -o, each firm's report and an index.html)",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
            A {
                id: "output",
                value: Some(PATH),
                help: t(
                    "보고서를 표준 출력 대신 이 파일에 씁니다. 포트폴리오일 때는 회사별 보고서와 \
                     요약을 받을 디렉터리입니다",
                    "Write the report to this file instead of standard output; for a portfolio, a \
                     directory that receives each firm's report and the summary",
                ),
                ..ARG
            },
            A {
                id: "bom",
                help: t(
                    "CSV 출력 앞에 UTF-8 바이트 순서 표시(BOM)를 붙여 엑셀에서 한글이 제대로 보이게 합니다",
                    "Start CSV output with a UTF-8 byte-order mark, so that Excel shows Korean text \
                     correctly",
                ),
                ..ARG
            },
            A {
                id: "fail_under",
                value: Some(t("N", "N")),
                help: t(
                    "종합 점수가 N점(0~100)보다 낮으면 종료 코드 1로 끝납니다",
                    "Exit with 1 if the total is below N (0 to 100)",
                ),
                ..ARG
            },
            A {
                id: "unanswered",
                value: Some(t("방식", "HOW")),
                help: t(
                    "답하지 않은 지표를 0점으로 셀지, 합계에서 뺄지",
                    "How unanswered indicators count: as 0 points, or left out",
                ),
                values: Some(Values {
                    parser: described::<crate::scorecard::Unanswered>,
                    help: &[
                        (
                            "zero",
                            t(
                                "답하지 않은 지표를 0점으로 셉니다",
                                "An unanswered indicator counts as 0 points",
                            ),
                        ),
                        (
                            "exclude",
                            t(
                                "답하지 않은 지표를 합계에서 뺍니다",
                                "Unanswered indicators are left out of the sums",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
            A {
                id: "detail",
                help: t(
                    "모든 지표를 답, 점수, 설명과 함께 나열합니다",
                    "List every indicator with its answer, points and explanation",
                ),
                ..ARG
            },
            A {
                id: "top",
                value: Some(t("N", "N")),
                help: t("보여 줄 개선 과제의 수", "How many gaps to list"),
                ..ARG
            },
            A {
                id: "view",
                value: Some(t("보기", "VIEW")),
                help: t(
                    "보고서에 무엇을 보일지: 점수, 또는 공시 항목(영역마다 데이터와 그 값, 참조, 빠진 이유)",
                    "What the report shows: the scores, or the disclosures (each area's datapoints \
                     with their values, references and why any is missing)",
                ),
                values: Some(Values {
                    parser: described::<crate::report::View>,
                    help: &[
                        (
                            "scores",
                            t(
                                "종합 점수, 영역, 개선 과제, 지표",
                                "The total, areas, gaps and indicators",
                            ),
                        ),
                        (
                            "disclosures",
                            t(
                                "공시 보고서: 영역마다 모든 데이터의 값과 참조 기준, 값이 없으면 그 이유 \
                                 (답변 파일 하나; CSV 제외)",
                                "A disclosure report: every datapoint of each area with its value \
                                 and references, or why it has none (one answers file; no CSV)",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
            A {
                id: "benchmark",
                value: Some(FILE),
                help: t(
                    "포트폴리오가 만든 벤치마크 파일(benchmark.json)에 비추어, 같은 업종·규모 회사 \
                     가운데 이 회사의 종합 점수, 영역 점수, 온실가스 배출 집약도가 어디쯤인지(백분위) \
                     보고서에 더합니다. 답하지 않았거나 '모름'으로 답한 업종 비교 질문은 같은 업종 \
                     회사들의 수치로 답합니다",
                    "Add to the report where the firm stands among its peers (same sector and size \
                     band) of a benchmark file a portfolio wrote (benchmark.json): the percentile of \
                     its total, each area and its GHG intensity. Questions comparing the firm with \
                     its industry that were left open or answered \"don't know\" are answered from \
                     the figures of its sector",
                ),
                ..ARG
            },
            A {
                id: "history",
                help: t(
                    "한 회사의 여러 해 답변 파일을 받아 종합 점수, 영역 점수, 온실가스 배출량(직접 배출과 \
                     전력·열 간접 배출)의 추이를 \
                     보여 줍니다(터미널은 스파크라인, HTML은 그래프). 파일은 사업자등록번호가, 없으면 \
                     회사 이름이 같아야 합니다",
                    "Take several years' answers files of one firm and show the trend of its total, \
                     areas and scope 1+2 emissions (sparklines in the terminal, a chart in HTML); the \
                     files must share a business number, or else a firm name",
                ),
                ..ARG
            },
            A {
                id: "benchmark_out",
                value: Some(FILE),
                help: t(
                    "포트폴리오의 벤치마크(업종·규모별 사분위수, 회사가 5곳보다 적은 칸은 감춤, 회사 \
                     이름·파일·한 회사의 값은 담지 않음)를 이 파일에 씁니다(보통 benchmark.json)",
                    "Write the portfolio's benchmark to FILE (usually benchmark.json): quartiles by \
                     sector and size band, cells of fewer than five firms suppressed, no firm's \
                     name, file or single value",
                ),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "diff",
        about: t(
            "한 회사의 답변 파일 두 개(두 해, 또는 한 해의 두 판)를 채점해 무엇이 달라졌는지 보여 줍니다: \
             종합 점수, 등급, 영역과 지표마다 바뀐 점수와 그 이유, 해결한 개선 과제와 새 과제, \
             배출원마다 활동량과 배출계수로 나눈 온실가스 배출량의 변화",
            "Score two answers files of one firm (two years, or two versions of one year) and show \
             what changed: the total, the grade, each area and indicator with the reason, the gaps \
             closed and new, and the GHG change by source split into activity and factors",
        ),
        long_about: None,
        after_help: Some(t(
            "예: esg diff 2024.toml 2025.toml · esg diff 2024.toml 2025.toml --format html -o 비교.html",
            "Examples: esg diff 2024.toml 2025.toml · esg diff 2024.toml 2025.toml --format html -o \
             compared.html",
        )),
        args: &[
            A {
                id: "old",
                value: Some(t("이전", "OLD")),
                help: t(
                    "이전 답변 파일(- 는 표준 입력)",
                    "The earlier answers file (- reads standard input)",
                ),
                ..ARG
            },
            A {
                id: "new",
                value: Some(t("이후", "NEW")),
                help: t(
                    "이후 답변 파일(- 는 표준 입력)",
                    "The later answers file (- reads standard input)",
                ),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: t(
                    "가이드라인: 내장 가이드라인 id나 가이드라인 패키지 디렉터리. 한 번 주면 두 파일 모두에, \
                     두 번 주면 차례로 이전 파일과 이후 파일에 씁니다",
                    "Guideline: a built-in id or a package directory; given once, for both files; \
                     given twice, the first for OLD and the second for NEW",
                ),
                default: Some(t(
                    "각 답변 파일에 적힌 가이드라인",
                    "the one each answers file names",
                )),
                ..ARG
            },
            A {
                id: "format",
                value: Some(t("형식", "FORMAT")),
                help: t("출력 형식", "Output format"),
                values: Some(Values {
                    parser: described::<crate::report::diff::DiffFormat>,
                    help: &[
                        ("table", t("터미널에서 읽는 표", "Tables for the terminal")),
                        (
                            "markdown",
                            t(
                                "공유하거나 문서로 바꾸기 좋은 마크다운",
                                "Markdown, for sharing or converting to a document",
                            ),
                        ),
                        (
                            "json",
                            t(
                                "도구가 읽는 JSON, 형식은 esg schema diff",
                                "JSON for tools; its schema is esg schema diff",
                            ),
                        ),
                        (
                            "html",
                            t(
                                "브라우저에서 보는 HTML 한 파일",
                                "One self-contained HTML page for a browser",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
            A {
                id: "output",
                value: Some(PATH),
                help: t(
                    "보고서를 표준 출력 대신 이 파일에 씁니다",
                    "Write the report to this file instead of standard output",
                ),
                ..ARG
            },
            A {
                id: "unanswered",
                value: Some(t("방식", "HOW")),
                help: t(
                    "답하지 않은 지표를 0점으로 셀지, 합계에서 뺄지",
                    "How unanswered indicators count: as 0 points, or left out",
                ),
                values: Some(Values {
                    parser: described::<crate::scorecard::Unanswered>,
                    help: &[
                        (
                            "zero",
                            t(
                                "답하지 않은 지표를 0점으로 셉니다",
                                "An unanswered indicator counts as 0 points",
                            ),
                        ),
                        (
                            "exclude",
                            t(
                                "답하지 않은 지표를 합계에서 뺍니다",
                                "Unanswered indicators are left out of the sums",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "fill",
        about: t(
            "EFRAG의 VSME 디지털 서식(엑셀)을 회사의 답으로 채웁니다. 서식의 수식, 목록, 서식, 이름 붙은 \
             범위는 그대로 두고 데이터 칸만 채우며, 아직 빈 데이터와 할 일을 알려 줍니다",
            "Fill EFRAG's VSME Digital Template (an Excel workbook) from a firm's answers: only the \
             datapoints' cells are set, the template's formulas, lists, styles and named ranges stay \
             as they are; then say which datapoints are still empty and what to do next",
        ),
        long_about: None,
        after_help: Some(t(
            "예: esg fill answers.toml VSME-Digital-Template-1.3.0.xlsx -o our-firm-VSME.xlsx",
            "Example: esg fill answers.toml VSME-Digital-Template-1.3.0.xlsx -o our-firm-VSME.xlsx",
        )),
        args: &[
            A {
                id: "answers",
                value: Some(t("답변", "FILE")),
                help: t(
                    "VSME 기본 모듈(vsme-basic)에 답한 답변 파일(- 는 표준 입력)",
                    "The answers file, with answers for the VSME Basic Module (vsme-basic); - reads \
                     standard input",
                ),
                ..ARG
            },
            A {
                id: "template",
                value: Some(t("서식", "TEMPLATE")),
                help: t(
                    "EFRAG에서 받은 빈 VSME 디지털 서식(엑셀 파일). 이 파일은 바뀌지 않습니다",
                    "The blank VSME Digital Template (.xlsx) downloaded from EFRAG; it is never changed",
                ),
                ..ARG
            },
            A {
                id: "output",
                value: Some(PATH),
                help: t(
                    "채운 통합 문서를 쓸 새 파일",
                    "The new file to write the filled workbook to",
                ),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: GUIDELINE,
                default: Some(t(
                    "답변 파일에 적힌 가이드라인",
                    "the ones the answers file names",
                )),
                ..ARG
            },
            A {
                id: "identifier",
                value: Some(t("번호", "ID")),
                help: t(
                    "보고 회사의 식별번호(LEI 등). EFRAG 변환기는 이것 없이 보고서를 만들지 않습니다",
                    "The reporting entity's identifier (an LEI, say); EFRAG's converter needs it",
                ),
                ..ARG
            },
            A {
                id: "scheme",
                value: Some(t("종류", "SCHEME")),
                help: t(
                    "식별번호의 종류: 서식의 목록에 있는 LEI, DUNS, EU ID, PermID 가운데 하나",
                    "The identifier's scheme, one of the template's list: LEI, DUNS, EU ID or PermID",
                ),
                default: Some(t("LEI", "LEI")),
                ..ARG
            },
            A {
                id: "period_start",
                value: Some(t("날짜", "DATE")),
                help: t(
                    "보고 기간의 첫날(2025-04-01처럼). 주지 않으면 보고 연도의 1월 1일",
                    "The reporting period's first day (like 2025-04-01); else 1 January of the \
                     reporting year",
                ),
                ..ARG
            },
            A {
                id: "period_end",
                value: Some(t("날짜", "DATE")),
                help: t(
                    "보고 기간의 마지막 날(2026-03-31처럼). 주지 않으면 보고 연도의 12월 31일",
                    "The reporting period's last day (like 2026-03-31); else 31 December of the \
                     reporting year",
                ),
                ..ARG
            },
            A {
                id: "currency",
                value: Some(t("통화", "CODE")),
                help: t(
                    "금액을 이 통화로 바꿔 씁니다(ISO 4217 코드, 예: EUR). --exchange-rate와 함께 씁니다",
                    "Write the amounts in this currency (an ISO 4217 code such as EUR); give \
                     --exchange-rate with it",
                ),
                default: Some(t("원화(KRW), 답한 그대로", "won (KRW), as answered")),
                ..ARG
            },
            A {
                id: "exchange_rate",
                value: Some(t("환율", "RATE")),
                help: t(
                    "그 통화 1단위가 원화로 얼마인지(예: 1470). 어느 날의 환율을 썼는지는 보고서에 적으십시오",
                    "What one unit of that currency is worth in won (e.g. 1470); say in the report \
                     which day's rate it is",
                ),
                ..ARG
            },
            A {
                id: "template_language",
                value: Some(t("언어", "LANG")),
                help: t(
                    "서식의 표시 언어: 서식이 주는 언어 가운데 하나의 태그(en, de, fr 등)",
                    "The template's display language: the tag of one it offers (en, de, fr, ...)",
                ),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "serve",
        about: t(
            "브라우저에서 질문에 답하고 보고서를 봅니다. 이 컴퓨터에서만 열리는 서버를 띄우고 브라우저를 엽니다. \
             답할 때마다 답변 파일에 저장됩니다",
            "Answer the questions and see the report in a browser: starts a server on this computer \
             only and opens the browser; every answer is saved to the answers file",
        ),
        long_about: None,
        after_help: Some(t(
            "예: esg serve answers.toml  (한 회사) · esg serve 고객사/  (폴더 안의 회사마다 답변 파일 하나). \
             터미널에 나온 주소에는 비밀 값이 들어 있어, 그 주소로 연 브라우저만 답을 보고 바꿀 수 있습니다. \
             멈추는 방법은 시작할 때 터미널에 나옵니다",
            "Examples: esg serve answers.toml  (one firm) · esg serve clients/  (one answers file per \
             firm in the folder). The address printed holds a secret: only a browser opened with it \
             can see or change the answers. Ctrl-C stops the server",
        )),
        args: &[
            A {
                id: "path",
                value: Some(PATH),
                help: t(
                    "답변 파일(없으면 회사 이름을 적을 때 만듭니다)이나, 회사마다 답변 파일(*.toml)이 \
                     하나씩 든 폴더",
                    "An answers file (created when the firm's name is first saved), or a folder with \
                     one answers file (*.toml) per firm",
                ),
                default: Some(t("answers.toml", "answers.toml")),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: GUIDELINES_ONCE,
                default: Some(t(
                    "답변 파일에 적힌 가이드라인(여럿이면 모두), 없으면 k-esg-sme",
                    "the ones the answers file names, else k-esg-sme",
                )),
                ..ARG
            },
            A {
                id: "host",
                value: Some(t("주소", "ADDRESS")),
                help: t(
                    "서버가 기다릴 주소. 127.0.0.1이 아닌 주소를 주면 다른 컴퓨터에서도 접속할 수 있어 \
                     경고를 보여 줍니다",
                    "The address to listen on; one other than loopback can be reached from other \
                     machines, and a warning says so",
                ),
                ..ARG
            },
            A {
                id: "port",
                value: Some(t("포트", "PORT")),
                help: t(
                    "서버가 기다릴 포트. 0이면 비어 있는 포트를 고릅니다",
                    "The port to listen on; 0 picks a free one",
                ),
                ..ARG
            },
            A {
                id: "no_open",
                help: t(
                    "브라우저를 열지 않고 주소만 보여 줍니다",
                    "Do not open a browser; only print the address",
                ),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "explain",
        about: t(
            "지표나 질문, 계산하는 수치, 검사 규칙을 자세히 설명합니다(지표는 질문, 단계, 채점 방식, \
             권고까지)",
            "Explain an indicator, a question, a figure or a lint rule in full (for an indicator: \
             questions, levels, scoring, recommendation)",
        ),
        long_about: None,
        after_help: None,
        args: &[
            A {
                id: "code",
                value: Some(t("코드", "CODE")),
                help: t(
                    "bands-gap 같은 검사 규칙 코드, E-3-1 같은 지표 코드, 질문 id, 또는 계산하는 수치의 id",
                    "A lint rule code such as bands-gap, an indicator code such as E-3-1, a \
                     question id, or a figure's (metric's) id",
                ),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: GUIDELINE,
                default: Some(t("내장 가이드라인 k-esg-sme", "the built-in k-esg-sme")),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "guidelines",
        about: t(
            "내장 가이드라인의 목록을 보여 줍니다",
            "List the built-in guidelines",
        ),
        long_about: None,
        after_help: None,
        args: &[],
    },
    Cmd {
        name: "lint",
        about: t(
            "가이드라인 패키지와 답변 파일을 검사해 모든 문제를 줄과 열 위치와 함께 알려 줍니다",
            "Check guideline packages and answers files, with every problem at its line and column",
        ),
        long_about: None,
        after_help: None,
        args: &[
            A {
                id: "paths",
                value: Some(PATH),
                help: t(
                    "가이드라인 패키지 디렉터리, 패키지의 파일, 또는 답변 파일. 경로가 -이면 표준 \
                     입력에서 답변 파일을 읽습니다",
                    "Guideline package directories, files of a package, or answers files; - reads \
                     an answers file from standard input",
                ),
                default: Some(t("내장 가이드라인", "the built-in guidelines")),
                ..ARG
            },
            A {
                id: "format",
                value: Some(t("형식", "FORMAT")),
                help: t("출력 형식", "Output format"),
                values: Some(Values {
                    parser: described::<crate::lint::format::Format>,
                    help: &[
                        (
                            "human",
                            t(
                                "사람이 읽는 형식: 문제마다 원본 줄을 표시하고 끝에 요약을 붙입니다",
                                "Each finding with its source line marked, and a summary (for people)",
                            ),
                        ),
                        (
                            "json",
                            t(
                                "찾은 문제를 JSON으로(format_version 포함)",
                                "The findings as JSON (with format_version)",
                            ),
                        ),
                        (
                            "sarif",
                            t(
                                "코드 스캐닝 서비스용 SARIF 2.1.0",
                                "SARIF 2.1.0, for code-scanning services",
                            ),
                        ),
                        (
                            "github",
                            t(
                                "GitHub Actions 워크플로 명령: 풀 리퀘스트에 주석으로 표시됩니다",
                                "GitHub Actions workflow commands: annotations on the pull request",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: t(
                    "답변 파일을 검사할 기준 가이드라인: 내장 가이드라인 id나 가이드라인 패키지 디렉터리",
                    "The guideline answers files are checked against: a built-in id or a package \
                     directory",
                ),
                default: Some(t(
                    "각 파일에 적힌 내장 가이드라인",
                    "the built-in guideline each file names",
                )),
                ..ARG
            },
            A {
                id: "kind",
                value: Some(t("종류", "KIND")),
                help: t(
                    "내용을 보고 판단하지 않고 모든 경로를 가이드라인으로, 또는 답변 파일로 읽습니다",
                    "Read every path as a guideline or as answers, instead of deciding by what it \
                     holds",
                ),
                values: Some(Values {
                    parser: described::<super::lint::KindArg>,
                    help: &[
                        (
                            "guideline",
                            t(
                                "가이드라인 패키지나 그 안의 파일",
                                "A guideline package or a file of one",
                            ),
                        ),
                        ("answers", t("답변 파일", "An answers file")),
                    ],
                }),
                ..ARG
            },
            A {
                id: "output",
                value: Some(FILE),
                help: t(
                    "보고서를 표준 출력 대신 파일에 씁니다(도중에 멈춰도 파일이 반쯤 쓰인 채로 남지 않습니다)",
                    "Write the report to a file (atomically) instead of standard output",
                ),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "schema",
        about: t(
            "JSON 스키마를 출력합니다: 편집기에서 쓸 가이드라인 파일과 답변 파일의 스키마, 또는 \
             도구에서 읽을 채점 결과 JSON과 포트폴리오 JSON Lines 한 줄의 스키마",
            "Print a JSON Schema: of guideline files or answers files, for editors; or of the JSON \
             esg score writes (a scorecard, a line of a portfolio), for the tools that read it",
        ),
        long_about: None,
        after_help: None,
        args: &[
            A {
                id: "which",
                value: Some(t("종류", "WHICH")),
                help: t("어떤 형식의 스키마를 출력할지", "Which format"),
                values: Some(Values {
                    parser: described::<super::schema::Which>,
                    help: &[
                        (
                            "guideline",
                            t("가이드라인 패키지의 파일", "A file of a guideline package"),
                        ),
                        (
                            "answers",
                            t(
                                "가이드라인 하나에 대한 답변 파일",
                                "An answers file for one guideline",
                            ),
                        ),
                        (
                            "scorecard",
                            t(
                                "esg score --format json이 쓰는 채점 결과",
                                "The scorecard esg score --format json writes",
                            ),
                        ),
                        (
                            "portfolio-row",
                            t(
                                "포트폴리오를 --format json으로 채점할 때 쓰는 JSON Lines의 한 줄",
                                "A line of the JSON Lines a portfolio scored with --format json gives",
                            ),
                        ),
                        (
                            "diff",
                            t(
                                "esg diff --format json이 쓰는 비교 결과",
                                "The comparison esg diff --format json writes",
                            ),
                        ),
                        (
                            "benchmark",
                            t(
                                "포트폴리오가 쓰는 벤치마크 파일 benchmark.json",
                                "The benchmark file benchmark.json a portfolio writes",
                            ),
                        ),
                        (
                            "history",
                            t(
                                "esg score --history --format json이 쓰는 한 회사의 연도별 결과",
                                "A firm's results by year that esg score --history --format json writes",
                            ),
                        ),
                        (
                            "disclosures",
                            t(
                                "esg score --view disclosures --format json이 쓰는 공시 항목",
                                "The datapoints esg score --view disclosures --format json writes",
                            ),
                        ),
                    ],
                }),
                ..ARG
            },
            A {
                id: "guideline",
                value: Some(GUIDELINE_VALUE),
                help: t(
                    "answers 스키마에 질문을 나열할 가이드라인(내장 가이드라인 id나 가이드라인 패키지 \
                     디렉터리). 여러 번 주면 그 가이드라인들에 함께 답하는 파일의 스키마를 만듭니다",
                    "For answers: the guideline whose questions the schema lists (a built-in id or a \
                     package directory); repeat it for a file answering several guidelines",
                ),
                default: Some(t("내장 가이드라인 k-esg-sme", "the built-in k-esg-sme")),
                ..ARG
            },
        ],
    },
    Cmd {
        name: "completions",
        about: t(
            "셸 자동 완성 스크립트를 출력합니다(bash, zsh, fish, elvish, powershell)",
            "Print a shell completion script (bash, zsh, fish, elvish, powershell)",
        ),
        long_about: None,
        after_help: None,
        args: &[A {
            id: "shell",
            value: Some(t("셸", "SHELL")),
            help: t("자동 완성을 쓸 셸", "The shell to complete in"),
            values: Some(Values {
                parser: described::<clap_complete::Shell>,
                help: &[
                    ("bash", t("Bash 셸", "The Bash shell")),
                    ("elvish", t("Elvish 셸", "The Elvish shell")),
                    ("fish", t("fish 셸", "The fish shell")),
                    (
                        "powershell",
                        t(
                            "PowerShell(Windows PowerShell 포함)",
                            "PowerShell, Windows PowerShell included",
                        ),
                    ),
                    ("zsh", t("Z 셸(zsh)", "The Z shell")),
                ],
            }),
            ..ARG
        }],
    },
];

// The words clap itself would write in English.
const USAGE: T = t("사용법:", "Usage:");
const ARGUMENTS: T = t("인수", "Arguments");
const OPTIONS: T = t("옵션", "Options");
const SUBCOMMANDS: T = t("명령", "Commands");
const SUBCOMMAND: T = t("명령", "COMMAND");
const DEFAULT: T = t("기본값", "default");
const POSSIBLE: T = t("가능한 값", "possible values");
const POSSIBLE_HEADING: T = t("가능한 값", "Possible values");
const HELP_SHORT: T = t(
    "도움말을 보여 줍니다(--help는 더 자세히)",
    "Print help (see more with '--help')",
);
const HELP_LONG: T = t(
    "도움말을 보여 줍니다(-h는 요약만)",
    "Print help (see a summary with '-h')",
);
const HELP: T = t("도움말을 보여 줍니다", "Print help");
const VERSION: T = t("버전을 보여 줍니다", "Print version");
const HELP_COMMAND: T = t(
    "이 도움말이나 주어진 명령의 도움말을 보여 줍니다",
    "Print this message or the help of the given subcommand(s)",
);
const HELP_COMMAND_ARG: T = t("도움말을 볼 명령", "Print help for the subcommand(s)");

/// Where `--help` and `--version` go in the list of options, and the program's global options
/// (after a command's own options).
const GLOBAL_ORDER: usize = 1000;
const HELP_ORDER: usize = 2000;

/// The value of `--NAME VALUE` or `--NAME=VALUE` among the arguments (the first one, before any `--`).
fn option_value<'a>(args: &'a [OsString], name: &str) -> Option<&'a str> {
    let mut it = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = it.next() {
        let Some(arg) = arg else { continue };
        if arg == "--" {
            return None;
        }
        let Some(rest) = arg.strip_prefix("--").and_then(|a| a.strip_prefix(name)) else {
            continue;
        };
        if rest.is_empty() {
            return it.next().flatten();
        }
        if let Some(value) = rest.strip_prefix('=') {
            return Some(value);
        }
    }
    None
}

/// The language that `--lang` asks for, if the arguments hold a valid one: help and parse errors
/// are in it even though the arguments are not parsed yet.
pub(super) fn lang_in(args: &[OsString]) -> Option<Lang> {
    Lang::parse(option_value(args, "lang")?)
}

/// The colour choice that `--color` asks for, for help and parse errors.
pub(super) fn color_in(args: &[OsString]) -> ColorChoice {
    match option_value(args, "color") {
        Some("always") => ColorChoice::Always,
        Some("never") => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}

/// The command line in one language: the derive's structure with the texts of [`COMMANDS`], built
/// (subcommands and global options in place) so that it can be parsed or printed.
pub(super) fn command(lang: Lang, color: ColorChoice) -> clap::Command {
    let width = usize::from(super::width());
    let mut cmd = localize(
        Cli::command().color(color).term_width(width),
        &PROGRAM,
        lang,
        width,
        false,
    )
    .disable_version_flag(true)
    .arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(VERSION.get(lang))
            .help_heading(OPTIONS.get(lang))
            .display_order(HELP_ORDER + 1),
    );
    // The global options' long help shows in every command's `--help`.
    let inherited_long = cmd
        .get_arguments()
        .any(|a| a.is_global_set() && a.get_long_help().is_some());
    for c in COMMANDS {
        cmd = cmd.mut_subcommand(c.name, |sub| localize(sub, c, lang, width, inherited_long));
    }
    cmd.build();
    // Made by clap when it builds the command, with a copy of every command under it (and of
    // itself) for `esg help COMMAND`.
    let help = |cmd: clap::Command| {
        cmd.about(HELP_COMMAND.get(lang))
            .help_template(template(lang))
            .subcommand_help_heading(SUBCOMMANDS.get(lang))
            .subcommand_value_name(SUBCOMMAND.get(lang))
            .mut_args(|a| {
                a.help(HELP_COMMAND_ARG.get(lang))
                    .value_name(SUBCOMMAND.get(lang))
                    .help_heading(ARGUMENTS.get(lang))
            })
    };
    cmd = cmd.mut_subcommand("help", |h| {
        let inner = h.find_subcommand("help").is_some();
        let h = help(h);
        if inner {
            h.mut_subcommand("help", help)
        } else {
            h
        }
    });
    if lang.ui() == Ui::Ko {
        // clap writes `[OPTIONS]` into usage lines itself.
        let usage = korean_usage(&mut cmd);
        cmd = cmd.override_usage(usage);
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        for name in names {
            cmd = cmd.mut_subcommand(name, |mut sub| {
                let usage = korean_usage(&mut sub);
                sub.override_usage(usage)
            });
        }
    }
    cmd
}

/// The usage line of a built command, without its heading, with `[OPTIONS]` in Korean.
fn korean_usage(cmd: &mut clap::Command) -> StyledStr {
    let usage = cmd.render_usage().ansi().to_string();
    let line = usage
        .split_once(USAGE.en)
        .map_or(usage.as_str(), |(_, l)| l);
    // The heading's style ends before the space that follows it.
    let line = line.strip_prefix("\x1b[0m").unwrap_or(line);
    StyledStr::from(line.trim_start().replace("[OPTIONS]", "[옵션]"))
}

fn template(lang: Lang) -> String {
    let styles = Styles::default();
    let heading = styles.get_usage();
    format!(
        "{{before-help}}{{about-with-newline}}\n{heading}{}{heading:#} {{usage}}\n\n{{all-args}}{{after-help}}",
        USAGE.get(lang)
    )
}

/// Applies a command's texts, headings and help option.
fn localize(
    cmd: clap::Command,
    c: &Cmd,
    lang: Lang,
    width: usize,
    inherited_long: bool,
) -> clap::Command {
    let mut globals = 0;
    let mut cmd = cmd
        .about(c.about.get(lang))
        .long_about(c.long_about.map(|t| t.get(lang)))
        .after_help(c.after_help.map(|t| t.get(lang)))
        .help_template(template(lang))
        .subcommand_help_heading(SUBCOMMANDS.get(lang))
        .subcommand_value_name(SUBCOMMAND.get(lang))
        .disable_help_flag(true)
        .mut_args(|arg| {
            let global = arg.is_global_set();
            let arg = localize_arg(arg, c, lang, width);
            if global {
                globals += 1;
                arg.display_order(GLOBAL_ORDER + globals)
            } else {
                arg
            }
        });
    let long = inherited_long
        || cmd.get_long_about().is_some()
        || cmd.get_arguments().any(|a| a.get_long_help().is_some());
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help_heading(OPTIONS.get(lang))
        .display_order(HELP_ORDER);
    cmd = cmd.arg(if long {
        help.help(HELP_SHORT.get(lang))
            .long_help(HELP_LONG.get(lang))
    } else {
        help.help(HELP.get(lang))
    });
    cmd
}

/// Applies an argument's texts: its help with the default and the possible values written into it
/// (clap would write `[default: …]` and `[possible values: …]` in English), its value's
/// placeholder, and the help of each of its values.
fn localize_arg(arg: Arg, c: &Cmd, lang: Lang, width: usize) -> Arg {
    let Some(a) = c.args.iter().find(|a| a.id == arg.get_id().as_str()) else {
        return arg;
    };
    let heading = if arg.is_positional() {
        ARGUMENTS
    } else {
        OPTIONS
    };
    let takes_values = arg.get_action().takes_values();
    let mut arg = arg.help_heading(heading.get(lang));
    if takes_values {
        arg = arg.hide_default_value(true).hide_possible_values(true);
    }
    if let Some(value) = a.value {
        arg = arg.value_name(value.get(lang));
    }
    if let Some(values) = &a.values {
        let described = arg
            .get_possible_values()
            .into_iter()
            .map(|pv| {
                let help = values
                    .help
                    .iter()
                    .find(|(name, _)| *name == pv.get_name())
                    .map(|(_, h)| h.get(lang));
                pv.help(help)
            })
            .collect();
        arg = arg.value_parser((values.parser)(described));
    }
    let default = a.default.map(|d| d.get(lang).to_owned()).or_else(|| {
        let values: Vec<_> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy())
            .collect();
        (takes_values && !values.is_empty()).then(|| values.join(", "))
    });
    let default = default.map(|d| format!("[{}: {d}]", DEFAULT.get(lang)));
    let possible: Vec<PossibleValue> = if takes_values {
        arg.get_possible_values()
            .into_iter()
            .filter(|pv| !pv.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };

    let mut short = a.help.get(lang).to_owned();
    if let Some(d) = &default {
        short = format!("{short} {d}");
    }
    if !possible.is_empty() {
        let names: Vec<&str> = possible.iter().map(PossibleValue::get_name).collect();
        let _ = write!(short, " [{}: {}]", POSSIBLE.get(lang), names.join(", "));
    }
    let described = possible.iter().any(|pv| pv.get_help().is_some());
    if a.long.is_none() && !described {
        return arg.help(short);
    }
    let mut long = a.long.map_or(a.help, |l| l).get(lang).to_owned();
    if described {
        let _ = write!(long, "\n\n{}:", POSSIBLE_HEADING.get(lang));
        let names = possible
            .iter()
            .map(|pv| pv.get_name().len() + 1)
            .max()
            .unwrap_or(0);
        for pv in &possible {
            // Wrapped here, so that a value's help hangs under its first line: clap would wrap it
            // to the start of the line. `--help` starts each line 10 columns in.
            let name = format!("- {:names$} ", format!("{}:", pv.get_name()));
            let indent = " ".repeat(name.len());
            let help = pv.get_help().map(ToString::to_string).unwrap_or_default();
            let room = width.saturating_sub(LONG_INDENT + indent.len()).max(20);
            for (i, line) in wrap(&help, room).iter().enumerate() {
                let lead = if i == 0 { &name } else { &indent };
                let _ = write!(long, "\n{lead}{line}");
            }
        }
    } else if !possible.is_empty() {
        let names: Vec<&str> = possible.iter().map(PossibleValue::get_name).collect();
        let _ = write!(long, "\n\n[{}: {}]", POSSIBLE.get(lang), names.join(", "));
    }
    if let Some(d) = &default {
        let _ = write!(long, "\n\n{d}");
    }
    arg.help(short).long_help(long)
}

/// Where `--help` starts the help of each argument: clap puts it on the line below, 10 columns in.
const LONG_INDENT: usize = 10;

/// The words of `text` in lines of at most `width` columns (a longer word alone on its line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// A value enum's parser whose values carry help in one language.
struct Described<E> {
    values: Vec<PossibleValue>,
    kind: PhantomData<fn() -> E>,
}

impl<E> Clone for Described<E> {
    fn clone(&self) -> Self {
        Described {
            values: self.values.clone(),
            kind: PhantomData,
        }
    }
}

impl<E: ValueEnum + Clone + Send + Sync + 'static> TypedValueParser for Described<E> {
    type Value = E;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<E, clap::Error> {
        EnumValueParser::<E>::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().cloned()))
    }
}

fn described<E: ValueEnum + Clone + Send + Sync + 'static>(
    values: Vec<PossibleValue>,
) -> clap::builder::ValueParser {
    clap::builder::ValueParser::new(Described::<E> {
        values,
        kind: PhantomData,
    })
}

/// The parser of `--lang`: any well-formed language tag, with `ko` and `en` listed (the languages
/// of the tool's own words).
#[derive(Clone)]
pub(super) struct LangParser {
    values: Vec<PossibleValue>,
}

impl TypedValueParser for LangParser {
    type Value = Lang;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&Arg>,
        value: &OsStr,
    ) -> Result<Lang, clap::Error> {
        let parse = |s: &str| {
            Lang::parse(s).ok_or_else(|| {
                Bilingual::new(|lang| {
                    crate::tr!(
                        lang,
                        "`{}`는 언어 태그가 아닙니다. ko, en, de, pt-BR처럼 쓰십시오",
                        "`{}` is not a language tag such as ko, en, de or pt-BR",
                        crate::text::visible(s)
                    )
                })
            })
        };
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().cloned()))
    }
}

/// [`LangParser`] listing `values` (`ko` and `en` when none are given).
pub(super) fn lang_parser(values: Vec<PossibleValue>) -> clap::builder::ValueParser {
    let values = if values.is_empty() {
        vec![PossibleValue::new("ko"), PossibleValue::new("en")]
    } else {
        values
    };
    clap::builder::ValueParser::new(LangParser { values })
}

/// A message of a value parser in both languages: English through `Display`, Korean for
/// [`Korean`] errors.
#[derive(Debug)]
pub(super) struct Bilingual {
    ko: String,
    en: String,
}

impl Bilingual {
    pub(super) fn new(message: impl Fn(Lang) -> String) -> Bilingual {
        Bilingual {
            ko: message(Lang::Ko),
            en: message(Lang::En),
        }
    }
}

impl std::fmt::Display for Bilingual {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::error::Error for Bilingual {}

/// Prints a parse error (or the help or version that clap reports as one) in `lang`.
pub(super) fn print_error(e: clap::Error, lang: Lang) {
    let _ = match lang.ui() {
        Ui::Ko => e.apply::<Korean>().print(),
        Ui::En => e.print(),
    };
}

/// clap's parse errors in Korean, with the same parts as clap's own: what is wrong, a tip, the
/// usage line, and where to read more.
struct Korean;

impl ErrorFormatter for Korean {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let styles = Styles::default();
        let (bad, good, lit) = (
            styles.get_invalid(),
            styles.get_valid(),
            styles.get_literal(),
        );
        let err = styles.get_error();
        let mut out = StyledStr::new();
        let _ = write!(out, "{err}오류:{err:#} ");
        let string = |kind| match error.get(kind) {
            Some(ContextValue::String(s)) => Some(s.as_str()),
            _ => None,
        };
        let strings = |kind| match error.get(kind) {
            Some(ContextValue::Strings(v)) => v.clone(),
            Some(ContextValue::String(s)) => vec![s.clone()],
            _ => Vec::new(),
        };
        let number = |kind| match error.get(kind) {
            Some(ContextValue::Number(n)) => Some(*n),
            _ => None,
        };
        let arg = string(ContextKind::InvalidArg).unwrap_or_default();
        let value = string(ContextKind::InvalidValue).unwrap_or_default();
        let list = |out: &mut StyledStr, label: &str, values: Vec<String>| {
            if !values.is_empty() {
                let values: Vec<String> = values
                    .iter()
                    .map(|v| format!("{good}{v}{good:#}"))
                    .collect();
                let _ = write!(out, "\n  [{label}: {}]", values.join(", "));
            }
        };
        match error.kind() {
            ErrorKind::InvalidSubcommand => {
                let sub = string(ContextKind::InvalidSubcommand).unwrap_or_default();
                let _ = write!(out, "알 수 없는 명령: '{bad}{sub}{bad:#}'");
            }
            ErrorKind::UnknownArgument => {
                let _ = write!(out, "알 수 없는 인수: '{bad}{arg}{bad:#}'");
            }
            ErrorKind::InvalidValue if value.is_empty() => {
                let _ = write!(out, "'{lit}{arg}{lit:#}'에 값을 주어야 합니다");
                list(&mut out, POSSIBLE.ko, strings(ContextKind::ValidValue));
            }
            ErrorKind::InvalidValue => {
                let _ = write!(
                    out,
                    "'{lit}{arg}{lit:#}'에 쓸 수 없는 값: '{bad}{value}{bad:#}'"
                );
                list(&mut out, POSSIBLE.ko, strings(ContextKind::ValidValue));
            }
            ErrorKind::ValueValidation => {
                let _ = write!(
                    out,
                    "'{lit}{arg}{lit:#}'에 쓸 수 없는 값: '{bad}{value}{bad:#}'"
                );
                if let Some(reason) = std::error::Error::source(error).map(reason) {
                    let _ = write!(out, " ({reason})");
                }
            }
            ErrorKind::MissingRequiredArgument => {
                out.push_str("꼭 주어야 하는 인수가 빠졌습니다:");
                for a in strings(ContextKind::InvalidArg) {
                    let _ = write!(out, "\n  {good}{a}{good:#}");
                }
            }
            ErrorKind::MissingSubcommand => {
                let name = string(ContextKind::InvalidSubcommand).unwrap_or("esg");
                let _ = write!(out, "'{bad}{name}{bad:#}' 다음에 명령을 주어야 합니다");
                list(
                    &mut out,
                    SUBCOMMANDS.ko,
                    strings(ContextKind::ValidSubcommand),
                );
            }
            ErrorKind::ArgumentConflict => {
                let prior = strings(ContextKind::PriorArg);
                if prior.iter().any(|p| p == arg) {
                    let _ = write!(out, "'{bad}{arg}{bad:#}' 인수는 한 번만 쓸 수 있습니다");
                } else {
                    let prior: Vec<String> =
                        prior.iter().map(|p| format!("'{bad}{p}{bad:#}'")).collect();
                    let _ = write!(
                        out,
                        "'{bad}{arg}{bad:#}' 인수는 다음 인수와 함께 쓸 수 없습니다: {}",
                        prior.join(", ")
                    );
                }
            }
            ErrorKind::NoEquals => {
                let _ = write!(
                    out,
                    "'{lit}{arg}{lit:#}'에 값을 줄 때는 등호(=)로 이어 써야 합니다"
                );
            }
            ErrorKind::TooManyValues => {
                let _ = write!(
                    out,
                    "'{lit}{arg}{lit:#}'에 값이 너무 많습니다. 남는 값: '{bad}{value}{bad:#}'"
                );
            }
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
                let wanted = number(ContextKind::MinValues)
                    .or_else(|| number(ContextKind::ExpectedNumValues))
                    .unwrap_or_default();
                let got = number(ContextKind::ActualNumValues).unwrap_or_default();
                let _ = write!(
                    out,
                    "'{lit}{arg}{lit:#}'에는 값이 {good}{wanted}{good:#}개 필요한데 {bad}{got}{bad:#}개를 주었습니다"
                );
            }
            ErrorKind::InvalidUtf8 => {
                out.push_str("UTF-8이 아닌 인수가 있습니다");
            }
            _ => {
                out.push_str("명령줄을 해석하지 못했습니다");
                if let Some(source) = std::error::Error::source(error) {
                    let _ = write!(out, ": {}", reason(source));
                }
            }
        }
        let similar = [
            (ContextKind::SuggestedSubcommand, "비슷한 명령이 있습니다"),
            (ContextKind::SuggestedArg, "비슷한 인수가 있습니다"),
            (ContextKind::SuggestedValue, "비슷한 값이 있습니다"),
        ];
        let mut tipped = false;
        for (kind, words) in similar {
            let names = strings(kind);
            if !names.is_empty() {
                let names: Vec<String> = names
                    .iter()
                    .map(|n| format!("'{good}{n}{good:#}'"))
                    .collect();
                out.push_str(if tipped { "\n" } else { "\n\n" });
                tipped = true;
                let _ = write!(out, "  {good}도움말:{good:#} {words}: {}", names.join(", "));
            }
        }
        if let Some(ContextValue::StyledStrs(tips)) = error.get(ContextKind::Suggested) {
            for tip in tips {
                out.push_str(if tipped { "\n" } else { "\n\n" });
                tipped = true;
                let _ = write!(
                    out,
                    "  {good}도움말:{good:#} {}",
                    korean_tip(&tip.to_string())
                );
            }
        }
        // The command the usage line is about: `esg score --help` tells more than `--help`.
        let mut help = "--help".to_owned();
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let plain = usage.to_string();
            let words: Vec<&str> = plain
                .split_whitespace()
                .skip(1)
                .take_while(|w| !w.starts_with(['[', '<', '-', '{']))
                .collect();
            if !words.is_empty() {
                help = format!("{} --help", words.join(" "));
            }
            let usage = usage.ansi().to_string().replacen(USAGE.en, USAGE.ko, 1);
            let _ = write!(out, "\n\n{usage}");
        }
        let _ = write!(
            out,
            "\n\n자세한 내용은 '{lit}{help}{lit:#}'로 볼 수 있습니다.\n"
        );
        out
    }
}

/// Why a value was refused, in Korean where the reason is known.
fn reason(source: &(dyn std::error::Error + 'static)) -> String {
    if let Some(b) = source.downcast_ref::<Bilingual>() {
        return b.ko.clone();
    }
    if let Some(e) = source.downcast_ref::<std::num::ParseIntError>() {
        return match e.kind() {
            std::num::IntErrorKind::Empty => "값이 비어 있습니다",
            std::num::IntErrorKind::PosOverflow => "너무 큰 수입니다",
            _ => "0 이상의 정수가 아닙니다",
        }
        .to_owned();
    }
    if source.downcast_ref::<std::num::ParseFloatError>().is_some() {
        return "숫자가 아닙니다".to_owned();
    }
    source.to_string()
}

/// clap's tips ("to pass '-x' as a value, use '-- -x'") in Korean; any other tip as it is.
fn korean_tip(tip: &str) -> String {
    if let Some(rest) = tip.strip_prefix("to pass '") {
        if let Some((what, how)) = rest.split_once("' as a value, use '") {
            let how = how.strip_suffix('\'').unwrap_or(how);
            return format!("'{what}' 자체를 값으로 주려면 '{how}'라고 쓰십시오");
        }
    }
    if let Some(rest) = tip.strip_prefix("subcommand '") {
        if let Some((name, _)) = rest.split_once("' exists") {
            return format!("'{name}' 명령이 있습니다. 명령으로 쓰려면 앞의 '--' 없이 쓰십시오");
        }
    }
    if let Some(found) = tip.strip_suffix("' exists") {
        return format!("{found}' 옵션이 있습니다");
    }
    tip.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One text of the command line: where it is, and what it says.
    type Texts = Vec<(String, String)>;

    /// Every text a person reads in `esg --help` and the help of each command, keyed by where it
    /// is: `(helps, value names)`.
    fn texts(lang: Lang) -> (Texts, Texts) {
        let cmd = command(lang, ColorChoice::Never);
        let (mut helps, mut names) = (Vec::new(), Vec::new());
        walk(&cmd, "esg", &mut helps, &mut names);
        (helps, names)
    }

    fn text(s: Option<&StyledStr>) -> String {
        s.map(ToString::to_string).unwrap_or_default()
    }

    fn walk(cmd: &clap::Command, path: &str, helps: &mut Texts, names: &mut Texts) {
        helps.push((format!("{path}: about"), text(cmd.get_about())));
        if cmd.get_long_about().is_some() {
            helps.push((format!("{path}: long about"), text(cmd.get_long_about())));
        }
        if cmd.get_after_help().is_some() {
            helps.push((format!("{path}: after help"), text(cmd.get_after_help())));
        }
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let at = format!("{path} {}", arg.get_id());
            helps.push((at.clone(), text(arg.get_help())));
            if arg.get_long_help().is_some() {
                helps.push((format!("{at} (long)"), text(arg.get_long_help())));
            }
            if arg.get_action().takes_values() {
                let value = arg
                    .get_value_names()
                    .map(|v| {
                        v.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                names.push((format!("{at} <value>"), value));
                for pv in arg
                    .get_possible_values()
                    .iter()
                    .filter(|pv| !pv.is_hide_set())
                {
                    helps.push((format!("{at}={}", pv.get_name()), text(pv.get_help())));
                }
            }
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, &format!("{path} {}", sub.get_name()), helps, names);
        }
    }

    /// A help text without the default and the possible values added to it, which differ between
    /// the languages even when the words before them do not.
    fn own_words(help: &str, lang: Lang) -> &str {
        let added = [
            format!(" [{}: ", DEFAULT.get(lang)),
            format!(" [{}: ", POSSIBLE.get(lang)),
            format!("\n\n{}:", POSSIBLE_HEADING.get(lang)),
            format!("\n\n[{}: ", DEFAULT.get(lang)),
        ];
        let end = added.iter().filter_map(|a| help.find(a.as_str())).min();
        &help[..end.unwrap_or(help.len())]
    }

    #[test]
    fn every_command_argument_and_value_has_help_in_both_languages() {
        let (ko, ko_names) = texts(Lang::Ko);
        let (en, en_names) = texts(Lang::En);
        let places = |t: &Texts| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(places(&ko), places(&en), "the same tree in both languages");
        assert_eq!(places(&ko_names), places(&en_names));
        // Something to check: every command, the options of `score`, the values of `--format`.
        for place in [
            "esg score: about",
            "esg score fail_under",
            "esg score format=csv",
            "esg lint kind=answers",
            "esg completions shell=zsh",
            "esg help: about",
            "esg lang=ko",
            "esg score help",
        ] {
            assert!(ko.iter().any(|(p, _)| p == place), "{place} is walked");
        }
        let mut missing = Vec::new();
        for ((place, k), (_, e)) in ko.iter().zip(&en) {
            let (k, e) = (own_words(k, Lang::Ko), own_words(e, Lang::En));
            if k.trim().is_empty() || e.trim().is_empty() {
                missing.push(format!("{place}: no help (ko {k:?}, en {e:?})"));
            } else if k == e {
                missing.push(format!("{place}: the same in Korean and English: {k:?}"));
            }
        }
        for ((place, k), (_, e)) in ko_names.iter().zip(&en_names) {
            if k.trim().is_empty() || e.trim().is_empty() {
                missing.push(format!("{place}: no value name (ko {k:?}, en {e:?})"));
            }
        }
        assert!(missing.is_empty(), "{}", missing.join("\n"));
    }

    #[test]
    fn the_catalogue_names_only_what_exists() {
        let cmd = Cli::command();
        let check = |cmd: &clap::Command, c: &Cmd| {
            for a in c.args {
                let arg = cmd.get_arguments().find(|arg| arg.get_id() == a.id);
                let Some(arg) = arg else {
                    panic!("{} has no argument {}", c.name, a.id)
                };
                if let Some(values) = &a.values {
                    let real: Vec<String> = arg
                        .get_possible_values()
                        .iter()
                        .map(|pv| pv.get_name().to_owned())
                        .collect();
                    let named: Vec<&str> = values.help.iter().map(|(n, _)| *n).collect();
                    assert_eq!(
                        real, named,
                        "{} --{}: every value once, in order",
                        c.name, a.id
                    );
                }
            }
        };
        check(&cmd, &PROGRAM);
        for c in COMMANDS {
            let sub = cmd.find_subcommand(c.name);
            check(sub.unwrap_or_else(|| panic!("no command {}", c.name)), c);
        }
        assert_eq!(cmd.get_subcommands().count(), COMMANDS.len());
    }

    #[test]
    fn korean_help_names_no_english_placeholder() {
        let mut cmd = command(Lang::Ko, ColorChoice::Never);
        let help = cmd.render_long_help().to_string();
        for english in ["[OPTIONS]", "<COMMAND>", "Usage", "Options", "Commands"] {
            assert!(!help.contains(english), "{english} in:\n{help}");
        }
        let sub = cmd.find_subcommand_mut("score").unwrap();
        let help = sub.render_long_help().to_string();
        for english in [
            "[OPTIONS]",
            "[PATH]",
            "Arguments",
            "[default:",
            "Possible values",
        ] {
            assert!(!help.contains(english), "{english} in:\n{help}");
        }
        assert!(
            help.contains("사용법: esg score [옵션] [경로]..."),
            "{help}"
        );
    }

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_found_before_parsing() {
        assert_eq!(
            lang_in(&args(&["esg", "score", "--lang", "ko"])),
            Some(Lang::Ko)
        );
        assert_eq!(lang_in(&args(&["esg", "--lang=en", "-h"])), Some(Lang::En));
        assert_eq!(lang_in(&args(&["esg", "--lang", "fr"])), Lang::parse("fr"));
        assert_eq!(lang_in(&args(&["esg", "--lang", "fr_FR"])), None);
        assert_eq!(lang_in(&args(&["esg", "--lang"])), None);
        assert_eq!(lang_in(&args(&["esg", "--language", "ko"])), None);
        // After `--` every argument is a path.
        assert_eq!(
            lang_in(&args(&["esg", "score", "--", "--lang", "ko"])),
            None
        );
        assert_eq!(
            color_in(&args(&["esg", "--color=never"])),
            ColorChoice::Never
        );
        assert_eq!(color_in(&args(&["esg", "-h"])), ColorChoice::Auto);
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        use unicode_width::UnicodeWidthStr;
        let text = "채점 결과를 그대로 담은 JSON, format_version으로 형식의 버전을 표시";
        for width in [20, 40, 60] {
            let lines = wrap(text, width);
            assert!(lines.iter().all(|l| l.width() <= width), "{lines:?}");
            assert_eq!(lines.join(" "), text);
        }
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }

    #[test]
    fn clap_tips_in_korean() {
        assert_eq!(
            korean_tip("to pass '-x' as a value, use '-- -x'"),
            "'-x' 자체를 값으로 주려면 '-- -x'라고 쓰십시오"
        );
        assert_eq!(
            korean_tip("subcommand 'score' exists; to use it, remove the '--' before it"),
            "'score' 명령이 있습니다. 명령으로 쓰려면 앞의 '--' 없이 쓰십시오"
        );
        assert_eq!(
            korean_tip("'score --format' exists"),
            "'score --format' 옵션이 있습니다"
        );
    }
}
