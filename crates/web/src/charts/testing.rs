//! Test helpers: a small XML well-formedness checker and readers for drawn shapes.

use std::collections::HashSet;

/// One element's start tag: name and attributes.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn check_text(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        rest = &rest[i + 1..];
        let end = rest
            .find(';')
            .ok_or_else(|| format!("bare & in {text:?}"))?;
        let entity = &rest[..end];
        let ok = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || (entity.starts_with('#') && entity[1..].chars().all(|c| c.is_ascii_digit()));
        if !ok || entity.len() < 2 {
            return Err(format!("bad entity &{entity}; in {text:?}"));
        }
        rest = &rest[end + 1..];
    }
    if text.contains('<') {
        return Err(format!("< in text {text:?}"));
    }
    Ok(())
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// Parses `xml` as a single well-formed element (no comments, CDATA, or processing
/// instructions: the charts write none) and returns every start tag in document order.
pub fn parse(xml: &str) -> Result<Vec<Tag>, String> {
    let mut tags = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            check_text(rest)?;
            if stack.is_empty() && !rest.trim().is_empty() {
                return Err("text after the root".into());
            }
            break;
        };
        let text = &rest[..lt];
        check_text(text)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        rest = &rest[lt + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            let gt = after.find('>').ok_or("unclosed end tag")?;
            let name = after[..gt].trim_end();
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            rest = &after[gt + 1..];
            continue;
        }
        // Start tag.
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .ok_or("unclosed start tag")?;
        let name = &rest[..name_end];
        if !is_name(name) {
            return Err(format!("bad element name {name:?}"));
        }
        if stack.is_empty() {
            roots += 1;
            if roots > 1 {
                return Err("more than one root".into());
            }
        }
        rest = &rest[name_end..];
        let mut attrs: Vec<(String, String)> = Vec::new();
        let self_closing;
        loop {
            let trimmed = rest.trim_start();
            if let Some(r) = trimmed.strip_prefix("/>") {
                self_closing = true;
                rest = r;
                break;
            }
            if let Some(r) = trimmed.strip_prefix('>') {
                self_closing = false;
                rest = r;
                break;
            }
            if trimmed.len() == rest.len() {
                return Err(format!("no space before attribute in <{name}>"));
            }
            let eq = trimmed.find('=').ok_or("attribute without value")?;
            let an = &trimmed[..eq];
            if !is_name(an) {
                return Err(format!("bad attribute name {an:?} in <{name}>"));
            }
            let after = trimmed[eq + 1..]
                .strip_prefix('"')
                .ok_or_else(|| format!("unquoted attribute {an} in <{name}>"))?;
            let close = after.find('"').ok_or("unterminated attribute")?;
            let value = &after[..close];
            check_text(value)?;
            if attrs.iter().any(|(n, _)| n == an) {
                return Err(format!("duplicate attribute {an} in <{name}>"));
            }
            attrs.push((an.to_owned(), value.to_owned()));
            rest = &after[close + 1..];
        }
        if !self_closing {
            stack.push(name.to_owned());
        }
        tags.push(Tag {
            name: name.to_owned(),
            attrs,
        });
    }
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    if roots != 1 {
        return Err("no root".into());
    }
    Ok(tags)
}

const NUMERIC: [&str; 11] = [
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height",
];

/// Asserts what every chart promises: well-formed XML, an `<svg>` root, no `style`
/// attribute, no script, no event handler, unique ids, finite coordinates.
pub fn assert_safe_svg(svg: &str) {
    let tags = parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert_eq!(tags[0].name, "svg");
    let mut ids = HashSet::new();
    for t in &tags {
        assert_ne!(t.name.to_ascii_lowercase(), "script", "{svg}");
        assert_ne!(t.name.to_ascii_lowercase(), "foreignobject", "{svg}");
        for (n, v) in &t.attrs {
            assert_ne!(n, "style", "style attribute in {svg}");
            assert!(!n.starts_with("on"), "event handler {n}");
            assert!(!n.contains("href"), "link {n}");
            if n == "id" {
                assert!(ids.insert(v.clone()), "duplicate id {v}");
            }
            if NUMERIC.contains(&n.as_str()) && t.name != "svg" {
                let f: f64 = v
                    .parse()
                    .unwrap_or_else(|_| panic!("{n}={v:?} in <{}>", t.name));
                assert!(f.is_finite(), "{n}={v}");
            }
            if n == "points" {
                for pair in v.split_whitespace() {
                    for c in pair.split(',') {
                        let f: f64 = c.parse().unwrap_or_else(|_| panic!("points {v:?}"));
                        assert!(f.is_finite());
                    }
                }
            }
            if n == "d" {
                assert!(
                    v.chars()
                        .all(|c| c.is_ascii_digit() || " .-MLHVZ".contains(c)),
                    "d={v}"
                );
            }
        }
    }
    assert!(!svg.contains("style="), "{svg}");
    assert!(!svg.to_ascii_lowercase().contains("<script"), "{svg}");
    if let Some(labelled) = tags[0].attr("aria-labelledby") {
        for id in labelled.split_whitespace() {
            assert!(ids.contains(id), "aria-labelledby names missing id {id}");
        }
    }
}

/// (cx, cy, r) of every circle with `class`.
pub fn circles(svg: &str, class: &str) -> Vec<(f64, f64, f64)> {
    let num =
        |t: &Tag, n: &str| -> f64 { t.attr(n).and_then(|v| v.parse().ok()).unwrap_or(f64::NAN) };
    parse(svg)
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .filter(|t| t.name == "circle" && t.attr("class") == Some(class))
        .map(|t| (num(t, "cx"), num(t, "cy"), num(t, "r")))
        .collect()
}

/// Every start tag with `class`.
pub fn with_class(svg: &str, class: &str) -> Vec<Tag> {
    parse(svg)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .filter(|t| t.attr("class") == Some(class))
        .collect()
}

#[test]
fn the_checker_refuses_bad_xml() {
    assert!(parse(r#"<svg><g></g></svg>"#).is_ok());
    assert!(parse(r#"<svg a="1"/>"#).is_ok());
    assert!(parse(r#"<svg><g></svg>"#).is_err());
    assert!(parse(r#"<svg>a & b</svg>"#).is_err());
    assert!(parse(r#"<svg>a < b</svg>"#).is_err());
    assert!(parse(r#"<svg a=1></svg>"#).is_err());
    assert!(parse(r#"<svg a="1" a="2"></svg>"#).is_err());
    assert!(parse(r#"<svg></svg><svg></svg>"#).is_err());
    assert!(parse(r#"<svg><title>x &amp; y &#39;</title></svg>"#).is_ok());
    assert!(parse(r#"<svg"#).is_err());
}
