import { describe, expect, it } from 'vitest';
import { isAllowedHost } from './host-check';

describe('which Host names are answered', () => {
  it.each(['127.0.0.1:5180', 'localhost:5180', 'app.localhost', '[::1]:5180', '10.0.0.7:8080', 'tracery.example.com', 'a.internal.example:443'])('%s', (host) =>
    expect(isAllowedHost(host, ['tracery.example.com', '.internal.example'])).toBe(true),
  );

  it.each([undefined, '', 'evil.example:5180', 'tracery.example.com.evil.example', 'xinternal.example', '[::1'])('not %s (a rebound domain)', (host) =>
    expect(isAllowedHost(host, ['tracery.example.com', '.internal.example'])).toBe(false),
  );

  it('any, when the operator says so', () => expect(isAllowedHost('evil.example', true)).toBe(true));
});
