/**
 * A journey's key pages: each one screenshotted whole and kept with the test's results (under
 * test-results/, attached to the test so reports show it), and checked with axe.
 */
import type { Page, TestInfo } from '@playwright/test';
import { expectAccessible } from './a11y';

/**
 * Keeps a full-page screenshot as `test-results/<test>-<project>/<name>.png` and fails the test
 * (softly: the journey goes on, so one run reports every page) on serious or critical accessibility
 * violations. Call it once the page shows what the journey came for.
 */
export async function keyPage(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Written beside the test's results (an attachment from memory is kept only by the HTML reporter).
  const path = testInfo.outputPath(`${name.replace(/[^\w-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled', caret: 'hide' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
  const violations = await expectAccessible(page, `${name} (${new URL(page.url()).pathname})`, { soft: true });
  if (violations.length) {
    await testInfo.attach(`${name}: axe violations`, {
      body: JSON.stringify(violations, null, 2),
      contentType: 'application/json',
    });
  }
}
