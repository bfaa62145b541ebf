// Opens the GraphiQL explorer in Debian's chromium (headless, through Playwright) as a person would, with a token in
// the headers panel, and prints what they would see:
//   RESULT ...     the result pane after running the query prefilled through ?query=
//   DOCS ...       the fields of Query listed in the documentation explorer (opened with its button, then Query)
//   TYPED ...      the editor's text after typing part of a field name and accepting the suggestion with Enter
//   COMPLETED ...  the result pane after running that query with Ctrl-Enter
// With a fourth argument, saves a screenshot there, the documentation explorer open.
// usage: node explorer.mjs http://host:port/graphql '<query>' '<headers json>' [screenshot.png]
import { chromium } from 'playwright-core';

const [url, query, headers, screenshot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const flat = (text) => text.replace(/\s+/g, ' ').trim();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const address = `${url}?query=${encodeURIComponent(query)}&headers=${encodeURIComponent(headers)}`;
  await page.goto(address, { waitUntil: 'load' });
  const execute = page.getByRole('button', { name: /^Execute query/ });
  const results = page.getByRole('region', { name: 'Result Window' });
  await execute.waitFor({ timeout: 30000 });

  // 1. the prefilled query, run with the execute button
  await execute.click();
  await page.waitForFunction(() => (document.querySelector('[aria-label="Result Window"]')?.textContent ?? '').includes('"data"'), null, { timeout: 30000 });
  console.log('RESULT ' + flat(await results.textContent()));

  // 2. the documentation explorer: its button, then the query root type, lists Query's fields
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.getByRole('region', { name: 'Documentation Explorer' });
  await docs.getByRole('link', { name: 'Query', exact: true }).first().click({ timeout: 30000 });
  await docs.getByRole('link', { name: 'campaigns', exact: true }).waitFor({ timeout: 30000 });
  const fields = await docs.locator('.graphiql-doc-explorer-field-name').allTextContents();
  console.log('DOCS ' + fields.join(' '));

  // 3. a query typed with autocompletion: part of a field name, the suggestion accepted with Enter, run with Ctrl-Enter
  const editor = page.getByRole('region', { name: 'Query Editor' });
  await editor.locator('.CodeMirror-code').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{ viewer { roles ema', { delay: 30 });
  const suggestion = page.getByRole('option', { name: /^email/ });
  await suggestion.waitFor({ timeout: 30000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('.CodeMirror-hints'), null, { timeout: 10000 });
  console.log('TYPED ' + flat(await page.evaluate(() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue())));
  const before = await results.textContent();
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction((previous) => {
    const text = document.querySelector('[aria-label="Result Window"]')?.textContent ?? '';
    return text !== previous && (text.includes('"data"') || text.includes('"errors"'));
  }, before, { timeout: 30000 });
  console.log('COMPLETED ' + flat(await results.textContent()));

  if (screenshot) {
    await page.screenshot({ path: screenshot });
    console.log('SCREENSHOT ' + screenshot);
  }
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
} finally {
  await browser.close();
}
