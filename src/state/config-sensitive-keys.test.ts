import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

const source = { id: 'demo', kind: 'tempo', url: '/demo/tempo' };

describe('parseConfig: sensitiveKeys', () => {
  it('is absent unless the file names it (the views then use core’s default list)', () => {
    const { config, problems } = parseConfig({ dataSources: [source] });
    expect(config.sensitiveKeys).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('reads a list of key terms, an empty list included (masks nothing)', () => {
    expect(parseConfig({ dataSources: [source], sensitiveKeys: ['authorization', 'session.id'] }).config.sensitiveKeys).toEqual(['authorization', 'session.id']);
    expect(parseConfig({ dataSources: [source], sensitiveKeys: [] }).config.sensitiveKeys).toEqual([]);
  });

  it('names a malformed list and keeps the default, and the data sources', () => {
    for (const bad of ['authorization', ['token', 7], { token: true }]) {
      const { config, problems } = parseConfig({ dataSources: [source], sensitiveKeys: bad });
      expect(config.sensitiveKeys).toBeUndefined();
      expect(config.dataSources).toHaveLength(1);
      expect(problems).toEqual(['"sensitiveKeys" must be a list of strings; the default list is used']);
    }
  });
});
