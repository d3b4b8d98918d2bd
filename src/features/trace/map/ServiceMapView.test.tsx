import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { buildTrace, type DecodedSpan, type SpanKind } from '../../../core';
import { decodedSpan } from '../../../core/trace/__fixtures__/make-trace';
import { ServiceMapView } from './ServiceMapView';

afterEach(cleanup);

/** 7 px a character: what the layout sizes boxes by in these tests */
const measure = (text: string) => ({ width: text.length * 7, height: 14 });

function span(id: string, parent: string | undefined, service: string, kind: SpanKind, start: number, end: number, attributes: Record<string, string> = {}): DecodedSpan {
  const base = decodedSpan({ id, ...(parent !== undefined ? { parent } : {}), service, kind, start, end });
  return { ...base, attributes: Object.entries(attributes).map(([key, value]) => ({ key, value: { type: 'string' as const, value } })) };
}

/**
 * frontend  r  [0 ─────────────────────── 1000]  server
 *           c   [10 ─────────────────── 990]     client
 * checkout  s    [20 ───────────────── 980]      server
 *           q1..q12 [each 10 ns, one after another] client → postgresql (not instrumented)
 * checkout  k   [900 ─ 950]                      client → redis (not instrumented), one call
 */
function shopTrace() {
  const spans: DecodedSpan[] = [span('r', undefined, 'frontend', 'server', 0, 1000), span('c', 'r', 'frontend', 'client', 10, 990), span('s', 'c', 'checkout', 'server', 20, 980)];
  for (let i = 0; i < 12; i++) spans.push(span(`q${i.toString(16)}`, 's', 'checkout', 'client', 30 + i * 60, 80 + i * 60, { 'db.system': 'postgresql' }));
  spans.push(span('k', 's', 'checkout', 'client', 35, 45, { 'db.system': 'redis' }));
  return buildTrace(spans);
}

function renderMap(onNode = vi.fn()) {
  render(<ServiceMapView trace={shopTrace()} activeService={undefined} onNode={onNode} measure={measure} />);
  const map = screen.getByRole('region', { name: 'Service map' });
  const node = (service: string) => map.querySelector<SVGGElement>(`[data-testid="map-node"][data-service="${service}"]`) as SVGGElement;
  const edge = (from: string, to: string) => map.querySelector<SVGGElement>(`[data-testid="map-edge"][data-from="${from}"][data-to="${to}"]`) as SVGGElement;
  return { map, node, edge, onNode };
}

const visibleText = (node: Element) =>
  Array.from(node.querySelectorAll('text'))
    .map((t) => t.textContent ?? '')
    .join(' ');

describe('ServiceMapView', () => {
  it('says an uninstrumented peer is not instrumented instead of showing a self time of 0ns', () => {
    const { node } = renderMap();
    expect(visibleText(node('postgresql'))).toContain('not instrumented');
    expect(visibleText(node('postgresql'))).not.toMatch(/\b0\s?ns\b/);
    expect(visibleText(node('checkout'))).toMatch(/self \d/);
  });

  it('names every node by its visible text first (WCAG 2.5.3, label in name)', () => {
    const { map } = renderMap();
    const nodes = within(map).getAllByRole('button');
    expect(nodes.length).toBe(4);
    for (const n of nodes) expect(n.getAttribute('aria-label')?.startsWith(visibleText(n))).toBe(true);
    expect(within(map).getByRole('button', { name: /^checkout self / })).toBeTruthy();
  });

  it('draws busier edges wider on a log scale and sets critical edges apart by more than width', () => {
    const { edge } = renderMap();
    const width = (g: SVGGElement) => Number(g.querySelector('[data-stroke-px]')?.getAttribute('data-stroke-px'));
    const toDb = edge('checkout', 'postgresql');
    const toCache = edge('checkout', 'redis');
    expect(width(toDb)).toBeGreaterThan(width(toCache));
    expect(width(toCache)).toBeLessThan(2);
    expect(width(toDb)).toBeLessThan(5);
    // the critical edge frontend → checkout has one call: thin, yet marked by a halo and its own arrow head
    const critical = edge('frontend', 'checkout');
    expect(critical.hasAttribute('data-critical')).toBe(true);
    expect(width(critical)).toBeLessThan(2);
    expect(critical.querySelectorAll('path')).toHaveLength(2);
    expect(critical.querySelector('[data-stroke-px]')?.getAttribute('marker-end')).toBe('url(#service-map-arrow-critical)');
    expect(toCache.querySelector('[data-stroke-px]')?.getAttribute('marker-end')).toBe('url(#service-map-arrow)');
  });

  it('Enter on a node shows its spans and keeps focus on the node', () => {
    const { node, onNode } = renderMap();
    const checkout = node('checkout');
    checkout.focus();
    fireEvent.keyDown(checkout, { key: 'Enter' });
    expect(onNode).toHaveBeenCalledWith(expect.objectContaining({ service: 'checkout' }));
    expect(document.activeElement).toBe(checkout);
  });
});
