import type { Browser, Page } from 'playwright-core';
import { DEMO_OFFICER_PASSWORD } from '../../dev/src/seed-officers';
import { demoOfficerCode } from './officer-login';
import type { TestStack } from './test-stack';

/**
 * Signs a demo officer in to the console as a person would: username, password and the current
 * TOTP code. Waits for `ready` (a test id of the signed-in page, the logout button by default).
 */
export async function signInToConsole(page: Page, stack: TestStack, username: string, ready = 'logout'): Promise<void> {
  const desk = (id: string) => page.locator(`[data-testid="${id}"]`);
  await page.goto(`${stack.consoleUrl}/#/login`);
  await desk('login-username').fill(username);
  await desk('login-password').fill(DEMO_OFFICER_PASSWORD);
  await desk('login-code').fill(await demoOfficerCode(stack, username));
  await desk('login-submit').click();
  await desk(ready).waitFor();
}

/** A console tab of its own (a fresh browser context, so no session carries over), signed in. */
export async function consolePageAs(
  browser: Browser,
  stack: TestStack,
  username: string,
  pageErrors: string[],
  ready = 'logout',
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signInToConsole(page, stack, username, ready);
  return page;
}
