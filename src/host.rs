//! Who the kernel says the caller is, and the host's user and group
//! database: the only evidence of identity huishen believes.
//!
//! The login is the passwd entry of the real uid. `$SUDO_UID` (else
//! `$SUDO_USER`) names the person behind `sudo` only when the real uid is
//! root, as sudo sets them; `$USER` and `$LOGNAME` are never evidence,
//! since anyone can set them.

use nix::unistd::{Gid, Group, Uid, User, getgid, getgroups, getuid};

/// The caller's login: the name of the real uid (`uid 1234` where the
/// passwd database has none); for root, the login that ran `sudo`.
pub fn login() -> String {
    let uid = getuid();
    if uid.is_root()
        && let Some(sudo) = sudo_login()
    {
        return sudo;
    }
    user_name(uid.as_raw())
}

/// The login behind `sudo`, from the variables sudo sets.
fn sudo_login() -> Option<String> {
    if let Some(uid) = std::env::var("SUDO_UID")
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
    {
        return Some(user_name(uid));
    }
    std::env::var("SUDO_USER")
        .ok()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty())
}

/// A uid's login, or `uid N` when the passwd database has none.
pub fn user_name(uid: u32) -> String {
    match User::from_uid(Uid::from_raw(uid)) {
        Ok(Some(u)) => u.name,
        _ => format!("uid {uid}"),
    }
}

/// A gid's group name, or `gid N`.
pub fn group_name(gid: u32) -> String {
    match Group::from_gid(Gid::from_raw(gid)) {
        Ok(Some(g)) => g.name,
        _ => format!("gid {gid}"),
    }
}

/// Whether the host has a login of that name.
pub fn login_exists(name: &str) -> bool {
    matches!(User::from_name(name), Ok(Some(_)))
}

/// Whether the caller (by its real ids) belongs to the group.
pub fn in_group(gid: u32) -> bool {
    let gid = Gid::from_raw(gid);
    getgid() == gid || getgroups().is_ok_and(|gs| gs.contains(&gid))
}

/// The caller's real uid.
pub fn uid() -> u32 {
    getuid().as_raw()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A uid or gid the database does not know is said by its number.
    #[test]
    fn an_unknown_id_is_named_by_its_number() {
        assert_eq!(user_name(4_000_000_123), "uid 4000000123");
        assert_eq!(group_name(4_000_000_123), "gid 4000000123");
        assert_eq!(user_name(0), "root");
        assert!(login_exists("root"));
        assert!(!login_exists("no such login"));
    }
}
