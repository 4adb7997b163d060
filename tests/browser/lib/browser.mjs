// Headless Debian Chromium through playwright-core, and a "journey": one browser context
// in which every page visited is screenshotted, checked with axe, and checked for the
// things every Rapport page has (a "Crisis help" link, the demo banner).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { axeCheck } from './axe.mjs';
import { ARTIFACTS, SCREENSHOTS } from './paths.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
/** Playwright's per-action timeout: debug builds hash passwords slowly on 2 cores. */
const ACTION_TIMEOUT_MS = 60_000;

/**
 * Launches headless Chromium. `args` adds flags, e.g. fake camera and microphone for the online
 * session journey (`MEDIA_FLAGS`).
 */
export async function launchBrowser({ args = [] } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_BIN).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...args,
    ],
  });
}

/** A fake camera and microphone that need no permission prompt (WebRTC journeys). */
export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

/**
 * A full-page screenshot. Chromium now and then answers "Unable to capture screenshot" while a
 * page is still settling on a busy 2-core machine (it failed one CI run in December 2026); the
 * screenshot is an artifact, not a check, so it is tried again a few times before failing.
 */
export async function screenshot(page, file, options = { fullPage: true }) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.screenshot({ path: file, ...options });
      return;
    } catch (error) {
      if (attempt >= 3 || !/Unable to capture screenshot/.test(String(error))) throw error;
      await page.waitForTimeout(250 * attempt);
    }
  }
}

const slug = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The path of the page's current URL. */
export const pathOf = (page) => new URL(page.url()).pathname;

/**
 * Opens a fresh browser context (no cookies) for one journey against `server`.
 * `name` becomes the folder of its screenshots: artifacts/<name>/NN-<page>.png.
 */
export async function openJourney(browser, server, name, { phone = false } = {}) {
  const context = await browser.newContext({
    viewport: phone ? PHONE : DESKTOP,
    deviceScaleFactor: phone ? 2 : 1,
    isMobile: phone,
    hasTouch: phone,
    baseURL: server.url,
    locale: 'en-US',
  });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  const page = await context.newPage();
  const dir = join(ARTIFACTS, slug(name));
  await mkdir(dir, { recursive: true });

  const problems = { axe: [], pageErrors: [], csp: [], foreign: [], broken: [], consoleErrors: [] };
  page.on('pageerror', (error) => problems.pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Content Security Policy/i.test(text)) problems.csp.push(text);
    // A form answered 401/422 or a page 404 is logged like this; subresources are checked below.
    else if (!/^Failed to load resource/.test(text)) problems.consoleErrors.push(text);
  });
  // A stylesheet, script, image or font of the page that does not load is a fault; the page
  // itself may answer 4xx (a form with errors), and Chromium asks for /favicon.ico on its own.
  context.on('response', (response) => {
    const request = response.request();
    if (request.isNavigationRequest() || response.status() < 400) return;
    // Rapport's service worker fetches pages for the browser (issue 21): its request for a page
    // answered 4xx is that navigation; a subresource it fetches is also seen from the page.
    if (request.serviceWorker()) return;
    if (new URL(request.url()).pathname === '/favicon.ico') return;
    problems.broken.push(`${response.status()} ${request.method()} ${request.url()}`);
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return;
    if (url.host !== server.host) problems.foreign.push(`${request.method()} ${request.url()}`);
  });

  let shot = 0;
  const visited = [];

  const journey = {
    page,
    context,
    visited,
    problems,
    /** Goes to `path` (relative to the server) and checks the page (see `check`). */
    async goto(path, label) {
      await page.goto(path);
      await journey.check(label);
    },
    /**
     * The checks for every page visited: screenshot, axe (serious/critical violations are
     * collected and fail the test at `finish`), a "Crisis help" link to /crisis, the demo banner.
     */
    async check(label) {
      await page.waitForLoadState('load');
      shot += 1;
      const file = join(dir, `${String(shot).padStart(2, '0')}-${slug(label)}.png`);
      await screenshot(page, file);
      visited.push({ label, path: pathOf(page), file });

      const where = `${name} / ${label} (${pathOf(page)})`;
      const { failures, report } = await axeCheck(page, where);
      if (failures.length) {
        console.log(report);
        problems.axe.push(report);
      }

      const crisis = page.getByRole('link', { name: 'Crisis help' });
      assert.ok((await crisis.count()) >= 1, `${where}: no link named "Crisis help"`);
      const href = await crisis.first().getAttribute('href');
      assert.equal(new URL(href, page.url()).pathname, '/crisis', `${where}: "Crisis help" goes to ${href}`);
      const text = await page.locator('body').innerText();
      assert.match(text, /demo/i, `${where}: no demo banner (no text containing "demo")`);

      if (phone) {
        // WCAG 1.4.10 reflow: nothing should need sideways scrolling on a 390 px wide phone.
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        assert.ok(scrollWidth <= innerWidth + 1, `${where}: page is ${scrollWidth}px wide on a ${innerWidth}px phone screen`);
      }
    },
    /** Closes the context; fails on axe violations, script errors, CSP reports or requests to other hosts. */
    async finish() {
      await context.close();
      const messages = [];
      if (problems.axe.length) messages.push(...problems.axe);
      if (problems.pageErrors.length) messages.push(`script errors:\n  ${problems.pageErrors.join('\n  ')}`);
      if (problems.csp.length) messages.push(`Content-Security-Policy reports:\n  ${problems.csp.join('\n  ')}`);
      if (problems.foreign.length) messages.push(`requests to hosts other than ${server.host}:\n  ${problems.foreign.join('\n  ')}`);
      if (problems.broken.length) messages.push(`resources that failed to load:\n  ${problems.broken.join('\n  ')}`);
      if (problems.consoleErrors.length) console.log(`note: console errors in ${name}:\n  ${problems.consoleErrors.join('\n  ')}`);
      assert.ok(messages.length === 0, `${name}:\n${messages.join('\n\n')}`);
    },
  };
  return journey;
}

/**
 * The form field with accessible label `label`: an exact match if there is one, else the
 * single field whose label starts with it (a label may carry a hint, e.g. "Password (10+ …)").
 */
export async function field(page, label) {
  const exact = page.getByLabel(label, { exact: true });
  if ((await exact.count()) >= 1) return exact.first();
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const loose = page.getByLabel(new RegExp(`^\\s*${escaped}`, 'i'));
  const n = await loose.count();
  assert.ok(n >= 1, `${pathOf(page)}: no field labelled "${label}"`);
  return loose.first();
}

/** Fills the field labelled `label`. */
export async function fill(page, label, value) {
  await (await field(page, label)).fill(value);
}

/** Clicks the button named `name` and waits for the page it leads to (redirects followed). */
export async function submit(page, name) {
  const button = page.getByRole('button', { name, exact: true });
  assert.ok((await button.count()) >= 1, `${pathOf(page)}: no button named "${name}"`);
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await button.first().click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Clicks the link named `name` and waits for the page. */
export async function follow(page, name) {
  const link = page.getByRole('link', { name, exact: true });
  assert.ok((await link.count()) >= 1, `${pathOf(page)}: no link named "${name}"`);
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await link.first().click();
  await navigated;
  await page.waitForLoadState('load');
}

/** Waits until the URL's path is `path` (or matches it, for a RegExp). */
export async function expectPath(page, path, why = '') {
  try {
    await page.waitForURL((url) => (path instanceof RegExp ? path.test(url.pathname) : url.pathname === path), { timeout: 10_000 });
  } catch {
    assert.fail(`${why ? `${why}: ` : ''}expected to be on ${path}, but on ${page.url()}`);
  }
}

/** The text of the page's first h1. */
export async function heading(page) {
  const h1 = page.getByRole('heading', { level: 1 });
  assert.ok((await h1.count()) >= 1, `${pathOf(page)}: no h1`);
  return (await h1.first().innerText()).trim();
}

/**
 * The error message shown for the field labelled `label`: the text the field points at with
 * aria-describedby / aria-errormessage, else the other text of the field's own wrapper.
 */
export async function fieldError(page, label) {
  const input = await field(page, label);
  return input.evaluate((el) => {
    const ids = `${el.getAttribute('aria-errormessage') || ''} ${el.getAttribute('aria-describedby') || ''}`
      .split(/\s+/)
      .filter(Boolean);
    const described = ids
      .map((id) => document.getElementById(id)?.textContent?.trim() || '')
      .filter(Boolean)
      .join(' ');
    const wrapper = el.closest('p, div, li, fieldset');
    let around = '';
    if (wrapper) {
      const copy = wrapper.cloneNode(true);
      for (const l of copy.querySelectorAll('label, input, select, textarea')) l.remove();
      around = copy.textContent.replace(/\s+/g, ' ').trim();
    }
    return { described, around, invalid: el.getAttribute('aria-invalid') };
  });
}

/** Signs out with the navigation's "Sign out" button (opening a menu first if it is folded away). */
export async function signOut(page) {
  // On a phone the navigation is folded into "Menu" (a <details> or a button): open it first.
  if ((await page.getByRole('button', { name: 'Sign out' }).count()) === 0) {
    const menu = page.locator('summary, button').filter({ hasText: /^\s*menu\b/i });
    if ((await menu.count()) >= 1) await menu.first().click();
  }
  let button = page.getByRole('navigation').getByRole('button', { name: 'Sign out' });
  if ((await button.count()) === 0) button = page.getByRole('button', { name: 'Sign out' });
  assert.ok((await button.count()) >= 1, `${pathOf(page)}: no "Sign out" button`);
  const navigated = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() });
  await button.first().click();
  await navigated;
  await page.waitForLoadState('load');
  const path = pathOf(page);
  assert.ok(path === '/' || path === '/login', `after "Sign out" expected / or /login, on ${page.url()}`);
}

/** After signing out: /home must send the person to /login. */
export async function expectSignedOut(page) {
  await page.goto('/home');
  await expectPath(page, '/login', 'GET /home when signed out');
}

/** Fills the sign-in form and submits it (the caller checks where it lands). */
export async function signIn(page, email, password) {
  if (pathOf(page) !== '/login') await page.goto('/login');
  await fill(page, 'E-mail address', email);
  await fill(page, 'Password', password);
  await submit(page, 'Sign in');
}

/** The time step of each demo staff sign-in, by server and e-mail: a code is good only once. */
const staffSteps = new Map();

/**
 * Signs a demo clinician or administrator in: the password, then the current code that the
 * demo's sign-in page shows for them (waiting for a fresh 30-second step first, and, if the
 * same person signed in to the same server moments ago, for a later step than that one: the
 * server refuses a code from a step already used).
 */
export async function signInDemoStaff(page, email, password) {
  const { waitForRoomInStep, secondsLeftInStep, stepAt } = await import('./totp.mjs');
  await page.goto('/login');
  const key = `${new URL(page.url()).origin} ${email}`;
  const used = staffSteps.get(key);
  while (used !== undefined && stepAt() <= used) {
    await new Promise((resolve) => setTimeout(resolve, Math.ceil(secondsLeftInStep() * 1000) + 250));
  }
  staffSteps.set(key, await waitForRoomInStep(5));
  await page.goto('/login');
  const row = page.getByRole('row').filter({ hasText: email });
  const text = (await row.first().innerText()).replace(email, ' ');
  const code = text.match(/(?<!\d)(\d{6})(?!\d)/);
  assert.ok(code, `no code for ${email} on the demo sign-in page`);
  await signIn(page, email, password);
  await fill(page, 'Code from your authenticator app', code[1]);
  await submit(page, 'Verify');
  await expectPath(page, '/home', `${email} after the code`);
}

/**
 * Saves the first screen of the page (or the screen around `at`, a locator), at CSS pixels, to
 * docs/screenshots/ when UPDATE_SCREENSHOTS is set.
 */
export async function keepScreenshot(page, name, at = null) {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  // Instantly: the page scrolls smoothly, and a screenshot would catch it on the way.
  if (at) await at.evaluate((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }));
  else await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
  await screenshot(page, join(SCREENSHOTS, `${name}.png`), { scale: 'css' });
}
