//! The window: created only when opened, destroyed when closed (an idle app holds no webview),
//! focused when opened again or when a second instance starts.

use tauri::{AppHandle, Manager, Runtime, WebviewUrl, WebviewWindowBuilder, WindowEvent};

use crate::app_state::{AppState, lock};

/// The window's label.
pub const MAIN_WINDOW: &str = "main";
const DEFAULT_SIZE: (f64, f64) = (1040.0, 700.0);
const MIN_SIZE: (f64, f64) = (640.0, 420.0);

/// Opens the window, or brings the existing one to the front.
pub fn open<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
        return;
    }
    let built = WebviewWindowBuilder::new(app, MAIN_WINDOW, WebviewUrl::App("index.html".into()))
        .title("SSE Watch")
        .inner_size(DEFAULT_SIZE.0, DEFAULT_SIZE.1)
        .min_inner_size(MIN_SIZE.0, MIN_SIZE.1)
        .build();
    match built {
        Ok(window) => {
            let app = app.clone();
            window.on_window_event(move |event| {
                if matches!(event, WindowEvent::Destroyed) {
                    lock(&app.state::<AppState>().subscribers).clear();
                }
            });
        }
        Err(error) => tracing::error!("cannot open the window: {error}"),
    }
}
