// One EventSource for the whole page (the server admits only a few subscribers). EventSource
// reconnects by itself after a cut; a closed stream whose session is gone means signed out.

let source = null;

export function openEvents(handlers, whenRefused) {
  closeEvents();
  source = new EventSource('/tableau/events');
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      handle(data);
    });
  }
  source.addEventListener('error', () => {
    if (source && source.readyState === EventSource.CLOSED) {
      whenRefused();
    }
  });
}

export function closeEvents() {
  if (source) {
    source.close();
    source = null;
  }
}
