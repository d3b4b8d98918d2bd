import { beforeEach, describe, expect, it } from 'vitest';
import { registerServices, resetServiceColors, serviceColor } from './service-color';

const shop = ['web-frontend', 'api-gateway', 'auth', 'order', 'inventory', 'payment', 'fraud-check', 'notification', 'recommendation', 'batch-runner'];

describe('serviceColor', () => {
  beforeEach(() => resetServiceColors());

  it('gives the services of one backend distinct colours', () => {
    registerServices(shop);
    expect(new Set(shop.map(serviceColor)).size).toBe(shop.length);
  });

  it('keeps a colour once given, whatever comes later', () => {
    const before = serviceColor('payment');
    registerServices(shop);
    expect(serviceColor('payment')).toBe(before);
    expect(serviceColor('payment')).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('is the same for the same names registered in any order', () => {
    registerServices([...shop].reverse());
    const first = shop.map(serviceColor);
    resetServiceColors();
    registerServices(shop);
    expect(shop.map(serviceColor)).toEqual(first);
  });
});
