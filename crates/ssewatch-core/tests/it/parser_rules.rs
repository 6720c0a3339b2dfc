//! One test per rule of the WHATWG event stream interpretation, as the parser applies it.
//!
//! The web-platform-tests `eventsource/format-*` cases are the checklist (bom, bom-2, comments,
//! data-before-final-empty-line, field-data, field-event(-empty), field-id(-2, -3, -null),
//! field-parsing, field-retry(-bogus, -empty), field-unknown, leading-space, newlines,
//! null-character, utf-8); their streams are restated here as our own cases. The `mime-*` cases
//! are about the response's content type, which the connection checks, not the parser.
//! Every stream is also fed byte by byte (see `support::sse::parse`), which must not matter.
//! The size bound has its own file, `parser_bounds.rs`.

use ssewatch_core::{ParsedItem, Parser};

use crate::support::sse::{comment, data_of, event, events, message, parse, retry};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn feed_all(parser: &mut Parser, chunks: &[&[u8]]) -> Vec<ParsedItem> {
    let mut out = Vec::new();
    for chunk in chunks {
        parser.feed(chunk, &mut out);
    }
    out
}

#[test]
fn a_leading_bom_is_stripped() {
    assert_eq!(data_of(b"\xEF\xBB\xBFdata:1\n\n"), ["1"]);
}

#[test]
fn a_leading_bom_split_across_chunks_is_stripped() {
    for split in [1, 2] {
        let mut parser = Parser::new();
        let out = feed_all(&mut parser, &[&BOM[..split], &BOM[split..], b"data:1\n\n"]);
        assert_eq!(out, [message("1")], "BOM split after {split} bytes");
    }
}

#[test]
fn only_one_bom_is_stripped_and_a_second_is_content() {
    // wpt format-bom-2: the second BOM makes the field name "\u{FEFF}data", an unknown field.
    assert_eq!(
        data_of(b"\xEF\xBB\xBF\xEF\xBB\xBFdata:1\n\ndata:2\n\ndata:3\n\n"),
        ["2", "3"]
    );
    // wpt format-bom: a BOM later in the stream is content too.
    assert_eq!(
        data_of(b"\xEF\xBB\xBFdata:1\n\n\xEF\xBB\xBFdata:2\n\ndata:3\n\n"),
        ["1", "3"]
    );
    assert_eq!(data_of(b"data:\xEF\xBB\xBFx\n\n"), ["\u{FEFF}x"]);
}

#[test]
fn an_incomplete_bom_is_content() {
    // The two bytes are one invalid sequence: the first line is "\u{FFFD}data:1", unknown.
    assert_eq!(data_of(b"\xEF\xBBdata:1\n\ndata:2\n\n"), ["2"]);
    // Nor is it a comment: its line starts with U+FFFD, not with the colon.
    assert_eq!(parse(b"\xEF\xBB:c\n"), []);
}

#[test]
fn invalid_utf8_becomes_the_replacement_character() {
    assert_eq!(data_of(b"data: a\xFFb\n\n"), ["a\u{FFFD}b"]);
    // A truncated sequence is one replacement character, even right before the line end.
    assert_eq!(data_of(b"data: \xE2\x82\n\n"), ["\u{FFFD}"]);
    assert_eq!(
        data_of(b"data: \xE2\x82x\xF0\x9F\x98\n\n"),
        ["\u{FFFD}x\u{FFFD}"]
    );
    let items = parse(b":\xC3\n\xFFid: \xFE1\nevent: t\xC0\nid: \xFE1\ndata: x\n\n");
    assert_eq!(
        items,
        [comment("\u{FFFD}"), event("t\u{FFFD}", "x", "\u{FFFD}1")]
    );
}

#[test]
fn invalid_utf8_never_stalls_the_stream() {
    let mut parser = Parser::new();
    let out = feed_all(
        &mut parser,
        &[b"data: \xFF\n\n", b"\xC3", b"\n\ndata: ok\n\n"],
    );
    assert_eq!(out, [message("\u{FFFD}"), message("ok")]);
}

#[test]
fn multibyte_characters_survive_any_split() {
    // wpt format-utf-8: the stream is always UTF-8.
    assert_eq!(data_of(b"data:ok\xE2\x80\xA6\n\n"), ["ok\u{2026}"]);
    let input = "id: é\nevent: €\ndata: 😀 ünï\n\n".as_bytes();
    for split in 0..=input.len() {
        let mut parser = Parser::new();
        let out = feed_all(&mut parser, &[&input[..split], &input[split..]]);
        assert_eq!(out, [event("€", "😀 ünï", "é")], "split at {split}");
    }
}

#[test]
fn lines_end_at_crlf_lf_or_cr() {
    let expected = ["a\nb"];
    assert_eq!(data_of(b"data: a\r\ndata: b\r\n\r\n"), expected);
    assert_eq!(data_of(b"data: a\ndata: b\n\n"), expected);
    assert_eq!(data_of(b"data: a\rdata: b\r\r"), expected);
    assert_eq!(data_of(b"data: a\rdata: b\r\n\n"), expected);
    // wpt format-newlines: a CR alone ends the last line and dispatches.
    assert_eq!(
        data_of(b"data:test\r\ndata\ndata:test\r\n\r"),
        ["test\n\ntest"]
    );
    // LF CR is two line ends, not one.
    assert_eq!(data_of(b"data: a\n\rdata: b\n\n"), ["a", "b"]);
}

#[test]
fn a_cr_at_the_end_of_a_chunk_dispatches_at_once() {
    let mut parser = Parser::new();
    let out = feed_all(&mut parser, &[b"data: a\r", b"\r"]);
    assert_eq!(
        out,
        [message("a")],
        "dispatched before any later chunk arrives"
    );
}

#[test]
fn a_lf_after_a_cr_that_ended_the_previous_chunk_is_skipped() {
    // Were the LF a line of its own, it would dispatch "a" before "b" arrives.
    let mut parser = Parser::new();
    let out = feed_all(&mut parser, &[b"data: a\r", b"\n", b"data: b\n\n"]);
    assert_eq!(out, [message("a\nb")]);
    // An empty chunk between them changes nothing; only one LF is skipped.
    let mut parser = Parser::new();
    let out = feed_all(&mut parser, &[b"data: a\r", b"", b"\n\n", b"data: b\n\n"]);
    assert_eq!(out, [message("a"), message("b")]);
}

#[test]
fn data_lines_are_joined_with_lf() {
    assert_eq!(data_of(b"data: a\ndata: b\ndata: c\n\n"), ["a\nb\nc"]);
    // wpt format-field-data: empty values still add their LF; only the last LF goes.
    assert_eq!(
        data_of(b"data:\n\ndata\ndata\n\ndata:test\n\n"),
        ["", "\n", "test"]
    );
    assert_eq!(data_of(b"data: a\ndata:\n\n"), ["a\n"]);
}

#[test]
fn exactly_one_leading_space_is_removed() {
    assert_eq!(data_of(b"data:no space\n\n"), ["no space"]);
    assert_eq!(data_of(b"data: one\n\n"), ["one"]);
    assert_eq!(data_of(b"data:  two\n\n"), [" two"]);
    // wpt format-leading-space: a tab is not a space.
    assert_eq!(
        data_of(b"data:\ttest\rdata: \ndata:test\n\n"),
        ["\ttest\n\ntest"]
    );
    assert_eq!(
        parse(b"event:  t\nid:  7\ndata\n\n"),
        [event(" t", "", " 7")]
    );
    assert_eq!(parse(b":  c\n"), [comment(" c")]);
}

#[test]
fn an_empty_event_field_means_message() {
    // wpt format-field-event-empty.
    assert_eq!(parse(b"event: \ndata:data\n\n"), [message("data")]);
    assert_eq!(parse(b"event:\ndata:data\n\n"), [message("data")]);
    assert_eq!(parse(b"event: x\nevent:\ndata:data\n\n"), [message("data")]);
}

#[test]
fn an_event_without_event_field_is_a_message() {
    // wpt format-field-event: the type applies to its own event only.
    let items = parse(b"event:test\ndata:x\n\ndata:x\n\n");
    assert_eq!(items, [event("test", "x", ""), message("x")]);
    // An event with no data resets the type too.
    assert_eq!(parse(b"event: lost\n\ndata: y\n\n"), [message("y")]);
    // The last event field of an event wins.
    assert_eq!(
        parse(b"event: a\nevent: b\ndata: z\n\n"),
        [event("b", "z", "")]
    );
}

#[test]
fn an_id_containing_nul_is_ignored() {
    // wpt format-field-id-null: such an id leaves the last event ID as it was.
    let items = parse(b"id: 1\ndata: a\n\nid: 2\x003\ndata: b\n\nid: \x00\x00\ndata: c\n\n");
    assert_eq!(
        items,
        [
            event("message", "a", "1"),
            event("message", "b", "1"),
            event("message", "c", "1")
        ]
    );
}

#[test]
fn an_empty_id_resets_the_last_event_id() {
    // wpt format-field-id-3 "resets".
    let items = parse(b"id: 1\ndata: 1\n\nid:\ndata:2\n\ndata:3\n\n");
    assert_eq!(
        items,
        [event("message", "1", "1"), message("2"), message("3")]
    );
    let items = parse(b"id: 1\ndata: 1\n\nid\ndata:2\n\n");
    assert_eq!(items, [event("message", "1", "1"), message("2")]);
}

#[test]
fn the_id_persists_until_changed_and_each_event_carries_the_one_in_effect() {
    // wpt format-field-id-3 "persists" and "changes and persists", format-field-id-2.
    let ids = |input: &[u8]| -> Vec<String> {
        events(input)
            .iter()
            .map(|event| event.last_event_id().to_owned())
            .collect()
    };
    assert_eq!(ids(b"id: 1\ndata: 1\n\ndata:2\n\n"), ["1", "1"]);
    assert_eq!(
        ids(b"id: 1\ndata: 1\n\nid: 2\ndata:2\n\ndata:3\n\n"),
        ["1", "2", "2"]
    );
    assert_eq!(ids("id: …\nretry: 200\ndata: hello\n\n".as_bytes()), ["…"]);
    // The id counts for its own event wherever it stands in it.
    assert_eq!(ids(b"data: x\nid: 5\n\n"), ["5"]);
    let mut parser = Parser::new();
    feed_all(&mut parser, &[b"id: 1\ndata: a\n\nid: 2\ndata: b\n\n"]);
    assert_eq!(parser.last_event_id(), "2");
}

#[test]
fn an_event_with_an_id_and_no_data_commits_the_id_and_dispatches_nothing() {
    let mut parser = Parser::new();
    assert_eq!(feed_all(&mut parser, &[b"id: 7\n\n"]), []);
    assert_eq!(parser.last_event_id(), "7");
    assert_eq!(
        feed_all(&mut parser, &[b"data: x\n\n"]),
        [event("message", "x", "7")]
    );
    let mut parser = Parser::new();
    assert_eq!(
        feed_all(&mut parser, &[b"id: 8\nevent: e\n: c\n\n"]),
        [comment("c")]
    );
    assert_eq!(parser.last_event_id(), "8");
}

#[test]
fn set_last_event_id_counts_as_a_received_id() {
    let mut parser = Parser::new();
    parser.set_last_event_id("42");
    assert_eq!(parser.last_event_id(), "42");
    assert_eq!(
        feed_all(&mut parser, &[b"data: x\n\n"]),
        [event("message", "x", "42")]
    );
}

#[test]
fn retry_is_honoured_only_when_all_ascii_digits() {
    // wpt format-field-retry: leading zeros are decimal, not octal.
    assert_eq!(parse(b"retry:02000\n"), [retry(2000)]);
    assert_eq!(
        parse(b"retry: 1000\n"),
        [retry(1000)],
        "one leading space is removed first"
    );
    assert_eq!(parse(b"retry: 0\n"), [retry(0)]);
    // wpt format-field-retry-bogus and -empty, and other non-digits.
    for bogus in [
        "retry: 10a",
        "retry:  1000",
        "retry:",
        "retry",
        "retry: -1",
        "retry: +5",
        "retry: 1.5",
        "retry: 1 ",
        "retry: ١٢",
    ] {
        assert_eq!(parse(format!("{bogus}\n").as_bytes()), [], "{bogus:?}");
    }
    assert_eq!(
        parse(b"retry:2000\nretry:1000x\ndata:x\n\n"),
        [retry(2000), message("x")]
    );
    // A value past u64 milliseconds saturates rather than failing.
    assert_eq!(
        parse(b"retry: 99999999999999999999999\n"),
        [retry(u64::MAX)]
    );
}

#[test]
fn retry_is_reported_when_its_line_ends_without_a_blank_line() {
    let mut parser = Parser::new();
    assert_eq!(feed_all(&mut parser, &[b"retry: 5"]), []);
    assert_eq!(feed_all(&mut parser, &[b"00\n"]), [retry(500)]);
}

#[test]
fn unknown_fields_are_ignored() {
    // wpt format-field-unknown.
    let input =
        b"data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test\n\n";
    assert_eq!(
        parse(input),
        [comment("thisisacommentyay"), message("test\n\ntest")]
    );
    // Field names are case-sensitive and exact (wpt format-field-parsing).
    let input = b"data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n\n";
    assert_eq!(data_of(input), ["\0\n 2\n1\n3\n\n4"]);
}

#[test]
fn a_line_without_colon_is_a_field_with_an_empty_value() {
    assert_eq!(data_of(b"data\n\n"), [""]);
    assert_eq!(parse(b"event: x\nevent\ndata: d\n\n"), [message("d")]);
    assert_eq!(parse(b"id: 1\nid\ndata: d\n\n"), [message("d")]);
    assert_eq!(parse(b"retry\n"), []);
}

#[test]
fn comments_are_surfaced_as_their_line_ends() {
    let mut parser = Parser::new();
    assert_eq!(
        feed_all(&mut parser, &[b":heartbeat\n"]),
        [comment("heartbeat")]
    );
    assert_eq!(
        feed_all(&mut parser, &[b": with space", b"\r"]),
        [comment("with space")]
    );
    assert_eq!(feed_all(&mut parser, &[b"\n:\n"]), [comment("")]);
    // A comment inside an event is reported at once and leaves the event alone.
    let items = parse(b"data: a\n: in between\ndata: b\n\n");
    assert_eq!(items, [comment("in between"), message("a\nb")]);
}

#[test]
fn a_comment_split_across_chunks_is_the_comment_of_the_whole_line() {
    // Short ASCII comments are copied from their two parts, the others joined first: both give
    // the same text, with one leading space removed wherever the cut falls.
    let long = format!(": {}", "x".repeat(40));
    let cases: [(&[&[u8]], &str); 9] = [
        (&[b":", b" beat\n"], "beat"),
        (&[b": be", b"at\n"], "beat"),
        (&[b":", b"  two\n"], " two"),
        (&[b": ", b" two\n"], " two"),
        (&[b":", b"\n"], ""),
        (
            &[b": 23 bytes of comment...", b"!\n"],
            "23 bytes of comment...!",
        ),
        (&[b": caf\xC3", b"\xA9\n"], "caf\u{e9}"),
        (&[b": a\xC3", b"x\n"], "a\u{FFFD}x"),
        (&[long.as_bytes(), b"y\n"], &format!("{}y", "x".repeat(40))),
    ];
    for (chunks, text) in cases {
        assert_eq!(
            feed_all(&mut Parser::new(), chunks),
            [comment(text)],
            "{chunks:?}"
        );
    }
    // A split comment still counts towards the size of the event it interrupts.
    let mut parser = Parser::with_max_event_size(12);
    let items = feed_all(&mut parser, &[b"data: 1234\n: ab", b"cdef\n\n"]);
    assert!(
        matches!(items.as_slice(), [ParsedItem::Error(_)]),
        "{items:?}"
    );
}

#[test]
fn comments_of_every_shape_leave_the_data_alone() {
    // wpt format-comments: NUL, CR and long comments between data lines.
    let long = "x".repeat(2 * 1024);
    let input =
        format!("data:1\r:\0\n:\r\ndata:2\n:{long}\rdata:3\n:data:fail\r:{long}\ndata:4\n\n");
    assert_eq!(data_of(input.as_bytes()), ["1\n2\n3\n4"]);
}

#[test]
fn nul_characters_are_data() {
    // wpt format-null-character.
    assert_eq!(data_of(b"data:\0\n\n"), ["\0"]);
}

#[test]
fn an_unterminated_final_event_is_discarded_when_the_stream_ends() {
    assert_eq!(data_of(b"data: a\n\ndata: b"), ["a"]);
    assert_eq!(data_of(b"data: a\n\ndata: b\n"), ["a"]);
    assert_eq!(data_of(b"data: a\n\ndata: b\r"), ["a"]);
    // wpt format-data-before-final-empty-line: the unfinished event's id is not committed.
    let mut parser = Parser::new();
    let out = feed_all(
        &mut parser,
        &[b"retry:1000\ndata:test1\n\nid:test\ndata:test2"],
    );
    assert_eq!(out, [retry(1000), message("test1")]);
    parser.reset();
    assert_eq!(parser.last_event_id(), "");
    assert_eq!(
        feed_all(&mut parser, &[b"data:test1\n\n"]),
        [message("test1")]
    );
}

#[test]
fn reset_keeps_the_last_event_id_and_starts_a_fresh_stream() {
    let mut parser = Parser::new();
    feed_all(
        &mut parser,
        &[b"id: 5\ndata: a\n\nevent: x\ndata: half", b"\r"],
    );
    parser.reset();
    assert_eq!(parser.last_event_id(), "5");
    // The new stream may start with its own BOM.
    let out = feed_all(&mut parser, &[b"\xEF\xBB\xBF", b"\ndata: b\n\n"]);
    assert_eq!(out, [event("message", "b", "5")]);
}
