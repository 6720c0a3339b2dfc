//! The pieces of notification rules: patterns, JSON paths, `when` conditions, templates, the
//! default presentation, and progress detection.

use serde_json::{Value, json};
use ssewatch_core::notify::{
    Condition, Glob, JsonPath, MAX_BODY_CHARS, Outcome, Presentation, ProgressReport, Rule,
    Template, TemplateInput, is_web_link, shorten,
};

fn holds(expression: &str, data: &Value) -> bool {
    Condition::parse(expression).unwrap().holds(Some(data))
}

fn input<'a>(data: &'a str, json: Option<&'a Value>) -> TemplateInput<'a> {
    TemplateInput {
        endpoint: "orders",
        event_type: "order",
        id: "42",
        data,
        json,
    }
}

#[test]
fn globs_match_whole_names_with_stars_and_question_marks() {
    let cases = [
        ("order.*", "order.paid", true),
        ("order.*", "orders", false),
        ("*", "", true),
        ("deploy-?", "deploy-1", true),
        ("deploy-?", "deploy-12", false),
        ("*.failed", "deploy.failed.not", false),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("exact", "Exact", false),
    ];
    for (pattern, text, expected) in cases {
        assert_eq!(
            Glob::new(pattern).matches(text),
            expected,
            "{pattern} vs {text}"
        );
    }
}

#[test]
fn json_paths_walk_objects_and_array_indexes() {
    let data = json!({"order": {"items": [{"sku": "A"}, {"sku": "B"}]}});
    let find = |path: &str| JsonPath::parse(path).unwrap().find(&data).cloned();
    assert_eq!(find("order.items.1.sku"), Some(json!("B")));
    assert_eq!(find("order.items.2.sku"), None);
    assert_eq!(find("order.items.x"), None);
    assert!(JsonPath::parse("a..b").is_none());
    assert!(JsonPath::parse("").is_none());
}

#[test]
fn conditions_compare_fields() {
    let data = json!({
        "status": "paid", "total": 120.5, "count": "7", "tags": ["vip", "eu"],
        "note": "urgent: call back", "flag": true, "nothing": null, "order": {"total": 3}
    });
    for (expression, expected) in [
        ("status == paid", true),
        ("status == \"paid\"", true),
        ("status != paid", false),
        ("status != refunded", true),
        ("total > 120", true),
        ("total >= 120.5", true),
        ("total < 120.5", false),
        ("total <= 120.5", true),
        ("count >= 7", true),
        ("order.total == 3", true),
        ("order.total == 3.0", true),
        ("tags contains vip", true),
        ("tags contains us", false),
        ("note contains urgent", true),
        ("flag == true", true),
        ("flag == \"true\"", false),
        ("nothing exists", true),
        ("nothing == null", true),
        ("missing exists", false),
        ("missing missing", true),
        ("status missing", false),
        ("missing != paid", false),
        ("status > 3", false),
        ("note == \"urgent: call back\"", true),
    ] {
        assert_eq!(holds(expression, &data), expected, "{expression}");
    }
    let not_json = Condition::parse("status == paid").unwrap();
    assert!(!not_json.holds(None));
    assert!(Condition::parse("status missing").unwrap().holds(None));
}

#[test]
fn malformed_conditions_say_where_and_why() {
    let error = Condition::parse("total >= lots").unwrap_err();
    assert_eq!(
        (error.offset, error.reason.as_str()),
        (9, ">= needs a number")
    );
    assert!(
        Condition::parse("status")
            .unwrap_err()
            .reason
            .contains("no operator")
    );
    for (typo, typed) in [
        ("status === paid", "==="),
        ("status ==> paid", "==>"),
        ("total >== 3", ">=="),
        ("total <> 3", "<>"),
        ("status==>paid", "==>"),
    ] {
        let error = Condition::parse(typo).unwrap_err();
        assert_eq!(Some(error.offset), typo.find(typed), "{typo}");
        assert!(
            error
                .reason
                .starts_with(&format!("unknown operator {typed:?}")),
            "{typo}: {}",
            error.reason
        );
    }
    // After a word operator, such a value is a value.
    let tag = Condition::parse("tags contains <b>").unwrap();
    assert!(tag.holds(Some(&serde_json::json!({"tags": "a <b> c"}))));
    // Quoted, such a value is a value.
    let quoted = Condition::parse(r#"status == "= paid""#).unwrap();
    assert!(quoted.holds(Some(&serde_json::json!({"status": "= paid"}))));
    assert!(
        Condition::parse(" == x")
            .unwrap_err()
            .reason
            .contains("field path")
    );
}

#[test]
fn templates_fill_placeholders_and_leave_missing_fields_empty() {
    let json = json!({"order": {"id": "o1", "total": 12.5, "paid": true}, "tags": ["a"]});
    let template = Template::parse(
        "{{endpoint}}/{{event}}#{{id}}: {{json.order.id}} {{ json.order.total }} {{json.order.paid}} {{json.tags}} [{{json.order.missing}}]",
    )
    .unwrap();
    assert_eq!(
        template.render(&input("raw", Some(&json))),
        r#"orders/order#42: o1 12.5 true ["a"] []"#
    );
    let raw = Template::parse("got {{data}} / {{json}} / {{json.a}}").unwrap();
    assert_eq!(raw.render(&input("not json", None)), "got not json /  / ");
    assert_eq!(
        Template::parse("no placeholders")
            .unwrap()
            .render(&input("", None)),
        "no placeholders"
    );
    let error = Template::parse("ok {{data}} {{nope}}").unwrap_err();
    assert_eq!(error.offset, 12);
    assert!(Template::parse("{{json.}}").is_err());
    assert!(Template::parse("{{data").is_err());
}

#[test]
fn defaults_take_title_and_body_from_common_fields() {
    let rule = Rule::default();
    let json =
        json!({"summary": "Deploy done", "text": "api 1.2 is live", "url": "https://ci.example/1"});
    let shown = Presentation::of(&rule, &input("{...}", Some(&json)));
    assert_eq!(shown.title, "Deploy done");
    assert_eq!(shown.body, "api 1.2 is live");
    assert_eq!(shown.link.as_deref(), Some("https://ci.example/1"));
    let titled = json!({"title": "T", "summary": "S", "message": "M", "body": "B"});
    let shown = Presentation::of(&rule, &input("{...}", Some(&titled)));
    assert_eq!((shown.title.as_str(), shown.body.as_str()), ("T", "M"));
    let plain = Presentation::of(&rule, &input("just text", None));
    assert_eq!(
        (plain.title.as_str(), plain.body.as_str()),
        ("order", "just text")
    );
    assert_eq!(plain.link, None);
}

#[test]
fn long_text_is_shortened_and_only_web_links_are_kept() {
    let long = "x".repeat(1000);
    let shown = Presentation::of(&Rule::default(), &input(&long, None));
    assert_eq!(shown.body.chars().count(), MAX_BODY_CHARS);
    assert!(shown.body.ends_with('…'));
    assert_eq!(shorten("ünïcödé", 4), "ünï…");
    assert_eq!(shorten("short", 10), "short");
    assert!(is_web_link("http://example.com/x"));
    for hostile in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "not a url",
        "ftp://x/",
    ] {
        assert!(!is_web_link(hostile), "{hostile}");
        let json = json!({ "url": hostile });
        let shown = Presentation::of(&Rule::default(), &input("{}", Some(&json)));
        assert_eq!(shown.link, None, "{hostile}");
    }
}

#[test]
fn progress_reports_are_recognised_with_their_outcome() {
    let detect = |json: Value| ProgressReport::detect(&json, "progress");
    let running = detect(json!({"job": "search-1", "status": "running", "last": false, "message": "page 2", "progress": 40})).unwrap();
    assert_eq!(running.job, "search-1");
    assert_eq!(running.percent, Some(40));
    assert_eq!(running.message.as_deref(), Some("page 2"));
    assert_eq!(running.outcome, None);
    let done =
        detect(json!({"job": "search-1", "status": "success", "last": true, "message": "done"}))
            .unwrap();
    assert_eq!(done.outcome, Some(Outcome::Success));
    let failed = detect(json!({"status": "failure", "last": true})).unwrap();
    assert_eq!(
        (failed.job.as_str(), failed.outcome),
        ("progress", Some(Outcome::Failure))
    );
    let step = detect(json!({"task_id": 9, "step": "compiling"})).unwrap();
    assert_eq!(
        (step.job.as_str(), step.message.as_deref()),
        ("9", Some("compiling"))
    );
    assert_eq!(detect(json!({"progress": 0.25})).unwrap().percent, Some(25));
    assert_eq!(detect(json!({"progress": 250})).unwrap().percent, Some(100));
    let errored = detect(json!({"done": true, "error": "disk full"})).unwrap();
    assert_eq!(errored.outcome, Some(Outcome::Failure));
    // A status and a message alone are an ordinary event (deploys), not progress.
    assert_eq!(detect(json!({"status": "failed", "message": "boom"})), None);
    assert_eq!(detect(json!([1, 2])), None);
}
