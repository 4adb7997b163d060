// Languages (issue 21): a demo clinician who saved Spanish on /account reads their daily pages
// in Spanish: the caseload, a chart, alerts, a session and its progress note, a questionnaire,
// a risk assessment, the sessions list, scheduling a session, messages and office hours; then
// Alex Morgan's chart in full (every line of the timeline, homework she assigns there with its
// origin, the charts, Jess's observation, the intake's questions) and a record she opens in an
// emergency (its intake, plans and timeline).
// On each: <html lang="es">, axe-core with no serious violation, and no English left
// (`englishLeftovers`; what people wrote is marked translate="no" in the templates).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeCheck } from '../lib/axe.mjs';
import { keepScreenshot, launchBrowser, openJourney, pathOf, signInDemoStaff } from '../lib/browser.mjs';
import { englishLeftovers, formatLeftovers } from '../lib/language.mjs';
import { startDemoServer } from '../lib/server.mjs';

const MAYA = 'maya.okafor@demo.rapport.test';
/** Maya's client with a family member's observation (Jess, from the demo). */
const ALEX = 'Alex Morgan';
/** Daniel Reyes's client: not Maya's, so she opens his record in an emergency. */
const SAM = 'sam.patel@demo.rapport.test';

/** Text that is right as it is in Spanish: product and instrument names, numbers, codes. */
const ALLOW = [/^Rapport$/, 'PHQ-9', 'GAD-7', 'WHO-5', 'FIBSER', /\b\d{1,2} may\b/];

let server;
let browser;

before(async () => {
  server = await startDemoServer('languages-clinician');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** <html lang="es">, axe, and English leftovers on the page as it is now. */
async function checkSpanish(page, label, failures) {
  const where = `es ${label} (${pathOf(page)})`;
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== 'es') failures.push(`${where}: <html lang="${lang}">`);
  const { failures: found, report } = await axeCheck(page, where);
  if (found.length) failures.push(report);
  const leftovers = await englishLeftovers(page, { allow: ALLOW });
  if (leftovers.length) failures.push(formatLeftovers(where, leftovers));
}

/** Markup shown as text (a message's HTML escaped twice) on the page. */
async function markupAsText(page, where, failures) {
  const text = await page.locator('main').innerText();
  if (/<\/?span|&lt;|&#\d+;/.test(text)) failures.push(`${where}: markup shown as text`);
}

/** The first link's address matching `selector` on the page, or null. */
async function firstHref(page, selector) {
  const link = page.locator(selector).first();
  return (await link.count()) ? link.getAttribute('href') : null;
}

test('a clinician who saved Spanish reads the daily pages in Spanish', { timeout: 600_000 }, async () => {
  const j = await openJourney(browser, server, 'languages-clinician', { phone: false });
  const { page } = j;
  const failures = [];
  await signInDemoStaff(page, MAYA, server.password);

  await page.goto('/account');
  await page.getByLabel('Español').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\?done=language/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');

  // The caseload.
  await page.goto('/home');
  assert.ok((await page.getByRole('heading', { name: 'Sus clientes' }).count()) === 1, 'no Spanish caseload heading');
  await checkSpanish(page, 'caseload', failures);
  await keepScreenshot(page, 'languages-es-clinician-caseload');

  // The chart of the most urgent client with an alert.
  const chart = await page.locator('table.caseload tbody tr').evaluateAll((rows) => {
    const row = rows.find((tr) => tr.querySelector('td.alerts .badge')) || rows[0];
    return row?.querySelector('th a')?.getAttribute('href') || null;
  });
  assert.ok(chart, 'no client on the demo caseload');
  await page.goto(chart);
  await checkSpanish(page, 'chart', failures);
  await keepScreenshot(page, 'languages-es-clinician-chart');
  const topics = new Set(await timelineTopics(page));
  const result = await firstHref(page, '#summary a[href^="/results/"]');

  // Alerts.
  await page.goto('/alerts');
  await checkSpanish(page, 'alerts', failures);

  // A questionnaire as the care team reads it.
  if (result) {
    await page.goto(result);
    await checkSpanish(page, 'questionnaire', failures);
  } else {
    failures.push('the chart links no questionnaire');
  }

  // The risk assessment form.
  await page.goto(`${chart}/risk-assessment`);
  await checkSpanish(page, 'risk assessment', failures);

  // Scheduling a session.
  await page.goto(`${chart}/sessions/new`);
  await checkSpanish(page, 'schedule a session', failures);

  // The sessions list, earlier sessions too, a session and its progress note.
  await page.goto('/sessions?earlier=1');
  await checkSpanish(page, 'sessions', failures);
  const session = await firstHref(page, 'li.session a[href^="/sessions/"]');
  if (session) {
    await page.goto(session);
    await checkSpanish(page, 'session', failures);
    const note = await firstHref(page, 'a[href*="/notes/"]');
    if (note) {
      await page.goto(note);
      await checkSpanish(page, 'progress note', failures);
    } else {
      failures.push('the session links no progress note');
    }
  } else {
    failures.push('no session on /sessions?earlier=1');
  }

  // Messages and office hours.
  await page.goto('/messages');
  await checkSpanish(page, 'messages', failures);
  await page.goto('/settings/office-hours');
  await checkSpanish(page, 'office hours', failures);

  for (const t of await alexChart(page, failures)) topics.add(t);
  // Every kind of line, between the two charts.
  for (const topic of ['measure', 'flag', 'session', 'note', 'plan', 'goal', 'episode', 'intake']) {
    if (!topics.has(`topic-${topic}`)) failures.push(`no ${topic} line on the timelines: ${[...topics]}`);
  }
  await emergencyRecord(page, failures);

  await j.finish();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});

/** The kinds of line on the chart's timeline (`topic-…`). */
async function timelineTopics(page) {
  return page.locator('#timeline li').evaluateAll((lis) => [...new Set(lis.map((li) => li.className))]);
}

/**
 * Alex's chart: Maya sets a goal and rates it, assigns a thought record, then reads the whole
 * chart. Returns the kinds of line on its timeline.
 */
async function alexChart(page, failures) {
  await page.goto('/home');
  const chart = await firstHref(page, `table.caseload a:has-text("${ALEX}")`);
  assert.ok(chart, `${ALEX} is not on Maya's caseload`);
  await page.goto(`${chart}/goals`);
  await page.locator('input[name="title"]').fill('Caminar dos veces por semana');
  await page.locator('textarea[name="success"], input[name="success"]').fill('Dos paseos por semana');
  await page.locator(`form[action$="/goals"] button[type="submit"]`).click();
  await page.locator('form[action$="/progress"] input[name="rating"][value="6"]').first().check();
  await page.locator('form[action$="/progress"] button[type="submit"]').first().click();
  await page.waitForLoadState();
  await page.goto(chart);
  await page.locator('#kind').selectOption('thought_record');
  await page.locator('form[action$="/homework"] button[type="submit"]').click();
  await page.waitForURL(/done=homework/);
  await page.goto(`${chart}?timeline=all`);

  const topics = await timelineTopics(page);
  const origins = await page.locator('#homework .homework-item > p.muted').allInnerTexts();
  if (!origins.some((o) => /^Asignada el \d+ \p{L}+ \d{4}/u.test(o))) failures.push(`no homework origin in Spanish: ${origins}`);
  if ((await page.locator('#observations li p', { hasText: 'Notaron:' }).count()) === 0) failures.push('no family observation with signs');
  const questions = await page.locator('#intake dt').allInnerTexts();
  if (!questions.includes('Qué le trae ahora')) failures.push(`the intake's questions: ${questions}`);
  if ((await page.locator('#charts svg').count()) === 0) failures.push('no chart drawn');
  await checkSpanish(page, `${ALEX}'s whole chart`, failures);
  await markupAsText(page, `${ALEX}'s whole chart`, failures);
  await keepScreenshot(page, 'languages-es-clinician-chart-full');
  return topics;
}

/** A record Maya opens in an emergency: Sam is not her client. */
async function emergencyRecord(page, failures) {
  await page.goto('/emergency-access');
  await page.locator('#query').fill(SAM);
  await page.locator('form[action="/emergency-access/search"] button[type="submit"]').click();
  await page.locator('#found textarea[name="reason"]').fill('Su hermana llamó: está confuso en la estación y urgencias pregunta qué toma.');
  await page.locator('form[action="/emergency-access/open"] button[type="submit"]').click();
  await page.waitForURL(/\/clients\//);
  if ((await page.locator('#emergency-banner').count()) === 0) failures.push('the emergency record has no banner');
  if ((await page.locator('#intake dt').count()) === 0) failures.push('the emergency record shows no intake');
  if ((await page.locator('#timeline li').count()) === 0) failures.push('the emergency record shows no timeline');
  await checkSpanish(page, 'emergency record', failures);
  await markupAsText(page, 'emergency record', failures);
  await keepScreenshot(page, 'languages-es-clinician-emergency-record');
}
