// Exports: the server writes the CSV files, the browser downloads them by name.
import { api } from './api.js';
import { byId, el } from './dom.js';

function fileName(path) {
  return path.split(/[\\/]/).at(-1);
}

const KINDS = { messages: 'Messages', users: 'Comptes' };

async function exportNow(feedback) {
  const answer = await api('POST', `/api/exports?type=${encodeURIComponent(byId('export-type').value)}`);
  byId('export-files').replaceChildren(...answer.files.map((file) => {
    const name = fileName(file.path);
    return el('li', {},
      el('a', { href: `/api/exports/${encodeURIComponent(name)}`, download: name, text: name }),
      ` — ${KINDS[file.kind] ?? file.kind}, ${file.rows} ligne(s)`);
  }));
  feedback.notice('Export prêt : cliquez sur un fichier pour le télécharger.');
}

export function setUpExports(feedback) {
  byId('export-form').addEventListener('submit', (event) => {
    event.preventDefault();
    exportNow(feedback).catch(feedback.error);
  });
}
