//! Name resolution and type checking: syntax tree -> [`Expr`].

use super::parse::{BinOp, Node, NodeKind, parse};
use super::{Arith, Cmp, Expr, ExprError, ExprFault, Func, Type};
use crate::msg;
use crate::text::Lang;

/// What a name in an expression refers to.
#[derive(Debug, Clone)]
pub enum Resolved<'a> {
    /// A question, with its type and, for choice and multi questions, its option ids.
    Question {
        index: usize,
        ty: Type,
        options: Option<Vec<&'a str>>,
        has_values: bool,
    },
    /// A metric (always a number).
    Metric(usize),
    /// A factor: a constant.
    Factor(f64),
    /// A factor of a table named directly: a constant that remembers its table.
    TableFactor { table: usize, value: f64 },
    /// A factor of a family, chosen per firm when scoring.
    FamilyFactor { family: usize, key: usize },
    /// A total of the GHG inventory.
    Inventory(super::Total),
}

/// The names an expression may use.
pub trait Names {
    /// What `name` refers to, if anything.
    fn resolve(&self, name: &str) -> Option<Resolved<'_>>;
    /// A known name close to `name`, for "did you mean".
    fn suggest(&self, name: &str) -> Option<String>;
    /// Column `id` of table question `table`: its index, type and, for a choice column, its
    /// option ids.
    fn column(&self, _table: usize, _id: &str) -> Option<(usize, Type, Option<Vec<&str>>)> {
        None
    }
    /// The column ids of table question `table`, for messages.
    fn columns(&self, _table: usize) -> Vec<&str> {
        Vec::new()
    }
}

const FUNCTIONS: [&str; 16] = [
    "sum",
    "min",
    "max",
    "abs",
    "if",
    "count",
    "answered",
    "not_applicable",
    "value",
    "latest",
    "average",
    "trend",
    "default",
    "not",
    "current",
    "extend",
];

/// Parses and compiles `src`; `expected` is the type the context needs, if any.
pub fn compile(src: &str, names: &dyn Names, expected: Option<Type>) -> Result<Expr, ExprError> {
    let node = parse(src)?;
    check(&node, names, expected).map_err(|mut e| {
        if e.kind == ExprFault::Syntax {
            e.kind = ExprFault::Type;
        }
        e
    })
}

fn check(node: &Node, names: &dyn Names, expected: Option<Type>) -> Result<Expr, ExprError> {
    let (expr, ty) = Checker { names, row: None }.node(node)?;
    if let Some(want) = expected {
        if ty != want {
            return Err(ExprError::new(
                node.span.clone(),
                msg!(lang =>
                    "이 식의 값은 {}인데, 여기에는 {} 형식이 필요합니다",
                    "this expression gives {} where {} is needed",
                    ty.name(lang),
                    want.name(lang)
                ),
            ));
        }
    }
    Ok(expr)
}

struct Checker<'a> {
    names: &'a dyn Names,
    /// Inside `count(t, …)` and `sum(t.col, …)`: the table question whose columns are in scope.
    row: Option<usize>,
}

/// A dotted name `t.col` whose `t` is a table question: the table and the column id.
fn table_column<'n>(names: &dyn Names, n: &'n str) -> Option<(usize, &'n str)> {
    let (t, c) = n.split_once('.')?;
    match names.resolve(t) {
        Some(Resolved::Question {
            index,
            ty: Type::Table,
            ..
        }) => Some((index, c)),
        _ => None,
    }
}

fn mismatch(node: &Node, want: Type, got: Type) -> ExprError {
    ExprError::new(
        node.span.clone(),
        msg!(lang =>
            "여기에는 {} 형식이 와야 하는데 {}입니다",
            "expected {} here, found {}",
            want.name(lang),
            got.name(lang)
        ),
    )
}

impl Checker<'_> {
    fn typed(&self, node: &Node, want: Type) -> Result<Expr, ExprError> {
        let (e, ty) = self.node(node)?;
        if ty == want {
            Ok(e)
        } else {
            Err(mismatch(node, want, ty))
        }
    }

    fn question_options(&self, node: &Node) -> Option<(String, Vec<String>)> {
        if let NodeKind::Name(n) = &node.kind {
            if let Some((t, c)) = table_column(self.names, n) {
                if let Some((_, _, Some(opts))) = self.names.column(t, c) {
                    return Some((n.clone(), opts.iter().map(|s| (*s).to_owned()).collect()));
                }
            }
            if let Some(Resolved::Question {
                options: Some(opts),
                ..
            }) = self.names.resolve(n)
            {
                return Some((n.clone(), opts.iter().map(|s| (*s).to_owned()).collect()));
            }
        }
        None
    }

    fn check_option(&self, question: &Node, literal: &Node) -> Result<(), ExprError> {
        if let (Some((name, opts)), NodeKind::Str(s)) =
            (self.question_options(question), &literal.kind)
        {
            if !opts.iter().any(|o| o == s) {
                let err = match crate::source::closest(s, opts.iter().map(String::as_str)) {
                    Some(c) => msg!(
                        "`{name}` 질문에 \"{s}\" 선택지가 없습니다. 혹시 \"{c}\"인가요?",
                        "question `{name}` has no option \"{s}\"; did you mean \"{c}\"?"
                    ),
                    None => msg!(
                        "`{name}` 질문에 \"{s}\" 선택지가 없습니다",
                        "question `{name}` has no option \"{s}\""
                    ),
                };
                return Err(ExprError::unknown(literal.span.clone(), err));
            }
        }
        Ok(())
    }

    fn node(&self, node: &Node) -> Result<(Expr, Type), ExprError> {
        Ok(match &node.kind {
            NodeKind::Num(n) => (Expr::Num(*n), Type::Num),
            NodeKind::Str(s) => (Expr::Str(s.as_str().into()), Type::Str),
            NodeKind::Bool(b) => (Expr::Bool(*b), Type::Bool),
            NodeKind::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match &item.kind {
                        NodeKind::Str(s) => out.push(s.as_str().into()),
                        _ => {
                            return Err(ExprError::new(
                                item.span.clone(),
                                msg!(
                                    "목록에는 따옴표로 감싼 문자열만 쓸 수 있습니다",
                                    "a list holds only strings in quotes"
                                ),
                            ));
                        }
                    }
                }
                (Expr::List(out.into()), Type::List)
            }
            NodeKind::Name(n) if table_column(self.names, n).is_some() => self.cell(node, n)?,
            NodeKind::Name(n) => match self.names.resolve(n) {
                Some(Resolved::Question { index, ty, .. }) => (Expr::Question(index), ty),
                Some(Resolved::Metric(i)) => (Expr::Metric(i), Type::Num),
                Some(Resolved::Factor(v)) => (Expr::Num(v), Type::Num),
                Some(Resolved::TableFactor { table, value }) => {
                    (Expr::TableFactor { table, value }, Type::Num)
                }
                Some(Resolved::FamilyFactor { family, key }) => {
                    (Expr::FamilyFactor { family, key }, Type::Num)
                }
                Some(Resolved::Inventory(t)) => (Expr::Inventory(t), Type::Num),
                None => {
                    let msg = match self.names.suggest(n) {
                        Some(s) => msg!(
                            "모르는 이름 `{n}`입니다. 이 id를 가진 질문, 산식, 계수가 없습니다. 혹시 `{s}`인가요?",
                            "unknown name `{n}`: no question, metric or factor has this id; did you mean `{s}`?"
                        ),
                        None => msg!(
                            "모르는 이름 `{n}`입니다. 이 id를 가진 질문, 산식, 계수가 없습니다",
                            "unknown name `{n}`: no question, metric or factor has this id"
                        ),
                    };
                    return Err(ExprError::unknown(node.span.clone(), msg));
                }
            },
            NodeKind::Neg(a) => (Expr::Neg(Box::new(self.typed(a, Type::Num)?)), Type::Num),
            NodeKind::Not(a) => (Expr::Not(Box::new(self.typed(a, Type::Bool)?)), Type::Bool),
            NodeKind::Binary(op, a, b) => self.binary(*op, a, b)?,
            NodeKind::Call(name, args) => self.call(node, name, args)?,
        })
    }

    fn binary(&self, op: BinOp, a: &Node, b: &Node) -> Result<(Expr, Type), ExprError> {
        let arith = |o| -> Result<(Expr, Type), ExprError> {
            Ok((
                Expr::Arith(
                    o,
                    Box::new(self.typed(a, Type::Num)?),
                    Box::new(self.typed(b, Type::Num)?),
                ),
                Type::Num,
            ))
        };
        let cmp = |o| -> Result<(Expr, Type), ExprError> {
            Ok((
                Expr::Cmp(
                    o,
                    Box::new(self.typed(a, Type::Num)?),
                    Box::new(self.typed(b, Type::Num)?),
                ),
                Type::Bool,
            ))
        };
        match op {
            BinOp::Add => arith(Arith::Add),
            BinOp::Sub => arith(Arith::Sub),
            BinOp::Mul => arith(Arith::Mul),
            BinOp::Div => arith(Arith::Div),
            BinOp::Lt => cmp(Cmp::Lt),
            BinOp::Le => cmp(Cmp::Le),
            BinOp::Gt => cmp(Cmp::Gt),
            BinOp::Ge => cmp(Cmp::Ge),
            BinOp::Eq | BinOp::Ne => {
                let (ea, ta) = self.node(a)?;
                let (eb, tb) = self.node(b)?;
                if matches!(ta, Type::List | Type::Series | Type::Table) {
                    return Err(ExprError::new(
                        a.span.clone(),
                        msg!(lang =>
                            "{} 형식은 `{}` 연산자로 비교할 수 없습니다",
                            "{} cannot be compared with `{}`",
                            ta.name(lang),
                            op.symbol()
                        ),
                    ));
                }
                if ta != tb {
                    return Err(mismatch(b, ta, tb));
                }
                self.check_option(a, b)?;
                self.check_option(b, a)?;
                Ok((
                    Expr::Equal(op == BinOp::Ne, Box::new(ea), Box::new(eb)),
                    Type::Bool,
                ))
            }
            BinOp::And => Ok((
                Expr::And(
                    Box::new(self.typed(a, Type::Bool)?),
                    Box::new(self.typed(b, Type::Bool)?),
                ),
                Type::Bool,
            )),
            BinOp::Or => Ok((
                Expr::Or(
                    Box::new(self.typed(a, Type::Bool)?),
                    Box::new(self.typed(b, Type::Bool)?),
                ),
                Type::Bool,
            )),
            BinOp::In => {
                let ea = self.typed(a, Type::Str)?;
                let eb = self.typed(b, Type::List)?;
                self.check_option(b, a)?;
                if let NodeKind::List(items) = &b.kind {
                    for item in items {
                        self.check_option(a, item)?;
                    }
                }
                Ok((Expr::In(Box::new(ea), Box::new(eb)), Type::Bool))
            }
        }
    }

    fn arity(
        call: &Node,
        name: &str,
        args: &[Node],
        min: usize,
        max: usize,
    ) -> Result<(), ExprError> {
        if args.len() < min || args.len() > max {
            let want = |lang: Lang| {
                if min == max {
                    crate::tr!(lang, "{min}개", "{min}")
                } else if max == usize::MAX {
                    crate::tr!(lang, "{min}개 이상", "at least {min}")
                } else {
                    crate::tr!(lang, "{min}개나 {max}개", "{min} or {max}")
                }
            };
            return Err(ExprError::new(
                call.span.clone(),
                msg!(lang =>
                    "`{name}` 함수의 인자는 {0}인데 {1}개를 주었습니다",
                    "`{name}` takes {0} argument(s), not {1}",
                    want(lang),
                    args.len()
                ),
            ));
        }
        Ok(())
    }

    fn bare_question(&self, node: &Node, func: &str) -> Result<(usize, Resolved<'_>), ExprError> {
        if let NodeKind::Name(n) = &node.kind {
            if let Some(r @ Resolved::Question { index, .. }) = self.names.resolve(n) {
                return Ok((index, r));
            }
        }
        Err(ExprError::new(
            node.span.clone(),
            msg!(
                "`{func}` 함수에는 질문의 id를 줍니다",
                "`{func}` takes the id of a question"
            ),
        ))
    }

    /// The table question a bare name is, if it is one.
    fn table_of(&self, node: &Node) -> Option<usize> {
        match &node.kind {
            NodeKind::Name(n) => match self.names.resolve(n) {
                Some(Resolved::Question {
                    index,
                    ty: Type::Table,
                    ..
                }) => Some(index),
                _ => None,
            },
            _ => None,
        }
    }

    /// The condition of `count(t, cond)` and `sum(t.col, cond)`, over the cells of a row of `t`.
    fn filter(&self, table: usize, cond: Option<&Node>) -> Result<Option<Box<Expr>>, ExprError> {
        let Some(cond) = cond else {
            return Ok(None);
        };
        let inner = Checker {
            names: self.names,
            row: Some(table),
        };
        Ok(Some(Box::new(inner.typed(cond, Type::Bool)?)))
    }

    fn no_column(&self, node: &Node, table: usize, id: &str) -> ExprError {
        let known = self.names.columns(table);
        let list = known.join(", ");
        match crate::source::closest(id, known.iter().copied()) {
            Some(c) => ExprError::unknown(
                node.span.clone(),
                msg!(
                    "표에 `{id}` 열이 없습니다. 혹시 `{c}`인가요? 열: {list}",
                    "the table has no column `{id}`; did you mean `{c}`? columns: {list}"
                ),
            ),
            None => ExprError::unknown(
                node.span.clone(),
                msg!(
                    "표에 `{id}` 열이 없습니다. 열: {list}",
                    "the table has no column `{id}`; columns: {list}"
                ),
            ),
        }
    }

    /// `t.col` inside `count(t, …)` or `sum(t.col, …)`: a cell of the row being read.
    fn cell(&self, node: &Node, n: &str) -> Result<(Expr, Type), ExprError> {
        let (table, id) = table_column(self.names, n).expect("a table column");
        let Some((column, ty, _)) = self.names.column(table, id) else {
            return Err(self.no_column(node, table, id));
        };
        if self.row != Some(table) {
            return Err(ExprError::new(
                node.span.clone(),
                msg!(
                    "표의 열은 그 표의 `count(표, 조건)`이나 `sum(표.열, 조건)` 안에서만 읽습니다",
                    "a table's column is read only inside count(table, condition) or sum(table.column, condition) of that table"
                ),
            ));
        }
        Ok((Expr::Cell(column), ty))
    }

    fn call(&self, call: &Node, name: &str, args: &[Node]) -> Result<(Expr, Type), ExprError> {
        let num_fn = |f, min, max| -> Result<(Expr, Type), ExprError> {
            Self::arity(call, name, args, min, max)?;
            let args = args
                .iter()
                .map(|a| self.typed(a, Type::Num))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((Expr::Call(f, args), Type::Num))
        };
        let series_fn = |f, min, max| -> Result<(Expr, Type), ExprError> {
            Self::arity(call, name, args, min, max)?;
            let args = args
                .iter()
                .map(|a| self.typed(a, Type::Series))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((Expr::Call(f, args), Type::Num))
        };
        match name {
            "min" => num_fn(Func::Min, 1, usize::MAX),
            "max" => num_fn(Func::Max, 1, usize::MAX),
            "abs" => num_fn(Func::Abs, 1, 1),
            "latest" => series_fn(Func::Latest, 1, 1),
            "average" => series_fn(Func::Average, 1, 1),
            "trend" => series_fn(Func::Trend, 1, 2),
            "current" => series_fn(Func::Current, 1, 1),
            "extend" => {
                Self::arity(call, name, args, 2, 2)?;
                let s = self.typed(&args[0], Type::Series)?;
                let v = self.typed(&args[1], Type::Num)?;
                Ok((Expr::Extend(Box::new(s), Box::new(v)), Type::Series))
            }
            "count" if args.first().is_some_and(|a| self.table_of(a).is_some()) => {
                Self::arity(call, name, args, 1, 2)?;
                let table = self.table_of(&args[0]).expect("a table");
                let filter = self.filter(table, args.get(1))?;
                Ok((Expr::Rows { table, filter }, Type::Num))
            }
            "count" => {
                Self::arity(call, name, args, 1, 1)?;
                Ok((
                    Expr::Call(Func::Count, vec![self.typed(&args[0], Type::List)?]),
                    Type::Num,
                ))
            }
            "sum" => {
                Self::arity(call, name, args, 1, 2)?;
                let found = match &args[0].kind {
                    NodeKind::Name(n) => table_column(self.names, n),
                    _ => None,
                };
                let Some((table, id)) = found else {
                    return Err(ExprError::new(
                        args[0].span.clone(),
                        msg!(
                            "`sum` 함수에는 표 질문의 수 열을 `표.열` 형식으로 줍니다",
                            "`sum` takes a number column of a table question, as `table.column`"
                        ),
                    ));
                };
                let column = match self.names.column(table, id) {
                    Some((c, Type::Num, _)) => c,
                    Some((_, ty, _)) => {
                        return Err(ExprError::new(
                            args[0].span.clone(),
                            msg!(lang =>
                                "`sum` 함수는 수 열을 더하는데, 이 열은 {}입니다",
                                "`sum` adds a number column; this column is {}",
                                ty.name(lang)
                            ),
                        ));
                    }
                    None => return Err(self.no_column(&args[0], table, id)),
                };
                let filter = self.filter(table, args.get(1))?;
                Ok((
                    Expr::SumColumn {
                        table,
                        column,
                        filter,
                    },
                    Type::Num,
                ))
            }
            "answered" => {
                Self::arity(call, name, args, 1, 1)?;
                let (q, _) = self.bare_question(&args[0], name)?;
                Ok((Expr::Answered(q), Type::Bool))
            }
            "not_applicable" => {
                Self::arity(call, name, args, 1, 1)?;
                let (q, _) = self.bare_question(&args[0], name)?;
                Ok((Expr::NotApplicable(q), Type::Bool))
            }
            "value" => {
                Self::arity(call, name, args, 1, 1)?;
                match self.bare_question(&args[0], name)? {
                    (
                        q,
                        Resolved::Question {
                            ty: Type::Str,
                            options: Some(_),
                            has_values: true,
                            ..
                        },
                    ) => Ok((Expr::OptionValue(q), Type::Num)),
                    _ => Err(ExprError::new(
                        args[0].span.clone(),
                        msg!(
                            "`value` 함수에는 선택지마다 `value`가 있는 `choice` 질문을 줍니다",
                            "`value` takes a choice question whose options have a `value`"
                        ),
                    )),
                }
            }
            "if" => {
                Self::arity(call, name, args, 3, 3)?;
                let c = self.typed(&args[0], Type::Bool)?;
                let (a, ta) = self.node(&args[1])?;
                let b = self.typed(&args[2], ta)?;
                Ok((Expr::If(Box::new(c), Box::new(a), Box::new(b)), ta))
            }
            "default" => {
                Self::arity(call, name, args, 2, 2)?;
                let (a, ta) = self.node(&args[0])?;
                let b = self.typed(&args[1], ta)?;
                Ok((Expr::Default(Box::new(a), Box::new(b)), ta))
            }
            _ => {
                let msg = match crate::source::closest(name, FUNCTIONS) {
                    Some(s) => msg!(
                        "모르는 함수 `{name}`입니다. 혹시 `{s}`인가요?",
                        "unknown function `{name}`; did you mean `{s}`?"
                    ),
                    None => msg!("모르는 함수 `{name}`입니다", "unknown function `{name}`"),
                };
                Err(ExprError::unknown(
                    call.span.start..call.span.start + name.len(),
                    msg,
                ))
            }
        }
    }
}
