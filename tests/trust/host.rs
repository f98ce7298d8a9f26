//! The host a trust test runs on: OS users and groups made for it (and
//! removed after it), folders and installs as docs/shared-host.md makes
//! them, and commands run as a reviewer's login with `runuser`.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

use crate::common::pty::{Options, Session};
use crate::common::s;

/// One test at a time creates users and groups.
static HOST: Mutex<()> = Mutex::new(());

/// Why the tests here cannot run, if they cannot.
pub fn cannot_run() -> Option<String> {
    if !nix::unistd::geteuid().is_root() {
        return Some("not root: creating OS users needs it (CI runs as root)".into());
    }
    for tool in ["useradd", "userdel", "groupadd", "groupdel", "runuser"] {
        let found = ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]
            .iter()
            .any(|d| Path::new(d).join(tool).exists());
        if !found {
            return Some(format!("{tool} is missing"));
        }
    }
    None
}

/// The users and groups a test made, and its folders; all removed when it
/// ends, however it ends.
pub struct Host {
    tag: String,
    users: Vec<String>,
    groups: Vec<String>,
    dir: tempfile::TempDir,
    _one_at_a_time: std::sync::MutexGuard<'static, ()>,
}

impl Host {
    /// `None` (and the reason printed) where users cannot be made.
    pub fn new(test: &str) -> Option<Host> {
        if let Some(why) = cannot_run() {
            println!("{test}: skipped: {why}");
            return None;
        }
        let lock = HOST.lock().unwrap_or_else(|p| p.into_inner());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        Some(Host {
            tag: format!("{:05x}", (nanos ^ std::process::id()) & 0xfffff),
            users: Vec::new(),
            groups: Vec::new(),
            dir,
            _one_at_a_time: lock,
        })
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A new group, `hs<tag><short>`.
    pub fn group(&mut self, short: &str) -> String {
        let name = format!("hs{}{short}", self.tag);
        run_ok(Command::new("groupadd").arg(&name));
        self.groups.push(name.clone());
        name
    }

    /// A new login with no home and no shell, in `groups`.
    pub fn user(&mut self, short: &str, groups: &[&str]) -> String {
        let name = format!("hs{}{short}", self.tag);
        let mut cmd = Command::new("useradd");
        cmd.args(["-M", "-N", "-s", "/usr/sbin/nologin"]);
        if !groups.is_empty() {
            cmd.args(["-G", &groups.join(",")]);
        }
        run_ok(cmd.arg(&name));
        self.users.push(name.clone());
        name
    }

    /// A folder as docs/shared-host.md makes it: `owner:group`, `mode`.
    pub fn folder(&self, name: &str, group: &str, mode: u32) -> PathBuf {
        let dir = self.root().join(name);
        std::fs::create_dir(&dir).unwrap();
        run_ok(Command::new("chown").arg(format!("root:{group}")).arg(&dir));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).unwrap();
        dir
    }

    /// huishen installed in a 0755 folder: plain, or setgid to `group`
    /// (`install -m 2755 -g GROUP`).
    pub fn install(&self, setgid: Option<&str>) -> PathBuf {
        let bin = self.root().join("bin");
        if !bin.exists() {
            std::fs::create_dir(&bin).unwrap();
        }
        let path = bin.join(setgid.map_or("huishen".into(), |g| format!("huishen-{g}")));
        std::fs::copy(crate::common::bin(), &path).unwrap();
        if let Some(g) = setgid {
            run_ok(Command::new("chown").arg(format!("root:{g}")).arg(&path));
        }
        let mode = if setgid.is_some() { 0o2755 } else { 0o755 };
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        path
    }

    /// A file only its group may read (0640, root:`group`).
    pub fn group_file(&self, path: &Path, group: &str, contents: &str) {
        std::fs::write(path, contents).unwrap();
        run_ok(Command::new("chown").arg(format!("root:{group}")).arg(path));
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }

    /// A file anyone may read, in the test's open folder.
    pub fn public_file(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, contents).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        path
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        for u in &self.users {
            let _ = Command::new("userdel").args(["-f", u]).output();
        }
        for g in &self.groups {
            let _ = Command::new("groupdel").arg(g).output();
        }
    }
}

pub fn run_ok(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `runuser -u USER -- PROGRAM ARGS` in English unless `env` says.
pub fn as_user(user: &str, program: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new("runuser");
    cmd.args(["-u", user, "--"])
        .arg(program)
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SUDO_USER")
        .env_remove("SUDO_UID");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

/// What a run said: (success, stdout, stderr).
pub fn said(out: &Output) -> (bool, String, String) {
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs huishen as `user` and insists on success: stdout.
pub fn ok_as(user: &str, bin: &Path, args: &[&str]) -> String {
    let (ok, out, err) = said(&as_user(user, bin, args, &[]));
    assert!(ok, "{user}: huishen {args:?} failed: {err}");
    out
}

/// Runs huishen as `user` and insists on failure: stderr.
pub fn fails_as(user: &str, bin: &Path, args: &[&str]) -> String {
    let (ok, out, err) = said(&as_user(user, bin, args, &[]));
    assert!(!ok, "{user}: huishen {args:?} should have failed: {out}");
    err
}

/// The folder's entries: name, owner's uid, permission bits.
pub fn listing(folder: &Path) -> Vec<(String, u32, u32)> {
    let mut v: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                m.uid(),
                m.mode() & 0o777,
            )
        })
        .collect();
    v.sort();
    v
}

/// `huishen ARGS` (the program `bin`) in a pty as `user`, in Chinese.
pub fn open_as(h: &Host, user: &str, bin: &Path, args: &[&str]) -> Session {
    // The harness runs its own binary under the wrapper: the wrapper drops
    // it and runs `bin` instead.
    let wrapper = [
        "runuser",
        "-u",
        user,
        "--",
        "sh",
        "-c",
        "shift; exec \"$0\" \"$@\"",
        s(bin),
    ];
    Session::spawn_with(
        args,
        120,
        30,
        &[("LANG", "zh_CN.UTF-8")],
        h.root(),
        Options {
            wrapper: &wrapper,
            ..Options::default()
        },
    )
}
