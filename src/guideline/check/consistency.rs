//! The questions a `[[check]]` invalidates when it holds (`invalidates = [...]`): answers that
//! cannot all be true count as unanswered, so that no score rests on them.

use crate::code::Code;
use crate::guideline::Check;
use crate::msg;
use crate::source::closest;

use super::{Ctx, Scope};

/// For each check of `checks` (by index), the questions it invalidates; every name resolved, and
/// the condition of such a check held to answers and factors (it is decided before metrics and
/// the inventory are computed, since those may read the answers it invalidates).
pub(super) fn invalidations(
    cx: &mut Ctx<'_>,
    scope: &Scope<'_>,
    checks: &[Check],
) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); checks.len()];
    let files = cx.files;
    for (fi, (_, file)) in files.iter().enumerate() {
        for raw in &file.check {
            let Some(names) = &raw.invalidates else {
                continue;
            };
            let id = raw.id.get_ref();
            // A check defined twice is reported where checks are read; the first one counts.
            let Some(c) = checks.iter().position(|c| &c.id == id) else {
                continue;
            };
            if !out[c].is_empty() {
                continue;
            }
            let mut metric = false;
            checks[c].warn_if.expr.visit_metrics(&mut |_| metric = true);
            if metric || checks[c].warn_if.expr.reads_inventory() {
                cx.err(
                    Code::ExpressionType,
                    fi,
                    raw.warn_if.span(),
                    msg!(
                        "`{id}` 점검은 답을 무효로 하므로(`invalidates`) 조건에 답과 계수만 쓸 수 있고, 산식이나 `ghg.` 합계는 쓸 수 없습니다",
                        "check `{id}` invalidates answers, so its condition reads only answers and factors, not metrics or `ghg.` totals"
                    ),
                )
                .help = Some(msg!(
                    "산식과 온실가스 목록은 무효가 된 답을 뺀 뒤에 계산합니다",
                    "metrics and the inventory are computed after invalid answers are set aside"
                ));
            }
            if names.is_empty() {
                cx.err(
                    Code::InvalidValue,
                    fi,
                    raw.id.span(),
                    msg!(
                        "`{id}` 점검의 `invalidates`가 비어 있습니다. 무효로 할 질문을 적거나 키를 지우십시오",
                        "check `{id}` has an empty `invalidates`; name the questions it invalidates, or remove the key"
                    ),
                );
            }
            let mut questions = Vec::new();
            for name in names {
                match scope.question_ids.get(name.get_ref()) {
                    Some(&q) => {
                        if !questions.contains(&q) {
                            questions.push(q);
                        }
                    }
                    None => {
                        let d = cx.err(
                            Code::UnknownReference,
                            fi,
                            name.span(),
                            msg!(
                                "`{id}` 점검이 무효로 하는 질문이 없습니다: `{}`",
                                "check `{id}` invalidates unknown question `{}`",
                                name.get_ref()
                            ),
                        );
                        if let Some(s) = closest(
                            name.get_ref(),
                            scope.question_ids.keys().map(String::as_str),
                        ) {
                            d.help = Some(super::did_you_mean(s));
                        }
                    }
                }
            }
            out[c] = questions;
        }
    }
    out
}
