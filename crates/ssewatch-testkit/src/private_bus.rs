//! A private D-Bus bus for tests: a `dbus-daemon` child process with a config of its own.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};

use crate::error::{Error, Result};

/// The daemon's config: a session-type bus on a socket in our temporary directory, every
/// message allowed, and no `<servicedir>`: nothing is auto-started, so a desktop's own
/// notification daemon (dunst, say) can never take `org.freedesktop.Notifications` here.
const CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=DIR</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// A running private `dbus-daemon`, stopped (by its pid) when dropped.
#[derive(Debug)]
pub struct PrivateBus {
    child: Child,
    address: String,
    /// Held open: the daemon's stdout, after the address line.
    _stdout: BufReader<ChildStdout>,
    /// The config file and the socket; removed on drop.
    _dir: tempfile::TempDir,
}

impl PrivateBus {
    /// Starts `dbus-daemon --config-file F --print-address --nofork` and waits for its address.
    pub fn start() -> Result<PrivateBus> {
        let dir = tempfile::Builder::new()
            .prefix("ssewatch-bus-")
            .tempdir()
            .map_err(Error::io("creating a directory for dbus-daemon"))?;
        let dir_path = dir.path().to_str().ok_or_else(|| {
            Error::DbusDaemon(format!("temporary path is not UTF-8: {:?}", dir.path()))
        })?;
        let config_path = dir.path().join("bus.conf");
        std::fs::write(&config_path, CONFIG.replace("DIR", dir_path))
            .map_err(Error::io(format!("writing {}", config_path.display())))?;

        // Its stderr goes to a file: as root it warns on every start that it cannot raise its
        // file limit; the file is read into the error when it does not start.
        let log_path = dir.path().join("dbus-daemon.log");
        let log = std::fs::File::create(&log_path)
            .map_err(Error::io(format!("creating {}", log_path.display())))?;
        let mut child = Command::new("dbus-daemon")
            .arg("--config-file")
            .arg(&config_path)
            .args(["--print-address", "--nofork"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(Error::io(
                "starting dbus-daemon (Debian package dbus-daemon)",
            ))?;
        let Some(stdout) = child.stdout.take() else {
            stop(&mut child);
            return Err(Error::DbusDaemon("no stdout pipe".into()));
        };
        let mut stdout = BufReader::new(stdout);
        let mut line = String::new();
        let read = stdout.read_line(&mut line);
        let address = line.trim().to_owned();
        if read.is_err() || address.is_empty() {
            stop(&mut child);
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            return Err(Error::DbusDaemon(format!(
                "it printed no address ({read:?}); it said: {}",
                log.trim()
            )));
        }
        Ok(PrivateBus {
            child,
            address,
            _stdout: stdout,
            _dir: dir,
        })
    }

    /// The bus address, as for `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The daemon's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

/// Kills the daemon (by its pid) and reaps it.
fn stop(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}
