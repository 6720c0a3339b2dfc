//! `rules`, `save_rule`, `remove_rule`, `move_rule`, `notify_status`, `set_do_not_disturb` and
//! `mute_endpoint` through IPC, on the real config file and the app's notifier.

use std::path::PathBuf;

use serde_json::{Value, json};
use ssewatch_core::quiet::DoNotDisturb;
use ssewatch_desktop::app_state::{AppState, lock};
use tauri::test::MockRuntime;
use tauri::{App, Manager, WebviewWindow};
use tempfile::TempDir;

use super::commands::{app_with_config, field_names, invoke, snapshot_until};

const CONFIG: &str = r#"# mine
[[endpoint]]
name = "orders"
url = "http://127.0.0.1:9/orders"

[[endpoint]]
name = "deploys"
url = "http://127.0.0.1:9/deploys"

# big orders first
[[rule]]
endpoint = "orders"
when = "total >= 100"
urgency = "critical"
"#;

/// The app running on a config file holding [`CONFIG`], in a temp dir that lives as long as the
/// first value.
fn app_on_config() -> (
    TempDir,
    PathBuf,
    App<MockRuntime>,
    WebviewWindow<MockRuntime>,
) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, CONFIG).unwrap();
    let (app, webview) = app_with_config(&config);
    (dir, config, app, webview)
}

fn rule(endpoint: Value, event: Value) -> Value {
    json!({
        "endpoint": endpoint, "event": event, "when": [], "notify": true, "title": null,
        "body": null, "link": null, "urgency": "normal", "sound": true, "timeout": null
    })
}

fn endpoints_of(rules: &Value) -> Vec<Value> {
    rules
        .as_array()
        .unwrap()
        .iter()
        .map(|rule| rule["endpoint"].clone())
        .collect()
}

#[test]
fn rules_are_listed_added_replaced_moved_and_removed_in_the_file() {
    let (_dir, config, _app, webview) = app_on_config();

    let rules = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(rules[0]["endpoint"], "orders");
    assert_eq!(rules[0]["when"], json!(["total >= 100"]));
    assert_eq!(rules[0]["urgency"], "critical");

    let mut added = rule(json!("deploys"), json!("deploy.failed"));
    added["title"] = json!("{{json.service}} failed");
    invoke(&webview, "save_rule", json!({"index": null, "form": added})).unwrap();
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(
        saved.starts_with("# mine") && saved.contains("# big orders first"),
        "{saved}"
    );
    let rules = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(endpoints_of(&rules), [json!("orders"), json!("deploys")]);
    assert_eq!(rules[1]["title"], "{{json.service}} failed");

    invoke(
        &webview,
        "move_rule",
        json!({"from": 1, "to": 0, "shown": rules[1]}),
    )
    .unwrap();
    let rules = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(endpoints_of(&rules), [json!("deploys"), json!("orders")]);

    let mut quiet = rule(json!("orders"), Value::Null);
    quiet["notify"] = json!(false);
    invoke(
        &webview,
        "save_rule",
        json!({"index": 1, "shown": rules[1], "form": quiet}),
    )
    .unwrap();
    let rules = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(rules[1]["notify"], false);
    assert_eq!(rules[1]["when"], json!([]));

    invoke(
        &webview,
        "remove_rule",
        json!({"index": 0, "shown": rules[0]}),
    )
    .unwrap();
    let rules = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(endpoints_of(&rules), [json!("orders")]);
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(!saved.contains("deploy.failed"));
    assert!(
        saved.contains("# big orders first"),
        "the moved rule's comment went with it: {saved}"
    );

    let error = invoke(
        &webview,
        "remove_rule",
        json!({"index": 5, "shown": rules[0]}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "config");
    assert_eq!(
        error["message"],
        "there is no rule 6 in the config file (it has 1)"
    );
}

#[test]
fn a_rule_changed_in_the_file_since_the_window_read_it_is_left_alone() {
    let (_dir, config, _app, webview) = app_on_config();
    let mut added = rule(json!("deploys"), json!("deploy.failed"));
    added["title"] = json!("{{json.service}} failed");
    invoke(&webview, "save_rule", json!({"index": null, "form": added})).unwrap();
    let shown = invoke(&webview, "rules", json!({})).unwrap();
    // Someone swaps the two rules in an editor while the window still shows the old order.
    let swapped = std::fs::read_to_string(&config).unwrap();
    let (head, rest) = swapped.split_once("[[rule]]").unwrap();
    let (first, second) = rest.split_once("[[rule]]").unwrap();
    let edited = format!("{head}[[rule]]{second}\n[[rule]]{first}");
    std::fs::write(&config, &edited).unwrap();

    for (command, args) in [
        ("remove_rule", json!({"index": 0, "shown": shown[0]})),
        ("move_rule", json!({"from": 0, "to": 1, "shown": shown[0]})),
        (
            "save_rule",
            json!({"index": 0, "shown": shown[0], "form": shown[0]}),
        ),
    ] {
        let error = invoke(&webview, command, args).unwrap_err();
        assert_eq!(error["code"], "config", "{command}");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("rule 1 in the config file is not the one shown any more"),
            "{command}: {error}"
        );
        assert_eq!(
            std::fs::read_to_string(&config).unwrap(),
            edited,
            "{command}"
        );
    }
    // A position alone is not enough to replace a rule.
    let error = invoke(&webview, "save_rule", json!({"index": 0, "form": shown[0]})).unwrap_err();
    assert_eq!(error["message"], "rule 1 was named without its values");
    assert_eq!(std::fs::read_to_string(&config).unwrap(), edited);
    // Read again, the same edits go through.
    let now = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(endpoints_of(&now), [json!("deploys"), json!("orders")]);
    invoke(
        &webview,
        "remove_rule",
        json!({"index": 0, "shown": now[0]}),
    )
    .unwrap();
    let left = invoke(&webview, "rules", json!({})).unwrap();
    assert_eq!(endpoints_of(&left), [json!("orders")]);
}

#[test]
fn an_invalid_rule_is_refused_with_field_errors_and_the_file_is_untouched() {
    let (_dir, config, _app, webview) = app_on_config();
    let mut bad = rule(json!("shop"), json!("order.*"));
    bad["when"] = json!(["total >= 100", "status"]);
    bad["body"] = json!("{{total}}");
    bad["timeout"] = json!("soon");
    let error = invoke(&webview, "save_rule", json!({"index": null, "form": bad})).unwrap_err();
    assert_eq!(error["code"], "invalid_form");
    assert_eq!(error["message"], "the rule has problems");
    assert_eq!(
        field_names(&error),
        ["endpoint", "when.1", "body", "timeout"]
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), CONFIG);
}

#[test]
fn without_a_config_file_there_are_no_rules_and_adding_one_creates_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let (_app, webview) = app_with_config(&config);
    assert_eq!(invoke(&webview, "rules", json!({})).unwrap(), json!([]));
    let mut any = rule(Value::Null, json!("deploy.*"));
    any["timeout"] = json!("never");
    invoke(&webview, "save_rule", json!({"index": null, "form": any})).unwrap();
    let saved = std::fs::read_to_string(&config).unwrap();
    assert_eq!(
        saved,
        "[[rule]]\nevent = \"deploy.*\"\ntimeout = \"never\"\n"
    );
}

#[test]
fn do_not_disturb_is_set_on_the_notifier_and_reported() {
    let (_dir, _config, app, webview) = app_on_config();
    let notifier_setting = || lock(&app.state::<AppState>().notifier).do_not_disturb();

    let status = invoke(&webview, "notify_status", json!({})).unwrap();
    assert_eq!(
        status,
        json!({"paused": null, "paused_until": null, "mutes": []})
    );

    let before = chrono::Utc::now().timestamp_millis() as f64;
    let status = invoke(&webview, "set_do_not_disturb", json!({"choice": "hour"})).unwrap();
    assert!(
        status["paused"]
            .as_str()
            .unwrap()
            .starts_with("paused until ")
    );
    let until = status["paused_until"].as_f64().unwrap();
    assert!((until - before - 3_600_000.0).abs() < 60_000.0, "{until}");
    assert!(matches!(notifier_setting(), DoNotDisturb::Until(_)));

    let status = invoke(
        &webview,
        "set_do_not_disturb",
        json!({"choice": "until_resumed"}),
    )
    .unwrap();
    assert_eq!(status["paused"], "paused until resumed");
    assert_eq!(notifier_setting(), DoNotDisturb::Indefinitely);
    assert_eq!(
        invoke(&webview, "notify_status", json!({})).unwrap(),
        status
    );

    let status = invoke(&webview, "set_do_not_disturb", json!({"choice": "off"})).unwrap();
    assert_eq!(status["paused"], Value::Null);
    assert_eq!(notifier_setting(), DoNotDisturb::Off);

    let error = invoke(&webview, "set_do_not_disturb", json!({"choice": "forever"})).unwrap_err();
    assert!(error.to_string().contains("forever"), "{error}");
}

#[test]
fn one_endpoint_is_muted_and_unmuted() {
    let (_dir, _config, app, webview) = app_on_config();
    snapshot_until(&webview, |snapshot| {
        snapshot["endpoints"].as_array().map(Vec::len) == Some(2)
    });

    let status = invoke(
        &webview,
        "mute_endpoint",
        json!({"name": "deploys", "choice": "until_resumed"}),
    )
    .unwrap();
    assert_eq!(
        status["mutes"],
        json!([{"endpoint": "deploys", "text": "muted until unmuted", "until": null}])
    );
    let status = invoke(
        &webview,
        "mute_endpoint",
        json!({"name": "orders", "choice": "tomorrow"}),
    )
    .unwrap();
    let mutes = status["mutes"].as_array().unwrap();
    assert_eq!(mutes.len(), 2);
    assert_eq!(mutes[0]["endpoint"], "orders", "in the endpoints' order");
    assert!(mutes[0]["until"].as_f64().is_some());
    let muted = lock(&app.state::<AppState>().notifier).muted("orders");
    assert!(matches!(muted, DoNotDisturb::Until(_)));

    let status = invoke(
        &webview,
        "mute_endpoint",
        json!({"name": "deploys", "choice": "off"}),
    )
    .unwrap();
    assert_eq!(status["mutes"].as_array().unwrap().len(), 1);
    assert_eq!(status["paused"], Value::Null, "mutes are not a pause");

    let error = invoke(
        &webview,
        "mute_endpoint",
        json!({"name": "ghost", "choice": "hour"}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "unknown_endpoint");
}
