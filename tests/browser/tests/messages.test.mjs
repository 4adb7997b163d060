// Issue 16's secure messages in the browser, on one demo server:
// - Morgan Ellis (a client, on a 390 px phone) opens Messages: the notice that messages are not
//   watched around the clock is there with the crisis lines, and Daniel's office hours;
//   an empty message is sent back with its error; a message is sent and confirmed; a message
//   whose words speak of self-harm shows the crisis lines at once and says plainly that nobody
//   is told sooner;
// - Daniel Reyes (her clinician) sees the thread with unread messages in his list, opens it,
//   and replies;
// - Morgan's open thread picks the reply up by itself (a polite live region); opened again,
//   it shows that Daniel read hers.
// - Morgan's notification centre holds the reply's notice ("New message"), unread; opening it
//   leads to her thread.
// With UPDATE_SCREENSHOTS=1 the pages touched are saved to docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fieldError, fill, keepScreenshot, launchBrowser, openJourney, signIn, signInDemoStaff, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

const DANIEL = 'daniel.reyes@demo.rapport.test';
const MORGAN = 'morgan.ellis@demo.rapport.test';
const FIRST = 'I went to the climbing group on Thursday and stayed the whole evening.';
const HARD = 'Some nights I think everyone would be better off without me.';
const REPLY = 'That is a big step, Morgan. Thank you for telling me about the nights too: let us talk about them first on Tuesday.';

let server;
let browser;

before(async () => {
  server = await startDemoServer('messages');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a client writes to her clinician, sees the crisis lines for words of self-harm, and reads his reply', { timeout: 600_000 }, async () => {
  // Morgan, on a phone.
  const morgan = await openJourney(browser, server, 'messages-client', { phone: true });
  const { page } = morgan;
  await signIn(page, MORGAN, server.password);
  await expectPath(page, '/home', 'Morgan signs in');
  await page.goto('/messages');
  await morgan.check('messages');
  const notice = page.locator('#not-watched');
  assert.match(await notice.innerText(), /not watched around the clock/);
  assert.ok((await notice.getByRole('link', { name: 'Call 988' }).count()) >= 1, 'the crisis lines are on the thread');
  assert.match(await page.locator('#office-hours').innerText(), /Daniel Reyes/);
  assert.equal(await page.locator('#thread').getAttribute('aria-live'), 'polite', 'new messages are announced politely');
  await keepScreenshot(page, 'messages-client-phone');

  // An empty message: the error, on the field.
  await submit(page, 'Send message');
  const err = await fieldError(page, 'Write to your care team');
  assert.match(`${err.described} ${err.around}`, /Write a message before sending it/);
  assert.equal(err.invalid, 'true');

  // Sent.
  await fill(page, 'Write to your care team', FIRST);
  await submit(page, 'Send message');
  await morgan.check('message sent');
  assert.match(await page.locator('#sent').innerText(), /Message sent/);
  assert.match(await page.locator('#thread').innerText(), /climbing group/);
  assert.equal(await page.locator('#crisis-now').count(), 0, 'no crisis box for an ordinary message');

  // Words of self-harm: the crisis lines at once, and plainly no alert.
  await fill(page, 'Write to your care team', HARD);
  await submit(page, 'Send message');
  await morgan.check('message with words of self-harm');
  const help = page.locator('#crisis-now');
  assert.equal(await help.getAttribute('role'), 'alert');
  const words = await help.innerText();
  assert.match(words, /Your care team will read this, but not at once/);
  assert.match(words, /does not raise an alert/);
  assert.ok((await help.getByRole('link', { name: 'Call 988' }).count()) === 1);
  await keepScreenshot(page, 'messages-self-harm-phone', help);

  // Daniel: his list of threads, Morgan's unread, the thread, a reply.
  const daniel = await openJourney(browser, server, 'messages-clinician');
  await signInDemoStaff(daniel.page, DANIEL, server.password);
  await daniel.page.goto('/messages');
  await daniel.check('threads');
  const row = daniel.page.locator('li').filter({ hasText: 'Morgan Ellis' });
  assert.match(await row.first().innerText(), /unread/);
  await row.first().getByRole('link', { name: 'Morgan Ellis' }).click();
  await expectPath(daniel.page, /^\/clients\/[0-9a-f-]+\/messages$/, 'opening the thread');
  await daniel.check('thread');
  assert.match(await daniel.page.locator('#thread').innerText(), /better off without me/);
  await fill(daniel.page, 'Write to Morgan Ellis', REPLY);
  await submit(daniel.page, 'Send message');
  await daniel.check('reply sent');
  assert.match(await daniel.page.locator('#sent').innerText(), /Message sent/);
  await keepScreenshot(daniel.page, 'messages-clinician-thread', daniel.page.locator('#thread li').last());

  // Morgan, still on her thread: the reply arrives without a reload, into the polite live
  // region (the page checks every 30 seconds while it is in use).
  await page.keyboard.press('Shift');
  await page.waitForFunction(() => /first on Tuesday/.test(document.getElementById('thread')?.textContent || ''), null, { timeout: 60_000 });

  // Opened again: the reply, and that Daniel read hers.
  await page.goto('/messages');
  await morgan.check('reply');
  const thread = await page.locator('#thread').innerText();
  assert.match(thread, /let us talk about them first on Tuesday/);
  assert.match(thread, /Read by Daniel Reyes, LCSW/);
  await keepScreenshot(page, 'messages-client-reply-phone', page.locator('#thread li').last());

  // The reply's notice, in her notification centre: unread, and it leads to the thread.
  await page.goto('/notifications');
  await morgan.check('notification centre with the reply');
  const replyNotice = page.locator('.notice-list li.unread').filter({ hasText: 'New message' });
  assert.ok((await replyNotice.count()) >= 1, 'an unread "New message" notice');
  await replyNotice.first().getByRole('button', { name: 'New message' }).click();
  await expectPath(page, '/messages', 'the notice leads to the thread');

  await morgan.finish();
  await daniel.finish();
});
