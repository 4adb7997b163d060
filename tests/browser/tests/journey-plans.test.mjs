// Issue 4's browser journey, the plans around a course of therapy:
// - a new client writes the intake on a phone, is interrupted, comes back to it and sends it;
// - a clinician writes a treatment plan (interpersonal therapy) and a goal, and the client
//   reads the plan in plain words on a phone and agrees to it;
// - a client's own warning sign ticked on two days (the server's clock moved a day on with
//   libfaketime) raises a warning-signs alert in the clinician's inbox.
// (The safety plan reached in one tap from another page is in plans.test.mjs.)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  expectPath,
  field,
  fieldError,
  fill,
  follow,
  heading,
  launchBrowser,
  openJourney,
  pathOf,
  signIn,
  signInDemoStaff,
  signOut,
  submit,
} from '../lib/browser.mjs';
import { FAKETIME_LIB, startDemoServer } from '../lib/server.mjs';

const CLINICIAN = 'maya.okafor@demo.rapport.test';
const JORDAN = 'jordan.lee@demo.rapport.test';

let server;
let browser;

before(async () => {
  server = await startDemoServer('journey-plans');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** WCAG 1.4.10 reflow, asked of the page as it is now: nothing scrolls sideways. */
async function expectNoSidewaysScroll(page, where) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `${where} (${pathOf(page)}): scrolls sideways, ${scrollWidth}px of content in ${clientWidth}px`);
}

/** The sign-up form may ask for consent with a checkbox (as in client.test.mjs): tick every box. */
async function tickAgreements(page) {
  const boxes = page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) {
    if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
  }
}

/** Clicks the button `name` and returns the HTTP status of the POST to `path` it sends. */
async function submitStatus(page, name, path) {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path);
  await submit(page, name);
  return (await response).status();
}

/** The text of the item of the home page's "Your plans" list holding the link `name`. */
async function planLine(page, name) {
  const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
  assert.equal(await item.count(), 1, `/home: no single list item with the link "${name}"`);
  return (await item.textContent()).replace(/\s+/g, ' ').trim();
}

/** yyyy-mm-dd of the local date `days` from today. */
function isoDateIn(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** The intake's parts used below, found by role and label. */
function intakeForm(page) {
  const medicine1 = page.getByRole('group', { name: 'Medicine 1', exact: true });
  return {
    reason: page.getByLabel('What brings you to therapy now?', { exact: true }),
    jobLoss: page.getByRole('checkbox', { name: 'Losing a job', exact: true }),
    medicineName: medicine1.getByLabel('Name', { exact: true }),
    medicineDose: medicine1.getByLabel('Dose', { exact: true }),
    hadTherapyNo: page.getByRole('group', { name: 'Have you had therapy or counselling before?' }).getByRole('radio', { name: 'No', exact: true }),
    asPrescribed: page.getByRole('group', { name: 'Do you take it as prescribed?' }).getByRole('radio', { name: 'Yes, as prescribed', exact: true }),
    wants: page.getByLabel('What would you like to be different after therapy?', { exact: true }),
    status: page.locator('[data-autosave-status]'),
    summary: page.locator('.error-summary'),
  };
}

test('a client completes the intake on a phone, interrupted and resumed', { timeout: 300_000 }, async () => {
  const person = { name: 'Noor Haddad', email: `noor.${Date.now()}@example.org`, password: 'quiet harbour lantern' };
  const typed = {
    reason: 'Low for about four months since the restructuring at work; I stop answering friends.',
    dose: '50 mg each morning',
    medicine: 'Sertraline',
    wants: 'To enjoy weekends again and get back in touch with friends.',
  };

  // Sign up on a phone and start the intake from the home page.
  const j = await openJourney(browser, server, 'intake-phone-first-visit', { phone: true });
  const { page } = j;
  await page.goto('/signup');
  await fill(page, 'Your name', person.name);
  await fill(page, 'E-mail address', person.email);
  await fill(page, 'Password', person.password);
  await tickAgreements(page);
  await submit(page, 'Create account');
  await expectPath(page, '/home', 'after creating an account');
  assert.match(await planLine(page, 'About you (intake)'), /not started/, 'a new client\'s intake is not "not started"');
  await j.check('new client home');
  await follow(page, 'About you (intake)');
  await expectPath(page, '/intake', 'the home page link "About you (intake)"');
  assert.equal(await heading(page), 'About you');
  await j.check('empty intake');

  let form = intakeForm(page);
  await form.reason.fill(typed.reason);
  await form.jobLoss.check();
  await form.medicineName.fill(typed.medicine);
  // The quiet save that follows the last keystroke carries everything typed, the dose too.
  const lastSave = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/intake/autosave' && (r.request().postData() || '').includes(encodeURIComponent(typed.dose).replace(/%20/g, '+')),
  );
  await form.medicineDose.fill(typed.dose);
  assert.equal((await lastSave).status(), 204, 'the autosave of the intake was not accepted');
  await page.waitForFunction(() => /Saved at/.test(document.querySelector('[data-autosave-status]')?.textContent || ''), null, { timeout: 10_000 });
  assert.match(await form.status.innerText(), /^Saved at \d{1,2}:\d{2}/);
  await expectNoSidewaysScroll(page, 'intake, autosaved');
  await j.check('intake autosaved');
  // The interruption: the phone's browser is closed without pressing any button.
  await j.finish();

  // Later, a new browser session: sign in again and carry on.
  const k = await openJourney(browser, server, 'intake-phone-resumed', { phone: true });
  const p2 = k.page;
  await signIn(p2, person.email, person.password);
  await expectPath(p2, '/home', 'signing in again');
  assert.match(await planLine(p2, 'About you (intake)'), /started; carry on/, 'the home page does not say the intake was started');
  await follow(p2, 'About you (intake)');
  await expectPath(p2, '/intake', 'the home page link, again');
  form = intakeForm(p2);
  assert.equal(await form.reason.inputValue(), typed.reason, 'the reason typed before the interruption is lost');
  assert.ok(await form.jobLoss.isChecked(), 'the life event ticked before the interruption is lost');
  assert.equal(await form.medicineName.inputValue(), typed.medicine, 'medicine 1\'s name is lost');
  assert.equal(await form.medicineDose.inputValue(), typed.dose, 'medicine 1\'s dose is lost');
  assert.match(await form.status.innerText(), /^Saved /, 'the status line does not say when it was saved');
  await expectNoSidewaysScroll(p2, 'intake, resumed');
  await k.check('intake resumed');

  // Sending too early: each time the page says what to fix and keeps what was typed.
  assert.equal(await submitStatus(p2, 'Send to my care team', '/intake'), 422, 'an incomplete intake was not refused with 422');
  form = intakeForm(p2);
  assert.match(await form.summary.innerText(), /whether you have had therapy before/);
  assert.equal(await form.summary.getAttribute('role'), 'alert');
  assert.equal(await form.reason.inputValue(), typed.reason, 'the reason is lost after a refused send');
  assert.ok(await form.jobLoss.isChecked(), 'the life event is lost after a refused send');
  assert.equal(await form.medicineDose.inputValue(), typed.dose, 'the dose is lost after a refused send');
  await expectNoSidewaysScroll(p2, 'intake, refused (therapy before)');
  await k.check('intake refused without therapy before');

  await form.hadTherapyNo.check();
  await form.asPrescribed.check();
  assert.equal(await submitStatus(p2, 'Send to my care team', '/intake'), 422, 'an intake without "wants" was not refused with 422');
  form = intakeForm(p2);
  const summary = await form.summary.innerText();
  assert.match(summary, /what you would like from therapy/, 'the error summary does not name the missing answer');
  assert.equal(await form.summary.getByRole('link').first().getAttribute('href'), '#wants', 'the error summary does not link to the field');
  const wantsError = await fieldError(p2, 'What would you like to be different after therapy?');
  assert.equal(wantsError.invalid, 'true', 'the "wants" field is not marked aria-invalid');
  assert.match(wantsError.described, /what you would like from therapy/, 'the "wants" error is not tied to its field');
  assert.ok(await form.hadTherapyNo.isChecked(), 'the answer "No" (therapy before) is lost');
  assert.ok(await form.asPrescribed.isChecked(), 'the answer "Yes, as prescribed" is lost');
  assert.equal(await form.reason.inputValue(), typed.reason, 'the reason is lost after the second refused send');
  assert.equal(await form.medicineName.inputValue(), typed.medicine, 'the medicine is lost after the second refused send');
  await expectNoSidewaysScroll(p2, 'intake, refused (wants)');
  await k.check('intake refused without wants');

  await form.wants.fill(typed.wants);
  await submit(p2, 'Send to my care team');
  await expectPath(p2, '/intake', 'after sending');
  assert.match(new URL(p2.url()).search, /sent=1/);
  assert.match(await p2.getByRole('status').first().innerText(), /Sent to your care team/);
  form = intakeForm(p2);
  assert.equal(await form.wants.inputValue(), typed.wants);
  assert.match(await form.status.innerText(), /^Sent /);
  await expectNoSidewaysScroll(p2, 'intake, sent');
  await k.check('intake sent');

  await p2.goto('/home');
  assert.match(await planLine(p2, 'About you (intake)'), /· sent$/, 'the home page link does not say the intake was sent');
  await expectNoSidewaysScroll(p2, 'home after sending the intake');
  await k.check('home after sending the intake');
  await signOut(p2);
  await k.finish();
});

test('a clinician writes a treatment plan and a goal; the client agrees', { timeout: 300_000 }, async () => {
  const review = isoDateIn(56);
  const goal = {
    title: 'Settle into the new role at work',
    success: 'Speaking up at the weekly team meeting at least once, four weeks running',
  };

  // Maya, on a desktop.
  const d = await openJourney(browser, server, 'treatment-plan-clinician');
  const { page } = d;
  await signInDemoStaff(page, CLINICIAN, server.password);
  await page.getByRole('link', { name: 'Jordan Lee', exact: true }).first().click();
  await expectPath(page, /^\/clients\/[^/]+$/, 'the caseload link "Jordan Lee"');
  const chartPath = pathOf(page);
  assert.match(await heading(page), /Jordan Lee/);
  const planCard = page.getByRole('region', { name: 'Treatment plan', exact: true });
  assert.equal(await planCard.count(), 1, 'the chart has no "Treatment plan" card');
  assert.equal(await page.locator('.intake-summary').count(), 1, 'the chart has no intake card');
  assert.match(await page.locator('.intake-summary .badge').textContent(), /sent|being written|not started/i);
  await d.check('jordan chart');
  await planCard.getByRole('link').click();
  await expectPath(page, `${chartPath}/treatment-plan`, 'the link of the "Treatment plan" card');
  assert.equal(await heading(page), 'Treatment plan: Jordan Lee');
  await d.check('treatment plan form');

  // Interpersonal therapy without its focus area is refused, naming it.
  const choose = async (label, option) => (await field(page, label)).selectOption(option);
  await choose('Approach', { label: 'Interpersonal therapy (IPT)' });
  await choose('IPT focus area (interpersonal therapy only)', { label: 'None' });
  await page.getByRole('checkbox', { name: 'Combined with medication' }).setChecked(false);
  await choose('Format', { label: 'Individual' });
  await choose('Where sessions happen', { label: 'Online (video)' });
  await choose('How often', { label: 'Every week' });
  await fill(page, 'Expected length, in sessions', '16');
  await page.getByRole('checkbox', { name: 'GAD-7' }).setChecked(true);
  await page.getByRole('checkbox', { name: 'WHO-5' }).setChecked(false);
  await fill(page, 'Review by', review);
  assert.equal(await submitStatus(page, 'Save the plan', `${chartPath}/treatment-plan`), 422, 'IPT without a focus area was not refused with 422');
  assert.match(await page.locator('.error-summary').innerText(), /focus area/);
  const focusError = await fieldError(page, 'IPT focus area (interpersonal therapy only)');
  assert.equal(focusError.invalid, 'true', 'the focus area select is not marked aria-invalid');
  assert.match(focusError.described, /focus area/);
  const value = async (label) => (await field(page, label)).inputValue();
  assert.equal(await value('Approach'), 'interpersonal', 'the approach chosen was lost');
  assert.equal(await value('Where sessions happen'), 'online', 'the place chosen was lost');
  assert.equal(await value('How often'), 'weekly', 'the frequency chosen was lost');
  assert.equal(await value('Expected length, in sessions'), '16', 'the length typed was lost');
  assert.equal(await value('Review by'), review, 'the review date typed was lost');
  assert.ok(await page.getByRole('checkbox', { name: 'GAD-7' }).isChecked(), 'the GAD-7 tick was lost');
  await d.check('treatment plan refused without focus');

  await choose('IPT focus area (interpersonal therapy only)', { label: 'Role transitions' });
  await submit(page, 'Save the plan');
  await expectPath(page, `${chartPath}/treatment-plan`, 'after saving the plan');
  assert.match(new URL(page.url()).search, /saved=1/);
  assert.match(await page.getByRole('status').first().innerText(), /Saved as a new version/);
  const facts = (await page.locator('.treatment-plan dl.facts').innerText()).replace(/\s+/g, ' ');
  assert.match(facts, /Interpersonal therapy \(IPT\)/);
  assert.match(facts, /Role transitions/);
  assert.match(facts, /Online \(video\)/);
  assert.match(facts, /Every week/);
  assert.match(facts, /16 sessions/);
  assert.match(facts, /GAD-7/);
  const [y, m, day] = review.split('-').map(Number);
  const shown = `${day} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`;
  assert.ok(facts.includes(shown), `the review date ${shown} is not among the plan's facts: ${facts}`);
  assert.match(await page.locator('.treatment-plan').textContent(), /Not yet agreed by the client/i);
  await d.check('treatment plan saved');

  // A goal, from the chart.
  await page.goto(chartPath);
  await follow(page, 'Goals');
  await expectPath(page, `${chartPath}/goals`, 'the chart link "Goals"');
  await fill(page, 'The goal, in a few words', goal.title);
  await fill(page, 'What success looks like', goal.success);
  await submit(page, 'Set the goal');
  await expectPath(page, `${chartPath}/goals`, 'after setting the goal');
  const set = page.locator('article.goal').filter({ hasText: goal.title });
  assert.equal(await set.count(), 1, 'the goal set is not on the goals page');
  assert.match(await set.innerText(), /four weeks running/);
  await d.check('goal set by clinician');
  await signOut(page);
  await d.finish();

  // Jordan, on a phone.
  const c = await openJourney(browser, server, 'treatment-plan-client', { phone: true });
  const cp = c.page;
  await signIn(cp, JORDAN, server.password);
  await expectPath(cp, '/home', 'Jordan signing in');
  assert.match(await planLine(cp, 'My treatment plan'), /new: please read and agree/, 'no "please read and agree" badge on the home page');
  await c.check('client home plan to agree');
  await follow(cp, 'My treatment plan');
  await expectPath(cp, '/treatment-plan', 'the home page link "My treatment plan"');
  const plain = await cp.locator('.treatment-plan').innerText();
  assert.match(plain, /Interpersonal therapy/);
  assert.match(plain, /role transitions/, 'the plain words do not name the focus area');
  assert.match(plain, /online by video, every week, for about 16 sessions/);
  assert.match(plain, /GAD-7/);
  await c.check('client reads the plan');
  await submit(cp, 'I agree to this plan');
  await expectPath(cp, '/treatment-plan', 'after agreeing');
  assert.match(new URL(cp.url()).search, /agreed=1/);
  assert.match(await cp.getByRole('status').first().innerText(), /agreement is recorded/);
  assert.match(await cp.locator('.treatment-plan').innerText(), /You agreed on \S/);
  assert.equal(await cp.getByRole('button', { name: 'I agree to this plan' }).count(), 0, 'the agree button stays after agreeing');
  await c.check('client agreed');
  await cp.goto('/home');
  assert.doesNotMatch(await planLine(cp, 'My treatment plan'), /please read and agree/, 'the badge stays after agreeing');
  await follow(cp, 'My goals');
  await expectPath(cp, '/goals', 'the home page link "My goals"');
  const seen = cp.locator('article.goal').filter({ hasText: goal.title });
  assert.equal(await seen.count(), 1, 'the client does not see the goal their clinician set');
  assert.match(await seen.innerText(), /four weeks running/);
  await c.check('client sees the goal');
  await signOut(cp);
  await c.finish();
});

// The safety plan, reached in one tap from another page: plans.test.mjs.

/** Jordan's daily check-in with their own sign ticked; lands on /home. */
async function checkInWithSign(j, sign, label) {
  const { page } = j;
  await page.goto('/checkin');
  if (pathOf(page) === '/login') {
    console.log(`note: ${label}: the session had ended, Jordan signs in again`);
    await signIn(page, JORDAN, server4.password);
    await page.goto('/checkin');
  }
  await expectPath(page, '/checkin', 'the check-in');
  await page.locator('fieldset#mood').getByRole('radio', { name: '6', exact: true }).check();
  await fill(page, 'Hours slept last night', '7');
  await page.getByRole('radio', { name: 'Not prescribed', exact: true }).check();
  const box = page.getByRole('checkbox', { name: sign, exact: true });
  assert.ok(await box.isVisible(), `the sign "${sign}" is not a tick box on the check-in`);
  await box.check();
  await j.check(label);
  await submit(page, 'Save check-in');
  await expectPath(page, '/home', 'after the check-in');
  assert.match(await page.getByRole('status').first().innerText(), /Check-in saved/);
}

/** Maya's alert cards about Jordan that come from Jordan's own warning signs. */
async function ownSignAlerts(page) {
  const cards = page.locator('article.alert').filter({ hasText: 'Jordan Lee' }).filter({ hasText: /own early warning signs|own warning sign ticked/ });
  const texts = [];
  for (let i = 0; i < (await cards.count()); i += 1) texts.push((await cards.nth(i).innerText()).replace(/\s+/g, ' '));
  return texts;
}

let server4;

test(
  'a warning sign ticked on two days raises the flag',
  { timeout: 420_000, skip: existsSync(FAKETIME_LIB) ? false : `needs libfaketime at ${FAKETIME_LIB} (apt-get install -y faketime)` },
  async () => {
    const sign = 'Not answering messages';
    const dir = await mkdtemp(join(tmpdir(), 'rapport-faketime-'));
    const clock = join(dir, 'offset');
    server4 = await startDemoServer('journey-warning-signs', { faketimeFile: clock });
    try {
      // Day 1: Jordan, on a phone, adds the sign and writes the plan for staying well.
      const j = await openJourney(browser, server4, 'warning-signs-day-1', { phone: true });
      const { page } = j;
      await signIn(page, JORDAN, server4.password);
      await expectPath(page, '/home', 'Jordan signing in');
      await follow(page, 'My plan for staying well');
      await expectPath(page, '/staying-well', 'the home page link "My plan for staying well"');
      await j.check('staying well before');
      await fill(page, 'A warning sign, in a few words', sign);
      await submit(page, 'Add the sign');
      await expectPath(page, '/staying-well', 'after adding the sign');
      assert.match(await page.getByRole('region', { name: /warning signs/ }).innerText(), new RegExp(sign));
      await fill(page, 'What can set me back', 'Deadlines at work piling up; the anniversary in March.');
      await fill(page, 'What helps me stay well', 'A walk every morning; calling my brother on Sundays.');
      await fill(page, 'Who I will contact', 'My brother Sam; my therapist through Rapport.');
      await fill(page, 'When I will ask for a booster session', 'When I tick a warning sign on two days in a week.');
      await submit(page, 'Save the plan');
      await expectPath(page, '/staying-well', 'after saving the plan');
      const plan = await page.locator('.relapse-plan').innerText();
      assert.match(plan, /A walk every morning/);
      assert.match(plan, /Version 1/);
      await j.check('staying well saved');
      await checkInWithSign(j, sign, 'check-in day 1');
      await j.check('home after check-in day 1');

      // One day is not enough for the flag.
      const m1 = await openJourney(browser, server4, 'warning-signs-inbox-day-1');
      await signInDemoStaff(m1.page, CLINICIAN, server4.password);
      await m1.goto('/alerts', 'alert inbox day 1');
      assert.deepEqual(await ownSignAlerts(m1.page), [], 'a warning-signs alert after one day');
      await signOut(m1.page);
      await m1.finish();

      // The next day (the server's clock only): Jordan checks in again, ticking the sign.
      await writeFile(clock, '+1d\n');
      await checkInWithSign(j, sign, 'check-in day 2');
      await j.check('home after check-in day 2');
      await signOut(page);
      await j.finish();

      // Maya's inbox shows the flag, with the sign days as its reason.
      const m2 = await openJourney(browser, server4, 'warning-signs-inbox-day-2');
      await signInDemoStaff(m2.page, CLINICIAN, server4.password);
      await m2.page.goto('/alerts');
      const alerts = await ownSignAlerts(m2.page);
      assert.equal(alerts.length, 1, `expected one alert about Jordan's own warning signs, found ${alerts.length}`);
      assert.match(alerts[0], /warning signs/);
      assert.match(alerts[0], /own early warning signs were reported on 2 or more of the last 7 days|own warning sign ticked/);
      const ticks = alerts[0].match(/own warning sign ticked/g) || [];
      assert.ok(ticks.length >= 2, `the alert's evidence does not show two days of the sign: ${alerts[0]}`);
      await m2.check('alert inbox day 2');
      await signOut(m2.page);
      await m2.finish();
    } finally {
      await server4.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
);
