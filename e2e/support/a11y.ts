/**
 * The accessibility check of every key page: axe-core against WCAG 2 A and AA. Serious and critical
 * violations fail the test, listed so they can be fixed without opening a report: the rule, its
 * impact, what it asks for and the elements that break it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Result } from 'axe-core';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Impacts that fail the check; minor and moderate ones are left to review. */
const FAILING = new Set(['serious', 'critical']);

/** The serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.filter((violation) => FAILING.has(violation.impact ?? ''));
}

/** `color-contrast (serious): Elements must meet minimum color contrast ratio thresholds`, then each element. */
export function describeViolation(violation: Result): string {
  const targets = violation.nodes.map((node) => `    at ${node.target.join(' ')}`);
  return [`${violation.id} (${violation.impact}): ${violation.help} — ${violation.helpUrl}`, ...targets].join('\n');
}

/**
 * Fails when axe finds serious or critical violations on the page; `soft` lets the test go on (so
 * one run reports every page of a journey) and fails it at the end.
 */
export async function expectAccessible(page: Page, where: string, { soft = false } = {}): Promise<Result[]> {
  const violations = await seriousViolations(page);
  const check = soft ? expect.soft : expect;
  check(violations.map(describeViolation), `no serious or critical accessibility violations on ${where}`).toEqual([]);
  return violations;
}
