//! OpenAPI links (3.1 Link objects) from the operations that answer with ids to the operations
//! that take those ids in their path, so that a stateful client (schemathesis) can chain them:
//! `POST /sessions` → `GET /sessions/{id}` → `POST /sessions/{id}/attendance` and so on.
//!
//! Three rules, all read from the document itself:
//! - a resource's id: an operation on `/api/v1/goals` (or, for such a top-level collection,
//!   on any path ending in `…/goals`) whose answer carries an `id` (or `ids`, or a list of
//!   things with an `id`) links to every operation on `/api/v1/goals/{id}…`;
//! - a client's id: an operation without path parameters whose answer (or the first item of
//!   the list it answers) carries a `client_id`, and `GET /me`, whose `id` is a client's own,
//!   link to every operation that takes a client
//!   (`/clients/{id}/…`, `{client_id}`);
//! - the same thing: `GET …/{id}` links to the other operations on `…/{id}/…` with the id it
//!   was asked for.
//!
//! A parameter the target needs besides is taken from the request's own path (a client's id)
//! or from the answer when it carries a field of that name.

use serde_json::{Map, Value, json};

struct Operation {
    path: String,
    method: String,
    id: String,
    /// Path parameters in the order of the template.
    params: Vec<String>,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op["operationId"].as_str() else {
                continue;
            };
            let params = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
                .map(str::to_string)
                .collect();
            out.push(Operation {
                path: path.clone(),
                method: method.clone(),
                id: id.to_string(),
                params,
            });
        }
    }
    out
}

/// The segment of `path` right before the parameter `{param}`.
fn segment_before<'a>(path: &'a str, param: &str) -> Option<&'a str> {
    let marker = format!("/{{{param}}}");
    let (before, _) = path.split_once(&marker)?;
    before.rsplit('/').next()
}

/// The last segment of a path, `None` when it is a parameter.
fn collection(path: &str) -> Option<&str> {
    path.rsplit('/').next().filter(|s| !s.starts_with('{'))
}

fn takes_client(op: &Operation, param: &str) -> bool {
    param == "client_id" || segment_before(&op.path, param) == Some("clients")
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => doc
            .pointer(r.trim_start_matches('#'))
            .map_or(schema, |s| resolve(doc, s)),
        None => schema,
    }
}

/// The JSON pointer, in an answer of `schema`, to the nearest string field `field` (`ids` for
/// `id`: its first item), looking through objects, the first item of lists and `allOf`.
fn pointer_to(doc: &Value, schema: &Value, field: &str, depth: u8) -> Option<String> {
    let schema = resolve(doc, schema);
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            if let Some(p) = pointer_to(doc, part, field, depth) {
                return Some(p);
            }
        }
    }
    let is_array = match &schema["type"] {
        Value::String(t) => t == "array",
        Value::Array(ts) => ts.iter().any(|t| t == "array"),
        _ => false,
    };
    if is_array {
        return (depth > 0)
            .then(|| pointer_to(doc, &schema["items"], field, depth - 1))
            .flatten()
            .map(|p| format!("/0{p}"));
    }
    let props = schema["properties"].as_object()?;
    if props.contains_key(field) {
        return Some(format!("/{field}"));
    }
    if field == "id" && props.contains_key("ids") {
        return Some("/ids/0".to_string());
    }
    if depth == 0 {
        return None;
    }
    props.iter().find_map(|(name, p)| {
        pointer_to(doc, p, field, depth - 1).map(|rest| format!("/{name}{rest}"))
    })
}

/// The schemas of an operation's answers with a 2xx status and a JSON body, by status.
fn answers(doc: &Value, op: &Operation) -> Vec<(String, Value)> {
    doc["paths"][&op.path][&op.method]["responses"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(code, _)| code.starts_with('2'))
        .filter_map(|(code, r)| {
            let schema = r.pointer("/content/application~1json/schema")?;
            Some((code.clone(), schema.clone()))
        })
        .collect()
}

/// The link's parameters: the main one, and what else the target's path needs where the
/// producer's request or answer has it.
fn parameters(
    doc: &Value,
    producer: &Operation,
    answer: &Value,
    target: &Operation,
    main: (&str, String),
) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert(main.0.to_string(), Value::from(main.1));
    for param in &target.params {
        if out.contains_key(param) {
            continue;
        }
        let from_path = producer
            .params
            .iter()
            .find(|p| *p == param || (takes_client(producer, p) && takes_client(target, param)));
        if let Some(p) = from_path {
            out.insert(param.clone(), json!(format!("$request.path.{p}")));
        } else if let Some(p) = pointer_to(doc, answer, param, 3) {
            out.insert(param.clone(), json!(format!("$response.body#{p}")));
        }
    }
    out
}

/// The links of one answer of `producer` (one 2xx status).
fn links_of(
    doc: &Value,
    ops: &[Operation],
    producer: &Operation,
    answer: &Value,
) -> Map<String, Value> {
    let mut links = Map::new();
    let mut add = |target: &Operation, params: Map<String, Value>| {
        if target.id != producer.id && !links.contains_key(&target.id) {
            links.insert(
                target.id.clone(),
                json!({"operationId": target.id, "parameters": params}),
            );
        }
    };
    let own_collection = collection(&producer.path);
    let is_me = producer.path.ends_with("/me");
    for target in ops {
        let Some(first) = target.params.first() else {
            continue;
        };
        // A resource's id: from its own collection, or for a top-level one
        // (`/api/v1/goals/{id}`) from a collection of that name anywhere
        // (`/api/v1/clients/{id}/goals`).
        let target_collection = target
            .path
            .split(&format!("/{{{first}}}"))
            .next()
            .unwrap_or_default();
        let top_level = target_collection.matches('/').count() == 3;
        let same = producer.path == target_collection
            || (top_level && own_collection == segment_before(&target.path, first));
        if let Some(name) = own_collection.filter(|_| same) {
            let field = if matches!(name, "therapists" | "clinicians") {
                "clinician_id"
            } else {
                "id"
            };
            if let Some(p) = pointer_to(doc, answer, field, 2) {
                add(
                    target,
                    parameters(
                        doc,
                        producer,
                        answer,
                        target,
                        (first, format!("$response.body#{p}")),
                    ),
                );
                continue;
            }
        }
        // A client's id.
        if producer.params.is_empty() && takes_client(target, first) {
            let pointer = if is_me {
                pointer_to(doc, answer, "id", 0)
            } else {
                pointer_to(doc, answer, "client_id", 1)
            };
            if let Some(p) = pointer {
                add(
                    target,
                    parameters(
                        doc,
                        producer,
                        answer,
                        target,
                        (first, format!("$response.body#{p}")),
                    ),
                );
                continue;
            }
        }
        // The same thing: `GET …/{id}` to `…/{id}/…`.
        if producer.method == "get"
            && producer.params.len() == 1
            && producer.path.ends_with(&format!("/{{{first}}}"))
            && target.path.starts_with(&format!("{}/", producer.path))
        {
            add(
                target,
                parameters(
                    doc,
                    producer,
                    answer,
                    target,
                    (first, format!("$request.path.{first}")),
                ),
            );
        }
    }
    links
}

/// Adds `links` to every 2xx answer of every operation that has some.
pub(super) fn add_links(doc: &mut Value) {
    let ops = operations(doc);
    let mut all = Vec::new();
    for producer in &ops {
        for (code, answer) in answers(doc, producer) {
            let links = links_of(doc, &ops, producer, &answer);
            if !links.is_empty() {
                all.push((producer.path.clone(), producer.method.clone(), code, links));
            }
        }
    }
    for (path, method, code, links) in all {
        if let Some(response) = doc["paths"][&path][&method]["responses"].get_mut(&code) {
            response["links"] = Value::Object(links);
        }
    }
}
