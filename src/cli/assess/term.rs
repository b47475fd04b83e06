//! The prompts of `esg assess`, drawn on the terminal with crossterm: a line to type into, a list
//! to choose from (one item or several), and a list of lines. Each prompt is a block of rows
//! below the cursor, wrapped at spaces to the terminal's width, drawn again after every key; when
//! the terminal is resized the screen is cleared and the block drawn once at the top, so no row is
//! left twice. Every word on the screen comes from the caller, in the session's language.

use std::io::Write;

use crossterm::cursor::{Hide, MoveTo, MoveToColumn, MoveUp, Show};
use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers,
};
use crossterm::style::{Attribute, Stylize};
use crossterm::terminal::{self, Clear, ClearType};
use crossterm::{execute, queue};

use super::Stop;
use super::line::{Line, columns, rows};
use crate::text::{Lang, visible, wrap};

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Stop {
        Stop::Failed(e.into())
    }
}

/// What a prompt ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Reply<T> {
    /// Enter: what was typed or chosen.
    Done(T),
    /// `<`: the previous question.
    Back,
    /// Esc: the menu.
    Menu,
    /// Several lines pasted at once (a column of numbers).
    Pasted(Vec<String>),
}

/// The terminal's width and height, with a fallback for a terminal that does not say.
pub(super) fn size() -> (usize, usize) {
    terminal::size().map_or((80, 24), |(w, h)| (usize::from(w), usize::from(h)))
}

/// How text is styled: nothing without colour.
#[derive(Debug, Clone, Copy)]
pub(super) struct Look {
    pub(super) color: bool,
    pub(super) lang: Lang,
}

impl Look {
    fn dim(self, s: &str) -> String {
        if self.color {
            s.attribute(Attribute::Dim).to_string()
        } else {
            s.to_owned()
        }
    }
    fn bold(self, s: &str) -> String {
        if self.color {
            s.attribute(Attribute::Bold).to_string()
        } else {
            s.to_owned()
        }
    }
    fn error(self, s: &str) -> String {
        if self.color {
            s.red().to_string()
        } else {
            s.to_owned()
        }
    }
}

/// Text of several paragraphs wrapped to `width`, control characters made visible.
pub(super) fn wrapped(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        if para.trim().is_empty() {
            out.push(String::new());
            continue;
        }
        let indent: String = para.chars().take_while(|c| *c == ' ').collect();
        let shown = visible(para.trim_start());
        let inner = width.saturating_sub(columns(&indent)).max(8);
        out.extend(
            wrap(&shown, inner)
                .into_iter()
                .map(|l| format!("{indent}{l}")),
        );
    }
    out
}

/// `text` cut to one row of `max` columns, ending in `…` when cut.
pub(super) fn clip(text: &str, max: usize) -> String {
    let text = visible(text);
    if columns(&text) <= max {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in text.chars() {
        let cw = columns(c.encode_utf8(&mut [0; 4]));
        if w + cw + 1 > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// Prints `text` wrapped to the terminal's width, on standard error (in raw mode too).
pub(super) fn say(text: &str) {
    let width = size().0.saturating_sub(1).max(20);
    let mut err = std::io::stderr().lock();
    if text.is_empty() {
        let _ = err.write_all(b"\r\n");
    }
    for l in wrapped(text, width) {
        let _ = write!(err, "{l}\r\n");
    }
    let _ = err.flush();
}

/// Raw mode and bracketed paste for the whole questionnaire, so that keys typed between two
/// prompts are read as keys (not echoed, not turned into other keys by the terminal's line
/// discipline).
pub(super) struct Raw;

impl Raw {
    pub(super) fn on() -> Result<Raw, Stop> {
        terminal::enable_raw_mode()?;
        let _ = execute!(std::io::stderr(), EnableBracketedPaste);
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = execute!(std::io::stderr(), DisableBracketedPaste, Show);
        let _ = terminal::disable_raw_mode();
    }
}

/// Draws a block of rows and remembers how far the cursor stands below its first row.
struct Painter {
    row: usize,
}

impl Painter {
    fn paint(&mut self, lines: &[String], cursor: Option<(usize, usize)>) -> std::io::Result<()> {
        let mut out = std::io::stderr().lock();
        queue!(out, MoveToColumn(0))?;
        if self.row > 0 {
            queue!(out, MoveUp(u16::try_from(self.row).unwrap_or(u16::MAX)))?;
        }
        queue!(out, Clear(ClearType::FromCursorDown))?;
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\r\n")?;
            }
            out.write_all(l.as_bytes())?;
        }
        let last = lines.len().saturating_sub(1);
        let (row, col) = cursor.unwrap_or((last, 0));
        if last > row {
            queue!(out, MoveUp(u16::try_from(last - row).unwrap_or(u16::MAX)))?;
        }
        queue!(out, MoveToColumn(u16::try_from(col).unwrap_or(0)))?;
        if cursor.is_some() {
            queue!(out, Show)?;
        } else {
            queue!(out, Hide)?;
        }
        self.row = row;
        out.flush()
    }

    /// Clears the screen and prints `context` at its top: after a resize, when the rows printed
    /// before may have been rewrapped by the terminal.
    fn restart(&mut self, context: &[String], width: usize) -> std::io::Result<()> {
        let mut out = std::io::stderr().lock();
        queue!(out, Clear(ClearType::All), MoveTo(0, 0))?;
        for c in context {
            for l in wrapped(c, width) {
                out.write_all(l.as_bytes())?;
                out.write_all(b"\r\n")?;
            }
        }
        self.row = 0;
        out.flush()
    }

    /// Leaves the block as it is and moves below it.
    fn leave(&mut self, lines: usize) -> std::io::Result<()> {
        let mut out = std::io::stderr().lock();
        let below = lines.saturating_sub(1).saturating_sub(self.row);
        for _ in 0..below {
            out.write_all(b"\r\n")?;
        }
        out.write_all(b"\r\n")?;
        self.row = 0;
        out.flush()
    }
}

/// A key or a paste, as a prompt receives it.
pub(super) enum Input {
    Key(KeyEvent),
    Paste(String),
}

/// What a prompt does after a key.
enum Flow<T> {
    Stay,
    End(Reply<T>),
}

/// A prompt drawn as a block of rows.
trait Widget {
    type Out;
    /// The rows at `width` columns with at most about `height` rows, and where the cursor stands
    /// (`None` hides it).
    fn draw(
        &self,
        look: Look,
        width: usize,
        height: usize,
    ) -> (Vec<String>, Option<(usize, usize)>);
    /// The rows left on the screen once the prompt has ended.
    fn done(&self, look: Look, width: usize) -> Vec<String>;
    fn input(&mut self, input: Input) -> Flow<Self::Out>;
}

fn is_ctrl_c(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL) && matches!(k.code, KeyCode::Char('c' | 'C'))
}

/// Runs a prompt until it ends. `context` is shown above it when the screen has to be redrawn.
fn run<W: Widget>(look: Look, w: &mut W, context: &[String]) -> Result<Reply<W::Out>, Stop> {
    let mut p = Painter { row: 0 };
    loop {
        let (width, height) = size();
        let width = width.saturating_sub(1).max(20);
        let (mut lines, mut cursor) = w.draw(look, width, height);
        // Never taller than the screen: the rows above the top could not be drawn again.
        let max = height.saturating_sub(1).max(3);
        if lines.len() > max {
            let row = cursor.map_or(0, |c| c.0);
            let cut = (lines.len() - max).min(row);
            lines.drain(..cut);
            lines.truncate(max);
            cursor = cursor.map(|(r, c)| (r - cut, c));
        }
        p.paint(&lines, cursor)?;
        let input = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Release => continue,
            Event::Key(k) if is_ctrl_c(&k) => {
                let done = w.done(look, width);
                p.paint(&done, None)?;
                p.leave(done.len())?;
                return Err(Stop::Interrupted);
            }
            // Ctrl-J and Ctrl-M are Enter, as a line feed or a carriage return.
            Event::Key(k)
                if k.modifiers.contains(KeyModifiers::CONTROL)
                    && matches!(k.code, KeyCode::Char('j' | 'm')) =>
            {
                Input::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
            }
            Event::Key(k) => Input::Key(k),
            Event::Paste(s) => Input::Paste(s),
            Event::Resize(..) => {
                p.restart(context, size().0.saturating_sub(1).max(20))?;
                continue;
            }
            _ => continue,
        };
        if let Flow::End(reply) = w.input(input) {
            let done = w.done(look, width);
            p.paint(&done, None)?;
            p.leave(done.len())?;
            return Ok(reply);
        }
    }
}

/// Key hints separated by ` · `, wrapped between hints so that no hint is cut in two.
fn push_keys(out: &mut Vec<String>, keys: &str, width: usize, look: Look) {
    let mut row = String::new();
    for hint in keys.split(" · ") {
        if !row.is_empty() && columns(&row) + 3 + columns(hint) > width {
            out.extend(wrapped(&row, width).iter().map(|l| look.dim(l)));
            row.clear();
        }
        if !row.is_empty() {
            row.push_str(" · ");
        }
        row.push_str(hint);
    }
    out.extend(wrapped(&row, width).iter().map(|l| look.dim(l)));
}

fn push_wrapped(out: &mut Vec<String>, text: &str, width: usize, style: impl Fn(&str) -> String) {
    out.extend(wrapped(text, width).iter().map(|l| style(l)));
}

/// Checks a typed answer: `Err` holds the message that says what to type.
pub(super) type Check<'a> = Box<dyn Fn(&str) -> Result<(), String> + 'a>;

/// A line to type into.
pub(super) struct Ask<'a> {
    /// The question.
    pub(super) message: String,
    /// The answer kept by an empty Enter, shown on its own row (not as typed text).
    pub(super) default: Option<String>,
    /// How the default is shown: "Now: 12 · Enter keeps it, ↑ edits it".
    pub(super) default_label: String,
    /// Text to start with, to be edited (a note).
    pub(super) initial: String,
    /// The keys, on the last row.
    pub(super) keys: String,
    /// Shown by `?` and Enter.
    pub(super) help: Option<String>,
    /// Whether `<` goes back.
    pub(super) back: bool,
    /// Whether lines pasted at once come back as [`Reply::Pasted`].
    pub(super) paste_lines: bool,
    /// Checks what is typed (empty, when there is no default, included).
    pub(super) check: Check<'a>,
    pub(super) help_open: bool,
    line: Line,
    error: Option<String>,
    shown: String,
}

impl<'a> Ask<'a> {
    pub(super) fn new(message: impl Into<String>, keys: impl Into<String>) -> Ask<'a> {
        Ask {
            message: message.into(),
            default: None,
            default_label: String::new(),
            initial: String::new(),
            keys: keys.into(),
            help: None,
            back: true,
            paste_lines: false,
            check: Box::new(|_| Ok(())),
            help_open: false,
            line: Line::default(),
            error: None,
            shown: String::new(),
        }
    }

    /// Asks until Enter, `<`, Esc or a paste of several lines.
    pub(super) fn ask(mut self, look: Look, context: &[String]) -> Result<Reply<String>, Stop> {
        self.line = Line::new(&self.initial);
        run(look, &mut self, context)
    }

    fn enter(&mut self) -> Flow<String> {
        let text = self.line.text();
        let t = text.trim();
        if t == "?" {
            self.line.clear();
            self.help_open = !self.help_open;
            return Flow::Stay;
        }
        if t == "<" && self.back {
            self.shown = "<".into();
            return Flow::End(Reply::Back);
        }
        if t.is_empty() {
            if let Some(d) = &self.default {
                self.shown = d.clone();
                return Flow::End(Reply::Done(d.clone()));
            }
        }
        match (self.check)(t) {
            Ok(()) => {
                self.shown = t.to_owned();
                Flow::End(Reply::Done(t.to_owned()))
            }
            Err(m) => {
                self.error = Some(m);
                Flow::Stay
            }
        }
    }
}

impl Widget for Ask<'_> {
    type Out = String;

    fn draw(&self, look: Look, width: usize, _: usize) -> (Vec<String>, Option<(usize, usize)>) {
        let mut out = Vec::new();
        push_wrapped(&mut out, &self.message, width, |l| look.bold(l));
        if self.default.is_some() && !self.default_label.is_empty() {
            push_wrapped(&mut out, &self.default_label, width, |l| look.dim(l));
        }
        let (input, (row, col)) = rows(
            "> ",
            &self.line.text(),
            self.line.before_cursor().chars().count(),
            width,
        );
        let cursor = (out.len() + row, col);
        out.extend(input);
        if let Some(e) = &self.error {
            push_wrapped(&mut out, e, width, |l| look.error(l));
        }
        if self.help_open {
            let help = self.help.as_deref().unwrap_or(look.lang.pick(
                "이 질문에는 도움말이 없습니다.",
                "This question has no help text.",
            ));
            out.push(String::new());
            push_wrapped(&mut out, help, width, |l| l.to_owned());
            out.push(String::new());
        }
        push_keys(&mut out, &self.keys, width, look);
        (out, Some(cursor))
    }

    fn done(&self, look: Look, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        push_wrapped(&mut out, &self.message, width, |l| look.bold(l));
        out.extend(rows("> ", &visible(&self.shown), 0, width).0);
        out
    }

    fn input(&mut self, input: Input) -> Flow<String> {
        match input {
            Input::Paste(text) => {
                let lines: Vec<&str> = text.trim_end_matches(['\r', '\n']).lines().collect();
                if self.paste_lines && lines.len() > 1 {
                    self.shown = lines.join(" · ");
                    return Flow::End(Reply::Pasted(
                        lines.iter().map(|l| l.trim().to_owned()).collect(),
                    ));
                }
                self.line.insert_str(&lines.join(" "));
                self.error = None;
                Flow::Stay
            }
            Input::Key(k) => match k.code {
                KeyCode::Enter => self.enter(),
                KeyCode::Esc => Flow::End(Reply::Menu),
                KeyCode::Up if self.line.is_empty() => {
                    if let Some(d) = &self.default {
                        self.line = Line::new(d);
                    }
                    Flow::Stay
                }
                _ => {
                    if self.line.edit(&k) {
                        self.error = None;
                    }
                    Flow::Stay
                }
            },
        }
    }
}

/// One row of a list: an item to choose, or a heading between items.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) text: String,
    pub(super) heading: bool,
}

impl Item {
    pub(super) fn new(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            heading: false,
        }
    }
    pub(super) fn heading(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            heading: true,
        }
    }
}

/// A list to choose one item from (or tick several). Typing filters; `?` shows the help.
pub(super) struct Choose {
    pub(super) message: String,
    pub(super) items: Vec<Item>,
    /// The item the cursor starts on: `None` starts on none, so that Enter alone chooses nothing.
    pub(super) cursor: Option<usize>,
    /// Ticks, for a list of several answers.
    pub(super) ticked: Option<Vec<bool>>,
    pub(super) keys: String,
    pub(super) help: Option<String>,
    /// Whether `<` goes back.
    pub(super) back: bool,
    pub(super) help_open: bool,
    lang: Lang,
    filter: String,
    error: Option<String>,
    chosen: Option<String>,
}

impl Choose {
    pub(super) fn new(
        lang: Lang,
        message: impl Into<String>,
        items: Vec<Item>,
        keys: impl Into<String>,
    ) -> Choose {
        Choose {
            lang,
            message: message.into(),
            items,
            cursor: None,
            ticked: None,
            keys: keys.into(),
            help: None,
            back: true,
            help_open: false,
            filter: String::new(),
            error: None,
            chosen: None,
        }
    }

    /// Asks until Enter, `<` or Esc; the indices chosen (one, or those ticked).
    pub(super) fn ask(mut self, look: Look, context: &[String]) -> Result<Reply<Vec<usize>>, Stop> {
        if let Some(c) = self.cursor {
            if self.items.get(c).is_none_or(|i| i.heading) {
                self.cursor = None;
            }
        }
        run(look, &mut self, context)
    }

    fn shown(&self, i: usize) -> bool {
        let item = &self.items[i];
        if self.filter.is_empty() {
            return true;
        }
        !item.heading
            && item
                .text
                .to_lowercase()
                .contains(&self.filter.to_lowercase())
    }

    fn choosable(&self) -> Vec<usize> {
        (0..self.items.len())
            .filter(|&i| !self.items[i].heading && self.shown(i))
            .collect()
    }

    fn step(&mut self, by: isize) {
        let list = self.choosable();
        if list.is_empty() {
            return;
        }
        let pos = match self.cursor.and_then(|c| list.iter().position(|&x| x == c)) {
            Some(p) => p.saturating_add_signed(by).min(list.len() - 1),
            None if by > 0 => 0,
            None => list.len() - 1,
        };
        self.cursor = Some(list[pos]);
    }

    fn refilter(&mut self) {
        self.error = None;
        let list = self.choosable();
        if self.filter.is_empty() {
            return;
        }
        if !self.cursor.is_some_and(|c| list.contains(&c)) {
            self.cursor = list.first().copied();
        }
    }

    fn item_rows(&self, i: usize, width: usize) -> Vec<String> {
        let item = &self.items[i];
        if item.heading {
            return wrapped(&item.text, width);
        }
        let mark = if self.cursor == Some(i) { "> " } else { "  " };
        let tick = match &self.ticked {
            Some(t) if t[i] => "[x] ",
            Some(_) => "[ ] ",
            None => "",
        };
        let first = format!("{mark}{tick}");
        let indent = " ".repeat(columns(&first));
        let inner = width.saturating_sub(indent.len()).max(8);
        let mut out = Vec::new();
        for (n, l) in wrapped(&item.text, inner).into_iter().enumerate() {
            out.push(if n == 0 {
                format!("{first}{l}")
            } else {
                format!("{indent}{l}")
            });
        }
        if out.is_empty() {
            out.push(first);
        }
        out
    }
}

impl Widget for Choose {
    type Out = Vec<usize>;

    fn draw(
        &self,
        look: Look,
        width: usize,
        height: usize,
    ) -> (Vec<String>, Option<(usize, usize)>) {
        let mut top = Vec::new();
        push_wrapped(&mut top, &self.message, width, |l| look.bold(l));
        if !self.filter.is_empty() {
            let label = look.lang.pick("찾기: ", "Filter: ");
            top.push(look.dim(&clip(&format!("{label}{}", self.filter), width)));
        }
        let mut bottom = Vec::new();
        if let Some(e) = &self.error {
            push_wrapped(&mut bottom, e, width, |l| look.error(l));
        }
        if self.help_open {
            let help = self.help.as_deref().unwrap_or(look.lang.pick(
                "이 질문에는 도움말이 없습니다.",
                "This question has no help text.",
            ));
            bottom.push(String::new());
            push_wrapped(&mut bottom, help, width, |l| l.to_owned());
            bottom.push(String::new());
        }
        push_keys(&mut bottom, &self.keys, width, look);
        let shown: Vec<usize> = (0..self.items.len()).filter(|&i| self.shown(i)).collect();
        let blocks: Vec<Vec<String>> = shown.iter().map(|&i| self.item_rows(i, width)).collect();
        let room = height.saturating_sub(1 + top.len() + bottom.len()).max(4);
        // The window of items: the cursor's item in view, as many items around it as fit.
        let at = self
            .cursor
            .and_then(|c| shown.iter().position(|&x| x == c))
            .unwrap_or(0);
        let total: usize = blocks.iter().map(Vec::len).sum();
        let (mut from, mut to) = (at, at + 1);
        if total > room {
            let room = room - 2;
            let mut used = blocks.get(at).map_or(0, Vec::len);
            while from > 0 && used + blocks[from - 1].len() <= room {
                from -= 1;
                used += blocks[from].len();
            }
            while to < blocks.len() && used + blocks[to].len() <= room {
                used += blocks[to].len();
                to += 1;
            }
        } else {
            from = 0;
            to = blocks.len();
        }
        let mut out = top;
        if total > room && from > 0 {
            out.push(look.dim(look.lang.pick("  ↑ 더 있음", "  ↑ more")));
        }
        for (n, b) in blocks.iter().enumerate().take(to).skip(from) {
            let i = shown[n];
            for l in b {
                out.push(if self.items[i].heading || self.cursor == Some(i) {
                    look.bold(l)
                } else {
                    l.clone()
                });
            }
        }
        if total > room && to < blocks.len() {
            out.push(look.dim(look.lang.pick("  ↓ 더 있음", "  ↓ more")));
        }
        if shown.iter().all(|&i| self.items[i].heading) {
            out.push(look.dim(&clip(
                &crate::tr!(
                    look.lang,
                    "  \"{}\"에 맞는 항목이 없습니다. Backspace로 지우십시오.",
                    "  Nothing matches \"{}\"; Backspace removes it.",
                    self.filter
                ),
                width,
            )));
        }
        out.extend(bottom);
        (out, None)
    }

    fn done(&self, look: Look, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        push_wrapped(&mut out, &self.message, width, |l| look.bold(l));
        if let Some(c) = &self.chosen {
            out.extend(wrapped(&format!("> {c}"), width));
        }
        out
    }

    fn input(&mut self, input: Input) -> Flow<Vec<usize>> {
        let k = match input {
            Input::Paste(text) => {
                self.filter.push_str(&text.replace(['\r', '\n'], " "));
                self.refilter();
                return Flow::Stay;
            }
            Input::Key(k) => k,
        };
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Up => self.step(-1),
            KeyCode::Down | KeyCode::Tab => self.step(1),
            KeyCode::Char('p') if ctrl => self.step(-1),
            KeyCode::Char('n') if ctrl => self.step(1),
            KeyCode::PageUp => self.step(-10),
            KeyCode::PageDown => self.step(10),
            KeyCode::Home => self.step(isize::MIN / 2),
            KeyCode::End => self.step(isize::MAX / 2),
            KeyCode::Esc => return Flow::End(Reply::Menu),
            KeyCode::Enter => {
                if let Some(t) = &self.ticked {
                    let picked: Vec<usize> = (0..t.len()).filter(|&i| t[i]).collect();
                    self.chosen = Some(if picked.is_empty() {
                        self.lang.pick("없음", "none").to_owned()
                    } else {
                        picked
                            .iter()
                            .map(|&i| self.items[i].text.clone())
                            .collect::<Vec<_>>()
                            .join(", ")
                    });
                    return Flow::End(Reply::Done(picked));
                }
                match self.cursor {
                    Some(c) => {
                        self.chosen = Some(self.items[c].text.clone());
                        return Flow::End(Reply::Done(vec![c]));
                    }
                    None => {
                        self.error = Some(
                            self.lang
                                .pick(
                                    "↑↓로 먼저 고른 다음 Enter를 누르십시오.",
                                    "Choose with ↑↓ first, then press Enter.",
                                )
                                .to_owned(),
                        );
                    }
                }
            }
            KeyCode::Char(' ') if self.ticked.is_some() => {
                if self.cursor.is_none() {
                    self.step(1);
                }
                if let (Some(c), Some(t)) = (self.cursor, self.ticked.as_mut()) {
                    t[c] = !t[c];
                }
            }
            KeyCode::Char('?') if !ctrl => {
                self.help_open = !self.help_open;
            }
            KeyCode::Char('<') if !ctrl && self.back && self.filter.is_empty() => {
                return Flow::End(Reply::Back);
            }
            KeyCode::Backspace => {
                self.filter.pop();
                self.refilter();
            }
            KeyCode::Char('u') if ctrl => {
                self.filter.clear();
                self.refilter();
            }
            KeyCode::Char('w') if ctrl => {
                let kept = self.filter.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.filter.truncate(kept);
                self.refilter();
            }
            KeyCode::Char(c) if !ctrl && !k.modifiers.contains(KeyModifiers::ALT) => {
                self.filter.push(c);
                self.refilter();
            }
            _ => {}
        }
        Flow::Stay
    }
}

/// Several lines to type, one item a line (evidence: document names or links).
pub(super) struct Lines {
    pub(super) message: String,
    pub(super) keys: String,
    lines: Vec<Line>,
    row: usize,
}

impl Lines {
    pub(super) fn new(
        message: impl Into<String>,
        keys: impl Into<String>,
        items: &[String],
    ) -> Lines {
        let mut lines: Vec<Line> = items.iter().map(|i| Line::new(i)).collect();
        lines.push(Line::default());
        Lines {
            message: message.into(),
            keys: keys.into(),
            row: lines.len() - 1,
            lines,
        }
    }

    /// Asks until Enter on an empty line or Esc; the lines typed, one per line.
    pub(super) fn ask(mut self, look: Look, context: &[String]) -> Result<Reply<String>, Stop> {
        run(look, &mut self, context)
    }

    fn text(&self) -> String {
        self.lines
            .iter()
            .map(Line::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Widget for Lines {
    type Out = String;

    fn draw(&self, look: Look, width: usize, _: usize) -> (Vec<String>, Option<(usize, usize)>) {
        let mut out = Vec::new();
        push_wrapped(&mut out, &self.message, width, |l| look.bold(l));
        let mut cursor = (0, 0);
        for (i, l) in self.lines.iter().enumerate() {
            let (r, (row, col)) = rows("• ", &l.text(), l.before_cursor().chars().count(), width);
            if i == self.row {
                cursor = (out.len() + row, col);
            }
            out.extend(r);
        }
        push_keys(&mut out, &self.keys, width, look);
        (out, Some(cursor))
    }

    fn done(&self, look: Look, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        push_wrapped(&mut out, &self.message, width, |l| look.bold(l));
        for l in &self.lines {
            let t = l.text();
            if !t.trim().is_empty() {
                out.extend(rows("• ", &visible(t.trim()), 0, width).0);
            }
        }
        out
    }

    fn input(&mut self, input: Input) -> Flow<String> {
        match input {
            Input::Paste(text) => {
                for (n, part) in text.trim_end_matches(['\r', '\n']).lines().enumerate() {
                    if n > 0 {
                        self.row += 1;
                        self.lines.insert(self.row, Line::default());
                    }
                    self.lines[self.row].insert_str(part);
                }
            }
            Input::Key(k) => match k.code {
                KeyCode::Esc => return Flow::End(Reply::Menu),
                KeyCode::Enter => {
                    if self.lines[self.row].text().trim().is_empty() {
                        return Flow::End(Reply::Done(self.text()));
                    }
                    self.row += 1;
                    self.lines.insert(self.row, Line::default());
                }
                KeyCode::Up => self.row = self.row.saturating_sub(1),
                KeyCode::Down => self.row = (self.row + 1).min(self.lines.len() - 1),
                KeyCode::Backspace
                    if self.row > 0
                        && self.lines[self.row].before_cursor().is_empty()
                        && self.lines[self.row].is_empty() =>
                {
                    self.lines.remove(self.row);
                    self.row -= 1;
                }
                _ => {
                    self.lines[self.row].edit(&k);
                }
            },
        }
        Flow::Stay
    }
}
