// Opens the GraphiQL explorer in Debian's chromium (headless, through Playwright), with a token in the
// headers panel, runs the query in the editor and prints the result pane.
// usage: node explorer.mjs http://host:port/graphql '<query>' '<headers json>'
import { chromium } from 'playwright-core';

const [url, query, headers] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const address = `${url}?query=${encodeURIComponent(query)}&headers=${encodeURIComponent(headers)}`;
  await page.goto(address, { waitUntil: 'load' });
  await page.waitForSelector('.graphiql-execute-button', { timeout: 30000 });
  await page.click('.graphiql-execute-button');
  await page.waitForFunction(() => (document.querySelector('.result-window')?.textContent ?? '').includes('"data"'), null, { timeout: 30000 });
  const result = await page.evaluate(() => document.querySelector('.result-window').textContent);
  console.log('RESULT ' + result.replace(/\s+/g, ' '));
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
} finally {
  await browser.close();
}
