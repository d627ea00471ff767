// Actions: each form calls one API route; what cannot be undone asks first in the confirm dialog.
import { api, segment } from './api.js';
import { byId } from './dom.js';
import { confirmAction } from './confirm.js';

function value(id) {
  return byId(id).value.trim();
}

/** Runs one action: asks when `question` is given, then calls the API and reports in French. */
function wire(button, event, question, call, done, feedback) {
  button.addEventListener(event, async (e) => {
    e.preventDefault();
    const form = button.closest('form') ?? button;
    if (form.reportValidity && !form.reportValidity()) {
      return;
    }
    const ask = question?.();
    if (ask && !(await confirmAction(ask[0], ask[1]))) {
      feedback.notice('Action annulée.');
      return;
    }
    try {
      feedback.notice(done(await call()));
    } catch (error) {
      feedback.error(error);
    }
  });
}

export function setUpActions(feedback) {
  wire(byId('alert-form'), 'submit',
    () => ['Envoyer l’alerte ?', `« ${value('alert-message')} » sera envoyé ${value('alert-channel') ? `au salon ${value('alert-channel')}` : 'à tout le monde'}.`],
    () => api('POST', '/api/alert', value('alert-channel')
      ? { message: value('alert-message'), channel: value('alert-channel') }
      : { message: value('alert-message') }),
    (answer) => `Alerte envoyée à ${answer.delivered} connexion(s).`, feedback);

  wire(byId('kick-form'), 'submit',
    () => ['Expulser ?', `${value('kick-user')} sera déconnecté${value('kick-reason') ? ` (raison : ${value('kick-reason')})` : ''}.`],
    () => api('POST', `/api/users/${segment(value('kick-user'))}/kick`, value('kick-reason') ? { reason: value('kick-reason') } : {}),
    (answer) => `${answer.user} expulsé (${answer.disconnected} connexion(s) fermée(s)).`, feedback);

  wire(byId('ban-form'), 'submit',
    () => ['Bannir ce compte ?', `${value('ban-user')} sera déconnecté et ne pourra plus se connecter.`],
    () => api('POST', `/api/users/${segment(value('ban-user'))}/ban`),
    (answer) => `${answer.user} est banni (${answer.disconnected} connexion(s) fermée(s)).`, feedback);

  wire(byId('unban-button'), 'click', null,
    () => api('POST', `/api/users/${segment(value('ban-user'))}/unban`),
    (answer) => `${answer.user} n’est plus banni.`, feedback);

  wire(byId('channel-form'), 'submit', null,
    () => api('POST', '/api/channels', { name: value('channel-name') }),
    (answer) => `Salon ${answer.channel} créé.`, feedback);

  wire(byId('channel-close'), 'click',
    () => ['Fermer le salon ?', `Plus personne ne pourra écrire dans ${value('channel-name')} ni le rejoindre avant sa réouverture.`],
    () => api('POST', `/api/channels/${segment(value('channel-name'))}/close`),
    (answer) => (answer.changed ? `Salon ${answer.channel} fermé.` : `Le salon ${answer.channel} était déjà fermé.`), feedback);

  wire(byId('channel-reopen'), 'click', null,
    () => api('POST', `/api/channels/${segment(value('channel-name'))}/reopen`),
    (answer) => (answer.changed ? `Salon ${answer.channel} rouvert.` : `Le salon ${answer.channel} était déjà ouvert.`), feedback);

  wire(byId('role-form'), 'submit',
    () => ['Donner le rôle administrateur ?', `${value('role-user')} pourra se connecter à ce tableau de bord et tout administrer.`],
    () => api('PUT', `/api/users/${segment(value('role-user'))}/role`, { role: 'admin' }),
    (answer) => `${answer.username} a maintenant le rôle administrateur.`, feedback);

  wire(byId('role-revoke'), 'click',
    () => ['Retirer le rôle administrateur ?', `${value('role-user')} ne pourra plus administrer Classcord.`],
    () => api('PUT', `/api/users/${segment(value('role-user'))}/role`, { role: 'user' }),
    (answer) => `${answer.username} n’a plus le rôle administrateur.`, feedback);
}
