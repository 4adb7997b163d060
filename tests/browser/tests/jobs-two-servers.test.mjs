// Two `rapport serve` processes on one PostgreSQL database share one job queue: a burst of
// notices (an administrator adds clinicians to many clients' care teams, through both
// servers at once) is e-mailed to a real SMTP server on loopback exactly once per notice,
// whichever server claims each delivery. No browser: HTTP and the sink only.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ARTIFACTS } from '../lib/paths.mjs';
import { RAPPORT_BIN, freePort, runCli } from '../lib/server.mjs';
import { header, startSmtpSink, wordsOfBody } from '../lib/smtp.mjs';
import { totp } from '../lib/totp.mjs';

const PG = process.env.RAPPORT_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = `rapport_two_servers_${process.pid}`;
const dbUrl = PG.replace(/\/[^/?]*(\?|$)/, `/${DB}$1`);
const PASSWORD = 'seed-password-2026';
const CLIENTS = 12;

let sink;
let root;
const servers = [];

function psql(sql) {
  const u = new URL(PG);
  execFileSync('psql', ['-q', '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), '-d', u.pathname.slice(1) || 'postgres', '-c', sql], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password || '') },
  });
}

async function serve(name, dataDir) {
  const port = await freePort();
  const log = createWriteStream(join(ARTIFACTS, `${name}-server.log`));
  const child = spawn(RAPPORT_BIN, ['serve', '--data', dataDir, '--bind', `127.0.0.1:${port}`, '--log', 'info'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NO_COLOR: '1',
      RAPPORT_DATABASE_URL: dbUrl,
      RAPPORT_SMTP_URL: sink.url,
      RAPPORT_MAIL_FROM: 'Rapport <notices@rapport.test>',
      RAPPORT_BASE_URL: `http://127.0.0.1:${port}`,
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not yet
    }
    if (child.exitCode !== null) throw new Error(`${name} exited early; see artifacts/${name}-server.log`);
    if (Date.now() > deadline) throw new Error(`${name} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const s = { url, child, name };
  servers.push(s);
  return s;
}

async function api(base, method, path, { token, json } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(base + path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await r.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  return { status: r.status, data };
}

before(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  sink = await startSmtpSink();
  psql(`CREATE DATABASE ${DB}`);
  root = await mkdtemp(join(tmpdir(), 'rapport-two-servers-'));
  // A small seeded practice (an administrator, three clinicians, clients), its key file in
  // the data folder both servers share.
  await runCli(['seed', '--clients', String(CLIENTS), '--clinicians', '3', '--days', '7', '--data', root, '--database-url', dbUrl]);
});

after(async () => {
  for (const s of servers) {
    s.child.kill('SIGTERM');
    await new Promise((r) => (s.child.exitCode !== null ? r() : s.child.once('exit', r)));
  }
  await sink?.close();
  try {
    psql(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
  } catch {
    // best effort
  }
  if (root) await rm(root, { recursive: true, force: true });
});

test('two servers on one PostgreSQL deliver every notice by e-mail exactly once', { timeout: 300_000 }, async () => {
  const a = await serve('two-servers-a', root);
  const b = await serve('two-servers-b', root);

  const staff = readFileSync(join(root, 'seed-staff.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const [adminEmail, adminSecret] = staff[0];
  const admin = await api(a.url, 'POST', '/api/v1/auth/login', { json: { email: adminEmail, password: PASSWORD, totp: totp(adminSecret) } });
  assert.equal(admin.status, 200, JSON.stringify(admin.data));
  const token = admin.data.token;

  // The ids: each clinician and client signs in once and asks who they are.
  const clinicianIds = [];
  for (const [email, secret] of staff.filter(([e]) => e.startsWith('clinician'))) {
    const t = await api(b.url, 'POST', '/api/v1/auth/login', { json: { email, password: PASSWORD, totp: totp(secret) } });
    assert.equal(t.status, 200, JSON.stringify(t.data));
    clinicianIds.push((await api(b.url, 'GET', '/api/v1/me', { token: t.data.token })).data.id);
  }
  const clientIds = [];
  for (let i = 1; i <= CLIENTS; i += 1) {
    const t = await api(a.url, 'POST', '/api/v1/auth/login', { json: { email: `client${i}@seed.rapport.test`, password: PASSWORD } });
    assert.equal(t.status, 200, `client${i}: ${JSON.stringify(t.data)}`);
    clientIds.push((await api(a.url, 'GET', '/api/v1/me', { token: t.data.token })).data.id);
    // The care-team notice goes to the client and waits out their quiet hours
    // (docs/reminders.md): with them on, the run would pass or fail by the time of day.
    const quiet = await api(a.url, 'PUT', '/api/v1/me/notification-preferences', { token: t.data.token, json: { quiet_start: '', quiet_end: '' } });
    assert.equal(quiet.status, 200, JSON.stringify(quiet.data));
  }

  // The burst: every clinician added to every client's team, half through each server, at
  // once. Those already on a team are refused (422); each one added is one notice.
  const requests = [];
  let n = 0;
  for (const client of clientIds) {
    for (const clinician of clinicianIds) {
      const base = n++ % 2 === 0 ? a.url : b.url;
      requests.push(api(base, 'POST', '/api/v1/admin/care-teams', { token, json: { client_id: client, clinician_id: clinician, role: 'co_therapist' } }));
    }
  }
  const answers = await Promise.all(requests);
  const added = answers.filter((r) => r.status === 201 || r.status === 200).length;
  assert.ok(answers.every((r) => [200, 201, 422].includes(r.status)), JSON.stringify(answers.filter((r) => ![200, 201, 422].includes(r.status))));
  assert.ok(added >= CLIENTS, `only ${added} added`);

  const mails = await sink.waitFor(added, 120_000);
  // A little longer: a second delivery of any notice would arrive now.
  await new Promise((r) => setTimeout(r, 4_000));
  const all = sink.messages();
  // The servers' own periodic work (reminders of the seeded clients) mails notices too, so
  // the care-team notices are at least `added` of them; none is mailed twice.
  const notices = all.map((m) => header(m, 'X-Rapport-Notice'));
  const distinct = new Set(notices).size;
  assert.ok(distinct >= added, `${added} care-team notices, only ${distinct} distinct mailed`);
  assert.equal(all.length, distinct, `${all.length} mails for ${distinct} notices: a notice was mailed twice`);
  assert.ok(mails.length >= added);
  for (const m of all) {
    assert.equal(header(m, 'Subject'), 'You have a new notice in Rapport');
    assert.doesNotMatch(wordsOfBody(m), /care team|joined|therap|PHQ|safety|flag|suicid|self-harm|depress|crisis/i);
  }

  // Both servers say the same: every delivery accepted, with the server's reply.
  for (const s of [a, b]) {
    const d = await api(s.url, 'GET', '/api/v1/admin/deliveries', { token });
    assert.equal(d.status, 200);
    assert.equal(d.data.email_configured, true);
    assert.ok(d.data.counts.accepted >= distinct, JSON.stringify(d.data.counts));
    assert.ok(!d.data.counts.failed && !d.data.counts.dead, JSON.stringify(d.data.counts));
    // Reminders in a seeded client's quiet hours wait, queued, for the morning.
    for (const row of d.data.deliveries.filter((r) => r.state !== 'queued')) {
      assert.equal(row.state, 'accepted');
      assert.match(row.reply, /^250/);
      assert.equal(row.attempts, 1, 'each delivery tried once');
    }
  }
  const jobs = await api(b.url, 'GET', '/api/v1/admin/jobs', { token });
  assert.equal(jobs.status, 200);
  assert.equal(jobs.data.counts.dead, 0);
  // Each server took its share of the queue (both logged their runner).
  for (const s of servers) {
    const log = readFileSync(join(ARTIFACTS, `${s.name}-server.log`), 'utf8');
    assert.match(log, /background jobs/);
    assert.doesNotMatch(log, /e-mail notifications are off/);
  }
});
