import { fileURLToPath } from 'node:url';

/** tests/browser/artifacts/: screenshots and server logs (ignored by git). */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
