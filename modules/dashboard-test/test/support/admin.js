// The teacher's account: registered over the chat like any student, then given the admin role
// with the launcher's maintenance command, as docs/ADMINISTRATION.md tells.
import { loggedIn } from './chat.js';

export const TEACHER = { username: 'prof', password: 'mot-de-passe-du-prof' };

export async function createTeacher(server) {
  const client = await loggedIn(server.chatPort, TEACHER.username, TEACHER.password);
  client.close();
  await server.maintenance('set-role', TEACHER.username, 'admin');
}
