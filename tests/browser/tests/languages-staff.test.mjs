// Languages (issue 21) on the staff pages: the demo administrator and a demo clinician (a
// practice lead) save Spanish on /account and open each page of administration (the licence
// checks too), the outcome report (its dates in Spanish), groups, consultations, emergency
// access and a record opened in an emergency, on a phone; forms sent back with the use-cases'
// errors (a licence check, the audit filter, a crisis line, a group, a report's date) say them
// in Spanish.
// Every page says <html lang="es">, axe-core
// finds no serious violation, and no English is left on it (what people wrote — names, e-mail
// addresses, audit details — is marked translate="no").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { axeCheck } from '../lib/axe.mjs';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, pathOf, screenshot, signInDemoStaff, submit } from '../lib/browser.mjs';
import { englishLeftovers, formatLeftovers } from '../lib/language.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('languages-staff');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const ADMIN = 'admin@demo.rapport.test';
const LEAD = 'maya.okafor@demo.rapport.test';

/** Words that are right as they are in Spanish too. */
const ALLOW = ['Rapport', 'PHQ-9', 'GAD-7', 'WHO-5', 'TOTP', 'CSV', 'SMTP', 'UTC'];

const ADMIN_PAGES = [
  '/admin',
  '/admin/users',
  '/admin/users?q=a',
  '/admin/clinicians',
  '/admin/care-teams',
  '/admin/care-teams?client_q=a',
  '/admin/settings',
  '/admin/triage',
  '/admin/audit',
  '/admin/jobs',
  '/admin/on-call',
  '/admin/emergency-access',
  '/admin/erasure-requests',
];

const CLINICIAN_PAGES = ['/reports/outcomes', '/groups', '/consultations', '/emergency-access'];

/** Saves Spanish on /account (the page is in English until then). */
async function chooseSpanish(page) {
  await page.goto('/account');
  await page.getByLabel('Español').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\?done=language/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');
}

/** <html lang>, axe-core and English left on the page; problems are collected in `failures`. */
async function checkSpanish(j, label, failures) {
  const { page } = j;
  await page.waitForLoadState('load');
  const where = `${label} (${pathOf(page)})`;
  const lang = await page.locator('html').getAttribute('lang');
  if (lang !== 'es') failures.push(`${where}: <html lang="${lang}">`);
  await screenshot(page, join(ARTIFACTS, `languages-staff-${label.replace(/[^a-z0-9]+/gi, '-')}.png`));
  const crisis = page.getByRole('link', { name: 'Ayuda en crisis' });
  if ((await crisis.count()) < 1) failures.push(`${where}: no "Ayuda en crisis" link`);
  // WCAG 1.4.10 reflow: nothing needs sideways scrolling on a phone, in longer words either.
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth + 1) failures.push(`${where}: page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
  // The details (the account's "Manage", "Show as a table") hold text too.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const left = await englishLeftovers(page, { allow: ALLOW });
  if (left.length) failures.push(formatLeftovers(where, left));
  const { failures: found, report } = await axeCheck(page, where);
  if (found.length) failures.push(report);
}

test('the administrator sees every administration page in Spanish', { timeout: 600_000 }, async () => {
  const j = await openJourney(browser, server, 'languages-staff-admin', { phone: true });
  const { page } = j;
  const failures = [];
  await signInDemoStaff(page, ADMIN, server.password);
  await chooseSpanish(page);
  for (const path of ADMIN_PAGES) {
    await page.goto(path);
    if (path === '/admin') {
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Administración');
      await keepScreenshot(page, 'languages-es-staff-admin-hub');
    }
    await checkSpanish(j, path, failures);
  }
  // The search that finds nothing, and a form sent back with what to fix.
  await page.goto('/admin/users?q=zzzzzz');
  assert.equal(await page.locator('#results-heading').innerText(), 'Ninguna cuenta coincide');
  await page.goto('/admin/settings');
  await page.locator('#client_idle_minutes').fill('2');
  await page.getByRole('button', { name: 'Guardar la configuración' }).click();
  await checkSpanish(j, 'settings with an error', failures);
  assert.equal(await page.locator('#client_idle_minutes').inputValue(), '2', 'the form keeps what was typed');
  assert.ok((await page.locator('.error-summary').count()) >= 1, 'no error summary');
  // A crisis line whose country is no code: its line's number and the message, in Spanish.
  await page.goto('/admin/settings');
  await page.locator('#crisis_lines').fill('Mexico | Línea de la Vida | tel:8009112000 | Llamar');
  await page.getByRole('button', { name: 'Guardar la configuración' }).click();
  assert.match(await page.locator('.error-summary').innerText(), /Renglón 1: Use el código de dos letras del país/);
  await checkSpanish(j, 'settings: a crisis line with no country code', failures);
  // The audit log's filter: an end before the start.
  await page.goto('/admin/audit?from=2026-12-05&to=2026-12-01');
  assert.match(await page.locator('main').innerText(), /Indique un final posterior al comienzo/);
  await checkSpanish(j, 'audit: an end before the start', failures);
  // A licence check sent without its number.
  await page.goto('/admin/clinicians');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Comprobación de licencias');
  const card = page.locator('main li.card').first();
  await card.getByLabel('Número de licencia').fill('');
  await card.getByRole('button', { name: /Registrar la comprobación/ }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.error-summary').innerText(), /Escriba el número de licencia/);
  await checkSpanish(j, 'licence checks: no licence number', failures);
  await j.finish();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});

test('a clinician sees the outcome report, groups, consultations and emergency access in Spanish', { timeout: 600_000 }, async () => {
  // A client who signs up in English and has no care team yet.
  const newcomer = { name: 'Iris Vantongeren', email: `iris.${Date.now()}@example.org`, password: 'amber willow harbour' };
  const c = await openJourney(browser, server, 'languages-staff-newcomer');
  await c.page.goto('/signup');
  await fill(c.page, 'Your name', newcomer.name);
  await fill(c.page, 'E-mail address', newcomer.email);
  await fill(c.page, 'Password', newcomer.password);
  const boxes = c.page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  await submit(c.page, 'Create account');
  await expectPath(c.page, '/home', 'after creating an account');
  await c.finish();

  const j = await openJourney(browser, server, 'languages-staff-clinician', { phone: true });
  const { page } = j;
  const failures = [];
  await signInDemoStaff(page, LEAD, server.password);
  await chooseSpanish(page);
  for (const path of CLINICIAN_PAGES) {
    await page.goto(path);
    if (path === '/reports/outcomes') {
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Resultados');
      // The period in Spanish words ("del 6 de diciembre de 2025 al 5 de diciembre de 2026").
      assert.match(await page.locator('.lead').first().innerText(), /del \d{1,2} de [a-z]+ de \d{4} al \d{1,2} de [a-z]+ de \d{4}/);
      assert.doesNotMatch(await page.locator('.lead').first().innerText(), /\d{4}-\d{2}-\d{2}/);
      await keepScreenshot(page, 'languages-es-staff-outcomes');
    }
    await checkSpanish(j, path, failures);
  }
  // A group the clinician leads, made here if the demo has none.
  await page.goto('/groups');
  if ((await page.locator('main h2 a[href^="/groups/"]').count()) === 0) {
    await page.locator('#name').fill('Grupo de TCC');
    await page.locator('#schedule').fill('Miércoles 18:00');
    await page.getByRole('button', { name: 'Crear el grupo' }).click();
    await page.waitForLoadState('load');
    await page.goto('/groups');
  }
  // A group with too many places: refused in Spanish.
  await page.locator('#name').fill('Grupo demasiado grande');
  await page.locator('#capacity').fill('40');
  await page.locator('#schedule').fill('Lunes 18:00');
  await page.getByRole('button', { name: 'Crear el grupo' }).click();
  await page.waitForLoadState('load');
  assert.match(await page.locator('.error-summary').innerText(), /Un grupo tiene de \d+ a \d+ plazas/);
  await checkSpanish(j, 'groups: too many places', failures);
  // The report with a date that is no date.
  await page.goto('/reports/outcomes?from=2026-02-30');
  assert.match(await page.locator('main').innerText(), /Escriba la fecha como AAAA-MM-DD/);
  await checkSpanish(j, 'the report: a date that is no date', failures);
  await page.goto('/groups');
  await page.locator('main h2 a[href^="/groups/"]').first().click();
  await page.waitForURL(/\/groups\/[0-9a-f-]+/);
  await checkSpanish(j, 'a group the clinician leads', failures);
  // Emergency access: a search that finds nobody, answered in Spanish.
  await page.goto('/emergency-access');
  await page.locator('#query').fill('nadie@example.org');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await checkSpanish(j, 'emergency access: nobody found', failures);
  // A new client, not hers: found, a reason too short (the message in Spanish), then the record.
  await page.locator('#query').fill(newcomer.email);
  await page.getByRole('button', { name: 'Buscar' }).click();
  await checkSpanish(j, 'emergency access: the client found', failures);
  const reason = page.getByLabel(`¿Por qué debe abrir ahora la historia de ${newcomer.name}?`);
  await reason.fill('urgente');
  await page.getByRole('button', { name: 'Abrir la historia durante una hora' }).click();
  await checkSpanish(j, 'emergency access: reason too short', failures);
  assert.equal(await reason.inputValue(), 'urgente', 'the form keeps what was typed');
  await reason.fill('Su hermana llamó: la encontraron desorientada en la estación.');
  await page.getByRole('button', { name: 'Abrir la historia durante una hora' }).click();
  await page.waitForURL(/\/clients\//);
  assert.match(await page.locator('#emergency-banner').innerText(), /Acceso de emergencia hasta las \d\d:\d\d/);
  await checkSpanish(j, 'a record opened in an emergency', failures);
  await j.finish();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
