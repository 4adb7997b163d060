// Critical flags reach a person (issue 16): the administrator sets the on-call rota and the
// escalation time on /admin/on-call (a refused change says what to fix, on the field), sees
// who is on call now; Morgan Ellis's safety alert, unacknowledged since last week, was
// escalated to the clinician on call, and her therapist sees the escalation on the alert page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, follow, keepScreenshot, launchBrowser, openJourney, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('on-call');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = 'admin@demo.rapport.test';
const THERAPIST = 'daniel.reyes@demo.rapport.test';

/** A `datetime-local` value `hours` from now, on the browser's clock (the admin's zone is the demo's, America/Chicago). */
function localInput(hours) {
  const at = new Date(Date.now() + hours * 3_600_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chicago', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

test('the administrator sets the rota and the time; the therapist sees the alert\'s escalation', { timeout: 300_000 }, async () => {
  // The administrator, from the administration page.
  const a = await openJourney(browser, server, 'on-call-admin');
  await signInDemoStaff(a.page, ADMIN, server.password);
  await follow(a.page, 'On-call rota');
  await expectPath(a.page, '/admin/on-call', 'the link from the administration page');
  await a.check('on-call page');
  const now = await a.page.locator('#on-call-now').innerText();
  assert.match(now, /On call now:.*Priya Natarajan/, `the demo's on-call clinician is not shown: ${now}`);
  assert.equal(await a.page.getByLabel(/Escalate a safety alert nobody acknowledged after/).inputValue(), '30');

  // A time out of range: refused, with the field named in the summary and marked.
  await fill(a.page, 'Escalate a safety alert nobody acknowledged after (minutes)', '3');
  await submit(a.page, 'Save on-call settings');
  const summary = await a.page.locator('.error-summary').innerText();
  assert.match(summary, /between 5 and 240 minutes/);
  assert.equal(await a.page.locator('#escalation_minutes').getAttribute('aria-invalid'), 'true');
  await a.check('on-call page with an error');

  // A new shift that ends before it starts: refused on that shift's "Until".
  await fill(a.page, 'Escalate a safety alert nobody acknowledged after (minutes)', '20');
  const fresh = a.page.locator('fieldset.shift').last();
  await fresh.getByLabel('Clinician on call').selectOption({ label: 'Daniel Reyes, LCSW' });
  await fresh.getByLabel('From').fill(localInput(30));
  await fresh.getByLabel('Until').fill(localInput(20));
  await submit(a.page, 'Save on-call settings');
  const link = a.page.locator('.error-summary a');
  assert.match(await link.first().innerText(), /end after it starts/);
  const target = (await link.first().getAttribute('href')).slice(1);
  assert.equal(await a.page.locator(`[id="${target}"]`).getAttribute('type'), 'datetime-local', `the error points at ${target}`);

  // Fixed: saved, the time and the new shift shown.
  const again = a.page.locator('fieldset.shift').last();
  await again.getByLabel('Until').fill(localInput(40));
  await submit(a.page, 'Save on-call settings');
  await expectPath(a.page, '/admin/on-call', 'after saving');
  assert.match(await a.page.getByRole('status').first().innerText(), /saved/);
  assert.equal(await a.page.getByLabel(/Escalate a safety alert/).inputValue(), '20');
  const rota = await a.page.getByRole('table').innerText();
  assert.match(rota, /Priya Natarajan/);
  assert.match(rota, /Daniel Reyes/);
  await a.check('on-call page saved');
  await keepScreenshot(a.page, 'on-call-admin');
  await signOut(a.page);
  await a.finish();

  // Morgan's therapist: the alert shows its escalation.
  const d = await openJourney(browser, server, 'on-call-therapist');
  await signInDemoStaff(d.page, THERAPIST, server.password);
  await d.goto('/alerts', 'alerts with an escalated safety alert');
  const card = d.page.locator('article.alert').filter({ hasText: 'Morgan Ellis' }).filter({ hasText: /safety/i }).first();
  const text = await card.locator('.escalation').innerText();
  assert.match(text, /Escalated/);
  assert.match(text, /Priya Natarajan \(on call\)/);
  await keepScreenshot(d.page, 'on-call-escalated-alert', card);
  await signOut(d.page);
  await d.finish();
});
