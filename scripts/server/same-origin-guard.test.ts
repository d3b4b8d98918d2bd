import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { crossOriginRefusal } from './same-origin-guard';

const request = (headers: Record<string, string>) => ({ headers: { host: '127.0.0.1:5173', ...headers } }) as unknown as IncomingMessage;

describe('who may use the proxy', () => {
  it.each([
    ['the app itself', { 'sec-fetch-site': 'same-origin' }],
    ['a POST of the app itself', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:5173' }],
    ['the address bar', { 'sec-fetch-site': 'none' }],
    ['curl', {}],
    ['the browser behind a reverse proxy that rewrites Host', { origin: 'https://tracery.example', 'x-forwarded-host': 'tracery.example' }],
  ])('%s', (_, headers) => expect(crossOriginRefusal(request(headers))).toBeUndefined());

  it.each([
    ['another site', { 'sec-fetch-site': 'cross-site' }, /cross-site/],
    ['another port of localhost (the same site)', { 'sec-fetch-site': 'same-site' }, /same-site/],
    ['an older browser on another origin', { origin: 'http://evil.example' }, /Origin \(http:\/\/evil\.example\)/],
    ['a sandboxed frame', { origin: 'null' }, /Origin \(null\)/],
  ])('not %s', (_, headers, reason) => expect(crossOriginRefusal(request(headers))).toMatch(reason));
});
