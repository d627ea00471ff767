// A raw chat client over TCP (JSON lines), independent of the server's code: what a student's
// desktop client sends and reads (docs/protocol.md).
import { connect } from 'node:net';
import { until } from './wait.js';

export async function chatClient(port, { localAddress } = {}) {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  const frames = [];
  let partial = '';
  let closed = false;
  socket.on('data', (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (line.trim()) {
        frames.push(JSON.parse(line));
      }
    }
  });
  socket.on('close', () => { closed = true; });
  socket.on('error', () => { closed = true; });
  await new Promise((resolveConnect, reject) => {
    socket.once('connect', resolveConnect);
    socket.once('error', reject);
  });
  let seen = 0;
  const client = {
    frames,
    send(frame) {
      socket.write(`${JSON.stringify(frame)}\n`);
    },
    /** The next frame (after those already taken) that matches; fails after the limit. */
    async next(description, matches, limitMs) {
      const frame = await until(`a frame: ${description}; got ${JSON.stringify(frames.slice(seen))}`, () => {
        const index = frames.findIndex((f, i) => i >= seen && matches(f));
        if (index >= 0) {
          seen = index + 1;
          return frames[index];
        }
        return null;
      }, limitMs);
      return frame;
    },
    closed: () => closed,
    awaitClosed: () => until('the server closes the connection', () => closed),
    close() {
      socket.destroy();
    },
    say(content) {
      client.send({ type: 'message', subtype: 'global', to: 'global', content });
    },
  };
  return client;
}

/** A registered, logged-in account. */
export async function loggedIn(port, username, password) {
  const client = await chatClient(port);
  client.send({ type: 'register', username, password });
  await client.next('register reply', (f) => f.type === 'register' || f.type === 'error');
  return logIn(client, username, password);
}

export async function logIn(client, username, password) {
  client.send({ type: 'login', username, password });
  const reply = await client.next('login reply', (f) => f.type === 'login' || f.type === 'error');
  if (reply.type !== 'login') {
    throw new Error(`login of ${username} refused: ${JSON.stringify(reply)}`);
  }
  return client;
}
