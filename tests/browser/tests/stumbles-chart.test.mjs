// Issue 23, items 3, 4 and 7: what clinicians stumbled on on a client's chart. One test per
// item; each failed on the code before the fix.
//  3. Times mixed on one page: an alert said 17:09 where the timeline said 11:09, and the
//     session-feedback table was a day off. On the chart every alert opens at the time the
//     timeline gives it, and every feedback date is a feedback day of the timeline.
//  4. Clinicians could not open a measure: every /results/{id} link of the timeline answered
//     "You do not have access to this page". The care team reads item 9 first, every answer
//     with its question, the score, the band and the change since the one before.
//  7. The chart was one long page: a summary at the top (latest PHQ-9 with its date, open
//     alerts, next session) inside the first 1280 × 900 screen, a jump list whose links each
//     bring their section into view, and a way back from the safety plan to the chart.
// With UPDATE_SCREENSHOTS=1 the pages touched are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, expectPath, fill, keepScreenshot, launchBrowser, openJourney, pathOf, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const MAYA = 'maya.okafor@demo.rapport.test';

let server;
let browser;

before(async () => {
  server = await startDemoServer('stumbles-chart');
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

/** The chart of Maya's most urgent client with an open alert, `?timeline=all` when asked. */
async function urgentChart(page, { all = false } = {}) {
  await page.goto('/home');
  const rows = await caseloadRows(page);
  const row = rows.find((r) => r.badges.length > 0);
  assert.ok(row, 'no client of the demo clinician has an open alert');
  await page.goto(all ? `${row.chart}?timeline=all` : row.chart);
  return row;
}

/** Maya's clients from her caseload: name and chart address. */
async function caseload(page) {
  await page.goto('/home');
  return page.locator('table.caseload tbody tr th a').evaluateAll((as) => as.map((a) => ({ name: a.textContent.trim(), chart: a.getAttribute('href') })));
}

test('3: an alert and the timeline give the same time, and the feedback table the same days', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-3-times');
  const { page } = j;
  await signInDemoStaff(page, MAYA, server.password);
  await urgentChart(page, { all: true });
  await j.check('chart with the whole timeline');

  const timeline = await page.locator('.timeline-list li').evaluateAll((lis) => lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
  assert.ok(timeline.length > 10, 'the whole timeline is shown');
  const opened = await page.locator('article.alert').evaluateAll((cards) =>
    cards.map((card) => ({
      kind: card.querySelector('h3')?.textContent.replace(/\s+/g, ' ').trim(),
      opened: card.textContent.match(/Opened (\d{1,2} \w{3} \d{4}, \d{2}:\d{2})/)?.[1],
    })),
  );
  assert.ok(opened.length >= 1, 'no alert card on the chart');
  for (const a of opened) {
    assert.ok(a.opened, `${a.kind}: no "Opened" time`);
    const line = timeline.find((l) => l.startsWith(`${a.opened} `) && /Alert \(/.test(l));
    assert.ok(line, `${a.kind} opened ${a.opened}, but the timeline has no alert at that time:\n  ${timeline.filter((l) => /Alert \(/.test(l)).join('\n  ')}`);
  }

  const feedbackDays = await page
    .getByRole('region', { name: 'Session feedback' })
    .locator('tbody tr th')
    .evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
  assert.ok(feedbackDays.length >= 1, 'the demo client has no session feedback');
  const timelineFeedbackDays = timeline.filter((l) => /Session feedback/.test(l)).map((l) => l.split(',')[0]);
  for (const day of feedbackDays) {
    assert.ok(timelineFeedbackDays.includes(day.split(',')[0]), `the feedback table says ${day}; the timeline's feedback days are ${timelineFeedbackDays.join(', ')}`);
  }
  await signOut(page);
  await j.finish();
});

test('4: the care team opens a questionnaire from the timeline: item 9 first, every answer, score, band, change', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-4-measure');
  const { page } = j;
  await signInDemoStaff(page, MAYA, server.password);
  const [client] = await caseload(page);
  await page.goto(`${client.chart}?timeline=all`);
  const links = await page.locator('a[href^="/results/"]').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.closest('li')?.textContent.replace(/\s+/g, ' ').trim() || a.textContent })));
  const phq9 = links.filter((l) => /PHQ-9/.test(l.text));
  assert.ok(phq9.length >= 2, `the timeline links no two PHQ-9s: ${JSON.stringify(links.slice(0, 5))}`);
  const response = await page.goto(phq9[0].href);
  assert.equal(response.status(), 200, `${phq9[0].href} answered ${response.status()}`);
  const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.doesNotMatch(main, /do not have access/i);
  await j.check('a PHQ-9 for the care team');
  await keepScreenshot(page, 'clinician-measure-result');
  assert.match(await page.locator('h1').innerText(), new RegExp(`PHQ-9.*${client.name}`));
  const item9 = main.indexOf('better off dead');
  const item1 = main.indexOf('Little interest or pleasure');
  assert.ok(item9 >= 0 && item1 >= 0, `the page does not show item 9 and item 1 with their questions: ${main.slice(0, 600)}`);
  assert.ok(item9 < item1, 'item 9 is not shown first');
  const rows = await page.getByRole('table', { name: /answers/i }).locator('tbody tr').count();
  assert.ok(rows >= 9, `the answers table has ${rows} rows`);
  assert.match(main, /out of 27/);
  assert.match(main, /(Minimal|Mild|Moderate|Moderately severe|Severe)/);
  assert.match(main, /Since the one before|first PHQ-9/i);
  // The client's own page is not what a clinician is shown: no "Your result".
  assert.doesNotMatch(main, /Your (Patient Health Questionnaire \(PHQ-9\)|PHQ-9) result/);
  await signOut(page);
  await j.finish();
});

test('7: the chart opens on a summary, jumps to each section, and the safety plan leads back', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'stumbles-7-chart');
  const { page } = j;
  await signInDemoStaff(page, MAYA, server.password);
  const row = await urgentChart(page);
  await j.check('chart');
  await keepScreenshot(page, 'clinician-chart-summary');

  const summary = page.getByRole('region', { name: 'Summary' });
  assert.equal(await summary.count(), 1, 'no region named "Summary" on the chart');
  const text = (await summary.innerText()).replace(/\s+/g, ' ');
  assert.match(text, /PHQ-9 \d+\b.*?\d{1,2} \w{3} \d{4}/, `the summary has no latest PHQ-9 with its date: ${text}`);
  assert.match(text, /Open alerts/i, 'the summary does not give the open alerts');
  assert.match(text, new RegExp(row.badges[0].text.split(':').pop().trim(), 'i'), 'the summary does not name the open alert');
  assert.match(text, /Next session.*?\d{1,2} \w{3} \d{4}, \d{2}:\d{2}/, `the summary has no next session: ${text}`);
  assert.match(text, /Notes to write/i, 'the summary has no notes still to write');
  for (const part of [/PHQ-9 \d+/, /Open alerts/i, /Next session/i]) {
    const box = await summary.getByText(part).first().boundingBox();
    assert.ok(box && box.y + box.height <= DESKTOP.height, `${part} is below the first screen (${box && Math.round(box.y)} px)`);
  }

  const jump = page.getByRole('navigation', { name: 'On this page' });
  assert.equal(await jump.count(), 1, 'no jump list ("On this page")');
  const targets = await jump.getByRole('link').evaluateAll((as) => as.map((a) => ({ name: a.textContent.trim(), href: a.getAttribute('href') })));
  const needed = ['Alerts', 'Sessions', 'Timeline', 'Session feedback', 'Notes to write'];
  for (const name of needed) assert.ok(targets.some((t) => t.name.startsWith(name)), `the jump list has no "${name}"`);
  for (const t of targets) {
    assert.match(t.href, /^#[\w-]+$/, `${t.name}: ${t.href} is not a jump on the page`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await jump.getByRole('link', { name: t.name, exact: true }).click();
    await page.waitForFunction((h) => window.location.hash === h, t.href);
    // Scrolling may be smooth: wait for the section to come into view.
    const arrived = await page
      .waitForFunction((h) => {
        const top = document.querySelector(h)?.getBoundingClientRect().top;
        return top !== undefined && top >= -1 && top < window.innerHeight - 50;
      }, t.href, { timeout: 5_000 })
      .then(() => true, () => false);
    const top = await page.locator(t.href).evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(arrived, `"${t.name}" left ${t.href} at ${Math.round(top)} px from the top of the screen`);
  }

  // The safety plan leads back to the chart.
  await page.goto(`${row.chart}/safety-plan`);
  const back = page.getByRole('link', { name: new RegExp(`chart`, 'i') }).filter({ hasText: row.name.split(' ')[0] });
  assert.ok((await back.count()) >= 1, 'the safety plan has no link back to the chart');
  assert.equal(await back.first().getAttribute('href'), row.chart);
  await j.check('safety plan with the way back');
  await back.first().click();
  await expectPath(page, row.chart, 'the way back from the safety plan');
  await signOut(page);
  await j.finish();
});
