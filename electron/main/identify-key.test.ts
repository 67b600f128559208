import { describe, expect, it } from 'vitest';
import type { ApiRequest, ApiResponse, BridgeResult } from '../../shared/bridge';
import { identifyKey } from './identify-key';

const answering =
  (status: number, body: unknown) =>
  async (request: ApiRequest): Promise<BridgeResult<ApiResponse>> => {
    expect(request).toEqual({ method: 'GET', path: '/v1/me' });
    return { ok: true, value: { status, body } };
  };

const account = {
  id: '17',
  name: 'Acme Realty',
  kind: 'standalone',
  parentId: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const me = {
  user: { id: '4', name: 'Ada Lovelace', email: 'ada@example.com' },
  account,
  accounts: [account],
};

describe('identifying an API key', () => {
  it('names the user and account the key belongs to', async () => {
    expect(await identifyKey(answering(200, me))).toEqual({ ok: true, value: 'Ada Lovelace · Acme Realty' });
  });

  it('reports a refused key', async () => {
    expect(await identifyKey(answering(401, { error: { code: 'auth.invalid' } }))).toMatchObject({
      ok: false,
      error: { code: 'connection.rejected' },
    });
  });

  it('reports an address that is not an import server', async () => {
    expect(await identifyKey(answering(200, '<html>router login</html>'))).toMatchObject({
      ok: false,
      error: { code: 'connection.unexpected' },
    });
  });

  it('passes a network failure through', async () => {
    const offline = async () => ({ ok: false, error: { code: 'connection.network', message: 'x' } }) as const;
    expect(await identifyKey(offline)).toMatchObject({ ok: false, error: { code: 'connection.network' } });
  });
});
