// The web client's campaign and article pages, timed in Debian's chromium (headless, through Playwright) with the
// browser's own performance timings: build/bench.sh's "pages" scenario.
//
// For each page, RUNS loads with a cold cache (a new browser context each time) and RUNS with a warm one (one context,
// loaded once before the measured loads). Each load is timed from the navigation's start by the page's own clock
// (performance.now()):
//   response  the document's last byte (the navigation entry's responseEnd)
//   dcl       DOMContentLoaded handled (domContentLoadedEventEnd): the scripts have run
//   shown     the page's main heading (h1) shows the campaign's or article's title, i.e. its data is on screen
//             (the title comes with the rest of the data, in one query): the frame after the DOM had it
// and prints one line per page and cache:
//   PAGE page=<campaign|article> cache=<cold|warm> runs=N path=<path> shown_median=… shown_p95=… dcl_median=… dcl_p95=… response_median=… response_p95=…
// (milliseconds; p95 is the nearest-rank 95th percentile). Exits non-zero when a page does not show its title within
// 30 s, or logs a script error.
// usage: node pages-bench.mjs http://host:port <campaign slug> <article slug, or "latest" for the newest article> <runs>
import { launchChromium } from './browser.mjs';

const [base, campaignSlug, articleSlug, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 10);
if (!base || !campaignSlug || !articleSlug || !(runs > 0)) {
  console.error('usage: node pages-bench.mjs <base url> <campaign slug> <article slug> <runs>');
  process.exit(2);
}

// The titles the pages' headings must show, asked of the API.
async function graphql(query, variables) {
  const answer = await fetch(new URL('/graphql', base), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }),
  });
  const json = await answer.json();
  if (json.errors) throw new Error(`GraphQL: ${JSON.stringify(json.errors)}`);
  return json.data;
}
const campaign = (await graphql('query($s: String!) { campaign(slug: $s) { title } }', { s: campaignSlug })).campaign;
const article = articleSlug === 'latest'
  ? (await graphql('{ articles(first: 1) { nodes { slug title } } }')).articles.nodes[0]
  : (await graphql('query($s: String!) { article(slug: $s) { slug title } }', { s: articleSlug })).article;
if (!campaign || !article) {
  console.error(`no ${!campaign ? `campaign '${campaignSlug}'` : `article '${articleSlug}'`} to open`);
  process.exit(1);
}
const pages = [
  { name: 'campaign', path: `/campaigns/${campaignSlug}`, title: campaign.title },
  { name: 'article', path: `/articles/${article.slug}`, title: article.title },
];

const browser = await launchChromium();
const errors = [];

// Marks the moment (the next frame) the main heading shows the title; installed before any script of the page runs.
function watchHeading(title) {
  const shown = () => [...document.querySelectorAll('h1')].some((h) => h.textContent.trim() === title);
  new MutationObserver((_, observer) => {
    if (!shown()) return;
    observer.disconnect();
    requestAnimationFrame(() => performance.mark('wp-heading-shown'));
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function newContext(title) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(watchHeading, title);
  return context;
}

async function load(context, url) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByName('wp-heading-shown').length > 0, null, { timeout: 30000, polling: 50 });
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { shown: performance.getEntriesByName('wp-heading-shown')[0].startTime, dcl: nav.domContentLoadedEventEnd, response: nav.responseEnd };
  });
  await page.close();
  return timing;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)]; };
const report = (page, cache, timings) => {
  const figure = (key) => `${key}_median=${median(timings.map((t) => t[key])).toFixed(1)} ${key}_p95=${p95(timings.map((t) => t[key])).toFixed(1)}`;
  console.log(`PAGE page=${page.name} cache=${cache} runs=${timings.length} path=${page.path} ${figure('shown')} ${figure('dcl')} ${figure('response')}`);
};

try {
  for (const page of pages) {
    const url = new URL(page.path, base).toString();
    const cold = [];
    for (let i = 0; i < runs; i++) {
      const context = await newContext(page.title);
      cold.push(await load(context, url));
      await context.close();
    }
    report(page, 'cold', cold);
    const context = await newContext(page.title);
    await load(context, url); // fills the cache
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await load(context, url));
    await context.close();
    report(page, 'warm', warm);
  }
} catch (e) {
  console.error(`pages-bench: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
if (errors.length) {
  console.error(`pages-bench: script errors on the pages: ${errors.join(' | ')}`);
  process.exitCode = 1;
}
