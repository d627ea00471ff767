// The activity chart as SVG built with DOM calls (no library): bars for messages per minute, a line
// for open connections, each on its own scale.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 1000;
const HEIGHT = 300;
const LEFT = 50;
const RIGHT = 50;
const TOP = 15;
const BOTTOM = 35;

function node(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

function hourMinute(iso) {
  return new Date(iso).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' });
}

export function drawActivity(container, minutes) {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const maxMessages = Math.max(1, ...minutes.map((m) => m.messages));
  const maxConnections = Math.max(1, ...minutes.map((m) => m.connections));
  const step = plotWidth / Math.max(1, minutes.length);
  const svg = node('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-labelledby': 'activity-svg-title' });
  svg.append(node('title', { id: 'activity-svg-title' }, 'Messages par minute et connexions ouvertes'));

  const bottom = TOP + plotHeight;
  svg.append(node('line', { class: 'gridline', x1: LEFT, y1: TOP, x2: LEFT + plotWidth, y2: TOP }));
  svg.append(node('line', { class: 'axis', x1: LEFT, y1: bottom, x2: LEFT + plotWidth, y2: bottom }));
  svg.append(node('text', { class: 'label', x: LEFT - 8, y: TOP + 5, 'text-anchor': 'end' }, String(maxMessages)));
  svg.append(node('text', { class: 'label', x: LEFT - 8, y: bottom, 'text-anchor': 'end' }, '0'));
  svg.append(node('text', { class: 'label', x: LEFT + plotWidth + 8, y: TOP + 5 }, String(maxConnections)));

  minutes.forEach((minute, index) => {
    const height = (minute.messages / maxMessages) * plotHeight;
    if (height > 0) {
      svg.append(node('rect', { class: 'messages', x: LEFT + index * step, y: bottom - height, width: Math.max(1, step * 0.8), height }));
    }
  });
  const points = minutes.map((minute, index) =>
    `${LEFT + (index + 0.5) * step},${bottom - (minute.connections / maxConnections) * plotHeight}`);
  if (points.length > 0) {
    svg.append(node('polyline', { class: 'connections', points: points.join(' ') }));
  }
  const ticks = Math.min(6, minutes.length);
  for (let tick = 0; tick < ticks; tick++) {
    const index = Math.round((tick * (minutes.length - 1)) / Math.max(1, ticks - 1));
    svg.append(node('text', { class: 'label', x: LEFT + (index + 0.5) * step, y: HEIGHT - 10, 'text-anchor': 'middle' },
      hourMinute(minutes[index].minute)));
  }
  container.replaceChildren(svg);
}
