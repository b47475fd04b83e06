//! `esg`: assess a small or medium-sized enterprise's ESG management against an SME-type ESG
//! guideline.
//!
//! The flow is load -> validate -> score -> render: [`guideline`] loads and validates guideline
//! packages, [`answers`] reads a firm's answers against one, [`score`] computes the [`scorecard`],
//! and [`report`] renders it. Only [`cli`] touches the terminal.

pub mod answers;
pub mod answers_edit;
pub(crate) mod assess;
pub mod batch;
pub mod benchmark;
pub mod cli;
pub mod code;
pub mod diff;
pub mod error;
pub mod expr;
pub(crate) mod ghg;
pub mod guideline;
pub mod input;
pub mod limits;
pub mod lint;
pub(crate) mod output;
pub(crate) mod portfolio;
pub mod report;
pub mod schema;
pub mod score;
pub mod scorecard;
pub mod source;
pub(crate) mod template;
pub mod text;
pub mod walk;
pub mod web;
pub mod workbook;
pub mod xlsx;

pub use error::{Error, Result};
