//! integration tests
mod demo;
