// Organisers run a campaign in the web client's console, in Debian's chromium (headless, through Playwright), and
// print what they see:
//   LIST <titles>                     /organise/campaigns: the running campaigns
//   LAUNCHED <path> | <h1>            after launching a campaign from the list page
//   SCHEDULED <status> | <titles>     after scheduling an action on it
//   EDITED <status>                   after changing its goal
//   RESCHEDULED <status> | <meta>     after moving the new action
//   CANCELERROR <message> describedby=<ids>   cancelling without a reason
//   CANCELLED <status> | <item text>  after cancelling it with a reason
//   CONCLUDED <status> | <badge>      after concluding (with its confirmation); REOPENED <status> | <badge>
//   FIGURES <text>                    the campaign's live figures; CHART <caption> rows=<table rows>
//   COUNT <n> <organiser 2's count line>   organiser 2's screen on the same action as organiser 1 checks people in (no reload)
//   RELOADED <true|false>             whether organiser 2's page was reloaded meanwhile
//   WATCHLIST <entries>               organiser 2's list of people signed up, moments later
//   FILTER <names>                    the list filtered by a name
//   WALKINERROR <message>             a search of one letter
//   WALKIN <names and branches>       the members found by name; WALKINDONE <organiser 2's count line>
//   OUTCOME <status> | <recorded>     after recording the outcome
//   OUTSIDER <sentence> | <count line> checkins=<n> outcomes=<n> walkin=<n> outcome=<n>   organiser 2, who does not run
//                                     the campaign: who does, the counts, and the buttons, walk-in search and outcome form offered
//   KINDS <choices>; CAMPAIGNS <options>   whom a message may go to, and the campaigns organiser 1 runs
//   CAMPAIGNPREVIEW <count text> | <send button>; CAMPAIGNSENT <status>   a message to everyone taking part in a campaign
//   MEMBER <alert> mutations=<n>      a member opening /organise/campaigns
//   RUNNER <path> nav=<area links> | <campaigns you run> | launch=<n>   a campaign organiser opening /organise
//   RUNNERCAMPAIGN <mutations offered> notice=<n>   on the campaign they run; RUNNERBRANCH <alert> mutations=<n>   on /organise/members
//   NOTRUNNING <notice> mutations=<n>  organiser 2 on the campaign's page, which they do not run
//   AXE <page> ...; SIDEWAYS <page>; PAGEERRORS ...; CONSOLE ...
// Screenshots of every screen at 390x844 and 1280x800 go to the folder given.
// usage: node organise-campaigns.mjs <base> <shots> <organiser1 email> <organiser2 email> <member email> <password> <action id> <walk-in name> <suffix> <the action's campaign's slug> <its title> <a campaign organiser's email>
import { launchChromium, flat, axe as axeLine, screenshots, signedInPage } from './browser.mjs';

const [base, shots, email1, email2, memberEmail, password, actionId, walkInName, suffix, slug, campaignTitle, runnerEmail] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const url = (path) => new URL(path, base).toString();

const signedIn = (email, path) => signedInPage(browser, base, path, email, password, errors, consoleErrors);

const narrow = async (page, name) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  if (wide) console.log(`SIDEWAYS ${name}`);
  await page.setViewportSize({ width: 390, height: 844 });
};
const check = async (page, name) => { await axeLine(page, name); await narrow(page, name); await screenshots(page, shots, name); };

/** A datetime-local value days from now at the given hour (the browser runs in this machine's time zone). */
const local = (days, hour) => {
  const d = new Date(Date.now() + days * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
};

try {
  // 1. the campaigns, and launching one
  const one = await signedIn(email1, '/organise/campaigns');
  await one.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor({ timeout: 30000 });
  const list = one.getByRole('region', { name: /Running campaigns/ });
  await list.getByRole('listitem').first().waitFor({ timeout: 30000 });
  console.log('LIST ' + (await list.getByRole('heading', { level: 3 }).allTextContents()).map(flat).join(' | '));
  await check(one, 'campaigns-list');

  const title = `Clean air at the depots ${suffix}`;
  await one.getByLabel('Title').fill(title);
  await one.getByLabel('What it is about').fill('Drivers breathe diesel all day. We want electric buses and filters now.');
  await one.getByLabel(/^Goal/).fill('50');
  await one.getByRole('button', { name: 'Launch the campaign' }).click();
  await one.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 30000 });
  console.log('LAUNCHED ' + new URL(one.url()).pathname + ' | ' + flat(await one.getByRole('heading', { level: 1 }).textContent()));

  // 2. its page: schedule, edit, reschedule, cancel with a reason, conclude and reopen
  const schedule = one.getByRole('form', { name: 'Schedule an action' });
  await schedule.getByLabel('Kind of action').selectOption('STALL');
  await schedule.getByLabel('Title (optional)').fill('Stall at the market');
  await schedule.getByLabel('Starts').fill(local(2, 10));
  await schedule.getByLabel('Ends').fill(local(2, 12));
  await schedule.getByLabel('Where').fill('Ridley Road market');
  await schedule.getByRole('button', { name: 'Schedule the action' }).click();
  await one.locator('#schedule-status').getByText(/scheduled/).waitFor({ timeout: 30000 });
  const actions = one.getByRole('region', { name: /^Actions/ });
  await actions.getByRole('heading', { level: 3, name: 'Stall at the market' }).waitFor({ timeout: 30000 });
  console.log('SCHEDULED ' + flat(await one.locator('#schedule-status').textContent()) + ' | ' + (await actions.locator('.item-list h3').allTextContents()).map(flat).join(' | '));

  const edit = one.getByRole('region', { name: 'Edit the campaign' });
  await edit.getByLabel(/^Goal/).fill('60');
  await edit.getByRole('button', { name: 'Save the campaign' }).click();
  await one.locator('#edit-status').getByText(/saved/).waitFor({ timeout: 30000 });
  console.log('EDITED ' + flat(await one.locator('#edit-status').textContent()));

  const stall = actions.getByRole('article', { name: 'Stall at the market' });
  await stall.getByRole('button', { name: 'Reschedule' }).click();
  const move = stall.getByRole('form', { name: 'Reschedule' });
  await move.getByLabel('Where').fill('Ridley Road, by the station');
  await move.getByRole('button', { name: 'Move the action' }).click();
  await move.getByText(/is moved/).waitFor({ timeout: 30000 });
  await stall.getByText('Ridley Road, by the station').waitFor({ timeout: 30000 });
  console.log('RESCHEDULED ' + flat(await move.locator('[role="status"]').textContent()) + ' | ' + flat(await stall.locator('p.muted').first().textContent()));

  await stall.getByRole('button', { name: 'Cancel…' }).click();
  const cancel = stall.getByRole('form', { name: 'Cancel Stall at the market' });
  await cancel.getByRole('button', { name: 'Cancel the action' }).click();
  await cancel.locator('.field-error').waitFor({ timeout: 30000 });
  const reason = cancel.getByLabel('Reason the members will receive');
  console.log('CANCELERROR ' + flat(await cancel.locator('.field-error').textContent()) + ' describedby=' + await reason.getAttribute('aria-describedby'));
  await reason.fill('The market is closed for repairs that day.');
  await axeLine(one, 'campaign-cancel-confirm');
  await screenshots(one, shots, 'campaign-cancel-confirm');
  await cancel.getByRole('button', { name: 'Cancel the action' }).click();
  await stall.locator('.saved').getByText(/is cancelled/).waitFor({ timeout: 30000 });
  await stall.getByText('The market is closed for repairs that day.').first().waitFor({ timeout: 30000 });
  console.log('CANCELLED ' + flat(await stall.locator('.saved').textContent()) + ' | ' + flat(await stall.locator(':scope > p').nth(1).textContent())
    + ' | ' + flat(await actions.getByRole('heading', { level: 2 }).textContent()) + ' buttons=' + (await stall.getByRole('button').allTextContents()).join(','));

  await one.getByRole('button', { name: 'Conclude the campaign…' }).click();
  await one.getByRole('button', { name: 'Yes, conclude it' }).click();
  await one.locator('#standing-status').getByText(/concluded/).waitFor({ timeout: 30000 });
  console.log('CONCLUDED ' + flat(await one.locator('#standing-status').textContent()) + ' | ' + flat(await one.locator('.status-badge').first().textContent()));
  await one.getByRole('button', { name: 'Reopen the campaign' }).click();
  await one.locator('#standing-status').getByText(/running again/).waitFor({ timeout: 30000 });
  console.log('REOPENED ' + flat(await one.locator('#standing-status').textContent()) + ' | ' + flat(await one.locator('.status-badge').first().textContent()));
  await check(one, 'campaign-detail');

  // 3. at the action: organiser 1 checks in while organiser 2 watches the same action
  await one.goto(url(`/organise/actions/${encodeURIComponent(actionId)}`), { waitUntil: 'load' });
  await one.getByRole('heading', { level: 2, name: /^Signed up/ }).waitFor({ timeout: 30000 });
  const two = await signedIn(email2, `/organise/actions/${encodeURIComponent(actionId)}`);
  await two.getByRole('heading', { level: 2, name: /^Signed up/ }).waitFor({ timeout: 30000 });
  await two.evaluate(() => { window.__notReloaded = true; });
  const countOf = async () => flat(await two.locator('#counts').textContent());
  // the subscription is live once its first value came: wait for both screens to have subscribed
  await one.waitForTimeout(1500);
  console.log('COUNT 0 ' + await countOf());
  const people = one.getByRole('region', { name: /^Signed up/ });
  const names = (await people.locator('.person__name').allTextContents()).map(flat);
  await people.getByRole('button', { name: `Check in ${names[0]}` }).click();
  await two.locator('#counts').getByText(/^1 checked in/).waitFor({ timeout: 15000 });
  console.log('COUNT 1 ' + await countOf());
  await people.getByRole('button', { name: `Check in ${names[1]}` }).click();
  await two.locator('#counts').getByText(/^2 checked in/).waitFor({ timeout: 15000 });
  console.log('COUNT 2 ' + await countOf());
  console.log('RELOADED ' + !(await two.evaluate(() => window.__notReloaded === true)));
  // organiser 2's list shows them checked in too, moments later
  const watched = two.getByRole('region', { name: /^Signed up/ });
  await watched.locator('.checked').nth(1).waitFor({ timeout: 15000 });
  console.log('WATCHLIST ' + (await watched.locator('.person').allInnerTexts()).map(flat).join(' | '));

  await one.getByLabel('Find a name on the list').fill(names[1].split(' ')[0].toLowerCase());
  console.log('FILTER ' + (await people.locator('.person__name').allTextContents()).map(flat).join(' | '));
  await one.getByLabel('Find a name on the list').fill('');

  const walkIn = one.getByRole('region', { name: 'Someone who did not sign up' });
  await walkIn.getByLabel('Their name').fill('C');
  await walkIn.getByRole('button', { name: 'Find' }).click();
  await walkIn.locator('#walkin-error').waitFor({ timeout: 30000 });
  console.log('WALKINERROR ' + flat(await walkIn.locator('#walkin-error').textContent()) + ' describedby=' + await walkIn.getByLabel('Their name').getAttribute('aria-describedby'));
  await walkIn.getByLabel('Their name').fill(walkInName.split(' ')[1].slice(0, 6).toLowerCase());
  await walkIn.getByRole('button', { name: 'Find' }).click();
  await walkIn.getByRole('list', { name: 'Members found' }).waitFor({ timeout: 30000 });
  console.log('WALKIN ' + (await walkIn.locator('.person__name').allInnerTexts()).map(flat).join(' | '));
  await walkIn.getByRole('button', { name: `Check in ${walkInName}` }).click();
  await two.locator('#counts').getByText(/^3 checked in/).waitFor({ timeout: 15000 });
  console.log('WALKINDONE ' + await countOf());
  await check(two, 'at-the-action-watching');

  const outcome = one.getByRole('region', { name: 'Outcome' });
  // the form shows once the action has started (it was scheduled to start a minute after the test began)
  await outcome.getByLabel('How it went').waitFor({ timeout: 120000 });
  await outcome.getByLabel('How it went').fill('Forty drivers stopped to talk; the depot manager came out to listen.');
  await outcome.getByLabel('What was counted').first().fill('Papers sold');
  await outcome.getByLabel('How many').first().fill('12');
  await outcome.getByLabel('What was counted').nth(1).fill('Signatures');
  await outcome.getByLabel('How many').nth(1).fill('40');
  await outcome.getByRole('button', { name: 'Record the outcome' }).click();
  await one.locator('#outcome-status').getByText(/recorded/).waitFor({ timeout: 30000 });
  await one.locator('#outcome-recorded').waitFor({ timeout: 30000 });
  console.log('OUTCOME ' + flat(await one.locator('#outcome-status').textContent()) + ' | ' + flat(await one.locator('#outcome-recorded').innerText()));
  await check(one, 'at-the-action');
  // organiser 2, of the same branch, does not run this campaign: told who does, the counts, nothing refused offered
  console.log('OUTSIDER ' + flat(await two.locator('#not-organiser').textContent()) + ' | ' + await countOf()
    + ' checkins=' + await two.locator('[data-mutation="checkInAttendee"]').count()
    + ' outcomes=' + await two.locator('[data-mutation="recordActionOutcome"]').count()
    + ' walkin=' + await two.getByRole('search', { name: 'Find a member by name' }).count()
    + ' outcome=' + await two.getByRole('region', { name: 'Outcome' }).count());

  // 4. the action's campaign: live figures and the chart of sign-ups and check-ins per day (built a moment later)
  await one.goto(url(`/organise/campaigns/${slug}`), { waitUntil: 'load' });
  await one.getByRole('heading', { level: 2, name: 'Progress' }).waitFor({ timeout: 30000 });
  const chartRows = one.locator('.chart tbody tr');
  for (let i = 0; i < 30 && (await chartRows.count()) === 0; i++) {
    await one.waitForTimeout(500);
    await one.reload({ waitUntil: 'load' });
    await one.getByRole('heading', { level: 2, name: 'Progress' }).waitFor({ timeout: 30000 });
  }
  console.log('FIGURES ' + flat(await one.locator('.figures').innerText()));
  console.log('CHART ' + flat(await one.locator('.chart figcaption').textContent()) + ' rows=' + await chartRows.count() + ' | ' + flat(await chartRows.first().innerText()));
  await check(one, 'campaign-progress');

  // 5. a message to everyone taking part in the campaign: how many it reaches, then sent
  await one.goto(url('/organise/messages'), { waitUntil: 'load' });
  await one.getByRole('heading', { level: 1, name: 'Messages' }).waitFor({ timeout: 30000 });
  const kinds = one.getByRole('group', { name: 'Whom it goes to' }).getByRole('radio');
  await kinds.first().waitFor({ timeout: 30000 });
  const kindLabels = [];
  for (const radio of await kinds.all()) kindLabels.push(flat(await one.locator(`label[for="${await radio.getAttribute('id')}"]`).textContent()));
  console.log('KINDS ' + kindLabels.join(' | '));
  await one.getByLabel('Everyone taking part in a campaign').check();
  const chooser = one.getByLabel('Campaign', { exact: true });
  console.log('CAMPAIGNS ' + (await chooser.locator('option').allTextContents()).map(flat).sort().join(' | '));
  await chooser.selectOption({ label: campaignTitle });
  await one.getByLabel('Subject').fill('Thank you for the picket');
  await one.getByLabel('Message', { exact: true }).fill('Thank you for standing with the night drivers.\nThe next picket is on Friday.');
  await one.getByRole('button', { name: 'How many will it reach?' }).click();
  await one.waitForFunction(() => /will reach/.test(document.querySelector('.preview-count')?.textContent ?? ''), null, { timeout: 30000 });
  const sendIt = one.getByRole('button', { name: /^Send to / });
  console.log('CAMPAIGNPREVIEW ' + flat(await one.locator('.preview-count').textContent()) + ' | ' + flat(await sendIt.textContent()));
  await check(one, 'messages-campaign');
  await sendIt.click();
  await one.locator('.saved:not([hidden]), form .alert').first().waitFor({ timeout: 30000 });
  console.log('CAMPAIGNSENT ' + flat(await one.locator('.saved:not([hidden]), form .alert').first().textContent()));
  await check(one, 'messages-campaign-sent');

  // 6. a member is told the console is not theirs, with nothing to act on
  const member = await signedIn(memberEmail, '/organise/campaigns');
  await member.getByRole('alert').waitFor({ timeout: 30000 });
  console.log('MEMBER ' + flat(await member.getByRole('alert').textContent()) + ' mutations=' + await member.locator('[data-mutation]').count());
  await check(member, 'campaigns-member');

  // 7. a campaign organiser (CAMPAIGN_ORGANISER on the campaign, organising no branch): the campaign screens only
  const runner = await signedIn(runnerEmail, '/organise');
  await runner.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor({ timeout: 30000 });
  const mine = runner.getByRole('region', { name: /Campaigns you run/ });
  await mine.getByRole('listitem').first().waitFor({ timeout: 30000 });
  const runnerNav = (await runner.getByRole('navigation', { name: 'Organise' }).getByRole('link').allTextContents()).map(flat).join(' | ');
  console.log(`RUNNER ${new URL(runner.url()).pathname} nav=${runnerNav} | ${flat(await mine.innerText())} | launch=${await runner.locator('[data-mutation="launchCampaign"]').count()}`);
  await check(runner, 'campaigns-runner');
  await mine.getByRole('link', { name: campaignTitle }).click();
  await runner.getByRole('heading', { level: 1, name: campaignTitle }).waitFor({ timeout: 30000 });
  await runner.waitForLoadState('networkidle');
  const offered = new Set(await runner.locator('[data-mutation], [data-opens]').evaluateAll((els) => els.map((e) => e.getAttribute('data-mutation') ?? e.getAttribute('data-opens'))));
  console.log(`RUNNERCAMPAIGN ${[...offered].sort().join(' ')} notice=${await runner.locator('.notice').count()}`);
  await check(runner, 'campaign-runner');
  await runner.goto(url('/organise/members'), { waitUntil: 'load' });
  await runner.getByRole('alert').waitFor({ timeout: 30000 });
  console.log(`RUNNERBRANCH ${flat(await runner.getByRole('alert').textContent())} mutations=${await runner.locator('[data-mutation]').count()}`);
  await check(runner, 'branch-runner');
  // organiser 2 (of the branch, not running the campaign) reads the campaign's page without changing it
  await two.goto(url(`/organise/campaigns/${slug}`), { waitUntil: 'load' });
  await two.getByRole('heading', { level: 1, name: campaignTitle }).waitFor({ timeout: 30000 });
  await two.waitForLoadState('networkidle');
  console.log(`NOTRUNNING ${flat(await two.locator('.notice').textContent())} mutations=${await two.locator('[data-mutation], [data-opens]').count()}`);
  await check(two, 'campaign-not-running');
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
