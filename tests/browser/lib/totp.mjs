// RFC 6238 time-based one-time passwords (HMAC-SHA-1, 6 digits, 30 s step), as the
// server and every authenticator app compute them. No dependency: node's crypto only.
import { createHmac } from 'node:crypto';

export const STEP_SECONDS = 30;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32; spaces, dashes and padding are ignored, case does not matter. */
export function base32Decode(text) {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new Error(`not a base32 character: ${JSON.stringify(ch)} in ${JSON.stringify(text)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** HOTP (RFC 4226) for a key given as bytes. */
export function hotp(key, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step that `timeMs` falls in. */
export function stepAt(timeMs = Date.now()) {
  return Math.floor(timeMs / 1000 / STEP_SECONDS);
}

/** The 6-digit code for a base32 secret at `timeMs` (default: now). */
export function totp(secretBase32, timeMs = Date.now(), digits = 6) {
  return hotp(base32Decode(secretBase32), stepAt(timeMs), digits);
}

/** Seconds left in the current time step. */
export function secondsLeftInStep(timeMs = Date.now()) {
  return STEP_SECONDS - ((timeMs / 1000) % STEP_SECONDS);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits, if needed, until a code can be typed and submitted well inside its time step
 * (at least `margin` seconds left), and until the step is later than `afterStep` (a server
 * may refuse a code from a step that was already used, as RFC 6238 §5.2 recommends).
 * Returns { code, step }.
 */
export async function freshCode(secretBase32, { afterStep = -1, margin = 5 } = {}) {
  for (;;) {
    const now = Date.now();
    const step = stepAt(now);
    if (step > afterStep && secondsLeftInStep(now) >= margin) {
      return { code: totp(secretBase32, now), step };
    }
    await sleep(Math.ceil(secondsLeftInStep(now) * 1000) + 250);
  }
}

/** Waits until at least `margin` seconds are left in the current step; returns the step. */
export async function waitForRoomInStep(margin = 5) {
  for (;;) {
    const now = Date.now();
    if (secondsLeftInStep(now) >= margin) return stepAt(now);
    await sleep(Math.ceil(secondsLeftInStep(now) * 1000) + 250);
  }
}
