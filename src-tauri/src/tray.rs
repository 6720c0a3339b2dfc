//! The tray icon: one icon per aggregate health, a one-line tooltip, and a menu with everything
//! (Linux shows no click events): open, one line per endpoint with a pause/resume toggle, pause
//! notifications, mute one endpoint's notifications for an hour, quit. On Linux a tray menu
//! cannot be replaced, so its items are edited in place.

use std::sync::Mutex;

use chrono::Utc;
use ssewatch_core::Aggregate;
use ssewatch_core::quiet::DoNotDisturb;
use ssewatch_core::view::{EndpointStatus, HealthName, QuietChoice};
use tauri::image::Image;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem, Submenu};
use tauri::plugin::{Builder as PluginBuilder, TauriPlugin};
use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager, Runtime};

use crate::app_state::{AppState, lock};
use crate::error::Result;
use crate::menu_id::MenuId;
use crate::tray_lines::{Container, EndpointLines, Line};
use crate::{notifications, window};

/// The tray icon's id.
pub const TRAY_ID: &str = "ssewatch";
/// The quiet status line while notifications are on.
const QUIET_OFF_TEXT: &str = "Notifications on";
/// Where the endpoint lines start in the menu (after "Open" and a separator).
const FIRST_ENDPOINT_POSITION: usize = 2;

/// The menu items that change while the app runs.
struct TrayMenu<R: Runtime> {
    menu: Menu<R>,
    endpoint_lines: EndpointLines<R>,
    mute_submenu: Submenu<R>,
    mute_lines: EndpointLines<R>,
    /// A disabled line saying whether notifications are paused (a GTK submenu's own label cannot
    /// be changed, so the "Pause notifications" submenu keeps its name).
    quiet_status: MenuItem<R>,
    shown: Option<Aggregate>,
}

/// The tray's state, managed by Tauri.
pub struct TrayState<R: Runtime>(Mutex<TrayMenu<R>>);

/// The icon for an aggregate health.
pub fn icon_for(aggregate: Aggregate) -> Result<Image<'static>> {
    let bytes: &'static [u8] = match aggregate {
        Aggregate::Live => include_bytes!("../../icons/tray-live.png"),
        Aggregate::Degraded => include_bytes!("../../icons/tray-degraded.png"),
        Aggregate::Down => include_bytes!("../../icons/tray-down.png"),
        Aggregate::Paused => include_bytes!("../../icons/tray-paused.png"),
    };
    Ok(Image::from_bytes(bytes)?)
}

/// The tray as a plugin: the real app registers it; tests on the mock runtime (which has no GTK)
/// run without it, and every tray update is then a no-op.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    PluginBuilder::new("ssewatch-tray")
        .setup(|app, _api| {
            create(app)?;
            Ok(())
        })
        .build()
}

/// Creates the tray icon and its menu.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> Result<()> {
    let open = MenuItem::with_id(
        app,
        MenuId::Open.to_string(),
        "Open SSE Watch",
        true,
        None::<&str>,
    )?;
    let quiet_submenu = Submenu::with_items(
        app,
        "Pause notifications",
        true,
        &[
            &MenuItem::with_id(
                app,
                MenuId::Quiet(QuietChoice::Hour).to_string(),
                "For 1 hour",
                true,
                None::<&str>,
            )?,
            &MenuItem::with_id(
                app,
                MenuId::Quiet(QuietChoice::Tomorrow).to_string(),
                "Until tomorrow",
                true,
                None::<&str>,
            )?,
            &MenuItem::with_id(
                app,
                MenuId::Quiet(QuietChoice::UntilResumed).to_string(),
                "Until resumed",
                true,
                None::<&str>,
            )?,
            &PredefinedMenuItem::separator(app)?,
            &MenuItem::with_id(
                app,
                MenuId::Quiet(QuietChoice::Off).to_string(),
                "Resume notifications",
                true,
                None::<&str>,
            )?,
        ],
    )?;
    let quiet_status = MenuItem::new(app, QUIET_OFF_TEXT, false, None::<&str>)?;
    let mute_submenu = Submenu::with_items(app, "Mute for 1 hour", true, &[])?;
    let quit = MenuItem::with_id(
        app,
        MenuId::Quit.to_string(),
        "Quit SSE Watch",
        true,
        None::<&str>,
    )?;
    let menu = Menu::with_items(
        app,
        &[
            &open,
            &PredefinedMenuItem::separator(app)?,
            &PredefinedMenuItem::separator(app)?,
            &quiet_status,
            &quiet_submenu,
            &mute_submenu,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    TrayIconBuilder::with_id(TRAY_ID)
        .icon(icon_for(Aggregate::Degraded)?)
        .tooltip("SSE Watch")
        .menu(&menu)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| handle_menu_event(app, event.id().as_ref()))
        .build(app)?;
    app.manage(TrayState(Mutex::new(TrayMenu {
        menu,
        endpoint_lines: EndpointLines::new(FIRST_ENDPOINT_POSITION),
        mute_submenu,
        mute_lines: EndpointLines::new(0),
        quiet_status,
        shown: None,
    })));
    refresh(app);
    Ok(())
}

/// Brings icon, tooltip and endpoint lines up to date with the engine's health.
pub fn refresh<R: Runtime>(app: &AppHandle<R>) {
    let (Some(tray_state), Some(state)) =
        (app.try_state::<TrayState<R>>(), app.try_state::<AppState>())
    else {
        return;
    };
    let now = Utc::now();
    let (statuses, aggregate) = {
        let view = lock(&state.view);
        (view.statuses(), view.aggregate(now))
    };
    let (quiet, mutes) = {
        let notifier = lock(&state.notifier);
        let mutes: Vec<DoNotDisturb> = statuses.iter().map(|s| notifier.muted(&s.name)).collect();
        (notifier.do_not_disturb(), mutes)
    };
    let mut tray_menu = lock(&tray_state.0);
    if let Err(error) = update_endpoint_lines(app, &mut tray_menu, &statuses, &mutes, now) {
        tracing::warn!("cannot update the tray menu: {error}");
    }
    let quiet_text = match quiet.describe(now) {
        Some(description) => format!("Notifications {description}"),
        None => QUIET_OFF_TEXT.to_owned(),
    };
    let _ = tray_menu.quiet_status.set_text(quiet_text);
    if let Some(tray) = app.tray_by_id(TRAY_ID) {
        if tray_menu.shown != Some(aggregate) {
            match icon_for(aggregate) {
                Ok(icon) => {
                    let _ = tray.set_icon(Some(icon));
                    tray_menu.shown = Some(aggregate);
                }
                Err(error) => tracing::warn!("cannot load the tray icon: {error}"),
            }
        }
        let _ = tray.set_tooltip(Some(tooltip(&statuses, &quiet, now)));
    }
}

fn update_endpoint_lines<R: Runtime>(
    app: &AppHandle<R>,
    tray_menu: &mut TrayMenu<R>,
    statuses: &[EndpointStatus],
    mutes: &[DoNotDisturb],
    now: chrono::DateTime<Utc>,
) -> Result<()> {
    let toggles: Vec<Line> = statuses
        .iter()
        .map(|status| Line {
            name: status.name.clone(),
            id: MenuId::ToggleEndpoint(status.name.clone()).to_string(),
            label: endpoint_line(status),
        })
        .collect();
    let TrayMenu {
        menu,
        endpoint_lines,
        mute_submenu,
        mute_lines,
        ..
    } = tray_menu;
    endpoint_lines.sync(app, Container::Menu(menu), &toggles)?;
    let mute_toggles: Vec<Line> = statuses
        .iter()
        .zip(mutes)
        .map(|(status, mute)| Line {
            name: status.name.clone(),
            id: MenuId::ToggleMute(status.name.clone()).to_string(),
            label: mute_line(&status.name, mute, now),
        })
        .collect();
    mute_lines.sync(app, Container::Submenu(mute_submenu), &mute_toggles)
}

/// "orders", or "orders: muted until Sat 14:05 (unmute)", as the window says it.
pub fn mute_line(name: &str, mute: &DoNotDisturb, now: chrono::DateTime<Utc>) -> String {
    match mute.describe_mute(now) {
        Some(description) => format!("{name}: {description} (unmute)"),
        None => name.to_owned(),
    }
}

/// "orders: live (pause)" or "orders: paused (resume)".
pub fn endpoint_line(status: &EndpointStatus) -> String {
    let action = if status.state == HealthName::Paused {
        "resume"
    } else {
        "pause"
    };
    format!("{}: {} ({action})", status.name, state_word(status.state))
}

fn state_word(state: HealthName) -> &'static str {
    match state {
        HealthName::Connecting => "connecting",
        HealthName::Live => "live",
        HealthName::Stale => "stale",
        HealthName::Reconnecting => "reconnecting",
        HealthName::Failed => "failed",
        HealthName::Closed => "closed",
        HealthName::Paused => "paused",
    }
}

/// "SSE Watch: 3 live, 1 reconnecting; notifications paused until Tue 08:00".
pub fn tooltip(
    statuses: &[EndpointStatus],
    quiet: &DoNotDisturb,
    now: chrono::DateTime<Utc>,
) -> String {
    let mut counts: Vec<(HealthName, usize)> = Vec::new();
    for status in statuses {
        match counts.iter_mut().find(|(state, _)| *state == status.state) {
            Some((_, count)) => *count += 1,
            None => counts.push((status.state, 1)),
        }
    }
    let summary = if counts.is_empty() {
        "no endpoints".to_owned()
    } else {
        counts
            .iter()
            .map(|(state, count)| format!("{count} {}", state_word(*state)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match quiet.describe(now) {
        Some(description) => format!("SSE Watch: {summary}; notifications {description}"),
        None => format!("SSE Watch: {summary}"),
    }
}

/// Acts on a menu click.
pub fn handle_menu_event<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let Some(id) = MenuId::parse(id) else {
        return;
    };
    let state = app.state::<AppState>();
    let now = Utc::now();
    match id {
        MenuId::Open => window::open(app),
        MenuId::ToggleEndpoint(name) => {
            let paused = lock(&state.view)
                .statuses()
                .iter()
                .any(|status| status.name == name && status.state == HealthName::Paused);
            if let Err(error) = state.hub.set_paused(&name, !paused) {
                tracing::warn!("cannot toggle {name}: {error}");
            }
        }
        MenuId::ToggleMute(name) => {
            let mut notifier = lock(&state.notifier);
            let mute = if notifier.muted(&name).is_active(now) {
                DoNotDisturb::Off
            } else {
                QuietChoice::Hour.setting(now)
            };
            notifier.mute(&name, mute);
            drop(notifier);
            notifications::quiet_changed(app);
        }
        MenuId::Quiet(choice) => {
            lock(&state.notifier).set_do_not_disturb(choice.setting(now));
            notifications::quiet_changed(app);
        }
        MenuId::Quit => app.exit(0),
    }
}
