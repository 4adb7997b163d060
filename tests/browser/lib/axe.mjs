// axe-core accessibility check of the page as it is now.
import { AxeBuilder } from '@axe-core/playwright';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** Readable text for a list of axe violations: rule, impact, help, and each offending node. */
export function formatViolations(violations, where) {
  const lines = [];
  for (const v of violations) {
    lines.push(`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const node of v.nodes) {
      lines.push(`    at ${node.target.join(' ')}`);
      lines.push(`      ${node.html.replace(/\s+/g, ' ').slice(0, 400)}`);
      if (node.failureSummary) {
        for (const line of node.failureSummary.split('\n')) lines.push(`      ${line.trim()}`);
      }
    }
  }
  return `${where}: ${violations.length} accessibility violation(s)\n${lines.join('\n')}`;
}

/**
 * Runs axe with the WCAG 2.0/2.1 A and AA rules. Violations of impact serious or critical
 * are returned as `failures` (the caller fails the test); the others are printed as notes.
 */
export async function axeCheck(page, where) {
  // A colour scheme switched just before (dark mode) starts the buttons' 0.15 s colour
  // transitions; a contrast read in the middle of one sees a colour the page never rests on.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))));
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const failures = results.violations.filter((v) => FAILING_IMPACTS.has(v.impact));
  const minor = results.violations.filter((v) => !FAILING_IMPACTS.has(v.impact));
  if (minor.length > 0) console.log(`note: ${formatViolations(minor, where)}`);
  return { failures, report: failures.length ? formatViolations(failures, where) : '' };
}
