// Students attack the dashboard too: markup and javascript: links in chat text, requests without
// the anti-CSRF token, a page of another origin posting to the API, and a flood on the chat port
// while the teacher watches.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startServer } from './support/server.js';
import { chatClient, loggedIn } from './support/chat.js';
import { launchBrowser, openPage, signIn } from './support/browser.js';
import { createTeacher, TEACHER } from './support/admin.js';
import { until } from './support/wait.js';

const WAIT = { timeout: 15_000 };
const FLOOD_CONNECTIONS = 50;
const FLOOD_MS = 10_000;
const FLOOD_INTERVAL_MS = 100;
const SLOWER_BROWSER = 4;

describe('the dashboard under attack', () => {
  let server;
  let browser;
  let page;
  let failures;
  let watcher;
  let alerts = 0;

  before(async () => {
    // The shipped rate limits: the flood meets the server as a classroom's would.
    server = await startServer({ chat: {} });
    await createTeacher(server);
    watcher = await loggedIn(server.chatPort, 'surveillant', 'secret-surveillant');
    browser = await launchBrowser();
    ({ page, failures } = await openPage(browser));
    await signIn(page, server.adminUrl, TEACHER.username, TEACHER.password);
    await page.locator('#who', { hasText: 'prof' }).waitFor(WAIT);
  });

  after(async () => {
    watcher?.close();
    await browser?.close();
    await server?.stop();
  });

  /** A real alert with a fresh marker: the watcher's next alert must be it, not a forged one sent before. */
  async function provenAlertsAreOnly(marker) {
    alerts += 1;
    const text = `${marker} ${alerts}`;
    const answer = await server.bearer('POST', '/api/alert', { message: text });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const next = await watcher.next('the marker alert', 
      (f) => f.type === 'message' && f.from === 'serveur' && /forgé|autre site|vraie alerte/.test(f.content));
    assert.ok(next.content.includes(text), `an alert came before the marker: ${next.content}`);
  }

  test('markup and javascript: links in messages are shown as text, never run', async () => {
    const mallory = await loggedIn(server.chatPort, 'mallory', 'secret-mallory');
    const attacks = ['<img src=x onerror=alert(1)>', 'javascript:alert(1)', '<a href="javascript:alert(2)">clic</a>', '<script>alert(3)</script>'];
    await page.getByRole('tab', { name: 'En direct' }).click();
    for (const attack of attacks) {
      mallory.say(attack);
    }
    for (const attack of attacks) {
      await page.locator('#live-feed li .text', { hasText: attack }).first().waitFor(WAIT);
    }
    // The same texts through the history and the search (stored, not pushed).
    await page.reload();
    await page.getByRole('tab', { name: 'En direct' }).click();
    await page.locator('#live-feed li .text', { hasText: attacks[0] }).first().waitFor(WAIT);
    await page.locator('#search-form').getByLabel('Mot').fill('alert');
    await page.locator('#search-form').getByRole('button', { name: 'Rechercher' }).click();
    await page.locator('#search-results li .text', { hasText: attacks[3] }).waitFor(WAIT);

    const counts = await page.evaluate(() => ({
      images: document.querySelectorAll('img').length,
      links: document.querySelectorAll('main a').length,
      scripts: document.querySelectorAll('script').length,
    }));
    assert.deepEqual(counts, { images: 0, links: 0, scripts: 1 });
    assert.deepEqual(failures, []);
    mallory.close();
  });

  test('names with markup never reach the page: the server refuses them', async () => {
    const guest = await chatClient(server.chatPort);
    guest.send({ type: 'message', from: '<img src=x onerror=alert(1)>', content: 'coucou' });
    await guest.next('the refusal of the name', (f) => f.type === 'error' && f.code === 'invalid_name');
    guest.close();
    const quoted = await chatClient(server.chatPort);
    quoted.send({ type: 'message', from: 'l\'intrus', content: 'javascript:alert(document.cookie)' });
    await page.locator('#live-feed li', { hasText: 'l\'intrus' }).filter({ hasText: 'javascript:alert(document.cookie)' }).waitFor(WAIT);
    quoted.close();
    assert.equal(await page.evaluate(() => document.querySelectorAll('img, main a').length), 0);
    assert.deepEqual(failures, []);
  });

  test('a state-changing call with the cookie but without the anti-CSRF token is refused', async () => {
    const refused = await page.evaluate(async () => {
      const answers = [];
      for (const token of [undefined, 'faux']) {
        const headers = { 'Content-Type': 'application/json', 'Accept-Language': 'fr' };
        if (token) {
          headers['X-CSRF-Token'] = token;
        }
        const response = await fetch('/api/alert', { method: 'POST', headers, body: JSON.stringify({ message: 'forgé' }) });
        answers.push({ status: response.status, body: await response.json() });
      }
      return answers;
    });
    for (const answer of refused) {
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error, 'csrf');
      assert.match(answer.body.message, /anti-CSRF/);
    }
    await provenAlertsAreOnly('vraie alerte après CSRF');
  });

  test('a page of another origin that posts to the API has no effect', async () => {
    await loggedIn(server.chatPort, 'victime', 'secret-victime').then((c) => c.close());
    const evil = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(request.url === '/form'
        ? `<form id="f" method="post" action="${server.adminUrl}/api/users/victime/ban"></form>
           <script>document.getElementById('f').submit()</script>`
        : `<script>
             Promise.allSettled([
               fetch('${server.adminUrl}/api/users/victime/ban', { method: 'POST', credentials: 'include', mode: 'no-cors' }),
               fetch('${server.adminUrl}/api/alert', { method: 'POST', credentials: 'include', mode: 'no-cors',
                 headers: { 'Content-Type': 'text/plain' }, body: '{"message":"alerte d\\u0027un autre site"}' }),
             ]).then(() => { document.title = 'fini'; });
           </script>`);
    });
    await new Promise((listening) => evil.listen(0, '127.0.0.2', listening));
    try {
      const evilUrl = `http://127.0.0.2:${evil.address().port}`;
      const other = await page.context().newPage();
      await other.goto(`${evilUrl}/fetch`);
      await other.waitForFunction(() => document.title === 'fini', null, WAIT);
      await Promise.all([other.waitForURL(`${server.adminUrl}/**`, WAIT), other.goto(`${evilUrl}/form`)]);
      await other.close();
    } finally {
      evil.close();
    }
    const victim = await server.bearer('GET', '/api/users/victime');
    assert.equal(victim.body.banned, false);
    await provenAlertsAreOnly('vraie alerte après l’autre site');
    assert.ok(!server.log('audit.log').some((line) => line.includes('ban victime')));
  });

  test('the page keeps working while a bounded flood hits the chat port', async () => {
    const end = Date.now() + FLOOD_MS;
    const flooders = [];
    for (let i = 0; i < FLOOD_CONNECTIONS; i++) {
      flooders.push(await chatClient(server.chatPort));
    }
    let sent = 0;
    const timer = setInterval(() => {
      flooders.forEach((client, i) => {
        if (!client.closed()) {
          client.send({ type: 'message', from: `Flot_${i}`, content: `flot ${sent}` });
          sent += 1;
        }
      });
      if (Date.now() > end) {
        clearInterval(timer);
      }
    }, FLOOD_INTERVAL_MS);
    try {
      await page.getByRole('tab', { name: 'En direct' }).click();
      // A school's PC is slower than this one. A page that drew each pushed message on its own fell
      // behind the flood for good at this rate (no witness line within 20 s; 19 s at half of it).
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWER_BROWSER });
      const teller = await loggedIn(server.chatPort, 'temoin', 'secret-temoin');
      // A pushed message may be lost while EventSource reconnects after a full buffer: the witness
      // speaks until one of its lines shows.
      let said = 0;
      await until('a witness line in the live feed during the flood', async () => {
        said += 1;
        teller.say(`témoin ${said}`);
        return page.locator('#live-feed li', { hasText: 'témoin' }).count();
      }, 20_000);
      assert.ok(Date.now() < end, 'the live feed answered only after the flood');
      await page.getByRole('tab', { name: 'Actions' }).click();
      await page.locator('#alert-form').getByLabel('Message').fill('Alerte pendant le flot');
      await page.locator('#alert-form').getByRole('button', { name: 'Envoyer l\'alerte' }).click();
      await page.locator('dialog#confirm').getByRole('button', { name: 'Confirmer' }).click();
      await teller.next('the alert during the flood', (f) => f.from === 'serveur' && f.content.includes('Alerte pendant le flot'));
      await page.locator('#notice', { hasText: 'Alerte envoyée' }).waitFor(WAIT);
      teller.close();
    } finally {
      clearInterval(timer);
      flooders.forEach((client) => client.close());
    }
    assert.ok(sent > 0);
    assert.deepEqual(failures, []);
  });
});
