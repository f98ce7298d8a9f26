//! `huishen doctor`'s report in words: the meeting's mode and what it
//! guarantees, its files and folder with owner, group and mode, whether the
//! caller could edit the file directly, and each finding with the command
//! that puts it right. (A room of its own: the report is one idea, and
//! longer than the command line's other sentences.)

use std::fmt::Write as _;

use super::{Lang, Say};
use crate::cli::{Deployment, Entry, Finding, Report};

/// `root:huishen-data  0660`, or that it is not there.
fn entry(e: &Entry, lang: Lang) -> String {
    match (&e.stat, lang) {
        (Some(s), _) => {
            let mut t = format!("{}:{}  {:04o}", s.owner, s.group, s.mode);
            if s.mode & 0o2000 != 0 {
                t += " (setgid)";
            }
            t
        }
        (None, Lang::Zh) => "（不存在）".into(),
        (None, Lang::En) => "(not there)".into(),
    }
}

fn mode(m: &Deployment, lang: Lang) -> String {
    match (m, lang) {
        (Deployment::Private, Lang::Zh) => "私有模式：只有文件所有者（以及 root）能写它".into(),
        (Deployment::Private, Lang::En) => {
            "private: only the file's owner (and root) may write it".into()
        }
        (Deployment::Shared { group }, Lang::Zh) => format!(
            "共享组模式：{group} 组的每个成员都可以不经 huishen 直接修改文件（如用 sqlite3）；\
             方便，但信任整个组：日志只能证明经由 huishen 所做的事"
        ),
        (Deployment::Shared { group }, Lang::En) => format!(
            "shared group: every member of {group} can edit the file directly (e.g. with \
             sqlite3); convenient, and it trusts the group: the log is evidence only of what \
             was done through huishen"
        ),
        (Deployment::Hardened { group }, Lang::Zh) => format!(
            "加固模式：huishen 以 setgid {group} 安装；不在 {group} 组的评审人只能经由 huishen \
             修改会审，身份取自内核；root（及 {group} 组的成员）仍可直接修改文件"
        ),
        (Deployment::Hardened { group }, Lang::En) => format!(
            "hardened: huishen is installed setgid {group}; reviewers outside {group} change \
             the meeting only through huishen, as the login the kernel says they are; root (and \
             any member of {group}) can still edit the file directly"
        ),
    }
}

fn finding(f: &Finding, r: &Report, lang: Lang) -> String {
    let db = r.db.display();
    let group = match &r.mode {
        Deployment::Shared { group } | Deployment::Hardened { group } => group.as_str(),
        Deployment::Private => "",
    };
    let fix = format!("sudo huishen doctor --fix --db {db}");
    match (f, lang) {
        (Finding::Missing(p), Lang::Zh) => format!("{} 不存在：`{fix}`", p.display()),
        (Finding::Missing(p), Lang::En) => format!("{} is missing: `{fix}`", p.display()),
        (Finding::OthersWrite(p), Lang::Zh) => {
            format!(
                "主机上任何人都可以写 {0}：`sudo chmod o-w {0}`",
                p.display()
            )
        }
        (Finding::OthersWrite(p), Lang::En) => {
            format!(
                "anyone on the host may write {0}: `sudo chmod o-w {0}`",
                p.display()
            )
        }
        (Finding::OthersRead(p), Lang::Zh) => {
            format!(
                "主机上任何人都可以读 {0}：`sudo chmod o-rwx {0}`",
                p.display()
            )
        }
        (Finding::OthersRead(p), Lang::En) => {
            format!(
                "anyone on the host may read {0}: `sudo chmod o-rwx {0}`",
                p.display()
            )
        }
        (Finding::CallerWrites { login, file }, Lang::Zh) => format!(
            "你（{login}）可以不经 huishen 直接写 {}：评审人不应在 {group} 组中（`sudo gpasswd -d {login} {group}`）",
            file.display()
        ),
        (Finding::CallerWrites { login, file }, Lang::En) => format!(
            "you ({login}) may write {} directly, not through huishen: reviewers must not be in {group} (`sudo gpasswd -d {login} {group}`)",
            file.display()
        ),
        (Finding::CallerWritesFolder { login, folder }, Lang::Zh) => format!(
            "你（{login}）可以写文件夹 {0}，可能把别的文件换到会审文件的位置：`sudo chmod 2750 {0}`",
            folder.display()
        ),
        (Finding::CallerWritesFolder { login, folder }, Lang::En) => format!(
            "you ({login}) may write the folder {0}, so could put other files in the meeting's place: `sudo chmod 2750 {0}`",
            folder.display()
        ),
        (Finding::Owner { file, owner, want }, Lang::Zh) => format!(
            "{} 属于 {owner}，而会审文件属于 {want}：`{fix}`",
            file.display()
        ),
        (Finding::Owner { file, owner, want }, Lang::En) => format!(
            "{} belongs to {owner}, the meeting file to {want}: `{fix}`",
            file.display()
        ),
        (Finding::Group { file, group, want }, Lang::Zh) => format!(
            "{} 属于 {group} 组，而会审文件属于 {want} 组，其他会话可能因此无法写入：`{fix}`",
            file.display()
        ),
        (Finding::Group { file, group, want }, Lang::En) => format!(
            "{} has the group {group}, the meeting file {want}, so other sessions may be unable to write: `{fix}`",
            file.display()
        ),
        (Finding::NotGroupWritable(p), Lang::Zh) => {
            format!("{0} 的组不能读写它：`sudo chmod g+rw {0}`", p.display())
        }
        (Finding::NotGroupWritable(p), Lang::En) => {
            format!(
                "the group of {0} may not read and write it: `sudo chmod g+rw {0}`",
                p.display()
            )
        }
        (Finding::FolderNotSetgid { folder, group }, Lang::Zh) => format!(
            "文件夹 {0} 没有 setgid {group}：在其中新建的文件不会属于 {group} 组（`sudo chgrp {group} {0} && sudo chmod g+s {0}`）",
            folder.display()
        ),
        (Finding::FolderNotSetgid { folder, group }, Lang::En) => format!(
            "the folder {0} is not setgid {group}: files made in it would not take the group {group} (`sudo chgrp {group} {0} && sudo chmod g+s {0}`)",
            folder.display()
        ),
    }
}

impl Say for Report {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut s = String::new();
        let _ = writeln!(s, "{}", self.db.display());
        let _ = writeln!(s, "{}", mode(&self.mode, lang));
        for e in &self.files {
            let _ = writeln!(s, "  {}  {}", e.path.display(), entry(e, lang));
        }
        let folder = if zh { "文件夹" } else { "folder" };
        let _ = writeln!(
            s,
            "  {folder} {}  {}",
            self.folder.path.display(),
            entry(&self.folder, lang)
        );
        let bin = self.binary.display();
        let _ = match (&self.binary_group, zh) {
            (Some(g), _) => writeln!(s, "  huishen {bin}  setgid {g}"),
            (None, true) => writeln!(s, "  huishen {bin}  不是 setgid"),
            (None, false) => writeln!(s, "  huishen {bin}  not setgid"),
        };
        let login = &self.login;
        let _ = match (self.may_write, self.root, zh) {
            (_, true, true) => writeln!(
                s,
                "  你（{login}，root）能不经 huishen 直接改写该文件：能，root 总能"
            ),
            (_, true, false) => writeln!(
                s,
                "  you ({login}, root) could edit the file directly: yes, root always can"
            ),
            (true, false, true) => writeln!(s, "  你（{login}）能不经 huishen 直接改写该文件：能"),
            (true, false, false) => {
                writeln!(s, "  you ({login}) could edit the file directly: yes")
            }
            (false, false, true) => {
                writeln!(s, "  你（{login}）能不经 huishen 直接改写该文件：不能")
            }
            (false, false, false) => {
                writeln!(s, "  you ({login}) could edit the file directly: no")
            }
        };
        let kept = self.files[1].stat.is_some() && self.files[2].stat.is_some();
        let _ = match (kept, zh) {
            (true, true) => writeln!(s, "  只读打开不留下任何文件：-wal、-shm 已在，关闭后保留"),
            (true, false) => writeln!(
                s,
                "  a read-only open leaves no file: the -wal and -shm are there and kept after the last close"
            ),
            (false, true) => writeln!(
                s,
                "  不能写该文件的人只读打开时不创建任何文件（读快照）；-wal、-shm 由下一个可写的会话创建，组与权限同会审文件"
            ),
            (false, false) => writeln!(
                s,
                "  a reader who may not write the file creates nothing (it reads a snapshot); the next session that may write creates the -wal and -shm, with the file's group and mode"
            ),
        };
        if self.findings.is_empty() {
            s += if zh {
                "就此模式而言，没有发现问题\n"
            } else {
                "nothing exposed or broken for this mode\n"
            };
        } else {
            let _ = if zh {
                writeln!(s, "发现 {} 个问题：", self.findings.len())
            } else {
                writeln!(s, "{} problem(s) for this mode:", self.findings.len())
            };
            for f in &self.findings {
                let _ = writeln!(s, "  - {}", finding(f, self, lang));
            }
        }
        s
    }
}
