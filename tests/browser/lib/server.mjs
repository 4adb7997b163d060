// Starts a real Rapport server (`rapport demo`) on a free loopback port in a fresh data
// directory, parses what it prints, and stops it with SIGTERM.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS } from './paths.mjs';

const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache', 'rapport-target');
export const RAPPORT_BIN = process.env.RAPPORT_BIN || join(targetDir, 'debug', 'rapport');

/** Seconds to wait for the server to say it is listening (debug builds hash passwords slowly). */
const START_TIMEOUT_MS = Number(process.env.RAPPORT_START_TIMEOUT_MS || 120_000);
const STOP_TIMEOUT_MS = 15_000;

/**
 * libfaketime's preload library (Debian package `libfaketime`, pulled in by `faketime`): with
 * it a test can move the server's wall clock (see `faketimeFile` of `startDemoServer`).
 */
export const FAKETIME_LIB = process.env.FAKETIME_LIB || '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

/** Every child we start, so that none outlives the test process. */
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function requireBinary() {
  if (!existsSync(RAPPORT_BIN)) {
    throw new Error(
      `The rapport binary is not at ${RAPPORT_BIN}. Build it with \`cargo build -p rapport\` ` +
        '(CARGO_TARGET_DIR decides where it goes) or point RAPPORT_BIN at it.',
    );
  }
}

/**
 * Parses the demo's stdout: the URL, the shared password, and the sign-ins, one a line,
 * each a role word followed (somewhere) by an e-mail address.
 */
export function parseDemoOutput(text) {
  const url = text.match(/Rapport demo is running at (http:\/\/[^\s]+)/)?.[1]?.replace(/[/.,;]+$/, '');
  const password = text.match(/Password for every demo account:\s*(\S+)/)?.[1];
  const accounts = [];
  for (const line of text.split(/\r?\n/)) {
    if (/running at|Password for every demo account/.test(line)) continue;
    const email = line.match(/[^\s<>()"',;:]+@[^\s<>()"',;:]+\.[A-Za-z]+/)?.[0];
    if (!email) continue;
    const before = line.slice(0, line.indexOf(email)).trim();
    const role = (before.match(/[A-Za-z][\w-]*/)?.[0] || '').toLowerCase();
    accounts.push({ role, email, line: line.trim() });
  }
  return { url, password, accounts };
}

/**
 * Starts `rapport demo`. `name` names the log file in artifacts/.
 * With `faketimeFile` (a path), the server runs under libfaketime and its wall clock is offset
 * by what that file says (`+0` is written before the start; write e.g. `+1d` to move the
 * clock a day forward; it is read again on every clock reading). Monotonic time stays real.
 * Returns { url, host, dataDir, password, accounts, account(role), createUser(), stop(), output() }.
 */
export async function startDemoServer(name, { faketimeFile } = {}) {
  requireBinary();
  const faketimeEnv = {};
  if (faketimeFile) {
    if (!existsSync(FAKETIME_LIB)) {
      throw new Error(`No libfaketime at ${FAKETIME_LIB}: apt-get install -y faketime (or set FAKETIME_LIB).`);
    }
    await writeFile(faketimeFile, '+0\n');
    Object.assign(faketimeEnv, {
      LD_PRELOAD: FAKETIME_LIB,
      FAKETIME_TIMESTAMP_FILE: faketimeFile,
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    });
  }
  const root = await mkdtemp(join(tmpdir(), `rapport-${name}-`));
  const dataDir = join(root, 'data');
  await mkdir(dataDir);
  await mkdir(ARTIFACTS, { recursive: true });
  const port = await freePort();
  const bind = `127.0.0.1:${port}`;
  const log = createWriteStream(join(ARTIFACTS, `${name}-server.log`));

  const child = spawn(RAPPORT_BIN, ['demo', '--data', dataDir, '--bind', bind], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_BACKTRACE: '1', NO_COLOR: '1', ...faketimeEnv },
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    log.write(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    log.write(chunk);
  });
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });

  const tail = () => `\n--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  const ready = await new Promise((resolve) => {
    const deadline = setTimeout(() => resolve({ error: `did not print its address within ${START_TIMEOUT_MS} ms` }), START_TIMEOUT_MS);
    const check = () => {
      const parsed = parseDemoOutput(stdout);
      if (parsed.url && parsed.password) {
        clearTimeout(deadline);
        // The sign-ins follow the address line; give the rest of the block a moment to arrive.
        setTimeout(() => resolve({ parsed: parseDemoOutput(stdout) }), 300);
        child.stdout.off('data', check);
      }
    };
    child.stdout.on('data', check);
    exited.then(({ code, signal }) => {
      clearTimeout(deadline);
      resolve({ error: `exited early (code ${code}, signal ${signal})` });
    });
  });
  if (ready.error) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`rapport demo --data ${dataDir} --bind ${bind} ${ready.error}${tail()}`);
  }

  const { url: printedUrl, password, accounts } = ready.parsed;
  const url = new URL(printedUrl).origin;
  if (new URL(url).port !== String(port)) {
    throw new Error(`rapport demo printed ${printedUrl} but was asked to bind ${bind}${tail()}`);
  }
  await waitUntilServing(url);

  return {
    url,
    host: new URL(url).host,
    dataDir,
    password,
    accounts,
    output: () => stdout,
    /** The first demo account whose role word is `role`. */
    account(role) {
      const found = accounts.find((a) => a.role === role) || accounts.find((a) => a.line.toLowerCase().includes(role));
      if (!found) throw new Error(`rapport demo printed no ${role} sign-in; it printed:\n${stdout}`);
      return { ...found, password };
    },
    /** `rapport admin create-user`, password on standard input, against the running server's data. */
    createUser({ role, email, name: personName, password: pw }) {
      return runCli(['admin', 'create-user', '--data', dataDir, '--role', role, '--email', email, '--name', personName], `${pw}\n`);
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        const { code, signal } = await exited;
        clearTimeout(timer);
        log.end();
        if (!process.env.KEEP_DATA) await rm(root, { recursive: true, force: true });
        if (signal === 'SIGKILL') throw new Error(`rapport did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM${tail()}`);
        if (code !== 0 && signal !== 'SIGTERM') throw new Error(`rapport exited with code ${code} after SIGTERM${tail()}`);
        // A page that asked for a message no language has showed its key instead. The file
        // fails by its exit code, not a throw: the caller's other clean-ups still run.
        const missing = `${stdout}\n${stderr}`.split('\n').filter((l) => l.includes('no such FTL message'));
        if (missing.length) {
          console.error(`pages asked for FTL messages that do not exist:\n${[...new Set(missing)].join('\n')}`);
          process.exitCode = 1;
        }
      } else {
        log.end();
        const { code, signal } = await exited;
        throw new Error(`rapport had already exited (code ${code}, signal ${signal}) before the end of the tests${tail()}`);
      }
    },
  };
}

/** Polls until the server answers HTTP (it printed its address, so this is normally at once). */
async function waitUntilServing(url) {
  const deadline = Date.now() + 20_000;
  let last;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/crisis`, { redirect: 'manual' });
      await response.arrayBuffer();
      return;
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${url} does not answer: ${last}`);
}

/** Runs the rapport binary with `input` on standard input; resolves to { stdout, stderr }. */
export function runCli(args, input = '') {
  requireBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(RAPPORT_BIN, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`rapport ${args.join(' ')} failed (code ${code}, signal ${signal})\n${stdout}\n${stderr}`));
    });
    child.stdin.on('error', () => {}); // the process may exit before reading
    child.stdin.end(input);
  });
}
