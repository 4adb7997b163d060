// Issue 15, part 1 (family access), on one demo server:
// - Alex Morgan opens "Family and friends": her sister Jess (from the demo) is there with what
//   she can see and when she last looked;
// - Alex invites her brother Robin to read the pages for family and her safety plan; the link
//   is shown once, with a copy button;
// - Robin opens the link, sees who invited him and what he will see, and signs up; his home
//   links to each granted scope; he reads the safety plan;
// - Alex takes the safety plan back; Robin's next look is refused;
// - Jess (demo) and Pat (demo, safety plan revoked) each see only what is theirs.
// Every page is checked with axe; with UPDATE_SCREENSHOTS=1 the key pages are saved to
// docs/screenshots/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { expectPath, fill, keepScreenshot, launchBrowser, openJourney, signIn, submit } from '../lib/browser.mjs';
import { startDemoServer } from '../lib/server.mjs';

let server;
let browser;

before(async () => {
  server = await startDemoServer('family');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const byName = (name) => {
  const a = server.accounts.find((x) => x.line.includes(name));
  assert.ok(a, `the demo printed no sign-in for ${name}`);
  return a;
};

test('a client invites her brother, he joins and reads, she takes a scope back and his next look is refused', { timeout: 600_000 }, async () => {
  const alex = byName('Alex Morgan');
  const c = await openJourney(browser, server, 'family-client', { phone: true });
  await signIn(c.page, alex.email, server.password);
  await expectPath(c.page, '/home', 'Alex after signing in');
  await c.page.getByRole('link', { name: 'Family and friends: who can see what' }).click();
  await c.check('family and friends');
  const jess = c.page.locator('article.member').filter({ hasText: 'Jess Morgan' });
  assert.equal(await jess.count(), 1, 'Jess is listed');
  assert.match(await jess.innerText(), /last looked/);
  await keepScreenshot(c.page, 'family-client-members');

  await fill(c.page, 'Their name', 'Robin Morgan');
  const robinEmail = `robin.${Date.now()}@example.org`;
  await fill(c.page, 'Their e-mail address', robinEmail);
  await fill(c.page, 'Who they are to you', 'brother');
  const invite = c.page.locator('#invite');
  await invite.getByRole('checkbox', { name: 'Pages to read' }).check();
  await invite.getByRole('checkbox', { name: 'Safety plan' }).check();
  await submit(c.page, 'Make an invitation link');
  await c.check('the invitation link');
  const link = await c.page.locator('#invite-link').inputValue();
  assert.match(link, /\/join\/[A-Za-z0-9_-]{20,}$/);
  assert.ok(await c.page.getByRole('button', { name: 'Copy the link' }).isVisible());
  await keepScreenshot(c.page, 'family-access-invitation-link', c.page.locator('#invitation-link'));

  // Robin joins through the link.
  const r = await openJourney(browser, server, 'family-invitee', { phone: true });
  await r.goto(new URL(link).pathname, 'the join page');
  const text = await r.page.locator('main').innerText();
  assert.match(text, /Alex invited you/);
  assert.match(text, /Safety plan/);
  assert.doesNotMatch(text, /Warning signs/);
  await keepScreenshot(r.page, 'family-join');
  await fill(r.page, 'Password', 'blue teapot harbour');
  await submit(r.page, 'Create my account');
  await expectPath(r.page, '/home', 'Robin after joining');
  await r.check('the family home');
  await keepScreenshot(r.page, 'family-home');
  await r.page.getByRole('link', { name: 'Safety plan' }).click();
  await r.check('the safety plan, read-only');
  const planPath = new URL(r.page.url()).pathname;
  assert.match(await r.page.locator('h1').innerText(), /Alex's safety plan/);

  // Alex takes the safety plan back; Robin's next look is refused.
  await c.goto('/family', 'family and friends again');
  const robin = c.page.locator('article.member').filter({ hasText: 'Robin Morgan' });
  await robin.getByRole('checkbox', { name: 'Safety plan' }).uncheck();
  await robin.getByRole('button', { name: 'Save what Robin Morgan can see' }).click();
  await expectPath(c.page, '/family', 'after saving');
  await c.check('saved');
  const refused = await r.page.goto(planPath);
  assert.equal(refused.status(), 403);
  await r.goto('/home', 'the family home after the change');
  assert.equal(await r.page.getByRole('link', { name: 'Safety plan' }).count(), 0);
  await c.finish();
  await r.finish();
});

test('the demo families see only what each was given', { timeout: 300_000 }, async () => {
  const j = await openJourney(browser, server, 'family-jess');
  await signIn(j.page, byName('Jess Morgan').email, server.password);
  await expectPath(j.page, '/home', 'Jess after signing in');
  await j.check('Jess at home');
  await j.page.getByRole('link', { name: 'Warning signs and what helps' }).click();
  await j.check("Alex's warning signs");
  assert.match(await j.page.locator('main').innerText(), /Staying in bed past ten/);
  await keepScreenshot(j.page, 'family-warning-signs');
  await j.finish();

  const p = await openJourney(browser, server, 'family-pat');
  await signIn(p.page, byName('Pat Ellis').email, server.password);
  await expectPath(p.page, '/home', 'Pat after signing in');
  await p.check('Pat at home');
  assert.equal(await p.page.getByRole('link', { name: 'Safety plan' }).count(), 0, 'revoked');
  await p.page.getByRole('link', { name: 'Pages for family' }).click();
  await p.check('pages for family');
  await p.finish();
});
