// Each role signs in and opens every screen of every role area, in Debian's chromium (headless, through
// Playwright), and prints what it is offered:
//   MENU <role> <entries>          the main menu's entries (at a phone's width, after opening the Menu button if there is one)
//   OFFERS <role> <path> <names>   the mutations the screen's buttons would commit (their data-mutation), sorted, "-" for none
//   REFUSED <role> <path>          the screen says the part is not for this role (the area frame's alert)
//   PAGEERRORS ..., CONSOLE ...    uncaught script errors and console errors
// A button that opens a confirmation step for a mutation (a "Reject…" before the reason and the final "Reject")
// names that mutation in data-opens, and counts as offering it.
// usage: node roles.mjs http://host:port/ <accounts.json: [{ role, email, password }]> <paths.json: ["/organise", ...]>
import { readFile } from 'node:fs/promises';
import { launchChromium, flat } from './browser.mjs';

const [base, accountsFile, pathsFile] = process.argv.slice(2);
const accounts = JSON.parse(await readFile(accountsFile, 'utf8'));
const paths = JSON.parse(await readFile(pathsFile, 'utf8'));
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
/** One role's visit of every screen: the lines it prints, in order (the roles run side by side, each in its own context). */
async function visit({ role, email, password }) {
  const out = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${role}: ${e.message}`));
  // a refused request (403 from a field the role may not read) is the screen's business, not an error here
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 403/.test(m.text())) consoleErrors.push(`${role}: ${m.text()}`); });
  const url = (path) => new URL(path, base).toString();

  await page.goto(url('/sign-in'), { waitUntil: 'load' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 30000 });

  const nav = page.getByRole('navigation', { name: 'Main' });
  // the page after sign-in may still be loading its part, the frame hidden meanwhile (React keeps it with display:
  // none): read the menu once the page's heading shows, its entries hidden or not (folded on a phone)
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30000 });
  await nav.getByRole('button', { name: 'Sign out', includeHidden: true }).waitFor({ state: 'attached', timeout: 30000 });
  const toggle = nav.getByRole('button', { name: 'Menu' });
  if (await toggle.count() > 0) await toggle.click();
  out.push(`MENU ${role} ` + (await nav.getByRole('listitem', { includeHidden: true }).allTextContents()).map(flat).join(' | '));

  for (const path of paths) {
    await page.goto(url(path), { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 30000 });
    // let the screen's queries answer (a list's buttons appear with its rows)
    await page.waitForLoadState('networkidle');
    if (await page.getByRole('alert').filter({ hasText: 'This part is for' }).count() > 0) out.push(`REFUSED ${role} ${path}`);
    const offered = new Set(await page.locator('[data-mutation], [data-opens]').evaluateAll(
      (els) => els.map((e) => e.getAttribute('data-mutation') ?? e.getAttribute('data-opens'))));
    out.push(`OFFERS ${role} ${path} ` + ([...offered].filter(Boolean).sort().join(' ') || '-'));
  }
  await context.close();
  return out;
}

try {
  for (const lines of await Promise.all(accounts.map(visit))) for (const line of lines) console.log(line);
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
