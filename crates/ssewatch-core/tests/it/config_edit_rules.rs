//! Editing `[[rule]]` tables as the UI does: read them in order, add, replace, remove and move
//! them keeping comments and the other tables, and validate a form the way the loader would.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use ssewatch_core::config::Config;
use ssewatch_core::config::edit::{
    EditError, check_rule_shown, move_rule, remove_rule, rule_forms, upsert_rule,
};
use ssewatch_core::notify::{Expiry, TemplateInput, Urgency};
use ssewatch_core::view::{FieldError, RuleForm};

const FILE: &str = r#"# my config

[[endpoint]]
name = "orders"
url = "http://127.0.0.1:9/orders"

# Notification rules: the first match decides.

# big orders
[[rule]]
endpoint = "orders"   # the shop
event = 'order.*'
when = ["total >= 100"]
title = "Big order {{json.id}}"
urgency = "critical"

# the rest of the shop is quiet
[[rule]]
endpoint = "orders"
notify = false

[[endpoint]]
name = "deploys"
url = "http://127.0.0.1:9/deploys"

[[rule]]
event = "deploy.failed"
when = "status == failed"
timeout = "never"

[notifications]
burst_limit = 5 # per window
"#;

fn load(text: &str) -> Config {
    Config::parse(text, Path::new("config.toml"), &|_| None)
        .unwrap_or_else(|error| panic!("{error}\n---\n{text}"))
}

fn rule(endpoint: Option<&str>, event: Option<&str>) -> RuleForm {
    RuleForm {
        endpoint: endpoint.map(str::to_owned),
        event: event.map(str::to_owned),
        ..RuleForm::default()
    }
}

/// The event type each rule of a loaded config matches first, as a fingerprint of the order.
fn events_of(config: &Config) -> Vec<Option<String>> {
    config
        .rules
        .iter()
        .map(|rule| rule.event.as_ref().map(|glob| glob.as_string()))
        .collect()
}

#[test]
fn rules_read_in_file_order_with_defaults_for_absent_keys() {
    let forms = rule_forms(FILE).unwrap();
    assert_eq!(forms.len(), 3);
    assert_eq!(
        forms[0],
        RuleForm {
            endpoint: Some("orders".into()),
            event: Some("order.*".into()),
            when: vec!["total >= 100".into()],
            title: Some("Big order {{json.id}}".into()),
            urgency: Urgency::Critical,
            ..RuleForm::default()
        }
    );
    assert!(!forms[1].notify);
    assert!(forms[1].sound);
    assert_eq!(forms[2].when, ["status == failed"], "a single condition");
    assert_eq!(forms[2].timeout.as_deref(), Some("never"));
    assert_eq!(rule_forms("").unwrap(), []);
}

#[test]
fn adding_appends_after_the_last_rule_and_writes_only_what_differs_from_the_defaults() {
    let mut form = rule(Some("deploys"), Some("deploy.*"));
    form.when = vec!["  progress >= 50 ".into()];
    form.body = Some("{{json.step}}".into());
    let text = upsert_rule(FILE, None, &form).unwrap();
    let config = load(&text);
    assert_eq!(config.rules.len(), 4);
    assert_eq!(
        events_of(&config)[3].as_deref(),
        Some("deploy.*"),
        "last: {text}"
    );
    let added = &text[text.rfind("[[rule]]").unwrap()..];
    assert!(
        added.starts_with(
            "[[rule]]\nendpoint = \"deploys\"\nevent = \"deploy.*\"\nwhen = \"progress >= 50\"\nbody = \"{{json.step}}\"\n"
        ),
        "{added}"
    );
    assert!(
        text.ends_with("[notifications]\nburst_limit = 5 # per window\n"),
        "{text}"
    );
    assert!(text.contains("# my config") && text.contains("# the rest of the shop is quiet"));
    assert_eq!(rule_forms(&text).unwrap()[3].when, ["progress >= 50"]);
}

#[test]
fn adding_to_a_file_without_rules_or_to_an_empty_file() {
    let text = upsert_rule("", None, &RuleForm::default()).unwrap();
    assert_eq!(text.trim(), "[[rule]]");
    assert_eq!(load(&text).rules.len(), 1);
    let endpoints = "[[endpoint]]\nname = \"a\"\nurl = \"http://127.0.0.1:9/a\"\n";
    let text = upsert_rule(endpoints, None, &rule(Some("a"), None)).unwrap();
    let config = load(&text);
    assert_eq!(config.endpoints.len(), 1);
    assert!(config.rules[0].covers("a") && !config.rules[0].covers("b"));
}

#[test]
fn replacing_edits_in_place_and_keeps_comments_and_unchanged_values_as_written() {
    let mut form = rule_forms(FILE).unwrap().remove(0);
    form.when.push("status != test".into());
    form.urgency = Urgency::Normal;
    form.sound = false;
    form.timeout = Some("10s".into());
    let text = upsert_rule(FILE, Some(0), &form).unwrap();
    assert!(text.contains("# big orders\n[[rule]]\nendpoint = \"orders\"   # the shop\n"));
    assert!(
        text.contains("event = 'order.*'\n"),
        "unchanged value kept as written: {text}"
    );
    assert!(text.contains("when = [\"total >= 100\", \"status != test\"]"));
    assert!(
        text.contains("urgency = \"normal\""),
        "a key the file had stays, at its default"
    );
    let config = load(&text);
    assert_eq!(config.rules.len(), 3);
    let first = &config.rules[0];
    assert!(!first.sound);
    assert_eq!(first.urgency, Urgency::Normal);
    assert_eq!(
        first.expiry,
        Expiry::After(std::time::Duration::from_secs(10))
    );
    assert_eq!(first.when.len(), 2);
    assert_eq!(rule_forms(&text).unwrap()[0], form, "round trip");
}

#[test]
fn a_changed_value_keeps_its_comment_and_a_cleared_field_removes_its_key() {
    let mut form = rule_forms(FILE).unwrap().remove(0);
    form.endpoint = Some("ord*".into());
    form.title = Some("  ".into());
    form.when.clear();
    let text = upsert_rule(FILE, Some(0), &form).unwrap();
    assert!(
        text.contains("endpoint = \"ord*\"   # the shop\n"),
        "{text}"
    );
    assert!(!text.contains("Big order"));
    assert!(!text.contains("total >= 100"));
    let config = load(&text);
    assert!(config.rules[0].title.is_none() && config.rules[0].when.is_empty());
}

#[test]
fn a_single_condition_in_a_list_stays_a_list() {
    let mut form = rule_forms(FILE).unwrap().remove(0);
    form.when = vec!["total >= 200".into()];
    let text = upsert_rule(FILE, Some(0), &form).unwrap();
    assert!(text.contains("when = [\"total >= 200\"]"), "{text}");
}

#[test]
fn removing_drops_the_rule_and_its_own_comment_but_not_the_section_comment() {
    let text = remove_rule(FILE, 0).unwrap();
    assert!(
        text.contains("# Notification rules: the first match decides.\n\n# the rest"),
        "{text}"
    );
    assert!(!text.contains("# big orders"));
    let config = load(&text);
    assert_eq!(events_of(&config), [None, Some("deploy.failed".into())]);
    let text = remove_rule(&text, 1).unwrap();
    let text = remove_rule(&text, 0).unwrap();
    let config = load(&text);
    assert!(config.rules.is_empty());
    assert_eq!(config.endpoints.len(), 2);
    assert_eq!(config.notifications.burst_limit, 5);
    assert_eq!(
        remove_rule(&text, 0),
        Err(EditError::UnknownRule { index: 0, count: 0 })
    );
}

#[test]
fn an_edit_by_position_is_refused_once_the_file_changed_under_the_list() {
    let shown = rule_forms(FILE).unwrap();
    for (index, form) in shown.iter().enumerate() {
        assert_eq!(check_rule_shown(FILE, index, form), Ok(()));
    }
    // Someone moved the last rule to the top by hand: every position now holds another rule.
    let moved = move_rule(FILE, 2, 0).unwrap();
    for (index, form) in shown.iter().enumerate() {
        assert_eq!(
            check_rule_shown(&moved, index, form),
            Err(EditError::RuleChanged { index }),
            "rule {index}"
        );
    }
    // Or edited one value of the first rule.
    let edited = FILE.replace("total >= 100", "total >= 500");
    assert_eq!(
        check_rule_shown(&edited, 0, &shown[0]),
        Err(EditError::RuleChanged { index: 0 })
    );
    assert_eq!(check_rule_shown(&edited, 1, &shown[1]), Ok(()));
    // Or removed rules.
    let removed = remove_rule(&remove_rule(FILE, 2).unwrap(), 1).unwrap();
    assert_eq!(
        check_rule_shown(&removed, 2, &shown[2]),
        Err(EditError::UnknownRule { index: 2, count: 1 })
    );
    let message = EditError::RuleChanged { index: 0 }.to_string();
    assert!(
        message.contains("rule 1") && message.contains("changed since"),
        "{message}"
    );
}

#[test]
fn moving_changes_which_rule_decides_and_comments_move_with_their_rule() {
    let text = move_rule(FILE, 2, 0).unwrap();
    let config = load(&text);
    assert_eq!(
        events_of(&config),
        [Some("deploy.failed".into()), Some("order.*".into()), None]
    );
    assert!(
        text.contains(
            "# Notification rules: the first match decides.\n\n[[rule]]\nevent = \"deploy.failed\""
        ),
        "the section comment stays first: {text}"
    );
    assert!(text.contains("# big orders\n[[rule]]\nendpoint = \"orders\"   # the shop"));
    let at = |needle: &str| text.find(needle).unwrap();
    assert!(
        at("# big orders") < at("name = \"deploys\"")
            && at("name = \"deploys\"") < at("# the rest"),
        "the endpoint table stays between the second and third rule: {text}"
    );

    let down = move_rule(FILE, 0, 1).unwrap();
    let config = load(&down);
    assert_eq!(
        events_of(&config),
        [None, Some("order.*".into()), Some("deploy.failed".into())]
    );
    assert!(down.contains(
        "# the rest of the shop is quiet\n[[rule]]\nendpoint = \"orders\"\nnotify = false"
    ));
    assert_eq!(move_rule(FILE, 1, 1).unwrap(), FILE);
    assert_eq!(
        move_rule(&move_rule(FILE, 0, 2).unwrap(), 2, 0).unwrap(),
        FILE,
        "moving back restores the file"
    );
    assert_eq!(
        move_rule(FILE, 0, 3),
        Err(EditError::UnknownRule { index: 3, count: 3 })
    );
}

#[test]
fn the_first_match_decides_after_a_move() {
    let json = serde_json::json!({"total": 500});
    let input = TemplateInput {
        endpoint: "orders",
        event_type: "order.paid",
        id: "1",
        data: "{}",
        json: Some(&json),
    };
    let quiet_first = move_rule(FILE, 1, 0).unwrap();
    let decides = |text: &str| {
        load(text)
            .rules
            .iter()
            .find(|rule| rule.matches(&input))
            .map(|rule| rule.notify)
    };
    assert_eq!(decides(FILE), Some(true));
    assert_eq!(decides(&quiet_first), Some(false));
}

#[test]
fn bad_files_and_positions_are_refused() {
    assert!(matches!(
        upsert_rule("[[rule]\n", None, &RuleForm::default()),
        Err(EditError::NotToml(_))
    ));
    assert_eq!(
        upsert_rule("rule = 1\n", None, &RuleForm::default()),
        Err(EditError::NotRuleTables)
    );
    assert_eq!(rule_forms("rule = 1\n"), Err(EditError::NotRuleTables));
    assert_eq!(
        upsert_rule(FILE, Some(3), &RuleForm::default()),
        Err(EditError::UnknownRule { index: 3, count: 3 })
    );
    assert_eq!(
        EditError::UnknownRule { index: 3, count: 3 }.to_string(),
        "there is no rule 4 in the config file (it has 3)"
    );
}

/// One case of `ui/tests/fixtures/rule-form-cases.json`, which the UI's mirror checks too.
struct Case {
    name: String,
    form: RuleForm,
    errors: Vec<FieldError>,
}

/// The config's endpoint names and the cases.
fn shared_cases() -> (Vec<String>, Vec<Case>) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../ui/tests/fixtures/rule-form-cases.json");
    let file: Json = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let endpoints = serde_json::from_value(file["endpoints"].clone()).unwrap();
    let default = serde_json::to_value(RuleForm::default()).unwrap();
    let cases = file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let mut form = default.clone();
            for (key, value) in case["form"].as_object().unwrap() {
                form[key] = value.clone();
            }
            Case {
                name: case["name"].as_str().unwrap().to_owned(),
                form: serde_json::from_value(form).unwrap(),
                errors: serde_json::from_value(case["errors"].clone()).unwrap(),
            }
        })
        .collect();
    (endpoints, cases)
}

#[test]
fn validation_names_each_bad_field_as_the_shared_cases_say() {
    let (endpoints, cases) = shared_cases();
    let names: Vec<&str> = endpoints.iter().map(String::as_str).collect();
    for case in cases {
        assert_eq!(
            case.form.validate(&names),
            case.errors,
            "case {:?}",
            case.name
        );
    }
}

#[test]
fn the_loader_accepts_exactly_the_forms_validation_accepts() {
    let (endpoints, cases) = shared_cases();
    let endpoint_tables: String = endpoints
        .iter()
        .map(|name| format!("[[endpoint]]\nname = \"{name}\"\nurl = \"http://127.0.0.1:9/\"\n"))
        .collect();
    for case in cases {
        let text = upsert_rule(&endpoint_tables, None, &case.form).unwrap();
        let loaded = Config::parse(&text, Path::new("config.toml"), &|_| None);
        assert_eq!(
            loaded.is_ok(),
            case.errors.is_empty(),
            "case {:?}: {loaded:?}\n{text}",
            case.name
        );
    }
}
