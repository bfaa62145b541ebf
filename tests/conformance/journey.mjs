// A new person's whole way in, in Debian's chromium (headless, through Playwright), in two runs with an organiser's
// approval (through the API, by the test) between them:
//   apply:  home page → "Join" → the form → the confirmation. Prints
//     APPLIED <path> | <confirmation text>
//   member: the invitation mail's link → a password (signed in) → sign out → sign in → my participation changed →
//     the campaign page: sign up, while a second browser (signed out) on the same page sees the count move without
//     a reload → my data downloaded → sign out. Prints
//     ACTIVATED <h1> | <nav>       after setting the password from the invitation's link
//     SIGNEDIN <path> | <nav>      after signing out and in again through the sign-in page
//     PARTICIPATION <status>       the participation form's answer
//     WATCHING <progress>          the second browser's figures before the sign-up
//     SIGNEDUP <card>              the member's card after "Sign up"
//     LIVE <progress> | reloaded=<bool>   the second browser's figures afterwards, without a reload
//     DOWNLOAD <file> json=<bool> email=<bool>
//     SIGNEDOUT <path> | <nav> | token=<token>
//   Both runs: AXE <page> ... (serious and critical violations, "none" when none), PAGEERRORS ..., CONSOLE ...
// Screenshots at 390x844 go to the folder given.
// usage: node journey.mjs <base> <shots> apply <email> <branch id>
//        node journey.mjs <base> <shots> member <activate path> <email> <password> <campaign title> <action title>
import { readFile } from 'node:fs/promises';
import { launchChromium, flat, axe as axeLine } from './browser.mjs';

const [base, shots, mode, ...rest] = process.argv.slice(2);
const browser = await launchChromium();
const url = (path) => new URL(path, base).toString();
const here = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };
const errors = [];
const consoleErrors = [];
const newPage = async (name, options = {}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${name}: ${m.text()}`); });
  return page;
};
const look = async (page, name) => {
  await axeLine(page, name);
  await page.screenshot({ path: `${shots}/journey-${name}.png`, fullPage: true });
};
const heading = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30000 });
const nav = async (page) => (await page.getByRole('navigation', { name: 'Main' }).getByRole('listitem').allTextContents()).map(flat).join(' | ');

try {
  if (mode === 'apply') {
    const [email, branchId] = rest;
    const page = await newPage('applicant');
    await page.goto(url('/'), { waitUntil: 'load' });
    await page.getByRole('main').getByRole('link', { name: /^Join/ }).click();
    await heading(page, 'Join Workers Power');
    await page.getByLabel('First name').fill('Clara');
    await page.getByLabel('Last name').fill('Journey');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Postcode').fill('N7 8DB');
    await page.getByLabel('Trade union (optional)').fill('GMB');
    await page.getByLabel('Rank-and-file union work').check();
    await page.getByLabel('Branch (optional)').selectOption(branchId);
    await page.getByLabel('Amount').fill('8');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByLabel('How often').selectOption('MONTHLY');
    await page.getByLabel(/I accept the programme/).check();
    await page.getByLabel(/I agree that Workers Power stores/).check();
    await look(page, 'join');
    await page.getByRole('button', { name: 'Send my application' }).click();
    await page.getByText('Thank you: your application is in').waitFor({ timeout: 30000 });
    console.log('APPLIED ' + here(page) + ' | ' + flat(await page.getByRole('main').innerText()));
    await look(page, 'applied');
  } else if (mode === 'member') {
    const [activatePath, email, password, campaign, action] = rest;
    const page = await newPage('member', { acceptDownloads: true });

    // 1. the invitation's link: a password, and signed in
    await page.goto(url(activatePath), { waitUntil: 'load' });
    await heading(page, 'Set your password');
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Set my password' }).click();
    await heading(page, 'Your account is active');
    console.log('ACTIVATED ' + flat(await page.getByRole('heading', { level: 1 }).textContent()) + ' | ' + await nav(page));
    await look(page, 'activated');

    // 2. sign out, then in again as on any other day
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).click();
    await heading(page, 'Sign in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30000 });
    console.log('SIGNEDIN ' + here(page) + ' | ' + await nav(page));

    // 3. my participation: the dashboard, then Profile
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clara' }).click();
    await page.getByRole('navigation', { name: 'My membership' }).getByRole('link', { name: 'Profile' }).click();
    await heading(page, 'Your profile');
    await page.getByLabel('Workplace (optional)').fill('Archway depot');
    await page.getByLabel('Opposing the far right').check();
    await page.getByRole('button', { name: 'Save participation' }).click();
    await page.locator('#participation-status').getByText(/ (is|are) saved/).waitFor({ timeout: 30000 });
    console.log('PARTICIPATION ' + flat(await page.locator('#participation-status').textContent()));
    await look(page, 'profile');

    // 4. the campaign: a second browser, signed out, watches its figures while the member signs up
    const watcher = await newPage('watcher');
    const progress = (p) => p.getByRole('region', { name: 'Progress' });
    const card = (p) => p.getByRole('main').getByRole('listitem').filter({ has: p.getByRole('heading', { name: action }) });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('main').getByRole('link', { name: campaign }).click();
    await heading(page, campaign);
    await watcher.goto(page.url(), { waitUntil: 'load' });
    await heading(watcher, campaign);
    await progress(watcher).filter({ hasText: '0 sign-ups' }).waitFor({ timeout: 30000 });
    await watcher.evaluate(() => { window.__stayed = true; });
    console.log('WATCHING ' + flat(await progress(watcher).innerText()));
    await card(page).getByRole('button', { name: 'Sign up' }).click();
    await card(page).getByRole('button', { name: 'Withdraw' }).waitFor({ timeout: 30000 });
    console.log('SIGNEDUP ' + flat(await card(page).innerText()));
    await progress(watcher).filter({ hasText: '1 sign-up ' }).waitFor({ timeout: 30000 });
    console.log('LIVE ' + flat(await progress(watcher).innerText()) + ' | reloaded=' + !(await watcher.evaluate(() => window.__stayed === true)));
    await look(page, 'campaign');

    // 5. my data, as a file
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clara' }).click();
    await page.getByRole('navigation', { name: 'My membership' }).getByRole('link', { name: 'My data' }).click();
    await heading(page, 'Your data and your membership');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      page.getByRole('button', { name: 'Download my data' }).click(),
    ]);
    const file = await readFile(await download.path(), 'utf8');
    let json = false;
    try { JSON.parse(file); json = true; } catch { /* printed as json=false */ }
    console.log(`DOWNLOAD ${download.suggestedFilename()} json=${json} email=${file.includes(email)}`);

    // 6. sign out
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 30000 });
    console.log('SIGNEDOUT ' + here(page) + ' | ' + await nav(page) + ' | token=' + await page.evaluate(() => sessionStorage.getItem('wp.accessToken')));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
