// What the browser tests share: Debian's chromium started headless through Playwright (no browser download),
// text flattened for one-line output, and axe-core's serious and critical violations as one printed line.
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

/** Debian's chromium (CHROMIUM overrides the path), headless, without the sandbox (tests run as root) or background traffic. */
export const launchChromium = () => chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** The text with its runs of white space made one space. */
export const flat = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Prints "AXE <name> none", or the serious and critical violations axe-core finds on the page. */
export async function axe(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`AXE ${name} ` + (bad.length ? bad.map((v) => `${v.id}(${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join(' | ') : 'none'));
}

/** Full-page screenshots <dir>/<name>-<width>x<height>.png at a phone's width and a desktop's, leaving the page at the phone's. */
export async function screenshots(page, dir, name) {
  for (const [w, h] of [[390, 844], [1280, 800]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${dir}/${name}-${w}x${h}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

/**
 * A new phone-sized browser context signed in through the sign-in page that `path` sends a signed-out person to;
 * its uncaught script errors and console errors go into the arrays given. Returns the page once "Sign in" is pressed.
 */
export async function signedInPage(browser, base, path, email, password, errors, consoleErrors) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(new URL(path, base).toString(), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30000 });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  return page;
}
