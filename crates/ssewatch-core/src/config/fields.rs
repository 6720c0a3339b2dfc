//! Reading one spanned [`Value`] as the type its key takes (string, boolean, count, duration,
//! size, list, table, interpolated string), with an error at the value when it is not.

use std::time::Duration;

use toml::Spanned;

use crate::endpoint::{NAME_REFUSES, is_refused_in_name};

use super::duration::{DURATION_FORM, parse_duration};
use super::error::{ConfigError, Problem};
use super::interpolate::{Interpolated, interpolate};
use super::redact::Redactions;
use super::size::{SIZE_FORM, parse_size};
use super::source::Source;
use super::value::{Entries, Value};

/// What the readers need: the text for locations, the environment for `${NAME}`, and the
/// record of interpolated values for [`Redactions`].
pub(super) struct Fields<'a> {
    pub(super) source: Source<'a>,
    env: &'a dyn Fn(&str) -> Option<String>,
    redactions: Redactions,
}

impl<'a> Fields<'a> {
    pub(super) fn new(source: Source<'a>, env: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Fields {
            source,
            env,
            redactions: Redactions::default(),
        }
    }

    /// The interpolated values seen so far, to hide them from `Debug`.
    pub(super) fn into_redactions(self) -> Redactions {
        self.redactions
    }

    /// Hides `resolved` (derived from an interpolated `template`) from `Debug` too.
    pub(super) fn redact(&mut self, resolved: &str, template: &str) {
        self.redactions.record(resolved, template);
    }

    /// An error about `key` at `offset`.
    pub(super) fn error(&self, offset: usize, key: &str, problem: Problem) -> ConfigError {
        self.source.error(offset, Some(key), problem)
    }

    /// "expected `expected`, found <the value as written>", at the value.
    pub(super) fn invalid(&self, key: &str, value: &Spanned<Value>, expected: &str) -> ConfigError {
        let found = self.source.excerpt(&value.span());
        self.invalid_at(value.span().start, key, expected, found)
    }

    /// "expected `expected`, found `found`" about `key` at `offset`.
    pub(super) fn invalid_at(
        &self,
        offset: usize,
        key: &str,
        expected: &str,
        found: String,
    ) -> ConfigError {
        let expected = expected.to_owned();
        self.error(offset, key, Problem::Invalid { expected, found })
    }

    pub(super) fn string<'v>(
        &self,
        key: &str,
        value: &'v Spanned<Value>,
    ) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            Value::String(text) => Ok(text),
            _ => Err(self.invalid(key, value, "a string")),
        }
    }

    pub(super) fn non_empty_string<'v>(
        &self,
        key: &str,
        value: &'v Spanned<Value>,
        expected: &str,
    ) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            Value::String(text) if !text.trim().is_empty() => Ok(text),
            _ => Err(self.invalid(key, value, expected)),
        }
    }

    /// An endpoint's name: not blank, and without the characters
    /// [`is_refused_in_name`](crate::endpoint::is_refused_in_name) refuses.
    pub(super) fn endpoint_name<'v>(
        &self,
        value: &'v Spanned<Value>,
    ) -> Result<&'v str, ConfigError> {
        match value.get_ref() {
            Value::String(text)
                if !text.trim().is_empty() && !text.chars().any(is_refused_in_name) =>
            {
                Ok(text)
            }
            _ => Err(self.invalid(
                "name",
                value,
                &format!("a non-empty name without {NAME_REFUSES}"),
            )),
        }
    }

    pub(super) fn boolean(&self, key: &str, value: &Spanned<Value>) -> Result<bool, ConfigError> {
        match value.get_ref() {
            Value::Boolean(flag) => Ok(*flag),
            _ => Err(self.invalid(key, value, "true or false")),
        }
    }

    /// A whole number that fits in a `u32`.
    pub(super) fn count(&self, key: &str, value: &Spanned<Value>) -> Result<u32, ConfigError> {
        match value.get_ref() {
            Value::Integer(number) => u32::try_from(*number)
                .map_err(|_| self.invalid(key, value, "a whole number from 0 to 4294967295")),
            _ => Err(self.invalid(key, value, "a whole number")),
        }
    }

    /// A duration string, longer than zero.
    pub(super) fn duration(
        &self,
        key: &str,
        value: &Spanned<Value>,
    ) -> Result<Duration, ConfigError> {
        let Value::String(text) = value.get_ref() else {
            return Err(self.invalid(key, value, DURATION_FORM));
        };
        match parse_duration(text) {
            Ok(duration) if duration.is_zero() => {
                Err(self.invalid(key, value, "a duration longer than zero"))
            }
            Ok(duration) => Ok(duration),
            Err(error) => Err(self.error(value.span().start, key, Problem::Duration(error))),
        }
    }

    /// A size: a whole number of bytes or a string like `16MiB`, at least one byte.
    pub(super) fn size(&self, key: &str, value: &Spanned<Value>) -> Result<usize, ConfigError> {
        let bytes = match value.get_ref() {
            Value::Integer(number) => {
                usize::try_from(*number).map_err(|_| self.invalid(key, value, SIZE_FORM))?
            }
            Value::String(text) => parse_size(text)
                .map_err(|error| self.error(value.span().start, key, Problem::Size(error)))?,
            _ => return Err(self.invalid(key, value, SIZE_FORM)),
        };
        if bytes == 0 {
            return Err(self.invalid(key, value, "a size of at least 1 byte"));
        }
        Ok(bytes)
    }

    /// An array of non-empty strings.
    pub(super) fn strings(
        &self,
        key: &str,
        value: &Spanned<Value>,
        expected: &str,
    ) -> Result<Vec<String>, ConfigError> {
        let Value::Array(items) = value.get_ref() else {
            return Err(self.invalid(key, value, expected));
        };
        items
            .iter()
            .map(|item| {
                self.non_empty_string(key, item, "a non-empty string")
                    .map(str::to_owned)
            })
            .collect()
    }

    pub(super) fn table<'v>(
        &self,
        key: &str,
        value: &'v Spanned<Value>,
        expected: &str,
    ) -> Result<&'v Entries, ConfigError> {
        match value.get_ref() {
            Value::Table(entries) => Ok(entries),
            _ => Err(self.invalid(key, value, expected)),
        }
    }

    /// A string with its `${NAME}` references replaced; errors point at the reference.
    pub(super) fn interpolated(
        &mut self,
        key: &str,
        value: &Spanned<Value>,
    ) -> Result<Interpolated, ConfigError> {
        let template = self.string(key, value)?;
        let span = value.span();
        let interpolated = interpolate(template, self.env).map_err(|error| {
            let offset = self.source.offset_in_string(&span, template, error.offset);
            self.error(offset, key, error.problem)
        })?;
        if interpolated.substituted {
            self.redact(&interpolated.text, template);
        }
        Ok(interpolated)
    }
}
