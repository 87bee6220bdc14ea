import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findChromium, installCommand } from '@mnemo/devstack';

/** Where the run writes its screenshots of the console (ignored by git; see docs/console). */
export const screenshotDir = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'docs',
  'console',
  'screenshots',
);

/**
 * Debian's chromium, headless: the one `npm test` found or installed (MNEMO_CHROMIUM_PATH), else
 * one on this machine. No browser is an error, never a skip. Its resolver answers no name, so
 * the browser cannot reach beyond the machine either (as tools/jest/stay-on-machine.js does for
 * Node).
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath =
    process.env.MNEMO_CHROMIUM_PATH ?? (await findChromium({ pathEnv: process.env.PATH }));
  if (!executablePath) {
    throw new Error(
      `the console's browser tests need chromium: run them with npm test, which installs it, or ${installCommand(['chromium'], process.getuid?.() === 0)}`,
    );
  }
  const asRoot = process.getuid?.() === 0;
  return puppeteer.launch({
    executablePath,
    headless: true,
    args: [
      // Chromium refuses to start as root inside its own sandbox.
      ...(asRoot ? ['--no-sandbox'] : []),
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/**
 * The value of a JavaScript expression in the page. Written as text: it runs in the browser,
 * while this file is type-checked for Node (no DOM library).
 */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Waits until the keyboard focus is on the element `predicate` (a JavaScript expression over `element`) picks. */
export async function waitForFocus(page: Page, predicate: string): Promise<void> {
  await page.waitForFunction(
    `((element) => Boolean(element) && (${predicate}))(document.activeElement)`,
    {
      timeout: 5_000,
    },
  );
}

/** Waits until the page shows `text` somewhere, as a reader would see it. */
export async function waitForText(page: Page, text: string, timeout = 10_000): Promise<void> {
  await page.waitForFunction(`document.body.innerText.includes(${JSON.stringify(text)})`, {
    timeout,
  });
}

/** The visible texts of every element a selector matches. */
export function textsOf(page: Page, selector: string): Promise<string[]> {
  return inPage(
    page,
    `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.innerText.trim())`,
  );
}

/** The console's sign-in, typed and sent from the keyboard alone. */
export async function signIn(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/console`);
  // Focus starts on the page's heading; the key field is the next stop.
  await waitForFocus(page, "element.tagName === 'H1'");
  await page.keyboard.press('Tab');
  await waitForFocus(page, "element.id === 'api-key'");
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
}
