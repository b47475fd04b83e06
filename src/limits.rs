//! The bounds on the numbers of a guideline, checked when it is loaded (`invalid-value`), so that
//! no sum, product or ratio of scoring can overflow or lose a weight to rounding
//! (`docs/guideline-format.md`, "Numbers"). Expressions check the numbers written in them
//! against the same bounds.

use std::ops::RangeInclusive;

/// An area's or indicator's `weight`.
pub const WEIGHT: RangeInclusive<f64> = 1e-6..=1e6;
/// A level's `points`.
pub const POINTS: RangeInclusive<f64> = 0.0..=1e6;
/// Any other number that feeds arithmetic: a question's `min` and `max`, a band's `min` and
/// `max`, an option's `value`, a factor, a number written in an expression.
pub const MAGNITUDE: f64 = 1e15;

/// Whether `x` is a finite number within [`MAGNITUDE`] of 0.
#[must_use]
pub fn bounded(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAGNITUDE
}

/// A number from a file as a message writes it: `30`, `0.5`, and `1e300` rather than 301
/// digits.
#[must_use]
pub fn written(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-4..1e9).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A limit as the messages write it: `1,000,000`, `0.000001`, `10^15`.
#[must_use]
pub fn show(x: f64) -> String {
    if x >= 1e9 {
        format!("10^{}", x.log10().round())
    } else {
        crate::text::number(x, 6)
    }
}
