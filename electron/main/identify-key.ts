// What `connect` checks before it keeps a key: the server answers GET /v1/me (shared/api) for it. The answer
// names the user and account for ConnectionInfo.who; a refused key or a server that is not ListPrep's import
// server is reported, and nothing is kept.
import { apiPaths, meResponseSchema } from '../../shared/api';
import type { BridgeResult } from '../../shared/bridge';
import type { Connection } from './connection';
import { fail, ok } from './result';

export async function identifyKey(request: Connection['request']): Promise<BridgeResult<string | undefined>> {
  const answer = await request({ method: 'GET', path: apiPaths.me() });
  if (!answer.ok) return answer;
  const { status, body } = answer.value;
  if (status === 401 || status === 403) {
    return fail(
      'connection.rejected',
      'The server refused that API key. Copy it again from the import server.',
    );
  }
  const me = meResponseSchema.safeParse(body);
  if (status !== 200 || !me.success) {
    return fail(
      'connection.unexpected',
      `That address answered (${status}), but not as a ListPrep import server.`,
    );
  }
  return ok(`${me.data.user.name} · ${me.data.account.name}`);
}
