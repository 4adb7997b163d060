//! `summary.html`: the record in plain words, on one page that needs nothing else (no
//! external style, script or font) and prints well.

use std::fmt::Write;

use super::tables::{flatten, title};
use super::{Record, when};

const STYLE: &str = "
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;margin:0 auto;max-width:48rem;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
.muted{color:#555}.wrap{overflow-x:auto}pre{white-space:pre-wrap;font:inherit;margin:0}
@media print{body{max-width:none;font-size:11pt}h2{break-after:avoid}tr,li{break-inside:avoid}a{color:inherit}}
";

pub(super) fn html(r: &Record) -> String {
    let mut h = String::new();
    let name = e(r.fhir.client_name.trim());
    let _ = writeln!(
        h,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>Your record in Rapport</title><style>{STYLE}</style></head><body>\n\
<h1>Your record in Rapport</h1>\n<p>{name}<br><span class=\"muted\">Made on {}. \
Psychotherapy notes are not included (see README.txt).</span></p>",
        when(r.made_at)
    );
    team(&mut h, r);
    intake(&mut h, r);
    measures(&mut h, r);
    checkins(&mut h, r);
    goals(&mut h, r);
    plans(&mut h, r);
    sessions(&mut h, r);
    homework(&mut h, r);
    messages(&mut h, r);
    h.push_str("</body></html>\n");
    h
}

/// HTML-escaped text.
fn e(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn section(h: &mut String, title: &str, empty: bool, none: &str) -> bool {
    let _ = writeln!(h, "<h2>{title}</h2>");
    if empty {
        let _ = writeln!(h, "<p class=\"muted\">{none}</p>");
    }
    !empty
}

fn table(h: &mut String, head: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
    h.push_str("<div class=\"wrap\"><table><thead><tr>");
    for c in head {
        let _ = write!(h, "<th scope=\"col\">{c}</th>");
    }
    h.push_str("</tr></thead><tbody>\n");
    for row in rows {
        h.push_str("<tr>");
        for c in row {
            let _ = write!(h, "<td>{c}</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n");
}

fn team(h: &mut String, r: &Record) {
    if section(h, "Your care team", r.care_team.is_empty(), "No one yet.") {
        h.push_str("<ul>");
        for m in &r.care_team {
            let cred = m
                .credential
                .as_deref()
                .map(|c| format!(", {}", e(c)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<li><strong>{}</strong>{cred} · {} since {}</li>",
                e(&m.name),
                e(&m.role),
                m.since.date_naive()
            );
        }
        h.push_str("</ul>\n");
    }
}

fn intake(h: &mut String, r: &Record) {
    if section(
        h,
        "About you (intake)",
        r.intake.is_none(),
        "Not written yet.",
    ) && let Some(i) = &r.intake
    {
        let state = match i.submitted_at {
            Some(at) => format!("Sent to your care team on {}.", at.date_naive()),
            None => "Not sent yet (a draft).".to_string(),
        };
        let _ = writeln!(h, "<p class=\"muted\">{state}</p>\n<dl>");
        for (field, value) in i.answers() {
            let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", e(&field), e(&value));
        }
        h.push_str("</dl>\n");
    }
}

fn measures(h: &mut String, r: &Record) {
    let list = &r.fhir.measures;
    if section(h, "Your questionnaires", list.is_empty(), "None answered.") {
        let rows = list.iter().map(|m| {
            vec![
                e(&m.taken_at),
                e(title(m.instrument)),
                m.total.to_string(),
                m.band.map(|b| b.label().to_string()).unwrap_or_default(),
            ]
        });
        table(h, &["When", "Questionnaire", "Score", "Range"], rows);
    }
}

fn checkins(h: &mut String, r: &Record) {
    if section(
        h,
        "Your daily check-ins",
        r.checkins.is_empty(),
        "None yet.",
    ) {
        let rows = r.checkins.iter().map(|k| {
            vec![
                k.day.to_string(),
                format!("{}/10", k.mood),
                format!("{} h", k.sleep_hours),
                e(k.medication.label()),
                k.note.as_deref().map(e).unwrap_or_default(),
            ]
        });
        table(h, &["Day", "Mood", "Sleep", "Medication", "Note"], rows);
    }
}

fn goals(h: &mut String, r: &Record) {
    if section(h, "Your goals", r.goals.is_empty(), "No goals yet.") {
        for g in &r.goals {
            let _ = writeln!(
                h,
                "<h3>{}</h3>\n<p>{} · set on {}{}</p>\n<p>What success looks like: {}</p>",
                e(&g.title),
                e(g.status.label()),
                g.created_at.date_naive(),
                g.target_date
                    .map(|d| format!(" · aiming for {d}"))
                    .unwrap_or_default(),
                e(&g.success)
            );
            if !g.progress.is_empty() {
                h.push_str("<ul>");
                for p in &g.progress {
                    let note = p.note.as_deref().map(|n| format!(": {}", e(n)));
                    let _ = write!(
                        h,
                        "<li>{} · {}/10{}</li>",
                        p.at.date_naive(),
                        p.rating,
                        note.unwrap_or_default()
                    );
                }
                h.push_str("</ul>\n");
            }
        }
    }
}

fn plans(h: &mut String, r: &Record) {
    let current = r.treatment_plans.last();
    if section(
        h,
        "Your treatment plan",
        current.is_none(),
        "No treatment plan yet.",
    ) && let Some(v) = current
    {
        let p = &v.plan;
        let _ = writeln!(
            h,
            "<p>Version {} by {}, {}.{}</p>\n<ul><li>{}</li><li>{}, {}</li><li>{}, about {} sessions</li></ul>",
            v.version,
            e(&v.written_by),
            v.written_at.date_naive(),
            v.agreed_at
                .map(|a| format!(" You agreed to it on {}.", a.date_naive()))
                .unwrap_or_default(),
            e(p.approach.label()),
            e(p.format.label()),
            e(p.delivery.label()),
            e(p.frequency.label()),
            p.expected_sessions
        );
        if !p.notes.trim().is_empty() {
            let _ = writeln!(h, "<pre>{}</pre>", e(p.notes.trim()));
        }
    }
    for (plan, heading) in [
        (&r.safety_plan, "Your safety plan"),
        (&r.relapse_plan, "Your plan for staying well"),
    ] {
        if section(h, heading, plan.is_none(), "Not written yet.")
            && let Some(p) = plan
        {
            let _ = writeln!(
                h,
                "<p class=\"muted\">Version {}, {}.</p>",
                p.version,
                p.updated_at.date_naive()
            );
            for (title, text) in &p.sections {
                let _ = writeln!(h, "<h3>{}</h3>\n<pre>{}</pre>", e(title), e(text.trim()));
            }
        }
    }
}

fn sessions(h: &mut String, r: &Record) {
    if section(h, "Your sessions", r.sessions.is_empty(), "None yet.") {
        let rows = r.sessions.iter().map(|s| {
            let what = if s.cancelled {
                "Cancelled".to_string()
            } else {
                s.attendance
                    .map(|a| a.label().to_string())
                    .unwrap_or_default()
            };
            vec![
                when(s.starts_at),
                format!("{} min", s.minutes),
                format!("{}, {}", e(s.kind.label()), e(s.modality.label())),
                e(&s.clinician),
                e(&what),
            ]
        });
        table(h, &["When", "Length", "Kind", "With", ""], rows);
    }
}

fn homework(h: &mut String, r: &Record) {
    let list = &r.fhir.homework;
    if section(h, "Your homework", list.is_empty(), "Nothing sent yet.") {
        for hw in list {
            let title = hw.content.kind().label();
            let _ = writeln!(
                h,
                "<h3>{}</h3>\n<p class=\"muted\">Sent {}</p>\n<pre>{}</pre>",
                e(title),
                e(&hw.sent_at),
                e(&flatten(&hw.content.to_json()).join("\n"))
            );
        }
    }
}

fn messages(h: &mut String, r: &Record) {
    if section(h, "Your messages", r.messages.is_empty(), "No messages.") {
        for m in &r.messages {
            let from = m.from_clinician.as_deref().unwrap_or("You");
            let _ = writeln!(
                h,
                "<h3>{} · {}</h3>\n<pre>{}</pre>",
                e(from),
                when(m.sent_at),
                e(&m.body)
            );
        }
    }
}
