// Issue 20's browser journey: an online group session in Rapport's own room, with three
// Chromium instances (each with a fake camera and microphone) on loopback.
// - Daniel Reyes schedules an online group session with Riley Chen and Sam Patel, starting in
//   two minutes, with no outside link: the session's own room;
// - Daniel opens the room from the session page after the device check; Riley joins from her
//   sessions and waits until Daniel lets her in; both see the other's video arrive (the
//   inbound bytes of getStats grow) and chat;
// - Sam joins as the third; all three see two others' video arrive;
// - Sam drops (his page closes) and comes back: straight in, video flowing again;
// - Jordan Lee, not in the session, is refused at the page (403) and at the WebSocket (403);
// - Daniel saves a chat line to the record and ends the session: the progress note opens and
//   the others are told it ended.
// With UPDATE_SCREENSHOTS=1 the session page with Join, the waiting room and the room (desktop
// and phone) are saved to docs/screenshots/online-session-*.png.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import {
  MEDIA_FLAGS,
  expectPath,
  fill,
  keepScreenshot,
  launchBrowser,
  openJourney,
  pathOf,
  signIn,
  signInDemoStaff,
  submit,
} from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const DANIEL = 'daniel.reyes@demo.rapport.test';
const RILEY = 'riley.chen@demo.rapport.test';
const SAM = 'sam.patel@demo.rapport.test';
const JORDAN = 'jordan.lee@demo.rapport.test';

let server;
const browsers = [];

before(async () => {
  server = await startDemoServer('online-session');
  for (let i = 0; i < 4; i += 1) browsers.push(await launchBrowser({ args: MEDIA_FLAGS }));
});

after(async () => {
  for (const b of browsers) await b?.close();
  await server?.stop();
});

/** The date and time `minutes` from now on the clock of `timeZone`. */
function inMinutes(minutes, timeZone) {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** What each of the page's peer connections has received so far: {name: bytes}. */
async function received(page) {
  const list = await page.evaluate(() => window.rapportRoom.stats());
  return Object.fromEntries(list.map((p) => [p.name, p.bytes]));
}

/** Waits until the page has `count` peers whose inbound bytes grow. */
async function videoArrives(page, count, who) {
  const deadline = Date.now() + 60_000;
  let last = {};
  for (;;) {
    const first = await received(page);
    await page.waitForTimeout(1500);
    const second = await received(page);
    last = second;
    const growing = Object.keys(second).filter((k) => second[k] > (first[k] ?? 0) && second[k] > 0);
    if (Object.keys(second).length === count && growing.length === count) return second;
    if (Date.now() > deadline) assert.fail(`${who}: expected ${count} peers with video arriving, got ${JSON.stringify(last)}`);
  }
}

/** Opens the room from the session's Join link and enters it (the device check first). */
async function enterRoom(j, label, { waiting }) {
  const { page } = j;
  await page.getByRole('link', { name: /^Join/ }).first().click();
  await expectPath(page, /^\/sessions\/[^/]+\/room$/, `${label}: the Join link`);
  await page.getByRole('button', { name: 'Check camera and microphone' }).click();
  await page.getByText(/^Camera: working/).waitFor();
  await page.getByText(/^Microphone: working/).waitFor();
  await page.getByText(/^Connection to Rapport: good/).waitFor();
  await j.check(`${label} device check`);
  const join = page.getByRole('button', { name: /^(Join the session|Open the room)$/ });
  await join.click();
  if (waiting) await page.getByRole('heading', { name: 'Waiting room' }).waitFor();
  else await page.locator('#call').waitFor({ state: 'visible' });
}

/** A WebSocket upgrade to `path` with `cookies`: the status the server answers. */
function upgradeStatus(path, cookies) {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        Origin: server.url,
        Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

test('an online group session: two, then three people, chat, a drop and a return, a stranger refused', { timeout: 900_000 }, async () => {
  // Daniel schedules the session, starting in two minutes, in the session's own room.
  const d = await openJourney(browsers[0], server, 'online-session-daniel');
  await signInDemoStaff(d.page, DANIEL, server.password);
  await d.page.goto('/home');
  const riley = d.page.locator('main a[href^="/clients/"]', { hasText: 'Riley Chen' }).first();
  const chart = new URL(await riley.getAttribute('href'), server.url).pathname.split('?')[0];
  await d.page.goto(`${chart}/sessions/new`);
  const zone = (await d.page.locator('#when-hint').textContent()).match(/In your timezone: ([^\s.]+)/)?.[1];
  assert.ok(zone, 'the scheduling form names no timezone');
  const at = inMinutes(2, zone);
  const radio = (legend, name) => d.page.getByRole('group', { name: legend, exact: true }).getByRole('radio', { name, exact: true });
  await radio('Kind of session', 'Group').check();
  await d.page.getByText('For a group: the other clients').click();
  await d.page.getByRole('checkbox', { name: 'Sam Patel', exact: true }).check();
  await radio('How it happens', 'Online').check();
  // The form offers the place of Riley's last session; empty means the session's own room.
  await fill(d.page, 'Place or meeting link', '');
  await fill(d.page, 'Date', at.date);
  await fill(d.page, 'Time', at.time);
  await fill(d.page, 'Length in minutes', '50');
  await fill(d.page, 'Repeat weekly for how many weeks', '1');
  await submit(d.page, 'Schedule');
  if (pathOf(d.page).endsWith('/sessions/new')) {
    const problem = d.page.locator('.error-summary');
    assert.equal(await problem.count(), 0, `scheduling refused: ${(await problem.count()) ? await problem.innerText() : ''}`);
    await submit(d.page, 'Book anyway');
  }
  await expectPath(d.page, /^\/sessions\/[0-9a-f-]{36}$/, 'after scheduling');
  const sessionPath = pathOf(d.page);
  const roomPath = `${sessionPath}/room`;
  await d.check('session with join');
  await keepScreenshot(d.page, 'online-session-join');
  assert.match(await d.page.locator('main').innerText(), /Rapport's own room/);

  // Daniel opens the room.
  await enterRoom(d, 'daniel', { waiting: false });
  assert.match(await d.page.locator('#encryption').innerText(), /Encrypted between your browsers \(DTLS-SRTP\)/);
  assert.equal(await d.page.getByRole('link', { name: /Crisis help now/ }).count(), 1, 'no crisis button in the room');

  // Riley joins from her sessions and waits; Daniel lets her in.
  const r = await openJourney(browsers[1], server, 'online-session-riley', { phone: true });
  await signIn(r.page, RILEY, server.password);
  await r.goto('/sessions', 'riley sessions with join');
  await enterRoom(r, 'riley', { waiting: true });
  await r.check('riley waiting');
  await keepScreenshot(r.page, 'online-session-waiting-phone');
  const letIn = d.page.getByRole('button', { name: /^Let in Riley/ });
  await letIn.waitFor();
  await letIn.click();
  await r.page.locator('#call').waitFor({ state: 'visible' });
  await videoArrives(d.page, 1, 'daniel with riley');
  await videoArrives(r.page, 1, 'riley with daniel');

  // The controls work from the keyboard and say their state.
  const mute = d.page.getByRole('button', { name: 'Mute', exact: true });
  await mute.focus();
  await d.page.keyboard.press('Enter');
  const unmute = d.page.getByRole('button', { name: 'Unmute', exact: true });
  assert.equal(await unmute.getAttribute('aria-pressed'), 'true');
  assert.equal(await d.page.evaluate(() => document.getElementById('self-video').srcObject.getAudioTracks()[0].enabled), false);
  await unmute.click();
  await d.page.getByRole('button', { name: 'Camera off', exact: true }).click();
  assert.equal(await d.page.getByRole('button', { name: 'Camera on', exact: true }).getAttribute('aria-pressed'), 'true');
  await d.page.getByRole('button', { name: 'Camera on', exact: true }).click();
  assert.equal(await d.page.getByRole('button', { name: 'Mute', exact: true }).getAttribute('aria-pressed'), 'false');

  // They chat.
  await r.page.getByLabel('Message', { exact: true }).fill('Hello, can you hear me?');
  await r.page.getByRole('button', { name: 'Send', exact: true }).click();
  await d.page.locator('#chat-log li', { hasText: 'Hello, can you hear me?' }).waitFor();
  await d.page.getByLabel('Message', { exact: true }).fill('Yes, clearly. Welcome.');
  await d.page.keyboard.press('Enter');
  await r.page.locator('#chat-log li', { hasText: 'Yes, clearly. Welcome.' }).waitFor();
  await d.check('daniel in the room with riley');

  // Sam is the third.
  const s = await openJourney(browsers[2], server, 'online-session-sam');
  await signIn(s.page, SAM, server.password);
  await s.goto(sessionPath, 'sam session page');
  await enterRoom(s, 'sam', { waiting: true });
  const letInSam = d.page.getByRole('button', { name: /^Let in Sam/ });
  await letInSam.waitFor();
  await letInSam.click();
  await s.page.locator('#call').waitFor({ state: 'visible' });
  await videoArrives(d.page, 2, 'daniel with two');
  await videoArrives(r.page, 2, 'riley with two');
  await videoArrives(s.page, 2, 'sam with two');
  await r.page.getByLabel('Message', { exact: true }).fill('Hi Sam');
  await r.page.getByRole('button', { name: 'Send', exact: true }).click();
  await s.page.locator('#chat-log li', { hasText: 'Hi Sam' }).waitFor();
  await keepScreenshot(d.page, 'online-session-room');
  await keepScreenshot(r.page, 'online-session-room-phone');
  await s.check('sam in the room');

  // Sam drops (his page closes): the others see him leave. He comes back, straight in.
  await s.page.close();
  await d.page.waitForFunction(() => document.querySelectorAll('#videos .room-tile').length === 2);
  await videoArrives(r.page, 1, 'riley after the drop');
  s.page = await s.context.newPage();
  const back = s.page;
  await back.goto(roomPath);
  await back.getByRole('button', { name: 'Join the session' }).click();
  await back.locator('#call').waitFor({ state: 'visible' });
  await videoArrives(back, 2, 'sam back');
  await videoArrives(d.page, 2, 'daniel with sam back');

  // Jordan is not in the session: refused at the page and at the WebSocket.
  const jn = await openJourney(browsers[3], server, 'online-session-stranger');
  await signIn(jn.page, JORDAN, server.password);
  const refused = await jn.page.goto(roomPath);
  assert.equal(refused.status(), 403, 'a stranger reached the room page');
  const cookies = await jn.context.cookies();
  assert.equal(await upgradeStatus(`${roomPath}/ws`, cookies), 403, 'a stranger reached the WebSocket');
  const opened = await jn.page.evaluate(
    (path) =>
      new Promise((resolve) => {
        const ws = new WebSocket(`ws://${location.host}${path}`);
        ws.onopen = () => resolve(true);
        ws.onclose = () => resolve(false);
      }),
    `${roomPath}/ws`,
  );
  assert.equal(opened, false, 'a stranger opened the WebSocket from the browser');
  // And Riley, who is in it, gets 101 from the same check.
  assert.equal(await upgradeStatus(`${roomPath}/ws`, await r.context.cookies()), 101);
  await jn.finish();
  // That check took Riley's connection over for a moment: her page reconnects.
  await r.page.waitForTimeout(2500);
  await r.page.waitForFunction(() => window.rapportRoom.admitted());
  await videoArrives(r.page, 2, 'riley after the check');

  // Riley goes offline for a moment: the room reconnects her.
  await r.context.setOffline(true);
  await r.page.waitForTimeout(2000);
  await r.context.setOffline(false);
  await r.page.waitForFunction(() => window.rapportRoom.admitted());
  await videoArrives(r.page, 2, 'riley after going offline');

  // Daniel saves Riley's first line to her record, then ends the session: the note opens.
  const line = d.page.locator('#chat-log li', { hasText: 'Hello, can you hear me?' });
  await line.getByRole('button', { name: /Save to record/ }).click();
  await line.getByText('Saved to the record').waitFor();
  d.page.once('dialog', (dialog) => dialog.accept());
  await submit(d.page, 'End the session');
  await expectPath(d.page, /^\/sessions\/[^/]+\/notes\/[^/]+$/, 'ending opens the progress note');
  await d.check('progress note after the room');
  await r.page.locator('#ended').waitFor({ state: 'visible' });
  await back.locator('#ended').waitFor({ state: 'visible' });

  // The session page offers attendance from who came, and shows the saved line.
  await d.goto(sessionPath, 'session after the room');
  const main = await d.page.locator('main').innerText();
  assert.match(main, /Came into the online room at/);
  assert.match(main, /Riley Chen: Hello, can you hear me\?|Riley: Hello, can you hear me\?/);
  // The room is closed now.
  const closed = await r.page.goto(roomPath);
  assert.equal(closed.status(), 403);

  await d.finish();
  await r.finish();
  await s.finish();
});
