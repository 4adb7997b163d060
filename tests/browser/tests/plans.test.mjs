// The safety plan: a client writes it on a phone, finds it again from another page in one
// tap, and can print it; their clinician sees it on the chart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, launchBrowser, openJourney, signIn, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('plans');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a client writes a safety plan and reaches it in one tap from another page', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'safety-plan', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'riley.chen@demo.rapport.test', server.password);
  await expectPath(page, '/home', 'sign-in');
  await page.getByRole('link', { name: 'My safety plan' }).click();
  await expectPath(page, '/safety-plan', 'the header link');
  await j.check('no safety plan yet');
  await submit(page, 'Save the plan');
  assert.match(await page.locator('.error-summary').innerText(), /at least one part/);
  await fill(page, '1. My warning signs', 'Staying in bed past noon; not answering messages');
  await fill(page, '4. People I can ask for help', 'My sister Dana 555-0142');
  await submit(page, 'Save the plan');
  assert.match(new URL(page.url()).search, /saved=1/);
  const plan = await page.locator('.safety-plan').innerText();
  assert.match(plan, /Staying in bed past noon/);
  assert.match(plan, /Dana 555-0142/);
  assert.match(plan, /Version 1/);
  assert.ok(await page.getByRole('button', { name: 'Print this plan' }).isVisible());
  await j.check('safety plan saved');

  // From another page, one tap.
  await page.goto('/progress');
  await page.getByRole('link', { name: 'My safety plan' }).click();
  await expectPath(page, '/safety-plan', 'one tap from progress');
  assert.match(await page.locator('.safety-plan').innerText(), /Staying in bed past noon/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.site-header').isVisible(), false, 'the header prints');
  await page.emulateMedia({ media: 'screen' });

  // Own early warning signs become boxes on the daily check-in.
  await j.goto('/checkin', 'check-in without own signs');
  await page.getByRole('link', { name: 'Add your own early warning signs' }).click();
  await fill(page, 'A warning sign, in a few words', 'Sleeping past noon');
  await submit(page, 'Add the sign');
  await expectPath(page, '/staying-well', 'after adding a sign');
  await j.check('own warning signs');
  await page.goto('/checkin');
  assert.ok(await page.getByRole('checkbox', { name: 'Sleeping past noon' }).isVisible(), 'the sign is not on the check-in');
  await signOut(page);
  await j.finish();
});

test('the learning library reads well on a phone, signed in or not', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'learning', { phone: true });
  const { page } = j;
  await j.goto('/learn', 'library');
  const links = page.getByRole('main').getByRole('link');
  assert.ok((await links.count()) >= 8, 'the library lists fewer than 8 pages');
  for (const slug of ['what-is-depression', 'approaches', 'finding-a-therapist']) {
    await j.goto(`/learn/${slug}`, `learn ${slug}`);
    assert.ok((await page.getByRole('heading', { level: 1 }).count()) === 1, `/learn/${slug} has no single h1`);
  }
  await j.finish();
});

test('a clinician discharges a recovered client to staying well, with a reason', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'episode');
  const { page } = j;
  await signInDemoStaff(page, 'maya.okafor@demo.rapport.test', server.password);
  await page.getByRole('link', { name: 'Avery Kim' }).first().click();
  await page.getByLabel('Change to').selectOption('maintenance');
  await submit(page, 'Change the episode');
  assert.match(await page.getByRole('alert').first().innerText(), /Say why/);
  await j.check('episode change refused without a reason');
  await page.goBack();
  await page.getByLabel('Change to').selectOption('maintenance');
  await page.getByLabel('Why').fill('Goals met; PHQ-9 below 5 for six weeks; monthly check-ins agreed.');
  await submit(page, 'Change the episode');
  assert.match(await page.getByRole('status').first().innerText(), /episode is updated/);
  const section = await page.locator('section', { hasText: 'Episode of care' }).innerText();
  assert.match(section, /Staying well/);
  assert.match(section, /Goals met/);
  assert.equal(await page.getByLabel('PHQ-9: every how many days (0 = not asked)').inputValue(), '30');
  await j.check('client chart after discharge');
  await signOut(page);
  await j.finish();
});

test('a client sets a goal and records progress on a phone', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'goals', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'grace.mensah@demo.rapport.test', server.password);
  await j.goto('/goals', 'no goals yet');
  await fill(page, 'The goal, in a few words', 'Walk to the park twice a week');
  await submit(page, 'Set the goal');
  assert.match(await page.locator('.error-summary').innerText(), /what it will look like/);
  assert.equal(await page.getByLabel('The goal, in a few words').inputValue(), 'Walk to the park twice a week', 'the typed goal was lost');
  await fill(page, 'What success looks like', 'Two walks a week for four weeks running');
  await submit(page, 'Set the goal');
  await expectPath(page, '/goals', 'after setting the goal');
  const goal = page.locator('article.goal').first();
  await goal.getByRole('radio', { name: '4' }).check();
  await goal.getByLabel('A note (optional)').fill('Went once, in the rain');
  await goal.getByRole('button', { name: 'Record progress' }).click();
  assert.match(await page.locator('article.goal').first().innerText(), /4 of 10/);
  await j.check('goal with progress');
  await signOut(page);
  await j.finish();
});
