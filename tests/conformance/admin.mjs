// The admin's room of the web client, in Debian's chromium (headless, through Playwright): an organiser and a
// treasurer are turned away; an admin founds and renames a branch, grants roles on scopes and revokes a grant, replays and discards
// dead letters, reads the audit of personal-data reads by reader and by member, and erases a member. Prints:
//   DENIED <who> <h1> | <alert> mutations=<data-mutation elements> menu=<main menu entries>
//   ADMINNAV <links>              the admin's sub-navigation
//   FOUNDERROR <field error> describedby=<ids> | <alert>   founding a branch under a name taken
//   FOUNDED <status> | <the new branch's row>
//   RENAMED <status> | <the branch's row>
//   ROLES <their branch> | <active grants> | where=<the branch offered first>   the grantee when chosen
//   EDITORSCOPE <branch selects> <what the form says of the scope>   with EDITOR chosen
//   GRANTED1 <status>             after granting ORGANISER on the new branch, with a reason
//   GRANTED2 <status> | until=<day> | <active grants>   after granting CAMPAIGN_ORGANISER on the campaign until a day
//   REVOKECONFIRM <panel>         revoking the ORGANISER grant
//   REVOKEERROR <error> describedby=<ids>   without a reason
//   REVOKED <status> | active: <grants> | ended: <grants>
//   SELF revoke=<revoke buttons for their own admin grant> | <the admin's own grants>
//   LETTER <row>                  the replayable dead letter as listed
//   DISCARDCONFIRM <panel>        the confirmation before discarding two selected letters
//   DISCARDED <status> | <rows left with the discarded probes>
//   REPLAYED <status>
//   GONE <rows with the replayed probe> | <list status>   after the replayed work was done
//   AUDITREADER <status> rows=<rows>    reads by the organiser (a first page)
//   AUDITMORE <status> rows=<rows> more=<Show more buttons> | oldest: <last row>   after Show more
//   AUDITBOTH <status> | <first row>    reads by the organiser of one member's data
//   AUDITMEMBER <status>                reads of that member's data by anyone
//   ERASECONFIRM <panel>
//   ERASEERROR <error> describedby=<ids>
//   ERASED <confirmation>
//   AXE <page> ...  SIDEWAYS <page>  PAGEERRORS ...  CONSOLE ...
// Screenshots of every screen at 390x844 and 1280x800 go to the folder given.
// usage: node admin.mjs <base> <shots> <admin email> <password> <suffix> <organiser email> <treasurer email> <replay probe> <discard probe 1> <discard probe 2> <campaign title>
import { launchChromium, flat, axe as axeLine, screenshots } from './browser.mjs';

const [base, shots, adminEmail, password, suffix, organiserEmail, treasurerEmail, replayProbe, discardOne, discardTwo, campaignTitle] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const url = (path) => new URL(path, base).toString();
const wait = { timeout: 30000 };

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  return page;
}

async function signInAt(page, path, email) {
  await page.goto(url(path), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor(wait);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function narrow(page, name) {
  await page.setViewportSize({ width: 320, height: 700 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  if (wide) console.log(`SIDEWAYS ${name}`);
  await page.setViewportSize({ width: 390, height: 844 });
}

const menu = async (page) => (await page.getByRole('navigation', { name: 'Main' }).locator('a, button').allInnerTexts()).map(flat).filter((t) => t && t !== 'Menu').join(' | ');

try {
  // 1. an organiser and a treasurer are turned away, with nothing to act on and no Admin in their menu
  for (const [who, email] of [['organiser', organiserEmail], ['treasurer', treasurerEmail]]) {
    const page = await newPage();
    await signInAt(page, '/admin', email);
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor(wait);
    const alert = flat(await page.getByRole('alert').innerText());
    const mutations = await page.locator('[data-mutation]').count();
    console.log(`DENIED ${who} ${flat(await page.getByRole('heading', { level: 1 }).innerText())} | ${alert} mutations=${mutations} menu=${await menu(page)}`);
    await axeLine(page, `denied-${who}`);
    await narrow(page, `denied-${who}`);
    await screenshots(page, shots, `admin-denied-${who}`);
    await page.context().close();
  }

  const page = await newPage();
  const axe = (name) => axeLine(page, name);
  const shoot = (name) => screenshots(page, shots, name);
  const adminNav = page.getByRole('navigation', { name: 'Admin' });
  const main = page.getByRole('main');
  const open = async (link, heading) => {
    await adminNav.getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor(wait);
  };
  const choose = async (label, search, name) => {
    const form = page.getByRole('search', { name: label });
    await form.getByRole('textbox').fill(search);
    await form.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('list', { name: `${label}: matches` }).getByRole('button', { name: new RegExp(name) }).click();
  };

  // 2. branches: found one (first under a name taken: the error beside the name), rename it
  await signInAt(page, '/admin', adminEmail);
  await page.getByRole('heading', { level: 1, name: 'Branches' }).waitFor(wait);
  console.log('ADMINNAV ' + (await adminNav.getByRole('link').allInnerTexts()).map(flat).join(' | '));
  await axe('branches');
  await narrow(page, 'branches');
  const taken = flat(await main.locator('tbody th').first().innerText());
  await page.getByLabel('Name', { exact: true }).fill(taken);
  await page.getByRole('button', { name: 'Found the branch' }).click();
  await page.locator('#branchName-error').waitFor(wait);
  console.log(`FOUNDERROR ${flat(await page.locator('#branchName-error').innerText())} describedby=${await page.getByLabel('Name', { exact: true }).getAttribute('aria-describedby')} | ${flat(await page.locator('#found-status').innerText())}`);
  await axe('branches-error');
  await shoot('admin-branches-error');
  const branch = `Riverside ${suffix}`;
  await page.getByLabel('Name', { exact: true }).fill(branch);
  await page.getByLabel('Region (optional)').first().fill('North London');
  await page.getByRole('button', { name: 'Found the branch' }).click();
  await page.locator('#found-status.saved:not([hidden])').waitFor(wait);
  const row = (name) => main.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  await row(branch).waitFor(wait);
  console.log(`FOUNDED ${flat(await page.locator('#found-status').innerText())} | ${flat(await row(branch).innerText())}`);
  await shoot('admin-branches');
  await page.getByRole('button', { name: `Rename ${branch}`, exact: true }).click();
  await page.getByLabel('New name').fill(`Riverside Docks ${suffix}`);
  await page.getByRole('form', { name: `Rename ${branch}` }).getByLabel('Region (optional)').fill('East London');
  await axe('branches-rename');
  await narrow(page, 'branches-rename');
  await shoot('admin-branches-rename');
  await page.getByRole('button', { name: 'Save the name' }).click();
  await row(`Riverside Docks ${suffix}`).waitFor(wait);
  console.log(`RENAMED ${flat(await page.locator('#renamed-status').innerText())} | ${flat(await row(`Riverside Docks ${suffix}`).innerText())}`);

  // 3. roles and grants: ORGANISER on another branch than theirs, CAMPAIGN_ORGANISER on a campaign until a day,
  // revoke the first with a reason (first without: the error beside the field); the admin's own ADMIN is not offered
  await open('Roles', 'Roles and grants');
  await choose('Find a member', `Grantee${suffix}`, `Grantee${suffix}`);
  await page.getByRole('heading', { level: 2, name: /’s grants$/ }).waitFor(wait);
  const held = page.getByRole('list', { name: /^Grants .* holds$/ });
  const ended = page.getByRole('list', { name: /^Grants .* held$/ });
  const items = async (list) => (await list.count()) === 0 ? '(none)' : (await list.locator(':scope > li').allInnerTexts()).map(flat).join(' / ');
  const where = async () => flat(await page.locator('#grantBranch option:checked').innerText());
  console.log(`ROLES ${flat(await main.locator('#member-roles-title ~ p').first().innerText())} | ${flat(await page.getByRole('heading', { level: 3, name: 'Active grants' }).locator('xpath=following-sibling::*[1]').innerText())} | where=${await where()}`);
  await page.getByLabel('Role', { exact: true }).selectOption('EDITOR');
  console.log(`EDITORSCOPE ${await page.locator('#grantBranch').count()} ${flat(await page.getByRole('form', { name: 'Grant a role' }).locator('p').first().innerText())}`);
  await page.getByLabel('Role', { exact: true }).selectOption('ORGANISER');
  await page.getByLabel('Where').selectOption({ label: `Riverside Docks ${suffix}` });
  await page.getByLabel('Why (optional)').fill('Steward of the new branch');
  await page.getByRole('button', { name: 'Grant the role' }).click();
  await page.locator('#roles-status.saved:not([hidden])', { hasText: 'Organiser' }).waitFor(wait);
  console.log(`GRANTED1 ${flat(await page.locator('#roles-status').innerText())}`);
  const until = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
  await page.getByLabel('Role', { exact: true }).selectOption('CAMPAIGN_ORGANISER');
  await page.getByLabel('Which campaign').selectOption({ label: campaignTitle });
  await page.getByLabel('Ends on (optional)').fill(until);
  await page.getByLabel('Why (optional)').fill('Conference weekend');
  await page.getByRole('button', { name: 'Grant the role' }).click();
  await page.locator('#roles-status.saved:not([hidden])', { hasText: 'Campaign organiser' }).waitFor(wait);
  console.log(`GRANTED2 ${flat(await page.locator('#roles-status').innerText())} | until=${until} | ${await items(held)}`);
  await axe('roles');
  await narrow(page, 'roles');
  await shoot('admin-roles');
  await held.getByRole('button', { name: `Revoke… Organiser of branch Riverside Docks ${suffix}` }).click();
  const revokePanel = page.getByRole('form', { name: /^Revoke Organiser/ });
  await revokePanel.waitFor(wait);
  console.log(`REVOKECONFIRM ${flat(await revokePanel.innerText())}`);
  await revokePanel.getByRole('button', { name: 'Revoke the grant' }).click();
  const reasonError = flat(await page.locator('#revokeReason-error').innerText());
  console.log(`REVOKEERROR ${reasonError} describedby=${await page.getByLabel('Why (the member and other admins read it)').getAttribute('aria-describedby')}`);
  await axe('roles-revoke');
  await narrow(page, 'roles-revoke');
  await shoot('admin-roles-revoke');
  await page.getByLabel('Why (the member and other admins read it)').fill('The branch found its own organiser');
  await revokePanel.getByRole('button', { name: 'Revoke the grant' }).click();
  await page.locator('#revoke-status:not([hidden])').waitFor(wait);
  await ended.waitFor(wait);
  console.log(`REVOKED ${flat(await page.locator('#revoke-status').innerText())} | active: ${await items(held)} | ended: ${await items(ended)}`);
  await axe('roles-ended');
  await narrow(page, 'roles-ended');
  await shoot('admin-roles-ended');
  await page.getByRole('button', { name: 'Choose someone else' }).click();
  await choose('Find a member', `Admin${suffix}`, `Admin${suffix}`);
  await held.waitFor(wait);
  console.log(`SELF revoke=${await held.getByRole('button', { name: /Revoke… Admin of/ }).count()} | ${await items(held)}`);

  // 4. dead letters: discard two selected together (confirmed), replay one and see it gone once done
  await open('Dead letters', 'Dead letters');
  const letter = (probe) => main.locator('tbody tr', { hasText: probe });
  await letter(replayProbe).waitFor(wait);
  console.log(`LETTER ${flat(await letter(replayProbe).innerText())}`);
  await axe('dead-letters');
  await narrow(page, 'dead-letters');
  await shoot('admin-dead-letters');
  for (const probe of [discardOne, discardTwo]) await letter(probe).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Discard the selected (2)…' }).click();
  const confirm = page.getByRole('group', { name: 'Discard 2 dead letters?' });
  await confirm.waitFor(wait);
  console.log(`DISCARDCONFIRM ${flat(await confirm.innerText())}`);
  await axe('dead-letters-discard');
  await shoot('admin-dead-letters-discard');
  await confirm.getByRole('button', { name: 'Discard for good' }).click();
  const status = main.locator('p.saved[role="status"]');
  await page.locator('p.saved[role="status"]:not([hidden])', { hasText: 'discarded' }).waitFor(wait);
  await letter(discardOne).waitFor({ state: 'detached', timeout: 30000 });
  console.log(`DISCARDED ${flat(await status.innerText())} | ${await letter(discardOne).count() + await letter(discardTwo).count()}`);
  await letter(replayProbe).getByRole('button', { name: /^Replay/ }).click();
  await page.locator('p.saved[role="status"]:not([hidden])', { hasText: 'sent back' }).waitFor(wait);
  console.log(`REPLAYED ${flat(await status.innerText())}`);
  for (let i = 0; i < 30 && await letter(replayProbe).count() > 0; i++) {
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: 'Refresh the list' }).click();
    await page.getByRole('button', { name: 'Refresh the list' }).waitFor(wait);
  }
  console.log(`GONE ${await letter(replayProbe).count()} | ${flat(await main.locator('p.meta[role="status"]').innerText())}`);

  // 5. the audit: by reader, by reader and member, by member
  await open('Audit', 'Who read whose data');
  const readsStatus = page.getByRole('region', { name: 'Reads, newest first' }).locator('p.meta[role="status"]');
  await readsStatus.waitFor(wait);
  const rows = async () => (await page.getByRole('region', { name: 'Reads, newest first' }).locator('tbody tr').allInnerTexts()).map((t) => flat(t).replace(/^\w{3} \d{1,2} \w{3} \d{4} \d{2}:\d{2} /, '')).join(' / ');
  await choose('Read by', `Organiser${suffix}`, `Organiser${suffix}`);
  await page.getByRole('region', { name: 'Reads, newest first' }).locator('p.meta[role="status"]', { hasText: `by Olu Organiser${suffix}` }).waitFor(wait);
  const readRows = page.getByRole('region', { name: 'Reads, newest first' }).locator('tbody tr');
  console.log(`AUDITREADER ${flat(await readsStatus.innerText())} rows=${await readRows.count()}`);
  await page.getByRole('region', { name: 'Reads, newest first' }).getByRole('button', { name: 'Show more' }).click();
  await page.getByRole('region', { name: 'Reads, newest first' }).locator('p.meta[role="status"]', { hasText: 'Showing 23 of 23' }).waitFor(wait);
  const all = await rows();
  console.log(`AUDITMORE ${flat(await readsStatus.innerText())} rows=${await readRows.count()} more=${await page.getByRole('button', { name: 'Show more' }).count()} | oldest: ${all.split(' / ').pop()}`);
  await choose('Whose data', `Read${suffix}`, `Read${suffix}`);
  await page.getByRole('region', { name: 'Reads, newest first' }).locator('p.meta[role="status"]', { hasText: `of Rita Read${suffix}` }).waitFor(wait);
  console.log(`AUDITBOTH ${flat(await readsStatus.innerText())} | ${(await rows()).split(' / ')[0]}`);
  await axe('audit');
  await narrow(page, 'audit');
  await shoot('admin-audit');
  await page.getByRole('button', { name: 'Any reader' }).click();
  await page.getByRole('region', { name: 'Reads, newest first' }).locator('p.meta[role="status"]', { hasText: /reads? of Rita/ }).waitFor(wait);
  console.log(`AUDITMEMBER ${flat(await readsStatus.innerText())}`);

  // 6. erase a member: the confirmation names the consequences and wants their name typed
  await open('Erase a member', 'Erase a member');
  await choose('Find the member', `Erase${suffix}`, `Erase${suffix}`);
  const panel = page.getByRole('region', { name: /^Erase .*’s personal data\?$/ });
  await panel.waitFor(wait);
  console.log(`ERASECONFIRM ${flat(await panel.innerText())}`);
  await axe('erase-confirm');
  await narrow(page, 'erase-confirm');
  await shoot('admin-erase-confirm');
  await page.getByLabel(/^To confirm, type their name/).fill('Emil');
  await panel.getByRole('button', { name: /^Erase / }).click();
  await page.locator('#confirmName-error').waitFor(wait);
  console.log(`ERASEERROR ${flat(await page.locator('#confirmName-error').innerText())} describedby=${await page.getByLabel(/^To confirm, type their name/).getAttribute('aria-describedby')}`);
  await page.getByLabel(/^To confirm, type their name/).fill(`Emil Erase${suffix}`);
  await panel.getByRole('button', { name: /^Erase / }).click();
  await page.locator('.confirmation').waitFor(wait);
  console.log(`ERASED ${flat(await page.locator('.confirmation').innerText())}`);
  await axe('erased');
  await narrow(page, 'erased');
  await shoot('admin-erased');
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
