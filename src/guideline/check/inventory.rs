//! Validation of factor tables and their families, the GHG inventory (`[[emission_source]]`,
//! `[ghg]`), the choice of factors (`[factors]`) and plausibility checks (`[[check]]`).

use std::collections::HashMap;

use toml::Spanned;

use super::{Ctx, Factor, Scope, is_snake_case};
use crate::code::Code;
use crate::expr::{Expr, Type};
use crate::guideline::model::{RawCitation, RawEmissionSource, RawFile};
use crate::guideline::{Check, Condition, EmissionSource, FactorTable, Family, Stated};
use crate::msg;
use crate::source::{Message, Source, closest};
use crate::text::Text;

/// The name expressions use for the inventory's totals; no table or family may take it.
const INVENTORY: &str = "ghg";

/// Whether a citation says nothing: an empty string, or no language with words.
fn blank(c: &RawCitation) -> bool {
    match c {
        RawCitation::Plain(s) => s.trim().is_empty(),
        RawCitation::Text(t) => t.is_empty(),
    }
}

/// A factor table's `source`, `basis` or `gwp` in the checked form: words in each language,
/// checked like every other text (a declared language without words is `missing-text`), or one
/// string, the same in every language.
fn cited(cx: &mut Ctx<'_>, file: usize, c: &Spanned<RawCitation>, what: &Message) -> Text {
    match c.get_ref() {
        RawCitation::Plain(s) => Text::both(s, s),
        RawCitation::Text(t) => cx.text(file, &Spanned::new(c.span(), t.clone()), what),
    }
}

/// Reads every `[[factor_table]]`, groups them into families and returns the names expressions
/// may use: `table.key` and `family.key`.
pub(super) fn factor_tables(
    cx: &mut Ctx<'_>,
    files: &[(Source, RawFile)],
    question_ids: &HashMap<String, usize>,
) -> (Vec<FactorTable>, Vec<Family>, HashMap<String, Factor>) {
    let mut tables: Vec<FactorTable> = Vec::new();
    let mut families: Vec<Family> = Vec::new();
    let mut names: HashMap<String, Factor> = HashMap::new();
    // Where each table was written: file, span of its id, span of its values.
    let mut spans = Vec::new();
    for (fi, (_, file)) in files.iter().enumerate() {
        for t in &file.factor_table {
            let tid = t.id.get_ref().clone();
            if tables.iter().any(|x| x.id == tid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    t.id.span(),
                    msg!(
                        "`{tid}` 계수표가 두 번 정의되어 있습니다",
                        "factor table `{tid}` is defined twice"
                    ),
                );
                continue;
            }
            if question_ids.contains_key(&tid) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    t.id.span(),
                    msg!(
                        "`{tid}` 계수표의 id가 질문의 id와 같습니다",
                        "factor table `{tid}` has the id of a question"
                    ),
                );
            }
            if tid == INVENTORY {
                cx.err(Code::InvalidId,
                    fi,
                    t.id.span(),
                    msg!(
                        "`ghg`는 온실가스 목록의 합계(`ghg.scope1` 등)를 가리키는 이름입니다. 계수표에 다른 id를 주십시오",
                        "`ghg` names the inventory's totals (`ghg.scope1`, ...); give the table another id"
                    ),
                );
            }
            let title = cx.text(
                fi,
                &t.title,
                &msg!("`{tid}` 계수표의 제목", "factor table `{tid}` title"),
            );
            let source = if let Some(s) = t.source.as_ref().filter(|s| !blank(s.get_ref())) {
                cited(
                    cx,
                    fi,
                    s,
                    &msg!("`{tid}` 계수표의 출처", "factor table `{tid}` source"),
                )
            } else {
                cx.err(
                    Code::FactorUnsourced,
                    fi,
                    t.id.span(),
                    msg!(
                        "`{tid}` 계수표에 출처가 없습니다",
                        "factor table `{tid}` names no source"
                    ),
                )
                .help = Some(msg!(
                    "누가 어디에 계수를 발표했는지 출처를 더하십시오: `source = {{ ko = \"…\", en = \"…\" }}`",
                    "add `source = {{ ko = \"…\", en = \"…\" }}`: who published the factors, and where"
                ));
                Text::default()
            };
            let basis = t.basis.as_ref().filter(|b| !blank(b.get_ref())).map(|b| {
                cited(
                    cx,
                    fi,
                    b,
                    &msg!("`{tid}` 계수표의 기준", "factor table `{tid}` basis"),
                )
            });
            let gwp = t.gwp.as_ref().filter(|g| !blank(g.get_ref())).map(|g| {
                cited(
                    cx,
                    fi,
                    g,
                    &msg!(
                        "`{tid}` 계수표의 지구온난화지수",
                        "factor table `{tid}` GWP set"
                    ),
                )
            });
            let year = if let Some(y) = &t.year {
                *y.get_ref()
            } else {
                cx.err(
                    Code::FactorUnsourced,
                    fi,
                    t.id.span(),
                    msg!(
                        "`{tid}` 계수표에 연도가 없습니다",
                        "factor table `{tid}` names no year"
                    ),
                )
                .help = Some(msg!(
                    "`year = 2023`처럼 계수가 설명하는 연도를 더하십시오",
                    "add `year = 2023`: the year the factors describe"
                ));
                0
            };
            let country = t.country.as_ref().map(|c| {
                let code = c.get_ref().trim().to_ascii_uppercase();
                if code.is_empty() || !code.chars().all(|ch| ch.is_ascii_alphabetic()) {
                    cx.err(
                        Code::InvalidValue,
                        fi,
                        c.span(),
                        msg!(
                            "`{}` 값은 국가 코드가 아닙니다. `\"KR\"` 같은 ISO 3166 코드를 쓰십시오",
                            "`{}` is not a country code; use an ISO 3166 code such as \"KR\"",
                            c.get_ref()
                        ),
                    );
                }
                code
            });
            let mut values = Vec::new();
            for (k, v) in t.values.get_ref() {
                cx.bounded(
                    fi,
                    v.span(),
                    *v.get_ref(),
                    &msg!("`{tid}.{}` 계수", "factor `{tid}.{}`", k.get_ref()),
                );
                names.insert(
                    format!("{tid}.{}", k.get_ref()),
                    Factor::Table {
                        table: tables.len(),
                        value: *v.get_ref(),
                    },
                );
                values.push((k.get_ref().clone(), *v.get_ref()));
            }
            let family = t.family.as_ref().map(|f| {
                let fid = f.get_ref();
                if !is_snake_case(fid) {
                    cx.err(Code::InvalidId,
                        fi,
                        f.span(),
                        msg!(
                            "계수표 묶음 id는 스네이크 표기(a-z, 0-9, _)여야 합니다: `{fid}`",
                            "family id `{fid}` must be snake_case"
                        ),
                    );
                }
                if fid == INVENTORY {
                    cx.err(Code::InvalidId,
                        fi,
                        f.span(),
                        msg!(
                            "`ghg`는 온실가스 목록의 합계(`ghg.scope1` 등)를 가리키는 이름입니다. 묶음에 다른 id를 주십시오",
                            "`ghg` names the inventory's totals (`ghg.scope1`, ...); give the family another id"
                        ),
                    );
                }
                if let Some(i) = families.iter().position(|x| &x.id == fid) {
                    i
                } else {
                    families.push(Family {
                        id: fid.clone(),
                        keys: values.iter().map(|(k, _)| k.clone()).collect(),
                        tables: Vec::new(),
                        choose: None,
                    });
                    families.len() - 1
                }
            });
            if let Some(f) = family {
                families[f].tables.push(tables.len());
            } else if t.override_only {
                cx.err(
                    Code::FactorFamily,
                    fi,
                    t.id.span(),
                    msg!(
                        "`{tid}` 계수표는 `override_only`인데 어느 묶음에도 속하지 않습니다",
                        "factor table `{tid}` is `override_only` but belongs to no family"
                    ),
                )
                .help = Some(msg!(
                    "묶음을 정하십시오: `family = \"…\"`. 묶음에 속한 계수표만 고를 수 있습니다",
                    "add `family = \"…\"`: only a family's tables can be chosen"
                ));
            }
            spans.push((fi, t.id.span(), t.values.span()));
            tables.push(FactorTable {
                id: tid,
                title,
                source,
                year,
                unit: t.unit.clone(),
                basis,
                gwp,
                family,
                country,
                override_only: t.override_only,
                values,
            });
        }
    }

    for (f, family) in families.iter().enumerate() {
        if tables.iter().any(|t| t.id == family.id) {
            let (fi, span, _) = spans[family.tables[0]].clone();
            cx.err(Code::FactorFamily,
                fi,
                span,
                msg!(
                    "`{}` 묶음의 id가 계수표의 id와 같아 식에서 둘을 구별할 수 없습니다",
                    "family `{}` has the id of a factor table; expressions could not tell them apart",
                    family.id
                ),
            );
        }
        let first = &tables[family.tables[0]];
        for &t in &family.tables[1..] {
            let table = &tables[t];
            let keys: Vec<&String> = table.values.iter().map(|(k, _)| k).collect();
            let want: Vec<&String> = family.keys.iter().collect();
            if keys != want {
                let missing: Vec<&str> = want
                    .iter()
                    .filter(|k| !keys.contains(k))
                    .map(|k| k.as_str())
                    .collect();
                let extra: Vec<&str> = keys
                    .iter()
                    .filter(|k| !want.contains(k))
                    .map(|k| k.as_str())
                    .collect();
                let (fi, _, span) = spans[t].clone();
                let message = Message::by(|lang| {
                    let mut m = crate::tr!(
                        lang,
                        "`{1}` 묶음의 `{0}` 계수표는 `{2}` 계수표와 키가 같아야 합니다",
                        "factor table `{0}` of family `{1}` must have the same keys as `{2}`",
                        table.id,
                        family.id,
                        first.id
                    );
                    if !missing.is_empty() {
                        m.push_str(&crate::tr!(
                            lang,
                            ". 빠진 키: {}",
                            "; missing: {}",
                            crate::source::names(missing.iter().copied(), ", ", lang)
                        ));
                    }
                    if !extra.is_empty() {
                        m.push_str(&crate::tr!(
                            lang,
                            ". `{}` 계수표에 없는 키: {}",
                            "; not in `{}`: {}",
                            first.id,
                            crate::source::names(extra.iter().copied(), ", ", lang)
                        ));
                    }
                    m
                });
                cx.err(Code::FactorFamily, fi, span, message);
            }
        }
        let automatic: Vec<usize> = family
            .tables
            .iter()
            .copied()
            .filter(|&t| !tables[t].override_only)
            .collect();
        if automatic.is_empty() {
            let (fi, span, _) = spans[family.tables[0]].clone();
            cx.err(
                Code::FactorFamily,
                fi,
                span,
                msg!(
                    "`{}` 묶음에 따로 지정하지 않아도 고를 수 있는 계수표가 없습니다",
                    "family `{}` has no table that can be chosen without an override",
                    family.id
                ),
            )
            .help = Some(msg!(
                "묶음의 계수표 가운데 적어도 하나에는 `override_only`를 붙이지 마십시오",
                "leave `override_only` off at least one table of the family"
            ));
        }
        for (n, &a) in automatic.iter().enumerate() {
            for &b in &automatic[..n] {
                if tables[a].country == tables[b].country && tables[a].year == tables[b].year {
                    let (fi, span, _) = spans[a].clone();
                    cx.err(Code::FactorFamily,
                        fi,
                        span,
                        msg!(
                            "`{2}` 묶음의 `{0}` 계수표와 `{1}` 계수표가 같은 국가와 연도에 쓰입니다. 하나에 `override_only`를 붙이십시오",
                            "factor tables `{0}` and `{1}` of family `{2}` serve the same country and year; mark one `override_only`",
                            tables[b].id,
                            tables[a].id,
                            family.id
                        ),
                    );
                }
            }
        }
        for (k, key) in family.keys.iter().enumerate() {
            names.insert(
                format!("{}.{key}", family.id),
                Factor::Family { family: f, key: k },
            );
        }
    }
    (tables, families, names)
}

/// What the inventory and check tables add to a guideline.
pub(super) struct Extras {
    pub country: Option<Condition>,
    pub sources: Vec<EmissionSource>,
    pub intensity: Option<usize>,
    pub stated: Option<Stated>,
    pub sector: Option<Condition>,
    pub size_band: Option<Condition>,
    pub checks: Vec<Check>,
}

/// Rejects an expression that reads metrics or inventory totals where only answers and factors
/// are known.
fn answers_only(cx: &mut Ctx<'_>, fi: usize, src: &Spanned<String>, expr: &Expr, what: &Message) {
    let mut metric = false;
    expr.visit_metrics(&mut |_| metric = true);
    if metric || expr.reads_inventory() {
        cx.err(
            Code::ExpressionType,
            fi,
            src.span(),
            msg!(lang =>
                "{0}에는 답과 계수만 쓸 수 있고, 산식이나 `ghg.` 합계는 쓸 수 없습니다",
                "{0} reads only answers and factors, not metrics or `ghg.` totals",
                what.get(lang)
            ),
        )
        .help = Some(msg!(
            "산식은 온실가스 목록을 다 만든 뒤에 계산합니다",
            "metrics are computed from the inventory, after it"
        ));
    }
}

/// `[factors.tables]`: the expression that names the table of a family. It gives a string, the id
/// of one of the family's tables; the options of every choice question it reads must be such ids.
fn family_choices(
    cx: &mut Ctx<'_>,
    fi: usize,
    scope: &Scope<'_>,
    raw: &std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
    tables: &[FactorTable],
    families: &mut [Family],
) {
    for (key, src) in raw {
        let fid = key.get_ref();
        let Some(f) = families.iter().position(|x| &x.id == fid) else {
            let d = cx.err(
                Code::UnknownReference,
                fi,
                key.span(),
                msg!(
                    "`[factors.tables]`의 `{fid}` 묶음이 없습니다",
                    "`[factors.tables]` names unknown family `{fid}`"
                ),
            );
            if let Some(c) = closest(fid, families.iter().map(|x| x.id.as_str())) {
                d.help = Some(super::did_you_mean(c));
            }
            continue;
        };
        let Some(c) = cx.condition(fi, scope, src, Type::Str) else {
            continue;
        };
        answers_only(
            cx,
            fi,
            src,
            &c.expr,
            &msg!(
                "`{fid}` 계수표를 고르는 식",
                "the table expression of `{fid}`"
            ),
        );
        let mut strays = Vec::new();
        c.expr.visit_questions(&mut |q| {
            let question = &scope.questions[q];
            if question.kind == crate::guideline::QuestionKind::Choice {
                for o in &question.options {
                    let known = families[f].tables.iter().any(|&t| tables[t].id == o.id);
                    if !known {
                        strays.push(format!("{}.{}", question.id, o.id));
                    }
                }
            }
        });
        if !strays.is_empty() {
            cx.err(
                Code::FactorFamily,
                fi,
                src.span(),
                msg!(lang =>
                    "`{0}` 계수표를 고르는 식이 읽는 선택지가 `{0}` 묶음의 계수표가 아닙니다: {1}",
                    "the table expression of `{0}` reads options that are not tables of the family: {1}",
                    fid,
                    crate::source::names(strays.iter().map(String::as_str), ", ", lang)
                ),
            );
        }
        families[f].choose = Some(c);
    }
}

pub(super) fn extras(
    cx: &mut Ctx<'_>,
    scope: &Scope<'_>,
    metric_ids: &HashMap<String, usize>,
    tables: &[FactorTable],
    families: &mut [Family],
) -> Extras {
    let mut out = Extras {
        country: None,
        sources: Vec::new(),
        intensity: None,
        stated: None,
        sector: None,
        size_band: None,
        checks: Vec::new(),
    };
    let files = cx.files;
    let mut seen_factors = false;
    let mut seen_ghg = false;
    // Where `[ghg] intensity` is written: the file and the span of its value.
    let mut intensity_at = None;
    for (fi, (_, file)) in files.iter().enumerate() {
        if let Some(f) = &file.factors {
            if seen_factors {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    f.span(),
                    msg!(
                        "두 번째 `[factors]` 표입니다. 패키지에는 하나만 있습니다",
                        "a second [factors] table; a package has one"
                    ),
                );
            }
            seen_factors = true;
            if let Some(src) = &f.get_ref().country {
                if let Some(c) = cx.condition(fi, scope, src, Type::Str) {
                    answers_only(
                        cx,
                        fi,
                        src,
                        &c.expr,
                        &msg!("국가를 정하는 식", "the country expression"),
                    );
                    out.country = Some(c);
                }
            }
            family_choices(cx, fi, scope, &f.get_ref().tables, tables, families);
        }
        if let Some(g) = &file.ghg {
            if seen_ghg {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    g.span(),
                    msg!(
                        "두 번째 `[ghg]` 표입니다. 패키지에는 하나만 있습니다",
                        "a second [ghg] table; a package has one"
                    ),
                );
            }
            seen_ghg = true;
            if let Some(m) = &g.get_ref().intensity {
                intensity_at = Some((fi, m.span()));
                match metric_ids.get(m.get_ref()) {
                    Some(&i) => out.intensity = Some(i),
                    None => {
                        let d = cx.err(
                            Code::UnknownReference,
                            fi,
                            m.span(),
                            msg!(
                                "`intensity`가 가리키는 산식이 없습니다: `{}`",
                                "`intensity` names unknown metric `{}`",
                                m.get_ref()
                            ),
                        );
                        if let Some(c) = closest(m.get_ref(), metric_ids.keys().map(String::as_str))
                        {
                            d.help = Some(super::did_you_mean(c));
                        }
                    }
                }
            }
            for (key, src, slot) in [
                ("sector", &g.get_ref().sector, &mut out.sector),
                ("size_band", &g.get_ref().size_band, &mut out.size_band),
            ] {
                let Some(src) = src else { continue };
                if let Some(c) = cx.condition(fi, scope, src, Type::Str) {
                    answers_only(
                        cx,
                        fi,
                        src,
                        &c.expr,
                        &msg!("`[ghg]`의 `{key}`", "`{key}` of [ghg]"),
                    );
                    *slot = Some(c);
                }
            }
            if let Some(st) = &g.get_ref().stated {
                let one = |cx: &mut Ctx<'_>, src: &Spanned<String>, ty: Type, what: &str| {
                    let c = cx.condition(fi, scope, src, ty)?;
                    answers_only(
                        cx,
                        fi,
                        src,
                        &c.expr,
                        &msg!("`[ghg.stated]`의 `{what}`", "`{what}` of [ghg.stated]"),
                    );
                    Some(c)
                };
                let scope1 = one(cx, &st.scope1, Type::Num, "scope1");
                let location = one(cx, &st.scope2_location, Type::Num, "scope2_location");
                let market = st
                    .scope2_market
                    .as_ref()
                    .map(|m| one(cx, m, Type::Num, "scope2_market"));
                let source = one(cx, &st.source, Type::Str, "source");
                if let (Some(scope1), Some(scope2_location), Some(source)) =
                    (scope1, location, source)
                {
                    out.stated = Some(Stated {
                        scope1,
                        scope2_location,
                        scope2_market: market.flatten(),
                        source,
                    });
                }
            }
        }
        for raw in &file.emission_source {
            if let Some(source) = emission_source(cx, fi, scope, raw, tables) {
                if out.sources.iter().any(|s| s.id == source.id) {
                    cx.err(
                        Code::DuplicateId,
                        fi,
                        raw.id.span(),
                        msg!(
                            "`{}` 배출원이 두 번 정의되어 있습니다",
                            "emission source `{}` is defined twice",
                            source.id
                        ),
                    );
                    continue;
                }
                out.sources.push(source);
            }
        }
        for raw in &file.check {
            let id = raw.id.get_ref().clone();
            if out.checks.iter().any(|c| c.id == id) {
                cx.err(
                    Code::DuplicateId,
                    fi,
                    raw.id.span(),
                    msg!(
                        "`{id}` 점검이 두 번 정의되어 있습니다",
                        "check `{id}` is defined twice"
                    ),
                );
                continue;
            }
            let message = cx.text(
                fi,
                &raw.message,
                &msg!("`{id}` 점검의 메시지", "check `{id}` message"),
            );
            if let Some(warn_if) = cx.condition(fi, scope, &raw.warn_if, Type::Bool) {
                out.checks.push(Check {
                    id,
                    warn_if,
                    message,
                });
            }
        }
    }
    if let (Some(_), Some((fi, span)), true) = (out.intensity, intensity_at, out.sources.is_empty())
    {
        // At the `intensity` key of `[ghg]`, not at the start of the first file.
        cx.err(
            Code::InvalidValue,
            fi,
            span,
            msg!(
                "`[ghg]`가 원단위 산식을 가리키지만 패키지에 배출원(`[[emission_source]]`)이 없습니다",
                "[ghg] names an intensity metric, but the package has no [[emission_source]]"
            ),
        );
    }
    out
}

fn emission_source(
    cx: &mut Ctx<'_>,
    fi: usize,
    scope: &Scope<'_>,
    raw: &RawEmissionSource,
    tables: &[FactorTable],
) -> Option<EmissionSource> {
    let id = raw.id.get_ref().clone();
    if !is_snake_case(&id) {
        cx.err(
            Code::InvalidId,
            fi,
            raw.id.span(),
            msg!(
                "배출원 id는 스네이크 표기(a-z, 0-9, _)여야 합니다: `{id}`",
                "emission source id `{id}` must be snake_case"
            ),
        );
    }
    let sc = *raw.scope.get_ref();
    if !matches!(sc, 1 | 2) {
        cx.err(
            Code::InvalidValue,
            fi,
            raw.scope.span(),
            msg!(
                "`scope = {sc}`: 배출원은 범위 1(직접 배출)이나 범위 2(구매한 에너지)입니다",
                "scope {sc}: an emission source is scope 1 (direct) or 2 (purchased energy)"
            ),
        );
    }
    let title = cx.text(
        fi,
        &raw.title,
        &msg!("`{id}` 배출원의 제목", "emission source `{id}` title"),
    );
    let unit = cx.text(
        fi,
        &raw.unit,
        &msg!("`{id}` 배출원의 단위", "emission source `{id}` unit"),
    );
    let basis = cx.opt_text(
        fi,
        raw.basis.as_ref(),
        &msg!("`{id}` 배출원의 산정 기준", "emission source `{id}` basis"),
    );
    for (key, field) in [
        ("market_activity", &raw.market_activity),
        ("market_factor", &raw.market_factor),
    ] {
        if let (1, Some(f)) = (sc, field) {
            cx.err(
                Code::InvalidValue,
                fi,
                f.span(),
                msg!(
                    "`{key}` 키는 범위 2에만 씁니다. 범위 1의 산정 방법은 하나입니다",
                    "`{key}` applies to scope 2 only: scope 1 has one method"
                ),
            );
        }
    }
    let mut ok = true;
    let mut one = |cx: &mut Ctx<'_>, src: Option<&Spanned<String>>, what: &str| {
        let src = src?;
        let c = cx.condition(fi, scope, src, Type::Num);
        match &c {
            Some(c) => answers_only(
                cx,
                fi,
                src,
                &c.expr,
                &msg!("`{id}` 배출원의 `{what}`", "`{what}` of `{id}`"),
            ),
            None => ok = false,
        }
        c
    };
    let activity = one(cx, Some(&raw.activity), "activity");
    let factor = one(cx, Some(&raw.factor), "factor");
    let market_activity = one(cx, raw.market_activity.as_ref(), "market_activity");
    let market_factor = one(cx, raw.market_factor.as_ref(), "market_factor");
    let energy_mwh = one(cx, raw.energy_mwh.as_ref(), "energy_mwh");
    let renewable_mwh = one(cx, raw.renewable_mwh.as_ref(), "renewable_mwh");
    if !ok {
        return None;
    }
    let activity = activity?;
    let mut activity_question = None;
    activity.expr.visit_questions(&mut |q| {
        activity_question.get_or_insert(q);
    });
    let carrier = match &raw.carrier {
        Some(c) => {
            if !is_snake_case(c.get_ref()) {
                cx.err(
                    Code::InvalidId,
                    fi,
                    c.span(),
                    msg!(
                        "에너지원 이름은 스네이크 표기(a-z, 0-9, _)여야 합니다: `{}`",
                        "carrier `{}` must be snake_case",
                        c.get_ref()
                    ),
                );
            }
            c.get_ref().clone()
        }
        None => id.clone(),
    };
    let mut source = EmissionSource {
        carrier,
        id,
        title,
        scope: sc,
        activity,
        activity_question,
        unit,
        factor: factor?,
        market_activity,
        market_factor,
        energy_mwh,
        renewable_mwh,
        basis,
        tables: Vec::new(),
        families: Vec::new(),
    };
    let (mut used_tables, mut used_families) = (Vec::new(), Vec::new());
    for c in source.exprs() {
        c.expr.visit_tables(&mut |t| {
            if !used_tables.contains(&t) {
                used_tables.push(t);
            }
        });
        c.expr.visit_families(&mut |f| {
            if !used_families.contains(&f) {
                used_families.push(f);
            }
        });
    }
    if used_tables.is_empty() && used_families.is_empty() {
        cx.err(
            Code::FactorUnsourced,
            fi,
            raw.factor.span(),
            msg!(
                "`{}` 배출원이 계수표를 가리키지 않습니다. 모든 계수는 출처를 밝혀야 합니다",
                "emission source `{}` names no factor table; every factor cites its source",
                source.id
            ),
        )
        .help = Some(msg!(
            "계수를 `table.key`나 `family.key`로 쓰십시오",
            "write the factor as `table.key` or `family.key`"
        ));
    }
    debug_assert!(used_tables.iter().all(|&t| t < tables.len()));
    source.tables = used_tables;
    source.families = used_families;
    Some(source)
}
