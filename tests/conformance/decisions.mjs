// Members and their chair decide in the web client's Decisions area, in Debian's chromium (headless, through
// Playwright), and print what they see:
//   CONVENEERROR <title's error> | described=<bool> | <alert>   the organiser convenes with a two-letter title
//   CONVENEFORBIDDEN <alert>          … for a branch they do not organise
//   CONVENED <h1> | <facts> | startsAt=<ISO of the time typed, in this browser's zone> | id=<the new meeting's id>
//   LIST <meeting titles>; OPENMARK <open ballots marked>   /decisions, the mover's meetings
//   MEMBERCONVENE <n>; MEMBERCLOSE <n>   a member without a role is offered neither convening nor closing a meeting
//   SUBMITTED <status> | <badge>      the mover submits a motion on the meeting's page
//   SECONDED <status> | <badge>       another member seconds it
//   PUT <ballot badge> castVote=<n>   the chair puts it to the vote (secret, the defaults)
//   OPENED <status> | <badge>         the chair opens its ballot
//   TURNOUT <n> <the chair's turnout line>   the chair's screen as the members vote (no reload); RELOADED <bool>
//   VOTEFORM <options>                the mover's ballot page
//   RECEIPT <heading> | <sentence> | shown=<bool> stored=<bool> inurl=<bool>   after casting: the receipt shown once, and
//                                     whether it is in localStorage/sessionStorage or the address
//   COPIED <status>                   after "Copy the receipt"; VOTED <status>
//   AFTERVOTE <notice> castVote=<n>   the mover's page after voting (no second vote offered)
//   CLOSED <status>                   the chair closes the ballot (confirmed)
//   RESULTLIVE <bool>                 whether the mover's page showed the result without a reload (the subscription told the close)
//   RESULT <verdict> | <option votes>...   the mover's page once closed
//   FOUND <answer>                    "Find my receipt" with the mover's receipt (the receipt printed as <receipt>)
//   NOTFOUND <answer>                 with a receipt nobody has; PUBLISHED <rows> <votes, sorted>
//   STV <verdict> | rounds=<rows> | <header cells>   an STV ballot's result page
//   MEETINGREFUSED <alert>            the chair tries to close the meeting while its ballot is open (before CLOSED)
//   MEETINGCLOSED <status> | <the meeting's status>   the chair closes the meeting at the end (confirmed)
//   AXE <page> ...; SIDEWAYS <page>; PAGEERRORS ...; CONSOLE ...
// Screenshots of every screen at 390x844 and 1280x800 go to the folder given.
// usage: node decisions.mjs <base> <shots> <chair email> <mover email> <seconder email> <password> <meeting id> <meeting title> <stv ballot id> <suffix> <chair's branch name> <another branch's name>
import { launchChromium, flat, axe as axeLine, screenshots, signedInPage } from './browser.mjs';

const [base, shots, chairEmail, moverEmail, seconderEmail, password, meetingId, meetingTitle, stvId, suffix, branchName, otherBranchName] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const url = (path) => new URL(path, base).toString();
const meetingPath = `/decisions/meetings/${encodeURIComponent(meetingId)}`;

const signedIn = (email, path) => signedInPage(browser, base, path, email, password, errors, consoleErrors);

const narrow = async (page, name) => {
  await page.setViewportSize({ width: 320, height: 700 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  if (wide) console.log(`SIDEWAYS ${name}`);
  await page.setViewportSize({ width: 390, height: 844 });
};
const check = async (page, name) => { await axeLine(page, name); await narrow(page, name); await screenshots(page, shots, name); };

try {
  // 0. the organiser convenes a meeting of their branch: a title too short, then a branch they do not organise, then right
  const chair = await signedIn(chairEmail, '/decisions');
  await chair.getByRole('heading', { level: 1, name: 'Meetings and votes' }).waitFor({ timeout: 30000 });
  const convene = chair.getByRole('region', { name: 'Convene a meeting' });
  await convene.getByRole('button', { name: 'Convene a meeting…' }).click();
  const conveneForm = chair.getByRole('form', { name: 'The new meeting' });
  await conveneForm.waitFor({ timeout: 30000 });
  await conveneForm.getByLabel('Title').fill('AG');
  await conveneForm.getByLabel('What kind of meeting').selectOption({ label: 'A branch meeting' });
  await conveneForm.getByLabel('Branch').selectOption({ label: branchName });
  await conveneForm.getByLabel('Starts').fill('2027-03-06T18:30');
  await conveneForm.getByLabel('Seconders a motion needs').fill('2');
  await conveneForm.getByRole('button', { name: 'Convene the meeting' }).click();
  const titleError = conveneForm.locator('#convene-title-field-error');
  await titleError.waitFor({ timeout: 30000 });
  const described = (await conveneForm.getByLabel('Title').getAttribute('aria-describedby') ?? '').split(' ').includes('convene-title-field-error');
  console.log(`CONVENEERROR ${flat(await titleError.textContent())} | described=${described} | ${flat(await conveneForm.locator('#convene-status').textContent())}`);
  await check(chair, 'decisions-convene-error');
  const convenedTitle = `Annual general meeting ${suffix}`;
  await conveneForm.getByLabel('Title').fill(convenedTitle);
  await conveneForm.getByLabel('Branch').selectOption({ label: otherBranchName });
  await conveneForm.getByRole('button', { name: 'Convene the meeting' }).click();
  await conveneForm.locator('#convene-status').getByText(/may not convene/).waitFor({ timeout: 30000 });
  console.log('CONVENEFORBIDDEN ' + flat(await conveneForm.locator('#convene-status').textContent()));
  await conveneForm.getByLabel('Branch').selectOption({ label: branchName });
  await conveneForm.getByRole('button', { name: 'Convene the meeting' }).click();
  await chair.getByRole('heading', { level: 1, name: convenedTitle }).waitFor({ timeout: 30000 });
  const facts = (await chair.locator('.meeting-facts > div').allInnerTexts()).map(flat).join(' | ');
  const typed = await chair.evaluate(() => new Date('2027-03-06T18:30').toISOString());
  const convenedId = decodeURIComponent(new URL(chair.url()).pathname.split('/').pop());
  console.log(`CONVENED ${flat(await chair.getByRole('heading', { level: 1 }).textContent())} | ${facts} | startsAt=${typed} | id=${convenedId}`);
  await check(chair, 'meeting-convened');

  // 1. the mover's meetings
  const mover = await signedIn(moverEmail, '/decisions');
  await mover.getByRole('heading', { level: 1, name: 'Meetings and votes' }).waitFor({ timeout: 30000 });
  const list = mover.getByRole('region', { name: /^Meetings/ });
  await list.getByRole('heading', { level: 3, name: meetingTitle }).waitFor({ timeout: 30000 });
  console.log('LIST ' + (await list.getByRole('heading', { level: 3 }).allTextContents()).map(flat).join(' | '));
  console.log('OPENMARK ' + await list.getByRole('article', { name: meetingTitle }).locator('.status-badge--open').count());
  console.log('MEMBERCONVENE ' + await mover.locator('[data-opens="conveneMeeting"], [data-mutation="conveneMeeting"]').count());
  await check(mover, 'decisions-list');

  // 2. the mover submits a motion
  await list.getByRole('link', { name: meetingTitle }).click();
  await mover.getByRole('heading', { level: 1, name: meetingTitle }).waitFor({ timeout: 30000 });
  const motionTitle = `Support the night drivers ${suffix}`;
  const submit = mover.getByRole('form', { name: 'Submit a motion' });
  await submit.getByLabel('Title').fill(motionTitle);
  await submit.getByLabel('The motion').fill('This branch notes the night drivers’ dispute.\nThis branch resolves to join their pickets.');
  await submit.getByRole('button', { name: 'Submit the motion' }).click();
  await mover.locator('#submit-motion-status').getByText(/is submitted/).waitFor({ timeout: 30000 });
  const moverMotion = mover.getByRole('article', { name: motionTitle });
  await moverMotion.waitFor({ timeout: 30000 });
  console.log('SUBMITTED ' + flat(await mover.locator('#submit-motion-status').textContent()) + ' | ' + flat(await moverMotion.locator('.status-badge').first().textContent()));
  console.log('MEMBERCLOSE ' + await mover.locator('[data-opens="closeMeeting"], [data-mutation="closeMeeting"]').count());
  await check(mover, 'meeting-member');

  // 3. another member seconds it
  const seconder = await signedIn(seconderEmail, meetingPath);
  const seconded = seconder.getByRole('article', { name: motionTitle });
  await seconded.getByRole('button', { name: 'Second this motion' }).click();
  await seconded.locator('.saved').getByText(/You seconded/).waitFor({ timeout: 30000 });
  await seconded.locator('.status-badge').first().getByText('Seconded').waitFor({ timeout: 30000 });
  console.log('SECONDED ' + flat(await seconded.locator('.saved').first().textContent()) + ' | ' + flat(await seconded.locator('.status-badge').first().textContent()));
  await check(seconder, 'meeting-seconded');

  // 4. the chair puts it to the vote (secret, as the form proposes) and opens it
  await chair.goto(url(meetingPath), { waitUntil: 'load' });
  await chair.getByRole('heading', { level: 2, name: 'Chairing this meeting' }).waitFor({ timeout: 30000 });
  const chairMotion = chair.getByRole('article', { name: motionTitle });
  await chairMotion.getByRole('button', { name: `Put the motion “${motionTitle}” to the vote…` }).click();
  const putForm = chair.getByRole('form', { name: `Put the motion “${motionTitle}” to the vote` });
  await putForm.getByRole('button', { name: 'Put it to the vote' }).click();
  const ballots = chair.getByRole('region', { name: /^Ballots/ });
  const ballotItem = ballots.getByRole('article').filter({ hasNot: chair.getByRole('link', { name: new RegExp(`Branch secretary ${suffix}`) }) }).first();
  await ballotItem.waitFor({ timeout: 30000 });
  console.log('PUT ' + flat(await ballotItem.locator('.status-badge').first().textContent()) + ' castVote=' + await chair.locator('[data-mutation="castVote"]').count());
  await ballotItem.getByRole('button', { name: /^Open “.+” now$/ }).click();
  await ballotItem.locator('[role="status"]').getByText(/is open/).waitFor({ timeout: 30000 });
  console.log('OPENED ' + flat(await ballotItem.locator('.saved').textContent()) + ' | ' + flat(await ballotItem.locator('.status-badge').first().textContent()));
  const ballotHref = await ballotItem.getByRole('heading', { level: 3 }).getByRole('link').getAttribute('href');
  await chair.evaluate(() => { window.__notReloaded = true; });
  const turnoutOf = async () => flat(await ballotItem.locator('.turnout').textContent());
  await chair.waitForTimeout(1500); // the subscription is live once its first value came
  console.log('TURNOUT 0 ' + await turnoutOf());
  await check(chair, 'meeting-chair');

  // 5. the mover votes: the receipt, shown once
  await mover.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  await mover.goto(url(ballotHref), { waitUntil: 'load' });
  const vote = mover.getByRole('region', { name: 'Cast your vote' });
  await vote.waitFor({ timeout: 30000 });
  console.log('VOTEFORM ' + (await vote.getByRole('radio').evaluateAll((rs) => rs.map((r) => document.querySelector(`label[for="${r.id}"]`)?.textContent ?? ''))).join(' | '));
  await check(mover, 'ballot-vote');
  await vote.getByLabel('For', { exact: true }).check();
  await vote.getByRole('button', { name: 'Cast the vote' }).click();
  const receipt = mover.getByRole('region', { name: 'Your receipt' });
  await receipt.waitFor({ timeout: 30000 });
  const code = flat(await receipt.locator('.receipt__code').textContent());
  const stored = await mover.evaluate((c) => [...Object.values(localStorage), ...Object.values(sessionStorage)].some((v) => String(v).includes(c)), code);
  console.log(`RECEIPT ${flat(await receipt.getByRole('heading').textContent())} | ${flat(await receipt.locator('strong').textContent())} | shown=${code.length > 0} stored=${stored} inurl=${mover.url().includes(code)}`);
  await receipt.getByRole('button', { name: 'Copy the receipt' }).click();
  await receipt.locator('.saved:not([hidden])').waitFor({ timeout: 10000 });
  console.log('COPIED ' + flat(await receipt.locator('.saved').textContent()));
  console.log('VOTED ' + flat(await mover.locator('#vote-status').textContent()));
  await check(mover, 'ballot-receipt');
  await ballotItem.locator('.turnout').getByText(/^1 of/).waitFor({ timeout: 15000 });
  console.log('TURNOUT 1 ' + await turnoutOf());

  // 6. the seconder votes against
  await seconder.goto(url(ballotHref), { waitUntil: 'load' });
  const vote2 = seconder.getByRole('region', { name: 'Cast your vote' });
  await vote2.getByLabel('Against', { exact: true }).check();
  await vote2.getByRole('button', { name: 'Cast the vote' }).click();
  await seconder.getByRole('region', { name: 'Your receipt' }).waitFor({ timeout: 30000 });
  await ballotItem.locator('.turnout').getByText(/^2 of/).waitFor({ timeout: 15000 });
  console.log('TURNOUT 2 ' + await turnoutOf());
  console.log('RELOADED ' + !(await chair.evaluate(() => window.__notReloaded === true)));
  await mover.getByRole('button', { name: 'I have written it down' }).click();
  console.log('AFTERVOTE ' + flat(await mover.locator('#voted').textContent()) + ' castVote=' + await mover.locator('[data-mutation="castVote"]').count());

  // 7. the chair may not close the meeting while its ballot is open; then closes the ballot (confirmed: it is final)
  const closing = chair.getByRole('region', { name: 'Closing the meeting' });
  await closing.getByRole('button', { name: 'Close the meeting…' }).click();
  await closing.getByRole('button', { name: 'Yes, close the meeting' }).click();
  await closing.locator('#close-meeting-status[role="alert"]').waitFor({ timeout: 30000 });
  console.log('MEETINGREFUSED ' + flat(await closing.locator('#close-meeting-status').textContent()));
  await check(chair, 'meeting-close-refused');
  await closing.getByRole('button', { name: 'Keep it open' }).click();
  await ballotItem.getByRole('button', { name: /^Close “.+”…$/ }).click();
  await axeLine(chair, 'ballot-close-confirm');
  await screenshots(chair, shots, 'ballot-close-confirm');
  await ballotItem.getByRole('button', { name: 'Yes, close the ballot' }).click();
  await ballotItem.locator('[role="status"]').getByText(/is closed/).waitFor({ timeout: 30000 });
  console.log('CLOSED ' + flat(await ballotItem.locator('.saved').textContent()));
  await check(chair, 'meeting-chair-closed');

  // 8. the mover's page shows the result (moved there by the subscription, no reload) and finds the receipt
  let live = true;
  try { await mover.getByRole('heading', { level: 2, name: 'Result' }).waitFor({ timeout: 15000 }); } catch {
    live = false;
    await mover.reload({ waitUntil: 'load' });
    await mover.getByRole('heading', { level: 2, name: 'Result' }).waitFor({ timeout: 30000 });
  }
  console.log('RESULTLIVE ' + live);
  const counts = (await mover.locator('.counts-table tbody tr').allInnerTexts()).map(flat);
  console.log('RESULT ' + flat(await mover.locator('#result-line').textContent()) + ' | ' + counts.join(' | '));
  await mover.getByLabel('Find my receipt').fill(code.toLowerCase());
  await mover.getByRole('button', { name: 'Find it' }).click();
  await mover.locator('#receipt-answer:not([hidden])').waitFor({ timeout: 10000 });
  console.log('FOUND ' + flat(await mover.locator('#receipt-answer').textContent()).replace(code, '<receipt>'));
  await check(mover, 'ballot-results');
  await mover.getByLabel('Find my receipt').fill('NOT-A-RECEIPT');
  await mover.getByRole('button', { name: 'Find it' }).click();
  await mover.locator('#receipt-answer').getByText(/No published ballot/).waitFor({ timeout: 10000 });
  console.log('NOTFOUND ' + flat(await mover.locator('#receipt-answer').textContent()));
  const published = (await mover.locator('.published-table tbody tr td:nth-child(2)').allTextContents()).map(flat).sort();
  console.log(`PUBLISHED ${published.length} ${published.sort((a, b) => (a === 'For' ? -1 : b === 'For' ? 1 : a.localeCompare(b))).join(',')}`);

  // 9. an STV election's result, round by round
  await mover.goto(url(`/decisions/ballots/${encodeURIComponent(stvId)}`), { waitUntil: 'load' });
  await mover.getByRole('table', { name: 'The count, round by round' }).waitFor({ timeout: 30000 });
  const header = (await mover.locator('.rounds-table thead th').allTextContents()).map(flat).join(' ');
  console.log(`STV ${flat(await mover.locator('#result-line').textContent())} | rounds=${await mover.locator('.rounds-table tbody tr').count()} | ${header}`);
  await check(mover, 'ballot-stv');

  // 10. the business done, the chair closes the meeting (confirmed)
  await closing.getByRole('button', { name: 'Close the meeting…' }).click();
  await axeLine(chair, 'meeting-close-confirm');
  await screenshots(chair, shots, 'meeting-close-confirm');
  await closing.getByRole('button', { name: 'Yes, close the meeting' }).click();
  await closing.locator('#close-meeting-status').getByText(/is closed/).waitFor({ timeout: 30000 });
  const status = flat(await chair.locator('.meeting-facts > div').filter({ hasText: 'Status' }).locator('dd').textContent());
  console.log('MEETINGCLOSED ' + flat(await closing.locator('#close-meeting-status').textContent()) + ' | ' + status);
  await check(chair, 'meeting-closed');
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
