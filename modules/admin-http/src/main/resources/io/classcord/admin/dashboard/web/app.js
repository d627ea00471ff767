// The teacher's dashboard: sign-in, the tabs, and the live events shared by the views.
import { api, useCsrfToken, whenSignedOut } from './api.js';
import { byId } from './dom.js';
import { closeEvents, openEvents } from './events.js';
import { refreshActivity, refreshPeople } from './overview.js';
import { offerChannels, onLiveMessage, setUpLive, showLive } from './live.js';
import { setUpActions } from './actions.js';
import { onSecurityEvent, showSecurity } from './security.js';
import { setUpExports } from './exports.js';

const VIEWS = ['overview', 'live', 'actions', 'security', 'exports'];
// The chart counts per minute: redrawing it more often would show nothing new.
const ACTIVITY_REFRESH_MS = 60_000;

let activityTimer = null;
let peopleRefresh = null;

const feedback = {
  notice(text) {
    byId('error').textContent = '';
    byId('notice').textContent = text;
  },
  error(error) {
    byId('notice').textContent = '';
    byId('error').textContent = error ? error.message : '';
  },
};

function refreshOverview() {
  return Promise.all([refreshPeople().then(offerChannels), refreshActivity()]).catch(feedback.error);
}

// Presence events come in bursts (a class logging in): one refresh for a burst.
function peopleChanged() {
  clearTimeout(peopleRefresh);
  peopleRefresh = setTimeout(() => refreshPeople().then(offerChannels).catch(feedback.error), 300);
}

const ON_SHOW = {
  overview: refreshOverview,
  live: showLive,
  security: showSecurity,
};

function select(view) {
  for (const name of VIEWS) {
    const selected = name === view;
    const tab = byId(`tab-${name}`);
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`view-${name}`).hidden = !selected;
  }
  feedback.notice('');
  ON_SHOW[view]?.()?.catch(feedback.error);
}

function setUpTabs() {
  VIEWS.forEach((name, index) => {
    const tab = byId(`tab-${name}`);
    tab.addEventListener('click', () => select(name));
    // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab goes on into the view.
    tab.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length];
        select(next);
        byId(`tab-${next}`).focus();
      }
    });
  });
}

function signedIn(session) {
  useCsrfToken(session.csrfToken);
  byId('who').textContent = `Connecté : ${session.username}`;
  for (const id of ['who', 'sign-out', 'tabs']) {
    byId(id).hidden = false;
  }
  byId('view-signin').hidden = true;
  openEvents({ message: onLiveMessage, presence: peopleChanged, security: onSecurityEvent },
    () => api('GET', '/tableau/session').then(
      () => feedback.error(new Error('Le direct est interrompu (trop de tableaux de bord ouverts ?) : rechargez la page.')),
      () => signedOut('Votre session a expiré : reconnectez-vous.')));
  activityTimer = setInterval(() => refreshActivity().catch(feedback.error), ACTIVITY_REFRESH_MS);
  select('overview');
  // The focused form just disappeared: the keyboard goes on from the selected tab.
  byId('tab-overview').focus();
}

function signedOut(message) {
  closeEvents();
  clearInterval(activityTimer);
  useCsrfToken(null);
  for (const id of ['who', 'sign-out', 'tabs']) {
    byId(id).hidden = true;
  }
  for (const name of VIEWS) {
    byId(`view-${name}`).hidden = true;
  }
  byId('view-signin').hidden = false;
  byId('signin-password').value = '';
  if (message) {
    feedback.notice(message);
  }
  byId('signin-user').focus();
}

function setUpSession() {
  byId('signin-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const session = await api('POST', '/tableau/session',
        { username: byId('signin-user').value.trim(), password: byId('signin-password').value });
      feedback.notice('');
      signedIn(session);
    } catch (error) {
      byId('signin-password').value = '';
      feedback.error(error);
    }
  });
  byId('sign-out').addEventListener('click', async () => {
    try {
      await api('DELETE', '/tableau/session');
      signedOut('Vous êtes déconnecté.');
    } catch (error) {
      feedback.error(error);
    }
  });
  whenSignedOut(signedOut);
}

setUpTabs();
setUpSession();
setUpLive(feedback.error);
setUpActions(feedback);
setUpExports(feedback);
api('GET', '/tableau/session').then(signedIn, () => signedOut());
