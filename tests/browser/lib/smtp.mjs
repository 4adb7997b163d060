// A real SMTP server on loopback for the e-mail journeys: Python's aiosmtpd (Debian's
// python3-aiosmtpd) with its Mailbox handler, which keeps every accepted message as a file in
// a maildir. `stop()` / `start()` simulate an outage on the same port.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server.mjs';

/** The Python that has aiosmtpd (`python3` on PATH may be another one). */
export const PYTHON = process.env.RAPPORT_SMTP_PYTHON || '/usr/bin/python3';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every sink started, so that none outlives the test process. */
const children = new Set();
process.on('exit', () => {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

function answers(port) {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Starts a sink; returns { url, port, messages(), waitFor(n, ms), header(m, name), stop(), start(), close() }. */
export async function startSmtpSink() {
  const port = await freePort();
  const root = await mkdtemp(join(tmpdir(), 'rapport-smtp-'));
  const maildir = join(root, 'mail');
  let child = null;
  const sink = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    async start() {
      if (child) return;
      child = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.add(child);
      child.once('exit', () => children.delete(child));
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
      const deadline = Date.now() + 15_000;
      while (!(await answers(port))) {
        if (child.exitCode !== null) throw new Error(`aiosmtpd stopped at start (apt-get install python3-aiosmtpd?): ${err}`);
        if (Date.now() > deadline) throw new Error(`aiosmtpd did not start: ${err}`);
        await sleep(50);
      }
    },
    async stop() {
      if (!child) return;
      const c = child;
      child = null;
      const gone = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await gone;
    },
    /** Every message accepted so far, as it arrived. */
    messages() {
      const out = [];
      for (const sub of ['new', 'cur']) {
        const dir = join(maildir, sub);
        if (!existsSync(dir)) continue;
        for (const f of readdirSync(dir).sort()) out.push(readFileSync(join(dir, f), 'utf8'));
      }
      return out;
    },
    /** Waits until at least `n` messages arrived (or `ms` passed); returns them all. */
    async waitFor(n, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = sink.messages();
        if (m.length >= n || Date.now() > deadline) return m;
        await sleep(100);
      }
    },
    async close() {
      await sink.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
  await sink.start();
  return sink;
}

/** The value of header `name` in a message (first occurrence, unfolded). */
export function header(message, name) {
  const text = message.replace(/\r\n/g, '\n');
  const head = text.split('\n\n')[0].replace(/\n[ \t]/g, ' ');
  for (const line of head.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0 && line.slice(0, i).trim().toLowerCase() === name.toLowerCase()) return line.slice(i + 1).trim();
  }
  return undefined;
}

/** The body of a message. */
export function body(message) {
  const text = message.replace(/\r\n/g, '\n');
  const i = text.indexOf('\n\n');
  return i < 0 ? '' : text.slice(i + 2);
}

/**
 * The words of a message's body without its links: quoted-printable soft line breaks joined,
 * then every URL removed. A check that the mail names nothing clinical reads this, since a
 * random unsubscribe token can spell "pHq" or "fLaG" by chance.
 */
export function wordsOfBody(message) {
  return body(message)
    .replace(/=\n/g, '')
    .replace(/https?:\/\/\S+/g, '');
}
