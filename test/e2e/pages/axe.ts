import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core, the accessibility rules engine, run inside the page. Evaluated through the debugging protocol,
// so the app's content security policy (no inline scripts) stays as it ships.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One rule broken on the page: its id, its impact, how many elements and the first of them. */
export type AxeViolation = Readonly<{ id: string; impact: string; nodes: number; first: string }>;

/** The serious and critical violations of WCAG 2.1 A and AA (and axe's best practices) on the page as shown. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Result = {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } })
      .axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        nodes: v.nodes.length,
        first: JSON.stringify(v.nodes[0]?.target ?? []),
      }));
  });
}
