//! Where each question and figure of a guideline belongs among its areas, worked out from the
//! guideline alone: a question's `group` when it names an area, else the area of the first
//! indicator that reads it, else (a question only the GHG inventory reads) the area of the first
//! indicator that reads the inventory; a figure sits in the last area, in guideline order, of the
//! questions it reads. The questionnaire and the disclosure view share it.

use super::{Guideline, Rule};

/// Where each question and figure of `g` sits: an index into `g.areas`, or `None`.
pub struct Placement {
    pub questions: Vec<Option<usize>>,
    pub metrics: Vec<Option<usize>>,
}

pub(crate) fn placement(g: &Guideline) -> Placement {
    let uses = g.uses();
    // What each indicator reads: questions (through metrics too), metrics, the inventory.
    let mut reads_inventory = vec![false; g.indicators.len()];
    let mut inventory_metric = vec![false; g.metrics.len()];
    for &m in &g.metric_order {
        let e = &g.metrics[m].formula.expr;
        let mut through = false;
        e.visit_metrics(&mut |x| through |= inventory_metric[x]);
        inventory_metric[m] = through || e.reads_inventory();
    }
    for (i, ind) in g.indicators.iter().enumerate() {
        let mut exprs = Vec::new();
        if let Rule::Bands { expr } = &ind.rule {
            exprs.push(&expr.expr);
        }
        if let Some(c) = &ind.applies_if {
            exprs.push(&c.expr);
        }
        for e in exprs {
            let mut through = false;
            e.visit_metrics(&mut |x| through |= inventory_metric[x]);
            reads_inventory[i] |= through || e.reads_inventory();
        }
    }
    let inventory_area = g
        .indicators
        .iter()
        .zip(&reads_inventory)
        .find(|(_, r)| **r)
        .map(|(ind, _)| ind.area);
    let area_of = |id: &str| g.areas.iter().position(|a| a.id == id);
    let questions: Vec<Option<usize>> = g
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            if let Some(a) = question.group.as_deref().and_then(area_of) {
                return Some(a);
            }
            if question.group.as_deref() == Some("profile") {
                return None;
            }
            let readers = &uses.readers[q];
            readers
                .iter()
                .find_map(|r| match r {
                    super::uses::Reader::Indicator(i) => Some(g.indicators[*i].area),
                    _ => None,
                })
                .or_else(|| {
                    readers
                        .contains(&super::uses::Reader::Inventory)
                        .then_some(inventory_area)
                        .flatten()
                })
        })
        .collect();
    let metrics = g
        .metrics
        .iter()
        .enumerate()
        .map(|(m, _)| {
            let from_questions = uses.metric_questions[m]
                .iter()
                .filter_map(|&q| questions[q])
                .max();
            let from_inventory = inventory_metric[m].then_some(inventory_area).flatten();
            from_questions.max(from_inventory)
        })
        .collect();
    Placement { questions, metrics }
}
