// The editor's desk (/editor/*) in Debian's chromium (headless, through Playwright): a member and an organiser are
// told it is not theirs; an editor drafts an article with its live preview, meets a concurrent edit without losing
// what they typed, resolves it, compares and restores versions, sends it for review and publishes it; then edits a
// standing page. Prints what each sees:
//   NOTYOURS <who> <path> | <h1> | <alert> | mutations=<data-mutation elements> | menu=<main navigation>
//   EDITORMENU <main navigation>            the editor's menu
//   LIST <h1> | <status tabs> | current=<tab> | <count>
//   DRAFTERROR <message> describedby=<ids> | <alert>   a draft without a title
//   PREVIEW <h2 of the preview> | <list items>     the preview as the editor types (the phone's Preview switch)
//   SWITCH write=<textarea visible> preview=<preview visible>   on a phone after choosing Preview
//   SIDEBYSIDE write=<visible> preview=<visible>   on a desk
//   DRAFTED <path> | <status>
//   CONCURRENT <version>                           another editor revised it through the API meanwhile
//   CONFLICT <heading> | <alert>                   the editor's next save
//   KEPT <typed text still in the field>
//   THEIRCHANGES <added lines>                     "See what they changed"
//   RESOLVED <status> | <version line>             after "Save mine over theirs"
//   VERSIONS <rows> | <status>
//   WHO <who made each version, newest first>
//   DIFF <summary>                                 comparing version 1 with the newest
//   RESTORED <status> | <first line of the text in the editor afterwards>
//   CAMPAIGN <status> | <the campaign chosen>      the article moved into a campaign and saved
//   REVIEW <status> | <badge>, PUBLISHED <status> | <badge>
//   ARCHIVECONFIRM <heading> | <words>             the archive step's confirmation (kept, not archived)
//   PUBLIC <path> | <h1> | <h2> | <list items> | <its campaign>   the public page
//   LISTED <titles of the published tab>
//   PAGES <h1> | <rows>
//   PAGESAVED <status>, PAGEHISTORY <rows>, PAGEPUBLIC <has the new paragraph>
//   AXE <page> ..., SIDEWAYS <page> (page scrolls sideways at 320 px), PAGEERRORS ..., CONSOLE ...
// Screenshots of every screen at 390x844 and 1280x800 go to the folder given.
// usage: node editor.mjs <base> <shots> <password> <editor email> <member email> <organiser email> <other editor's token> <a campaign's title>
import { launchChromium, flat, axe as axeLine, screenshots, signedInPage } from './browser.mjs';

const [base, shots, password, editorEmail, memberEmail, organiserEmail, otherToken, campaignTitle] = process.argv.slice(2);
const browser = await launchChromium();
const errors = [];
const consoleErrors = [];
const url = (path) => new URL(path, base).toString();
const t = { timeout: 30000 };

async function person(email) {
  const page = await signedInPage(browser, base, '/editor', email, password, errors, consoleErrors);
  await page.waitForURL((u) => u.pathname === '/editor', t);
  return page;
}

/** What the API answers (the other editor's concurrent edit goes straight to it, as another browser would). */
async function api(query, variables) {
  const response = await fetch(url('/graphql'), {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${otherToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

try {
  const shoot = (page, name) => screenshots(page, shots, name);
  const narrow = async (page, name) => {
    await page.setViewportSize({ width: 320, height: 700 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    if (wide) console.log(`SIDEWAYS ${name}`);
    await page.setViewportSize({ width: 390, height: 844 });
  };
  const here = (page) => new URL(page.url()).pathname + new URL(page.url()).search;
  const menu = async (page) => (await page.getByRole('navigation', { name: 'Main' }).locator('a').allTextContents()).map(flat).join(' | ');

  // 1. a member and an organiser: the area is not theirs, nothing to act on, no "Editing" in their menus
  for (const [who, email] of [['member', memberEmail], ['organiser', organiserEmail]]) {
    const page = await person(email);
    await page.getByRole('heading', { level: 1, name: 'Editing' }).waitFor(t);
    const alert = flat(await page.getByRole('alert').textContent());
    const mutations = await page.locator('[data-mutation]').count();
    console.log(`NOTYOURS ${who} ${here(page)} | ${flat(await page.getByRole('heading', { level: 1 }).textContent())} | ${alert} | mutations=${mutations} | menu=${await menu(page)}`);
    await axeLine(page, `not-${who}`);
    await narrow(page, `not-${who}`);
    await shoot(page, `editor-not-${who}`);
    await page.context().close();
  }

  // 2. the editor: the articles by status
  const page = await person(editorEmail);
  const axe = (name) => axeLine(page, name);
  await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor(t);
  console.log(`EDITORMENU ${await menu(page)}`);
  const tabs = page.getByRole('navigation', { name: 'Articles by status' });
  await page.getByRole('heading', { level: 2, name: 'Drafts' }).waitFor(t);
  console.log(`LIST ${flat(await page.getByRole('heading', { level: 1 }).textContent())} | ${(await tabs.getByRole('link').allTextContents()).map(flat).join(' | ')} | current=${flat(await tabs.locator('[aria-current="page"]').textContent())} | ${flat(await page.getByRole('status').first().textContent())}`);
  await axe('articles');
  await narrow(page, 'articles');
  await shoot(page, 'editor-articles');

  // 3. a new article: an error beside its field, the preview as they type (Write/Preview on a phone, side by side on a desk)
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor(t);
  const title = 'Nurses walk out for safe staffing';
  const body = '# Why we strike\n\nWe want:\n\n- fair pay\n- safe staffing';
  await page.getByLabel('Text', { exact: true }).fill(body);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.locator('#title-error').waitFor(t);
  console.log(`DRAFTERROR ${flat(await page.locator('#title-error').textContent())} describedby=${await page.getByLabel('Title', { exact: true }).getAttribute('aria-describedby')} | ${flat(await page.getByRole('alert').textContent())}`);
  await axe('new-error');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Summary (optional)').fill('Ward staff at the General walk out on Monday.');
  await page.getByLabel('Tags (optional)').fill('NHS, pay');
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const preview = page.getByRole('region', { name: 'Preview' });
  console.log(`PREVIEW ${flat(await preview.getByRole('heading', { level: 2, name: 'Why we strike' }).textContent())} | ${(await preview.locator('ul:not(.tags) > li').allTextContents()).map(flat).join(', ')}`);
  console.log(`SWITCH write=${await page.getByLabel('Text', { exact: true }).isVisible()} preview=${await preview.isVisible()}`);
  await shoot(page, 'editor-new-preview');
  await page.getByRole('button', { name: 'Write', exact: true }).click();
  await page.setViewportSize({ width: 1280, height: 800 });
  console.log(`SIDEBYSIDE write=${await page.getByLabel('Text', { exact: true }).isVisible()} preview=${await preview.isVisible()}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await axe('new');
  await narrow(page, 'new');
  await shoot(page, 'editor-new');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit article' }).waitFor(t);
  await page.getByRole('status').filter({ hasText: 'draft is saved' }).waitFor(t);
  const articlePath = new URL(page.url()).pathname;
  const articleId = decodeURIComponent(articlePath.split('/').pop());
  console.log(`DRAFTED ${articlePath.replace(/[^/]+$/, '<id>')} | ${flat(await page.locator('#article-status').textContent())}`);
  await axe('edit');
  await narrow(page, 'edit');
  await shoot(page, 'editor-edit');

  // 4. another editor revises it meanwhile (through the API); this editor's next save meets the conflict
  const { node } = await api('query($id: ID!) { node(id: $id) { ... on Article { version body } } }', { id: articleId });
  const revised = await api('mutation($input: ReviseArticleInput!) { reviseArticle(input: $input) { article { version } errors { code message } } }',
    { input: { articleId, expectedVersion: node.version, body: node.body + '\n- no cuts' } });
  console.log(`CONCURRENT ${revised.reviseArticle.article?.version ?? JSON.stringify(revised.reviseArticle.errors)}`);
  const typed = 'Our text, typed here while they saved.';
  await page.getByLabel('Text', { exact: true }).fill(body + '\n\n' + typed);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('region', { name: /Someone else saved this article/ });
  await conflict.waitFor(t);
  console.log(`CONFLICT ${flat(await conflict.getByRole('heading', { level: 2 }).textContent())} | ${flat(await conflict.getByRole('alert').textContent())}`);
  console.log(`KEPT ${(await page.getByLabel('Text', { exact: true }).inputValue()).includes(typed) ? typed : '(lost)'}`);
  await conflict.getByRole('button', { name: 'See what they changed' }).click();
  const theirDiff = conflict.getByRole('list', { name: /^Text, version/ });
  await theirDiff.waitFor(t);
  console.log(`THEIRCHANGES ${(await theirDiff.locator('ins').allTextContents()).map(flat).join(' | ')}`);
  await axe('conflict');
  await narrow(page, 'conflict');
  await shoot(page, 'editor-conflict');
  await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
  await page.locator('#article-status').filter({ hasText: 'Your changes are saved.' }).waitFor(t);
  console.log(`RESOLVED ${flat(await page.locator('#article-status').textContent())} | ${flat(await page.locator('#article-facts').textContent())}`);

  // 5. the history: the versions, a comparison, restoring the first
  await page.getByRole('link', { name: 'History and earlier versions' }).click();
  await page.getByRole('heading', { level: 1, name: `History of “${title}”` }).waitFor(t);
  const versions = page.getByRole('region', { name: 'Versions' });
  await versions.locator('tbody tr').first().waitFor(t);
  console.log(`VERSIONS ${await versions.locator('tbody tr').count()} | ${flat(await versions.getByRole('status').first().textContent())}`);
  console.log(`WHO ${(await versions.locator('tbody .who').allTextContents()).map(flat).join(' | ')}`);
  await page.getByLabel('From version').selectOption('1');
  await page.getByRole('button', { name: 'Compare' }).click();
  const diffSection = page.getByRole('region', { name: /^Changes from version 1/ });
  await diffSection.waitFor(t);
  console.log(`DIFF ${flat(await diffSection.getByRole('heading').textContent())} | ${flat(await diffSection.getByRole('status').textContent())}`);
  await axe('history');
  await narrow(page, 'history');
  await shoot(page, 'editor-history');
  await versions.getByRole('button', { name: 'Restore version 1…' }).click();
  await page.getByRole('heading', { name: 'Restore version 1?' }).waitFor(t);
  await axe('restore-confirm');
  await shoot(page, 'editor-restore-confirm');
  await page.getByRole('button', { name: 'Restore version 1', exact: true }).click();
  await page.locator('#restore-status').filter({ hasText: 'is restored' }).waitFor(t);
  const restoredStatus = flat(await page.locator('#restore-status').textContent());
  await page.getByRole('link', { name: 'Back to the editor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit article' }).waitFor(t);
  console.log(`RESTORED ${restoredStatus} | ${(await page.getByLabel('Text', { exact: true }).inputValue()).split('\n').filter(Boolean).join(' / ')}`);

  // 6. into a campaign; then the workflow: review, publish; archiving asks first (kept here)
  await page.getByLabel('Campaign (optional)').selectOption({ label: campaignTitle });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#article-status').filter({ hasText: 'Your changes are saved.' }).waitFor(t);
  console.log(`CAMPAIGN ${flat(await page.locator('#article-status').textContent())} | ${flat(await page.getByLabel('Campaign (optional)').locator('option:checked').textContent())}`);
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.locator('#article-status').filter({ hasText: 'in review' }).waitFor(t);
  await page.locator('.status-badge').filter({ hasText: 'In review' }).waitFor(t);
  console.log(`REVIEW ${flat(await page.locator('#article-status').textContent())} | ${flat(await page.locator('.status-badge').textContent())}`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.locator('#article-status').filter({ hasText: 'published' }).waitFor(t);
  await page.locator('.status-badge').filter({ hasText: 'Published' }).waitFor(t);
  console.log(`PUBLISHED ${flat(await page.locator('#article-status').textContent())} | ${flat(await page.locator('.status-badge').textContent())}`);
  await page.getByRole('button', { name: 'Archive…' }).click();
  const archiveConfirm = page.getByRole('group', { name: 'Archive this article?' });
  console.log(`ARCHIVECONFIRM ${flat(await archiveConfirm.getByRole('heading').textContent())} | ${flat(await archiveConfirm.locator('p').textContent())}`);
  await axe('archive-confirm');
  await narrow(page, 'archive-confirm');
  await shoot(page, 'editor-archive-confirm');
  await archiveConfirm.getByRole('button', { name: 'Keep it' }).click();
  const publicHref = await page.getByRole('link', { name: 'The public page' }).getAttribute('href');
  await page.getByRole('link', { name: 'The public page' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor(t);
  const main = page.getByRole('main');
  console.log(`PUBLIC ${publicHref} | ${flat(await main.getByRole('heading', { level: 1 }).textContent())} | ${flat(await main.getByRole('heading', { level: 2 }).first().textContent())} | ${(await main.locator('ul:not(.tags) > li').allTextContents()).map(flat).join(', ')} | ${flat(await main.getByText('Part of the campaign').textContent())}`);

  // 7. the published tab lists it
  await page.goto(url('/editor?status=published'), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 2, name: 'Published' }).waitFor(t);
  await page.locator('tbody tr').first().waitFor(t);
  console.log(`LISTED ${(await page.locator('tbody tr td:first-child').allTextContents()).map(flat).join(' | ')}`);
  await axe('articles-published');
  await narrow(page, 'articles-published');
  await shoot(page, 'editor-articles-published');

  // 8. a standing page: edited, saved, its history, on the site
  await page.getByRole('navigation', { name: 'Editing' }).getByRole('link', { name: 'Standing pages' }).click();
  await page.getByRole('heading', { level: 1, name: 'Standing pages' }).waitFor(t);
  console.log(`PAGES ${flat(await page.getByRole('heading', { level: 1 }).textContent())} | ${(await page.locator('tbody tr').allTextContents()).map(flat).join(' | ')}`);
  await axe('pages');
  await narrow(page, 'pages');
  await shoot(page, 'editor-pages');
  await page.getByRole('main').getByRole('link', { name: 'About us' }).click();
  await page.getByRole('heading', { level: 1, name: 'About us' }).waitFor(t);
  const text = page.getByLabel('Text', { exact: true });
  const added = 'We meet every Thursday at the community centre.';
  await text.fill((await text.inputValue()) + '\n\n' + added);
  await page.getByRole('button', { name: 'Save page' }).click();
  await page.locator('#page-status').filter({ hasText: 'saved' }).waitFor(t);
  console.log(`PAGESAVED ${flat(await page.locator('#page-status').textContent())}`);
  await axe('page');
  await narrow(page, 'page');
  await shoot(page, 'editor-page');
  await page.getByRole('link', { name: 'History and earlier versions' }).click();
  await page.getByRole('heading', { level: 1, name: /^History of/ }).waitFor(t);
  await page.locator('tbody tr').first().waitFor(t);
  console.log(`PAGEHISTORY ${await page.locator('tbody tr').count()}`);
  await axe('page-history');
  await narrow(page, 'page-history');
  await shoot(page, 'editor-page-history');
  await page.goto(url('/about'), { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1 }).waitFor(t);
  await page.getByText(added).waitFor(t);
  console.log(`PAGEPUBLIC ${(await page.getByRole('main').textContent()).includes(added)}`);
} finally {
  if (errors.length) console.log('PAGEERRORS ' + errors.join(' | '));
  if (consoleErrors.length) console.log('CONSOLE ' + consoleErrors.join(' | '));
  await browser.close();
}
