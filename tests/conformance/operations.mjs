// The admin's Operations page (/admin/operations), in Debian's chromium (headless, through Playwright). An admin opens
// it from the admin's sub-navigation and reads the health summary, the figures, the projections, the slowest operations
// and the two charts of the last hour; Refresh reads again without moving anything; the page reads again by itself
// after 30 s. Prints:
//   ADMINNAV <links>                  the admin's sub-navigation
//   HEADINGS <level>:<text> | ...     the page's headings in order
//   SUMMARY <text>                    the health summary (role="status")
//   FIGURES <label>=<value> | ...     the message figures
//   MEANINGS <line> | ...             what each figure means, as written under it
//   DEADLINK <href>                   where the dead letters' link leads
//   PROJECTIONS <row> | ...           the projections table
//   SLOWESTHEAD <header cells>        the slowest operations' table header
//   SLOWEST <first row>               its first row
//   CHART <caption> rows=<table rows> cols=<table header>   each chart's table (the accessible content)
//   REFRESH moved=<px> fallback=<the loading message appeared> button=<its text after>
//   AUTOREFRESH requests=<GraphQL requests in the 30 s after the clock ran on>
//   AXE <page> ...  SIDEWAYS <page>  PAGEERRORS ...  CONSOLE ...
// Screenshots at 390x844 and 1280x800 go to the folder given, named admin-operations-<phase>.
// usage: node operations.mjs <base> <shots> <admin email> <password> <phase: well | attention>
import { launchChromium, flat, axe as axeLine, screenshots, signedInPage } from './browser.mjs';

const [base, shots, adminEmail, password, phase] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const wait = { timeout: 30000 };

async function narrow(page, name) {
  await page.setViewportSize({ width: 320, height: 700 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  if (wide) console.log(`SIDEWAYS ${name}`);
  await page.setViewportSize({ width: 390, height: 844 });
}

try {
  const page = await signedInPage(browser, base, '/admin', adminEmail, password, errors, consoleErrors);
  await page.clock.install();
  await page.getByRole('heading', { level: 1, name: 'Branches' }).waitFor(wait);
  const adminNav = page.getByRole('navigation', { name: 'Admin' });
  console.log('ADMINNAV ' + (await adminNav.getByRole('link').allInnerTexts()).map(flat).join(' | '));
  await adminNav.getByRole('link', { name: 'Operations' }).click();
  await page.getByRole('heading', { level: 1, name: 'Operations' }).waitFor(wait);
  const health = page.getByRole('region', { name: 'Health' });
  await health.waitFor(wait);
  const main = page.getByRole('main');
  const headings = await main.locator('h1, h2, h3, h4').evaluateAll((hs) => hs.map((h) => `${h.tagName.slice(1)}:${h.textContent.replace(/\s+/g, ' ').trim()}`));
  console.log('HEADINGS ' + headings.join(' | '));
  console.log(`SUMMARY ${flat(await health.getByRole('status').innerText())}`);

  const figures = page.getByRole('region', { name: 'Messages' }).locator('.ops-figure');
  const shown = [];
  const meanings = [];
  for (let i = 0; i < await figures.count(); i++) {
    const f = figures.nth(i);
    shown.push(`${flat(await f.locator('dt').innerText())}=${flat(await f.locator('.ops-figure__value').innerText())}`);
    meanings.push(flat(await f.locator('.ops-figure__meaning').innerText()));
  }
  console.log('FIGURES ' + shown.join(' | '));
  console.log('MEANINGS ' + meanings.join(' | '));
  console.log(`DEADLINK ${await page.getByRole('link', { name: 'Decide on dead letters' }).getAttribute('href')}`);
  const rows = async (region) => (await page.getByRole('region', { name: region }).locator('tbody tr').allInnerTexts()).map(flat);
  console.log('PROJECTIONS ' + (await rows('Projections')).join(' | '));
  const slowest = page.getByRole('region', { name: 'Slowest operations' });
  console.log('SLOWESTHEAD ' + (await slowest.locator('thead th').allInnerTexts()).map(flat).join(' | '));
  console.log(`SLOWEST ${(await rows('Slowest operations'))[0] ?? '-'}`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshots(page, shots, `admin-operations-${phase}`); // as it first shows: the minutes' figures folded
  const charts = page.getByRole('region', { name: 'The last hour, minute by minute' }).locator('figure');
  for (let i = 0; i < await charts.count(); i++) {
    const chart = charts.nth(i);
    // the 60 minutes' figures are folded under the chart: a person opens them
    await chart.locator('details:not([open]) > summary').click();
    console.log(`CHART ${flat(await chart.locator('figcaption').innerText())} rows=${await chart.locator('tbody tr').count()} cols=${(await chart.locator('thead th').allInnerTexts()).map(flat).join('/')}`);
  }
  await axeLine(page, `operations-${phase}`);
  await narrow(page, `operations-${phase}`);

  if (phase === 'attention') {
    // Refresh: the figures stay where they are while the server is asked again, and no loading message replaces them
    const messages = page.getByRole('heading', { level: 2, name: 'Messages' });
    await page.evaluate(() => window.scrollTo(0, 0)); // back to the top, where the button is, after opening the charts' figures
    const before = (await messages.boundingBox()).y;
    let fallback = false;
    const loading = page.getByText('Reading the platform’s state…');
    await page.getByRole('button', { name: 'Refresh' }).click();
    for (let i = 0; i < 20; i++) {
      if (await loading.count() > 0) fallback = true;
      if (flat(await page.locator('.ops-toolbar button').innerText()) === 'Refresh') break;
      await page.waitForTimeout(50);
    }
    await page.getByRole('button', { name: 'Refresh', exact: true }).waitFor(wait);
    const after = (await messages.boundingBox()).y;
    console.log(`REFRESH moved=${Math.abs(after - before)} fallback=${fallback ? 'yes' : 'no'} button=${flat(await page.locator('.ops-toolbar button').innerText())}`);

    // by itself after 30 s
    let requests = 0;
    page.on('request', (r) => { if (r.url().endsWith('/graphql') && r.method() === 'POST') requests++; });
    await page.clock.runFor(30_500);
    await page.waitForTimeout(500);
    console.log(`AUTOREFRESH requests=${requests}`);
  }
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
