// A <dialog> rather than window.confirm: readable on a projector, keyboard-driven, and scriptable
// by the browser tests.
import { byId } from './dom.js';

export function confirmAction(title, text) {
  const dialog = byId('confirm');
  byId('confirm-title').textContent = title;
  byId('confirm-text').textContent = text;
  dialog.returnValue = 'no';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
    dialog.showModal();
  });
}
