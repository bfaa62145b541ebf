// The public site in Debian's chromium (headless, through Playwright): campaigns, live progress, articles, standing pages.
// Two browser contexts: A (a member, whose own page has no live socket, so that what the server refuses is staged
// deterministically) and B (signed out, live through the campaign's progress subscription). Prints:
//   CAMPAIGNS ...           the campaigns list (reached by the main navigation's "Campaigns"); CAMPAIGNSMORE after "Show more"
//   WIDTH <page> <px>       the page's scroll width at 320 px
//   CAMPAIGN <path> | ...   the campaign page, signed out
//   SIGNIN <path+search>    where "Sign in to take part" goes
//   BACK <path> | <card>    back on the campaign page once signed in: the action's card
//   SIGNEDUP <card> | <progress> | focus=<text>   after "Sign up": the card and the figures, at once, and the focused button
//   LIVE1 <progress> | <card> | reloaded=<bool>   B, without a reload, after A signed up
//   WITHDRAWN <card> | <progress>  A after "Withdraw"
//   LIVE0 <progress> | <card> | reloaded=<bool>   B, without a reload, after A withdrew
//   FULLCARD <card>         an action that is full, as A sees it
//   FULL <card>             A signs up for an action whose last place someone else just took
//   CANCELLED <card> | <progress>  A signs up for an action an organiser just cancelled (the card and figures fetched afresh)
//   NOMEMBER <card>         an account without a membership (the admin) signs up
//   ARTICLES <count> ... MORE <count> ...   the articles list (by the main navigation), then after "Show more"
//   SEARCH <path+search> | <status> | <titles>   the search form's results
//   FEED <href> in-head=<bool>   the Atom feed's <link rel="alternate"> in the document's head
//   ABOUT <path> | <h1> | ...   the footer's "About us"; PAGE <path> | <h1> | ...   /pages/<slug>; PROGRAMME ...
//   AXE <page> ...          axe-core's serious and critical violations ("none" when there are none)
//   PAGEERRORS ..., CONSOLE ...  uncaught script errors and console errors (both contexts)
// Screenshots at 390x844 and 1280x800 go to the folder given.
// usage: node public.mjs <base> <shots> <json: {email, password, adminEmail, adminPassword, campaign, slug, action,
//   fullAction, lastPlaceAction, lastPlaceId, cancelAction, cancelId, otherToken, adminToken, search, pageSlug, pageTitle, aboutTitle, programmeTitle}>
import { launchChromium, flat, axe, screenshots } from './browser.mjs';

const [base, shots, json] = process.argv.slice(2);
const t = JSON.parse(json);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const url = (path) => new URL(path, base).toString();
const here = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };
const watch = (page, name) => {
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${name}: ${m.text()}`); });
};
const shoot = (page, name) => screenshots(page, shots, name);
// at 320 px wide nothing makes the page scroll sideways
const narrow = async (page, name) => {
  await page.setViewportSize({ width: 320, height: 700 });
  console.log(`WIDTH ${name} ` + await page.evaluate(() => document.documentElement.scrollWidth));
  await page.setViewportSize({ width: 390, height: 844 });
};
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
const card = (page, title) => page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
const cardText = async (page, title) => flat(await card(page, title).innerText());
const progress = (page) => page.getByRole('region', { name: 'Progress' });
const progressText = async (page) => flat(await progress(page).innerText());
const waitForText = async (locator, text) => {
  await locator.filter({ hasText: text }).waitFor({ timeout: 30000 });
};

/** With persisted documents only: the campaign page's figures move as the test signs members up ("READY" asks for one). */
async function liveOnly() {
  const b = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  watch(b, 'B');
  const sent = [];
  const firstValue = new Promise((resolve) => b.on('websocket', (ws) => {
    ws.on('framesent', (f) => { const m = JSON.parse(String(f.payload)); if (m.type === 'subscribe') sent.push(m.payload); });
    ws.on('framereceived', (f) => { if (String(f.payload).includes('"next"')) resolve(); });
  }));
  await b.goto(url(`/campaigns/${t.slug}`), { waitUntil: 'load' });
  await card(b, t.action).waitFor({ timeout: 30000 });
  await Promise.race([firstValue, new Promise((_, reject) => setTimeout(() => reject(new Error('no progress over the socket')), 30000))]);
  console.log('SENT documentId-only=' + (sent.length > 0 && sent.every((p) => /^sha256:[0-9a-f]{64}$/.test(p.documentId) && p.query === '')));
  const places = async () => flat(await card(b, t.action).getByText(/places? left|Full/).textContent());
  for (const n of [0, 1, 2]) {
    if (n > 0) {
      await waitForText(progress(b), `${n} ${n === 1 ? 'sign-up' : 'sign-ups'} to`);
      await waitForText(card(b, t.action), `${20 - n} places left`);
    }
    console.log(`LIVEONLY ${await progressText(b)} | ${await places()}`);
    if (n < 2) console.log('READY');
  }
}

try {
  if (t.liveOnly) await liveOnly();
  else await site();
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}

async function site() {
  const a = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  const b = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  watch(a, 'A');
  watch(b, 'B');
  // A has no live connection to the server: what it shows moves only by its own requests
  await a.routeWebSocket(/\/graphql$/, () => {});

  // 1. the campaigns list from the main navigation, then the campaign
  await a.goto(url('/'), { waitUntil: 'load' });
  await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
  await a.getByRole('heading', { level: 1, name: 'Campaigns' }).waitFor({ timeout: 30000 });
  await a.getByRole('link', { name: t.campaign }).waitFor({ timeout: 30000 });
  console.log('CAMPAIGNS ' + here(a) + ' | ' + flat(await a.getByRole('main').innerText()));
  await axe(a, 'campaigns');
  await shoot(a, 'campaigns');
  const campaigns = a.getByRole('main').getByRole('article');
  const shown = await campaigns.count();
  await a.getByRole('button', { name: 'Show more campaigns' }).click();
  await a.waitForFunction((n) => document.querySelectorAll('main article').length > n, shown, { timeout: 30000 });
  console.log(`CAMPAIGNSMORE ${shown} then ${await campaigns.count()} button=${await a.getByRole('button', { name: 'Show more campaigns' }).count()}`);
  await a.getByRole('link', { name: t.campaign }).click();
  await a.getByRole('heading', { level: 1, name: t.campaign }).waitFor({ timeout: 30000 });
  await card(a, t.action).waitFor({ timeout: 30000 });
  console.log('CAMPAIGN ' + here(a) + ' | ' + flat(await a.getByRole('main').innerText()));
  await axe(a, 'campaign');
  await shoot(a, 'campaign');
  await narrow(a, 'campaign');

  // B opens the same campaign page, signed out, and stays on it; its socket answers the subscription with the figures
  const firstValue = new Promise((resolve) => b.on('websocket', (ws) => ws.on('framereceived', (f) => { if (String(f.payload).includes('"next"')) resolve(); })));
  await b.goto(url(`/campaigns/${t.slug}`), { waitUntil: 'load' });
  await card(b, t.action).waitFor({ timeout: 30000 });
  await b.evaluate(() => { window.__stayed = true; });
  await Promise.race([firstValue, new Promise((_, reject) => setTimeout(() => reject(new Error('B received no progress over its socket')), 30000))]);

  // 2. A signs in from the campaign page and comes back to it
  await a.getByRole('link', { name: 'Sign in to take part' }).click();
  await a.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30000 });
  console.log('SIGNIN ' + here(a));
  await a.getByLabel('Email').fill(t.email);
  await a.getByLabel('Password').fill(t.password);
  await a.getByRole('button', { name: 'Sign in' }).click();
  await a.getByRole('heading', { level: 1, name: t.campaign }).waitFor({ timeout: 30000 });
  await card(a, t.action).getByRole('button', { name: 'Sign up' }).waitFor({ timeout: 30000 });
  console.log('BACK ' + here(a) + ' | ' + await cardText(a, t.action));

  // 3. A signs up: the button and the places left change at once; B's figures and places move without a reload
  await card(a, t.action).getByRole('button', { name: 'Sign up' }).click();
  await card(a, t.action).getByRole('button', { name: 'Withdraw' }).waitFor({ timeout: 30000 });
  console.log('SIGNEDUP ' + await cardText(a, t.action) + ' | ' + await progressText(a) + ' | focus=' + await a.evaluate(() => document.activeElement?.textContent));
  await axe(a, 'campaign-signed-up');
  await shoot(a, 'campaign-signed-up');
  await waitForText(progress(b), '2 sign-ups');
  await waitForText(card(b, t.action), '4 places left');
  console.log('LIVE1 ' + await progressText(b) + ' | ' + await cardText(b, t.action) + ' | reloaded=' + !(await b.evaluate(() => window.__stayed === true)));
  await axe(b, 'campaign-live');
  await shoot(b, 'campaign-live');

  // 4. A withdraws with the keyboard alone (the focus stayed on the button): and B's figures move back
  await card(a, t.action).getByRole('button', { name: 'Withdraw' }).focus();
  await a.keyboard.press('Enter');
  await card(a, t.action).getByRole('button', { name: 'Sign up' }).waitFor({ timeout: 30000 });
  console.log('WITHDRAWN ' + await cardText(a, t.action) + ' | ' + await progressText(a));
  await waitForText(progress(b), '1 sign-up ');
  await waitForText(card(b, t.action), '5 places left');
  console.log('LIVE0 ' + await progressText(b) + ' | ' + await cardText(b, t.action) + ' | reloaded=' + !(await b.evaluate(() => window.__stayed === true)));

  // 5. what the server refuses, in words: a full action, the last place just taken, an action just cancelled
  console.log('FULLCARD ' + await cardText(a, t.fullAction));
  await post('mutation($input: SignUpForActionInput!) { signUpForAction(input: $input) { errors { code } } }', { input: { actionId: t.lastPlaceId } }, t.otherToken);
  await card(a, t.lastPlaceAction).getByRole('button', { name: 'Sign up' }).click();
  await card(a, t.lastPlaceAction).getByRole('alert').waitFor({ timeout: 30000 });
  await waitForText(card(a, t.lastPlaceAction), 'Full: no places left');
  console.log('FULL ' + await cardText(a, t.lastPlaceAction));
  await post('mutation($input: CancelActionInput!) { cancelAction(input: $input) { errors { code } } }', { input: { actionId: t.cancelId, reason: 'The hall is closed.' } }, t.adminToken);
  await card(a, t.cancelAction).getByRole('button', { name: 'Sign up' }).click();
  await card(a, t.cancelAction).getByRole('alert').waitFor({ timeout: 30000 });
  await waitForText(card(a, t.cancelAction), 'Cancelled');
  await waitForText(progress(a), 'to 3 actions');
  console.log('CANCELLED ' + await cardText(a, t.cancelAction) + ' | ' + await progressText(a));
  await axe(a, 'campaign-refused');
  await shoot(a, 'campaign-refused');

  // 6. an account without a membership (the admin) is told so
  await b.goto(url(`/sign-in?next=${encodeURIComponent(`/campaigns/${t.slug}`)}`), { waitUntil: 'load' });
  await b.getByLabel('Email').fill(t.adminEmail);
  await b.getByLabel('Password').fill(t.adminPassword);
  await b.getByRole('button', { name: 'Sign in' }).click();
  await card(b, t.action).getByRole('button', { name: 'Sign up' }).click();
  await card(b, t.action).getByRole('alert').waitFor({ timeout: 30000 });
  console.log('NOMEMBER ' + await cardText(b, t.action));

  // 7. the articles: newest first, "Show more", and the search form
  await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Articles' }).click();
  await a.getByRole('heading', { level: 1, name: 'Articles' }).waitFor({ timeout: 30000 });
  const articles = a.getByRole('main').getByRole('article');
  await articles.first().waitFor({ timeout: 30000 });
  console.log(`ARTICLES ${await articles.count()} ` + (await articles.getByRole('heading').allTextContents()).map(flat).join(' | '));
  await axe(a, 'articles');
  await shoot(a, 'articles');
  await narrow(a, 'articles');
  const before = await articles.count();
  await a.getByRole('button', { name: 'Show more' }).click();
  await a.waitForFunction((n) => document.querySelectorAll('main article').length > n, before, { timeout: 30000 });
  console.log(`MORE ${await articles.count()} ` + (await articles.getByRole('heading').allTextContents()).map(flat).join(' | ') + ' | button=' + await a.getByRole('button', { name: 'Show more' }).count());
  await a.getByLabel('Search the articles').fill(t.search);
  await a.getByRole('button', { name: 'Search' }).click();
  await a.getByRole('heading', { name: 'Search results' }).waitFor({ timeout: 30000 });
  await a.getByRole('status').filter({ hasText: 'match' }).waitFor({ timeout: 30000 });
  console.log('SEARCH ' + here(a) + ' | ' + flat(await a.getByRole('status').filter({ hasText: 'match' }).textContent()) + ' | '
    + (await articles.getByRole('heading').allTextContents()).map(flat).join(' | '));
  await axe(a, 'search');
  await shoot(a, 'search');

  // 8. the Atom feed in the head, the standing pages from the footer and at /pages/<slug>
  console.log('FEED ' + await a.evaluate(() => {
    const link = document.querySelector('link[rel="alternate"][type="application/atom+xml"]');
    return `${link?.getAttribute('href')} in-head=${link?.parentElement === document.head}`;
  }));
  await a.getByRole('contentinfo').getByRole('link', { name: 'About us' }).click();
  await a.getByRole('heading', { level: 1, name: t.aboutTitle }).waitFor({ timeout: 30000 });
  console.log('ABOUT ' + here(a) + ' | ' + flat(await a.getByRole('heading', { level: 1 }).textContent()) + ' | ' + flat(await a.getByRole('main').innerText()) + ' | title=' + await a.title());
  await axe(a, 'about');
  await shoot(a, 'about');
  await a.goto(url(`/pages/${t.pageSlug}`), { waitUntil: 'load' });
  await a.getByRole('heading', { level: 1, name: t.pageTitle }).waitFor({ timeout: 30000 });
  console.log('PAGE ' + here(a) + ' | ' + flat(await a.getByRole('heading', { level: 1 }).textContent()) + ' | ' + flat(await a.getByRole('main').innerText()));
  await axe(a, 'page');
  await a.getByRole('contentinfo').getByRole('link', { name: 'The programme' }).click();
  await a.getByRole('heading', { level: 1, name: t.programmeTitle }).waitFor({ timeout: 30000 });
  console.log('PROGRAMME ' + here(a) + ' | ' + flat(await a.getByRole('heading', { level: 1 }).textContent()));
}
