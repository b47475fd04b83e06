//! The integration tests, in one binary: the `esg` command run as users run it, the library's
//! public functions on the shipped guideline and the test fixtures, and property tests.

mod answers_edit;
mod assess;
mod browser;
mod browser_serve;
mod builtin;
mod cli_cases;
mod cli_errors;
mod cli_portfolio;
mod cli_score;
mod common;
mod diagnostics_scale;
mod edges;
mod examples;
mod fairness;
mod fuzz;
mod ghg;
mod ghg_inventory;
mod help;
mod hostile_text;
mod html_report;
mod init;
mod korean_messages;
mod lint;
mod lint_cli;
mod owner_words;
mod portfolio_speed;
mod properties;
mod questionnaire;
mod relevance;
mod scoring;
mod sections;
pub mod serve;
mod summary;
mod terminal_width;
mod walking;
mod writing;
