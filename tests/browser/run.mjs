// Passerelle in a real browser: Debian's Chromium driven by Playwright, every page checked with
// axe-core for WCAG 2.1 A/AA violations. Started by tests/passerelle/browser.rs, which runs the
// application and seeds it; this script reads where and who from the environment.
//
//   BASE_URL, ADMIN_EMAIL, PASSWORD, CSV_FILE (buildings to import), BUILDING_ID (a building with a
//   tenant), CHROMIUM (default /usr/bin/chromium)

import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const base = process.env.BASE_URL;
const email = process.env.ADMIN_EMAIL;
const password = process.env.PASSWORD;
const csvFile = process.env.CSV_FILE;
const buildingId = process.env.BUILDING_ID;

let failures = 0;
let passed = 0;
const seen = new Set();

async function step(name, fn) {
  try {
    await fn();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (err) {
    failures += 1;
    console.log(`not ok - ${name}\n  ${String(err && err.stack || err).split('\n').join('\n  ')}`);
  }
}

function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** Runs axe on the page; fails on any serious or critical violation. */
async function accessible(page, label) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  seen.add(label);
  expect(bad.length === 0, `${label}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
}

/** No horizontal scrolling on a phone-sized screen. */
async function fitsPhone(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 1, `${label} is ${overflow}px wider than a phone screen`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
// axe is injected as a script: the pages' Content-Security-Policy (script-src 'self') would refuse it.
const context = await browser.newContext({ bypassCSP: true, locale: 'fr-CA' });
const page = await context.newPage();
page.setDefaultTimeout(8000);

await step('the sign-in page is in French and accessible', async () => {
  await page.goto(`${base}/login`);
  expect(await page.getAttribute('html', 'lang') === 'fr', 'lang is fr');
  expect((await page.textContent('h1')).includes('Connexion'), 'French heading');
  await accessible(page, 'login');
});

await step('a wrong password is refused with a message', async () => {
  await page.fill('#email', email);
  await page.fill('#password', 'pas-le-bon');
  await page.click('form.form button[type=submit]');
  expect((await page.textContent('.form-error')).includes('incorrect'), 'error message shown');
  await accessible(page, 'login with error');
});

await step('the administrator signs in and sees the dashboard', async () => {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('form.form button[type=submit]');
  await page.waitForURL(`${base}/`);
  expect((await page.textContent('h1')).includes('Tableau de bord'), 'dashboard heading');
  await accessible(page, 'dashboard');
});

await step('switching to English and back changes every label', async () => {
  await page.click('button:has-text("English")');
  await page.waitForLoadState();
  expect(await page.getAttribute('html', 'lang') === 'en', 'lang is en');
  expect((await page.textContent('h1')).includes('Dashboard'), 'English heading');
  await accessible(page, 'dashboard (en)');
  await page.click('button:has-text("Français")');
  await page.waitForLoadState();
  expect(await page.getAttribute('html', 'lang') === 'fr', 'back to fr');
});

await step('a building search without accents finds the accented name', async () => {
  await page.goto(`${base}/buildings`);
  await page.fill('#q', 'ste-therese');
  await page.click('form.search button');
  await page.waitForLoadState();
  const rows = await page.locator('tbody tr').allTextContents();
  expect(rows.length === 1 && rows[0].includes('Sainte-Thérèse'), `rows: ${rows}`);
  await accessible(page, 'buildings search');
  await page.click('tbody tr a');
  await page.waitForLoadState();
  expect((await page.textContent('h1')).includes('Sainte-Thérèse'), 'building page');
  await accessible(page, 'building page');
});

await step('a building form with errors says what is wrong, accessibly', async () => {
  await page.goto(`${base}/buildings/new`);
  await accessible(page, 'building form');
  await page.click('form.form button[type=submit]');
  await page.waitForLoadState();
  expect(await page.locator('[aria-invalid="true"]').count() >= 3, 'fields marked invalid');
  await accessible(page, 'building form with errors');
});

await step('a tenant search without accents finds Hélène', async () => {
  await page.goto(`${base}/tenants`);
  await accessible(page, 'tenants');
  await page.fill('#q', 'helene cote');
  await page.click('form.search button');
  await page.waitForLoadState();
  const text = await page.textContent('main');
  expect(text.includes('Hélène') && text.includes('Côté'), 'Hélène Côté found');
  await page.click('tbody tr a');
  await page.waitForLoadState();
  await accessible(page, 'tenant page');
});

await step('a CSV file of buildings is previewed then imported', async () => {
  await page.goto(`${base}/import`);
  await accessible(page, 'import');
  await page.check('input[value="buildings"]');
  await page.setInputFiles('input[type=file]', csvFile);
  await page.click('form[action="/import/preview"] button[type=submit]');
  await page.waitForLoadState();
  expect((await page.textContent('main')).includes('Habitations du Fleuve'), 'preview shows the rows');
  await accessible(page, 'import preview');
  await page.click('form[action="/import/commit"] button[type=submit]');
  await page.waitForLoadState();
  await page.goto(`${base}/buildings?q=fleuve`);
  expect((await page.textContent('main')).includes('Habitations du Fleuve'), 'imported building listed');
});

await step('the practice journal and the account pages are accessible', async () => {
  for (const path of ['/journal', '/journal/new', '/account', '/office', '/users', '/departments']) {
    const res = await page.goto(`${base}${path}`);
    expect(res.status() === 200, `${path} answers ${res.status()}`);
    await accessible(page, path);
  }
});

await step('an administrator sends a test message and finds it in the outbox', async () => {
  await page.goto(`${base}/outbox`);
  await page.click('form[action="/outbox/test"] button');
  await page.waitForURL(`${base}/outbox`);
  expect((await page.textContent('main')).includes("Message d'essai"), 'test message listed in the outbox');
  await accessible(page, '/outbox');
  await page.click('main table a');
  await accessible(page, '/outbox/{id}');
});

await step('the tenant requests and workshops pages are accessible', async () => {
  const paths = ['/requests', '/requests/new', '/requests/categories', `/buildings/${buildingId}/requests`,
    '/workshops', '/workshops/new', '/workshops/calendar', `/calendar-feeds?kind=building&target=${buildingId}`, `/buildings/${buildingId}/poster`];
  for (const path of paths) {
    const res = await page.goto(`${base}${path}`);
    expect(res.status() === 200, `${path} answers ${res.status()}`);
    await accessible(page, path);
  }
});

await step("a tenant finds the building's activity page without signing in", async () => {
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-CA' });
  const anon = await context.newPage();
  const res = await anon.goto(`${base}/activites/${buildingId}`);
  expect(res.status() === 200, `public page answers ${res.status()}`);
  await accessible(anon, '/activites/{building}');
  await context.close();
});

await step('pages fit a phone screen', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  for (const path of ['/', '/buildings', '/tenants?q=helene', '/journal/new', '/outbox', '/requests/new', '/workshops', '/workshops/new']) {
    await page.goto(`${base}${path}`);
    await fitsPhone(page, path);
  }
});

await browser.close();
console.log(`${passed} passed, ${failures} failed`);
console.log(`pages checked with axe: ${[...seen].join(', ')}`);
process.exit(failures === 0 ? 0 : 1);
