// An organiser works through the organiser's console, people side (/organise: applications, members, a member's
// page, messages), in Debian's chromium (headless, through Playwright); a member and a treasurer find it closed.
// Prints what they see:
//   SIGNEDOUT <path>                        where /organise sends someone not signed in
//   MENU wide <main navigation>             the main menu at 1280 px
//   MENU phone before=<Organise visible> after=<visible once Menu is pressed>
//   AREANAV <links> current=<current>       the console's sub-navigation
//   APPLICATIONS <count> | approve=<listed> reject=<listed>
//   FILTER <path> | <what the list says>    the status filter (in the query string)
//   APPLICATION <path> | <h1> | <facts>     an application opened; APPROVEBRANCH <selected branch>
//   APPROVED <status>; MEMBERLINK <href>    after approving, and the link to the new member's page
//   REJECTERROR <message> describedby=<ids> an empty reason; REJECTED <decision>
//   SEARCH <path> | <count> | <rows>        members found by a search (the term never in the address)
//   STANDINGFILTER <path> | <count>
//   MEMBER <h1> | <meta>                    a member's page
//   SUSPENDED <status> | <badge> | <newest history item>; REINSTATED likewise
//   HISTORY <items> <items after Show more> | <count>
//   MOVED <h1> | <status> | <standing and branch>   after moving a member to another branch they also organise
//   PREVIEW <count text> | <send button>; SENT <status> | <newest sent message>
//   DENIED <role> | <h1> | <alert> | mutations=<buttons with data-mutation> | organise-in-menu=<bool>
//   ADMIN <row found> | <buttons on that member's page>   an admin, on a member of another branch
//   MUTATIONS <page> <data-mutation values, or none>  on every organiser screen
//   AXE <page> ..., SIDEWAYS <page> (320 px), PAGEERRORS ..., CONSOLE ...
// Screenshots of every screen at 390x844 and 1280x800 go to the folder given.
// usage: node organise.mjs <base> <shots> <password> <organiser email> <member email> <treasurer email>
//        <applicant to approve> <applicant to reject> <member to suspend> <member to move> <branch to move to>
//        <admin email> <admin password>
import { launchChromium, flat, axe as axeLine, screenshots } from './browser.mjs';

const [base, shots, password, organiserEmail, memberEmail, treasurerEmail, approveName, rejectName, suspendName, moveName, otherBranch, adminEmail, adminPassword] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
try {
  const url = (path) => new URL(path, base).toString();
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    return page;
  };
  const page = await newPage();
  const here = (p = page) => new URL(p.url()).pathname + new URL(p.url()).search;
  const axe = (name) => axeLine(page, name);
  const shoot = (name) => screenshots(page, shots, name);
  const h1 = (name, p = page) => p.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30000 });
  const main = () => page.getByRole('main');
  const narrow = async (name) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    if (wide) console.log(`SIDEWAYS ${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
  };
  const mutations = async (name) => {
    const values = await page.locator('[data-mutation]').evaluateAll((els) => els.map((e) => e.getAttribute('data-mutation')));
    console.log(`MUTATIONS ${name} ${[...new Set(values)].sort().join(' ') || 'none'}`);
  };
  // every screen: axe, no sideways scroll at 320 px, its mutations, screenshots at both sizes
  const screen = async (name) => { await axe(name); await narrow(name); await mutations(name); await shoot(`organise-${name}`); };
  const areaNav = page.getByRole('navigation', { name: 'Organise' });
  const signIn = async (p, email, secret = password) => {
    await p.getByLabel('Email').fill(email);
    await p.getByLabel('Password').fill(secret);
    await p.getByRole('button', { name: 'Sign in' }).click();
  };
  // a search's answer is in: every row found names the person searched for
  const found = (name, p = page) => p.waitForFunction((n) => {
    const names = [...document.querySelectorAll('table tbody th')].map((t) => t.textContent);
    return names.length > 0 && names.every((t) => t.includes(n));
  }, name, { timeout: 30000 });
  const status = (p, text) => p.getByRole('status').filter({ hasText: text }).first();

  // 1. signed out, /organise asks for a sign-in and comes back
  await page.goto(url('/organise'), { waitUntil: 'load' });
  await h1('Sign in');
  console.log('SIGNEDOUT ' + here());
  await signIn(page, organiserEmail);
  await h1('Applications');

  // 2. the menu: Organise among the entries at a desk; behind the Menu button on a phone
  const mainNav = page.getByRole('navigation', { name: 'Main' });
  console.log('MENU wide ' + (await mainNav.getByRole('listitem').allTextContents()).map(flat).join(' | '));
  await page.setViewportSize({ width: 390, height: 844 });
  const organiseLink = mainNav.getByRole('link', { name: 'Organise' });
  const before = await organiseLink.isVisible();
  await mainNav.getByRole('button', { name: 'Menu' }).click();
  console.log(`MENU phone before=${before} after=${await organiseLink.isVisible()}`);
  await mainNav.getByRole('button', { name: 'Menu' }).click();
  const texts = (await areaNav.getByRole('link').allTextContents()).map(flat);
  console.log(`AREANAV ${texts.join(' | ')} current=${flat(await areaNav.locator('[aria-current="page"]').textContent())}`);

  // 3. applications: pending ones, newest first
  const applications = page.getByRole('list', { name: 'Applications, newest first' });
  await applications.waitFor({ timeout: 30000 });
  console.log(`APPLICATIONS ${flat(await main().getByRole('status').first().textContent())} | approve=${await applications.getByRole('link', { name: approveName }).count() === 1} reject=${await applications.getByRole('link', { name: rejectName }).count() === 1}`);
  await screen('applications');
  await page.getByLabel('Show').selectOption('REJECTED');
  await page.getByText('No rejected applications.').waitFor({ timeout: 30000 });
  console.log(`FILTER ${here()} | ${flat(await main().getByRole('status').first().textContent())}`);
  await page.getByLabel('Show').selectOption('PENDING');
  await applications.waitFor({ timeout: 30000 });

  // 4. open one and approve it into the branch it chose
  await applications.getByRole('link', { name: approveName }).click();
  await h1(`Application from ${approveName}`);
  console.log(`APPLICATION ${here()} | ${flat(await page.getByRole('heading', { level: 1 }).textContent())} | ${flat(await page.locator('dl.facts').evaluateAll((dls) => dls.map((dl) => [...dl.children].map((c) => c.textContent).join(' ')).join(' ')))}`);
  console.log('APPROVEBRANCH ' + flat(await page.getByLabel('Branch they join').locator('option:checked').textContent()));
  await screen('application');
  await page.getByRole('button', { name: 'Approve application' }).click();
  await status(page, 'is now a member').waitFor({ timeout: 30000 });
  console.log('APPROVED ' + flat(await status(page, 'is now a member').innerText()));
  const memberLink = page.getByRole('link', { name: `Open ${approveName}'s page` });
  console.log('MEMBERLINK ' + await memberLink.getAttribute('href'));
  await screen('approved');
  await memberLink.click();
  await h1(approveName);

  // 5. reject another, with a reason (a confirmation step; an empty reason is refused beside its field)
  await areaNav.getByRole('link', { name: 'Applications' }).click();
  await applications.getByRole('link', { name: rejectName }).click();
  await h1(`Application from ${rejectName}`);
  await page.getByRole('button', { name: 'Reject application…' }).click();
  await page.getByRole('button', { name: 'Reject application', exact: true }).click();
  const reason = page.getByLabel('Why is it rejected?');
  await page.locator('#reject-reason-error').waitFor({ timeout: 30000 });
  console.log(`REJECTERROR ${flat(await page.locator('#reject-reason-error').textContent())} describedby=${await reason.getAttribute('aria-describedby')}`);
  await screen('reject-confirm');
  await reason.fill('We could not reach them at the address they gave.');
  await page.getByRole('button', { name: 'Reject application', exact: true }).click();
  await page.getByText(/^Rejected on /).waitFor({ timeout: 30000 });
  console.log('REJECTED ' + flat(await page.getByText(/^Rejected on /).textContent()));
  await screen('rejected');

  // 6. members: a search (the term stays out of the address), a filter by standing (in it)
  await areaNav.getByRole('link', { name: 'Members' }).click();
  await h1('Members');
  const family = suspendName.split(' ').slice(1).join(' ');
  await page.getByLabel('Name or email').fill(family);
  await page.getByRole('button', { name: 'Find members' }).click();
  const rows = page.getByRole('table').getByRole('row');
  await found(family);
  console.log(`SEARCH ${here()} | ${flat(await main().getByRole('status').first().textContent())} | ${(await rows.allInnerTexts()).slice(1).map(flat).join(' | ')}`);
  await screen('members');
  await page.getByLabel('Standing').selectOption('SUSPENDED');
  await page.getByRole('button', { name: 'Find members' }).click();
  await page.getByText('No member matches.').waitFor({ timeout: 30000 });
  console.log(`STANDINGFILTER ${here()} | ${flat(await main().getByRole('status').first().textContent())}`);
  await page.getByLabel('Standing').selectOption('');
  await page.getByRole('button', { name: 'Find members' }).click();
  await found(family);
  await page.getByRole('table').getByRole('link', { name: family }).click();
  await h1(suspendName);
  console.log(`MEMBER ${flat(await page.getByRole('heading', { level: 1 }).textContent())} | ${flat(await main().locator('p.meta').nth(1).textContent())}`);
  await screen('member');

  // 7. suspend, then reinstate, each with its reason
  const newest = async () => flat(await page.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem').first().innerText());
  await page.getByRole('button', { name: 'Suspend…' }).click();
  await page.getByLabel('Why are they suspended?').fill('Crossed the picket line on 3 March.');
  await screen('suspend-confirm');
  await page.getByRole('button', { name: 'Suspend member' }).click();
  await status(page, 'is suspended').waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Reinstate…' }).waitFor({ timeout: 30000 });
  await page.getByRole('list', { name: 'Changes, newest first' }).getByText(/Crossed the picket line/).first().waitFor({ timeout: 30000 });
  console.log(`SUSPENDED ${flat(await status(page, 'is suspended').textContent())} | ${flat(await main().locator('.status-badge').first().textContent())} | ${await newest()}`);
  await screen('suspended');
  await page.getByRole('button', { name: 'Reinstate…' }).click();
  await page.getByLabel('Why are they reinstated?').fill('Apologised to the branch meeting.');
  await page.getByRole('button', { name: 'Reinstate member' }).click();
  await status(page, 'is reinstated').waitFor({ timeout: 30000 });
  await page.getByRole('button', { name: 'Suspend…' }).waitFor({ timeout: 30000 });
  await page.getByRole('list', { name: 'Changes, newest first' }).getByText(/Apologised/).first().waitFor({ timeout: 30000 });
  console.log(`REINSTATED ${flat(await status(page, 'is reinstated').textContent())} | ${flat(await main().locator('.status-badge').first().textContent())} | ${await newest()}`);
  // the history, a page at a time
  const history = page.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem');
  const firstPage = await history.count();
  await page.getByRole('region', { name: 'History' }).getByRole('button', { name: 'Show more' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('ol.history > li').length > n, firstPage, { timeout: 30000 });
  console.log(`HISTORY ${firstPage} ${await history.count()} | ${flat(await page.getByRole('region', { name: 'History' }).getByRole('status').textContent())}`);

  // 8. move another member to another branch
  await areaNav.getByRole('link', { name: 'Members' }).click();
  await h1('Members');
  const moveFamily = moveName.split(' ').slice(1).join(' ');
  await page.getByLabel('Name or email').fill(moveFamily);
  await page.getByRole('button', { name: 'Find members' }).click();
  await found(moveFamily);
  await page.getByRole('table').getByRole('link', { name: moveFamily }).click();
  await h1(moveName);
  await page.getByRole('button', { name: 'Move to another branch…' }).click();
  await page.getByLabel('Branch they move to').selectOption({ label: otherBranch });
  await page.getByLabel('Why do they move?').fill('Moved to Leeds for work');
  await page.getByRole('button', { name: 'Move member' }).click();
  await main().getByRole('status').filter({ hasText: 'now belongs to' }).waitFor({ timeout: 30000 });
  await main().getByText(`· ${otherBranch} ·`).waitFor({ timeout: 30000 });
  console.log(`MOVED ${flat(await page.getByRole('heading', { level: 1 }).textContent())} | ${flat(await main().getByRole('status').filter({ hasText: 'now belongs to' }).textContent())} | ${flat(await main().locator('.person-title + .meta').textContent())}`);
  await screen('moved');

  // 9. a message to the branch: how many it reaches, then sent
  await areaNav.getByRole('link', { name: 'Messages' }).click();
  await h1('Messages');
  await page.getByLabel('Subject').fill('Branch meeting on Thursday');
  await page.getByLabel('Message', { exact: true }).fill('We meet on Thursday at 7pm at the community centre.\nBring a friend.');
  await page.getByRole('button', { name: 'How many will it reach?' }).click();
  const preview = page.locator('.preview-count');
  await page.waitForFunction(() => /will reach/.test(document.querySelector('.preview-count')?.textContent ?? ''), null, { timeout: 30000 });
  const send = page.getByRole('button', { name: /^Send to / });
  console.log(`PREVIEW ${flat(await preview.textContent())} | ${flat(await send.textContent())}`);
  await screen('messages');
  await send.click();
  await status(page, 'Sent to').waitFor({ timeout: 30000 });
  const sentList = page.getByRole('list', { name: 'Messages sent, newest first' });
  await sentList.waitFor({ timeout: 30000 });
  console.log(`SENT ${flat(await status(page, 'Sent to').textContent())} | ${flat(await sentList.getByRole('listitem').first().locator('h3').textContent())} | ${flat(await sentList.getByRole('listitem').first().locator('p.meta').textContent())}`);
  await screen('sent');

  // 10. a member and a treasurer: the console is not theirs, and nothing in it acts
  for (const [role, email] of [['member', memberEmail], ['treasurer', treasurerEmail]]) {
    const other = await newPage();
    await other.goto(url('/sign-in?next=%2Forganise'), { waitUntil: 'load' });
    await h1('Sign in', other);
    await signIn(other, email);
    await h1('Organise', other);
    const alert = flat(await other.getByRole('main').getByRole('alert').textContent());
    const count = await other.locator('[data-mutation]').count();
    const inMenu = await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organise' }).count() > 0;
    console.log(`DENIED ${role} | ${flat(await other.getByRole('heading', { level: 1 }).textContent())} | ${alert} | mutations=${count} organise-in-menu=${inMenu}`);
    if (role === 'member') {
      await axeLine(other, 'denied');
      await screenshots(other, shots, 'organise-denied');
    }
    await other.context().close();
  }

  // 11. an admin: every branch's members (with their branch), and the actions on a member of another branch
  const adminPage = await newPage();
  await adminPage.goto(url('/sign-in?next=%2Forganise%2Fmembers'), { waitUntil: 'load' });
  await h1('Sign in', adminPage);
  await signIn(adminPage, adminEmail, adminPassword);
  await h1('Members', adminPage);
  await adminPage.getByLabel('Name or email').fill(moveFamily);
  await adminPage.getByRole('button', { name: 'Find members' }).click();
  await found(moveFamily, adminPage);
  const adminRow = flat((await adminPage.getByRole('table').getByRole('row').allInnerTexts())[1]);
  await adminPage.getByRole('table').getByRole('link', { name: moveFamily }).click();
  await h1(moveName, adminPage);
  console.log(`ADMIN ${adminRow} | ${(await adminPage.getByRole('main').getByRole('button').allInnerTexts()).map(flat).join(' | ')}`);
  await adminPage.context().close();
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
