// Outcome reports: the demo's practice lead, Dr. Maya Okafor, opens Outcomes from her menu,
// reads the headline figures, opens the table behind the rates chart, narrows the report to
// one clinician, and downloads the CSV; Daniel Reyes, who is not a lead, sees his own clients
// only, on a phone, with no clinician to pick.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { keepScreenshot, launchBrowser, openJourney, signInDemoStaff, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('reports');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const LEAD = 'maya.okafor@demo.rapport.test';
const CLINICIAN = 'daniel.reyes@demo.rapport.test';

test('a practice lead reads the outcome report, its table and its CSV', { timeout: 300_000 }, async () => {
  const lead = server.accounts.find((a) => a.email === LEAD);
  assert.match(lead.line, /practice lead/, 'the printed sign-ins say who the practice lead is');

  const m = await openJourney(browser, server, 'reports-lead');
  await signInDemoStaff(m.page, LEAD, server.password);
  await m.page.getByRole('link', { name: 'Outcomes' }).first().click();
  await m.page.waitForURL('**/reports/outcomes');
  await m.check('outcomes of the whole practice');
  assert.equal(await m.page.getByRole('heading', { level: 1 }).innerText(), 'Outcomes');
  const lead_text = await m.page.locator('main').innerText();
  assert.match(lead_text, /Episodes of the whole practice from \d{1,2} [A-Z][a-z]+ \d{4} to \d{1,2} [A-Z][a-z]+ \d{4}/);
  const finished = Number(await m.page.locator('.report-headline li').first().locator('.report-figure').innerText());
  assert.ok(finished > 0, 'the demo has finished episodes to count');
  assert.match(lead_text, /Recovery:\s*\d+ of \d+ \(\d+ %\); 95 % interval \d+ % to \d+ %/);
  await keepScreenshot(m.page, 'reports-outcomes');

  // The chart's table alternative.
  const rates = m.page.locator('section', { has: m.page.getByRole('heading', { name: 'Rates' }) });
  assert.equal(await rates.getByRole('img').count(), 1, 'the rates chart is an image with a name');
  await rates.getByText('Show as a table').click();
  const table = rates.getByRole('table');
  assert.ok(await table.isVisible());
  assert.match(await table.innerText(), /Reliable deterioration/);
  assert.ok(await m.page.getByRole('table', { name: /By clinician/ }).isVisible());

  // One clinician's clients.
  await m.page.getByText('Change the period or clinician').click();
  const picker = m.page.getByLabel('Clinician', { exact: true });
  const daniel = await picker.locator('option', { hasText: 'Daniel Reyes' }).first().getAttribute('value');
  await picker.selectOption(daniel);
  await submit(m.page, 'Show');
  assert.match(await m.page.locator('main').innerText(), /Episodes of Daniel Reyes\b[^\n]*'s clients/);
  await m.check('outcomes of one clinician');

  // The CSV of the same report.
  const [download] = await Promise.all([
    m.page.waitForEvent('download'),
    m.page.getByRole('link', { name: 'Download as CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^outcomes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'section,group,measure,numerator,denominator,rate,ci_low,ci_high');
  assert.ok(lines.some((l) => /^rate,all,recovery,\d+,\d+,/.test(l)), csv);
  await signOut(m.page);
  await m.finish();

  // A clinician who is not a lead, on a phone: his own clients, nobody to pick.
  const d = await openJourney(browser, server, 'reports-clinician', { phone: true });
  await signInDemoStaff(d.page, CLINICIAN, server.password);
  await d.goto('/reports/outcomes', 'own outcomes on a phone');
  assert.match(await d.page.locator('main').innerText(), /Episodes of your clients/);
  assert.equal(await d.page.getByLabel('Clinician', { exact: true }).count(), 0);
  // A date that is no date is named, and what was typed stays.
  await d.goto('/reports/outcomes?from=2026-02-30', 'a bad date');
  assert.match(await d.page.locator('main').innerText(), /Give a date as YYYY-MM-DD/);
  await signOut(d.page);
  await d.finish();
});
