// Languages (issue 21) on the therapist directory: a demo clinician saves Spanish on /account
// and opens her own directory profile (and sends it back with a place code that is no code),
// the directory (all of it, a search that finds nobody with its wider searches, a fee that is
// no number) and her public profile page. Every page says <html lang="es">, axe-core finds no
// serious violation and no English is left on it (names, statements, places and insurance
// plans that people wrote are marked translate="no").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { axeCheck } from '../lib/axe.mjs';
import { launchBrowser, openJourney, pathOf, screenshot, signInDemoStaff } from '../lib/browser.mjs';
import { englishLeftovers, formatLeftovers } from '../lib/language.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('languages-therapists');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PRIYA = 'priya.natarajan@demo.rapport.test';

/** Right as they are in Spanish too: the product, credentials' letters, place codes. */
const ALLOW = ['Rapport', 'SAMHSA', 'NAMI', 'FindTreatment.gov'];

async function chooseSpanish(page) {
  await page.goto('/account');
  await page.getByLabel('Español').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\?done=language/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
}

async function checkSpanish(page, label, failures) {
  await page.waitForLoadState('load');
  const where = `${label} (${pathOf(page)})`;
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== 'es') failures.push(`${where}: <html lang="${lang}">`);
  await screenshot(page, join(ARTIFACTS, `languages-therapists-${label.replace(/[^a-z0-9]+/gi, '-')}.png`));
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const left = await englishLeftovers(page, { allow: ALLOW });
  if (left.length) failures.push(formatLeftovers(where, left));
  const { failures: found, report } = await axeCheck(page, where);
  if (found.length) failures.push(report);
}

test('a clinician sees her directory profile, the directory and her public page in Spanish', { timeout: 600_000 }, async () => {
  const j = await openJourney(browser, server, 'languages-therapists', { phone: true });
  const { page } = j;
  const failures = [];
  await signInDemoStaff(page, PRIYA, server.password);
  await chooseSpanish(page);

  await page.goto('/me/profile');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Su perfil en el directorio');
  assert.match(await page.locator('#check-heading + p').innerText(), /Licencia comprobada el \d{1,2} [a-z]+ \d{4}/);
  assert.ok(await page.getByRole('checkbox', { name: 'Terapia psicodinámica' }).isChecked(), 'her approaches are ticked, in Spanish');
  await checkSpanish(page, 'her profile', failures);

  // A place code that is no code: refused in Spanish, what she typed kept.
  await page.getByLabel('Dónde puede ejercer').fill('Illinois');
  await page.getByRole('button', { name: 'Guardar el perfil' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.error-summary').innerText(), /«Illinois» no es un código de lugar/);
  assert.equal(await page.getByLabel('Dónde puede ejercer').inputValue(), 'Illinois');
  await checkSpanish(page, 'her profile with an error', failures);

  await page.goto('/therapists');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Encuentra terapeuta');
  assert.match(await page.locator('#results-heading').innerText(), /^\d+ terapeutas?$/);
  await checkSpanish(page, 'the directory', failures);

  // A search that finds nobody: the wider searches and other places to look.
  await page.goto('/therapists?approach=cbasp&mode=phone&max_fee=1');
  assert.equal(await page.locator('#results-heading').innerText(), 'Ningún terapeuta coincide');
  assert.ok((await page.getByRole('link', { name: /^Sin «/ }).count()) >= 2, 'no wider searches');
  await checkSpanish(page, 'the directory: nobody found', failures);

  // A fee that is no number.
  await page.goto('/therapists?max_fee=mucho');
  assert.match(await page.locator('.error-summary').innerText(), /Escribe un número entero/);
  await checkSpanish(page, 'the directory: a fee that is no number', failures);

  await page.goto('/therapists');
  await page.locator('.therapist-card h3 a').first().click();
  await page.waitForURL(/\/therapists\/[0-9a-f-]+$/);
  assert.match(await page.locator('main').innerText(), /Licencia comprobada el/);
  await page.getByRole('link', { name: /^Pide una consulta/ }).first().waitFor();
  await checkSpanish(page, 'a public profile', failures);

  await j.finish();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
