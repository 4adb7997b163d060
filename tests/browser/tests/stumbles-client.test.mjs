// Issue 23, items 1, 9, 10 and 11: what a clinician writing a note and a client on a phone
// stumbled on. One test per item; each failed on the code before the fix.
//  1. Signing the progress note kept nothing typed in the psychotherapy-note box; leaving a
//     page with unsaved text gave no warning; an old draft came back into the boxes silently.
//  9. The safety plan page without a plan had no crisis numbers: the call and text buttons
//     come first on that page, with or without a plan.
// 10. A PHQ-9 with a question skipped was scored (prorated) with no word: the form names each
//     unanswered question, with a link to it, and asks: answer it, or send as it is; with and
//     without JavaScript.
// 11. On a 390 × 844 phone: a compact header, the check-in's save button on the first screen,
//     the mood scale in one row, every target at least 44 px tall.
// With UPDATE_SCREENSHOTS=1 the phone pages touched are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  PHONE,
  expectPath,
  keepScreenshot,
  launchBrowser,
  openJourney,
  pathOf,
  signIn,
  signInDemoStaff,
  signOut,
  submit,
} from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const DANIEL = 'daniel.reyes@demo.rapport.test';
/** Everything above `main` (the demo banner and the header) on a phone, at most. */
const HEADER_MAX_PX = 100;
/** The smallest height of a target a finger taps. */
const TARGET_MIN_PX = 44;
/** The mood scale in one row on a 390 px phone leaves each number at least this wide. */
const SCALE_MIN_WIDTH_PX = 32;

let server;
let browser;

before(async () => {
  server = await startDemoServer('stumbles-client');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The path of a progress note still in draft among Daniel's sessions. */
async function draftNote(page) {
  await page.goto('/sessions');
  const sessions = await page
    .getByRole('link', { name: /^Open the session/ })
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  for (const href of sessions) {
    await page.goto(href);
    const links = page.getByRole('link', { name: /^Progress note for / });
    for (const note of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      await page.goto(note);
      if ((await page.getByRole('button', { name: 'Sign the note', exact: true }).count()) === 1) return note;
    }
  }
  assert.fail('no progress note in draft among the sessions of the demo clinician');
}

/**
 * Follows the link `name` and answers the dialog that may come before the page is left:
 * returns the dialogs' types. `leave`: whether to leave when asked (else the page stays).
 */
async function followAnswering(page, name, { leave }) {
  const seen = [];
  const onDialog = async (dialog) => {
    seen.push(dialog.type());
    if (leave) await dialog.accept();
    else await dialog.dismiss();
  };
  page.on('dialog', onDialog);
  try {
    const from = page.url();
    await page.getByRole('link', { name, exact: true }).first().click({ noWaitAfter: true });
    // Either the page goes, or a question comes first.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && seen.length === 0 && page.url() === from) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (leave || seen.length === 0) await page.waitForLoadState('load');
  } finally {
    page.off('dialog', onDialog);
  }
  return seen;
}

test('item 1: signing the progress note keeps the psychotherapy note; unsaved text is warned about; a restored draft says so', { timeout: 360_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-note');
  const { page } = j;
  await signInDemoStaff(page, DANIEL, server.password);
  const notePath = await draftNote(page);
  await j.goto(notePath, 'note in draft');

  const privateBox = page.getByLabel('Your psychotherapy note', { exact: true });
  const privateText = `Stuck on my urge to reassure; bring it to supervision (${Date.now()}).`;
  await privateBox.click();
  await privateBox.fill(privateText);
  const assessment = page.getByLabel('Assessment', { exact: true });
  await assessment.click();
  await assessment.fill('Engaged; mood a little brighter; no risk indicators today.');
  await page.getByLabel('Plan', { exact: true }).fill('Continue activation; PHQ-9 before the next session.');
  if ((await page.getByLabel('Data', { exact: true }).inputValue()).trim() === '') {
    await page.getByLabel('Data', { exact: true }).fill('Talked about the week.');
  }

  // Leaving now asks first (and staying keeps everything typed).
  const asked = await followAnswering(page, 'Back to the session', { leave: false });
  assert.deepEqual(asked, ['beforeunload'], 'leaving a note with unsaved text gave no warning');
  assert.equal(pathOf(page), notePath, 'staying on the page did not stay');
  assert.equal(await privateBox.inputValue(), privateText);

  // Signing saves the psychotherapy note too, and no warning comes with the submit.
  const dialogs = [];
  const onDialog = async (dialog) => {
    dialogs.push(dialog.type());
    if (dialog.type() === 'confirm') await dialog.accept();
    else await dialog.dismiss();
  };
  page.on('dialog', onDialog);
  await submit(page, 'Sign the note');
  page.off('dialog', onDialog);
  assert.deepEqual(dialogs, ['confirm'], `signing asked ${JSON.stringify(dialogs)}`);
  await expectPath(page, notePath, 'after signing');
  assert.match(await page.getByRole('status').first().innerText(), /Signed\./);
  const privateCard = page.getByRole('region', { name: /^Psychotherapy notes/ });
  assert.match(await privateCard.innerText(), /Last saved \S/, 'signing the note did not save the psychotherapy note');
  // What the server keeps, not a copy kept in the tab.
  await page.evaluate(() => window.sessionStorage.clear());
  await page.reload();
  assert.equal(await privateBox.inputValue(), privateText, 'the psychotherapy note typed before signing was lost');
  await j.check('note signed with the psychotherapy note');

  // A draft left behind comes back with a notice that says so, and can be thrown away.
  const draft = `${privateText} Also: a draft never saved.`;
  await privateBox.click();
  await privateBox.fill(draft);
  const left = await followAnswering(page, 'Back to the session', { leave: true });
  assert.deepEqual(left, ['beforeunload'], 'leaving with an unsaved psychotherapy note gave no warning');
  await expectPath(page, /^\/sessions\/[^/]+$/, 'after leaving the note');
  await page.goto(notePath);
  const restored = page.getByRole('status').filter({ hasText: /restored your unsaved draft from/i });
  await restored.waitFor({ timeout: 5_000 }).catch(() => {});
  assert.equal(await restored.count(), 1, 'a draft was put back into the box without a word');
  assert.match(await restored.innerText(), /from .*\d{1,2}:\d{2}/, 'the notice does not say when the draft was written');
  assert.equal(await privateBox.inputValue(), draft, 'the draft was not restored');
  await j.check('note with a restored draft');
  await restored.getByRole('button', { name: 'Discard draft' }).click();
  assert.equal(await privateBox.inputValue(), privateText, 'discarding the draft did not bring back the saved note');
  await page.reload();
  assert.equal(await page.getByRole('status').filter({ hasText: /restored your unsaved draft/i }).count(), 0, 'the discarded draft came back');
  assert.equal(await privateBox.inputValue(), privateText);
  // Nothing unsaved: leaving asks nothing.
  assert.deepEqual(await followAnswering(page, 'Back to the session', { leave: true }), [], 'a page with nothing unsaved warned');

  await signOut(page);
  await j.finish();
});

test('item 9: the safety plan page shows the call and text buttons first, with or without a plan', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-safety-plan', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'riley.chen@demo.rapport.test', server.password);
  await expectPath(page, '/home', 'sign-in');

  await page.goto('/crisis');
  const lines = await page.locator('main a.button').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(lines.some((h) => h.startsWith('tel:')) && lines.some((h) => h.startsWith('sms:')), `the crisis page has no call and text buttons: ${lines}`);

  const firstThings = () =>
    page.evaluate((n) => {
      const all = document.querySelectorAll('main a[href], main button, main input:not([type="hidden"]), main textarea, main select, main summary');
      return [...all].slice(0, n).map((el) => el.getAttribute('href') || el.textContent.trim());
    }, lines.length);
  const expectCrisisFirst = async (where) => {
    assert.deepEqual(await firstThings(), lines, `${where}: the crisis lines are not the first things on the page`);
    for (const href of lines.filter((h) => /^(tel|sms):/.test(h))) {
      const box = await page.locator(`main a[href="${href}"]`).first().boundingBox();
      assert.ok(box && box.y + box.height <= PHONE.height, `${where}: ${href} is below the first screen (bottom at ${box && box.y + box.height})`);
      assert.ok(box.height >= TARGET_MIN_PX, `${where}: ${href} is ${box.height}px tall`);
    }
  };

  await j.goto('/safety-plan', 'safety plan without a plan');
  await expectCrisisFirst('no plan yet');
  await keepScreenshot(page, 'phone-safety-plan-none');

  await page.getByLabel(/^1\. My warning signs/).fill('Not answering messages');
  await submit(page, 'Save the plan');
  assert.match(await page.locator('.safety-plan').innerText(), /Not answering messages/);
  await j.check('safety plan written');
  await expectCrisisFirst('with a plan');

  await signOut(page);
  await j.finish();
});

/**
 * Answers every question of the PHQ-9 form on the page except those at `skip` (0-based):
 * "Several days", and item 9 "Not at all" (above 0 it calls for crisis help and goes at once).
 */
async function answerAllBut(page, skip) {
  const questions = page.locator('fieldset.question');
  const n = await questions.count();
  assert.equal(n, 10, 'the PHQ-9 form has 9 scored questions and the difficulty one');
  for (let i = 0; i < n; i += 1) {
    if (!skip.includes(i)) await questions.nth(i).getByRole('radio').nth(i === 8 ? 0 : 1).check();
  }
  return questions;
}

/** The summary of unanswered questions on the page. */
const unansweredSummary = (page) => page.locator('.unanswered');

async function expectSummaryNames(page, numbers, where) {
  const summary = unansweredSummary(page);
  assert.equal(await summary.count(), 1, `${where}: no summary of the unanswered questions`);
  assert.ok(await summary.isVisible(), `${where}: the summary is not shown`);
  const text = await summary.innerText();
  for (const n of numbers) {
    const link = summary.getByRole('link', { name: new RegExp(`^Question ${n}\\b`) });
    assert.equal(await link.count(), 1, `${where}: the summary has no link to question ${n}: ${text}`);
    assert.equal(await link.getAttribute('href'), `#answers[${n - 1}]`, `${where}: the link to question ${n} goes elsewhere`);
  }
  const named = text.match(/Question \d+/g) || [];
  assert.equal(named.length, numbers.length, `${where}: the summary names ${named.join(', ')}; expected ${numbers.join(', ')}`);
  return summary;
}

test('item 10: a skipped question is named before sending: answer it or send as it is, with and without JavaScript', { timeout: 360_000 }, async () => {
  // With JavaScript, on a phone.
  const j = await openJourney(browser, server, 'stumbles-phq9', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'casey.novak@demo.rapport.test', server.password);
  await expectPath(page, '/home', 'sign-in');
  await j.goto('/measures/phq9', 'phq9 form');
  const questions = await answerAllBut(page, [3]);
  await page.getByRole('button', { name: 'See my result', exact: true }).click();
  await page.waitForTimeout(300);
  assert.equal(pathOf(page), '/measures/phq9', 'the PHQ-9 with question 4 unanswered was sent without a word');
  const summary = await expectSummaryNames(page, [4], 'with JavaScript');
  assert.equal(await summary.getAttribute('role'), 'alert', 'the summary is not announced');
  assert.equal(await summary.getByRole('button', { name: 'Send as it is', exact: true }).count(), 1, 'no "Send as it is"');
  await keepScreenshot(page, 'phone-phq9-unanswered');
  await j.check('phq9 question 4 unanswered');
  await summary.getByRole('link', { name: 'Answer it', exact: true }).click();
  const focused = await page.evaluate(() => document.activeElement?.closest('fieldset')?.id || '');
  assert.equal(focused, 'answers[3]', '"Answer it" does not take the person to question 4');
  await questions.nth(3).getByRole('radio').nth(2).check();
  await submit(page, 'See my result');
  assert.match(pathOf(page), /^\/results\//, 'the answered PHQ-9 was not sent');
  assert.doesNotMatch(await page.getByRole('main').innerText(), /left one or two questions out/, 'a complete PHQ-9 was prorated');

  // Item 9 left blank: the form goes to the server, which refuses it (CLINICAL.md), and the
  // summary names both questions without offering to send as it is.
  await page.goto('/measures/phq9');
  await answerAllBut(page, [3, 8]);
  await submit(page, 'See my result');
  assert.equal(pathOf(page), '/measures/phq9', 'a PHQ-9 without item 9 was accepted');
  assert.match(await page.locator('.error-summary').innerText(), /question 9/i);
  await expectSummaryNames(page, [4, 9], 'item 9 blank');
  assert.equal(await unansweredSummary(page).getByRole('button', { name: 'Send as it is' }).count(), 0, 'offered to send a PHQ-9 that cannot be sent without item 9');
  await j.check('phq9 item 9 unanswered');
  await signOut(page);
  await j.finish();

  // Without JavaScript: the server asks the same, keeps the answers, and sends as it is.
  const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: server.url, javaScriptEnabled: false });
  try {
    const p = await context.newPage();
    p.setDefaultTimeout(60_000);
    await p.goto('/login');
    await signIn(p, 'casey.novak@demo.rapport.test', server.password);
    await expectPath(p, '/home', 'sign-in without JavaScript');
    await p.goto('/measures/phq9');
    const qs = await answerAllBut(p, [1]);
    await submit(p, 'See my result');
    assert.equal(pathOf(p), '/measures/phq9', 'without JavaScript the PHQ-9 with question 2 unanswered was sent without a word');
    await expectSummaryNames(p, [2], 'without JavaScript');
    assert.ok(await qs.nth(0).getByRole('radio').nth(1).isChecked(), 'the answers given were not kept');
    assert.ok(await qs.nth(8).getByRole('radio').nth(0).isChecked(), 'the answer to item 9 was not kept');
    assert.equal(await qs.nth(1).getByRole('radio', { checked: true }).count(), 0, 'question 2 came back answered');
    await submit(p, 'Send as it is');
    assert.match(pathOf(p), /^\/results\//, '"Send as it is" did not send');
    assert.match(await p.getByRole('main').innerText(), /left one or two questions out/, 'the result does not say it was prorated');
  } finally {
    await context.close();
  }
});

/** Fails unless every target a finger taps on the page is at least 44 px tall. */
async function expectTallTargets(page, where) {
  const small = await page.evaluate((min) => {
    const selector = 'header a, header button, header summary, main button, main summary, main a.button, main label.choice';
    return [...document.querySelectorAll(selector)]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ what: `${el.tagName.toLowerCase()} "${el.textContent.replace(/\s+/g, ' ').trim().slice(0, 40)}"`, h: el.getBoundingClientRect().height }))
      .filter((t) => t.h < min - 0.5);
  }, TARGET_MIN_PX);
  assert.deepEqual(small, [], `${where}: targets under ${TARGET_MIN_PX}px tall`);
}

/** Fails unless the header is compact and the crisis link is on the first screen. */
async function expectCompactHeader(page, where) {
  const top = await page.evaluate(() => {
    window.scrollTo(0, 0);
    return document.querySelector('main').getBoundingClientRect().top;
  });
  assert.ok(top <= HEADER_MAX_PX, `${where}: the banner and header take ${top}px of ${PHONE.height} (at most ${HEADER_MAX_PX})`);
  const crisis = page.getByRole('link', { name: 'Crisis help' }).first();
  assert.ok(await crisis.isVisible(), `${where}: "Crisis help" is not visible`);
  const box = await crisis.boundingBox();
  assert.ok(box.y + box.height <= top, `${where}: "Crisis help" is not in the header`);
}

test('item 11: on a 390 × 844 phone the header is compact, the primary action is on the first screen and targets are 44 px', { timeout: 360_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-phone', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await signIn(page, 'sam.patel@demo.rapport.test', server.password);
  await expectPath(page, '/home', 'sign-in');
  await j.check('home');
  await expectCompactHeader(page, '/home');
  await expectTallTargets(page, '/home');
  await keepScreenshot(page, 'phone-home');

  await j.goto('/checkin', 'check-in');
  await expectCompactHeader(page, '/checkin');
  await expectTallTargets(page, '/checkin');
  const save = await page.getByRole('button', { name: 'Save check-in', exact: true }).boundingBox();
  assert.ok(save.y + save.height <= PHONE.height, `/checkin: "Save check-in" ends at ${save.y + save.height}px, below the first screen`);
  const moods = await page.locator('fieldset#mood label.choice').evaluateAll((labels) => labels.map((l) => l.getBoundingClientRect().toJSON()));
  assert.equal(moods.length, 11);
  const rows = new Set(moods.map((m) => Math.round(m.top)));
  assert.equal(rows.size, 1, `the mood scale wraps into ${rows.size} rows`);
  for (const [n, m] of moods.entries()) {
    assert.ok(m.width >= SCALE_MIN_WIDTH_PX && m.height >= TARGET_MIN_PX, `mood ${n} is ${m.width}×${m.height}px`);
  }
  await keepScreenshot(page, 'phone-checkin');

  // The menu opens, and every place in it can be reached.
  const menu = page.locator('header summary', { hasText: 'Menu' });
  assert.equal(await menu.count(), 1, 'no "Menu" in the phone header');
  await menu.click();
  for (const name of ['Home', 'Check in', 'Sessions', 'Progress', 'Account']) {
    assert.ok(await page.getByRole('navigation').getByRole('link', { name, exact: true }).isVisible(), `the menu has no "${name}"`);
  }
  await expectTallTargets(page, '/checkin with the menu open');
  await keepScreenshot(page, 'phone-menu');
  await menu.click();

  await j.goto('/sessions', 'sessions');
  await expectCompactHeader(page, '/sessions');
  await expectTallTargets(page, '/sessions');
  const ask = page.locator('summary', { hasText: 'Ask for another time' }).first();
  assert.ok((await ask.boundingBox()).height >= TARGET_MIN_PX, '"Ask for another time" is too small to tap');
  await keepScreenshot(page, 'phone-sessions');

  await j.goto('/measures/phq9', 'phq9');
  await expectCompactHeader(page, '/measures/phq9');
  await expectTallTargets(page, '/measures/phq9');
  await j.goto('/safety-plan', 'safety plan');
  await expectCompactHeader(page, '/safety-plan');
  await expectTallTargets(page, '/safety-plan');
  await signOut(page);

  // A client with warning signs of their own and the question about self-harm: a longer form,
  // and still the save button on the first screen.
  await signIn(page, 'alex.morgan@demo.rapport.test', server.password);
  await expectPath(page, '/home', 'sign-in');
  await j.goto('/checkin', 'check-in with warning signs');
  assert.ok((await page.getByRole('checkbox').count()) >= 1, 'Alex Morgan has no warning signs to tick');
  await expectTallTargets(page, '/checkin with warning signs');
  const saveToo = await page.getByRole('button', { name: 'Save check-in', exact: true }).boundingBox();
  assert.ok(saveToo.y + saveToo.height <= PHONE.height, `/checkin with warning signs: "Save check-in" ends at ${saveToo.y + saveToo.height}px`);
  await signOut(page);
  await j.finish();
});
