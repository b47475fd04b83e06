//! The order in which the questionnaire asks: the firm profile first, then area by area.

use crate::guideline::{Guideline, Rule};
use crate::text::Lang;

/// Where a question sits in the questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The firm profile (`group = "profile"`): asked first, it decides what else applies.
    Profile,
    /// An area, by index into `Guideline::areas`.
    Area(usize),
    /// A question no indicator reads and no group names.
    Other,
}

impl Section {
    /// The section's title, as shown in the progress line.
    #[must_use]
    pub fn title(self, guideline: &Guideline, lang: Lang) -> String {
        match self {
            Section::Profile => lang.pick("회사 기본 정보", "Firm profile").to_owned(),
            Section::Area(a) => guideline.areas[a]
                .title
                .show(guideline.lang(lang))
                .to_owned(),
            Section::Other => lang.pick("기타", "Other").to_owned(),
        }
    }
}

/// Every question of a guideline in the order the questionnaire asks them.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Question indices in asking order.
    pub order: Vec<usize>,
    /// The section of each entry of `order`.
    pub sections: Vec<Section>,
}

impl Plan {
    /// The profile questions first, then each area's questions in guideline order, then any other.
    /// A question's area is its `group`, else the area of the first indicator that reads it
    /// (through its scoring rule, its applicability condition or a metric), else, for a question
    /// only the GHG inventory reads, the area of the indicators reading the inventory.
    #[must_use]
    pub fn new(guideline: &Guideline) -> Plan {
        let n = guideline.questions.len();
        let mut section = vec![Section::Other; n];
        let mut placed = vec![false; n];
        for (q, question) in guideline.questions.iter().enumerate() {
            match question.group.as_deref() {
                Some("profile") => {
                    section[q] = Section::Profile;
                    placed[q] = true;
                }
                Some(g) => {
                    if let Some(a) = guideline.areas.iter().position(|a| a.id == g) {
                        section[q] = Section::Area(a);
                        placed[q] = true;
                    }
                }
                None => {}
            }
        }
        for ind in &guideline.indicators {
            for q in indicator_questions(guideline, ind) {
                if !placed[q] {
                    section[q] = Section::Area(ind.area);
                    placed[q] = true;
                }
            }
        }
        // A question only the GHG inventory reads (an included package's fuel questions) goes with
        // the area whose indicators read the inventory, as in the disclosure view.
        let placement = guideline.placement();
        for (q, area) in placement.questions.iter().enumerate() {
            if let (false, Some(a)) = (placed[q], area) {
                section[q] = Section::Area(*a);
                placed[q] = true;
            }
        }
        let rank = |s: Section| match s {
            Section::Profile => 0,
            Section::Area(a) => 1 + a,
            Section::Other => usize::MAX,
        };
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&q| rank(section[q]));
        let sections = order.iter().map(|&q| section[q]).collect();
        Plan { order, sections }
    }

    /// The position of question `q` in the asking order.
    #[must_use]
    pub fn position(&self, q: usize) -> Option<usize> {
        self.order.iter().position(|&x| x == q)
    }
}

/// Every question an indicator reads, directly or through metrics, in a stable order.
fn indicator_questions(g: &Guideline, ind: &crate::guideline::Indicator) -> Vec<usize> {
    let mut out = ind.questions.clone();
    let mut metrics = Vec::new();
    let visit = |e: &crate::expr::Expr, out: &mut Vec<usize>, metrics: &mut Vec<usize>| {
        e.visit_questions(&mut |q| {
            if !out.contains(&q) {
                out.push(q);
            }
        });
        e.visit_metrics(&mut |m| {
            if !metrics.contains(&m) {
                metrics.push(m);
            }
        });
    };
    if let Rule::Bands { expr } = &ind.rule {
        visit(&expr.expr, &mut out, &mut metrics);
    }
    if let Some(c) = &ind.applies_if {
        visit(&c.expr, &mut out, &mut metrics);
    }
    let mut i = 0;
    while i < metrics.len() {
        let m = metrics[i];
        visit(&g.metrics[m].formula.expr, &mut out, &mut metrics);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_only_the_inventory_reads_are_asked_with_its_area() {
        let g = crate::guideline::load_builtin("vsme-basic").unwrap();
        let plan = Plan::new(&g);
        let section =
            |id: &str| plan.sections[plan.position(g.question_index(id).unwrap()).unwrap()];
        let b3 = g.areas.iter().position(|a| a.id == "B3").unwrap();
        // Fuel and heat questions come from k-esg-sme's GHG file; only the inventory reads them.
        for id in ["city_gas", "diesel_l", "district_heat", "vehicle_diesel_l"] {
            assert_eq!(section(id), Section::Area(b3), "{id}");
        }
        let other: Vec<&str> = plan
            .order
            .iter()
            .zip(&plan.sections)
            .filter(|(_, s)| **s == Section::Other)
            .map(|(&q, _)| g.questions[q].id.as_str())
            .collect();
        assert!(other.is_empty(), "still under Other: {other:?}");
    }
}
