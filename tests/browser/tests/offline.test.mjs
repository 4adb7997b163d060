// Issue 21, items 2 and 3: Rapport as an app on a phone, without a connection, on a bad day.
// A new client on a 390 px phone: Rapport's own service worker is installed; the check-in,
// her safety plan and the crisis page open with the network cut (Chromium's offline mode); a
// check-in saved offline is kept on the phone and shown as waiting (also after a reload),
// sent when the connection returns, and stored exactly once on the server (her data export
// has one row), also when the phone sends it a second time with its Idempotency-Key; after
// sign-out the kept safety plan is gone. With no Rapport page open, the service worker sends a
// kept check-in when the browser fires its Background Sync event. Every client page passes axe in the dark theme, and
// its targets are 44 px tall.
// With UPDATE_SCREENSHOTS=1: docs/screenshots/offline-waiting.png, offline-arrived.png and
// phone-dark-checkin.png.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, signOut, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('offline');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PLAN_TEXT = 'Walk to the river and call my sister Dana';

/** The files of a ZIP (stored or deflated), from its central directory. */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
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

/** The client's check-ins on the server: the rows of checkins.csv in her data export. */
async function storedCheckins(context) {
  const r = await context.request.get('/account/export');
  assert.equal(r.status(), 200, 'the export downloads');
  const csv = unzip(await r.body()).get('checkins.csv').toString('utf8');
  return csv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
}

/** What the phone keeps to send (IndexedDB), as offline.js sees it. */
const outbox = (page) => page.evaluate(() => window.rapportOffline.entries());

/** The paths of the pages the service worker keeps. */
const keptPages = (page) =>
  page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith('rapport-pages-')) continue;
      const c = await caches.open(name);
      for (const req of await c.keys()) out.push(new URL(req.url).pathname);
    }
    return out.sort();
  });

/** On the sign-up page: a new client's account, signed in, with the worker in charge. */
async function createAccount(page, person) {
  await fill(page, 'Your name', person.name);
  await fill(page, 'E-mail address', person.email);
  await fill(page, 'Password', person.password);
  const boxes = page.locator('form:has(input[type="password"])').getByRole('checkbox');
  for (let i = 0; i < (await boxes.count()); i += 1) await boxes.nth(i).check();
  await submit(page, 'Create account');
  await expectPath(page, '/home', 'after creating an account');
  await workerReady(page);
}

async function workerReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30_000 });
}

/** Fails unless every target a finger taps on the page is at least 44 px tall. */
async function expectTallTargets(page, where) {
  const small = await page.evaluate(() => {
    const selector = 'header a, header button, header summary, main button, main summary, main a.button, main label.choice, main input[type=text], main input[type=email], main input[type=password], main select, main textarea';
    return [...document.querySelectorAll(selector)]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ what: `${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`, h: el.getBoundingClientRect().height }))
      .filter((t) => t.h < 43.5);
  });
  assert.deepEqual(small, [], `${where}: targets under 44px tall`);
}

/**
 * Waits until the notice #offline-status shows words matching `re`; when it does not, the
 * error says what the page showed instead (a rare failure is then read, not guessed at).
 */
async function noticeSays(page, re, timeout = 60_000) {
  const notice = page.locator('#offline-status');
  await notice.getByText(re).waitFor({ timeout }).catch(async (e) => {
    const state = await page
      .evaluate(async () => {
        const n = document.getElementById('offline-status');
        const kept = window.rapportOffline ? await window.rapportOffline.entries() : 'offline.js not running';
        return JSON.stringify({ onLine: navigator.onLine, hidden: n ? n.hidden : 'no notice', notice: n ? n.innerHTML : '', kept });
      })
      .catch((err) => `(the page could not be read: ${err.message})`);
    const body = await page.locator('body').innerText().catch(() => '');
    throw new Error(`${e.message}\nat ${page.url()}: ${state}\npage: ${body.slice(0, 400)}`);
  });
  return notice;
}

test('the check-in, the safety plan and crisis help work offline; an offline check-in arrives exactly once', { timeout: 600_000 }, async () => {
  const person = { name: 'Noor Haddad', email: `noor.${Date.now()}@example.org`, password: 'quiet harbour lantern' };
  const j = await openJourney(browser, server, 'offline', { phone: true });
  const { page, context } = j;

  // The manifest is linked and installable in the browser's eyes: a name, a start, icons.
  await page.goto('/signup');
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await context.request.get(manifestHref)).json();
  assert.equal(manifest.name, 'Rapport');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'));

  await createAccount(page, person);

  // She writes her safety plan and opens the check-in while online: both are kept.
  await page.goto('/safety-plan');
  await fill(page, '1. My warning signs', 'Staying in bed past noon');
  await fill(page, '2. Things I can do on my own', PLAN_TEXT);
  await submit(page, 'Save the plan');
  await page.goto('/safety-plan');
  await j.goto('/checkin', 'check-in online');
  await page.goto('/crisis');
  assert.deepEqual(await keptPages(page), ['/checkin', '/crisis', '/offline', '/safety-plan'], 'kept exactly the three pages and the offline page');

  // The network goes.
  await context.setOffline(true);
  await page.goto('/safety-plan');
  assert.match(await page.locator('main').innerText(), new RegExp(PLAN_TEXT), 'the safety plan opens offline');
  await j.check('safety plan offline');
  await page.goto('/crisis');
  assert.ok((await page.locator('a[href="tel:988"]').count()) >= 1, 'the crisis page opens offline');
  await page.goto('/progress');
  assert.match(await page.locator('h1').innerText(), /No connection/, 'another page says it needs a connection');
  await j.check('no connection');

  // The check-in, offline: kept and shown as waiting.
  await page.goto('/checkin');
  await page.locator('fieldset#mood').getByRole('radio', { name: '4' }).check();
  await fill(page, 'Hours slept last night', '5.5');
  await page.getByRole('radio', { name: 'Taken as prescribed' }).check();
  await fill(page, 'Anything you want to note?', 'Saved on the train, no signal');
  await page.getByRole('button', { name: 'Save check-in' }).click();
  const notice = await noticeSays(page, /waiting to be sent/);
  assert.equal(pathOf(page), '/checkin', 'the page stayed');
  assert.equal(await page.locator('form[data-offline]').isVisible(), false, 'the same check-in cannot be sent twice');
  assert.equal((await outbox(page)).length, 1);
  await j.check('check-in waiting');
  await keepScreenshot(page, 'offline-waiting', notice);

  // A reload while still offline: still one entry, still waiting.
  await page.reload();
  await noticeSays(page, /waiting to be sent/);
  assert.equal(await page.locator('form[data-offline]').isVisible(), false);
  const kept = await outbox(page);
  assert.equal(kept.length, 1, 'a reload keeps one entry');
  assert.ok(kept[0].key && kept[0].key.length >= 16, 'the entry has its key');

  // The network returns: it is sent and the notice says it arrived.
  await context.setOffline(false);
  await noticeSays(page, /has arrived/, 30_000);
  assert.equal((await outbox(page)).length, 0);
  await keepScreenshot(page, 'offline-arrived', notice);
  assert.equal(await storedCheckins(context), 1, 'exactly one check-in stored');

  // The phone did not hear the answer and sends the same entry again, with the same key: the
  // server answers as the first time and stores nothing.
  await page.evaluate(async (entry) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('rapport-offline', 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const t = db.transaction('outbox', 'readwrite');
      t.objectStore('outbox').put(entry);
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
    });
    db.close();
    await window.rapportOffline.flush();
  }, kept[0]);
  await noticeSays(page, /has arrived/);
  assert.equal((await outbox(page)).length, 0);
  assert.equal(await storedCheckins(context), 1, 'sent twice, stored once');

  // A check-in the server refuses when it arrives (no mood chosen): the notice says why, and
  // the form is back with what was typed.
  await page.goto('/checkin');
  await context.setOffline(true);
  await fill(page, 'Hours slept last night', '7');
  await page.getByRole('radio', { name: 'Taken as prescribed' }).check();
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await noticeSays(page, /waiting to be sent/);
  await context.setOffline(false);
  await noticeSays(page, /could not be sent/, 30_000);
  assert.match(await notice.innerText(), /mood/i, 'the notice says what was missing');
  assert.equal(await page.locator('form[data-offline]').isVisible(), true, 'the form is back');
  assert.equal(await page.getByLabel('Hours slept last night').inputValue(), '7', 'with what was typed');
  assert.equal((await outbox(page)).length, 0);
  assert.equal(await storedCheckins(context), 1, 'a refused check-in stores nothing');
  // That 422 was the point of this step, not a page resource that failed.
  const refused = j.problems.broken.filter((b) => /^422 POST .*\/checkin$/.test(b));
  assert.equal(refused.length, 1);
  j.problems.broken.splice(0, j.problems.broken.length, ...j.problems.broken.filter((b) => !refused.includes(b)));

  // Homework: the exercise is open when the signal goes; "Done" keeps the entry on the phone,
  // and it arrives when the signal is back.
  await page.goto('/homework');
  await page.getByRole('radio', { name: /Journal/ }).check();
  await submit(page, 'Start');
  const exercise = pathOf(page);
  assert.match(exercise, /^\/homework\/[0-9a-f-]{36}$/);
  await context.setOffline(true);
  await fill(page, 'Your day', 'Wrote this on the bus without a signal');
  await page.locator('fieldset:has(input[name="mood"])').getByRole('radio', { name: '6' }).check();
  await page.getByRole('button', { name: 'Done' }).click();
  await noticeSays(page, /homework entry .* waiting to be sent/);
  assert.equal((await outbox(page)).length, 1);
  await context.setOffline(false);
  await noticeSays(page, /homework entry .* has arrived/, 30_000);
  assert.equal((await outbox(page)).length, 0);
  await page.goto(exercise);
  assert.equal(await page.getByLabel('Your day').inputValue(), 'Wrote this on the bus without a signal');
  assert.equal(await page.getByRole('button', { name: 'Send the corrections' }).count(), 1, 'the entry was sent, not kept as a draft');

  // Dark theme: every client page passes axe; targets are 44 px tall.
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const [path, label] of [
    ['/home', 'home'],
    ['/checkin', 'check-in'],
    ['/safety-plan', 'safety plan'],
    ['/crisis', 'crisis'],
    ['/progress', 'progress'],
    ['/homework', 'homework'],
    ['/sessions', 'sessions'],
    ['/messages', 'messages'],
    ['/staying-well', 'staying well'],
    ['/measures/phq9', 'PHQ-9'],
    ['/account', 'account'],
    ['/goals', 'goals'],
    ['/intake', 'intake'],
    ['/medications', 'medications'],
    ['/sleep', 'sleep diary'],
    ['/notifications', 'notices'],
    ['/learn', 'learning'],
    ['/family', 'family'],
    ['/find', 'find a therapist'],
    ['/offline', 'offline page'],
  ]) {
    await j.goto(path, `dark ${label}`);
    await expectTallTargets(page, `dark ${label}`);
  }
  await page.goto('/checkin');
  await keepScreenshot(page, 'phone-dark-checkin');
  await page.emulateMedia({ colorScheme: 'light' });

  // Sign-out: the kept safety plan and check-in form are gone from the phone.
  await page.goto('/home');
  await signOut(page);
  await workerReady(page);
  const left = await keptPages(page);
  assert.ok(!left.includes('/safety-plan') && !left.includes('/checkin'), `after sign-out the phone still keeps ${left}`);
  await context.setOffline(true);
  let shown = '';
  try {
    await page.goto('/safety-plan');
    shown = await page.locator('body').innerText();
  } catch {
    shown = ''; // the browser's own offline page
  }
  assert.doesNotMatch(shown, new RegExp(PLAN_TEXT), 'the safety plan opened after sign-out');
  await page.goto('/crisis');
  assert.ok((await page.locator('a[href="tel:988"]').count()) >= 1, 'crisis help still opens offline for anyone');
  await context.setOffline(false);
  await j.finish();
});

test('with no Rapport page open, the service worker sends a check-in kept offline (Background Sync)', { timeout: 300_000 }, async () => {
  const person = { name: 'Ines Okafor', email: `ines.${Date.now()}@example.org`, password: 'amber river teapot' };
  const j = await openJourney(browser, server, 'offline-background-sync', { phone: true });
  const { page, context } = j;
  await page.goto('/signup');
  await createAccount(page, person);
  await page.goto('/checkin');
  // The worker keeps the check-in form as it passes (after the page is shown).
  await page.waitForFunction(async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('rapport-pages-') && (await (await caches.open(name)).match('/checkin'))) return true;
    }
    return false;
  });

  await context.setOffline(true);
  await page.goto('/checkin');
  await page.locator('fieldset#mood').getByRole('radio', { name: '5' }).check();
  await fill(page, 'Hours slept last night', '6');
  await page.getByRole('radio', { name: 'Taken as prescribed' }).check();
  await page.getByRole('button', { name: 'Save check-in' }).click();
  await noticeSays(page, /waiting to be sent/, 15_000);
  assert.equal((await outbox(page)).length, 1);

  // While a Rapport page is open the page sends the outbox itself; she closes Rapport, later
  // the connection returns and the browser wakes the worker.
  await page.goto('about:blank');
  await context.setOffline(false);
  // The worker's registration, to fire its sync event as the browser does when the
  // connection returns (headless Chromium does not see the emulated network come back).
  const cdp = await context.newCDPSession(page);
  const registrations = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => registrations.push(...e.registrations));
  await cdp.send('ServiceWorker.enable');
  for (let i = 0; i < 20 && registrations.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const registration = registrations.find((r) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
  assert.ok(registration, `no service worker registration for ${server.url}: ${JSON.stringify(registrations)}`);
  await cdp.send('ServiceWorker.dispatchSyncEvent', {
    origin: server.url,
    registrationId: registration.registrationId,
    tag: 'rapport-outbox',
    lastChance: false,
  });
  let stored = 0;
  for (let i = 0; i < 40 && stored === 0; i += 1) {
    stored = await storedCheckins(context);
    if (stored === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.equal(stored, 1, 'the worker did not send the kept check-in');

  // The next Rapport page says it arrived, and sends nothing again.
  await page.goto('/home');
  await noticeSays(page, /has arrived/, 30_000);
  assert.equal((await outbox(page)).length, 0);
  assert.equal(await storedCheckins(context), 1, 'exactly one check-in stored');
  await j.finish();
});

function pathOf(page) {
  return new URL(page.url()).pathname;
}

test('"Skip for today" sets the step of the day aside until tomorrow, on this device', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'skip-for-today', { phone: true });
  const { page } = j;
  await page.goto('/login');
  await fill(page, 'E-mail address', 'riley.chen@demo.rapport.test');
  await fill(page, 'Password', server.password);
  await submit(page, 'Sign in');
  await expectPath(page, '/home', 'sign-in');
  const step = page.locator('#next-step');
  const skip = step.getByRole('button', { name: 'Skip for today' });
  assert.equal(await skip.count(), 1, 'the step of the day offers "Skip for today"');
  const href = await step.locator('.skip-today').getAttribute('data-skip-today');
  await j.check('home with skip for today');
  await skip.click();
  await step.getByText(/Skipped for today/).waitFor();
  assert.equal(await step.locator(`a.button[href="${href}"]`).isVisible(), false, 'the big button stepped aside');
  await page.reload();
  await step.getByText(/Skipped for today/).waitFor();
  const anyway = step.getByRole('link', { name: 'Do it now anyway' });
  assert.equal(await anyway.getAttribute('href'), href, 'the step is still one tap away');
  await j.check('home with the step skipped');
  await keepScreenshot(page, 'phone-skip-for-today', step);
  await signOut(page);
  await j.finish();
});
