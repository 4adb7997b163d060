// Issue 14's browser journey, from the questionnaire to a new episode, on one demo server:
// - a visitor answers /find (two courses of therapy before, in Illinois), reads a shortlist
//   with reasons, ticks Dr. Maya Okafor and Daniel Reyes and asks them for a consultation;
//   she is sent to sign up, and comes back to the request signed in;
// - she asks both for a short consultation, with times that suit her and a message;
// - Dr. Maya Okafor accepts with a date and time (in the browser), Daniel Reyes declines with
//   a reason;
// - the client sees both answers, chooses Maya and lands on her home, which names Maya as her
//   therapist, in a new episode of care ("getting to know each other").
// Every page is checked with axe; with UPDATE_SCREENSHOTS=1 the key pages are saved to
// docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, heading, keepScreenshot, launchBrowser, openJourney, pathOf, signInDemoStaff, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const MAYA = 'maya.okafor@demo.rapport.test';
const MAYA_NAME = 'Dr. Maya Okafor';
const DANIEL = 'daniel.reyes@demo.rapport.test';
const DANIEL_NAME = 'Daniel Reyes, LCSW';
const REASON = 'My caseload is full until March. I am sorry, and I hope you find someone soon.';

let server;
let browser;

before(async () => {
  server = await startDemoServer('consultations');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The clinicians' user ids, as the administrator's account search shows them. */
async function idsOf(emails) {
  const admin = server.account('admin');
  const j = await openJourney(browser, server, 'consultations-admin');
  await signInDemoStaff(j.page, admin.email, admin.password);
  const ids = [];
  for (const email of emails) {
    await j.page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    const row = j.page.locator('li.account').filter({ hasText: email });
    assert.equal(await row.count(), 1, `no account row for ${email}`);
    const id = (await row.locator('code').innerText()).trim();
    assert.match(id, /^[0-9a-f-]{36}$/);
    ids.push(id);
  }
  await j.finish();
  return ids;
}

/** A local date and time two days from now, as a datetime-local input takes it. */
function inTwoDays() {
  const d = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00`;
}

test('a visitor answers the questionnaire, asks two of the shortlist, one accepts, one declines, she chooses and lands in her new episode', { timeout: 600_000 }, async () => {
  const [maya, daniel] = await idsOf([MAYA, DANIEL]);
  const person = { name: 'Rosa Quintero', email: `rosa.${Date.now()}@example.org`, password: 'green kettle morning' };

  // A visitor answers the questionnaire and reads the shortlist.
  const c = await openJourney(browser, server, 'consultations-client', { phone: true });
  await c.goto('/find', 'the questionnaire');
  await fill(c.page, 'How many times have you had therapy before?', '2');
  await fill(c.page, 'Where are you?', 'US-IL');
  await submit(c.page, 'Show therapists who fit');
  await c.check('the shortlist');
  const cards = c.page.locator('article.card');
  for (const name of [MAYA_NAME, DANIEL_NAME]) {
    const card = cards.filter({ hasText: name });
    assert.equal(await card.count(), 1, `${name} is on the shortlist`);
    assert.match(await card.innerText(), /Why/, `the card for ${name} says why`);
    assert.doesNotMatch(await card.innerText(), /LCSW\s+LCSW/, `the card for ${name} names a credential once`);
  }
  // She ticks two and asks them; as a visitor she is sent to sign up first.
  await c.page.getByRole('checkbox', { name: `Ask ${MAYA_NAME} for a consultation` }).check();
  await c.page.getByRole('checkbox', { name: `Ask ${DANIEL_NAME} for a consultation` }).check();
  await c.page.getByRole('button', { name: 'Ask for consultations', exact: true }).click();
  await expectPath(c.page, '/signup', 'a visitor asking for a consultation');
  await c.check('sign-up before asking');
  await fill(c.page, 'Your name', person.name);
  await fill(c.page, 'E-mail address', person.email);
  await fill(c.page, 'Password', person.password);
  await c.page.getByRole('checkbox').first().check();
  await submit(c.page, 'Create account');
  await expectPath(c.page, '/consultations/new', 'back to the request after signing up');
  const kept = new URL(c.page.url()).searchParams.getAll('clinician').sort();
  assert.deepEqual(kept, [maya, daniel].sort(), 'the clinicians asked for were kept');
  await c.check('ask for a consultation');
  const body = await c.page.locator('main').innerText();
  assert.ok(body.includes(MAYA_NAME) && body.includes(DANIEL_NAME), 'the form names both clinicians');

  // Nothing filled in: the error names the times.
  await submit(c.page, 'Send the request');
  assert.equal(pathOf(c.page), '/consultations');
  await c.check('ask: error');
  assert.match(await c.page.locator('.error-summary').innerText(), /at least one time/i);
  await fill(c.page, 'A message', 'I would like help with low mood after a bereavement.');
  await fill(c.page, 'Time 1', 'Weekday evenings after 6');
  await fill(c.page, 'Time 2', 'Saturday mornings');
  await submit(c.page, 'Send the request');
  await expectPath(c.page, '/consultations', 'after sending the request');
  await c.check('consultations: asked');
  await keepScreenshot(c.page, 'consultations-asked-phone');

  // Maya accepts, with a time.
  const m = await openJourney(browser, server, 'consultations-maya');
  await signInDemoStaff(m.page, MAYA, server.password);
  assert.ok((await m.page.getByRole('heading', { name: 'Requests for a consultation' }).count()) >= 1, 'Maya\'s home shows the request');
  await m.goto('/consultations', 'requests for a consultation');
  const mayaCard = m.page.locator('section').filter({ has: m.page.getByRole('heading', { name: person.name }) });
  assert.match(await mayaCard.innerText(), /Weekday evenings after 6/);
  await mayaCard.getByLabel('Date and time of the consultation (your time)').fill(inTwoDays());
  await keepScreenshot(m.page, 'consultations-accept', mayaCard);
  await submit(m.page, 'Accept');
  await expectPath(m.page, '/consultations', 'after accepting');
  await m.check('accepted');
  await m.finish();

  // Daniel declines, saying why.
  const d = await openJourney(browser, server, 'consultations-daniel');
  await signInDemoStaff(d.page, DANIEL, server.password);
  await d.goto('/consultations', 'requests for a consultation');
  const danielCard = d.page.locator('section').filter({ has: d.page.getByRole('heading', { name: person.name }) });
  await danielCard.getByLabel('Or decline, saying why').fill(REASON);
  await submit(d.page, 'Decline');
  await d.check('declined');
  await d.finish();

  // The client sees both answers and chooses Maya.
  await c.goto('/consultations', 'consultations: answered');
  const text = await c.page.locator('main').innerText();
  assert.ok(text.includes(REASON), 'the client reads Daniel\'s reason');
  await keepScreenshot(c.page, 'consultations-choose-phone');
  await submit(c.page, `Choose ${MAYA_NAME}`);
  await expectPath(c.page, '/home', 'after choosing');
  await c.check('home after choosing');
  assert.match(await heading(c.page), /Welcome/);
  const team = c.page.locator('section').filter({ has: c.page.getByRole('heading', { name: 'Your care team' }) });
  assert.match(await team.innerText(), /Dr\. Maya Okafor/, 'Maya is on her care team');
  assert.match(await c.page.locator('[role="status"]').first().innerText(), /chosen your therapist/);
  await keepScreenshot(c.page, 'consultations-chosen-phone');
  await c.finish();

  // Maya's side: the client is on her caseload.
  const m2 = await openJourney(browser, server, 'consultations-maya-after');
  await signInDemoStaff(m2.page, MAYA, server.password);
  assert.match(await m2.page.locator('main').innerText(), new RegExp(person.name));
  // Her chart: a new episode of care, in its first state, that Maya can move into treatment.
  await m2.page.getByRole('link', { name: person.name }).first().click();
  await m2.page.waitForLoadState('load');
  await m2.check('the new client\'s chart');
  const episode = m2.page.locator('#episode');
  assert.match(await episode.innerText(), /Getting to know each other/);
  assert.equal(await episode.locator('option[value="active"]').count(), 1, 'treatment can start');
  await m2.finish();
});
