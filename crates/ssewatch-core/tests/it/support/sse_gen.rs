//! Event streams for property tests, built from a small grammar of realistic SSE lines.
//!
//! [`stream`] mixes in everything a parser must survive: CR line ends, a whole or partial BOM,
//! invalid UTF-8, NUL, arbitrary bytes and an unterminated ending. [`oracle_safe_stream`] keeps
//! only what eventsource-stream 0.2.3 is known to parse correctly (design.md lists its bugs):
//! LF or CRLF line ends, no BOM, valid UTF-8, every event terminated, and `retry` only in events
//! that have data (it drops the others) with values that are plain digits fitting a `u64` (it
//! also accepts a leading `+` and rejects overflow, where the spec says digits only).

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

const FIELD_NAMES: [&str; 4] = ["data", "event", "id", "retry"];

/// A field value or comment text: no CR or LF, anything else a server might send.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]{0,12}",
        "[ -~]{0,24}",
        "[ a-z:é€😀\u{FEFF}\\x00]{0,12}",
        "\\{\"order\":[0-9]{1,6},\"ok\":(true|false)\\}",
    ]
}

/// Nothing, or the one space a field value may start with.
fn space() -> impl Strategy<Value = &'static str> {
    select(["", " "].as_slice())
}

fn retry_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9]{1,9}",
        1 => Just(String::new()),
        1 => "[0-9]{0,3}[a-z -]{1,2}[0-9]{0,3}",
    ]
}

fn unknown_field_name() -> impl Strategy<Value = String> {
    "[a-zA-Z_-]{1,6}".prop_filter("a known field name", |name| {
        !FIELD_NAMES.contains(&name.as_str())
    })
}

/// One non-blank line, valid UTF-8, without its line end.
fn field_line() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => (space(), value()).prop_map(|(space, value)| format!("data:{space}{value}")),
        2 => (space(), "[a-z.]{0,10}").prop_map(|(space, name)| format!("event:{space}{name}")),
        2 => (space(), value()).prop_map(|(space, id)| format!("id:{space}{id}")),
        1 => (space(), retry_value()).prop_map(|(space, value)| format!("retry:{space}{value}")),
        2 => value().prop_map(|text| format!(":{text}")),
        1 => (unknown_field_name(), value()).prop_map(|(name, value)| format!("{name}:{value}")),
        1 => select(["data", "event", "id", "retry", "Data", "dat"].as_slice()).prop_map(str::to_owned),
    ]
}

/// A line that may be anything: a field line, blank, with invalid UTF-8, or arbitrary bytes
/// (which may hold line ends of their own).
fn any_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => field_line().prop_map(String::into_bytes),
        3 => Just(Vec::new()),
        1 => (field_line(), vec(0x80u8.., 1..4)).prop_map(|(line, junk)| [line.into_bytes(), junk].concat()),
        1 => select(["retry:+5", "retry: 99999999999999999999999", "id:\0"].as_slice()).prop_map(|line| line.as_bytes().to_vec()),
        1 => vec(any::<u8>(), 1..12),
    ]
}

/// Any stream: optional (or partial) BOM, lines with any line ends, maybe an unfinished tail.
pub fn stream() -> impl Strategy<Value = Vec<u8>> {
    let bom = select(vec![b"".as_slice(), b"", b"\xEF\xBB\xBF", b"\xEF\xBB"]);
    let ending = select(vec![b"\n".as_slice(), b"\r\n", b"\r"]);
    let tail = prop_oneof![3 => Just(Vec::new()), 1 => any_line()];
    (bom, vec((any_line(), ending), 0..40), tail).prop_map(|(bom, lines, tail)| {
        let mut stream = bom.to_vec();
        for (line, ending) in lines {
            stream.extend_from_slice(&line);
            stream.extend_from_slice(ending);
        }
        stream.extend_from_slice(&tail);
        stream
    })
}

/// A stream eventsource-stream 0.2.3 parses correctly (see the module docs).
pub fn oracle_safe_stream() -> impl Strategy<Value = String> {
    let ending = || select(["\n", "\r\n"].as_slice());
    let block = (vec((field_line(), ending()), 0..6), ending());
    vec(block, 0..12).prop_map(|blocks| {
        let mut stream = String::new();
        for (lines, blank_line_end) in blocks {
            let has_data = lines
                .iter()
                .any(|(line, _)| line == "data" || line.starts_with("data:"));
            for (line, end) in lines {
                if has_data || !line.starts_with("retry:") {
                    stream += &line;
                    stream += end;
                }
            }
            stream += blank_line_end;
        }
        stream
    })
}
