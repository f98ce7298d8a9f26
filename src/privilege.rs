//! The group privilege of a hardened install: huishen installed setgid to
//! a group that owns the meeting folder (docs/shared-host.md), run by
//! reviewers who are not in that group.
//!
//! At the very start of `main` ([`init`]) the effective group is lowered to
//! the caller's own, keeping the install's group as the saved one. It is
//! raised ([`raised`]) only around opening a meeting's connections, and
//! dropped for good ([`drop_for_good`]) before anything the user names is
//! read or written (an import file, a keymap, an export's path, a demo's
//! file): so no file is ever touched with the group's rights except the
//! meeting's own, opened by the store.
//!
//! A process that is not setgid (the simple and private modes) holds no
//! privilege, and every function here does nothing.
//!
//! glibc applies a change of ids to every thread of the process; the
//! changes still happen before any thread of ours is started where they can.

use std::sync::Mutex;

use nix::unistd::{Gid, getegid, getgid, setegid, setresgid};

/// Where the process stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Not setgid: the caller's own groups only.
    None,
    /// Setgid, lowered: `group` may be raised again.
    Held { real: Gid, group: Gid },
    /// Setgid, dropped for good.
    Dropped { group: Gid },
}

static STATE: Mutex<State> = Mutex::new(State::None);

/// Held for as long as the group is raised, and while it is given up, so
/// one thread never lowers or drops it inside another's window. (The
/// state itself is read under its own lock, so code in a window may ask.)
static WINDOW: Mutex<()> = Mutex::new(());

fn state() -> std::sync::MutexGuard<'static, State> {
    // A panic while raised leaves the group lowered (the guard below), so a
    // poisoned lock holds a sound state.
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Called first thing in `main`: when the effective group is not the real
/// one (a setgid install), lower it at once and keep it as the saved group.
pub fn init() -> nix::Result<()> {
    let (real, effective) = (getgid(), getegid());
    if real == effective {
        return Ok(());
    }
    setresgid(real, real, effective)?;
    *state() = State::Held {
        real,
        group: effective,
    };
    Ok(())
}

/// The install's group, if huishen runs setgid (held or already dropped).
pub fn group() -> Option<Gid> {
    match *state() {
        State::None => None,
        State::Held { group, .. } | State::Dropped { group } => Some(group),
    }
}

/// Whether the group can still be raised.
pub fn held() -> bool {
    matches!(*state(), State::Held { .. })
}

/// Runs `f` with the install's group raised, then lowers it again; `None`
/// (and `f` not run) when there is no group to raise. Not re-entrant: `f`
/// must not call it again.
pub fn raised<T>(f: impl FnOnce() -> T) -> Option<T> {
    let window = WINDOW.lock().unwrap_or_else(|p| p.into_inner());
    let State::Held { real, group } = *state() else {
        return None;
    };
    setegid(group).ok()?;
    /// Lowers the group again however `f` ends.
    struct Lower(Gid);
    impl Drop for Lower {
        fn drop(&mut self) {
            if setegid(self.0).is_err() {
                // Never go on with the group raised.
                std::process::abort();
            }
        }
    }
    let lower = Lower(real);
    let out = f();
    drop(lower);
    drop(window);
    Some(out)
}

/// Gives the install's group up for good: real, effective and saved group
/// become the caller's. Call once the meeting's connections are open and
/// before reading or writing any file the user names.
pub fn drop_for_good() -> nix::Result<()> {
    let _window = WINDOW.lock().unwrap_or_else(|p| p.into_inner());
    let mut st = state();
    if let State::Held { real, group } = *st {
        setresgid(real, real, real)?;
        *st = State::Dropped { group };
    }
    Ok(())
}
