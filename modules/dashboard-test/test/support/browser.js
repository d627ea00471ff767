// Debian's chromium driven by playwright-core, headless; any JavaScript dialog (alert, confirm)
// fails the test: the page uses <dialog> elements, so a native one can only come from injected code.
import { chromium } from 'playwright-core';

export const VIEWPORT = { width: 1280, height: 800 };

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // Root in CI has no user namespace sandbox.
    args: ['--no-sandbox'],
  });
}

/** A fresh context (its own cookies) and page; `failures` collects what must never happen. */
export async function openPage(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'fr-FR', acceptDownloads: true });
  const page = await context.newPage();
  const failures = [];
  page.on('dialog', async (dialog) => {
    failures.push(`a JavaScript ${dialog.type()} opened: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('pageerror', (error) => failures.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/.test(message.text())) {
      failures.push(`CSP violation: ${message.text()}`);
    }
  });
  return { context, page, failures };
}

export async function signIn(page, adminUrl, username, password) {
  await page.goto(`${adminUrl}/tableau/`);
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** Accepts the page's own confirm <dialog>. */
export async function confirm(page) {
  const dialog = page.locator('dialog#confirm');
  await dialog.waitFor({ state: 'visible' });
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await dialog.waitFor({ state: 'hidden' });
}
