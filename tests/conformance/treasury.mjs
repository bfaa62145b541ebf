// A treasurer keeps the books in the web client's treasury, in Debian's chromium (headless, through Playwright),
// and a member and an editor find it is not theirs. Prints what they see:
//   MENU <who> <links>          the main menu's links (treasurer, member, editor)
//   AREANAV <links> current=<link>   the treasury's sub-navigation
//   FINDPARTIAL <status>        part of an email address finds nobody
//   BYNAME <status> | <found>   part of a name
//   BYID <h2> | <facts>         the member a pasted member id (the bare number, with dashes) names
//   BYEMAIL <h2> | <facts>      the member a whole email address (in capitals) names
//   PAYERROR <message> describedby=<ids>   an amount that is not one
//   PAID <status> | <arrears>   after recording the payment
//   CSVERROR <message> describedby=<ids>   a pasted text without a member column: the API's error beside the text
//   LOADED <status> same=<the text area holds the file>
//   CHECK <status> | record=<"Record the payments" buttons>   the dry run of the file with a bad row
//   ROW <line> | <member> | <amount> | <paid on> | <result> | <message>   the report's rows (CHECK1/CHECK2/APPLIED)
//   CHECK2 ..., APPLIED <status> | record=<buttons>
//   MUTATIONS <page> <data-mutation values>
//   TOTALS <status> | <last month's row>   the contributions of the branch; MONTHS <rows> after choosing 3 months
//   DENIED <who> <path> | <h1> | <alert> | mutations=<count>
//   AXE <page> ...; SIDEWAYS <page> (at 320 px); PAGEERRORS ..., CONSOLE ...
// Screenshots of every screen at 390x844 and 1280x800 go to the folder given.
// usage: node treasury.mjs <base> <shots> <password> <treasurer email> <member1 email> <member2's bare id> <branch name> <csv> <fixed csv> <member email> <editor email>
import { launchChromium, flat, axe as axeLine, screenshots, signedInPage } from './browser.mjs';

const [base, shots, password, treasurerEmail, member1Email, member2Id, branchName, csv, fixedCsv, memberEmail, editorEmail] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
try {
  const url = (path) => new URL(path, base).toString();

  /** A new browser context signed in (through the sign-in page) at the path given. */
  const signedIn = (email, path) => signedInPage(browser, base, path, email, password, errors, consoleErrors);
  const tools = (page) => ({
    here: () => new URL(page.url()).pathname,
    axe: (name) => axeLine(page, name),
    shoot: (name) => screenshots(page, shots, name),
    narrow: async (name) => {
      await page.setViewportSize({ width: 320, height: 700 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
      if (wide) console.log(`SIDEWAYS ${name}`);
      await page.setViewportSize({ width: 390, height: 844 });
    },
    menu: async (who) => console.log(`MENU ${who} ` + (await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { includeHidden: true }).allTextContents()).map(flat).join(' | ')),
    mutations: async () => (await page.locator('[data-mutation]').evaluateAll((els) => els.map((e) => e.getAttribute('data-mutation')))).join(','),
  });

  // 1. the treasurer signs in and lands on the treasury
  const page = await signedIn(treasurerEmail, '/treasury');
  const t = tools(page);
  await page.getByRole('heading', { level: 1, name: 'Record a payment' }).waitFor({ timeout: 30000 });
  await t.menu('treasurer');
  const areaNav = page.getByRole('navigation', { name: 'Treasury' });
  console.log('AREANAV ' + (await areaNav.getByRole('link').allTextContents()).map(flat).join(' | ') + ' current=' + flat(await areaNav.locator('[aria-current="page"]').textContent()));

  // 2. find the member: part of an address finds nobody; a member id; the whole address in capitals
  const findBy = async (mode, label, text) => {
    await page.getByRole('radio', { name: mode }).check();
    await page.getByLabel(label).fill(text);
    await page.getByRole('button', { name: 'Find', exact: true }).click();
  };
  const chosen = page.getByRole('region').filter({ has: page.locator('#chosen-title') });
  const chosenLine = async () => flat(await page.locator('#chosen-title').textContent()) + ' | ' + (await chosen.locator('dt, dd').allTextContents()).map(flat).join(' ');
  await findBy('Email address', 'Their whole email address', member1Email.slice(1));
  await page.locator('.found-status').getByText(/No member/).waitFor({ timeout: 30000 });
  console.log('FINDPARTIAL ' + flat(await page.locator('.found-status').textContent()));
  await t.axe('find');
  await t.narrow('find');
  await t.shoot('treasury-find');
  await findBy('Name', 'Part of their name', 'zetk');
  await page.locator('.found-status').getByText(/found/).waitFor({ timeout: 30000 });
  console.log('BYNAME ' + flat(await page.locator('.found-status').textContent()) + ' | ' + (await page.locator('ul.found li > span').allTextContents()).map(flat).join(' | '));
  await findBy('Member id', 'Their member id', member2Id);
  await page.locator('#chosen-title').waitFor({ timeout: 30000 });
  console.log('BYID ' + await chosenLine());
  await findBy('Email address', 'Their whole email address', member1Email.toUpperCase());
  await page.locator('.found-status').getByText('1 member found.').waitFor({ timeout: 30000 });
  await page.locator('#chosen-title', { hasText: 'Rosa Worker' }).waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.querySelector('#amount') !== null);
  console.log('BYEMAIL ' + await chosenLine());

  // 3. the payment: a bad amount beside its field, then recorded, with the arrears after it
  await page.getByLabel('Amount paid').fill('twelve');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.locator('#amount-error').waitFor({ timeout: 30000 });
  console.log('PAYERROR ' + flat(await page.locator('#amount-error').textContent()) + ' describedby=' + await page.getByLabel('Amount paid').getAttribute('aria-describedby'));
  await page.getByLabel('Amount paid').fill('12.50');
  await page.getByLabel('Reference (optional)').fill('BANK-REC-1');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await page.locator('#payment-status').getByText(/^Recorded/).waitFor({ timeout: 30000 });
  console.log('PAID ' + flat(await page.locator('#payment-status').textContent()) + ' | ' + flat(await chosen.locator('dl dd').last().textContent()));
  console.log('MUTATIONS record ' + await t.mutations());
  await t.axe('record');
  await t.narrow('record');
  await t.shoot('treasury-record');

  // 4. the import: a file with a bad row, checked (refused, nothing to record), fixed in the text, checked, recorded
  await areaNav.getByRole('link', { name: 'Import payments' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import payments' }).waitFor({ timeout: 30000 });
  await page.getByLabel('The file’s text').fill('date,amount\n2026-11-02,5.00\n');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.locator('#csv-error').waitFor({ timeout: 30000 });
  console.log('CSVERROR ' + flat(await page.locator('#csv-error').textContent()) + ' describedby=' + await page.getByLabel('The file’s text').getAttribute('aria-describedby'));
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'statement.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByText(/statement\.csv is loaded/).waitFor({ timeout: 30000 });
  console.log('LOADED ' + flat(await page.getByText(/statement\.csv is loaded/).textContent()) + ' same=' + ((await page.getByLabel('The file’s text').inputValue()) === csv));
  const record = page.getByRole('button', { name: 'Record the payments' });
  const report = async (tag) => {
    for (const row of await page.locator('section[aria-labelledby="report-title"] tbody tr').all())
      console.log(`ROW ${tag} ` + (await row.locator('td').allTextContents()).map(flat).join(' | '));
  };
  const check = async (tag, expect) => {
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.locator('#import-status').getByText(expect).waitFor({ timeout: 30000 });
    await page.locator('section[aria-labelledby="report-title"] tbody tr td').first().waitFor({ timeout: 30000 });
    await page.waitForFunction(() => !document.body.textContent?.includes('Loading the members’ names'));
    console.log(`${tag} ` + flat(await page.locator('#import-status').textContent()) + ' | record=' + await record.count());
    await report(tag);
  };
  await check('CHECK', /refused/);
  console.log('MUTATIONS import ' + await t.mutations());
  await t.axe('import-refused');
  await t.narrow('import-refused');
  await t.shoot('treasury-import-refused');
  await page.getByLabel('The file’s text').fill(fixedCsv);
  await check('CHECK2', /No row is refused/);
  await t.axe('import-checked');
  await t.shoot('treasury-import-checked');
  await record.click();
  await page.locator('#import-status').getByText(/^Recorded/).waitFor({ timeout: 30000 });
  await page.getByRole('heading', { name: 'What was recorded' }).waitFor({ timeout: 30000 });
  await page.waitForFunction(() => !document.body.textContent?.includes('Loading the members’ names'));
  console.log('APPLIED ' + flat(await page.locator('#import-status').textContent()) + ' | record=' + await record.count());
  await report('APPLIED');
  await t.axe('import-recorded');
  await t.narrow('import-recorded');
  await t.shoot('treasury-import-recorded');

  // 5. the contributions: all branches, then the branch, its last month; then three months
  await areaNav.getByRole('link', { name: 'Contributions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contributions' }).waitFor({ timeout: 30000 });
  await page.getByRole('heading', { name: 'By branch, the last 12 months' }).waitFor({ timeout: 30000 });
  await t.axe('totals-all');
  await t.narrow('totals-all');
  await t.shoot('treasury-totals-all');
  await page.getByLabel('Branch', { exact: true }).selectOption({ label: branchName });
  await page.getByRole('heading', { level: 2, name: `${branchName}, the last 12 months` }).waitFor({ timeout: 30000 });
  const monthRows = page.locator('figure.chart tbody tr');
  console.log('TOTALS ' + flat(await page.locator('section[aria-labelledby="totals-title"] [role="status"]').textContent()) + ' | ' + (await monthRows.last().locator('th, td').allTextContents()).map(flat).join(' '));
  await page.getByLabel('Months', { exact: true }).selectOption('3');
  await page.getByRole('heading', { level: 2, name: `${branchName}, the last 3 months` }).waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.querySelectorAll('figure.chart tbody tr').length === 3);
  console.log('MONTHS ' + await monthRows.count() + ' ' + (await monthRows.last().locator('th, td').allTextContents()).map(flat).join(' '));
  await t.axe('totals');
  await t.narrow('totals');
  await t.shoot('treasury-totals');

  // 6. a member and an editor: the treasury is not theirs, and their menus do not offer it
  for (const [who, email] of [['member', memberEmail], ['editor', editorEmail]]) {
    const other = await signedIn(email, '/treasury');
    const o = tools(other);
    await other.getByRole('heading', { level: 1, name: 'Treasury' }).waitFor({ timeout: 30000 });
    console.log(`DENIED ${who} ${o.here()} | ${flat(await other.getByRole('heading', { level: 1 }).textContent())} | ${flat(await other.getByRole('alert').textContent())} | mutations=${await other.locator('[data-mutation]').count()}`);
    await o.menu(who);
    await o.axe(`denied-${who}`);
    await o.narrow(`denied-${who}`);
    await o.shoot(`treasury-denied-${who}`);
    await other.context().close();
  }
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
