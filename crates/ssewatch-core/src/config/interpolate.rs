//! `${NAME}` references in string values (`url`, header values, `body`), replaced by
//! environment variables so secrets stay out of the file.
//!
//! - `${NAME}`: the variable's value; NAME is letters, digits and `_`, not starting with a
//!   digit. A variable that is not set (or not UTF-8) is an error naming it.
//! - `$${`: a literal `${` (so `$${HOME}` stays `${HOME}`). Any other `$` is literal.
//! - Substituted values are not scanned again.
//!
//! Errors name the variable, never its value.

use super::error::Problem;

/// The environment of the running process, as [`Config::load`](super::Config::load) reads it.
pub(super) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The result of interpolating one string.
pub(super) struct Interpolated {
    pub(super) text: String,
    /// Whether any variable was substituted (then `text` may hold a secret).
    pub(super) substituted: bool,
}

/// A problem at a byte offset of the template.
pub(super) struct InterpolationError {
    pub(super) offset: usize,
    pub(super) problem: Problem,
}

/// Replaces every `${NAME}` in `template` with `env(NAME)` and every `$${` with `${`.
pub(super) fn interpolate(
    template: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Interpolated, InterpolationError> {
    let mut text = String::with_capacity(template.len());
    let mut substituted = false;
    let mut rest = template;
    while let Some(dollar) = rest.find('$') {
        let (literal, from_dollar) = rest.split_at(dollar);
        text.push_str(literal);
        let offset = template.len() - from_dollar.len();
        if let Some(after) = from_dollar.strip_prefix("$${") {
            text.push_str("${");
            rest = after;
        } else if let Some(after) = from_dollar.strip_prefix("${") {
            let Some((name, after_name)) = after.split_once('}') else {
                let reason =
                    r#"unterminated "${" (close it with "}", or write "$${" for a literal "${")"#;
                return Err(InterpolationError {
                    offset,
                    problem: interpolation(reason.to_owned()),
                });
            };
            check_name(name).map_err(|problem| InterpolationError { offset, problem })?;
            let Some(value) = env(name) else {
                let problem = Problem::UnsetVariable {
                    name: name.to_owned(),
                };
                return Err(InterpolationError { offset, problem });
            };
            text.push_str(&value);
            substituted = true;
            rest = after_name;
        } else {
            text.push('$');
            rest = &from_dollar[1..];
        }
    }
    text.push_str(rest);
    Ok(Interpolated { text, substituted })
}

/// A variable name is `[A-Za-z_][A-Za-z0-9_]*`.
fn check_name(name: &str) -> Result<(), Problem> {
    if name.is_empty() {
        return Err(interpolation(r#"empty variable name "${}""#.to_owned()));
    }
    let starts_well = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if starts_well && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(())
    } else {
        Err(interpolation(format!(
            "invalid variable name {name:?} in \"${{{name}}}\" (use letters, digits and _, not starting with a digit)"
        )))
    }
}

fn interpolation(reason: String) -> Problem {
    Problem::Interpolation { reason }
}
