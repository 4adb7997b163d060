// Issue 17's data export in the browser, on a demo server: Morgan Ellis (a client, on a
// 390 px phone) opens her account page, finds "Download my data" with what the file holds,
// presses it, and the download arrives: a ZIP named by the day (never by her name) holding
// README.txt, summary.html, fhir-bundle.json and the three CSV tables; the summary is
// self-contained and has her measures; the bundle is a FHIR collection about her.
// With UPDATE_SCREENSHOTS=1 the account page's section is saved to docs/screenshots/export.png.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { expectPath, keepScreenshot, launchBrowser, openJourney, signIn } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const MORGAN = 'morgan.ellis@demo.rapport.test';
const FILES = ['README.txt', 'checkins.csv', 'fhir-bundle.json', 'homework.csv', 'measures.csv', 'summary.html'];

let server;
let browser;

before(async () => {
  server = await startDemoServer('export');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The files of a ZIP, read from its central directory (stored or deflated). */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'a ZIP ends with its central directory');
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + skip;
  }
  return files;
}

test('a client downloads her data from her account page', { timeout: 300_000 }, async () => {
  const morgan = await openJourney(browser, server, 'export', { phone: true });
  const { page } = morgan;
  await signIn(page, MORGAN, server.password);
  await expectPath(page, '/home', 'Morgan signs in');
  await page.goto('/account');
  await morgan.check('account page');
  const section = page.locator('#export');
  assert.equal(await section.getByRole('heading', { name: 'Download my data' }).count(), 1);
  const words = await section.innerText();
  assert.match(words, /psychotherapy notes are not in it/i);
  assert.match(words, /FHIR/);
  await keepScreenshot(page, 'export', section);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('link', { name: 'Download my data' }).click(),
  ]);
  const name = download.suggestedFilename();
  assert.match(name, /^rapport-export-\d{4}-\d{2}-\d{2}\.zip$/);
  assert.doesNotMatch(name, /morgan|ellis/i);
  const zip = await readFile(await download.path());
  assert.equal(zip.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  const files = unzip(zip);
  assert.deepEqual([...files.keys()].sort(), FILES);

  const summary = files.get('summary.html').toString('utf8');
  assert.match(summary, /Morgan Ellis/);
  assert.match(summary, /PHQ-9/);
  assert.doesNotMatch(summary, /<script|<link|src=/);
  const bundle = JSON.parse(files.get('fhir-bundle.json').toString('utf8'));
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'collection');
  assert.equal(bundle.entry[0].resource.resourceType, 'Patient');
  assert.ok(bundle.entry.some((e) => e.resource.resourceType === 'QuestionnaireResponse'), 'her questionnaires are in it');
  assert.match(files.get('measures.csv').toString('utf8'), /^taken_at,questionnaire,instrument,total,band,prorated,answers\r\n/);
  assert.match(files.get('README.txt').toString('utf8'), /psychotherapy notes/i);

  // The page stays where it was: a download is not a navigation.
  await expectPath(page, '/account', 'the download leaves the page as it was');
  await morgan.finish();
});
