//! Menu lines that follow the endpoints, one per endpoint: rebuilt when the set of endpoints
//! changes, relabelled in place otherwise (a Linux tray menu cannot be replaced). Used for the
//! endpoint lines of the tray menu and for the lines of its "Mute for 1 hour" submenu.

use tauri::menu::{Menu, MenuItem, Submenu};
use tauri::{AppHandle, Runtime};

use crate::error::Result;

/// Where lines live: the tray menu itself or one of its submenus.
pub enum Container<'a, R: Runtime> {
    /// The top-level menu.
    Menu(&'a Menu<R>),
    /// A submenu.
    Submenu(&'a Submenu<R>),
}

/// One line per endpoint, by endpoint name, in menu order.
pub struct EndpointLines<R: Runtime> {
    items: Vec<(String, MenuItem<R>)>,
    first_position: usize,
}

/// What a line shows for one endpoint: its menu id and its label.
pub struct Line {
    /// The endpoint's name.
    pub name: String,
    /// The menu id (a `MenuId` in its string form).
    pub id: String,
    /// The label.
    pub label: String,
}

impl<R: Runtime> EndpointLines<R> {
    /// No lines yet; they will start at `first_position` in their container.
    pub fn new(first_position: usize) -> Self {
        EndpointLines {
            items: Vec::new(),
            first_position,
        }
    }

    /// Makes the lines equal to `lines`.
    pub fn sync(
        &mut self,
        app: &AppHandle<R>,
        container: Container<'_, R>,
        lines: &[Line],
    ) -> Result<()> {
        let same_endpoints = self.items.len() == lines.len()
            && self
                .items
                .iter()
                .zip(lines)
                .all(|((name, _), line)| *name == line.name);
        if same_endpoints {
            for ((_, item), line) in self.items.iter().zip(lines) {
                item.set_text(&line.label)?;
            }
            return Ok(());
        }
        for (_, item) in self.items.drain(..) {
            match container {
                Container::Menu(menu) => menu.remove(&item)?,
                Container::Submenu(submenu) => submenu.remove(&item)?,
            }
        }
        for (offset, line) in lines.iter().enumerate() {
            let item = MenuItem::with_id(app, &line.id, &line.label, true, None::<&str>)?;
            let position = self.first_position + offset;
            match container {
                Container::Menu(menu) => menu.insert(&item, position)?,
                Container::Submenu(submenu) => submenu.insert(&item, position)?,
            }
            self.items.push((line.name.clone(), item));
        }
        Ok(())
    }
}
