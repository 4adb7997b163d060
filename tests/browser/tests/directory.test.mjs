// Issue 14's directory journey, on one demo server:
// - Dr. Priya Natarajan opens her profile page, adds Polish to her languages (a mistyped place
//   code is refused first, with what she typed kept) and saves;
// - the administrator records a new check of her licence, dated today;
// - a visitor on a phone opens the directory, filters by Polish, finds her card with "Licence
//   checked on <today>" and opens her profile, which offers "Ask for a consultation".
// Every page is checked with axe; with UPDATE_SCREENSHOTS=1 the pages are kept in docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, follow, keepScreenshot, launchBrowser, openJourney, signInDemoStaff, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const PRIYA = 'priya.natarajan@demo.rapport.test';
const PRIYA_NAME = 'Dr. Priya Natarajan';
const ADMIN = 'admin@demo.rapport.test';
const STATEMENT = 'I see people in Polish too now. Depression that has not lifted before is where I do most of my work.';

let server;
let browser;

before(async () => {
  server = await startDemoServer('directory');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Today as the server's date check reads it, and as the pages show it ("4 Dec 2026"). */
function today() {
  const now = new Date();
  const iso = now.toISOString().slice(0, 10);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return { iso, shown: `${now.getUTCDate()} ${months[now.getUTCMonth()]} ${now.getUTCFullYear()}` };
}

test('a clinician writes her profile, the practice checks her licence, a visitor finds her', { timeout: 300_000 }, async () => {
  const { iso, shown } = today();

  // Priya edits her profile.
  const priya = await openJourney(browser, server, 'directory-clinician');
  await signInDemoStaff(priya.page, PRIYA, server.password);
  await follow(priya.page, 'Profile');
  await expectPath(priya.page, '/me/profile', 'the "Profile" link');
  await priya.check('profile form');
  assert.match(await priya.page.locator('#check-heading + p').innerText(), /Licence checked on/);
  assert.ok(await priya.page.getByRole('checkbox', { name: 'Psychodynamic therapy' }).isChecked(), 'her approaches are ticked');
  await fill(priya.page, 'Languages you offer therapy in', 'en, ta, pl');
  await fill(priya.page, 'Where you may practise', 'Illinois');
  await fill(priya.page, 'A short statement (optional)', STATEMENT);
  await submit(priya.page, 'Save profile');
  await priya.check('profile form with an error');
  const summary = priya.page.locator('.error-summary');
  assert.match(await summary.innerText(), /not a place code/);
  assert.equal(await priya.page.getByLabel('A short statement (optional)').inputValue(), STATEMENT, 'what she typed is kept');
  await fill(priya.page, 'Where you may practise', 'US-IL');
  await submit(priya.page, 'Save profile');
  await expectPath(priya.page, '/me/profile', 'after saving');
  assert.match(await priya.page.locator('.notice.success').innerText(), /saved/);
  await keepScreenshot(priya.page, 'directory-my-profile');
  await priya.finish();

  // The administrator records a check of her licence.
  const admin = await openJourney(browser, server, 'directory-admin');
  await signInDemoStaff(admin.page, ADMIN, server.password);
  await follow(admin.page, 'Licence checks');
  await expectPath(admin.page, '/admin/clinicians', 'the "Licence checks" link');
  await admin.check('licence checks');
  const card = admin.page.locator('li.card').filter({ has: admin.page.getByRole('heading', { name: PRIYA_NAME }) });
  assert.match(await card.innerText(), /Listed in the directory/);
  await card.getByLabel('Licence number').fill('IL-036.118204');
  await card.getByLabel('Issued by (state or country)').fill('US-IL');
  await card.getByLabel('Date checked').fill(iso);
  const navigated = admin.page.waitForEvent('framenavigated', { predicate: (frame) => frame === admin.page.mainFrame() });
  await card.getByRole('button', { name: /Record the check/ }).click();
  await navigated;
  await expectPath(admin.page, '/admin/clinicians', 'after recording');
  assert.match(await admin.page.locator('.notice.success').innerText(), /recorded/);
  assert.match(await admin.page.locator('li.card').filter({ hasText: PRIYA_NAME }).innerText(), new RegExp(`IL-036.118204 \\(US-IL\\) checked on ${shown}`));
  await keepScreenshot(admin.page, 'directory-licence-checks', admin.page.locator('li.card').filter({ hasText: PRIYA_NAME }));
  await admin.finish();

  // A visitor on a phone finds her.
  const visitor = await openJourney(browser, server, 'directory-visitor', { phone: true });
  const { page } = visitor;
  await visitor.goto('/', 'home');
  await follow(page, 'Browse therapists');
  await expectPath(page, '/therapists', 'the home page link');
  await visitor.check('directory');
  assert.ok((await page.getByRole('link', { name: 'Answer a few questions to find who fits you' }).count()) >= 1, 'a link to /find');
  await page.locator('summary', { hasText: 'Filter the list' }).click();
  await fill(page, 'Language', 'pl');
  await submit(page, 'Show therapists');
  await visitor.check('directory filtered by Polish');
  assert.equal(await page.getByRole('heading', { level: 2, name: '1 therapist' }).count(), 1, 'one therapist speaks Polish');
  const result = page.locator('.therapist-card');
  assert.match(await result.innerText(), new RegExp(`Licence checked on ${shown}`));
  assert.match(await result.innerText(), /Polish/);
  const profileHref = await result.getByRole('link', { name: PRIYA_NAME, exact: true }).getAttribute('href');
  const ask = await result.getByRole('link', { name: /Ask for a consultation/ }).getAttribute('href');
  assert.equal(ask, `/consultations/new?clinician=${profileHref.split('/').pop()}`);
  await keepScreenshot(page, 'directory-results-phone', result);
  await follow(page, PRIYA_NAME);
  await expectPath(page, /^\/therapists\/[0-9a-f-]+$/, 'her card');
  await visitor.check('profile page');
  assert.match(await page.locator('main').innerText(), /I see people in Polish too now/);
  assert.ok(await page.getByRole('link', { name: /Ask for a consultation/ }).isVisible());
  await keepScreenshot(page, 'directory-profile-phone');

  // Nobody matches: the page says so and widens the search.
  await visitor.goto('/therapists?language=pl&specialty=perinatal', 'no match');
  assert.match(await page.locator('main').innerText(), /No therapists match/);
  await follow(page, 'Without “Depression in pregnancy and after birth”');
  assert.equal(await page.getByRole('heading', { level: 2, name: '1 therapist' }).count(), 1, 'widened back to Priya');
  await visitor.finish();
});
