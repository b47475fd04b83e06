//! A line being typed: its text, the cursor, and the editing keys of a shell's line editor
//! (Ctrl-A, Ctrl-E, Ctrl-U, Ctrl-K, Ctrl-W, arrows, Home, End, word moves).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// The text of one line and the cursor, counted in characters.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Line {
    chars: Vec<char>,
    at: usize,
}

impl Line {
    /// A line holding `text`, the cursor at its end.
    pub(super) fn new(text: &str) -> Line {
        let mut line = Line::default();
        line.insert_str(text);
        line
    }

    pub(super) fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The text before the cursor.
    pub(super) fn before_cursor(&self) -> String {
        self.chars[..self.at].iter().collect()
    }

    pub(super) fn clear(&mut self) {
        self.chars.clear();
        self.at = 0;
    }

    /// Inserts text at the cursor; control characters are left out and tabs become spaces.
    pub(super) fn insert_str(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\t' => self.insert(' '),
                c if c.is_control() => {}
                c => self.insert(c),
            }
        }
    }

    fn insert(&mut self, c: char) {
        self.chars.insert(self.at, c);
        self.at += 1;
    }

    /// Where the word before the cursor starts (spaces before the cursor skipped first).
    fn word_left(&self) -> usize {
        let mut i = self.at;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// Where the word after the cursor ends.
    fn word_right(&self) -> usize {
        let mut i = self.at;
        while i < self.chars.len() && self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < self.chars.len() && !self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    fn delete(&mut self, from: usize, to: usize) {
        self.chars.drain(from..to);
        self.at = from;
    }

    /// Applies an editing key. `false` when the key does not edit a line (Enter, Esc, Up...).
    pub(super) fn edit(&mut self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let end = self.chars.len();
        match key.code {
            KeyCode::Char('a') if ctrl => self.at = 0,
            KeyCode::Char('e') if ctrl => self.at = end,
            KeyCode::Char('b') if ctrl => self.at = self.at.saturating_sub(1),
            KeyCode::Char('f') if ctrl => self.at = (self.at + 1).min(end),
            KeyCode::Char('u') if ctrl => self.delete(0, self.at),
            KeyCode::Char('k') if ctrl => {
                let at = self.at;
                self.delete(at, end);
            }
            KeyCode::Char('w') if ctrl => self.delete(self.word_left(), self.at),
            KeyCode::Char('h') if ctrl => {
                if self.at > 0 {
                    self.delete(self.at - 1, self.at);
                }
            }
            KeyCode::Char('d') if ctrl => {
                if self.at < end {
                    self.delete(self.at, self.at + 1);
                }
            }
            KeyCode::Char('b') if alt => self.at = self.word_left(),
            KeyCode::Char('f') if alt => self.at = self.word_right(),
            KeyCode::Char('d') if alt => {
                let to = self.word_right();
                let at = self.at;
                self.delete(at, to);
            }
            KeyCode::Char(_) if ctrl || alt => return false,
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Backspace if ctrl || alt => self.delete(self.word_left(), self.at),
            KeyCode::Backspace => {
                if self.at > 0 {
                    self.delete(self.at - 1, self.at);
                }
            }
            KeyCode::Delete => {
                if self.at < end {
                    self.delete(self.at, self.at + 1);
                }
            }
            KeyCode::Left if ctrl || alt => self.at = self.word_left(),
            KeyCode::Right if ctrl || alt => self.at = self.word_right(),
            KeyCode::Left => self.at = self.at.saturating_sub(1),
            KeyCode::Right => self.at = (self.at + 1).min(end),
            KeyCode::Home => self.at = 0,
            KeyCode::End => self.at = end,
            _ => return false,
        }
        true
    }
}

/// Display width of `text` in terminal columns (two for a Korean syllable).
pub(super) fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// `text` cut into rows of at most `width` columns, character by character (for what is being
/// typed, where every character counts), the first row after `first`. Returns the rows and the
/// row and column where the character at `cursor` (a count of characters) stands.
pub(super) fn rows(
    first: &str,
    text: &str,
    cursor: usize,
    width: usize,
) -> (Vec<String>, (usize, usize)) {
    let width = width.max(2);
    let mut rows = vec![first.to_owned()];
    let mut w = columns(first);
    let mut at = (0, w);
    for (i, c) in text.chars().enumerate() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            rows.push(String::new());
            w = 0;
        }
        if i == cursor {
            at = (rows.len() - 1, w);
        }
        rows.last_mut().expect("one row at least").push(c);
        w += cw;
    }
    if cursor >= text.chars().count() {
        if w >= width {
            rows.push(String::new());
            w = 0;
        }
        at = (rows.len() - 1, w);
    }
    (rows, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn ctrl(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(line: &mut Line, text: &str) {
        for c in text.chars() {
            assert!(line.edit(&key(KeyCode::Char(c), KeyModifiers::NONE)));
        }
    }

    #[test]
    fn the_usual_editing_keys_edit() {
        let mut l = Line::default();
        typed(&mut l, "hello big world");
        assert!(l.edit(&ctrl('w')));
        assert_eq!(l.text(), "hello big ");
        assert!(l.edit(&ctrl('a')));
        typed(&mut l, ">");
        assert_eq!(l.text(), ">hello big ");
        assert!(l.edit(&ctrl('k')));
        assert_eq!(l.text(), ">");
        assert!(l.edit(&ctrl('e')));
        typed(&mut l, "ok now");
        assert!(l.edit(&key(KeyCode::Left, KeyModifiers::CONTROL)));
        assert!(l.edit(&ctrl('u')));
        assert_eq!(l.text(), "now");
        assert_eq!(l.before_cursor(), "");
        assert!(l.edit(&key(KeyCode::End, KeyModifiers::NONE)));
        assert!(l.edit(&key(KeyCode::Backspace, KeyModifiers::NONE)));
        assert_eq!(l.text(), "no");
        // Keys that are not editing keys are left to the prompt.
        assert!(!l.edit(&ctrl('c')));
        assert!(!l.edit(&key(KeyCode::Enter, KeyModifiers::NONE)));
        assert!(!l.edit(&key(KeyCode::Up, KeyModifiers::NONE)));
    }

    #[test]
    fn pasted_text_keeps_no_control_characters() {
        let l = Line::new("a\tb\u{1b}[2Jc");
        assert_eq!(l.text(), "a b[2Jc");
    }

    #[test]
    fn rows_count_korean_as_two_columns() {
        let (r, at) = rows("> ", "한국어입니다", 6, 8);
        assert_eq!(r, ["> 한국어", "입니다"]);
        assert_eq!(at, (1, 6));
        let (r, at) = rows("> ", "ab", 0, 8);
        assert_eq!(r, ["> ab"]);
        assert_eq!(at, (0, 2));
    }
}
