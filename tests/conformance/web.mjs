// Uses the web client in Debian's chromium (headless, through Playwright) as a person would, finding things by
// role and label, and prints what they would see:
//   HOME ...            the home page's headings
//   AXE <page> ...      axe-core's serious and critical violations on a page ("none" when there are none)
//   INVALID ...         after sending the join form with a bad email: the email field's description (its error)
//   CONFIRMATION ...    after sending the form filled in properly: the confirmation
//   PAGEERRORS ...      uncaught script errors, CONSOLE ... console errors (CSP refusals show here)
// Screenshots of each page at 390x844 and 1280x800 go to the folder given.
//   ARTICLE ... / CAMPAIGN ...  the article and the campaign opened from the home page by their links
// usage: node web.mjs http://host:port/ <screenshot folder> <email> [--home-only | <article title> <campaign title>]
import { launchChromium, flat, axe as axeLine, screenshots } from './browser.mjs';

const [base, shots, email, mode, campaignTitle] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
try { journey: {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });

  const axe = (name) => axeLine(page, name);
  const shoot = (name) => screenshots(page, shots, name);

  // 1. the home page: its data loaded (the sections' headings, and an article or "no articles")
  await page.goto(base, { waitUntil: 'load' });
  await page.getByRole('heading', { name: 'Latest articles' }).waitFor({ timeout: 30000 });
  await page.getByRole('heading', { name: 'Current campaigns' }).waitFor({ timeout: 30000 });
  console.log('HOME ' + (await page.getByRole('heading').allTextContents()).map(flat).join(' | '));
  console.log('ALERTS ' + (await page.getByRole('alert').count()));
  await axe('home');
  await shoot('home');
  if (mode === '--home-only') break journey;

  // 2. an article and a campaign, opened by their links from the home page
  await page.getByRole('link', { name: mode }).click();
  await page.getByRole('heading', { level: 1, name: mode }).waitFor({ timeout: 30000 });
  const main = page.getByRole('main');
  const strong = await main.locator('strong').allTextContents();
  const literal = (await main.textContent()).includes('<script>');
  console.log(`ARTICLE ${flat(await main.locator('h1').textContent())} strong=${strong.join(',')} literal-html=${literal} script-ran=${await page.evaluate(() => window.pwned === 1)}`);
  await axe('article');
  await shoot('article');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('link', { name: campaignTitle }).click();
  await page.getByRole('heading', { name: 'Upcoming actions' }).waitFor({ timeout: 30000 });
  console.log('CAMPAIGN ' + flat(await main.textContent()));
  await axe('campaign');
  await shoot('campaign');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { name: 'Latest articles' }).waitFor({ timeout: 30000 });

  // 3. the join page, reached by its link
  await page.getByRole('main').getByRole('link', { name: /^Join/ }).click();
  await page.getByRole('heading', { name: 'Join Workers Power' }).waitFor({ timeout: 30000 });
  await page.getByLabel('Branch (optional)').locator('option').nth(1).waitFor({ state: 'attached', timeout: 30000 });
  console.log('BRANCHES ' + (await page.getByLabel('Branch (optional)').locator('option').allTextContents()).map(flat).join(' | '));
  await axe('join');
  await shoot('join');

  const fill = async (address) => {
    await page.getByLabel('First name').fill('Rosa');
    await page.getByLabel('Last name').fill('Worker');
    await page.getByLabel('Email').fill(address);
    await page.getByLabel('Phone (optional)').fill('+44 20 7946 0000');
    await page.getByLabel('Postcode').fill('E1 6AN');
    await page.getByLabel('Trade union (optional)').fill('Unite');
    await page.getByLabel('Workplace (optional)').fill('Bus garage');
    await page.getByLabel('Rank-and-file union work').check();
    await page.getByLabel('Palestine solidarity').check();
    await page.getByLabel('Other interests (optional)').fill('housing');
    await page.getByLabel('Branch (optional)').selectOption({ index: 1 });
    await page.getByLabel('Amount').fill('10');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByLabel('How often').selectOption('MONTHLY');
    await page.getByLabel(/I accept the programme/).check();
    await page.getByLabel(/I agree that Workers Power stores/).check();
  };

  // 4. an invalid form: the error next to its field, which points at it with aria-describedby
  await fill('not-an-email');
  await page.getByRole('button', { name: 'Send my application' }).click();
  const emailField = page.getByLabel('Email');
  await page.waitForFunction(() => document.getElementById('email')?.getAttribute('aria-invalid') === 'true', null, { timeout: 30000 });
  const described = await emailField.getAttribute('aria-describedby');
  const next = await page.evaluate(() => document.getElementById('email')?.nextElementSibling?.id ?? '');
  console.log(`INVALID ${flat(await page.locator(`#${described}`).textContent())} (describedby=${described}, next=${next})`);
  console.log('INVALIDALERT ' + flat(await page.getByRole('alert').first().textContent()));
  await axe('join-invalid');
  await shoot('join-invalid');

  // 5. the form filled in properly: the confirmation says what happens next
  await emailField.fill(email);
  await page.getByRole('button', { name: 'Send my application' }).click();
  const thanks = page.getByRole('heading', { name: /Thank you/ });
  await thanks.waitFor({ timeout: 30000 });
  console.log('CONFIRMATION ' + flat(await page.getByRole('main').textContent()));
  await axe('confirmation');
  await shoot('confirmation');
} } finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
