//! Editing endpoints in the config file as the UI does: comments and unknown keys survive, the
//! result loads, and bad edits are refused.

use std::path::Path;

use ssewatch_core::config::Config;
use ssewatch_core::config::edit::{EditError, endpoint_form, remove_endpoint, upsert_endpoint};
use ssewatch_core::view::{EndpointForm, HeaderPair};

const FILE: &str = r#"# my endpoints
[[endpoint]]
name = "orders"   # the shop
url = "https://shop.example/stream?token=${SHOP_TOKEN}"
headers = { Authorization = "Bearer ${API}" }
retry_max = "2m"

[[endpoint]]
name = "deploys"
url = "http://127.0.0.1:8080/deploys"
events = ["deploy"]
stale_after = "45s"
notify = true
"#;

fn load(text: &str) -> Config {
    Config::parse(text, Path::new("config.toml"), &|_| Some("x".to_owned())).expect("loads")
}

fn form(name: &str, url: &str) -> EndpointForm {
    EndpointForm {
        name: name.to_owned(),
        url: url.to_owned(),
        headers: Vec::new(),
        events: Vec::new(),
        stale_after: None,
        notify: false,
    }
}

#[test]
fn a_form_shows_the_raw_values_with_variables_unresolved() {
    let orders = endpoint_form(FILE, "orders").unwrap();
    assert_eq!(
        orders.url,
        "https://shop.example/stream?token=${SHOP_TOKEN}"
    );
    assert_eq!(
        orders.headers,
        [HeaderPair {
            name: "Authorization".into(),
            value: "Bearer ${API}".into()
        }]
    );
    let deploys = endpoint_form(FILE, "deploys").unwrap();
    assert_eq!(deploys.events, ["deploy"]);
    assert_eq!(deploys.stale_after.as_deref(), Some("45s"));
    assert!(deploys.notify);
    assert_eq!(
        endpoint_form(FILE, "nope"),
        Err(EditError::UnknownEndpoint("nope".into()))
    );
}

#[test]
fn editing_keeps_comments_and_keys_the_form_does_not_know() {
    let mut edited = endpoint_form(FILE, "orders").unwrap();
    edited.name = "shop".to_owned();
    edited.stale_after = Some("30s".to_owned());
    let text = upsert_endpoint(FILE, Some("orders"), &edited).unwrap();
    assert!(text.contains("# my endpoints"));
    assert!(text.contains("retry_max = \"2m\""));
    let config = load(&text);
    let names: Vec<_> = config
        .endpoints
        .iter()
        .map(|spec| spec.name.as_str())
        .collect();
    assert_eq!(names, ["shop", "deploys"]);
    assert_eq!(
        config.endpoints[0].stale_after,
        Some(std::time::Duration::from_secs(30))
    );
}

#[test]
fn adding_appends_and_works_on_an_empty_file() {
    let mut new = form("jobs", "http://127.0.0.1:9000/jobs");
    new.events = vec!["progress".to_owned()];
    new.notify = true;
    let text = upsert_endpoint("", None, &new).unwrap();
    let config = load(&text);
    assert_eq!(config.endpoints.len(), 1);
    assert_eq!(config.endpoints[0].events, ["progress"]);
    assert!(config.endpoints[0].notify);
    let text = upsert_endpoint(FILE, None, &new).unwrap();
    assert_eq!(load(&text).endpoints.len(), 3);
}

#[test]
fn removing_drops_only_that_endpoint() {
    let text = remove_endpoint(FILE, "orders").unwrap();
    let config = load(&text);
    assert_eq!(config.endpoints.len(), 1);
    assert_eq!(config.endpoints[0].name, "deploys");
    assert_eq!(
        remove_endpoint(FILE, "orders-2"),
        Err(EditError::UnknownEndpoint("orders-2".into()))
    );
}

#[test]
fn removing_the_first_endpoint_keeps_the_file_header_but_not_its_own_comment() {
    let text = "# file header\n# more header\n\n# about a\n[[endpoint]]\nname = \"a\"\nurl = \"http://127.0.0.1:1/a\"\n\n[[endpoint]]\nname = \"b\"\nurl = \"http://127.0.0.1:1/b\"\n";
    let text = remove_endpoint(text, "a").unwrap();
    assert!(
        text.starts_with("# file header\n# more header\n"),
        "header kept: {text:?}"
    );
    assert!(
        !text.contains("about a"),
        "the removed endpoint's own comment goes: {text:?}"
    );
    let only = remove_endpoint(&text, "b").unwrap();
    assert!(
        only.contains("# file header"),
        "header kept when the last endpoint goes: {only:?}"
    );
    assert!(load(&only).endpoints.is_empty());
}

#[test]
fn a_broken_file_is_refused_not_overwritten() {
    assert!(matches!(
        upsert_endpoint("[[endpoint]\nname=", None, &form("a", "http://x")),
        Err(EditError::NotToml(_))
    ));
}

#[test]
fn form_validation_names_each_bad_field() {
    let mut bad = form("", "ftp://x");
    bad.headers = vec![HeaderPair {
        name: "Bad Name".into(),
        value: "a\nb".into(),
    }];
    bad.stale_after = Some("fast".into());
    let fields: Vec<_> = bad
        .validate(&[])
        .into_iter()
        .map(|problem| problem.field)
        .collect();
    assert_eq!(
        fields,
        [
            "name",
            "url",
            "headers.0.name",
            "headers.0.value",
            "stale_after"
        ]
    );
    let dup = form("orders", "http://127.0.0.1/${HOST_PATH}");
    let fields: Vec<_> = dup
        .validate(&["orders"])
        .into_iter()
        .map(|problem| problem.field)
        .collect();
    assert_eq!(fields, ["name"]);
    // What the loader refuses in a name, the form refuses on the name field.
    for name in ["red\u{1b}[31m", "deploys\u{202E}dlo", "first\u{2066}"] {
        let problems = form(name, "http://127.0.0.1/").validate(&[]);
        assert_eq!(problems.len(), 1, "{name:?}: {problems:?}");
        assert_eq!(problems[0].field, "name");
        assert_eq!(
            problems[0].message,
            "a name cannot contain control characters (tabs, line breaks, escapes) or \
             bidirectional formatting characters"
        );
    }
    // And a header value the loader would refuse is refused on its field: a bell, not only a
    // line break. A tab is a valid header value.
    let mut belled = form("ok", "http://127.0.0.1/");
    belled.headers = vec![
        HeaderPair {
            name: "X-Bell".into(),
            value: "a\u{7}".into(),
        },
        HeaderPair {
            name: "X-Tab".into(),
            value: "a\tb".into(),
        },
    ];
    let fields: Vec<_> = belled
        .validate(&[])
        .into_iter()
        .map(|problem| problem.field)
        .collect();
    assert_eq!(fields, ["headers.0.value"]);
    // Nor may it set a header the client sets itself.
    let mut resuming = form("ok", "http://127.0.0.1/");
    resuming.headers = vec![HeaderPair {
        name: "Last-Event-ID".into(),
        value: "10".into(),
    }];
    let problems = resuming.validate(&[]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, "headers.0.name");
    assert!(
        problems[0]
            .message
            .starts_with("the client sets Last-Event-ID itself: "),
        "{problems:?}"
    );
}
