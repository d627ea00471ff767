// Every chat text and name reaches the page through textContent or text nodes: markup in a message
// or a name is shown as it was typed and never parsed (see docs/ADMINISTRATION.md, « Sécurité »).

/** A new element; strings among the children become text nodes. Attribute values are never chat text. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(key, value);
    }
  }
  node.append(...children);
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Replaces an element's children, or shows the placeholder when there are none. */
export function fill(parent, nodes, placeholder) {
  parent.replaceChildren(...(nodes.length === 0 ? [placeholder] : nodes));
}

export function emptyItem(text) {
  return el('li', { class: 'empty', text });
}

export function emptyRow(text, columns) {
  return el('tr', {}, el('td', { class: 'empty', colspan: String(columns), text }));
}

/** A table row of plain-text cells. */
export function row(...cells) {
  return el('tr', {}, ...cells.map((cell) => el('td', { text: cell ?? '' })));
}

// Times from the API carry an offset (ISO instants); stored messages carry the server's local time
// without one, shown as written rather than shifted by the browser's zone.
const WITH_OFFSET = /(Z|[+-]\d\d:\d\d)$/;

export function clock(time) {
  if (!time) {
    return '';
  }
  if (WITH_OFFSET.test(time)) {
    return new Date(time).toLocaleTimeString('fr-FR');
  }
  return time.slice(11, 19);
}

export function dateTime(time) {
  if (!time) {
    return '';
  }
  if (WITH_OFFSET.test(time)) {
    return new Date(time).toLocaleString('fr-FR');
  }
  return time.slice(0, 19).replace('T', ' ');
}
