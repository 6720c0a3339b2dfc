//! Generates the Tauri context (config, embedded UI, capabilities) at build time.

fn main() {
    tauri_build::build();
}
