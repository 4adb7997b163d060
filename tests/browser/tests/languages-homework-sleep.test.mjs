// Languages (issue 21): the sleep homework in Spanish. A new client saves Spanish on /account,
// finds the sleep diary and the sleep window among the exercises to start on their own (their
// names and purposes), starts a sleep diary and writes a night: the form, and the night as
// read back, have no English left; <html lang="es">; axe-core finds no serious violation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { axeCheck } from '../lib/axe.mjs';
import { expectPath, fill, launchBrowser, openJourney, pathOf, submit } from '../lib/browser.mjs';
import { englishLeftovers, formatLeftovers } from '../lib/language.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('languages-homework-sleep');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function checkSpanish(page, label, failures) {
  await page.waitForLoadState('load');
  const where = `${label} (${pathOf(page)})`;
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== 'es') failures.push(`${where}: <html lang="${lang}">`);
  const left = await englishLeftovers(page, { allow: ['Rapport'] });
  if (left.length) failures.push(formatLeftovers(where, left));
  const { failures: found, report } = await axeCheck(page, where);
  if (found.length) failures.push(report);
}

test('a Spanish client writes a night in the sleep diary with no English left', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'languages-homework-sleep', { phone: true });
  const { page } = j;
  const failures = [];
  await page.goto('/signup');
  await fill(page, 'Your name', 'Lucía Marín');
  await fill(page, 'E-mail address', `lucia.${Date.now()}@example.org`);
  await fill(page, 'Password', 'noches largas de invierno');
  const boxes = page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  await submit(page, 'Create account');
  await expectPath(page, '/home', 'after creating an account');
  await page.goto('/account');
  await page.getByLabel('Español').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\?done=language/);

  await page.goto('/homework');
  const own = page.locator('#kind');
  assert.match(await own.innerText(), /Diario de sueño/);
  assert.match(await own.innerText(), /Horario de sueño/);
  await checkSpanish(page, 'homework list', failures);
  await page.locator('input[name="kind"][value="sleep_diary"]').check();
  await page.getByRole('button', { name: 'Empezar', exact: true }).click();
  await page.waitForURL(/\/homework\/[0-9a-f-]+$/);
  assert.ok((await page.getByLabel('Me acosté a las').count()) >= 1, 'the bedtime is asked in Spanish');
  await checkSpanish(page, 'the sleep diary form', failures);

  const today = new Date().toISOString().slice(0, 10);
  await page.locator('[name="nights[0].day"]').fill(today);
  await page.locator('[name="nights[0].bedtime"]').fill('23:00');
  await page.locator('[name="nights[0].minutes_to_fall_asleep"]').fill('20');
  await page.locator('[name="nights[0].awake_minutes"]').fill('10');
  await page.locator('[name="nights[0].wake_time"]').fill('06:30');
  await page.locator('[name="nights[0].rise_time"]').fill('07:00');
  await page.getByRole('button', { name: 'Terminé' }).click();
  await page.waitForLoadState('load');
  await checkSpanish(page, 'the night as sent', failures);
  assert.match(await page.locator('main').innerText(), /Noche 1/);
  await j.finish();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
