//! Every request: the security checks first ([`security`]), then the page or the save it asks
//! for. Pages are plain forms that post and are redirected (POST-redirect-GET), so the
//! questionnaire works without JavaScript; the page's script sends the same forms with
//! `Accept: application/json` and gets the new score back instead of a redirect.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use maud::Markup;

use super::pages::{self, Chrome, Field, Live, Shown};
use super::security::{self, Refusal};
use super::store::{self, Change, Refused};
use super::{State, Target};
use crate::answers::{AnswerValue, Answers, Entry, State as AState};
use crate::assess::{Plan, Section, Session, input};
use crate::guideline::{Guideline, QuestionKind};
use crate::text::{Lang, Tag};
use crate::tr;

/// One request, read and checked, as the pages need it.
pub(crate) struct Req {
    pub(crate) post: bool,
    /// The path and query as sent, for returning to it.
    pub(crate) path: String,
    /// The path's segments, percent-decoded.
    segments: Vec<String>,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    pub(crate) lang: Lang,
    /// The languages the language switch offers: the guidelines'.
    languages: Vec<Tag>,
    /// The script asked for JSON rather than a redirect.
    json: bool,
    pub(crate) nonce: String,
}

impl Req {
    pub(crate) fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn fields(&self, name: &str) -> Vec<&str> {
        self.form
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn chrome(&self, title: String) -> Chrome<'_> {
        Chrome {
            lang: self.lang,
            languages: &self.languages,
            nonce: &self.nonce,
            title,
            here: &self.path,
            firm: None,
            report: None,
        }
    }
}

/// Answers one request.
pub(crate) async fn handle(state: Arc<State>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let lang = language(&state, &parts.headers);
    let Ok(nonce) = security::random_hex(16) else {
        return plain(StatusCode::INTERNAL_SERVER_ERROR, "no randomness");
    };
    let remote = (!super::is_loopback(&state.config.host)).then_some(state.port);
    let host = match security::host(&parts.headers, &state.hosts, remote) {
        Ok(h) => h.to_owned(),
        Err(r) => return refuse(r, lang),
    };
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let path = parts.uri.path().to_owned();
    // Where the page is, to come back to after switching the language.
    let here = parts
        .uri
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    // The secret of a URL is swapped for the session cookie, and the browser sent on without it.
    if let Some((_, token)) = query.iter().find(|(k, _)| k == "token") {
        if parts.method != Method::GET || !state.secrets.accept_token(token) {
            return refuse(Refusal::Secret, lang);
        }
        let mut r = redirect(&path);
        let cookie = format!(
            "{}={}; HttpOnly; SameSite=Strict; Path=/",
            security::cookie_name(state.port),
            state.secrets.cookie()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            r.headers_mut().insert(header::SET_COOKIE, v);
        }
        return r;
    }
    let cookie = security::cookie(&parts.headers, &security::cookie_name(state.port));
    if !cookie.is_some_and(|c| state.secrets.accept_cookie(c)) {
        return refuse(Refusal::Secret, lang);
    }
    if let Err(r) = security::origin(&parts.method, &parts.headers, &host) {
        return refuse(r, lang);
    }
    let too_large = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .is_some_and(|n| n > security::MAX_BODY as u64);
    if too_large {
        return refuse(Refusal::TooLarge, lang);
    }
    let Ok(bytes) = axum::body::to_bytes(body, security::MAX_BODY).await else {
        return refuse(Refusal::TooLarge, lang);
    };
    let form = if parts.method == Method::POST {
        form_urlencoded::parse(&bytes).into_owned().collect()
    } else {
        Vec::new()
    };
    let Some(segments) = segments(&path) else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    let json = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.starts_with("application/json"));
    let req = Req {
        post: parts.method == Method::POST,
        path: here,
        segments,
        query,
        form,
        lang,
        languages: languages(&state.config),
        json,
        nonce,
    };
    let head = parts.method == Method::HEAD;
    let worker = Arc::clone(&state);
    let mut response = match tokio::task::spawn_blocking(move || route(&worker, &req)).await {
        Ok(r) => r,
        Err(_) => plain(StatusCode::INTERNAL_SERVER_ERROR, "internal error"),
    };
    if head {
        *response.body_mut() = Body::empty();
    }
    response
}

/// The languages of the guidelines served, in their order: the first guideline's, then those of
/// the others it lacks.
fn languages(config: &super::Config) -> Vec<Tag> {
    let mut out = config.guideline.languages.clone();
    for g in &config.also {
        for t in &g.languages {
            if !out.contains(t) {
                out.push(*t);
            }
        }
    }
    out
}

/// The page language: the one chosen on the page (a cookie), else the command line's, else the
/// browser's first of Korean, English and the guideline's languages, else Korean.
fn language(state: &State, headers: &HeaderMap) -> Lang {
    if let Some(l) = security::cookie(headers, "esg-lang").and_then(Lang::parse) {
        return l;
    }
    if let Some(l) = state.config.lang {
        return l;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut best: Option<(f32, Lang)> = None;
    for part in accept.split(',') {
        let mut bits = part.split(';');
        let tag = bits.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = bits
            .find_map(|b| {
                b.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let lang = if tag == "ko" || tag.starts_with("ko-") {
            Lang::Ko
        } else if tag == "en" || tag.starts_with("en-") {
            Lang::En
        } else if let Some(l) = Lang::parse(&tag)
            .map(|l| l.or_first_of(&languages(&state.config)))
            .filter(|l| l.tag().language() == tag.split('-').next().unwrap_or(""))
        {
            // A language of the guideline (`de` for `de-AT`).
            l
        } else {
            continue;
        };
        if best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map_or(Lang::Ko, |(_, l)| l)
}

fn segments(path: &str) -> Option<Vec<String>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect()
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A path segment with everything but unreserved characters percent-encoded.
pub(crate) fn encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn plain(status: StatusCode, text: &str) -> Response {
    let mut r = Response::new(Body::from(text.to_owned()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    security::harden(r.headers_mut(), None);
    r
}

fn refuse(why: Refusal, lang: Lang) -> Response {
    let (status, text) = match why {
        Refusal::Host => (
            StatusCode::FORBIDDEN,
            lang.pick(
                "이 서버의 주소가 아닌 이름으로 온 요청이라 거절했습니다.",
                "Refused: the request names another host than this server.",
            ),
        ),
        Refusal::Secret => (
            StatusCode::FORBIDDEN,
            lang.pick(
                "비밀 주소 없이 온 요청이라 거절했습니다. esg serve가 터미널에 보여 준 주소(token=…)를 여십시오.",
                "Refused: no secret. Open the address esg serve printed in the terminal (with token=…).",
            ),
        ),
        Refusal::Origin => (
            StatusCode::FORBIDDEN,
            lang.pick(
                "이 서버의 페이지가 아닌 곳에서 보낸 변경이라 거절했습니다.",
                "Refused: the change was not sent from this server's pages.",
            ),
        ),
        Refusal::Method => (
            StatusCode::METHOD_NOT_ALLOWED,
            lang.pick("지원하지 않는 요청입니다.", "Method not allowed."),
        ),
        Refusal::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            lang.pick("보낸 내용이 너무 큽니다.", "Request body too large."),
        ),
    };
    plain(status, text)
}

pub(crate) fn html(status: StatusCode, markup: &Markup, nonce: &str) -> Response {
    let mut r = Response::new(Body::from(markup.0.clone()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    security::harden(r.headers_mut(), Some(nonce));
    r
}

fn json(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut r = Response::new(Body::from(value.to_string()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    security::harden(r.headers_mut(), None);
    r
}

fn redirect(to: &str) -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::SEE_OTHER;
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    security::harden(r.headers_mut(), None);
    r
}

fn not_found(req: &Req) -> Response {
    let lang = req.lang;
    let m = pages::message(
        &req.chrome(lang.pick("찾을 수 없음", "Not found").to_owned()),
        lang.pick("찾는 페이지가 없습니다.", "There is no such page."),
        None,
    );
    html(StatusCode::NOT_FOUND, &m, &req.nonce)
}

/// One firm's answers file and where its pages are.
pub(crate) struct Firm {
    pub(crate) path: PathBuf,
    /// `/f/NAME`, with the file name encoded (and `/g/ID` for a guideline after the first).
    pub(crate) base: String,
    /// Which guideline its pages ask: 0 the first, `i` the `i`th of `Config::also`.
    pub(crate) guideline: usize,
}

fn route(state: &State, req: &Req) -> Response {
    let seg: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    match (&state.config.target, seg.as_slice()) {
        (_, ["lang"]) if req.post => set_lang(req),
        (Target::File(path), []) => {
            let firm = file_firm(path);
            firm_page(state, req, &firm, &[])
        }
        (Target::Dir(dir), []) if !req.post => pages::portfolio(state, req, dir, None),
        (Target::Dir(dir), ["add"]) if req.post => add_firm(state, req, dir),
        (Target::File(path), ["f", name, "g", id, rest @ ..]) => {
            let mut firm = file_firm(path);
            let Some(i) = state.config.also.iter().position(|g| g.id == *id) else {
                return not_found(req);
            };
            if path.file_name().and_then(|n| n.to_str()) != Some(*name) {
                return not_found(req);
            }
            firm.guideline = i + 1;
            firm.base = format!("{}/g/{}", firm.base, encode(id));
            firm_page(state, req, &firm, rest)
        }
        (Target::File(path), ["f", name, rest @ ..]) => {
            let firm = file_firm(path);
            if path.file_name().and_then(|n| n.to_str()) != Some(*name) {
                return not_found(req);
            }
            firm_page(state, req, &firm, rest)
        }
        (Target::Dir(dir), ["f", name, rest @ ..]) => match store::firm_path(dir, name) {
            Some(path) => {
                let firm = Firm {
                    path,
                    base: format!("/f/{}", encode(name)),
                    guideline: 0,
                };
                firm_page(state, req, &firm, rest)
            }
            None => not_found(req),
        },
        _ => not_found(req),
    }
}

fn file_firm(path: &std::path::Path) -> Firm {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("answers.toml");
    Firm {
        path: path.to_path_buf(),
        base: format!("/f/{}", encode(name)),
        guideline: 0,
    }
}

fn set_lang(req: &Req) -> Response {
    // A well-formed tag only, spelled canonically: nothing else reaches the cookie.
    let lang = req.field("lang").and_then(Lang::parse).unwrap_or(Lang::Ko);
    // Only a path on this server (never `//host`).
    let back = req
        .field("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.contains('\\'))
        .unwrap_or("/");
    let mut r = redirect(back);
    let cookie = format!("esg-lang={lang}; SameSite=Strict; Path=/; Max-Age=31536000");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

fn add_firm(state: &State, req: &Req, dir: &std::path::Path) -> Response {
    let lang = req.lang;
    let g = &state.config.guideline;
    let name = match input::text(req.field("name").unwrap_or(""), lang) {
        Ok(n) if n.chars().count() <= 200 => n,
        Ok(_) => {
            let e = lang
                .pick("이름이 너무 깁니다.", "the name is too long")
                .to_owned();
            return pages::portfolio(state, req, dir, Some(e));
        }
        Err(e) => return pages::portfolio(state, req, dir, Some(e)),
    };
    let firm = crate::answers::Firm {
        name,
        reporting_year: Some(i64::from(state.config.this_year - 1)),
        ..crate::answers::Firm::default()
    };
    match store::add_firm(g, &state.locks, dir, &firm) {
        Ok(file) => redirect(&format!("/f/{}/", encode(&file))),
        Err(e) => pages::portfolio(state, req, dir, Some(e.message(lang))),
    }
}

/// What one firm's pages see: the file as read now, and the questionnaire over it.
pub(crate) struct View<'g> {
    /// The guideline the page asks.
    pub(crate) g: &'g Guideline,
    pub(crate) session: Session<'g>,
    pub(crate) plan: Plan,
    /// Whether each question is asked (still relevant), by question index.
    pub(crate) asked: Vec<bool>,
}

impl<'g> View<'g> {
    fn new(state: &'g State, firm: &Firm, answers: Answers) -> View<'g> {
        let g = state.guideline_of(firm);
        let session = Session::new(g, answers, state.config.this_year);
        let mut asked = vec![false; g.questions.len()];
        for q in session.review_list() {
            asked[q] = true;
        }
        View {
            g,
            session,
            plan: Plan::new(g),
            asked,
        }
    }

    /// The questions asked, in asking order.
    pub(crate) fn order(&self) -> Vec<usize> {
        self.plan
            .order
            .iter()
            .copied()
            .filter(|&q| self.asked[q])
            .collect()
    }

    /// The section of question `q`.
    pub(crate) fn section(&self, q: usize) -> Section {
        self.plan
            .position(q)
            .map_or(Section::Other, |p| self.plan.sections[p])
    }

    /// Where to go after question `q`: the next question asked and not answered after it, else
    /// the first not answered, else the review.
    pub(crate) fn after(&self, base: &str, q: usize) -> String {
        let order = self.order();
        let pos = order.iter().position(|&x| x == q);
        let open = |x: &usize| *x != q && !self.session.is_answered(*x);
        let next = pos
            .and_then(|p| order[p + 1..].iter().find(|x| open(x)))
            .or_else(|| order.iter().find(|x| open(x)));
        match next {
            Some(n) => format!("{base}/q/{n}"),
            None => format!("{base}/review"),
        }
    }

    /// The question asked before `q`, if any.
    pub(crate) fn before(&self, q: usize) -> Option<usize> {
        let order = self.order();
        let pos = order.iter().position(|&x| x == q)?;
        pos.checked_sub(1).map(|p| order[p])
    }

    /// Where the firm resumes: its name, then the first question not answered, else the review.
    pub(crate) fn resume(&self, base: &str) -> String {
        if self.session.answers().firm.name.trim().is_empty() {
            return format!("{base}/firm");
        }
        match self.session.unanswered().first() {
            Some(q) => format!("{base}/q/{q}"),
            None => format!("{base}/review"),
        }
    }

    /// The score, grade, area bars and questions left, as the page shows them.
    pub(crate) fn live(&self, lang: Lang) -> Live {
        let g = self.g;
        let s = crate::score::summarize(
            g,
            self.session.answers(),
            crate::score::Options {
                unanswered: crate::scorecard::Unanswered::Zero,
            },
        );
        let open = self.session.unanswered();
        let seconds: u32 = open
            .iter()
            .map(|&x| {
                crate::assess::seconds(g.questions[x].kind, self.session.series_years(x).len())
            })
            .sum();
        let gl = g.lang(lang);
        Live {
            total: s.total,
            grade: s.grade.map(|i| g.grades[i].title.show(gl).to_owned()),
            areas: g
                .areas
                .iter()
                .zip(&s.areas)
                .map(|(a, &score)| (a.title.show(gl).to_owned(), score))
                .collect(),
            remaining: crate::assess::Remaining {
                left: open.len(),
                seconds,
                lang,
            },
        }
    }
}

fn firm_page(state: &State, req: &Req, firm: &Firm, rest: &[&str]) -> Response {
    let g = state.guideline_of(firm);
    let loaded = match store::load(g, &firm.path) {
        Ok(l) => l,
        Err(e) => {
            let lang = req.lang;
            let m = pages::message(
                &req.chrome(lang.pick("파일을 읽을 수 없음", "Cannot read the file").to_owned()),
                lang.pick(
                    "답변 파일을 읽을 수 없어 아무것도 바꾸지 않았습니다. 파일을 고친 뒤 다시 여십시오.",
                    "The answers file cannot be read, so nothing was changed. Fix the file, then reload.",
                ),
                Some(&e.message(lang)),
            );
            return html(StatusCode::INTERNAL_SERVER_ERROR, &m, &req.nonce);
        }
    };
    if let (true, ["q", n]) = (req.post, rest) {
        // A save reads the file again under its lock; the questionnaire is built only for a page.
        let Some(q) = n.parse::<usize>().ok().filter(|&q| q < g.questions.len()) else {
            return not_found(req);
        };
        if loaded.answers.firm.name.trim().is_empty() {
            return redirect(&format!("{}/firm", firm.base));
        }
        return save_question(state, req, firm, loaded.answers, q);
    }
    let view = View::new(state, firm, loaded.answers);
    match rest {
        [] if !req.post => pages::home(state, req, firm, &view),
        ["next"] if !req.post => redirect(&view.resume(&firm.base)),
        ["review"] if !req.post => pages::review(req, firm, &view),
        ["report"] if !req.post => pages::report(req, firm, &view),
        ["firm"] if req.post => save_firm(state, req, firm, &view),
        ["firm"] => pages::firm_form(state, req, firm, &view, None, StatusCode::OK),
        ["q", n] => {
            let Some(q) = n.parse::<usize>().ok().filter(|&q| q < g.questions.len()) else {
                return not_found(req);
            };
            if view.session.answers().firm.name.trim().is_empty() {
                return redirect(&format!("{}/firm", firm.base));
            }
            if !view.asked[q] {
                // No longer asked (an answer ruled it out): on to the next one.
                redirect(&view.after(&firm.base, q))
            } else {
                let shown = Shown::of(view.session.answers(), q);
                pages::question(req, firm, &view, q, &shown, None, StatusCode::OK)
            }
        }
        _ => not_found(req),
    }
}

fn save_firm(state: &State, req: &Req, firm: &Firm, view: &View<'_>) -> Response {
    let lang = req.lang;
    let name = input::text(req.field("name").unwrap_or(""), lang);
    let year = req
        .field("year")
        .unwrap_or("")
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| crate::answers::YEARS.contains(y))
        .ok_or_else(|| {
            lang.pick(
                "2024처럼 1900에서 2100 사이의 연도를 입력하십시오.",
                "type a year between 1900 and 2100, such as 2024",
            )
            .to_owned()
        });
    let (name, year) = match (name, year) {
        (Ok(n), Ok(y)) => (n, y),
        (n, y) => {
            let errors = pages::FirmErrors {
                name: n.err(),
                year: y.err(),
                conflict: None,
            };
            return pages::firm_form(
                state,
                req,
                firm,
                view,
                Some(errors),
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    let was = req.field("was").unwrap_or("");
    match store::save(state, firm, &firm.path, was, Change::Firm { name, year }) {
        Ok(answers) => {
            let view = View::new(state, firm, answers);
            redirect(&view.resume(&firm.base))
        }
        Err(Refused::Conflict(now)) => {
            let errors = pages::FirmErrors {
                name: None,
                year: None,
                conflict: Some(now.firm.clone()),
            };
            pages::firm_form(state, req, firm, view, Some(errors), StatusCode::CONFLICT)
        }
        Err(Refused::NoFirm) => redirect(&format!("{}/firm", firm.base)),
        Err(Refused::Failed(e)) => failed(req, &e),
    }
}

fn failed(req: &Req, e: &crate::error::Error) -> Response {
    let lang = req.lang;
    if req.json {
        return json(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({ "ok": false, "message": e.message(lang) }),
        );
    }
    let m = pages::message(
        &req.chrome(lang.pick("저장하지 못함", "Not saved").to_owned()),
        lang.pick(
            "답변 파일에 저장하지 못했습니다.",
            "The answers file could not be saved.",
        ),
        Some(&e.message(lang)),
    );
    html(StatusCode::INTERNAL_SERVER_ERROR, &m, &req.nonce)
}

/// Reads the answer a question form sends: `Ok(None)` for no answer given.
fn read_value(
    state: &State,
    firm: &Firm,
    req: &Req,
    answers: &Answers,
    q: usize,
) -> Result<Option<AnswerValue>, String> {
    let question = &state.guideline_of(firm).questions[q];
    let lang = req.lang;
    let value = req.field("value").unwrap_or("").trim();
    match question.kind {
        QuestionKind::YesNo => Ok(match value {
            "yes" => Some(AnswerValue::Bool(true)),
            "no" => Some(AnswerValue::Bool(false)),
            _ => None,
        }),
        QuestionKind::Choice => Ok(value
            .parse::<usize>()
            .ok()
            .filter(|&i| i < question.options.len())
            .map(AnswerValue::Choice)),
        QuestionKind::Multi => {
            let mut ticked: Vec<usize> = req
                .fields("opt")
                .iter()
                .filter_map(|v| v.parse::<usize>().ok())
                .filter(|&i| i < question.options.len())
                .collect();
            ticked.sort_unstable();
            ticked.dedup();
            if ticked.is_empty() && req.field("none").is_none() {
                Ok(None)
            } else {
                Ok(Some(AnswerValue::Multi(ticked)))
            }
        }
        QuestionKind::Number | QuestionKind::Integer => {
            if value.is_empty() {
                Ok(None)
            } else {
                input::number(question, value, lang).map(|n| Some(AnswerValue::Num(n)))
            }
        }
        QuestionKind::Text => Ok((!value.is_empty()).then(|| AnswerValue::Text(value.to_owned()))),
        QuestionKind::Series => {
            let mut points = match answers.value(q) {
                Some(AnswerValue::Series(p)) => p.clone(),
                _ => Vec::new(),
            };
            for year in series_years(state, firm, answers, q) {
                let typed = req.field(&format!("y{year}")).unwrap_or("").trim();
                points.retain(|p| p.0 != year);
                if !typed.is_empty() {
                    let n = input::number(question, typed, lang)
                        .map_err(|m| tr!(lang, "{}년: {}", "{}: {}", year, m))?;
                    points.push((year, n));
                }
            }
            points.sort_by_key(|p| p.0);
            Ok((!points.is_empty()).then_some(AnswerValue::Series(points)))
        }
    }
}

/// The years series question `q` asks, as [`Session::series_years`] says them.
pub(crate) fn series_years(state: &State, firm: &Firm, answers: &Answers, q: usize) -> Vec<i32> {
    let year = answers
        .firm
        .reporting_year
        .and_then(|y| i32::try_from(y).ok())
        .unwrap_or(state.config.this_year - 1);
    crate::assess::years_needed(state.guideline_of(firm), q, year)
}

fn save_question(state: &State, req: &Req, firm: &Firm, answers: Answers, q: usize) -> Response {
    let lang = req.lang;
    let g = state.guideline_of(firm);
    let old = answers.entries[q].clone();
    let evidence = input::evidence(req.field("evidence").unwrap_or(""));
    let note = Some(req.field("note").unwrap_or("").trim().to_owned()).filter(|n| !n.is_empty());
    let shown = Shown::from_form(req, &series_years(state, firm, &answers, q));
    let act = req.field("act").unwrap_or("save");
    let state_now = old.as_ref().map(|e| e.state.clone());
    let new_state = match act {
        "clear" => None,
        "na" if g.questions[q].allow_na => {
            match input::reason(req.field("reason").unwrap_or(""), lang) {
                Ok(r) => Some(AState::NotApplicable(r)),
                Err(e) => return invalid(state, req, firm, answers, q, &shown, Field::Reason, e),
            }
        }
        _ => match read_value(state, firm, req, &answers, q) {
            Ok(Some(v)) => Some(AState::Value(v)),
            // No answer given: a question marked not applicable stays so (a note added to it
            // does not undo it); an answer erased is cleared.
            Ok(None) => match state_now {
                Some(s @ AState::NotApplicable(_)) => Some(s),
                _ => None,
            },
            Err(e) => return invalid(state, req, firm, answers, q, &shown, Field::Value, e),
        },
    };
    let (evidence, note) = if act == "clear" {
        old.as_ref()
            .map(|e| (e.evidence.clone(), e.note.clone()))
            .unwrap_or_default()
    } else {
        (evidence, note)
    };
    let entry = match new_state {
        Some(s) => Some(Entry {
            state: s,
            evidence,
            note,
        }),
        None if evidence.is_empty() && note.is_none() => None,
        None => Some(Entry {
            state: AState::Open,
            evidence,
            note,
        }),
    };
    let was = req.field("was").unwrap_or("");
    match store::save(state, firm, &firm.path, was, Change::Entry(q, entry)) {
        Ok(answers) => {
            let stamp = store::entry_stamp(&answers, q);
            let saved = View::new(state, firm, answers);
            if req.json {
                let live = saved.live(lang);
                return json(
                    StatusCode::OK,
                    &serde_json::json!({
                        "ok": true,
                        "was": stamp,
                        "live": live.json(lang),
                        "message": lang.pick("저장했습니다.", "Saved."),
                    }),
                );
            }
            let to = if req.field("from") == Some("review") {
                format!("{}/review", firm.base)
            } else if act == "clear" {
                format!("{}/q/{q}", firm.base)
            } else {
                saved.after(&firm.base, q)
            };
            redirect(&to)
        }
        Err(Refused::Conflict(now)) => {
            if req.json {
                return json(
                    StatusCode::CONFLICT,
                    &serde_json::json!({ "ok": false, "conflict": true }),
                );
            }
            let now_view = View::new(state, firm, *now);
            pages::conflict(req, firm, &now_view, q, &shown)
        }
        Err(Refused::NoFirm) => redirect(&format!("{}/firm", firm.base)),
        Err(Refused::Failed(e)) => failed(req, &e),
    }
}

#[allow(clippy::too_many_arguments)]
fn invalid(
    state: &State,
    req: &Req,
    firm: &Firm,
    answers: Answers,
    q: usize,
    shown: &Shown,
    field: Field,
    message: String,
) -> Response {
    if req.json {
        return json(
            StatusCode::UNPROCESSABLE_ENTITY,
            &serde_json::json!({
                "ok": false,
                "field": field.id(),
                "message": message,
            }),
        );
    }
    let view = View::new(state, firm, answers);
    pages::question(
        req,
        firm,
        &view,
        q,
        shown,
        Some(pages::Alert::Invalid(field, message)),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
}

/// Whether the answer shown in a review row was given.
pub(crate) fn answered(answers: &Answers, q: usize) -> bool {
    matches!(
        answers.entries[q].as_ref().map(|e| &e.state),
        Some(AState::Value(_) | AState::NotApplicable(_))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_decoded_and_encoded_back() {
        assert_eq!(
            segments("/f/%ED%95%9C%EB%B9%9B.toml/q/3"),
            Some(vec!["f".into(), "한빛.toml".into(), "q".into(), "3".into()])
        );
        assert_eq!(encode("한빛 a/b.toml"), "%ED%95%9C%EB%B9%9B%20a%2Fb.toml");
        assert_eq!(segments("/f/%zz"), None);
        assert_eq!(
            segments("/f/..%2F..%2Fetc"),
            Some(vec!["f".into(), "../../etc".into()])
        );
    }
}
