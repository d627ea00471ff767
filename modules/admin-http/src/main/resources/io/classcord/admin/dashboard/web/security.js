// Sécurité: the security events as they happen, and how many each address caused.
import { api } from './api.js';
import { byId, clock, emptyRow, fill, row } from './dom.js';

const SHOWN = 200;

const KINDS = {
  login_failed: 'connexion refusée',
  login_throttled: 'connexions freinées',
  rate_limited: 'débit dépassé',
  slow_client: 'client trop lent',
  kicked: 'expulsion',
  banned: 'bannissement',
  unbanned: 'fin de bannissement',
  name_refused: 'nom refusé',
  login_cut: 'connexion coupée',
};

let counts = new Map();

function eventRow(event) {
  return row(clock(event.time), KINDS[event.kind] ?? event.kind, event.address ?? '', event.name ?? '', event.detail ?? '');
}

function drawCounts() {
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  fill(byId('security-counts'), sorted.map(([address, count]) => row(address, String(count))), emptyRow('Aucun événement.', 2));
}

export async function showSecurity() {
  const answer = await api('GET', `/api/security?limit=${SHOWN}`);
  fill(byId('security-events'), answer.events.map(eventRow), emptyRow('Aucun événement.', 5));
  counts = new Map(answer.byAddress.map((entry) => [entry.address, entry.count]));
  drawCounts();
}

/** A `security` event pushed by the server. */
export function onSecurityEvent(event) {
  const body = byId('security-events');
  body.querySelector('.empty')?.closest('tr').remove();
  body.prepend(eventRow(event));
  while (body.rows.length > SHOWN) {
    body.lastElementChild.remove();
  }
  if (event.address) {
    counts.set(event.address, (counts.get(event.address) ?? 0) + 1);
    drawCounts();
  }
}
