// Issue 13's browser journey, homework on a 390 px phone, on one demo server whose clock is
// moved with libfaketime:
// - Dr. Maya Okafor assigns a thought record from Alex Morgan's chart;
// - Alex starts it on a phone and types part of it (saved quietly as he types); the server's
//   clock moves past a client's idle time-out; he types more and is told he was signed out and
//   that what he typed is kept on this device; he signs in again and finds every word, then
//   finishes it and presses Done;
// - Maya sees "1 new" on her caseload, reads the entry and marks it reviewed with a comment;
// - Alex reads the comment.
// With UPDATE_SCREENSHOTS=1 the pages touched are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, pathOf, signIn, signInDemoStaff, submit } from '../lib/browser.mjs';
import { FAKETIME_LIB, startDemoServer } from '../lib/server.mjs';

const MAYA = 'maya.okafor@demo.rapport.test';
const ALEX = 'alex.morgan@demo.rapport.test';
const ALEX_NAME = 'Alex Morgan';
const NEEDS_FAKETIME = existsSync(FAKETIME_LIB) ? false : `needs libfaketime at ${FAKETIME_LIB} (apt-get install -y faketime)`;

/** What Alex types before the clock moves, and after. */
const BEFORE = {
  situation: 'Sat alone in the kitchen after Jo cancelled our Saturday walk',
  'moods[0].name': 'lonely',
};
const AFTER = {
  'automatic_thoughts[0].text': 'Nobody really wants to spend time with me',
  evidence_against: 'Jo rang on Tuesday to ask how the new job was going',
};
/** Typed in a row added with "Add another mood". */
const FOURTH_MOOD = 'ashamed';
const REST = {
  balanced_thought: 'Jo cancelled because her son is ill; she still asked to go next week',
};
const COMMENT = 'Good catch on the mind-reading. Let us look at the evidence column together on Thursday.';

let server;
let browser;
let clockDir;
let clock;

before(async () => {
  if (NEEDS_FAKETIME) return;
  clockDir = await mkdtemp(join(tmpdir(), 'rapport-faketime-'));
  clock = join(clockDir, 'offset');
  server = await startDemoServer('homework', { faketimeFile: clock });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (clockDir) await rm(clockDir, { recursive: true, force: true });
});

const byName = (page, name) => page.locator(`[name="${name}"]`);

async function typeInto(page, values) {
  for (const [name, value] of Object.entries(values)) await byName(page, name).fill(value);
}

/** Picks `value` on the one-row scale `name`. */
async function rate(page, name, value) {
  await page.locator(`input[name="${name}"][value="${value}"]`).check();
}

async function expectValues(page, values, why) {
  for (const [name, value] of Object.entries(values)) {
    assert.equal(await byName(page, name).inputValue(), value, `${why}: ${name}`);
  }
}

/** The autosave status line, once it matches `re`. */
async function statusMatching(page, re) {
  const status = page.locator('[data-autosave-status]');
  await page.waitForFunction(
    ([sel, source]) => new RegExp(source).test(document.querySelector(sel)?.textContent || ''),
    ['[data-autosave-status]', re.source],
    { timeout: 20_000 },
  );
  return (await status.textContent()).trim();
}

/** Goes to `path` as Maya, signing in again first if the clock move ended her session. */
async function gotoAsMaya(page, path) {
  await page.goto(path);
  if (pathOf(page) === '/login') {
    await signInDemoStaff(page, MAYA, server.password);
    await page.goto(path);
  }
  await expectPath(page, path.split(/[?#]/)[0], `going to ${path}`);
}

test(
  'a thought record: assigned on the chart, typed on a phone across an expired session without losing a word, reviewed with a comment',
  { timeout: 600_000, skip: NEEDS_FAKETIME },
  async () => {
    // Maya assigns a thought record from Alex's chart.
    const maya = await openJourney(browser, server, 'homework-clinician');
    await signInDemoStaff(maya.page, MAYA, server.password);
    const row = maya.page.locator('table.caseload tbody tr').filter({ hasText: ALEX_NAME });
    const chart = await row.getByRole('link', { name: ALEX_NAME, exact: true }).getAttribute('href');
    await maya.page.goto(`${chart}#homework`);
    await maya.check('chart, homework section');
    assert.ok((await maya.page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: /^Homework/ }).count()) === 1, 'no "Homework" in the jump list');
    await maya.page.getByLabel('Exercise', { exact: true }).selectOption({ label: 'Thought record' });
    await fill(maya.page, 'Instructions', 'Next time your mood drops, write down the moment and the thought.');
    await submit(maya.page, 'Assign');
    await expectPath(maya.page, chart, 'after Assign');
    assert.match(await maya.page.locator('.notice.success').innerText(), /Homework assigned/);

    // Alex, on a phone: the home page says what is due, the form opens.
    const alex = await openJourney(browser, server, 'homework-client', { phone: true });
    const { page } = alex;
    await signIn(page, ALEX, server.password);
    await expectPath(page, '/home', 'Alex signs in');
    const homework = page.locator('#homework');
    await homework.getByRole('link', { name: 'Thought record' }).click();
    await expectPath(page, /^\/homework\/[^/]+$/, 'the home page link to the thought record');
    const form = pathOf(page);
    await alex.check('thought record form');
    assert.equal(await page.locator('input[name="distortions"]').count(), 10, "Burns's ten distortions");
    assert.match(await page.locator('#distortions').innerText(), /Mind-reading or fortune-telling/, 'a distortion without its meaning');
    await keepScreenshot(page, 'homework-thought-record-phone');

    await typeInto(page, BEFORE);
    await rate(page, 'moods[0].before', 80);
    // A fourth mood, in a row added on the page.
    await page.getByRole('button', { name: 'Add another mood', exact: true }).click();
    await byName(page, 'moods[3].name').fill(FOURTH_MOOD);
    await rate(page, 'moods[3].before', 30);
    assert.match(await statusMatching(page, /Saved at/), /Saved at/, 'the quiet save did not say it saved');

    // The server's clock moves past a client's idle time-out (60 minutes).
    await writeFile(clock, '+2h\n');
    await typeInto(page, AFTER);
    await page.locator('input[name="automatic_thoughts[0].hot"]').check();
    const said = await statusMatching(page, /signed out/);
    assert.equal(said, 'You were signed out; what you typed is kept on this device. Sign in again to save it.');
    const again = page.getByRole('link', { name: 'Sign in again' });
    assert.ok(await again.isVisible(), 'no visible "Sign in again" link');
    await alex.check('signed out mid-entry');
    await keepScreenshot(page, 'homework-signed-out', page.locator('[data-autosave-status]'));

    // Signs in again, goes back to the exercise: every word is there, and is saved.
    await again.click();
    await expectPath(page, '/login', '"Sign in again"');
    await signIn(page, ALEX, server.password);
    await expectPath(page, '/home', 'Alex signs in again');
    await page.goto(form);
    const restored = page.locator('.kept-notice');
    await restored.waitFor();
    await page.waitForFunction(() => /Restored what you typed on/.test(document.querySelector('.kept-notice')?.textContent || ''));
    assert.match(await restored.innerText(), /^Restored what you typed on \d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}, kept on this device\./, 'the notice does not say when, as the pages do');
    await expectValues(page, { ...BEFORE, ...AFTER }, 'after signing in again');
    await expectValues(page, { 'moods[3].name': FOURTH_MOOD }, 'the added row, after signing in again');
    assert.ok(await page.locator('input[name="moods[0].before"][value="80"]').isChecked(), 'the mood rating was lost');
    assert.ok(await page.locator('input[name="automatic_thoughts[0].hot"]').isChecked(), 'the hot thought tick was lost');
    await statusMatching(page, /Saved at/);
    await alex.check('restored after signing in again');
    await keepScreenshot(page, 'homework-restored');
    // The server has it now: a fresh load shows it from the server, with no notice.
    await page.reload();
    await expectValues(page, { ...BEFORE, ...AFTER }, 'reloaded from the server');
    assert.equal(await page.locator('.kept-notice').count(), 0, 'the copy was not let go once saved');

    // Finishes and sends it.
    await typeInto(page, REST);
    await rate(page, 'belief', 60);
    await page.locator('input[name="distortions"][value="jumping_to_conclusions"]').check();
    await submit(page, 'Done');
    await expectPath(page, form, 'after Done');
    assert.match(await page.locator('.notice.success').innerText(), /Sent to your therapist/);
    await alex.check('sent');

    // Maya: "1 new" beside Alex, the entry in full, marked reviewed with a comment.
    await gotoAsMaya(maya.page, '/home');
    const badge = maya.page.locator('table.caseload tbody tr').filter({ hasText: ALEX_NAME }).locator('a.homework-new');
    assert.match(await badge.innerText(), /^1 new/);
    await badge.click();
    await expectPath(maya.page, chart, 'the "1 new" link');
    const section = maya.page.locator('#homework');
    for (const words of [BEFORE.situation, AFTER['automatic_thoughts[0].text'], AFTER.evidence_against, REST.balanced_thought, 'Jumping to conclusions']) {
      assert.ok((await section.getByText(words).count()) >= 1, `the chart does not show "${words}"`);
    }
    await fill(maya.page, 'Comment for Alex', COMMENT);
    await keepScreenshot(maya.page, 'homework-chart-review', maya.page.getByRole('button', { name: 'Mark reviewed' }));
    await submit(maya.page, 'Mark reviewed');
    assert.match(await maya.page.locator('.notice.success').innerText(), /Marked reviewed/);
    await maya.check('chart after review');

    // Alex reads the comment.
    await page.goto('/homework');
    await expectPath(page, '/homework', 'Alex opens his homework');
    assert.ok((await page.getByText(COMMENT).count()) >= 1, 'the comment is not on the homework page');
    await alex.check('homework with the comment');
    await keepScreenshot(page, 'homework-comment');

    await alex.finish();
    await maya.finish();
  },
);
