//! The shape of the code, as ARCHITECTURE.md describes it, checked on the source itself: files stay
//! readable, no function takes a crowd of positional arguments, and the crate's files import each
//! other without loops (a parent module declaring its children is not a loop).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Longest source file, in lines.
const MAX_FILE_LINES: usize = 400;

fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(Path::new("src"), &mut out);
    out
}

#[test]
fn no_source_file_is_longer_than_four_hundred_lines() {
    let over: Vec<String> = sources()
        .into_iter()
        .filter(|(_, text)| text.lines().count() > MAX_FILE_LINES)
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert!(
        over.is_empty(),
        "files over {MAX_FILE_LINES} lines: {over:?}"
    );
}

#[test]
fn no_function_is_allowed_too_many_arguments() {
    for (path, text) in sources() {
        assert!(
            !text.contains("too_many_arguments"),
            "{}: pass a struct instead of allowing too_many_arguments",
            path.display()
        );
    }
}

/// The module path of a source file: `src/journal/pages/list.rs` → `journal::pages::list`.
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix("src").unwrap().with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .filter(|p| p != "mod" && p != "lib")
        .collect();
    parts.join("::")
}

/// The `crate::…` paths one `use` item names, braces expanded (`crate::a::{b, c::d}`).
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&base, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&base, &inner[start..], out);
    } else if !tree.is_empty() {
        let tree = tree.split(" as ").next().unwrap_or(tree).trim();
        out.push(join(prefix, tree));
    }
}

fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ => format!("{a}::{b}"),
    }
}

/// The `crate::…` and `super::…` paths written inline in code (`crate::web::format::today()`).
fn inline_paths(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        if code.trim_start().starts_with("use ") || code.trim_start().starts_with("pub use ") {
            continue;
        }
        for start in ["crate::", "super::"] {
            let mut rest = code;
            while let Some(i) = rest.find(start) {
                let tail = &rest[i..];
                let end = tail
                    .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .unwrap_or(tail.len());
                out.push(tail[..end].trim_end_matches(':').to_owned());
                rest = &tail[end..];
            }
        }
    }
    out
}

/// Every module path a file imports with `use` (not `pub use` re-exports of a parent, and not
/// `mod` declarations), made absolute.
fn imports(module: &str, is_mod_file: bool, text: &str) -> Vec<String> {
    let statements = text.split(';').map(str::trim);
    let mut out = Vec::new();
    let mut raw = Vec::new();
    for stmt in statements {
        let stmt = stmt
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join(" ");
        let stmt = stmt.trim();
        let Some(pos) = stmt.find("use ") else {
            continue;
        };
        let (before, tree) = stmt.split_at(pos);
        if !(before.trim().is_empty()
            || before.trim().ends_with("pub")
            || before.trim().ends_with("pub(crate)"))
        {
            continue;
        }
        if is_mod_file && before.trim().starts_with("pub") {
            continue;
        }
        let tree = tree["use ".len()..].trim();
        expand("", tree, &mut raw);
    }
    raw.extend(inline_paths(text));
    // `super` is the parent of this file's module, whether the file is `x.rs` or `x/mod.rs`.
    let own: Vec<&str> = module.split("::").filter(|s| !s.is_empty()).collect();
    for p in raw {
        let resolved = if let Some(rest) = p.strip_prefix("crate::") {
            Some(rest.to_owned())
        } else if p.starts_with("super::") {
            let mut base = own.clone();
            let mut rest = p.as_str();
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            Some(join(&base.join("::"), rest))
        } else {
            p.strip_prefix("self::")
                .map(|rest| join(&own.join("::"), rest))
        };
        out.extend(resolved);
    }
    out
}

#[test]
fn the_crates_files_import_each_other_without_loops() {
    let files = sources();
    let modules: BTreeMap<String, String> = files
        .iter()
        .map(|(p, _)| (module_of(p), p.display().to_string()))
        .collect();
    // The file a path lives in: its longest prefix that is a module of its own.
    let file_of = |path: &str| -> Option<String> {
        let parts: Vec<&str> = path.split("::").collect();
        (1..=parts.len())
            .rev()
            .find_map(|n| modules.get(&parts[..n].join("::")).cloned())
    };
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let from = path.display().to_string();
        let module = module_of(path);
        let is_mod_file = path.ends_with("mod.rs") || path.ends_with("lib.rs");
        for target in imports(&module, is_mod_file, text) {
            if let Some(to) = file_of(&target) {
                if to != from {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    let loops = strongly_connected(&edges);
    assert!(
        loops.is_empty(),
        "files that import each other in a loop: {loops:#?}"
    );
}

/// Tarjan's algorithm: the groups of two or more files that reach each other.
fn strongly_connected(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(targets) = s.edges.get(v) {
            for w in targets {
                let w = w.as_str();
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let low = s.low[v].min(s.low[w]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.low[v].min(s.index[w]);
                    s.low.insert(v, low);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                group.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}
