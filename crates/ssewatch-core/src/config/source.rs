//! The config text with its file name: turns byte offsets into `line:column` locations,
//! quotes values as written, and builds located errors.

use std::ops::Range;
use std::path::Path;

use super::error::{ConfigError, Diagnostic, Location, Problem};

/// Longest excerpt of a value quoted in an error message, in characters.
const MAX_EXCERPT_CHARS: usize = 60;

/// The text of a config file and the path it came from.
#[derive(Clone, Copy)]
pub(super) struct Source<'a> {
    pub(super) text: &'a str,
    pub(super) origin: &'a Path,
}

impl<'a> Source<'a> {
    /// The 1-based line and column (in characters) of a byte offset. A byte-order mark that
    /// opens the file is not a column: editors do not show it.
    pub(super) fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let before = self.text.as_bytes().get(..offset).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |nl| nl + 1);
        let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
        let in_line = &before[line_start..];
        let in_line = match line_start {
            0 => in_line
                .strip_prefix("\u{feff}".as_bytes())
                .unwrap_or(in_line),
            _ => in_line,
        };
        let column = 1 + std::str::from_utf8(in_line).map_or(in_line.len(), |s| s.chars().count());
        Location {
            file: self.origin.to_path_buf(),
            line,
            column,
        }
    }

    /// The value at `span` as written in the file: its first line, shortened if long.
    pub(super) fn excerpt(&self, span: &Range<usize>) -> String {
        let written = self.text.get(span.clone()).unwrap_or_default();
        let first_line = written.lines().next().unwrap_or_default().trim_end();
        let mut excerpt: String = first_line.chars().take(MAX_EXCERPT_CHARS).collect();
        if excerpt.len() < written.trim_end().len() {
            excerpt.push('…');
        }
        excerpt
    }

    /// Where byte `index` of a string value's content lies in the file: exact when the
    /// content is written without escapes, else the start of the value.
    pub(super) fn offset_in_string(
        &self,
        span: &Range<usize>,
        content: &str,
        index: usize,
    ) -> usize {
        let written = self.text.get(span.clone()).unwrap_or_default();
        match written.find(content) {
            Some(start) if !content.is_empty() => span.start + start + index,
            _ => span.start,
        }
    }

    /// An error at `offset`, about `key` when given.
    pub(super) fn error(&self, offset: usize, key: Option<&str>, problem: Problem) -> ConfigError {
        ConfigError::Invalid(Box::new(Diagnostic {
            location: self.location(offset),
            key: key.map(str::to_owned),
            problem,
        }))
    }
}
