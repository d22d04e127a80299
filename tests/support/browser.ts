import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium, headless, with everything that would phone home switched off.
 * Playwright gives each launch a fresh temporary profile.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The Taro page on screen (pages navigated away from stay in the DOM, hidden). */
export const visiblePage = (page: Page): Locator => page.locator('.taro_page_show');

export const byTestId = (scope: Locator, id: string): Locator => scope.locator(`[data-testid="${id}"]`);
