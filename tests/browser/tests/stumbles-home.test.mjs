// Issue 23, items 6 and 12: the two home pages. One test per item; each failed on the code
// before the fix.
//  6. The caseload contradicted itself: "on track" beside a high alert, badges that could not
//     be clicked, the next-session column cut off. Each row gives a one-line reason, each
//     badge opens its alert, progress never reads "on track" beside an open alert, and the
//     table fits a 1280 px screen.
// 12. A new client saw four questionnaires at once and the intake under "Your plans", and lost
//     what was typed when sign-up failed: every field but the password is kept (and the page
//     says why the password is not), the intake is the one next step until sent, then one
//     questionnaire at a time ("1 of 4").
// With UPDATE_SCREENSHOTS=1 the pages touched are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, expectPath, fill, keepScreenshot, launchBrowser, openJourney, pathOf, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const MAYA = 'maya.okafor@demo.rapport.test';

let server;
let browser;

before(async () => {
  server = await startDemoServer('stumbles-home');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Maya's caseload: each row's name, chart address, badge links and cell texts. */
async function caseloadRows(page) {
  return page.locator('table.caseload tbody tr').evaluateAll((rows) =>
    rows.map((tr) => {
      const cells = [...tr.children];
      const head = cells[0];
      const name = head.querySelector('a');
      return {
        name: name?.textContent.trim(),
        chart: name?.getAttribute('href'),
        reason: head.querySelector('.reason')?.textContent.replace(/\s+/g, ' ').trim() || '',
        badges: [...cells[1].querySelectorAll('.badge')].map((b) => ({
          text: b.textContent.trim(),
          href: b.closest('a')?.getAttribute('href') || null,
        })),
        cells: cells.map((c) => c.innerText.replace(/\s+/g, ' ').trim()),
      };
    }),
  );
}

test('6: each caseload row says why in one line, its badges open the alerts, and progress never reassures beside one', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-6-caseload');
  const { page } = j;
  await signInDemoStaff(page, MAYA, server.password);
  await j.goto('/home', 'caseload');
  await keepScreenshot(page, 'clinician-caseload');

  // The whole table fits the screen: nothing, the next session least of all, is cut off.
  const fit = await page.locator('table.caseload').evaluate((table) => {
    const wrap = table.closest('.table-wrap') || table.parentElement;
    const last = [...table.querySelectorAll('tbody tr td:last-child')].map((td) => td.getBoundingClientRect().right);
    return { scroll: wrap.scrollWidth, client: wrap.clientWidth, right: wrap.getBoundingClientRect().right, lastRight: Math.max(...last) };
  });
  assert.ok(fit.scroll <= fit.client, `the caseload scrolls sideways at ${DESKTOP.width} px: ${fit.scroll} px of table in ${fit.client} px`);
  assert.ok(fit.lastRight <= fit.right + 1, 'the next-session column is cut off');

  const rows = await caseloadRows(page);
  assert.ok(rows.length >= 3, 'the demo clinician has a caseload');
  const header = await page.locator('table.caseload thead th').allInnerTexts();
  const progress = header.findIndex((h) => /progress/i.test(h));
  assert.ok(progress > 0, 'no Progress column');
  for (const r of rows) {
    assert.ok(r.reason.length > 0, `${r.name}: no one-line reason on the row`);
    const lines = await page.locator('table.caseload tbody tr', { hasText: r.name }).first().locator('.reason').evaluate((el) => {
      const style = getComputedStyle(el);
      return Math.round(el.getBoundingClientRect().height / parseFloat(style.lineHeight));
    });
    assert.equal(lines, 1, `${r.name}: the reason takes ${lines} lines`);
    if (r.badges.length === 0) continue;
    assert.doesNotMatch(r.cells[progress].replace(/not on track/gi, ''), /on track/i, `${r.name}: "${r.cells[progress]}" beside ${r.badges.map((b) => b.text).join(', ')}`);
    for (const b of r.badges) assert.ok(b.href, `${r.name}: the badge "${b.text}" is not a link`);
  }

  // A badge opens its alert: the chart, scrolled to that alert's card.
  const flagged = rows.find((r) => r.badges.length > 0);
  assert.ok(flagged, 'no client with an open alert in the demo caseload');
  const badge = page.locator('table.caseload tbody tr', { hasText: flagged.name }).first().locator('a.badge').first();
  await badge.click();
  await page.waitForLoadState('load');
  const hash = new URL(page.url()).hash;
  assert.match(hash, /^#alert-/, `the badge led to ${page.url()}`);
  const card = page.locator(`[id="${hash.slice(1)}"]`);
  assert.equal(await card.count(), 1, `no ${hash} on ${pathOf(page)}`);
  // The page scrolls to it (smoothly, where motion is not reduced).
  const arrived = await page
    .waitForFunction((id) => {
      const top = document.getElementById(id)?.getBoundingClientRect().top;
      return top !== undefined && top >= 0 && top < window.innerHeight - 50;
    }, hash.slice(1), { timeout: 5_000 })
    .then(() => true, () => false);
  const top = await card.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(arrived, `the alert is ${Math.round(top)} px from the top of the screen`);
  await j.check('alert opened from the caseload');
  await signOut(page);
  await j.finish();
});

test('12: sign-up keeps what was typed but the password, and a new client gets one next step at a time', { timeout: 300_000 }, async () => {
  const person = { name: 'Wren Albers', email: `wren.${Date.now()}@example.org`, password: 'lilac river morning' };
  const j = await openJourney(browser, server, 'stumbles-12-new-client', { phone: true });
  const { page } = j;
  await page.goto('/signup');
  await fill(page, 'Your name', person.name);
  await fill(page, 'E-mail address', person.email);
  await fill(page, 'Password', person.password);
  // The agreement left unticked: refused for that alone.
  await submit(page, 'Create account');
  assert.equal(pathOf(page), '/signup', 'sign-up went through without the agreement');
  assert.equal(await page.getByLabel('Your name', { exact: true }).inputValue(), person.name, 'the name is lost');
  assert.equal(await page.getByLabel('E-mail address', { exact: true }).inputValue(), person.email, 'the e-mail address is lost');
  const password = page.locator('input[type="password"]');
  assert.equal(await password.inputValue(), '', 'the password came back in the page');
  const said = (await page.getByRole('main').innerText()).replace(/\s+/g, ' ');
  assert.match(said, /for your safety, type your password again/i, 'nothing says why the password is empty');
  await j.check('sign-up refused, typed text kept');
  await keepScreenshot(page, 'signup-kept');

  await password.fill(person.password);
  const boxes = page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) if (!(await boxes.nth(i).isChecked())) await boxes.nth(i).check();
  await submit(page, 'Create account');
  await expectPath(page, '/home', 'after creating an account');

  // One next step: the intake, and no questionnaire yet.
  const main = page.getByRole('main');
  const step = main.locator('#next-step');
  assert.equal(await step.count(), 1, 'no next step on the home page');
  const stepLinks = await step.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(stepLinks, ['/intake'], `the next step is not the intake alone: ${stepLinks}`);
  assert.equal(await main.locator('a[href^="/measures/"]').count(), 0, 'questionnaires are offered before the intake');
  await j.check('new client home: the intake first');
  await keepScreenshot(page, 'client-home-intake-first');

  await step.getByRole('link').first().click();
  await expectPath(page, '/intake', 'the next step');
  await page.getByLabel('What brings you to therapy now?', { exact: true }).fill('Low since the move; I stay in.');
  await page.getByRole('group', { name: 'Have you had therapy or counselling before?' }).getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByLabel('What would you like to be different after therapy?', { exact: true }).fill('To see friends again.');
  await submit(page, 'Send to my care team');
  await page.goto('/home');

  // Then one questionnaire at a time: the first of four.
  const next = await main.locator('#next-step').innerText();
  assert.match(next, /1 of 4/, `the next step does not say "1 of 4": ${next}`);
  const offered = await main.locator('a[href^="/measures/"], #next-step a[href="/checkin"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(offered.length, 1, `more than one questionnaire is offered: ${offered}`);
  await j.check('new client home: one questionnaire');
  await keepScreenshot(page, 'client-home-one-step');
  await signOut(page);
  await j.finish();
});
