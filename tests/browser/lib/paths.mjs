import { fileURLToPath } from 'node:url';

/** tests/browser/artifacts/: screenshots and server logs (ignored by git). */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** docs/screenshots/: the pages kept for the docs when UPDATE_SCREENSHOTS is set. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
