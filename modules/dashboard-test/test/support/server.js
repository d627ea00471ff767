// The shipped runtime image (modules/dist) in a process of its own, as systemd runs it: a config
// with chat and admin on 127.0.0.1 and port 0 (the bound ports come from the ready line), database,
// token, exports and logs in a temporary directory; stopped by its process id.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { until } from './wait.js';

const START_LIMIT_MS = 60_000;
const STOP_LIMIT_MS = 30_000;
// The same line the Java fixtures parse (test-support ReadyLine, documented in docs/DEPLOIEMENT.md).
const READY = /Classcord ready: chat on port (\d+), (?:admin API on (http:\/\/[^,\s]+),)?/;

export function imageLauncher() {
  const image = process.env.CLASSCORD_IMAGE
    ?? resolve(import.meta.dirname, '../../../dist/target/classcord-image');
  const launcher = join(image, 'bin/classcord');
  if (!existsSync(launcher)) {
    throw new Error(`no runtime image at ${image}: build it with ./mvnw -B -pl modules/dist -am -DskipTests package`);
  }
  return launcher;
}

/** `chat` overrides keys of classcord.chat (the hostile flood keeps the shipped rate limits). */
export async function startServer({ chat = { 'messages-per-second': 1000, 'message-burst': 1000 } } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'classcord-dashboard-'));
  const config = join(dir, 'classcord.yaml');
  const chatKeys = Object.entries(chat).map(([key, value]) => `    ${key}: ${value}`).join('\n');
  // Cheap Argon2 so that the logins of a test take no time.
  writeFileSync(config, `classcord:
  chat:
    host: "127.0.0.1"
    port: 0
${chatKeys}
  admin:
    host: "127.0.0.1"
    port: 0
    token-file: "${join(dir, 'secrets/admin.token')}"
    export-dir: "${join(dir, 'exports')}"
  storage:
    path: "${join(dir, 'data/classcord.db')}"
    argon2:
      memory-kib: 1024
      iterations: 1
  logging:
    dir: "${join(dir, 'logs')}"
    console: true
`);
  const environment = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('CLASSCORD_')));
  const child = spawn(imageLauncher(), ['--config', config], { cwd: dir, env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
  const consoleLines = [];
  let partial = '';
  const collect = (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop();
    consoleLines.push(...lines);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => { exited = true; });

  const ready = await until('the server\'s ready line', () => {
    if (exited) {
      throw new Error(`server exited:\n${consoleLines.join('\n')}`);
    }
    return consoleLines.map((line) => READY.exec(line)).find(Boolean);
  }, START_LIMIT_MS).catch((error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${consoleLines.join('\n')}`);
  });

  return {
    dir,
    config,
    chatPort: Number(ready[1]),
    adminUrl: ready[2],
    pid: child.pid,
    token: () => readFileSync(join(dir, 'secrets/admin.token'), 'utf8').trim(),
    log: (file) => (existsSync(join(dir, 'logs', file)) ? readFileSync(join(dir, 'logs', file), 'utf8').split('\n') : []),
    /** Waits until a line of logs/FILE contains every fragment (log lines are written asynchronously). */
    awaitLog(file, ...fragments) {
      return until(`a line of ${file} with ${JSON.stringify(fragments)}`,
        () => this.log(file).find((line) => fragments.every((fragment) => line.includes(fragment))));
    },
    /** A maintenance command of the same launcher on the same config (`set-role NAME admin`). */
    async maintenance(...args) {
      await promisify(execFile)(imageLauncher(), ['--config', config, ...args], { cwd: dir, env: environment, timeout: 60_000 });
    },
    /** The admin API with the bearer token, as a script or the console calls it. */
    async bearer(method, path, body) {
      const response = await fetch(this.adminUrl + path, {
        method,
        headers: { Authorization: `Bearer ${this.token()}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    /** SIGTERM by process id, SIGKILL if it is still there after the stop limit; the directory goes. */
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await until('the server\'s exit after SIGTERM', () => exited, STOP_LIMIT_MS).catch(() => child.kill('SIGKILL'));
      }
      if (!process.env.KEEP_TEST_DIRS) {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
