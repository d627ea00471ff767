// Vue d'ensemble: who is connected, the channels and their members, the activity chart.
import { api } from './api.js';
import { byId, clock, dateTime, el, emptyItem, emptyRow, fill, row } from './dom.js';
import { drawActivity } from './chart.js';

const HOURS = 3;

const STATES = { online: 'en ligne', away: 'absent', dnd: 'ne pas déranger', invisible: 'invisible', offline: 'hors ligne' };

function clientRow(client) {
  const name = client.name ?? '(pas encore identifié)';
  const kind = client.loggedIn ? '' : ' (invité)';
  const state = STATES[client.state] ?? client.state ?? '';
  return row(name + kind + (client.admin ? ' (admin)' : ''), `${client.ip}:${client.port}`, client.channel ?? '',
    dateTime(client.connectedSince), state);
}

function channelItem(channel) {
  const status = channel.open ? '' : ' — fermé';
  const members = channel.members.length === 0 ? 'personne' : channel.members.join(', ');
  return el('li', {},
    el('span', { class: 'channel-name', text: channel.name }),
    el('span', { class: channel.open ? '' : 'closed', text: status }),
    ` : ${channel.connections} connexion(s), ${channel.storedMessages} message(s) enregistré(s)`,
    el('br'),
    `Membres : ${members}`);
}

export async function refreshPeople() {
  const [clients, channels] = await Promise.all([api('GET', '/api/clients'), api('GET', '/api/channels')]);
  byId('clients-count').textContent = String(clients.length);
  fill(byId('clients'), clients.map(clientRow), emptyRow('Personne n’est connecté.', 5));
  fill(byId('channels'), channels.map(channelItem), emptyItem('Aucun salon.'));
  return channels;
}

export async function refreshActivity() {
  const activity = await api('GET', `/api/activity?hours=${HOURS}`);
  byId('activity-hours').textContent = String(HOURS);
  drawActivity(byId('activity-chart'), activity.minutes);
  const last = activity.minutes.at(-1);
  byId('activity-summary').textContent = last
    ? `Dernière minute (${clock(last.minute)}) : ${last.messages} message(s), ${last.connections} connexion(s) ouverte(s).`
    : 'Pas encore de mesure.';
}
