import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultProxyFile, headersFor, readProxySecrets } from './proxy-secrets';

const root = mkdtempSync(join(tmpdir(), 'tracery-secrets-'));
const file = join(root, 'secrets.json');
writeFileSync(file, JSON.stringify({ 'tempo-prod': { headers: { 'X-Scope-OrgID': 'from-file', Authorization: 'Bearer file' } }, loki: { headers: { 'X-Bad': 1 } } }));

describe('the proxy secrets', () => {
  it('live outside the project by default, where no static server looks', () => {
    expect(defaultProxyFile({ XDG_CONFIG_HOME: '/etc/xdg' })).toBe('/etc/xdg/tracery/proxy.json');
    expect(defaultProxyFile({})).toMatch(/\/\.config\/tracery\/proxy\.json$/);
  });

  it('come from the file, then the JSON variable, then one variable per source, header by header', () => {
    const secrets = readProxySecrets(root, {
      TRACERY_PROXY_FILE: 'secrets.json',
      TRACERY_PROXY_HEADERS: JSON.stringify({ 'tempo-prod': { headers: { Authorization: 'Bearer json' } }, other: { headers: { 'X-Scope-OrgID': 'b' } } }),
      TRACERY_PROXY_HEADERS_TEMPO_PROD: JSON.stringify({ 'X-Scope-OrgID': 'from-env' }),
      TRACERY_PROXY_HEADERS_OTHER_LOGS: JSON.stringify({ 'X-Scope-OrgID': 'logs-tenant' }),
    });
    expect(headersFor(secrets.headersById, 'tempo-prod')).toEqual({ 'X-Scope-OrgID': 'from-env', Authorization: 'Bearer json' });
    expect(headersFor(secrets.headersById, 'other')).toEqual({ 'X-Scope-OrgID': 'b' });
    expect(headersFor(secrets.headersById, 'other-logs')).toEqual({ 'X-Scope-OrgID': 'logs-tenant' });
    expect(headersFor(secrets.headersById, 'nobody')).toEqual({});
    expect(secrets.files).toContain(file);
    expect(secrets.problems).toEqual([`${file} → loki.headers: the value of X-Bad is not a string; ignored`]);
  });

  it('name what is wrong without printing a secret', () => {
    const secrets = readProxySecrets(root, { TRACERY_PROXY_FILE: 'none.json', TRACERY_PROXY_HEADERS_X: '{"Authorization": "Bearer s3cret"', TRACERY_PROXY_HEADERS: '[1]' });
    expect(secrets.problems).toEqual(['TRACERY_PROXY_HEADERS must be an object keyed by data source id', 'TRACERY_PROXY_HEADERS_X is not valid JSON (SyntaxError); ignored']);
    expect(secrets.problems.join('\n')).not.toContain('s3cret');
  });

  it('refuse a header that could split the request', () => {
    const secrets = readProxySecrets(root, { TRACERY_PROXY_FILE: 'none.json', TRACERY_PROXY_HEADERS_X: JSON.stringify({ 'X-A': 'a\r\nX-Injected: 1', 'Bad Name': 'v', 'X-Ok': 'ok' }) });
    expect(headersFor(secrets.headersById, 'x')).toEqual({ 'X-Ok': 'ok' });
    expect(secrets.problems).toHaveLength(2);
  });

  it('say that the old file in the project root is no longer read', () => {
    const legacyRoot = mkdtempSync(join(tmpdir(), 'tracery-legacy-'));
    writeFileSync(join(legacyRoot, 'tracery.proxy.local.json'), JSON.stringify({ t: { headers: { A: 'b' } } }));
    const secrets = readProxySecrets(legacyRoot, { XDG_CONFIG_HOME: join(legacyRoot, 'nothing-here') });
    expect(secrets.headersById).toEqual({});
    expect(secrets.problems[0]).toMatch(/tracery\.proxy\.local\.json is no longer read/);
  });
});
