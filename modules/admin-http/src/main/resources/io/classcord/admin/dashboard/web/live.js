// En direct: the messages of one channel (or all) as the server pushes them, older ones fetched
// page by page when the teacher scrolls up, and a search by user and word.
import { api } from './api.js';
import { byId, clock, el, emptyItem, fill } from './dom.js';

const PAGE = 50;
// The API filters by user, not by word: the word is looked for in the newest messages it returns.
const SEARCH_DEPTH = 1000;
const SHOWN_RESULTS = 200;
// A flood must not grow the page without end: the oldest lines go, scrolling up brings them back.
const MAX_FEED = 500;

let channel = '';
let loadedOlder = 0;
let total = 0;
let loading = false;
let loads = 0;
// Pushed messages of the last RECENT_MS, with the time they came: see loadLatest.
const RECENT_MS = 5_000;
let arrived = [];
// Pushed messages not drawn yet: they are drawn together at the next frame, so that a flood costs
// the page one layout per frame rather than one per message (which left a slow machine's page seconds behind the chat).
let pending = [];
let pushedUnshown = 0;
let frameRequested = false;

/** Stored messages (`content`, `timestamp`) and pushed ones (`text`, `time`) in one shape. */
function fromStored(message) {
  return { channel: message.channel, sender: message.sender, recipient: message.recipient, time: message.timestamp, text: message.content };
}

function item(message) {
  const where = message.recipient
    ? el('span', { class: 'private', text: `privé → ${message.recipient}` })
    : el('span', { class: 'channel', text: message.channel ?? '' });
  return el('li', { class: 'message' },
    el('span', { class: 'time', text: clock(message.time) }),
    where,
    el('span', { class: 'sender', text: `${message.sender} :` }),
    el('span', { class: 'text', text: message.text }));
}

function shows(message) {
  return channel === '' || message.channel === channel;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== undefined) {
      search.set(key, String(value));
    }
  }
  return `/api/messages?${search}`;
}

function key(sender, text) {
  return `${sender}\n${text}`;
}

async function loadLatest() {
  const load = ++loads;
  // The server stores a message before it pushes it, so one pushed before this request is in the
  // page (or older than it); one pushed while the page is on its way may or may not be: those are
  // shown again unless the page holds them.
  const requested = Date.now();
  arrived = arrived.filter((entry) => entry.at >= requested - RECENT_MS);
  const page = await api('GET', query({ channel, limit: PAGE, offset: 0 }));
  if (load !== loads) {
    return;
  }
  total = page.total;
  loadedOlder = page.items.length;
  fill(byId('live-feed'), page.items.reverse().map((m) => item(fromStored(m))), emptyItem('Pas encore de message.'));
  const scroller = byId('live-scroll');
  scroller.scrollTop = scroller.scrollHeight;
  byId('live-older').hidden = loadedOlder >= total;
  // The page is drawn anew: what was waiting for a frame is in it, older than it, or replayed below.
  pending = [];
  pushedUnshown = 0;
  const inPage = new Map();
  for (const m of page.items) {
    inPage.set(key(m.sender, m.content), (inPage.get(key(m.sender, m.content)) ?? 0) + 1);
  }
  const missing = [];
  for (const { message } of arrived.filter((entry) => entry.at >= requested && shows(entry.message))) {
    const count = inPage.get(key(message.sender, message.text)) ?? 0;
    if (count > 0) {
      inPage.set(key(message.sender, message.text), count - 1);
    } else {
      missing.push(message);
    }
  }
  append(missing);
}

async function loadOlder() {
  if (loading || loadedOlder >= total) {
    return;
  }
  loading = true;
  try {
    const page = await api('GET', query({ channel, limit: PAGE, offset: loadedOlder }));
    loadedOlder += page.items.length;
    const feed = byId('live-feed');
    const scroller = byId('live-scroll');
    const fromBottom = scroller.scrollHeight - scroller.scrollTop;
    feed.prepend(...page.items.reverse().map((m) => item(fromStored(m))));
    // Keeps the message the teacher was reading where it was.
    scroller.scrollTop = scroller.scrollHeight - fromBottom;
    byId('live-older').hidden = loadedOlder >= total || page.items.length === 0;
  } finally {
    loading = false;
  }
}

/** A message pushed by the server (`message` event). */
export function onLiveMessage(message) {
  const now = Date.now();
  while (arrived.length > 0 && arrived[0].at < now - RECENT_MS) {
    arrived.shift();
  }
  arrived.push({ at: now, message });
  if (!shows(message)) {
    return;
  }
  pending.push(message);
  // A hidden tab draws no frames: what it could not show anyway is forgotten as it comes.
  if (pending.length > 2 * MAX_FEED) {
    pushedUnshown += pending.length - MAX_FEED;
    pending = pending.slice(-MAX_FEED);
  }
  if (!frameRequested) {
    frameRequested = true;
    requestAnimationFrame(showPending);
  }
}

function showPending() {
  frameRequested = false;
  const messages = pending;
  const unshown = pushedUnshown;
  pending = [];
  pushedUnshown = 0;
  append(messages, unshown);
}

/**
 * Adds messages at the bottom in one change of the page (one layout, however many came), keeping the
 * newest MAX_FEED lines. {@code unshown} more, older than these, came and were never shown.
 */
function append(messages, unshown = 0) {
  if (messages.length === 0) {
    return;
  }
  const shown = messages.slice(-MAX_FEED);
  const feed = byId('live-feed');
  const scroller = byId('live-scroll');
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40;
  feed.querySelector('.empty')?.remove();
  feed.append(...shown.map(item));
  // Paging counts from the newest stored message: each new one shifts the older pages by one, and
  // each line that leaves the top is one fewer loaded.
  total += messages.length + unshown;
  loadedOlder += shown.length;
  while (feed.children.length > MAX_FEED) {
    feed.firstElementChild.remove();
    loadedOlder -= 1;
  }
  byId('live-older').hidden = loadedOlder >= total;
  if (atBottom) {
    scroller.scrollTop = scroller.scrollHeight;
  }
}

/** The channel list of the selector, kept when the teacher has chosen one. */
export function offerChannels(channels) {
  const select = byId('live-channel');
  const options = [el('option', { value: '', text: 'Tous les salons' }),
    ...channels.map((c) => el('option', { value: c.name, text: c.name }))];
  select.replaceChildren(...options);
  select.value = channels.some((c) => c.name === channel) ? channel : '';
}

async function search(report) {
  const user = byId('search-user').value.trim();
  const word = byId('search-word').value.trim().toLocaleLowerCase('fr');
  const page = await api('GET', query({ channel, user, limit: word ? SEARCH_DEPTH : PAGE, offset: 0 }));
  const found = page.items.filter((m) => !word || m.content.toLocaleLowerCase('fr').includes(word)).slice(0, SHOWN_RESULTS);
  byId('search-summary').textContent = `${found.length} message(s) trouvé(s)${word ? ` parmi les ${page.items.length} plus récents` : ''}.`;
  fill(byId('search-results'), found.map((m) => item(fromStored(m))), emptyItem('Aucun message.'));
  report(null);
}

export function setUpLive(report) {
  byId('live-channel').addEventListener('change', (event) => {
    channel = event.target.value;
    loadLatest().catch(report);
  });
  byId('live-filter').addEventListener('submit', (event) => event.preventDefault());
  byId('live-older').addEventListener('click', () => loadOlder().catch(report));
  byId('live-scroll').addEventListener('scroll', (event) => {
    if (event.target.scrollTop < 20) {
      loadOlder().catch(report);
    }
  });
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    search(report).catch(report);
  });
}

export function showLive() {
  return loadLatest();
}
