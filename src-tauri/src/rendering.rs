//! Rendering defaults. GTK loads OpenGL (on machines without a GPU driver: Mesa's software GL,
//! about 28 MiB in the tray process and 40 MiB in the web process) although a tray icon and a
//! small log window gain nothing from it. Measured (BENCHMARKS.md, "## Desktop"): without GL the
//! app meets its memory targets. A user who wants GL sets `GDK_GL` themselves and wins.

/// The variable GDK reads; `disable` turns GL off.
const GDK_GL: &str = "GDK_GL";

/// Turns GDK's OpenGL off unless the user set `GDK_GL`. Must run first in `main`, before any
/// thread exists.
pub fn prefer_no_gl() {
    if cfg!(target_os = "linux") && std::env::var_os(GDK_GL).is_none() {
        // SAFETY: called at the very start of the program, while it has a single thread, so
        // nothing can read the environment concurrently.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(GDK_GL, "disable");
        }
    }
}
