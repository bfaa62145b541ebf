// A member signs in to the web client in Debian's chromium (headless, through Playwright) and prints what they see:
//   SIGNEDOUTME <path>   where /me sends someone not signed in
//   WRONG ...            the alert after a wrong password
//   NAV ...              the navigation once signed in
//   ME <url> | ...       the dashboard's address and text
//   AXE <page> ...       axe-core's serious and critical violations ("none" when there are none)
//   SIGNEDOUT <path> | ...  after Sign out: the address and the navigation
//   REFUSED <path> | ...    after opening /me with a token the server refuses: the address, the navigation, the token
//   PAGEERRORS ..., CONSOLE ...  uncaught script errors and console errors
// Screenshots of sign-in, sign-in-wrong and me at 390x844 and 1280x800 go to the folder given.
// usage: node member.mjs http://host:port/ <screenshot folder> <email> <password>
import { launchChromium, flat, axe as axeLine, screenshots } from './browser.mjs';

const [base, shots, email, password] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  let refusing = false; // in step 5 the browser itself logs the server's 401 for the refused token
  page.on('console', (m) => { if (m.type() === 'error' && !(refusing && /status of 401/.test(m.text()))) consoleErrors.push(m.text()); });
  const axe = (name) => axeLine(page, name);
  const shoot = (name) => screenshots(page, shots, name);
  const nav = async () => (await page.getByRole('navigation', { name: 'Main' }).getByRole('listitem').allTextContents()).map(flat).join(' | ');

  // 1. /me signed out goes to the sign-in page
  await page.goto(new URL('/me', base).toString(), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30000 });
  console.log('SIGNEDOUTME ' + new URL(page.url()).pathname + new URL(page.url()).search);
  await axe('sign-in');
  await shoot('sign-in');

  // 2. a wrong password: the error in words
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password + ' wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor({ timeout: 30000 });
  console.log('WRONG ' + flat(await page.getByRole('alert').textContent()));
  await axe('sign-in-wrong');
  await shoot('sign-in-wrong');

  // 3. the right password: back to /me, which shows the dashboard
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your membership' }).waitFor({ timeout: 30000 });
  console.log('NAV ' + await nav());
  console.log('ME ' + new URL(page.url()).pathname + ' | ' + flat(await page.getByRole('main').textContent()));
  await axe('me');
  await shoot('me');

  // 4. sign out: home, the public navigation, and /me asks for a sign-in again
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 30000 });
  console.log('SIGNEDOUT ' + new URL(page.url()).pathname + ' | ' + await nav() + ' | token=' + await page.evaluate(() => sessionStorage.getItem('wp.accessToken')));

  // 5. a token the server refuses (expired, revoked or forged): forgotten, and the person is asked to sign in again
  refusing = true;
  await page.evaluate(() => { sessionStorage.setItem('wp.accessToken', 'not.a.token'); sessionStorage.setItem('wp.givenName', 'Someone'); });
  await page.goto(new URL('/me', base).toString(), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30000 });
  await page.getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 30000 });
  console.log('REFUSED ' + new URL(page.url()).pathname + new URL(page.url()).search + ' | ' + await nav() + ' | token=' + await page.evaluate(() => sessionStorage.getItem('wp.accessToken')));
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
