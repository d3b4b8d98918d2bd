import { describe, expect, it } from 'vitest';
import { DEFAULT_SENSITIVE_KEYS, isSensitiveKey, keySegments, sensitiveKeyMatcher } from './sensitive-keys';

describe('keySegments', () => {
  it.each([
    ['http.request.header.authorization', ['http', 'request', 'header', 'authorization']],
    ['http.request.header.X-Api-Key', ['http', 'request', 'header', 'x', 'api', 'key']],
    ['db.password', ['db', 'password']],
    ['api_token', ['api', 'token']],
    ['accessToken', ['access', 'token']],
    ['XApiKey', ['x', 'api', 'key']],
    ['HTTPHeaderCookie', ['http', 'header', 'cookie']],
    ['AUTHORIZATION', ['authorization']],
    ['a//b::c  d', ['a', 'b', 'c', 'd']],
    ['', []],
    ['...', []],
  ])('%s', (key, segments) => {
    expect(keySegments(key)).toEqual(segments);
  });
});

describe('the default sensitive keys', () => {
  it('are the ones the issue names, and api-key (api_key, apiKey: as common as x-api-key)', () => {
    expect(DEFAULT_SENSITIVE_KEYS).toEqual(['authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'password', 'token', 'secret']);
  });

  it.each([
    'authorization',
    'Authorization',
    'http.request.header.authorization',
    'http.request.header.proxy-authorization',
    'http.request.header.cookie',
    'http.response.header.set-cookie',
    'http.response.header.set_cookie',
    'http.request.header.x-api-key',
    'X_API_KEY',
    'xApiKey',
    'api_key',
    'stripe.apiKey',
    'db.password',
    'DB_PASSWORD',
    'userPassword',
    'api_token',
    'accessToken',
    'http.request.header.x-csrf-token',
    'oauth.token.value',
    'client_secret',
    'aws.secret.access_key',
  ])('masks %s', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
  });

  it.each([
    'http.request.header.accept',
    'tokenizer',
    'gen_ai.usage.input_tokens',
    'passwordless', // one segment: not the word "password"
    'secretary.name',
    'cookies_enabled',
    'api.keyspace', // segments, not substrings
    'authorized',
    'db.statement',
    '',
  ])('leaves %s alone', (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });
});

describe('sensitiveKeyMatcher', () => {
  it('takes its own list, terms split and lowercased like the keys', () => {
    const matches = sensitiveKeyMatcher(['API_KEY', 'session.id']);
    expect(matches('http.request.header.x-api-key')).toBe(true);
    expect(matches('apiKey')).toBe(true);
    expect(matches('user.session.id')).toBe(true);
    expect(matches('session')).toBe(false);
    // the defaults are replaced, not extended
    expect(matches('authorization')).toBe(false);
  });

  it('masks nothing with an empty list, or one of empty terms', () => {
    expect(sensitiveKeyMatcher([])('authorization')).toBe(false);
    expect(sensitiveKeyMatcher(['', '..'])('authorization')).toBe(false);
  });

  it('answers the same for a key asked twice, and copes with a 1 MiB key', () => {
    const matches = sensitiveKeyMatcher();
    expect(matches('db.password')).toBe(true);
    expect(matches('db.password')).toBe(true);
    expect(matches(`${'x'.repeat(1024 * 1024)}.token`)).toBe(true);
  });
});
