// The harness's own TOTP code against the RFC 6238 appendix B test vectors (SHA-1).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, hotp, totp } from '../lib/totp.mjs';

// "12345678901234567890" in base32.
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

test('base32 decoding ignores spaces and case', () => {
  assert.equal(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').toString('ascii'), '12345678901234567890');
});

test('RFC 4226 HOTP vectors', () => {
  const key = Buffer.from('12345678901234567890', 'ascii');
  assert.deepEqual([0, 1, 2, 9].map((c) => hotp(key, c)), ['755224', '287082', '359152', '520489']);
});

test('RFC 6238 TOTP vectors (SHA-1, 8 digits)', () => {
  const vectors = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [seconds, code] of vectors) assert.equal(totp(SECRET, seconds * 1000, 8), code, `at ${seconds}`);
  assert.equal(totp(SECRET, 59_000), '287082');
});
