//! A record the bureau can sign (issue 12), tried as a host is set up:
//! real OS users and groups, a meeting folder made as docs/shared-host.md
//! says, every command run as a reviewer's login with `runuser`.
//!
//! - the login is the kernel's: a forged `$USER` or `$SUDO_USER` changes
//!   nothing that is logged, and a bound name refuses other logins;
//! - the creator chairs, bound to their login; `roster add` is for new
//!   names, `roster set` keeps what it is not given and logs each change;
//!   a login bound to one name acts as it without `--as`;
//! - in the hardened mode (huishen setgid to the folder's group, reviewers
//!   not in it) a reviewer cannot write the file except through huishen,
//!   nor read the group's other files through `--keymap`, `import`,
//!   `apply` or `export --out`;
//! - a read-only command leaves nothing that blocks the owner;
//! - an outsider is told the truth, in Chinese and English;
//! - another login's decision shows on the screen live, in both modes.
//!
//! Creating users needs root (CI runs as root): elsewhere each test says
//! why it does nothing. One test at a time makes users (a lock), each
//! with names of its own, removed when it ends.

mod common;
#[path = "trust/host.rs"]
mod host;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::TIMEOUT;
use common::{data, s};
use host::{Host, as_user, fails_as, listing, ok_as, open_as, run_ok, said};

/// A decision batch cutting `code` to 20 万元, readable by anyone.
fn batch(h: &Host, name: &str, code: &str) -> PathBuf {
    h.public_file(
        name,
        &format!("项目编码,审核结果,金额,审核意见\n{code},审减,20,压减\n"),
    )
}

/// The simple mode: reviewers in one group, a setgid folder 2770.
struct Simple {
    group: String,
    folder: PathBuf,
    bin: PathBuf,
}

fn simple(h: &mut Host) -> Simple {
    let group = h.group("g");
    let folder = h.folder("srv", &group, 0o2770);
    let bin = h.install(None);
    Simple { group, folder, bin }
}

/// `huishen demo --no-open --db DB --as NAME`, as `user`.
fn meeting_by(user: &str, bin: &Path, db: &Path, name: &str) {
    ok_as(
        user,
        bin,
        &["demo", "--no-open", "--db", s(db), "--as", name],
    );
}

/// The log as JSON lines: (reviewer, os_user, kind).
fn log(user: &str, bin: &Path, db: &Path) -> Vec<(String, String, String)> {
    ok_as(user, bin, &["log", "--db", s(db), "--json"])
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let f = |k: &str| v[k].as_str().unwrap().to_string();
            (f("reviewer"), f("os_user"), f("kind"))
        })
        .collect()
}

#[test]
fn the_login_is_the_kernels_and_a_bound_name_refuses_other_logins() {
    let Some(mut h) = Host::new("the_login_is_the_kernels") else {
        return;
    };
    let sm = simple(&mut h);
    let zs = h.user("zs", &[&sm.group]);
    let ls = h.user("ls", &[&sm.group]);
    let db = sm.folder.join("m.db");
    let bin = &sm.bin;
    meeting_by(&zs, bin, &db, "财政局评审组");
    // The simple mode says what it is: the group may edit the file.
    let report = ok_as(&ls, bin, &["doctor", "--db", s(&db)]);
    assert!(
        report.contains(&format!("shared group: every member of {}", sm.group)),
        "{report}"
    );
    assert!(
        report.contains(&format!("you ({ls}) could edit the file directly: yes")),
        "{report}"
    );
    // The creator chairs, bound to their login.
    let list = ok_as(&zs, bin, &["roster", "list", "--db", s(&db)]);
    assert!(
        list.contains(&format!("财政局评审组\tchair\t{zs}\n")),
        "{list}"
    );
    let chair = ["--as", "财政局评审组"];
    let add = |name: &str, login: &str| {
        let mut args = vec!["roster", "add", name, "--os-user", login, "--db", s(&db)];
        args.extend(chair);
        ok_as(&zs, bin, &args);
    };
    add("张三", &zs);
    add("李四", &ls);
    let b = batch(&h, "b.csv", "2021-001-0001");
    let forged = [
        ("USER", zs.as_str()),
        ("LOGNAME", zs.as_str()),
        ("SUDO_USER", "root"),
        ("SUDO_UID", "0"),
    ];
    // lisi, claiming to be zhangsan or root, acts as 张三, then as the chair.
    let as_zhangsan = ["apply", s(&b), "--db", s(&db), "--as", "张三"];
    let (ok, _, err) = said(&as_user(&ls, bin, &as_zhangsan, &forged));
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "张三 is bound to the login {zs}; you are logged in as {ls}"
        )),
        "{err}"
    );
    let make_chair = [
        "roster",
        "add",
        "王五",
        "--role",
        "chair",
        "--os-user",
        ls.as_str(),
        "--db",
        s(&db),
        "--as",
        "财政局评审组",
    ];
    let (ok, _, err) = said(&as_user(&ls, bin, &make_chair, &forged));
    assert!(!ok);
    assert!(err.contains("财政局评审组 is bound to the login"), "{err}");
    // Without --as, the forged variables still say nothing: lisi acts as
    // the name bound to lisi's login.
    let plain = ["apply", s(&b), "--db", s(&db)];
    let (ok, _, err) = said(&as_user(&ls, bin, &plain, &forged));
    assert!(ok, "{err}");
    let events = log(&ls, bin, &db);
    for (reviewer, os_user, kind) in &events {
        assert!(
            *os_user == zs || *os_user == ls,
            "{reviewer} ({os_user}) {kind}: a login nobody had"
        );
    }
    let cut = events.iter().find(|e| e.2 == "cut").unwrap();
    assert_eq!((cut.0.as_str(), cut.1.as_str()), ("李四", ls.as_str()));
    assert!(!events.iter().any(|e| e.0 == "王五"), "{events:?}");
}

#[test]
fn roster_add_is_for_new_names_and_set_keeps_what_it_is_not_given() {
    let Some(mut h) = Host::new("roster_add_and_set") else {
        return;
    };
    let sm = simple(&mut h);
    let zs = h.user("zs", &[&sm.group]);
    let ls = h.user("ls", &[&sm.group]);
    let db = sm.folder.join("m.db");
    let bin = &sm.bin;
    meeting_by(&zs, bin, &db, "主持");
    let roster = |args: &[&str]| {
        let mut all = vec!["roster"];
        all.extend_from_slice(args);
        all.extend(["--db", s(&db), "--as", "主持"]);
        as_user(&zs, bin, &all, &[])
    };
    let entry = || {
        let out = ok_as(&zs, bin, &["roster", "list", "--db", s(&db)]);
        out.lines()
            .find(|l| l.starts_with("李四\t"))
            .unwrap_or("")
            .to_string()
    };
    assert!(
        said(&roster(&[
            "add",
            "李四",
            "--role",
            "observer",
            "--os-user",
            &ls
        ]))
        .0
    );
    assert_eq!(entry(), format!("李四\tobserver\t{ls}"));
    // The README's old way to a second chair is refused, pointing to set.
    let (ok, _, err) = said(&roster(&["add", "李四", "--role", "chair"]));
    assert!(!ok);
    assert!(err.contains("roster set 李四"), "{err}");
    assert_eq!(entry(), format!("李四\tobserver\t{ls}"));
    // Each set changes what it is given and keeps the rest.
    assert!(said(&roster(&["set", "李四", "--role", "chair"])).0);
    assert_eq!(entry(), format!("李四\tchair\t{ls}"));
    assert!(said(&roster(&["set", "李四", "--os-user", &zs])).0);
    assert_eq!(entry(), format!("李四\tchair\t{zs}"));
    assert!(said(&roster(&["set", "李四", "--unbind"])).0);
    assert_eq!(entry(), "李四\tchair\t-");
    // A login the host does not have is refused.
    let (ok, _, err) = said(&roster(&["set", "李四", "--os-user", "nobody-here-x1"]));
    assert!(!ok);
    assert!(err.contains("this host has no login"), "{err}");
    assert_eq!(entry(), "李四\tchair\t-");
    let text = ok_as(&zs, bin, &["log", "--db", s(&db)]);
    for want in [
        format!("roster add 李四 (observer, login {ls})"),
        "roster change 李四 (observer → chair)".to_string(),
        format!("roster change 李四 (login {ls} → {zs})"),
        format!("roster change 李四 (login {zs} → none)"),
    ] {
        assert!(text.contains(&want), "{want}\n{text}");
    }
    let zh = ok_as(&zs, bin, &["log", "--db", s(&db), "--lang", "zh"]);
    assert!(
        zh.contains(&format!("名单变更 李四（登录账号 {ls} → {zs}）")),
        "{zh}"
    );
}

#[test]
fn a_login_bound_to_one_name_acts_as_it_without_as() {
    let Some(mut h) = Host::new("a_login_bound_to_one_name") else {
        return;
    };
    let sm = simple(&mut h);
    let zs = h.user("zs", &[&sm.group]);
    let ls = h.user("ls", &[&sm.group]);
    let ww = h.user("ww", &[&sm.group]);
    let db = sm.folder.join("m.db");
    let bin = &sm.bin;
    meeting_by(&zs, bin, &db, "财政局评审组");
    let on = |args: &[&str]| {
        let mut all = vec!["roster", "add"];
        all.extend_from_slice(args);
        all.extend(["--db", s(&db)]);
        ok_as(&zs, bin, &all);
    };
    on(&["李四", "--os-user", &ls]);
    on(&["王五"]);
    let b = batch(&h, "b.csv", "2021-001-0002");
    ok_as(&ls, bin, &["apply", s(&b), "--db", s(&db)]);
    let cut = log(&ls, bin, &db)
        .into_iter()
        .find(|e| e.2 == "cut")
        .unwrap();
    assert_eq!((cut.0.as_str(), cut.1.as_str()), ("李四", ls.as_str()));
    // A login bound to two names says which with --as.
    on(&["张三", "--os-user", &zs, "--as", "财政局评审组"]);
    let err = fails_as(&zs, bin, &["lock", "--db", s(&db)]);
    assert!(
        err.contains(&format!(
            "the login {zs} is bound to several names on the roster (财政局评审组, 张三); say which with --as NAME"
        )),
        "{err}"
    );
    ok_as(&zs, bin, &["lock", "--db", s(&db), "--as", "财政局评审组"]);
    ok_as(
        &zs,
        bin,
        &["unlock", "--db", s(&db), "--as", "财政局评审组"],
    );
    // A login bound to none is told to have a name bound, not to add a
    // second one for the same person.
    let err = fails_as(&ww, bin, &["apply", s(&b), "--db", s(&db)]);
    assert!(
        err.contains(&format!("the login {ww} is bound to no name")),
        "{err}"
    );
    assert!(err.contains("names bound to no login: 王五"), "{err}");
    assert!(
        err.contains(&format!("huishen roster set NAME --os-user {ww}")),
        "{err}"
    );
    let zh = fails_as(&ww, bin, &["apply", s(&b), "--db", s(&db), "--lang", "zh"]);
    assert!(
        zh.contains(&format!("roster set 名字 --os-user {ww}")),
        "{zh}"
    );
}

#[test]
fn a_read_only_command_leaves_nothing_that_blocks_the_owner() {
    let Some(mut h) = Host::new("a_read_only_command_leaves_nothing") else {
        return;
    };
    let sm = simple(&mut h);
    let zs = h.user("zs", &[&sm.group]);
    let ls = h.user("ls", &[&sm.group]);
    let db = sm.folder.join("ro.db");
    let bin = &sm.bin;
    // lisi's meeting, which the group may read and not write.
    meeting_by(&ls, bin, &db, "李四");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = h.folder("out", &sm.group, 0o2770);
    for kept in [true, false] {
        if !kept {
            // As an older huishen left it: every commit in the file, no
            // -wal and -shm beside it.
            rusqlite::Connection::open(&db)
                .unwrap()
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
                .unwrap();
            for f in ["ro.db-wal", "ro.db-shm"] {
                let _ = std::fs::remove_file(sm.folder.join(f));
            }
        }
        let before = listing(&sm.folder);
        let md = out.join(format!("x{kept}.md"));
        ok_as(&zs, bin, &["tally", "--db", s(&db)]);
        ok_as(&zs, bin, &["log", "--db", s(&db)]);
        ok_as(&zs, bin, &["roster", "list", "--db", s(&db)]);
        let args = ["export", "--db", s(&db), "--format", "md", "--out", s(&md)];
        ok_as(&zs, bin, &args);
        // The screen, opened read-only; without a -wal and -shm, a
        // snapshot that says so.
        let t = open_as(
            &h,
            &zs,
            bin,
            &["open", s(&db), "--read-only", "--as", "张三"],
        );
        let (done, code) = if kept {
            ("已审 0/1373", "2021-001-0003")
        } else {
            ("已审 1/1373", "2021-001-0002")
        };
        let screen = t.wait_all(&["2021-001-0001", done]);
        assert_eq!(screen.contains("快照"), !kept, "{screen}");
        assert_eq!(listing(&sm.folder), before, "kept: {kept}");
        // The owner decides as ever, and the screen follows, a snapshot
        // too, now that the owner has opened the file.
        let b = batch(&h, &format!("b{kept}.csv"), code);
        ok_as(&ls, bin, &["apply", s(&b), "--db", s(&db)]);
        let decided = if kept {
            "已审 1/1373"
        } else {
            "已审 2/1373"
        };
        t.wait_for("lisi's decision", |s| s.contains(decided), TIMEOUT);
        t.quit_ok();
    }
    let report = ok_as(&ls, bin, &["doctor", "--db", s(&db)]);
    assert!(
        report.contains("private: only the file's owner"),
        "{report}"
    );
    // What an older huishen left: zhangsan's -wal and -shm, which lisi may
    // not write. The doctor says so; root's --fix gives them back.
    for f in ["ro.db-wal", "ro.db-shm"] {
        run_ok(Command::new("chown").arg(&zs).arg(sm.folder.join(f)));
    }
    let (ok, report, _) = said(&as_user(&ls, bin, &["doctor", "--db", s(&db)], &[]));
    assert!(!ok, "{report}");
    assert!(
        report.contains(&format!(
            "ro.db-shm belongs to {zs}, the meeting file to {ls}"
        )),
        "{report}"
    );
    let err = fails_as(&ls, bin, &["doctor", "--db", s(&db), "--fix"]);
    assert!(err.contains("only root can give them their owner"), "{err}");
    run_ok(Command::new(bin).args(["doctor", "--fix", "--db", s(&db)]));
    let b = batch(&h, "b-fixed.csv", "2021-001-0004");
    ok_as(&ls, bin, &["apply", s(&b), "--db", s(&db)]);
}

#[test]
fn an_outsider_is_told_the_truth_in_chinese_and_english() {
    let Some(mut h) = Host::new("an_outsider_is_told_the_truth") else {
        return;
    };
    let sm = simple(&mut h);
    let zs = h.user("zs", &[&sm.group]);
    let ww = h.user("ww", &[]);
    let bin = &sm.bin;
    let db = sm.folder.join("m.db");
    meeting_by(&zs, bin, &db, "主持");
    let g = &sm.group;
    let folder = sm.folder.display().to_string();
    let closed = [
        (
            "en",
            format!(
                "no permission to open {}: the folder {folder} belongs to root:{g} (mode 2770) and the login {ww} is not in the group {g}",
                db.display()
            ),
        ),
        (
            "zh",
            format!(
                "没有权限打开 {}：文件夹 {folder} 属于 root:{g}（权限 2770），当前登录账号 {ww} 不在 {g} 组中",
                db.display()
            ),
        ),
    ];
    // A file in a folder anyone may enter, that only the group may open.
    let open = h.folder("open", g, 0o755);
    let file = open.join("m.db");
    std::fs::copy(&db, &file).unwrap();
    run_ok(Command::new("chown").arg(format!("root:{g}")).arg(&file));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o660)).unwrap();
    let unreadable = [
        (
            "en",
            format!(
                "no permission to read {0}: the file {0} belongs to root:{g} (mode 0660) and the login {ww} is not in the group {g}",
                file.display()
            ),
        ),
        (
            "zh",
            format!(
                "没有权限读取 {0}：文件 {0} 属于 root:{g}（权限 0660），当前登录账号 {ww} 不在 {g} 组中",
                file.display()
            ),
        ),
    ];
    for (path, wants) in [(&db, &closed), (&file, &unreadable)] {
        for (lang, want) in wants {
            for cmd in ["tally", "log"] {
                let err = fails_as(&ww, bin, &[cmd, "--db", s(path), "--lang", lang]);
                assert!(err.contains(want.as_str()), "{want}\n{err}");
                for lie in [
                    "no meeting database",
                    "unable to open database file",
                    "处没有会审数据库",
                ] {
                    assert!(!err.contains(lie), "{err}");
                }
            }
        }
    }
}

/// The hardened mode as docs/shared-host.md sets it up: a data group the
/// reviewers are not in owns the folder (2750) and huishen (2755); the
/// host's administrator creates the meeting with sudo.
struct Hardened {
    data: String,
    folder: PathBuf,
    bin: PathBuf,
    db: PathBuf,
}

fn hardened(h: &mut Host, chair: &str) -> Hardened {
    let group = h.group("d");
    let folder = h.folder("hard", &group, 0o2750);
    let bin = h.install(Some(&group));
    let db = folder.join("2022.db");
    // `sudo huishen import …`: root, with sudo's SUDO_UID naming the chair.
    let uid = nix::unistd::User::from_name(chair).unwrap().unwrap().uid;
    let out = Command::new(&bin)
        .args(["import", s(&data("demo-projects.csv"))])
        .args(["--indicators", s(&data("demo-indicators.csv"))])
        .args(["--db", s(&db), "--as", "财政局评审组"])
        .env("SUDO_UID", uid.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Hardened {
        data: group,
        folder,
        bin,
        db,
    }
}

#[test]
fn in_the_hardened_mode_only_huishen_writes_the_meeting() {
    let Some(mut h) = Host::new("in_the_hardened_mode") else {
        return;
    };
    let zs = h.user("zs", &[]);
    let ls = h.user("ls", &[]);
    let hm = hardened(&mut h, &zs);
    let (bin, db) = (&hm.bin, &hm.db);
    for f in ["2022.db", "2022.db-wal", "2022.db-shm"] {
        let m = std::fs::metadata(hm.folder.join(f)).unwrap();
        assert_eq!((m.uid(), m.mode() & 0o777), (0, 0o660), "{f}");
    }
    let list = ok_as(&zs, bin, &["roster", "list", "--db", s(db)]);
    assert!(
        list.contains(&format!("财政局评审组\tchair\t{zs}")),
        "{list}"
    );
    ok_as(
        &zs,
        bin,
        &["roster", "add", "李四", "--os-user", &ls, "--db", s(db)],
    );
    // lisi may not touch the file but through huishen.
    let shell = Path::new("/bin/sh");
    let append = format!("echo x >> {}", db.display());
    assert!(!said(&as_user(&ls, shell, &["-c", &append], &[])).0);
    let sql = "DELETE FROM roster WHERE name = '财政局评审组'";
    if Path::new("/usr/bin/sqlite3").exists() {
        let (ok, out, err) = said(&as_user(
            &ls,
            Path::new("/usr/bin/sqlite3"),
            &[s(db), sql],
            &[],
        ));
        assert!(!ok || !err.is_empty(), "sqlite3 wrote the meeting: {out}");
    }
    if Path::new("/usr/bin/python3").exists() {
        let script = format!(
            "import sqlite3; c = sqlite3.connect('file:{}?mode=rw', uri=True); c.execute(\"{sql}\"); c.commit()",
            db.display()
        );
        let py = as_user(&ls, Path::new("/usr/bin/python3"), &["-c", &script], &[]);
        assert!(!py.status.success(), "python3's sqlite3 wrote the meeting");
    }
    let b = batch(&h, "b.csv", "2021-001-0001");
    ok_as(&ls, bin, &["apply", s(&b), "--db", s(db)]);
    let events = log(&ls, bin, db);
    let cut = events.iter().find(|e| e.2 == "cut").unwrap();
    assert_eq!((cut.0.as_str(), cut.1.as_str()), ("李四", ls.as_str()));
    assert!(ok_as(&zs, bin, &["roster", "list", "--db", s(db)]).contains("财政局评审组"));
    // Nothing in the folder became a reviewer's.
    for (name, uid, mode) in listing(&hm.folder) {
        assert_eq!((uid, mode), (0, 0o660), "{name}");
    }
    // The doctor says so, for lisi, in both languages.
    let report = ok_as(&ls, bin, &["doctor", "--db", s(db)]);
    assert!(report.contains("hardened"), "{report}");
    assert!(
        report.contains(&format!("you ({ls}) could edit the file directly: no")),
        "{report}"
    );
    assert!(report.contains("nothing exposed or broken"), "{report}");
    let zh = ok_as(&ls, bin, &["doctor", "--db", s(db), "--lang", "zh"]);
    assert!(zh.contains("加固模式"), "{zh}");

    // The group's other files stay closed to lisi, through every argument
    // that names a file.
    let secret = "SECRET-7f3a";
    let toml = hm.folder.join("keys.toml");
    h.group_file(
        &toml,
        &hm.data,
        &format!("# {secret}\n[normal]\nquit = [\"q\"]\n"),
    );
    let csv = hm.folder.join("p.csv");
    h.group_file(
        &csv,
        &hm.data,
        &format!("项目编码,审核结果,金额,审核意见\n{secret},通过,,\n"),
    );
    let out_md = hm.folder.join("out.md");
    for args in [
        vec!["keymap", "--check", s(&toml)],
        vec!["keymap", "--print", "--keymap", s(&toml)],
        vec!["import", s(&csv), "--db", s(db)],
        vec!["apply", s(&csv), "--db", s(db)],
        vec![
            "export",
            "--db",
            s(db),
            "--format",
            "md",
            "--out",
            s(&out_md),
        ],
    ] {
        let (ok, out, err) = said(&as_user(&ls, bin, &args, &[]));
        let all = format!("{out}{err}");
        assert!(!ok, "{args:?}: {all}");
        assert!(all.contains("Permission denied"), "{args:?}: {all}");
        assert!(!all.contains(secret), "{args:?} showed the file: {all}");
    }
    assert!(!out_md.exists());
    // A file the admin breaks is refused with what to run.
    std::fs::remove_file(hm.folder.join("2022.db-shm")).unwrap();
    let err = fails_as(&ls, bin, &["tally", "--db", s(db)]);
    assert!(err.contains("2022.db-shm is missing"), "{err}");
    assert!(err.contains("sudo huishen doctor --fix --db"), "{err}");
    let out = Command::new(bin)
        .args(["doctor", "--fix", "--db", s(db)])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    ok_as(&ls, bin, &["tally", "--db", s(db)]);
}

/// Another login's decision shows on the screen at once, in the simple
/// and the hardened mode; in the hardened mode a keymap the reviewer may
/// not read is said to be so, and its content never shows.
#[test]
fn another_logins_decision_shows_live_in_both_modes() {
    let Some(mut h) = Host::new("another_logins_decision_shows_live") else {
        return;
    };
    let sm = simple(&mut h);
    let zs = h.user("zs", &[&sm.group]);
    let ls = h.user("ls", &[&sm.group]);
    let simple_db = sm.folder.join("m.db");
    meeting_by(&zs, &sm.bin, &simple_db, "财政局评审组");
    let hm = hardened(&mut h, &zs);
    let secret = "SECRET-c41d";
    let toml = hm.folder.join("keys.toml");
    h.group_file(&toml, &hm.data, &format!("# {secret}\n"));
    for (bin, db) in [(&sm.bin, &simple_db), (&hm.bin, &hm.db)] {
        let add = ["roster", "add", "李四", "--os-user", &ls, "--db", s(db)];
        ok_as(&zs, bin, &add);
        let t = open_as(&h, &zs, bin, &["open", s(db), "--keymap", s(&toml)]);
        // The keymap's refusal is on the status line.
        let screen = t.wait_all(&["已审 0/1373", "没有权限"]);
        assert!(screen.contains("评审人 财政局评审组"), "{screen}");
        assert!(!screen.contains(secret), "{screen}");
        let b = batch(&h, "live.csv", "2021-001-0001");
        ok_as(&ls, bin, &["apply", s(&b), "--db", s(db)]);
        t.wait_for("lisi's decision", |s| s.contains("已审 1/1373"), TIMEOUT);
        t.quit_ok();
    }
}
