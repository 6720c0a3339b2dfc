//! `[[rule]]` and `[notifications]` in the config file: what loads, and the errors (with their
//! exact location) for templates, conditions and names that are wrong.

use std::time::Duration;

use serde_json::json;
use ssewatch_core::notify::{Expiry, NotifySettings, TemplateInput, Urgency};

use super::config::{error_text, parse};

const ENDPOINTS: &str = "[[endpoint]]\nname = \"orders\"\nurl = \"http://h/\"\n\n";

fn with_rules(rules: &str) -> String {
    format!("{ENDPOINTS}{rules}")
}

fn input<'a>(event_type: &'a str, json: &'a serde_json::Value) -> TemplateInput<'a> {
    TemplateInput {
        endpoint: "orders",
        event_type,
        id: "7",
        data: "{}",
        json: Some(json),
    }
}

#[test]
fn a_rule_with_every_key_loads() {
    let config = parse(&with_rules(
        r#"[[rule]]
endpoint = "ord*"
event = "order.*"
when = ["total >= 100", "status == paid"]
title = "Order {{json.id}}"
body = "{{ json.customer.name }} paid {{json.total}}"
link = "https://shop.example/o/{{json.id}}"
urgency = "critical"
sound = false
timeout = "8s"

[[rule]]
event = "noise"
notify = false
when = "debug exists"
timeout = "never"
"#,
    ))
    .unwrap();
    assert_eq!(config.rules.len(), 2);
    let rule = &config.rules[0];
    let paid = json!({"id": "o1", "total": 120, "status": "paid", "customer": {"name": "Ada"}});
    assert!(rule.matches(&input("order.paid", &paid)));
    assert!(!rule.matches(&input("refund", &paid)));
    let cheap = json!({"id": "o2", "total": 99, "status": "paid"});
    assert!(!rule.matches(&input("order.paid", &cheap)));
    assert_eq!(
        rule.title.as_ref().unwrap().render(&input("x", &paid)),
        "Order o1"
    );
    assert_eq!(
        rule.body.as_ref().unwrap().render(&input("x", &paid)),
        "Ada paid 120"
    );
    assert_eq!(rule.urgency, Urgency::Critical);
    assert!(!rule.sound);
    assert_eq!(rule.expiry, Expiry::After(Duration::from_secs(8)));
    assert!(!config.rules[1].notify);
    assert_eq!(config.rules[1].expiry, Expiry::Never);
    assert_eq!(config.notifications, NotifySettings::default());
}

#[test]
fn the_notifications_table_sets_folding_and_health_timing() {
    let config = parse(&with_rules(
        "[notifications]\nburst_limit = 5\nburst_window = \"30s\"\ndown_after = \"2s\"\nback_after = \"1s\"\n",
    ))
    .unwrap();
    assert_eq!(
        config.notifications,
        NotifySettings {
            burst_limit: 5,
            burst_window: Duration::from_secs(30),
            down_after: Duration::from_secs(2),
            back_after: Duration::from_secs(1),
        }
    );
}

#[test]
fn a_bad_placeholder_is_an_error_at_its_column() {
    assert_eq!(
        error_text(&with_rules("[[rule]]\ntitle = \"Order {{jsn.id}}\"\n")),
        "config.toml:6:16: title: expected text with {{data}}, {{event}}, {{id}}, {{endpoint}}, {{json}} or {{json.PATH}} placeholders, found \"Order {{jsn.id}}\" (unknown placeholder {{jsn.id}}; use data, event, id, endpoint, json or json.PATH)"
    );
    assert_eq!(
        error_text(&with_rules("[[rule]]\nbody = \"{{json.a\"\n")),
        "config.toml:6:9: body: expected text with {{data}}, {{event}}, {{id}}, {{endpoint}}, {{json}} or {{json.PATH}} placeholders, found \"{{json.a\" (\"{{\" without a closing \"}}\")"
    );
}

#[test]
fn a_bad_condition_is_an_error_at_the_condition() {
    let text = error_text(&with_rules(
        "[[rule]]\nwhen = [\"status == ok\", \"total >= lots\"]\n",
    ));
    assert!(
        text.starts_with("config.toml:6:35: when: expected a condition like"),
        "{text}"
    );
    assert!(
        text.ends_with("found \"total >= lots\" (>= needs a number)"),
        "{text}"
    );
    let text = error_text(&with_rules("[[rule]]\nwhen = \"status\"\n"));
    assert!(text.contains("(no operator"), "{text}");
    assert!(text.starts_with("config.toml:6:9: when:"), "{text}");
}

#[test]
fn a_rule_for_an_endpoint_that_does_not_exist_is_an_error() {
    assert_eq!(
        error_text(&with_rules("[[rule]]\nendpoint = \"ordres\"\n")),
        "config.toml:6:12: endpoint: expected an endpoint's name, found \"ordres\" (no [[endpoint]] has this name)"
    );
    // A pattern may match nothing yet (endpoints come and go).
    assert!(parse(&with_rules("[[rule]]\nendpoint = \"stag*\"\n")).is_ok());
}

#[test]
fn wrong_values_and_unknown_keys_in_rules_are_errors() {
    assert_eq!(
        error_text(&with_rules("[[rule]]\nurgency = \"loud\"\n")),
        "config.toml:6:11: urgency: expected \"low\", \"normal\" or \"critical\", found \"loud\""
    );
    assert_eq!(
        error_text(&with_rules("[[rule]]\ntimeout = 5\n")),
        "config.toml:6:11: timeout: expected a duration like \"10s\", \"never\" or \"default\", found 5"
    );
    let unknown = error_text(&with_rules("[[rule]]\ncolour = \"red\"\n"));
    assert!(unknown.starts_with("config.toml:6:1: unknown key \"colour\"; expected one of \"endpoint\", \"event\", \"when\""), "{unknown}");
    assert_eq!(
        error_text(&with_rules("[notifications]\nburst_limit = -1\n")),
        "config.toml:6:15: burst_limit: expected a whole number from 0 to 4294967295, found -1"
    );
    assert_eq!(
        error_text(&with_rules("[rule]\nevent = \"x\"\n")),
        "config.toml:5:1: rule: expected [[rule]] tables (an array of tables, with double brackets), found [rule]"
    );
}
