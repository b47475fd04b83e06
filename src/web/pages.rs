//! The pages, as maud templates: every piece of text from a file or a form is escaped by maud;
//! no element carries a `style` attribute (the Content-Security-Policy would block it), bars are
//! `<meter>` elements, and the one `<style>` and `<script>` carry the response's nonce.

use axum::http::StatusCode;
use axum::response::Response;
use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::State;
use super::app::{Firm, Req, View, answered, encode, html as respond};
use super::assets;
use super::store;
use crate::answers::{AnswerValue, Answers, Entry, State as AState};
use crate::assess::{Remaining, Section, input};
use crate::guideline::QuestionKind;
use crate::text::{Lang, Tag, number};
use crate::tr;

/// What every page has around its content.
pub(crate) struct Chrome<'a> {
    pub(crate) lang: Lang,
    /// The languages the switch offers (the guideline's), in its order.
    pub(crate) languages: &'a [Tag],
    pub(crate) nonce: &'a str,
    pub(crate) title: String,
    /// The path of this page, to come back to after switching the language.
    pub(crate) here: &'a str,
    /// The firm's name and the base of its pages.
    pub(crate) firm: Option<(String, String)>,
    /// The report's own stylesheet and the text at the foot of its printed pages, on the report's
    /// page.
    pub(crate) report: Option<String>,
}

/// The languages of the switch: the guideline's, in its order; Korean and English when it declares
/// only one of them or none (the tool's own words are in both).
fn switch(languages: &[Tag]) -> Vec<Tag> {
    if languages.iter().all(|t| *t == Tag::KO || *t == Tag::EN) {
        vec![Tag::KO, Tag::EN]
    } else {
        languages.to_vec()
    }
}

pub(crate) fn page(c: &Chrome<'_>, body: &Markup) -> Markup {
    let lang = c.lang;
    html! {
        (DOCTYPE)
        html lang=(lang.code()) data-esg-footer=[c.report.as_deref()] {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="same-origin";
                // No icon to fetch.
                link rel="icon" href="data:,";
                title { (c.title) " · " (lang.pick("ESG 자가진단", "ESG self-assessment")) }
                @if c.report.is_some() {
                    style nonce=(c.nonce) { (PreEscaped(crate::report::html::STYLESHEET)) }
                }
                style nonce=(c.nonce) { (PreEscaped(assets::STYLE)) }
            }
            body {
                header.top {
                    div.bar {
                        a.brand href="/" { (lang.pick("ESG 자가진단", "ESG self-assessment")) }
                        @if let Some((name, base)) = &c.firm {
                            nav aria-label=(lang.pick("회사 메뉴", "Firm menu")) {
                                a href={ (base) "/" } { (name) }
                                a href={ (base) "/review" } { (lang.pick("답 검토", "Review")) }
                                a href={ (base) "/report" } { (lang.pick("보고서", "Report")) }
                            }
                        }
                        form.lang method="post" action="/lang" {
                            input type="hidden" name="back" value=(c.here);
                            @for tag in switch(c.languages) {
                                button name="lang" value=(tag) aria-pressed=(lang.or_first_of(c.languages).tag() == tag) { (tag.autonym()) }
                            }
                        }
                    }
                }
                main { (body) }
                footer {
                    (lang.pick(
                        "답은 이 컴퓨터의 답변 파일에만 저장되며, 어떤 내용도 인터넷으로 보내지 않습니다.",
                        "Answers are saved only in the answers file on this computer; nothing is sent over the internet.",
                    ))
                }
                script nonce=(c.nonce) { (PreEscaped(assets::SCRIPT)) }
            }
        }
    }
}

/// A page with a message and, below it, details (an error as the command line words it).
pub(crate) fn message(c: &Chrome<'_>, text: &str, details: Option<&str>) -> Markup {
    page(
        c,
        &html! {
            h1 { (c.title) }
            p { (text) }
            @if let Some(d) = details { pre.details { (d) } }
            p { a href="/" { (c.lang.pick("처음으로", "Home")) } }
        },
    )
}

/// The score, grade, area bars and questions left.
pub(crate) struct Live {
    pub(crate) total: Option<f64>,
    pub(crate) grade: Option<String>,
    pub(crate) areas: Vec<(String, Option<f64>)>,
    pub(crate) remaining: Remaining,
}

fn score_text(s: Option<f64>) -> String {
    s.map_or_else(|| "–".to_owned(), |v| number(v, 1))
}

impl Live {
    /// The same numbers for the page's script.
    pub(crate) fn json(&self, _lang: Lang) -> serde_json::Value {
        serde_json::json!({
            "total": score_text(self.total),
            "grade": self.grade.clone().unwrap_or_default(),
            "areas": self.areas.iter().map(|(_, s)| serde_json::json!({
                "value": s.unwrap_or(0.0),
                "text": score_text(*s),
            })).collect::<Vec<_>>(),
            "left": self.remaining.to_string(),
        })
    }

    fn panel(&self, lang: Lang, report: Option<&str>) -> Markup {
        html! {
            section.live aria-live="polite" aria-label=(lang.pick("지금 점수", "Score so far")) {
                div.total {
                    span.label { (lang.pick("지금 점수", "Score so far")) }
                    span.num #live-total { (score_text(self.total)) }
                    span.of { "/ 100" }
                    span.grade #live-grade { (self.grade.clone().unwrap_or_default()) }
                }
                ul.areas {
                    @for (i, (title, score)) in self.areas.iter().enumerate() {
                        li {
                            span.area { (title) }
                            meter #{ "live-area-" (i) } min="0" max="100" value=(score.unwrap_or(0.0)) {}
                            span.num #{ "live-area-" (i) "-n" } { (score_text(*score)) }
                        }
                    }
                }
                p.left #live-left { (self.remaining.to_string()) }
                p.hint {
                    (lang.pick(
                        "답하지 않은 질문은 0점으로 계산한 점수입니다.",
                        "Unanswered questions count as 0 points.",
                    ))
                    @if let Some(r) = report { " " a href=(r) { (lang.pick("보고서 보기", "See the report")) } }
                }
            }
        }
    }
}

fn chrome<'a>(req: &'a Req, view: &View<'_>, firm: &Firm, title: String) -> Chrome<'a> {
    let mut c = req.chrome(title);
    let name = view.session.answers().firm.name.clone();
    let name = if name.trim().is_empty() {
        req.lang.pick("새 회사", "New firm").to_owned()
    } else {
        name
    };
    c.firm = Some((name, firm.base.clone()));
    c
}

/// A task of the task list: a section and how far it is.
struct Task {
    title: String,
    link: String,
    answered: usize,
    total: usize,
}

fn status(lang: Lang, answered: usize, total: usize) -> (&'static str, &'static str) {
    if answered == 0 {
        ("todo", lang.pick("시작 전", "Not started"))
    } else if answered < total {
        ("doing", lang.pick("작성 중", "In progress"))
    } else {
        ("done", lang.pick("완료", "Completed"))
    }
}

/// The firm's home: the task list (each section with 시작 전 / 작성 중 / 완료), the score so far,
/// and where to go on.
pub(crate) fn home(state: &State, req: &Req, firm: &Firm, view: &View<'_>) -> Response {
    let lang = req.lang;
    let g = view.g;
    let answers = view.session.answers();
    let named = !answers.firm.name.trim().is_empty();
    let mut tasks = vec![Task {
        title: lang
            .pick("회사 이름과 기준 연도", "Firm name and reporting year")
            .to_owned(),
        link: format!("{}/firm", firm.base),
        answered: usize::from(named),
        total: 1,
    }];
    // A section's link: its first question not answered, else its first question.
    let mut current: Option<Section> = None;
    let mut linked = false;
    for q in view.order() {
        let section = view.section(q);
        if current != Some(section) {
            current = Some(section);
            linked = false;
            tasks.push(Task {
                title: section.title(g, lang),
                link: format!("{}/q/{q}", firm.base),
                answered: 0,
                total: 0,
            });
        }
        if let Some(t) = tasks.last_mut() {
            t.total += 1;
            if view.session.is_answered(q) {
                t.answered += 1;
            } else if !linked {
                linked = true;
                t.link = format!("{}/q/{q}", firm.base);
            }
        }
    }
    let done = tasks.iter().filter(|t| t.answered == t.total).count();
    let live = view.live(lang);
    let resume = view.resume(&firm.base);
    let started = named && answers.entries.iter().any(Option::is_some);
    // A file for several guidelines: each one's questionnaire is a page of its own.
    let root = firm
        .base
        .split("/g/")
        .next()
        .unwrap_or(&firm.base)
        .to_owned();
    let others: Vec<(String, String)> = state
        .guidelines()
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != firm.guideline)
        .map(|(i, other)| {
            let link = if i == 0 {
                root.clone()
            } else {
                format!("{root}/g/{}", super::app::encode(&other.id))
            };
            let title = tr!(
                lang,
                "{} ({} {})",
                "{} ({} {})",
                other.title.show(other.lang(lang)),
                other.id,
                other.version
            );
            (title, link)
        })
        .collect();
    let body = html! {
        h1 { (tasks_title(lang, &answers.firm.name)) }
        p.lead {
            (tr!(lang, "{} ({} {})", "{} ({} {})", g.title.show(g.lang(lang)), g.id, g.version))
        }
        div.columns {
            div.main {
                p.summary {
                    (tr!(lang, "할 일 {}개 가운데 {}개 완료", "{1} of {0} sections completed", tasks.len(), done))
                    " · " (live.remaining.to_string())
                }
                a.button.primary href=(resume) {
                    @if started { (lang.pick("이어서 답하기", "Continue")) } @else { (lang.pick("시작하기", "Start")) }
                }
                ol.tasks {
                    @for t in &tasks {
                        @let (class, word) = status(lang, t.answered, t.total);
                        li {
                            a href=(t.link) { (t.title) }
                            span.count { (tr!(lang, "{}개 중 {}개 답함", "{1} of {0} answered", t.total, t.answered)) }
                            strong class={ "tag " (class) } { (word) }
                        }
                    }
                }
                p {
                    a href={ (firm.base) "/review" } { (lang.pick("모든 답 검토하기", "Review every answer")) }
                    " · "
                    a href={ (firm.base) "/report" } { (lang.pick("보고서 보기", "See the report")) }
                }
                @if !others.is_empty() {
                    h2 { (lang.pick("이 파일이 답하는 다른 가이드라인", "The other guidelines this file answers")) }
                    p { (lang.pick(
                        "가이드라인끼리 같은 항목은 한 번만 답합니다. 여기서 답한 공통 항목은 다른 가이드라인에서도 답한 것으로 보입니다.",
                        "What the guidelines share is answered once: a shared item answered here shows as answered in the others too.",
                    )) }
                    ul.guidelines {
                        @for (title, link) in &others {
                            li { a href=(link) { (title) } }
                        }
                    }
                }
                p.file { (lang.pick("답변 파일: ", "Answers file: ")) code { (firm.path.display().to_string()) } }
            }
            aside { (live.panel(lang, None)) }
        }
    };
    let c = chrome(
        req,
        view,
        firm,
        lang.pick("할 일 목록", "Task list").to_owned(),
    );
    respond(StatusCode::OK, &page(&c, &body), &req.nonce)
}

fn tasks_title(lang: Lang, name: &str) -> String {
    if name.trim().is_empty() {
        lang.pick("새 회사의 ESG 자가진단", "A new firm's ESG self-assessment")
            .to_owned()
    } else {
        tr!(lang, "{}의 ESG 자가진단", "{}: ESG self-assessment", name)
    }
}

/// What the firm's form reports back.
pub(crate) struct FirmErrors {
    pub(crate) name: Option<String>,
    pub(crate) year: Option<String>,
    /// The file changed since the form was shown: the firm as it is now.
    pub(crate) conflict: Option<crate::answers::Firm>,
}

pub(crate) fn firm_form(
    state: &State,
    req: &Req,
    firm: &Firm,
    view: &View<'_>,
    errors: Option<FirmErrors>,
    status: StatusCode,
) -> Response {
    let lang = req.lang;
    let answers = view.session.answers();
    let (name, year) = if errors.is_some() {
        (
            req.field_or("name", ""),
            req.field_or("year", "").trim().to_owned(),
        )
    } else {
        (
            answers.firm.name.clone(),
            answers
                .firm
                .reporting_year
                .unwrap_or(i64::from(state.config.this_year - 1))
                .to_string(),
        )
    };
    let errors = errors.unwrap_or(FirmErrors {
        name: None,
        year: None,
        conflict: None,
    });
    let was = match &errors.conflict {
        Some(now) => store::firm_stamp(now),
        None => store::firm_stamp(&answers.firm),
    };
    let body = html! {
        h1 { (lang.pick("회사 이름과 기준 연도", "Firm name and reporting year")) }
        @if let Some(now) = &errors.conflict {
            div.alert role="alert" {
                p { (lang.pick(
                    "다른 창에서 이 답을 먼저 바꿨습니다. 지금 파일에 있는 값과 이 창에서 적은 값을 보고, 남길 값을 다시 저장하십시오.",
                    "This was changed in another window first. Compare the file's values with yours below, then save the ones to keep.",
                )) }
                p { (lang.pick("지금 파일: ", "Now in the file: ")) strong { (now.name) } " · " (now.reporting_year.map(|y| y.to_string()).unwrap_or_default()) }
            }
        }
        form.q method="post" action={ (firm.base) "/firm" } data-plain="1" {
            input type="hidden" name="was" value=(was);
            div.field {
                label for="name" { (lang.pick("회사 이름", "Firm name")) }
                p.help { (lang.pick(
                    "보고서 첫 줄에 나오는 회사 이름입니다. 등기된 이름을 그대로 적으면 됩니다.",
                    "The firm's name, as the first line of the report shows it; its registered name will do.",
                )) }
                @if let Some(e) = &errors.name { p.error #err-name { (e) } }
                input #name type="text" name="name" value=(name) required autocomplete="organization"
                    aria-invalid=(errors.name.is_some());
            }
            div.field {
                label for="year" { (lang.pick("기준 연도 (수치가 나타내는 해, 보통 지난해)", "Reporting year (the year your figures describe, usually last year)")) }
                @if let Some(e) = &errors.year { p.error #err-year { (e) } }
                input #year type="text" inputmode="numeric" name="year" value=(year) required
                    aria-invalid=(errors.year.is_some());
            }
            div.actions {
                button.primary type="submit" { (lang.pick("저장하고 다음", "Save and continue")) }
            }
        }
    };
    let c = chrome(req, view, firm, lang.pick("회사 정보", "Firm").to_owned());
    respond(status, &page(&c, &body), &req.nonce)
}

/// Which field a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Value,
    Reason,
}

impl Field {
    pub(crate) fn id(self) -> &'static str {
        match self {
            Field::Value => "value",
            Field::Reason => "reason",
        }
    }
}

/// The values a question's form shows: the file's, or those just sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct Shown {
    value: String,
    ticked: Vec<usize>,
    none: bool,
    years: Vec<(i32, String)>,
    reason: String,
    evidence: String,
    note: String,
    was: String,
    /// The unit the figure is written in (an index into the question's `units`).
    unit: usize,
    /// A table's rows, each cell as the form holds it (an option's index, "yes"/"no", text).
    rows: Vec<Vec<String>>,
    /// The new row of a table's form.
    new_row: Vec<String>,
}

fn raw_number(n: f64) -> String {
    format!("{n}")
}

impl Shown {
    pub(crate) fn of(answers: &Answers, q: usize) -> Shown {
        let mut s = Shown {
            was: store::entry_stamp(answers, q),
            ..Shown::default()
        };
        let Some(e) = &answers.entries[q] else {
            return s;
        };
        // A figure is shown as written, in the unit the file names.
        let written = match (&e.state, &e.given) {
            (AState::Value(_), Some(g)) => {
                s.unit = g.unit;
                Some(&g.value)
            }
            (AState::Value(v), None) => Some(v),
            _ => None,
        };
        match &e.state {
            AState::Value(_) => match written.expect("a value") {
                AnswerValue::Bool(b) => s.value = if *b { "yes" } else { "no" }.to_owned(),
                AnswerValue::Choice(i) => s.value = i.to_string(),
                AnswerValue::Multi(t) => {
                    s.ticked.clone_from(t);
                    s.none = t.is_empty();
                }
                AnswerValue::Num(n) => s.value = raw_number(*n),
                AnswerValue::Text(t) => s.value.clone_from(t),
                AnswerValue::Series(p) => {
                    s.years = p.iter().map(|(y, n)| (*y, raw_number(*n))).collect();
                }
                AnswerValue::Table(rows) => {
                    s.none = rows.is_empty();
                    s.rows = rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| match c {
                                    crate::answers::Cell::Bool(b) => {
                                        if *b { "yes" } else { "no" }.to_owned()
                                    }
                                    crate::answers::Cell::Choice(i) => i.to_string(),
                                    crate::answers::Cell::Num(n) => raw_number(*n),
                                    crate::answers::Cell::Text(t) => t.clone(),
                                })
                                .collect()
                        })
                        .collect();
                }
            },
            AState::NotApplicable(r) => s.reason.clone_from(r),
            AState::Open => {}
        }
        s.evidence = e.evidence.join("\n");
        s.note = e.note.clone().unwrap_or_default();
        s
    }

    pub(crate) fn from_form(req: &Req, years: &[i32]) -> Shown {
        Shown {
            value: req.field_or("value", ""),
            ticked: req
                .fields("opt")
                .iter()
                .filter_map(|v| v.parse().ok())
                .collect(),
            none: req.field("none").is_some(),
            years: years
                .iter()
                .map(|&y| (y, req.field_or(&format!("y{y}"), "")))
                .collect(),
            reason: req.field_or("reason", ""),
            evidence: req.field_or("evidence", ""),
            note: req.field_or("note", ""),
            was: req.field_or("was", ""),
            unit: req
                .field("unit")
                .and_then(|u| u.trim().parse().ok())
                .unwrap_or(0),
            rows: (0..table_rows(req)).map(|i| req.fields_of_row(i)).collect(),
            new_row: req.fields_of_row(table_rows(req)),
        }
    }

    fn year(&self, y: i32) -> &str {
        self.years
            .iter()
            .find(|p| p.0 == y)
            .map_or("", |p| p.1.as_str())
    }
}

/// How many rows a table's form showed (its hidden `rows` field), at most [`MAX_ROWS`].
///
/// [`MAX_ROWS`]: crate::guideline::MAX_ROWS
pub(crate) fn table_rows(req: &Req) -> usize {
    req.field("rows")
        .and_then(|n| n.trim().parse::<usize>().ok())
        .unwrap_or(0)
        .min(crate::guideline::MAX_ROWS)
}

impl Req {
    /// The cells of row `i` of a table's form (`r{i}c{column}`), as sent, up to the first
    /// column not sent.
    pub(crate) fn fields_of_row(&self, i: usize) -> Vec<String> {
        (0..)
            .map_while(|c| self.field(&format!("r{i}c{c}")).map(str::to_owned))
            .collect()
    }

    pub(crate) fn field_or(&self, name: &str, default: &str) -> String {
        self.field(name).unwrap_or(default).to_owned()
    }
}

/// A message shown above a question's form.
pub(crate) enum Alert {
    Invalid(Field, String),
    /// Another window saved this answer first: what the file holds now.
    Conflict(Markup),
}

/// One question's page: its prompt, help beside it, the form for its kind, not applicable with
/// a reason, evidence and a note, and the links back and on.
#[allow(clippy::too_many_arguments)]
pub(crate) fn question(
    req: &Req,
    firm: &Firm,
    view: &View<'_>,
    q: usize,
    shown: &Shown,
    alert: Option<Alert>,
    status: StatusCode,
) -> Response {
    let lang = req.lang;
    let g = view.g;
    let gl = g.lang(lang);
    let question = &g.questions[q];
    let progress = view.session.progress(q, lang);
    let live = view.live(lang);
    let from_review = req.query("from") == Some("review") || req.field("from") == Some("review");
    let prev = view.before(q).map(|p| format!("{}/q/{p}", firm.base));
    let skip = if from_review {
        format!("{}/review", firm.base)
    } else {
        view.after(&firm.base, q)
    };
    let error = |f: Field| match &alert {
        Some(Alert::Invalid(x, m)) if *x == f => Some(m.clone()),
        _ => None,
    };
    let value_error = error(Field::Value);
    let reason_error = error(Field::Reason);
    let hint = input::hint(question, lang);
    let is_na = matches!(
        view.session.answers().entries[q].as_ref().map(|e| &e.state),
        Some(AState::NotApplicable(_))
    );
    let has_answer = view.session.is_answered(q) || view.session.answers().entries[q].is_some();
    let body = html! {
        p.progress { (progress.to_string()) " · " (progress.remaining.to_string()) }
        @if let Some(Alert::Conflict(theirs)) = &alert {
            div.alert role="alert" {
                p { strong { (lang.pick(
                    "다른 창에서 이 답을 먼저 바꿨기 때문에 저장하지 않았습니다.",
                    "Not saved: this answer was changed in another window first.",
                )) } }
                p { (lang.pick(
                    "지금 파일에 있는 답과 이 창에서 적은 답(아래 양식)을 비교해 보십시오. 이 창의 답을 남기려면 다시 저장하고, 파일의 답을 남기려면 이 페이지를 새로 여십시오.",
                    "Compare the answer now in the file with yours (the form below). Save again to keep yours; reopen this page to keep the file's.",
                )) }
                div.theirs { span.label { (lang.pick("지금 파일에 있는 답", "Now in the file")) } (theirs) }
                p { a href={ (firm.base) "/q/" (q) } { (lang.pick("파일에 있는 답 남기기", "Keep the file's answer")) } }
            }
        }
        div.columns {
            div.main {
                form.q method="post" action={ (firm.base) "/q/" (q) } data-live=[(question.kind != QuestionKind::Table).then_some("1")] novalidate {
                    input type="hidden" name="was" value=(shown.was);
                    @if from_review { input type="hidden" name="from" value="review"; }
                    fieldset {
                        legend { h1 { (question.prompt.show(gl)) } }
                        @if question.kind == QuestionKind::Series {
                            p.note { (view.session.series_note(q, lang)) }
                        }
                        @if !hint.is_empty() && question.kind != QuestionKind::Series { p.hint { (hint) } }
                        @if let Some(e) = &value_error { p.error #err-value role="alert" { (e) } }
                        @else { p.error #err-value hidden {} }
                        (fields(lang, g, q, shown, &view.session.series_years(q), value_error.is_some()))
                    }
                    div.actions {
                        button.primary type="submit" name="act" value="save" {
                            (if from_review { lang.pick("저장하고 검토로", "Save and back to review") } else { lang.pick("저장하고 다음", "Save and continue") })
                        }
                        a.button href=(skip) { (lang.pick("건너뛰기", "Skip for now")) }
                        @if let Some(p) = &prev { a.button.back href=(p) { "← " (lang.pick("이전 질문", "Previous question")) } }
                        span.saved #save-status aria-live="polite" {}
                    }
                    details.more open[!shown.evidence.is_empty() || !shown.note.is_empty()] {
                        summary { (lang.pick("근거 자료와 메모", "Evidence and a note")) }
                        div.field {
                            label for="evidence" { (lang.pick("근거 자료 (문서 이름이나 링크, 한 줄에 하나)", "Evidence (document names or links, one a line)")) }
                            textarea #evidence name="evidence" rows="3" { (shown.evidence) }
                        }
                        div.field {
                            label for="note" { (lang.pick("메모", "Note")) }
                            textarea #note name="note" rows="2" { (shown.note) }
                        }
                        p.hint { (lang.pick("근거 자료와 메모는 답과 함께 저장됩니다.", "Evidence and the note are saved with the answer.")) }
                    }
                    @if question.allow_na {
                        details.more open[is_na || reason_error.is_some()] {
                            summary { (lang.pick("이 회사에는 해당 없음", "Does not apply to this firm")) }
                            div.field {
                                label for="reason" { (lang.pick("해당 없는 이유 (보고서에 그대로 나옵니다)", "Why it does not apply (the report shows it as written)")) }
                                @if let Some(e) = &reason_error { p.error #err-reason role="alert" { (e) } }
                                @else { p.error #err-reason hidden {} }
                                input #reason type="text" name="reason" value=(shown.reason)
                                    aria-invalid=(reason_error.is_some());
                            }
                            button type="submit" name="act" value="na" { (lang.pick("해당 없음으로 저장", "Save as not applicable")) }
                        }
                    }
                    @if has_answer {
                        p.clear { button.link type="submit" name="act" value="clear" { (lang.pick("이 답 지우기", "Clear this answer")) } }
                    }
                }
            }
            aside {
                @if let Some(h) = &question.help {
                    section.help {
                        h2 { (lang.pick("도움말", "Help")) }
                        @for para in h.show(gl).split("\n\n") { p { (para) } }
                    }
                }
                (live.panel(lang, Some(&format!("{}/report", firm.base))))
            }
        }
    };
    let c = chrome(req, view, firm, question.prompt.show(gl).to_owned());
    respond(status, &page(&c, &body), &req.nonce)
}

/// The form fields of question `q`'s kind.
fn fields(
    lang: Lang,
    g: &crate::guideline::Guideline,
    q: usize,
    shown: &Shown,
    years: &[i32],
    bad: bool,
) -> Markup {
    let question = &g.questions[q];
    let gl = g.lang(lang);
    match question.kind {
        QuestionKind::YesNo => html! {
            div.choices {
                label { input type="radio" name="value" value="yes" checked[shown.value == "yes"]; " " (lang.pick("예", "Yes")) }
                label { input type="radio" name="value" value="no" checked[shown.value == "no"]; " " (lang.pick("아니요", "No")) }
            }
        },
        QuestionKind::Choice => html! {
            div.choices {
                @for (i, o) in question.options.iter().enumerate() {
                    label { input type="radio" name="value" value=(i) checked[shown.value == i.to_string()]; " " (o.text.show(gl)) }
                }
            }
        },
        QuestionKind::Multi => html! {
            div.choices {
                @for (i, o) in question.options.iter().enumerate() {
                    label { input type="checkbox" name="opt" value=(i) checked[shown.ticked.contains(&i)]; " " (o.text.show(gl)) }
                }
                label.none { input type="checkbox" name="none" value="1" checked[shown.none]; " " (lang.pick("해당하는 것이 없음", "None of these")) }
            }
        },
        QuestionKind::Number | QuestionKind::Integer => html! {
            div.field {
                input #value type="text" inputmode="decimal" name="value" value=(shown.value)
                    aria-invalid=(bad) aria-describedby="err-value" autocomplete="off";
                @if question.units.is_empty() {
                    @if let Some(u) = &question.unit { span.unit { (u.show(gl)) } }
                } @else {
                    (unit_select(lang, gl, question, shown.unit))
                }
            }
        },
        QuestionKind::Text => html! {
            div.field {
                textarea #value name="value" rows="3" aria-invalid=(bad) aria-describedby="err-value" { (shown.value) }
            }
        },
        QuestionKind::Table => {
            let cell = |r: usize, c: usize, col: &crate::guideline::Column, now: &str| {
                let name = format!("r{r}c{c}");
                html! {
                    div.field {
                        label for=(name) { (col.prompt.show(gl)) @if let Some(u) = &col.unit { " (" (u.show(gl)) ")" } }
                        @match col.kind {
                            QuestionKind::YesNo => {
                                select id=(name) name=(name) {
                                    option value="" selected[now.is_empty()] { "" }
                                    option value="yes" selected[now == "yes"] { (lang.pick("예", "Yes")) }
                                    option value="no" selected[now == "no"] { (lang.pick("아니요", "No")) }
                                }
                            }
                            QuestionKind::Choice => {
                                select id=(name) name=(name) {
                                    option value="" selected[now.is_empty()] { "" }
                                    @for (i, o) in col.options.iter().enumerate() {
                                        option value=(i) selected[now == i.to_string()] { (o.text.show(gl)) }
                                    }
                                }
                            }
                            _ => {
                                input id=(name) type="text" name=(name) value=(now) autocomplete="off"
                                    inputmode=[matches!(col.kind, QuestionKind::Number | QuestionKind::Integer).then_some("decimal")];
                            }
                        }
                    }
                }
            };
            let n = shown.rows.len();
            html! {
                input type="hidden" name="rows" value=(n);
                @for (r, row) in shown.rows.iter().enumerate() {
                    fieldset.row {
                        legend { (tr!(lang, "{}행", "Row {}", r + 1)) }
                        @for (c, col) in question.columns.iter().enumerate() {
                            (cell(r, c, col, row.get(c).map_or("", String::as_str)))
                        }
                        label.remove { input type="checkbox" name={ "del" (r) } value="1"; " " (lang.pick("이 행 지우기", "Remove this row")) }
                    }
                }
                fieldset.row {
                    legend { (lang.pick("새 행", "New row")) }
                    @for (c, col) in question.columns.iter().enumerate() {
                        (cell(n, c, col, shown.new_row.get(c).map_or("", String::as_str)))
                    }
                    button type="submit" name="act" value="add" { (lang.pick("저장하고 행 더하기", "Save and add another row")) }
                }
                @if n == 0 {
                    label.none { input type="checkbox" name="none" value="1" checked[shown.none]; " " (lang.pick("해당하는 행이 없음", "No rows")) }
                }
            }
        }
        QuestionKind::Series => {
            let hint = input::hint_in(question, shown.unit, lang);
            html! {
                @if !question.units.is_empty() {
                    div.field { (unit_select(lang, gl, question, shown.unit)) }
                }
                @for &y in years {
                    div.field.year {
                        label for={ "y" (y) } { (tr!(lang, "{}년", "{}", y)) " " span.hint { (hint) } }
                        input id={ "y" (y) } type="text" inputmode="decimal" name={ "y" (y) } value=(shown.year(y))
                            aria-invalid=(bad) autocomplete="off";
                    }
                }
            }
        }
    }
}

/// The choice of unit of a question with several (`unit`, the index of the unit).
fn unit_select(
    lang: Lang,
    gl: Lang,
    question: &crate::guideline::Question,
    chosen: usize,
) -> Markup {
    html! {
        label.unit for="unit" { (lang.pick("단위", "Unit")) " "
            select #unit name="unit" {
                @for (i, u) in question.units.iter().enumerate() {
                    option value=(i) selected[i == chosen] { (u.text.show(gl)) }
                }
            }
        }
    }
}

/// An entry in words: the answer, or not applicable with its reason, then evidence and note.
pub(crate) fn describe(
    g: &crate::guideline::Guideline,
    q: usize,
    entry: Option<&Entry>,
    lang: Lang,
) -> Markup {
    let question = &g.questions[q];
    let answer = match entry.map(|e| (e, &e.state)) {
        Some((e, AState::Value(_))) => {
            crate::score::show_entry(question, e, g.lang(lang)).unwrap_or_default()
        }
        Some((_, AState::NotApplicable(r))) => {
            tr!(lang, "해당 없음: {}", "Not applicable: {}", r)
        }
        _ => lang.pick("답하지 않음", "Unanswered").to_owned(),
    };
    html! {
        span.answer { (answer) }
        @if let Some(e) = entry {
            @if !e.evidence.is_empty() {
                span.evidence { (lang.pick("근거 자료: ", "Evidence: ")) (e.evidence.join(" · ")) }
            }
            @if let Some(n) = &e.note { span.note { (lang.pick("메모: ", "Note: ")) (n) } }
        }
    }
}

/// The conflict page: the question's form with the values just sent, and what the file holds now.
pub(crate) fn conflict(
    req: &Req,
    firm: &Firm,
    now: &View<'_>,
    q: usize,
    shown: &Shown,
) -> Response {
    let g = now.g;
    let answers = now.session.answers();
    let theirs = describe(g, q, answers.entries[q].as_ref(), req.lang);
    let mut mine = shown.clone();
    mine.was = store::entry_stamp(answers, q);
    question(
        req,
        firm,
        now,
        q,
        &mine,
        Some(Alert::Conflict(theirs)),
        StatusCode::CONFLICT,
    )
}

/// Every question asked with its answer, unanswered ones first, each with a link to change it.
pub(crate) fn review(req: &Req, firm: &Firm, view: &View<'_>) -> Response {
    let lang = req.lang;
    let g = view.g;
    let answers = view.session.answers();
    let list = view.session.review_list();
    let open = view.session.unanswered().len();
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (n, &q) in list.iter().enumerate() {
        let heading = if n < open {
            lang.pick("답하지 않은 질문", "Unanswered").to_owned()
        } else {
            view.section(q).title(g, lang)
        };
        match groups.last_mut() {
            Some((h, qs)) if *h == heading => qs.push(q),
            _ => groups.push((heading, vec![q])),
        }
    }
    let body = html! {
        h1 { (lang.pick("답 검토", "Review your answers")) }
        p.summary { (tr!(lang, "질문 {}개 가운데 {}개에 답했습니다.", "{1} of {0} questions answered.", list.len(), list.len() - open)) }
        dl.review {
            div.row {
                dt { (lang.pick("회사 이름과 기준 연도", "Firm name and reporting year")) }
                dd { (answers.firm.name) " · " (answers.firm.reporting_year.map(|y| y.to_string()).unwrap_or_default()) }
                dd.change { a href={ (firm.base) "/firm" } { (lang.pick("바꾸기", "Change")) } }
            }
        }
        @for (heading, qs) in &groups {
            h2 { (heading) }
            dl.review {
                @for &q in qs {
                    div class={ "row" @if !answered(answers, q) { " open" } } {
                        dt { (view.session.progress(q, lang).number) ". " (g.questions[q].prompt.show(g.lang(lang))) }
                        dd { (describe(g, q, answers.entries[q].as_ref(), lang)) }
                        dd.change { a href={ (firm.base) "/q/" (q) "?from=review" } {
                            @if answered(answers, q) { (lang.pick("바꾸기", "Change")) } @else { (lang.pick("답하기", "Answer")) }
                        } }
                    }
                }
            }
        }
        p { a.button.primary href={ (firm.base) "/report" } { (lang.pick("보고서 보기", "See the report")) } }
    };
    let c = chrome(req, view, firm, lang.pick("답 검토", "Review").to_owned());
    respond(StatusCode::OK, &page(&c, &body), &req.nonce)
}

/// The report: the same page as `esg score --format html` of the file, in the page's chrome.
pub(crate) fn report(req: &Req, firm: &Firm, view: &View<'_>) -> Response {
    let lang = req.lang;
    let g = view.g;
    let card = crate::score::score(
        g,
        view.session.answers(),
        crate::score::Options {
            unanswered: crate::scorecard::Unanswered::Zero,
        },
    );
    let style = crate::report::Style {
        width: 100,
        color: false,
        top: 5,
        detail: false,
    };
    let report = crate::report::Report::new(&card, lang, style);
    let open = view.session.unanswered().len();
    let body = html! {
        div.toolbar {
            @if open > 0 {
                p { (tr!(lang,
                    "아직 답하지 않은 질문 {}개는 0점으로 계산했습니다. ",
                    "{} questions not yet answered count as 0 points. ",
                    open)) a href=(view.resume(&firm.base)) { (lang.pick("이어서 답하기", "Continue answering")) } }
            }
            button.primary type="button" data-print="1" hidden {
                (lang.pick("인쇄 또는 PDF로 저장", "Print or save as PDF"))
            }
        }
        (crate::report::html::body(&report))
    };
    let mut c = chrome(req, view, firm, lang.pick("보고서", "Report").to_owned());
    c.report = Some(crate::report::html::footer(&report));
    respond(StatusCode::OK, &page(&c, &body), &req.nonce)
}

/// A directory's firms: total, grade, completeness and GHG totals from the portfolio engine, and
/// a form to add a firm.
pub(crate) fn portfolio(
    state: &State,
    req: &Req,
    dir: &std::path::Path,
    error: Option<String>,
) -> Response {
    let lang = req.lang;
    let g = &state.config.guideline;
    let batch = crate::batch::Batch {
        guideline: g,
        unanswered: crate::scorecard::Unanswered::Zero,
        reports: None,
    };
    let names = store::firms(dir);
    let rows: Vec<(String, crate::portfolio::Row)> = names
        .into_iter()
        .map(|n| {
            let row = batch.score_file(&dir.join(&n));
            (n, row)
        })
        .collect();
    let t = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |x| number(x, 1));
    let body = html! {
        h1 { (lang.pick("회사 목록", "Firms")) }
        p.lead { (tr!(lang, "{} · 회사 {}곳", "{} · {} firms", dir.display().to_string(), rows.len())) }
        div.scroll {
            table.firms {
                thead { tr {
                    th { (lang.pick("회사", "Firm")) }
                    th.n { (lang.pick("총점", "Total")) }
                    th { (lang.pick("등급", "Grade")) }
                    th.n { (lang.pick("답한 비율", "Completeness")) }
                    th.n { (lang.pick("Scope 1 직접 배출 (tCO2e)", "Scope 1 (tCO2e)")) }
                    th.n { (lang.pick("Scope 2 간접 배출, 위치 기준 (tCO2e)", "Scope 2, location-based (tCO2e)")) }
                    th {}
                } }
                tbody {
                    @for (name, row) in &rows {
                        @let base = format!("/f/{}", encode(name));
                        tr {
                            @if let Some(s) = &row.scored {
                                td { a href={ (base) "/" } { (s.firm) } br; small { (name) } }
                                td.n { (t(s.total)) }
                                td { (s.grade.as_ref().and_then(|id| g.grades.iter().find(|x| &x.id == id)).map(|x| x.title.show(g.lang(lang)).to_owned()).unwrap_or_default()) }
                                td.n { (s.completeness.map_or_else(|| "–".to_owned(), |c| format!("{}%", number(c * 100.0, 0)))) }
                                td.n { (t(s.ghg.as_ref().map(|x| x.scope1_tco2e))) }
                                td.n { (t(s.ghg.as_ref().map(|x| x.scope2_location_tco2e))) }
                                td { a href={ (base) "/report" } { (lang.pick("보고서", "Report")) } }
                            } @else {
                                td { a href={ (base) "/" } { (name) } }
                                td colspan="6" {
                                    (lang.pick("읽을 수 없는 파일: ", "Cannot be read: "))
                                    (row.error.as_ref().map(|e| e.message.get(lang).to_owned()).unwrap_or_default())
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (lang.pick("회사 더하기", "Add a firm")) }
        form.add method="post" action="/add" data-plain="1" {
            div.field {
                label for="name" { (lang.pick("회사 이름", "Firm name")) }
                @if let Some(e) = &error { p.error #err-name role="alert" { (e) } }
                input #name type="text" name="name" required aria-invalid=(error.is_some());
            }
            button.primary type="submit" { (lang.pick("새 답변 파일 만들기", "Create its answers file")) }
            p.hint { (lang.pick("이 폴더에 회사 이름으로 새 답변 파일을 만듭니다. 있는 파일은 덮어쓰지 않습니다.", "A new answers file named after the firm is made in this folder; no file is ever replaced.")) }
        }
    };
    let c = req.chrome(lang.pick("회사 목록", "Firms").to_owned());
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    respond(status, &page(&c, &body), &req.nonce)
}
