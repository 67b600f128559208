import { describe, expect, it } from 'vitest';
import { apiPaths } from '../api';
import {
  insecureServerSetting,
  isPlausibleApiKey,
  isPolicyRefusal,
  isRedirect,
  requestUrlOf,
  type ServerAddress,
  serverAddressOf,
} from './transport-policy';

function accepted(input: string, insecureHttpTo: readonly string[] = []): ServerAddress {
  const address = serverAddressOf(input, { insecureHttpTo });
  if (!address.ok) throw new Error(`${input}: ${address.error.message}`);
  return address.value;
}

function refusal(input: string, insecureHttpTo: readonly string[] = []): string {
  const address = serverAddressOf(input, { insecureHttpTo });
  if (address.ok) throw new Error(`${input} was accepted as ${address.value.base}`);
  return address.error.code;
}

describe('which server addresses may receive the API key', () => {
  it('accepts https anywhere, keeping a base path without its trailing slash', () => {
    expect(accepted('https://Import.Example.com/')).toMatchObject({
      base: 'https://import.example.com',
      host: 'import.example.com',
      unencrypted: false,
    });
    expect(accepted('  HTTPS://crm.example.com:8443/listprep/api//  ').base).toBe(
      'https://crm.example.com:8443/listprep/api',
    );
  });

  it('accepts plain http to every loopback form the URL parser writes as 127.0.0.0/8, [::1] or localhost', () => {
    for (const [input, base] of [
      ['http://127.0.0.1:4870', 'http://127.0.0.1:4870'],
      ['HTTP://LOCALHOST:4870/', 'http://localhost:4870'],
      ['http://127.5.6.7', 'http://127.5.6.7'],
      ['http://127.1:4870', 'http://127.0.0.1:4870'],
      ['http://0x7f.0.0.1', 'http://127.0.0.1'],
      ['http://2130706433:80', 'http://127.0.0.1'],
      ['http://127.0.0.1.:4870', 'http://127.0.0.1:4870'],
      ['http://[::1]:4870', 'http://[::1]:4870'],
      ['http://[0:0:0:0:0:0:0:1]:4870', 'http://[::1]:4870'],
    ]) {
      expect(accepted(input), input).toMatchObject({ base, unencrypted: false });
    }
  });

  it('refuses plain http to names and addresses that only look like this computer', () => {
    for (const input of [
      'http://crm.example.com',
      'http://localhost.evil.com',
      'http://127.0.0.1.nip.io',
      'http://localhost.',
      'http://evil.localhost',
      'http://0.0.0.0:4870',
      'http://0',
      'http://128.0.0.1',
      'http://[::ffff:127.0.0.1]',
      'http://[::2]',
      'http://192.0.2.2:4870',
      'http://evil.com\\@127.0.0.1',
      'http://evil.com#@127.0.0.1',
    ]) {
      expect(refusal(input), input).toMatch(/^connection\.(insecure|address)$/);
    }
  });

  it('refuses user names and passwords, even pointing at this computer, without repeating them', () => {
    const address = serverAddressOf('http://admin:hunter2@127.0.0.1:4870');
    expect(address).toMatchObject({ ok: false, error: { code: 'connection.address' } });
    expect(JSON.stringify(address)).not.toContain('hunter2');
    expect(refusal('http://127.0.0.1@evil.com')).toBe('connection.address');
    expect(refusal('https://import.example.com/?key=1')).toBe('connection.address');
    expect(refusal('https://import.example.com/#x')).toBe('connection.address');
  });

  it('refuses other schemes and text that is not an address', () => {
    for (const input of ['ftp://x.example', 'file:///etc/passwd', 'javascript:alert(1)', 'ws://127.0.0.1']) {
      expect(refusal(input), input).toBe('connection.insecure');
    }
    for (const input of ['not a url', '', 'https://', '//import.example.com', 'import.example.com']) {
      expect(refusal(input), input).toBe('connection.address');
    }
  });

  it('says why plain http is refused, and how this client allows a lab server', () => {
    expect(serverAddressOf('http://crm.example.com', { howToAllowInsecure: 'Add --insecure-http.' })).toEqual(
      {
        ok: false,
        error: {
          code: 'connection.insecure',
          message:
            'Plain http would send the API key and the list unencrypted to crm.example.com, readable by anyone on the network between. Use https:// (plain http is allowed only for a server on this computer). Add --insecure-http.',
        },
      },
    );
  });

  it('allows plain http to a lab server only at the exact origin a person named', () => {
    const lab = ['http://lab-box:4870'];
    expect(accepted('http://LAB-BOX:4870/import/', lab)).toMatchObject({
      base: 'http://lab-box:4870/import',
      unencrypted: true,
    });
    expect(refusal('http://lab-box:4871', lab)).toBe('connection.insecure');
    expect(refusal('http://lab-box', lab)).toBe('connection.insecure');
    expect(refusal('http://lab-box.evil.com:4870', lab)).toBe('connection.insecure');
    expect(accepted('https://lab-box:4870', lab).unencrypted).toBe(false);
  });
});

describe('the lab server setting', () => {
  it('allows nothing when unset, else exactly one http://host[:port], given as its origin', () => {
    expect(insecureServerSetting(undefined)).toEqual({ ok: true, value: [] });
    expect(insecureServerSetting(' ')).toEqual({ ok: true, value: [] });
    expect(insecureServerSetting('http://Lab-Box:4870/')).toEqual({
      ok: true,
      value: ['http://lab-box:4870'],
    });
    expect(insecureServerSetting('http://10.0.0.5')).toEqual({ ok: true, value: ['http://10.0.0.5'] });
    for (const setting of [
      'https://lab-box:4870',
      'http://lab-box:4870/api',
      'http://user@lab-box',
      'http://lab-box?x',
      'http://a:1,http://b:2',
      'lab-box:4870',
      '*',
    ]) {
      expect(insecureServerSetting(setting), setting).toMatchObject({
        ok: false,
        error: { code: 'connection.address' },
      });
    }
  });
});

describe('which requests may carry the API key', () => {
  const address = accepted('https://x.example/crm');

  it('sends every route of the API with ids in their places, under the base path', () => {
    const routes = Object.values(apiPaths).map((build) =>
      (build as (...ids: string[]) => string)(...Array.from({ length: build.length }, (_, i) => `${i + 7}`)),
    );
    expect(routes).toHaveLength(Object.keys(apiPaths).length);
    for (const route of routes) {
      expect(requestUrlOf(address, route)).toEqual({ ok: true, value: `https://x.example/crm${route}` });
    }
    expect(requestUrlOf(address, apiPaths.dryRun('12'))).toEqual({
      ok: true,
      value: 'https://x.example/crm/v1/accounts/12/imports/dry-run',
    });
  });

  it('sends page numbers in a query, and nothing else', () => {
    const rows = apiPaths.importRows('3', '9');
    expect(requestUrlOf(address, `${rows}?offset=0&limit=1000`)).toMatchObject({ ok: true });
    expect(requestUrlOf(address, `${apiPaths.imports('3')}?limit=20&before=41`)).toMatchObject({ ok: true });
    for (const query of [
      'email=ann%40example.com',
      'offset=0&email=ann@example.com',
      'name=leads.csv',
      'limit=-1',
      'limit=1e3',
      'limit=10&limit=20',
      'offset',
      'offset=1=2',
      '',
      'offset=0&',
    ]) {
      const answer = requestUrlOf(address, `${rows}?${query}`);
      expect(answer, query).toMatchObject({ ok: false, error: { code: 'connection.path' } });
      expect(JSON.stringify(answer)).not.toContain('ann');
    }
  });

  it('refuses paths that are not routes of the API, or would leave the server', () => {
    for (const path of [
      '/v1/accounts/1/imports/2/../../../../admin',
      '/v1/accounts/../admin',
      '/v1/accounts/%2e%2e/imports',
      '/v1/accounts/1%2F2/imports',
      '/v1/accounts/01/imports',
      '/v1/accounts/x/imports',
      '/v1/accounts//imports',
      '/v1/accounts/1/imports/',
      '/v1/accounts/1\\imports',
      '/v1/me#x',
      '//evil.example/v1/me',
      'https://evil.example/v1/me',
      '@evil.example/v1/me',
      'v1/me',
      '/admin',
      '/v1/ME',
      ' /v1/me',
      '',
    ]) {
      expect(requestUrlOf(address, path), path).toMatchObject({
        ok: false,
        error: { code: 'connection.path' },
      });
    }
  });
});

describe('the rest of the policy', () => {
  it('knows a redirect by its status, and by the opaque answer a browser gives for one', () => {
    for (const status of [300, 301, 302, 303, 307, 308]) expect(isRedirect({ status })).toBe(true);
    expect(isRedirect({ status: 0, type: 'opaqueredirect' })).toBe(true);
    for (const status of [200, 202, 304, 400, 404, 502])
      expect(isRedirect({ status, type: 'basic' })).toBe(false);
  });

  it('takes API keys of visible ASCII only, so a key cannot add a header', () => {
    expect(isPlausibleApiKey('lpk_0123456789abcdef')).toBe(true);
    expect(isPlausibleApiKey('lpk_0123\r\nX-Evil: 1')).toBe(false);
    expect(isPlausibleApiKey('short')).toBe(false);
    expect(isPlausibleApiKey('lpk_0123456789 abcdef')).toBe(false);
  });

  it('marks its refusals as not worth retrying, and network failures as worth it', () => {
    for (const code of [
      'connection.address',
      'connection.insecure',
      'connection.path',
      'connection.redirect',
    ]) {
      expect(isPolicyRefusal(code)).toBe(true);
    }
    for (const code of ['connection.network', 'connection.timeout'])
      expect(isPolicyRefusal(code)).toBe(false);
  });
});
