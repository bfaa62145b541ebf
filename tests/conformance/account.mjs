// The account pages behind mails' links, in Debian's chromium (headless, through Playwright); prints what a person sees:
//   TOKENGONE <page> <path>   the address once a link's page opened (the token taken out of it)
//   POLICY<n> ...             the password rule beside the field as one types (each rule: its text and done / not yet)
//   WEAK ... ACTIVATED ... WRONGCURRENT ... CHANGED ... SIGNEDIN ... FORGOTEMPTY ... FORGOT ...   (mode activate)
//   RESET ... SIGNEDIN ... USEDRESET ... BADACTIVATE ... INCOMPLETE ... RESETNOTOKEN ...         (mode reset)
//   CONFIRM ... CONFIRMED ... USEDCONFIRM ... UNSUBSCRIBE ... UNSUBSCRIBED ... BADUNSUBSCRIBE ... (mode links)
//   AXE <page> ...            axe-core's serious and critical violations ("none" when there are none)
//   WIDE <page> <width>       a page wider than 320 px at 320 px (there must be none)
//   FOREIGN ...               any request to another origin (there must be none: a token goes nowhere else)
//   PAGEERRORS ..., CONSOLE ...  uncaught script errors and console errors
// Screenshots of each page at 390x844 and 1280x800 go to the folder given.
// usage: node account.mjs <base> <shots> activate <activate path> <email> <first password> <changed password>
//        node account.mjs <base> <shots> reset <reset path> <email> <new password>
//        node account.mjs <base> <shots> links <confirm-email path> <unsubscribe path>
import { launchChromium, flat, axe as axeLine, screenshots } from './browser.mjs';

const [base, shots, mode, ...args] = process.argv.slice(2);
const origin = new URL(base).origin;
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const foreign = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith('data:') && new URL(r.url()).origin !== origin) foreign.push(r.url()); });
  const url = (path) => new URL(path, base).toString();
  const axe = (name) => axeLine(page, name);
  const shoot = (name) => screenshots(page, shots, name);
  // 320 px wide: nothing scrolls sideways
  const narrow = async (name) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 320) console.log(`WIDE ${name} ${width}`);
    await page.setViewportSize({ width: 390, height: 844 });
  };
  const look = async (name) => { await axe(name); await shoot(name); await narrow(name); };
  const heading = async (name) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30000 });
  const main = async () => flat(await page.getByRole('main').textContent());
  const here = () => new URL(page.url()).pathname + new URL(page.url()).search;
  const nav = async () => (await page.getByRole('navigation', { name: 'Main' }).getByRole('listitem').allTextContents()).map(flat).join(' | ');
  const rules = async (field) => (await page.locator(`#${field}-rules li`).allTextContents()).map(flat).join(' | ');
  const fieldError = async (field) => flat(await page.locator(`#${field}-error`).textContent());
  const open = async (name, path, title) => {
    await page.goto(url(path), { waitUntil: 'load' });
    await heading(title);
    await page.waitForURL((u) => !u.search.includes('token='), { timeout: 10000 }).catch(() => {});
    console.log(`TOKENGONE ${name} ${here()}`);
  };
  const signIn = async (email, password) => {
    await page.goto(url('/sign-in'), { waitUntil: 'load' });
    await heading('Sign in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30000 });
    await page.waitForURL((u) => u.pathname === '/me', { timeout: 30000 });
    console.log(`SIGNEDIN ${here()} | ${await nav()}`);
  };
  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 30000 });
  };

  if (mode === 'activate') {
    const [path, email, first, changed] = args;
    // 1. the invitation's link: the rule beside the field, ticked off while typing
    await open('activate', path, 'Set your password');
    await look('activate');
    const field = page.getByLabel('New password', { exact: true });
    await field.pressSequentially('abc');
    console.log('POLICY1 ' + await rules('password'));
    await field.pressSequentially('abcabca');
    console.log('POLICY2 ' + await rules('password'));
    await field.fill('');
    await field.pressSequentially('solidarity');
    console.log('POLICY3 ' + await rules('password'));
    console.log('LIVE ' + flat(await page.locator('[aria-live="polite"]').textContent()));
    await field.fill('abcd'.repeat(33));
    console.log('POLICY4 ' + await rules('password'));
    await field.fill('solidarity');
    await page.getByRole('button', { name: 'Show password' }).click();
    console.log('SHOWN ' + await field.getAttribute('type') + ' pressed=' + await page.getByRole('button', { name: 'Show password' }).getAttribute('aria-pressed'));
    await shoot('activate-typing');
    // 2. a password the page cannot judge (too common): the server's refusal beside the field
    await page.getByRole('button', { name: 'Set my password' }).click();
    await page.locator('#password-error').waitFor({ timeout: 30000 });
    console.log('WEAK ' + await fieldError('password') + ' | focused=' + await page.evaluate(() => document.activeElement?.id));
    await look('activate-weak');
    // 3. a good one: active, and signed in
    await field.fill(first);
    await page.getByRole('button', { name: 'Set my password' }).click();
    await heading('Your account is active');
    console.log('ACTIVATED ' + await main() + ' | ' + await nav());
    await look('activated');
    // 4. change the password, signed in: a wrong current one first
    await page.goto(url('/account/password'), { waitUntil: 'load' });
    await heading('Change your password');
    await look('change-password');
    await page.getByLabel('Current password').fill(first + ' wrong');
    await page.getByLabel('New password', { exact: true }).fill(changed);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.locator('#currentPassword-error').waitFor({ timeout: 30000 });
    console.log('WRONGCURRENT ' + await fieldError('currentPassword'));
    await look('change-password-wrong');
    await page.getByLabel('Current password').fill(first);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await heading('Your password is changed');
    console.log('CHANGED ' + await main());
    await look('password-changed');
    // 5. sign out, and in with the changed password
    await signOut();
    await signIn(email, changed);
    await signOut();
    // 6. forgotten: from the sign-in page
    await page.goto(url('/sign-in'), { waitUntil: 'load' });
    await heading('Sign in');
    await page.getByRole('link', { name: 'Set a new one' }).click();
    await heading('Forgotten your password?');
    await look('forgot');
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await page.locator('#email-error').waitFor({ timeout: 30000 });
    console.log('FORGOTEMPTY ' + await fieldError('email'));
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Mail me a link' }).click();
    await heading('What happens next');
    console.log('FORGOT ' + await main());
    await look('forgot-sent');
  } else if (mode === 'reset') {
    const [path, email, password] = args;
    // 1. the reset mail's link: a new password, signed in here
    await open('reset', path, 'Set a new password');
    await look('reset');
    await page.getByLabel('New password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await heading('Your new password is set');
    console.log('RESET ' + await main() + ' | ' + await nav());
    await look('reset-done');
    await signOut();
    await signIn(email, password);
    await signOut();
    // 2. the same link again: used, in words, with a way on
    await open('reset-used', path, 'Set a new password');
    await page.getByLabel('New password', { exact: true }).fill(password + ' again');
    await page.getByRole('button', { name: 'Set my new password' }).click();
    await heading('This password reset link does not work');
    console.log('USEDRESET ' + await main() + ' | way on: ' + await page.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href'));
    await look('reset-invalid');
    // 3. an invitation link that is not one, and one cut off
    await open('activate-bad', '/activate?token=not-a-real-token', 'Set your password');
    await page.getByLabel('New password', { exact: true }).fill('a good long passphrase');
    await page.getByRole('button', { name: 'Set my password' }).click();
    await heading('This invitation link does not work');
    console.log('BADACTIVATE ' + await main());
    await look('activate-invalid');
    await page.goto(url('/activate'), { waitUntil: 'load' });
    await heading('This link is incomplete');
    console.log('INCOMPLETE ' + await main());
    await look('activate-incomplete');
    // 4. /reset-password without a token (linked from some mails): asks for a link
    await page.goto(url('/reset-password'), { waitUntil: 'load' });
    await heading('Forgotten your password?');
    console.log('RESETNOTOKEN ' + here());
  } else if (mode === 'links') {
    const [confirm, unsubscribe] = args;
    // 1. the new address's confirmation: opening changes nothing, the button confirms
    await open('confirm', confirm, 'Confirm your new email address');
    console.log('CONFIRM ' + await main());
    await look('confirm');
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await heading('Your new address is confirmed');
    console.log('CONFIRMED ' + await main());
    await look('confirmed');
    await open('confirm-used', confirm, 'Confirm your new email address');
    await page.getByRole('button', { name: 'Confirm my new address' }).click();
    await heading('This confirmation link does not work');
    console.log('USEDCONFIRM ' + await main());
    await look('confirm-invalid');
    // 2. unsubscribe: opening changes nothing, the button unsubscribes
    await open('unsubscribe', unsubscribe, 'Unsubscribe from email');
    console.log('UNSUBSCRIBE ' + await main());
    await look('unsubscribe');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await heading('You are unsubscribed');
    console.log('UNSUBSCRIBED ' + await main());
    await look('unsubscribed');
    await open('unsubscribe-bad', '/unsubscribe?token=not-a-real-token', 'Unsubscribe from email');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await heading('This unsubscribe link does not work');
    console.log('BADUNSUBSCRIBE ' + await main());
    await look('unsubscribe-invalid');
  } else {
    throw new Error(`Unknown mode ${mode}`);
  }
} finally {
  if (foreign.length) console.log('FOREIGN ' + foreign.join(' | '));
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
