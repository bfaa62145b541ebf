// A member looks after their membership in the web client's member space, in Debian's chromium (headless,
// through Playwright), and prints what they see:
//   SIGNEDOUT <path>          where a member page sends someone not signed in
//   PROGRAMME <notice> | link=<href> | button=<data-mutation>   the dashboard's notice: the programme changed since they accepted it
//   PROGRAMMEERROR version=<new> <error> describedby=<ids>   the editor changed it again meanwhile: accepting the old version is refused
//   PROGRAMMERELOADED <first paragraph>   the notice after a reload, naming the newest version
//   PROGRAMMEKEYBOARD <focused>   what Tab from the notice's link reaches (then Enter presses it)
//   PROGRAMMEACCEPTED <status> focused=<status has the focus>   after accepting
//   PROGRAMMEAFTER notices=<count> | <h1>   the dashboard reloaded after accepting
//   MEMBERNAV <links>         the member space's sub-navigation, on every page (once per page: MEMBERNAV <page> ...)
//   DASHBOARD | ...           the dashboard's text; ACTIONLINK <href> of the first next action's campaign link
//   NEXTACTIONS <shown> <after Show more> | <titles>   the next actions, soonest first, a page at a time
//   PROFILEERROR <message> describedby=<ids> | <alert>   a bad phone number: the API's error beside the field
//   DETAILS <status>          after saving the personal details
//   EMAILCHANGE <status> | <hint>   after asking for a new email address
//   PARTICIPATION <status>    after saving union, workplace, interests and availability
//   PREFERENCES <status>      after saving the communication preferences
//   RELOADED <values>         the participation form after a reload (what the server holds)
//   PLEDGEERROR <message>     a bad amount: the error beside the amount
//   PLEDGE <status> | <you give> | <arrears>   after changing the pledge
//   PAYMENTS <rows before> <rows after Show more>
//   HISTORY <items before> <items after Show more> | <first item>
//   DOWNLOAD <file name> json=<parsed> email=<has the member's email> pages=<open pages>
//   RESIGNED <path> | <heading> | <main navigation> | token=<token kept>
//   AFTER <path>              /me after resigning
//   AXE <page> ...            axe-core's serious and critical violations ("none" when there are none)
//   PAGEERRORS ..., CONSOLE ...  uncaught script errors and console errors
// Screenshots of every page at 390x844 and 1280x800 go to the folder given.
// usage: node member-space.mjs http://host:port/ <screenshot folder> <email> <password> <a new email address> <an editor's token>
import { readFile } from 'node:fs/promises';
import { launchChromium, flat, axe as axeLine, screenshots } from './browser.mjs';

const [base, shots, email, password, newEmail, editorToken] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const url = (path) => new URL(path, base).toString();
  const here = () => new URL(page.url()).pathname + new URL(page.url()).search;
  const axe = (name) => axeLine(page, name);
  const shoot = (name) => screenshots(page, shots, name);
  const memberNav = page.getByRole('navigation', { name: 'My membership' });
  const navLine = async (name) => {
    const links = memberNav.getByRole('link');
    const texts = (await links.allTextContents()).map(flat);
    const current = flat(await memberNav.locator('[aria-current="page"]').textContent());
    console.log(`MEMBERNAV ${name} ${texts.join(' | ')} current=${current}`);
  };
  const open = async (linkName, heading) => {
    await memberNav.getByRole('link', { name: linkName }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 30000 });
  };
  // no sideways scroll at 320 px
  const narrow = async (name) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    if (wide) console.log(`SIDEWAYS ${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
  };

  // 1. a member page signed out goes to the sign-in page, and back to that page afterwards
  await page.goto(url('/me/profile'), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30000 });
  console.log('SIGNEDOUT ' + here());
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor({ timeout: 30000 });

  // 2. the programme changed since the member joined: the dashboard asks them to accept it as it stands now
  const post = async (query, variables, token) => {
    const response = await fetch(url('/graphql'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  await open('Dashboard', /^Hello, /);
  const notice = page.getByRole('region', { name: 'Our programme has changed' });
  await notice.waitFor({ timeout: 30000 });
  const readLink = notice.getByRole('link', { name: 'read the programme as it stands now' });
  const acceptButton = notice.getByRole('button', { name: 'I accept the programme as it stands now' });
  console.log('PROGRAMME ' + flat(await notice.innerText()) + ' | link=' + await readLink.getAttribute('href') + ' | button=' + await acceptButton.getAttribute('data-mutation'));
  await axe('programme');
  await narrow('programme');
  await shoot('member-programme');
  // an editor changes the programme again while the page is open: the version shown is no longer the current one
  const programmeBefore = await post('{ page(slug: "programme") { version } }', {}, editorToken);
  const revised = await post('mutation($input: SavePageInput!) { savePage(input: $input) { article { version } errors { code message } } }',
    { input: { slug: 'programme', title: 'Our programme', body: 'We fight for workers\' control of the workplaces, the housing estates and the transport.', expectedVersion: programmeBefore.page.version } }, editorToken);
  if (revised.savePage.errors.length) throw new Error(JSON.stringify(revised.savePage.errors));
  await acceptButton.click();
  const programmeError = notice.locator('#programme-notice-error');
  await programmeError.waitFor({ timeout: 30000 });
  console.log(`PROGRAMMEERROR version=${revised.savePage.article.version} ${flat(await programmeError.textContent())} describedby=${await acceptButton.getAttribute('aria-describedby')}`);
  await axe('programme-error');
  await shoot('member-programme-error');
  await page.reload({ waitUntil: 'load' });
  await notice.waitFor({ timeout: 30000 });
  console.log('PROGRAMMERELOADED ' + flat(await notice.locator('p').first().textContent()));
  // with the keyboard: Tab from the link to the button, Enter presses it
  await readLink.focus();
  await page.keyboard.press('Tab');
  console.log('PROGRAMMEKEYBOARD ' + flat(await page.evaluate(() => document.activeElement?.textContent ?? '')));
  await page.keyboard.press('Enter');
  const acceptedStatus = page.getByRole('status').filter({ hasText: 'you have accepted' });
  await acceptedStatus.waitFor({ timeout: 30000 });
  console.log('PROGRAMMEACCEPTED ' + flat(await acceptedStatus.textContent()) + ' focused=' + await acceptedStatus.evaluate((el) => el === document.activeElement));
  await axe('programme-accepted');
  await narrow('programme-accepted');
  await shoot('member-programme-accepted');
  // the next visit: what the server holds, no notice
  await page.reload({ waitUntil: 'load' });
  await page.getByRole('heading', { name: 'Your membership' }).waitFor({ timeout: 30000 });
  console.log(`PROGRAMMEAFTER notices=${await notice.count()} | ${flat(await page.getByRole('heading', { level: 1 }).textContent())}`);

  // 3. the dashboard: standing, branch, next actions (linked to their campaign), notices
  await open('Dashboard', /^Hello, /);
  await page.getByRole('heading', { name: 'Your membership' }).waitFor({ timeout: 30000 });
  await navLine('dashboard');
  console.log('DASHBOARD ' + here() + ' | ' + flat(await page.getByRole('main').textContent()));
  console.log('ACTIONLINK ' + await page.getByRole('region', { name: 'Your next actions' }).getByRole('link').first().getAttribute('href'));
  const nextActions = page.getByRole('region', { name: 'Your next actions' }).locator('ul.cards').first().locator('> li');
  const firstPage = await nextActions.count();
  await page.getByRole('region', { name: 'Your next actions' }).getByRole('button', { name: 'Show more' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('section[aria-labelledby="mine-title"] ul.cards:first-of-type > li').length > n, firstPage, { timeout: 30000 });
  console.log(`NEXTACTIONS ${firstPage} ${await nextActions.count()} | ` + (await nextActions.locator('h3').allTextContents()).map(flat).join(' | '));
  await axe('dashboard');
  await narrow('dashboard');
  await shoot('member-dashboard');

  // 4. the profile: a field error beside its field, then the three forms saved one by one
  await open('Profile', 'Your profile');
  await navLine('profile');
  await page.getByLabel('Phone (optional)').fill('call me maybe');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.locator('#phone-error').waitFor({ timeout: 30000 });
  console.log('PROFILEERROR ' + flat(await page.locator('#phone-error').textContent()) + ' describedby=' + await page.getByLabel('Phone (optional)').getAttribute('aria-describedby')
    + ' | ' + flat(await page.getByRole('alert').textContent()));
  await axe('profile-error');
  await shoot('member-profile-error');
  await page.getByLabel('Phone (optional)').fill('020 7946 0000');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.locator('#details-status').getByText(/ (is|are) saved/).waitFor({ timeout: 30000 });
  console.log('DETAILS ' + flat(await page.locator('#details-status').textContent()));
  // a new email address waits for confirmation from a link mailed to it
  await page.getByRole('textbox', { name: 'Email' }).fill(newEmail);
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.locator('#details-status').getByText(/pending|sent a confirmation/).waitFor({ timeout: 30000 });
  console.log('EMAILCHANGE ' + flat(await page.locator('#details-status').textContent()) + ' | ' + flat(await page.locator('#email-hint').textContent()));

  await page.getByLabel('Trade union (optional)').fill('Unite');
  await page.getByLabel('Workplace (optional)').fill('Bus garage, Holloway');
  await page.getByLabel('Palestine solidarity').check(); // the member joined with rank-and-file and palestine
  await page.getByLabel('Opposing the far right').check();
  await page.getByLabel('Other interests (optional)').fill('housing, climate');
  await page.getByLabel('When are you usually available? (optional)').fill('Weekday evenings and Saturday mornings');
  await page.getByRole('button', { name: 'Save participation' }).click();
  await page.locator('#participation-status').getByText(/ (is|are) saved/).waitFor({ timeout: 30000 });
  console.log('PARTICIPATION ' + flat(await page.locator('#participation-status').textContent()));

  await page.getByLabel('Text messages').check();
  await page.getByLabel('Letters by post').uncheck();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await page.locator('#preferences-status').getByText(/ (is|are) saved/).waitFor({ timeout: 30000 });
  console.log('PREFERENCES ' + flat(await page.locator('#preferences-status').textContent()));
  await axe('profile');
  await narrow('profile');
  await shoot('member-profile');

  await page.reload({ waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor({ timeout: 30000 });
  const checked = async (label) => ((await page.getByLabel(label).isChecked()) ? label : '');
  console.log('RELOADED ' + [
    await page.getByLabel('Trade union (optional)').inputValue(),
    await page.getByLabel('Workplace (optional)').inputValue(),
    await checked('Rank-and-file union work'), await checked('Palestine solidarity'), await checked('Opposing the far right'),
    await page.getByLabel('Other interests (optional)').inputValue(),
    await page.getByLabel('When are you usually available? (optional)').inputValue(),
    await checked('Text messages'), await checked('Letters by post'),
  ].join(' | '));

  // 5. contributions: a bad amount beside its field, then a new pledge; payments page with Show more
  await open('Contributions', 'Your contributions');
  await navLine('contributions');
  await page.getByLabel('Amount').fill('-3');
  await page.getByRole('button', { name: 'Save pledge' }).click();
  await page.locator('#amount-error').waitFor({ timeout: 30000 });
  console.log('PLEDGEERROR ' + flat(await page.locator('#amount-error').textContent()));
  await page.getByLabel('Amount').fill('15');
  await page.getByLabel('How often').selectOption('QUARTERLY');
  await page.getByRole('button', { name: 'Save pledge' }).click();
  await page.locator('#pledge-status').getByText(/ (is|are) saved/).waitFor({ timeout: 30000 });
  const pledgeFacts = flat(await page.getByRole('region', { name: 'Your pledge' }).locator('dl dd').first().textContent());
  const arrearsLine = page.getByRole('region', { name: 'Your pledge' }).locator('dl + p');
  const arrears = (await arrearsLine.count()) ? flat(await arrearsLine.textContent()) : '(no arrears line)';
  console.log('PLEDGE ' + flat(await page.locator('#pledge-status').textContent()) + ' | ' + pledgeFacts + ' | ' + arrears);
  const rows = page.getByRole('table').locator('tbody tr');
  const before = await rows.count();
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('table tbody tr').length > n, before, { timeout: 30000 });
  console.log(`PAYMENTS ${before} ${await rows.count()}`);
  await axe('contributions');
  await narrow('contributions');
  await shoot('member-contributions');

  // 6. history, newest first, a page at a time
  await open('History', 'Your history');
  await navLine('history');
  const items = page.locator('ol.history > li');
  await items.first().waitFor({ timeout: 30000 });
  const shown = await items.count();
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('ol.history > li').length > n, shown, { timeout: 30000 });
  console.log(`HISTORY ${shown} ${await items.count()} | ${flat(await items.first().innerText())}`);
  await axe('history');
  await narrow('history');
  await shoot('member-history');

  // 7. my data: the download is a JSON file with the member's email, saved without a new window
  await open('My data', 'Your data and your membership');
  await navLine('data');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30000 }),
    page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  const file = await readFile(await download.path(), 'utf8');
  let parsed = false;
  try { JSON.parse(file); parsed = true; } catch { parsed = false; }
  console.log(`DOWNLOAD ${download.suggestedFilename()} json=${parsed} email=${file.includes(email)} pages=${context.pages().length}`);
  await page.getByRole('status').filter({ hasText: 'downloading' }).waitFor({ timeout: 30000 });
  await axe('data');
  await narrow('data');
  await shoot('member-data');

  // 8. resigning: what it means, a second explicit button, then signed out and told so
  await page.getByRole('button', { name: 'I want to resign…' }).click();
  await page.getByRole('heading', { name: 'Are you sure you want to resign?' }).waitFor({ timeout: 30000 });
  await axe('resign-confirm');
  await shoot('member-resign-confirm');
  await page.getByLabel('Why are you leaving? (optional)').fill('Moving abroad');
  await page.getByRole('button', { name: 'Yes, resign my membership' }).click();
  await page.getByRole('heading', { level: 1, name: 'You have resigned' }).waitFor({ timeout: 30000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' }).waitFor({ timeout: 30000 });
  const mainNav = (await page.getByRole('navigation', { name: 'Main' }).getByRole('listitem').allTextContents()).map(flat).join(' | ');
  console.log('RESIGNED ' + here() + ' | ' + flat(await page.getByRole('main').textContent()) + ' | ' + mainNav
    + ' | token=' + await page.evaluate(() => sessionStorage.getItem('wp.accessToken')));
  await axe('resigned');
  await shoot('member-resigned');

  await page.goto(url('/me'), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30000 });
  console.log('AFTER ' + here());
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
