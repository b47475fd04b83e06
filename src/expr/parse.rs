//! Tokens and the syntax tree of an expression, before names are resolved.

use std::ops::Range;

use super::ExprError;
use crate::msg;
use crate::text::Lang;

/// Longest expression accepted, in bytes.
pub const MAX_LEN: usize = 4096;
/// Deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// A node of the syntax tree, with its byte span in the expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    Num(f64),
    Str(String),
    Bool(bool),
    List(Vec<Node>),
    Name(String),
    Neg(Box<Node>),
    Not(Box<Node>),
    Binary(BinOp, Box<Node>, Box<Node>),
    Call(String, Vec<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
    In,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::And => "and",
            BinOp::Or => "or",
            BinOp::In => "in",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Str(String),
    Name(String),
    Op(&'static str),
    End,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl Lexer<'_> {
    fn next(&mut self) -> Result<(Tok, Range<usize>), ExprError> {
        let bytes = self.src.as_bytes();
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        let start = self.pos;
        let Some(&c) = bytes.get(self.pos) else {
            return Ok((Tok::End, start..start));
        };
        let tok = if c.is_ascii_digit()
            || (c == b'.' && bytes.get(start + 1).is_some_and(u8::is_ascii_digit))
        {
            while self.pos < bytes.len()
                && (bytes[self.pos].is_ascii_digit()
                    || bytes[self.pos] == b'.'
                    || bytes[self.pos] == b'_')
            {
                self.pos += 1;
            }
            let text: String = self.src[start..self.pos]
                .chars()
                .filter(|c| *c != '_')
                .collect();
            let n = text.parse::<f64>().map_err(|_| {
                ExprError::new(
                    start..self.pos,
                    msg!(
                        "`{}` 값은 수가 아닙니다",
                        "`{}` is not a number",
                        &self.src[start..self.pos]
                    ),
                )
            })?;
            if !crate::limits::bounded(n) {
                return Err(ExprError::new(
                    start..self.pos,
                    msg!(
                        "`{}` 값이 너무 큽니다. 가이드라인의 수는 크기가 {} 이하여야 합니다",
                        "`{}` is too large; numbers in a guideline are at most {} in size",
                        &self.src[start..self.pos],
                        crate::limits::show(crate::limits::MAGNITUDE)
                    ),
                ));
            }
            Tok::Num(n)
        } else if c.is_ascii_alphabetic() || c == b'_' {
            while self.pos < bytes.len()
                && (bytes[self.pos].is_ascii_alphanumeric() || bytes[self.pos] == b'_')
            {
                self.pos += 1;
            }
            if bytes.get(self.pos) == Some(&b'.')
                && bytes
                    .get(self.pos + 1)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            {
                self.pos += 1;
                while self.pos < bytes.len()
                    && (bytes[self.pos].is_ascii_alphanumeric() || bytes[self.pos] == b'_')
                {
                    self.pos += 1;
                }
            }
            Tok::Name(self.src[start..self.pos].to_owned())
        } else if c == b'"' || c == b'\'' {
            self.pos += 1;
            let body_start = self.pos;
            while self.pos < bytes.len() && bytes[self.pos] != c {
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                return Err(ExprError::new(
                    start..self.pos,
                    msg!(
                        "이 문자열이 닫히지 않았습니다",
                        "this string is never closed"
                    ),
                ));
            }
            let s = self.src[body_start..self.pos].to_owned();
            self.pos += 1;
            Tok::Str(s)
        } else {
            let two = self.src.get(start..start + 2).unwrap_or("");
            let op = match two {
                "<=" | ">=" | "==" | "!=" => {
                    self.pos += 2;
                    match two {
                        "<=" => "<=",
                        ">=" => ">=",
                        "==" => "==",
                        _ => "!=",
                    }
                }
                _ => {
                    self.pos += 1;
                    match c {
                        b'+' => "+",
                        b'-' => "-",
                        b'*' => "*",
                        b'/' => "/",
                        b'<' => "<",
                        b'>' => ">",
                        b'(' => "(",
                        b')' => ")",
                        b'[' => "[",
                        b']' => "]",
                        b',' => ",",
                        b'=' => {
                            return Err(ExprError::new(
                                start..start + 1,
                                msg!(
                                    "`=` 하나는 연산자가 아닙니다. 같은지 비교하려면 `==`를 쓰십시오",
                                    "a single `=` is not an operator; compare with `==`"
                                ),
                            ));
                        }
                        _ => {
                            let ch = self.src[start..].chars().next().unwrap_or('?');
                            self.pos = start + ch.len_utf8();
                            return Err(ExprError::new(
                                start..self.pos,
                                msg!(
                                    "이 자리에 올 수 없는 글자입니다: `{ch}`",
                                    "unexpected character `{ch}`"
                                ),
                            ));
                        }
                    }
                }
            };
            Tok::Op(op)
        };
        Ok((tok, start..self.pos))
    }
}

/// Parses an expression into a syntax tree.
pub fn parse(src: &str) -> Result<Node, ExprError> {
    if src.len() > MAX_LEN {
        return Err(ExprError::new(
            0..0,
            msg!(
                "식이 {MAX_LEN}자보다 깁니다",
                "the expression is longer than {MAX_LEN} characters"
            ),
        ));
    }
    let mut lexer = Lexer { src, pos: 0 };
    let mut toks = Vec::new();
    loop {
        let t = lexer.next()?;
        let end = t.0 == Tok::End;
        toks.push(t);
        if end {
            break;
        }
    }
    let mut p = Parser {
        toks,
        i: 0,
        depth: 0,
    };
    if p.peek() == &Tok::End {
        return Err(ExprError::new(
            0..src.len(),
            msg!("식이 비어 있습니다", "the expression is empty"),
        ));
    }
    let node = p.expr()?;
    if p.peek() != &Tok::End {
        let span = p.span();
        return Err(ExprError::new(
            span,
            msg!(lang =>
                "연산자가 오거나 식이 끝나야 하는데 {}입니다",
                "expected an operator or the end, found {}",
                describe(p.peek(), lang)
            ),
        ));
    }
    Ok(node)
}

/// A token as a message names it: "the number `3`", "`x`", "the end of the expression".
fn describe(t: &Tok, lang: Lang) -> String {
    match t {
        Tok::Num(n) => crate::tr!(lang, "수 `{n}`", "the number `{n}`"),
        Tok::Str(s) => crate::tr!(lang, "문자열 \"{s}\"", "the string \"{s}\""),
        Tok::Name(n) => format!("`{n}`"),
        Tok::Op(o) => format!("`{o}`"),
        Tok::End => lang.pick("식의 끝", "the end of the expression").to_owned(),
    }
}

struct Parser {
    toks: Vec<(Tok, Range<usize>)>,
    i: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.i].0
    }
    fn span(&self) -> Range<usize> {
        self.toks[self.i].1.clone()
    }
    fn bump(&mut self) -> (Tok, Range<usize>) {
        let t = self.toks[self.i].clone();
        if self.i + 1 < self.toks.len() {
            self.i += 1;
        }
        t
    }
    fn is_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Tok::Name(n) if n == w)
    }
    fn expect_op(&mut self, op: &str) -> Result<Range<usize>, ExprError> {
        if self.is_op(op) {
            Ok(self.bump().1)
        } else {
            Err(ExprError::new(
                self.span(),
                msg!(lang =>
                    "`{op}` 기호가 와야 하는데 {}입니다",
                    "expected `{op}`, found {}",
                    describe(self.peek(), lang)
                ),
            ))
        }
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(ExprError::new(
                self.span(),
                msg!(
                    "식이 {MAX_DEPTH}단계보다 깊게 겹쳐 있습니다",
                    "the expression nests deeper than {MAX_DEPTH} levels"
                ),
            ))
        } else {
            Ok(())
        }
    }

    fn expr(&mut self) -> Result<Node, ExprError> {
        self.enter()?;
        let r = self.or();
        self.depth -= 1;
        r
    }

    fn binary(left: Node, op: BinOp, right: Node) -> Node {
        let span = left.span.start..right.span.end;
        Node {
            kind: NodeKind::Binary(op, Box::new(left), Box::new(right)),
            span,
        }
    }

    fn or(&mut self) -> Result<Node, ExprError> {
        let mut left = self.and()?;
        while self.is_word("or") {
            self.bump();
            let right = self.and()?;
            left = Self::binary(left, BinOp::Or, right);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Node, ExprError> {
        let mut left = self.not()?;
        while self.is_word("and") {
            self.bump();
            let right = self.not()?;
            left = Self::binary(left, BinOp::And, right);
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Node, ExprError> {
        if self.is_word("not") {
            let start = self.bump().1.start;
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            let span = start..inner.span.end;
            return Ok(Node {
                kind: NodeKind::Not(Box::new(inner)),
                span,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Node, ExprError> {
        let left = self.sum()?;
        let op = match self.peek() {
            Tok::Op("<") => BinOp::Lt,
            Tok::Op("<=") => BinOp::Le,
            Tok::Op(">") => BinOp::Gt,
            Tok::Op(">=") => BinOp::Ge,
            Tok::Op("==") => BinOp::Eq,
            Tok::Op("!=") => BinOp::Ne,
            Tok::Name(n) if n == "in" => BinOp::In,
            _ => return Ok(left),
        };
        self.bump();
        let right = self.sum()?;
        if matches!(self.peek(), Tok::Op("<" | "<=" | ">" | ">=" | "==" | "!="))
            || self.is_word("in")
        {
            return Err(ExprError::new(
                self.span(),
                msg!(
                    "비교를 잇달아 쓸 수 없습니다. `and`로 이으십시오",
                    "comparisons do not chain; join them with `and`"
                ),
            ));
        }
        Ok(Self::binary(left, op, right))
    }

    fn sum(&mut self) -> Result<Node, ExprError> {
        let mut left = self.product()?;
        loop {
            let op = match self.peek() {
                Tok::Op("+") => BinOp::Add,
                Tok::Op("-") => BinOp::Sub,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.product()?;
            left = Self::binary(left, op, right);
        }
    }

    fn product(&mut self) -> Result<Node, ExprError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Tok::Op("*") => BinOp::Mul,
                Tok::Op("/") => BinOp::Div,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.unary()?;
            left = Self::binary(left, op, right);
        }
    }

    fn unary(&mut self) -> Result<Node, ExprError> {
        if self.is_op("-") {
            let start = self.bump().1.start;
            self.enter()?;
            let inner = self.unary()?;
            self.depth -= 1;
            let span = start..inner.span.end;
            return Ok(Node {
                kind: NodeKind::Neg(Box::new(inner)),
                span,
            });
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Node, ExprError> {
        let (tok, span) = self.bump();
        let kind = match tok {
            Tok::Num(n) => NodeKind::Num(n),
            Tok::Str(s) => NodeKind::Str(s),
            Tok::Name(n) if n == "true" => NodeKind::Bool(true),
            Tok::Name(n) if n == "false" => NodeKind::Bool(false),
            Tok::Name(n) if matches!(n.as_str(), "and" | "or" | "not" | "in") => {
                return Err(ExprError::new(
                    span,
                    msg!(
                        "값이 와야 하는데 예약어 `{n}`입니다",
                        "expected a value, found the keyword `{n}`"
                    ),
                ));
            }
            Tok::Name(n) => {
                if self.is_op("(") {
                    self.bump();
                    let args = self.list_items(")")?;
                    let end = self.expect_op(")")?.end;
                    return Ok(Node {
                        kind: NodeKind::Call(n, args),
                        span: span.start..end,
                    });
                }
                NodeKind::Name(n)
            }
            Tok::Op("(") => {
                let inner = self.expr()?;
                let end = self.expect_op(")")?.end;
                return Ok(Node {
                    kind: inner.kind,
                    span: span.start..end,
                });
            }
            Tok::Op("[") => {
                let items = self.list_items("]")?;
                let end = self.expect_op("]")?.end;
                return Ok(Node {
                    kind: NodeKind::List(items),
                    span: span.start..end,
                });
            }
            other => {
                return Err(ExprError::new(
                    span,
                    msg!(lang =>
                        "값이 와야 하는데 {}입니다",
                        "expected a value, found {}",
                        describe(&other, lang)
                    ),
                ));
            }
        };
        Ok(Node { kind, span })
    }

    fn list_items(&mut self, close: &str) -> Result<Vec<Node>, ExprError> {
        let mut items = Vec::new();
        if self.is_op(close) {
            return Ok(items);
        }
        loop {
            items.push(self.expr()?);
            if self.is_op(",") {
                self.bump();
                if self.is_op(close) {
                    return Ok(items);
                }
            } else {
                return Ok(items);
            }
        }
    }
}
