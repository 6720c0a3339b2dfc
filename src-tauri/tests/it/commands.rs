//! `snapshot`, `save_endpoint`, `endpoint_form` and `remove_endpoint` through IPC.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use ssewatch_desktop::run_app;
use ssewatch_desktop::startup::LaunchOptions;
use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{WebviewWindow, WebviewWindowBuilder};

/// A tiny SSE server: every connection gets one `greeting` event and stays open.
fn serve_sse() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            std::thread::spawn(move || {
                let mut request = [0u8; 4096];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\nevent: greeting\nid: 1\ndata: hello\n\n",
                );
                std::thread::sleep(Duration::from_secs(30));
            });
        }
    });
    format!("http://{addr}/events")
}

pub(crate) fn app_with_config(
    config: &Path,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    WebviewWindow<tauri::test::MockRuntime>,
) {
    let options = LaunchOptions {
        config: Some(config.to_owned()),
        open_window: false,
    };
    let mut app = run_app(mock_builder(), options)
        .build(mock_context(noop_assets()))
        .unwrap();
    // One iteration of the (mock) event loop runs the setup hook, as the real loop does at start.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

pub(crate) fn invoke(
    webview: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|response| response.deserialize::<Value>().unwrap())
}

/// The `field` of each field error of an `invalid_form` error.
pub(crate) fn field_names(error: &Value) -> Vec<&str> {
    error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|field| field["field"].as_str().unwrap())
        .collect()
}

/// Polls `snapshot` until `done` holds for it (a guard against hangs, not a timing assertion).
pub(crate) fn snapshot_until(
    webview: &WebviewWindow<tauri::test::MockRuntime>,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let snapshot = invoke(webview, "snapshot", json!({})).unwrap();
        if done(&snapshot) || Instant::now() > deadline {
            return snapshot;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn endpoints_from_the_config_file_stream_into_the_snapshot_and_edits_are_saved() {
    let url = serve_sse();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("# mine\n[[endpoint]]\nname = \"first\"\nurl = \"{url}\"\n"),
    )
    .unwrap();
    let (_app, webview) = app_with_config(&config);

    let snapshot = snapshot_until(&webview, |snapshot| {
        snapshot["events"]
            .as_array()
            .is_some_and(|events| !events.is_empty())
    });
    assert_eq!(snapshot["endpoints"][0]["name"], "first");
    assert_eq!(snapshot["events"][0]["type"], "greeting");
    assert_eq!(snapshot["events"][0]["data"], "hello");

    let form = json!({"name": "second", "url": url, "headers": [], "events": ["greeting"], "stale_after": "45s", "notify": true});
    invoke(
        &webview,
        "save_endpoint",
        json!({"original": null, "form": form}),
    )
    .unwrap();
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(saved.starts_with("# mine"), "comments survive: {saved}");
    assert!(saved.contains("name = \"second\""));
    let snapshot = snapshot_until(&webview, |snapshot| {
        snapshot["events"]
            .as_array()
            .is_some_and(|events| events.iter().any(|event| event["endpoint"] == "second"))
    });
    assert_eq!(snapshot["endpoints"].as_array().map(Vec::len), Some(2));

    let form = invoke(&webview, "endpoint_form", json!({"name": "second"})).unwrap();
    assert_eq!(form["stale_after"], "45s");
    assert_eq!(form["events"], json!(["greeting"]));

    invoke(&webview, "remove_endpoint", json!({"name": "first"})).unwrap();
    assert!(
        !std::fs::read_to_string(&config)
            .unwrap()
            .contains("name = \"first\"")
    );
    let snapshot = snapshot_until(&webview, |snapshot| {
        snapshot["endpoints"].as_array().map(Vec::len) == Some(1)
    });
    assert_eq!(snapshot["endpoints"][0]["name"], "second");
}

#[test]
fn an_invalid_form_is_refused_with_field_errors_and_the_file_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let original = "[[endpoint]]\nname = \"a\"\nurl = \"http://127.0.0.1:9/x\"\n";
    std::fs::write(&config, original).unwrap();
    let (_app, webview) = app_with_config(&config);
    let form = json!({"name": "a", "url": "ftp://nope", "headers": [], "events": [], "stale_after": "soon", "notify": false});
    let error = invoke(
        &webview,
        "save_endpoint",
        json!({"original": null, "form": form}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "invalid_form");
    assert_eq!(field_names(&error), ["name", "url", "stale_after"]);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), original);
}

#[test]
fn unknown_endpoints_are_errors_with_a_code() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let (_app, webview) = app_with_config(&config);
    let error = invoke(
        &webview,
        "set_endpoint_paused",
        json!({"name": "ghost", "paused": true}),
    )
    .unwrap_err();
    assert_eq!(error["code"], "unknown_endpoint");
}
