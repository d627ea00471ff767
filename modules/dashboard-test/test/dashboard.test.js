// The teacher's dashboard in a real browser against the shipped image: sign-in, live messages,
// the actions as a chat client sees them, exports, sign-out.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer } from './support/server.js';
import { chatClient, loggedIn, logIn } from './support/chat.js';
import { confirm, launchBrowser, openPage, signIn } from './support/browser.js';
import { createTeacher, TEACHER } from './support/admin.js';
import { screenshot } from './support/screenshots.js';

const WAIT = { timeout: 15_000 };

describe('the dashboard', () => {
  let server;
  let browser;
  let page;
  let context;
  let failures;

  before(async () => {
    server = await startServer();
    await createTeacher(server);
    browser = await launchBrowser();
    ({ page, context, failures } = await openPage(browser));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  function view(name) {
    return page.getByRole('tab', { name }).click();
  }

  async function act(formSelector, fields, button) {
    for (const [label, value] of Object.entries(fields)) {
      await page.locator(formSelector).getByLabel(label).fill(value);
    }
    await page.locator(formSelector).getByRole('button', { name: button, exact: true }).click();
  }

  function awaitNotice(text) {
    return page.locator('#notice', { hasText: text }).waitFor(WAIT);
  }

  test('a wrong password is refused in French and logged for fail2ban, the right one opens the dashboard', async () => {
    await page.goto(`${server.adminUrl}/tableau/`);
    await page.getByLabel('Identifiant').waitFor(WAIT);
    await screenshot(page, 'connexion');
    await signIn(page, server.adminUrl, TEACHER.username, 'pas-le-bon');
    await page.locator('#error', { hasText: 'Identifiant ou mot de passe incorrect.' }).waitFor(WAIT);
    await server.awaitLog('classcord.log', '[LOGIN] Failed login attempt from 127.0.0.1');

    await signIn(page, server.adminUrl, TEACHER.username, TEACHER.password);
    await page.locator('#who', { hasText: 'prof' }).waitFor(WAIT);
    // Keyboard: the selected tab has the focus, the arrows move between views.
    await page.waitForFunction(() => document.activeElement?.id === 'tab-overview', null, WAIT);
    await page.keyboard.press('ArrowRight');
    await page.locator('#view-live').waitFor(WAIT);
    await page.keyboard.press('ArrowLeft');
    await page.locator('#view-overview').waitFor(WAIT);
  });

  test('a chat client who connects is listed, and what it says appears live', async () => {
    const alice = await loggedIn(server.chatPort, 'alice', 'secret-alice');
    await page.locator('#clients tr', { hasText: 'alice' }).waitFor(WAIT);
    await page.locator('#channels li', { hasText: 'alice' }).waitFor(WAIT);
    alice.say('Bonjour la classe');
    await page.locator('#activity-chart svg').waitFor(WAIT);
    await screenshot(page, 'vue-ensemble');

    await view('En direct');
    // The history (stored) or the live event: either way once, with its sender.
    await page.locator('#live-feed li', { hasText: 'Bonjour la classe' }).waitFor(WAIT);
    alice.say('Une question sur le TP');
    const line = page.locator('#live-feed li', { hasText: 'Une question sur le TP' });
    await line.waitFor(WAIT);
    assert.match(await line.textContent(), /alice/);
    await screenshot(page, 'en-direct');
    alice.close();
  });

  test('search by user and word finds stored messages', async () => {
    await act('#search-form', { Utilisateur: 'alice', Mot: 'question' }, 'Rechercher');
    await page.locator('#search-results li', { hasText: 'Une question sur le TP' }).waitFor(WAIT);
    assert.equal(await page.locator('#search-results li', { hasText: 'Bonjour la classe' }).count(), 0);
  });

  test('a kick reaches the client, closes it and is audited with the teacher\'s name', async () => {
    const bob = await loggedIn(server.chatPort, 'bob', 'secret-bob');
    await view('Actions');
    await act('#kick-form', { Utilisateur: 'bob', Raison: 'Langage inapproprié' }, 'Expulser');
    await confirm(page);
    await bob.next('the kick notice', (f) => f.type === 'message' && f.from === 'serveur' && f.content.includes('Langage inapproprié'));
    await bob.awaitClosed();
    await awaitNotice('bob expulsé');
    await server.awaitLog('audit.log', 'dashboard user \'prof\'', 'kick bob');
  });

  test('a ban shuts the account out, an unban lets it back', async () => {
    const carol = await loggedIn(server.chatPort, 'carol', 'secret-carol');
    await act('#ban-form', { Compte: 'carol' }, 'Bannir');
    await confirm(page);
    await carol.awaitClosed();
    await awaitNotice('carol est banni');
    const refused = await chatClient(server.chatPort);
    refused.send({ type: 'login', username: 'carol', password: 'secret-carol' });
    await refused.next('the banned refusal', (f) => f.type === 'error' && f.code === 'banned');
    refused.close();

    await page.locator('#ban-form').getByRole('button', { name: 'Lever le bannissement' }).click();
    await awaitNotice('carol n’est plus banni');
    const back = await logIn(await chatClient(server.chatPort), 'carol', 'secret-carol');
    back.close();
  });

  test('an alert reaches every connected client', async () => {
    const dave = await loggedIn(server.chatPort, 'dave', 'secret-dave');
    await act('#alert-form', { Message: 'Rendu du TP à 17 h' }, 'Envoyer l\'alerte');
    await confirm(page);
    await dave.next('the alert', (f) => f.type === 'message' && f.from === 'serveur' && f.content.includes('Rendu du TP à 17 h'));
    await awaitNotice('Alerte envoyée');
    dave.close();
  });

  test('a channel is created, closed and reopened, the admin role given and taken back', async () => {
    const channelForm = page.locator('#channel-form');
    await act('#channel-form', { 'Nom du salon': '#projets' }, 'Créer');
    await awaitNotice('Salon #projets créé');
    await channelForm.getByRole('button', { name: 'Fermer', exact: true }).click();
    await confirm(page);
    await awaitNotice('Salon #projets fermé');
    const closed = (await server.bearer('GET', '/api/channels')).body.find((c) => c.name === '#projets');
    assert.equal(closed.open, false);
    await channelForm.getByRole('button', { name: 'Rouvrir' }).click();
    await awaitNotice('Salon #projets rouvert');

    await act('#role-form', { Compte: 'alice' }, 'Donner le rôle admin');
    await confirm(page);
    await awaitNotice('alice a maintenant le rôle administrateur');
    assert.equal((await server.bearer('GET', '/api/users/alice')).body.role, 'admin');
    await page.locator('#role-form').getByRole('button', { name: 'Retirer le rôle admin' }).click();
    await confirm(page);
    await awaitNotice('alice n’a plus le rôle administrateur');
    assert.equal((await server.bearer('GET', '/api/users/alice')).body.role, 'user');
    await server.awaitLog('audit.log', 'dashboard user \'prof\'', 'set role of alice to user');
  });

  test('the security view lists what happened, with counts per address', async () => {
    await view('Sécurité');
    await page.locator('#security-events tr', { hasText: 'expulsion' }).waitFor(WAIT);
    await page.locator('#security-events tr', { hasText: 'bannissement' }).first().waitFor(WAIT);
    await page.locator('#security-counts tr', { hasText: '127.0.0.1' }).waitFor(WAIT);
    await screenshot(page, 'securite');
  });

  test('an export is downloaded from the browser with the messages in its rows', async () => {
    await view('Exports');
    await page.getByRole('button', { name: 'Exporter en CSV' }).click();
    const link = page.locator('#export-files a', { hasText: 'messages_export_' });
    await link.waitFor(WAIT);
    const [download] = await Promise.all([page.waitForEvent('download', WAIT), link.click()]);
    const csv = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const rows = csv.trim().split('\r\n');
    assert.match(rows[0], /^id[;,]timestamp[;,]channel[;,]sender/);
    assert.ok(rows.some((r) => r.includes('alice') && r.includes('Bonjour la classe')), csv);
  });

  test('signing out forgets the session: the old cookie is refused', async () => {
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'classcord_session');
    assert.ok(cookie, 'the session cookie');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByLabel('Identifiant').waitFor(WAIT);
    const replayed = await fetch(`${server.adminUrl}/api/clients`, { headers: { Cookie: `classcord_session=${cookie.value}` } });
    assert.equal(replayed.status, 401);
    assert.equal(await page.evaluate(async () => (await fetch('/api/clients')).status), 401);
    assert.deepEqual(failures, []);
  });
});
