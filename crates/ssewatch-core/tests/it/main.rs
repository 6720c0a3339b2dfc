//! integration tests
mod demo;
mod config;
mod config_errors;
mod config_interpolation;
mod config_units;
mod config_paths;
