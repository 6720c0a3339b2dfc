//! integration tests
mod demo;
mod config;
mod config_errors;
mod config_interpolation;
mod config_units;
mod config_paths;
mod support;
mod parser_bounds;
mod parser_chunking;
mod parser_differential;
mod parser_rules;
