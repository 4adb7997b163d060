// Languages (issue 21): a client whose browser asks for Spanish, and a client who saved Spanish
// on their account, each do the daily check-in and a PHQ-9 in Spanish; <html lang> follows;
// axe-core finds no serious violation on any client page in either language.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { axeCheck } from '../lib/axe.mjs';
import { PHONE, launchBrowser, openJourney, pathOf, keepScreenshot, screenshot, signIn } from '../lib/browser.mjs';
import { ARTIFACTS } from '../lib/paths.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('languages');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every page a client sees, checked in both languages. */
const CLIENT_PAGES = [
  '/home',
  '/checkin',
  '/measures/phq9',
  '/measures/gad7',
  '/measures/who5',
  '/progress',
  '/safety-plan',
  '/crisis',
  '/account',
  '/homework',
  '/sessions',
  '/messages',
  '/staying-well',
  '/learn',
];

/** The page's language, its screenshot, axe, and the crisis link in that language. */
async function checkPage(j, lang, label, failures) {
  const { page } = j;
  await page.waitForLoadState('load');
  const where = `${lang} ${label} (${pathOf(page)})`;
  assert.equal(await page.locator('html').getAttribute('lang'), lang, `${where}: <html lang>`);
  const crisis = lang === 'es' ? 'Ayuda en crisis' : 'Crisis help';
  assert.ok((await page.getByRole('link', { name: crisis }).count()) >= 1, `${where}: no "${crisis}" link`);
  // WCAG 1.4.10 reflow: nothing needs sideways scrolling, in longer words either.
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth + 1, `${where}: page is ${scrollWidth}px wide on a ${innerWidth}px screen`);
  const header = await page.locator('.site-header').evaluate((el) => ({ right: el.scrollWidth, width: el.clientWidth }));
  assert.ok(header.right <= header.width + 1, `${where}: the header's buttons go past its edge (${header.right} > ${header.width})`);
  await screenshot(page, join(ARTIFACTS, `languages-${lang}-${label.replace(/[^a-z0-9]+/gi, '-')}.png`));
  const { failures: found, report } = await axeCheck(page, where);
  if (found.length) failures.push(report);
}

/** Answers a questionnaire page: `answers[i]` is the label chosen for question i + 1. */
async function answerAll(page, answers) {
  const questions = page.locator('fieldset.question');
  assert.equal(await questions.count(), answers.length, 'questions on the form');
  for (let i = 0; i < answers.length; i += 1) {
    await questions.nth(i).getByLabel(answers[i], { exact: true }).check();
  }
}

/** The daily check-in and a PHQ-9, in Spanish. */
async function checkinAndPhq9InSpanish(j, failures, shots) {
  const { page } = j;
  await page.goto('/checkin');
  await checkPage(j, 'es', 'check-in', failures);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Registro diario');
  if (shots) await keepScreenshot(page, 'languages-checkin-es');
  await page.locator('#mood').getByLabel('6', { exact: true }).check();
  await page.getByLabel('Horas que dormiste anoche').fill('7,5');
  await page.getByLabel('La tomé como me la recetaron', { exact: true }).check();
  await page.getByRole('button', { name: 'Guardar registro' }).click();
  await page.waitForURL(/\/home\?done=checkin/);
  assert.ok((await page.getByText('Registro guardado. Gracias.').count()) >= 1, 'no Spanish notice after the check-in');
  await checkPage(j, 'es', 'home after check-in', failures);

  await page.goto('/measures/phq9');
  await checkPage(j, 'es', 'PHQ-9', failures);
  const text = await page.locator('main').innerText();
  assert.match(text, /qué tan seguido ha tenido molestias/, 'the PHQ-9 instructions are not the Spanish ones');
  assert.match(text, /Poco interés o placer en hacer cosas/);
  if (shots) await keepScreenshot(page, 'languages-phq9-es');
  // Items 1–8 "several days", item 9 "not at all", and how difficult: 8 in all.
  await answerAll(page, [...Array(8).fill('Varios días'), 'Ningún día', 'Un poco difícil']);
  await page.getByRole('button', { name: 'Ver mi resultado' }).click();
  await page.waitForURL(/\/results\//);
  await checkPage(j, 'es', 'PHQ-9 result', failures);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Tu resultado/);
  assert.match(await page.locator('.score-number').innerText(), /^8$/, 'eight "several days" make 8');
  if (shots) await keepScreenshot(page, 'languages-result-es');
}

test('a client whose browser asks for Spanish uses Rapport in Spanish', { timeout: 600_000 }, async () => {
  // A phone whose browser speaks Spanish (Chromium sends Accept-Language from its locale).
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    baseURL: server.url,
    locale: 'es-MX',
  });
  const page = await context.newPage();
  const j = { page, context };
  const failures = [];

  await page.goto('/');
  await checkPage(j, 'es', 'public home', failures);
  await page.goto('/signup');
  await checkPage(j, 'es', 'sign-up', failures);
  const email = `lucia.${Date.now()}@example.org`;
  await page.getByLabel('Tu nombre').fill('Lucía Pérez');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('verde tetera mañana');
  await page.locator('#consent').check();
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await page.waitForURL(/\/home/);
  assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Bienvenido\(a\), Lucía Pérez/);
  await checkPage(j, 'es', 'home', failures);
  await keepScreenshot(page, 'languages-home-es');

  await checkinAndPhq9InSpanish(j, failures, true);

  for (const path of CLIENT_PAGES) {
    await page.goto(path);
    await checkPage(j, 'es', path, failures);
  }
  await context.close();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});

test('a client who saved Spanish gets it whatever the browser asks', { timeout: 600_000 }, async () => {
  const j = await openJourney(browser, server, 'languages-saved', { phone: false });
  const { page } = j;
  const failures = [];
  const client = server.account('client');
  await signIn(page, client.email, client.password);
  await page.waitForURL(/\/home/);

  // English first (the browser asks for English): every client page, with axe.
  for (const path of CLIENT_PAGES) {
    await page.goto(path);
    await checkPage(j, 'en', path, failures);
  }

  await page.goto('/account');
  await page.getByLabel('Español').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\?done=language/);
  assert.ok((await page.getByText('Tu idioma está guardado.').count()) >= 1, 'no Spanish notice after saving');
  await checkPage(j, 'es', 'account after saving Spanish', failures);
  await keepScreenshot(page, 'languages-account-es');

  await checkinAndPhq9InSpanish(j, failures, false);

  // Back to the browser's language.
  await page.goto('/account');
  await page.getByLabel('El idioma de mi navegador').check();
  await page.getByRole('button', { name: 'Guardar idioma' }).click();
  await page.waitForURL(/\/account\?done=language/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await j.finish();
  assert.deepEqual(failures, [], failures.join('\n\n'));
});
