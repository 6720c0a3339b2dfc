//! `${NAME}` interpolation: where it applies, the `$${` escape, errors at the reference, and
//! secrets kept out of error messages and `Debug` output.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::RefCell;
use std::path::Path;

use ssewatch_core::config::{Config, Problem};

use super::config::{error_text, parse, parse_with};

const SECRET: &str = "s3cr3t-Value";

fn endpoint(extra: &str) -> String {
    format!("[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\n{extra}\n")
}

#[test]
fn url_header_values_and_body_are_interpolated() {
    let text = "[[endpoint]]\nname = \"a\"\nurl = \"https://${HOST}/stream?token=${TOKEN}\"\n\
                body = '{\"user\": \"${USER_ID}\"}'\nheaders = { Authorization = \"Bearer ${TOKEN}\" }\n";
    let vars = [
        ("HOST", "example.com:8443"),
        ("TOKEN", SECRET),
        ("USER_ID", "42"),
    ];
    let config = parse_with(text, &vars).unwrap();
    let spec = &config.endpoints[0];
    assert_eq!(
        spec.url.as_str(),
        format!("https://example.com:8443/stream?token={SECRET}")
    );
    assert_eq!(
        spec.headers,
        [("Authorization".to_owned(), format!("Bearer {SECRET}"))]
    );
    assert_eq!(spec.body.as_deref(), Some(r#"{"user": "42"}"#));
}

#[test]
fn other_keys_are_taken_literally() {
    let text = "[[endpoint]]\nname = \"${NAME}\"\nurl = \"http://h/\"\nevents = [\"${EVENT}\"]\nca_file = \"/${DIR}/ca.pem\"\n";
    let spec = parse(text).unwrap().endpoints.remove(0);
    assert_eq!(spec.name, "${NAME}");
    assert_eq!(spec.events, ["${EVENT}"]);
    assert_eq!(spec.ca_file.unwrap(), Path::new("/${DIR}/ca.pem"));
}

#[test]
fn a_doubled_dollar_escapes_and_a_lone_dollar_is_literal() {
    let looked_up = RefCell::new(Vec::new());
    let env = |name: &str| {
        looked_up.borrow_mut().push(name.to_owned());
        Some("V".to_owned())
    };
    let text = endpoint("body = 'a $${NOT} b $$ c $5 d ${X} e $'");
    let config = Config::parse(&text, Path::new("config.toml"), &env).unwrap();
    assert_eq!(
        config.endpoints[0].body.as_deref(),
        Some("a ${NOT} b $$ c $5 d V e $")
    );
    assert_eq!(*looked_up.borrow(), ["X"]);
}

#[test]
fn substituted_values_are_not_scanned_again_and_may_be_empty() {
    let text = endpoint("body = \"[${A}][${B}]\"");
    let config = parse_with(&text, &[("A", "${B}"), ("B", "")]).unwrap();
    assert_eq!(config.endpoints[0].body.as_deref(), Some("[${B}][]"));
}

#[test]
fn an_unset_variable_is_an_error_at_the_reference() {
    let text = "[[endpoint]]\nname = \"a\"\nurl = \"http://h/?token=${TOKEN}\"\n";
    let error = parse(text).unwrap_err();
    assert_eq!(
        error.to_string(),
        "config.toml:3:24: url: environment variable ${TOKEN} is not set"
    );
    assert_eq!(error.code(), "unset_variable");
    assert_eq!(
        error.diagnostic().map(|d| &d.problem),
        Some(&Problem::UnsetVariable {
            name: "TOKEN".to_owned()
        })
    );
    // In a header of a sub-table, and in a multi-line body.
    assert_eq!(
        error_text(&endpoint("[endpoint.headers]\nX-Key = \"k=${API_KEY}\"")),
        "config.toml:5:12: headers.X-Key: environment variable ${API_KEY} is not set"
    );
    assert_eq!(
        error_text(&endpoint(
            "body = \"\"\"\nline one\n  then ${MISSING}\"\"\""
        )),
        "config.toml:6:8: body: environment variable ${MISSING} is not set"
    );
}

#[test]
fn with_escapes_in_the_string_the_error_points_at_the_value() {
    assert_eq!(
        error_text(&endpoint("body = \"\\t${MISSING}\"")),
        "config.toml:4:8: body: environment variable ${MISSING} is not set"
    );
}

#[test]
fn malformed_references_are_errors() {
    assert_eq!(
        error_text(&endpoint("body = \"x ${OPEN\"")),
        "config.toml:4:11: body: unterminated \"${\" (close it with \"}\", or write \"$${\" for a literal \"${\")"
    );
    assert_eq!(
        error_text(&endpoint("body = \"${}\"")),
        "config.toml:4:9: body: empty variable name \"${}\""
    );
    let invalid = parse(&endpoint("body = \"${9LIVES}\"")).unwrap_err();
    assert_eq!(
        invalid.to_string(),
        "config.toml:4:9: body: invalid variable name \"9LIVES\" in \"${9LIVES}\" (use letters, digits and _, not starting with a digit)"
    );
    assert_eq!(invalid.code(), "interpolation");
    assert_eq!(
        error_text(&endpoint("body = \"${A-B}\"")),
        "config.toml:4:9: body: invalid variable name \"A-B\" in \"${A-B}\" (use letters, digits and _, not starting with a digit)"
    );
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let text = "[[endpoint]]\nname = \"a\"\nurl = \"https://h/stream?token=${TOKEN}\"\nbody = \"${TOKEN}\"\n\
                headers = { Authorization = \"Bearer ${TOKEN}\", X-Plain = \"visible\" }\n";
    let config = parse_with(text, &[("TOKEN", SECRET)]).unwrap();
    for debug in [format!("{config:?}"), format!("{config:#?}")] {
        assert!(!debug.contains(SECRET), "{debug}");
        assert!(debug.contains("https://h/stream?token=${TOKEN}"), "{debug}");
        assert!(
            debug.contains("Bearer ${TOKEN}") && debug.contains("visible"),
            "{debug}"
        );
    }
    // Clones keep hiding them.
    assert!(!format!("{:?}", config.clone()).contains(SECRET));
}

#[test]
fn a_url_normalised_after_substitution_is_still_hidden() {
    let text = "[[endpoint]]\nname = \"a\"\nurl = \"${BASE}\"\n";
    let config = parse_with(text, &[("BASE", "HTTPS://User:s3cr3t@Example.COM")]).unwrap();
    assert_eq!(
        config.endpoints[0].url.as_str(),
        "https://User:s3cr3t@example.com/"
    );
    let debug = format!("{config:?}");
    assert!(
        !debug.contains("s3cr3t") && debug.contains("${BASE}"),
        "{debug}"
    );
}

#[test]
fn secrets_never_appear_in_errors() {
    let cases = [
        // The secret makes the URL invalid.
        (
            "[[endpoint]]\nname = \"a\"\nurl = \"${TOKEN}\"\n",
            "config.toml:3:7: url: expected an http or https URL, found \"${TOKEN}\" (after substituting variables: relative URL without a base)",
        ),
        (
            "[[endpoint]]\nname = \"a\"\nurl = \"ftp://${TOKEN}/\"\n",
            "config.toml:3:7: url: expected an http or https URL, found \"ftp://${TOKEN}/\" (after substituting variables: the scheme is not http or https)",
        ),
        // The secret holds a line break, which no header value may.
        (
            "[[endpoint]]\nname = \"a\"\nurl = \"http://h/\"\nheaders = { X-Key = \"${MULTI}\" }\n",
            "config.toml:4:21: headers.X-Key: expected a header value without line breaks or control characters, found \"${MULTI}\" (after substituting variables)",
        ),
        // A later error in a file that has interpolated a secret.
        (
            "[[endpoint]]\nname = \"a\"\nurl = \"http://h/?t=${TOKEN}\"\nstale_after = \"soon\"\n",
            "config.toml:4:15: stale_after: expected a duration like \"30s\", \"500ms\" or \"2m\", found \"soon\"",
        ),
    ];
    for (text, expected) in cases {
        let error = parse_with(
            text,
            &[("TOKEN", SECRET), ("MULTI", "s3cr3t-Value\r\nInjected: 1")],
        )
        .unwrap_err();
        assert_eq!(error.to_string(), expected);
        assert!(!format!("{error:?}").contains("s3cr3t"), "{error:?}");
    }
}
