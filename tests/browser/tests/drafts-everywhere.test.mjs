// Drafts on every text area, and the pages' script in the reader's language (issue 21: "autosave
// everywhere", every message translatable). A client who chose Spanish types a note on a goal
// (a text area with no draft of its own before), leaves, comes back: the note is put back with
// a notice in Spanish, and can be thrown away; once sent, the draft is gone. The questionnaire's
// "not answered" summary, built by the script, is in Spanish too.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openJourney, pathOf, signIn } from '../lib/browser.mjs';
import { englishLeftovers, formatLeftovers } from '../lib/language.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('drafts-everywhere');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a note typed on a goal is kept as a draft, in Spanish, until it is sent', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'drafts-everywhere', { phone: true });
  const { page } = j;
  // Leaving a page with text not sent asks first: the journey says "leave".
  page.on('dialog', (dialog) => dialog.accept());
  const client = server.account('client');
  await signIn(page, client.email, client.password);
  await page.waitForURL(/\/home/);
  await page.goto('/account');
  await page.getByLabel('Español').check();
  await page.getByRole('button', { name: 'Save language' }).click();
  await page.waitForURL(/\/account\?done=language/);

  await page.goto('/goals');
  if ((await page.locator('textarea[name=note]').count()) === 0) {
    await page.getByLabel('El objetivo, en pocas palabras').fill('Salir a caminar');
    await page.getByLabel(/Cómo se ve el éxito/).first().fill('Tres paseos por semana');
    await page.getByRole('button', { name: 'Fijar el objetivo' }).click();
    await page.waitForURL(/\/goals/);
  }
  const note = page.locator('textarea[name=note]').first();
  assert.equal(await note.count(), 1, 'the demo client has no goal to write a note on');
  const typed = 'Caminé dos veces esta semana';
  await note.fill(typed);
  await page.goto('/home');
  await page.goto('/goals');
  const restored = page.locator('.draft-notice');
  await restored.waitFor();
  await page.waitForFunction(() => /\S/.test(document.querySelector('.draft-notice p')?.textContent || ''));
  assert.match(
    await restored.innerText(),
    /^Recuperamos tu borrador sin guardar de hoy a las \d{1,2}:\d{2}\. Aún no está guardado/,
    'the draft notice is not in Spanish or does not say when',
  );
  assert.equal(await note.inputValue(), typed, 'the draft was not put back');
  const leftovers = await englishLeftovers(page, { allow: ['Rapport'] });
  assert.deepEqual(leftovers, [], formatLeftovers('/goals with a draft', leftovers));

  await restored.getByRole('button', { name: 'Descartar borrador' }).click();
  assert.equal(await note.inputValue(), '', 'discarding did not empty the box');
  await page.reload();
  assert.equal(await page.locator('.draft-notice').count(), 0, 'the discarded draft came back');

  // Typed and sent: saved, and no draft is left to come back.
  await note.fill('Caminé tres veces');
  const form = note.locator('xpath=ancestor::form');
  await form.getByLabel('5', { exact: true }).check();
  await form.getByRole('button', { name: 'Registrar el avance' }).click();
  await page.waitForURL(/\/goals/);
  assert.match(await page.locator('main').innerText(), /Caminé tres veces/, 'the note sent is not on the goal');
  await page.goto('/home');
  await page.goto('/goals');
  await page.waitForLoadState('load');
  assert.equal(await page.locator('.draft-notice').count(), 0, 'a draft of a note already sent came back');
  assert.equal(await page.locator('textarea[name=note]').first().inputValue(), '');

  // The questionnaire's summary of what is not answered, in Spanish: question 1 left out.
  await page.goto('/measures/phq9');
  const questions = page.locator('fieldset.question');
  const count = await questions.count();
  for (let i = 1; i < count; i += 1) {
    await questions.nth(i).locator('input[type=radio]').first().check();
  }
  await page.getByRole('button', { name: 'Ver mi resultado' }).click();
  const box = page.locator('.unanswered');
  await box.waitFor();
  assert.equal(pathOf(page), '/measures/phq9', 'the form left with a question not answered');
  assert.match(await box.getByRole('heading').innerText(), /^Una pregunta no tiene respuesta$/);
  assert.match(await box.innerText(), /Pregunta 1: /);
  assert.equal(await box.getByRole('button', { name: 'Enviar tal como está' }).count(), 1);
  await j.finish();
});
