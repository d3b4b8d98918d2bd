import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// The trace page's Service map read as a person reads it: boxes apart, arrows that go
// around boxes to the service they name, labels that do not sit on each other, a
// critical path told apart by colour, peers without instrumentation said to be so,
// and a keyboard path that does not drop focus.

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Trace views' }).getByRole('tab', { name });
const map = (page: Page) => page.getByRole('region', { name: 'Service map' });

/** A checkout that sends a Kafka message to notification: real services, uninstrumented peers, a messaging edge. */
async function openShopTraceMap(page: Page): Promise<void> {
  await page.goto('/search?service=notification&lookback=6h&limit=5');
  await page.getByRole('region', { name: 'Search results' }).locator('a.result-link').first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await tab(page, 'Service map').click();
  await expect(map(page).getByTestId('map-node').first()).toBeVisible();
}

interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

test('the service map: boxes apart, arrows around boxes and ending on their services, labels apart', async ({ page }) => {
  await openShopTraceMap(page);
  const picture = await map(page).evaluate((section) => {
    const rect = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    // a service's box is everything it draws: its shape and its labels
    const nodes = Array.from(section.querySelectorAll('[data-testid="map-node"]')).map((n) => ({ service: n.getAttribute('data-service') ?? '', box: rect(n) }));
    const edges = Array.from(section.querySelectorAll('[data-testid="map-edge"]')).map((g) => {
      // the line itself: the last path of the edge (a highlight may lie under it)
      const path = Array.from(g.querySelectorAll('path')).pop() as SVGPathElement;
      const matrix = path.getScreenCTM() as DOMMatrix;
      const length = path.getTotalLength();
      const points = Array.from({ length: 41 }, (_, i) => {
        const p = path.getPointAtLength((length * i) / 40);
        return { x: matrix.a * p.x + matrix.c * p.y + matrix.e, y: matrix.b * p.x + matrix.d * p.y + matrix.f };
      });
      return { from: g.getAttribute('data-from') ?? '', to: g.getAttribute('data-to') ?? '', points, label: rect(g.querySelector('text') as Element) };
    });
    return { nodes, edges };
  });
  const inside = (p: { x: number; y: number }, r: Rect, inset: number) => p.x > r.left + inset && p.x < r.right - inset && p.y > r.top + inset && p.y < r.bottom - inset;
  const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const near = (p: { x: number; y: number }, r: Rect, by: number) => p.x >= r.left - by && p.x <= r.right + by && p.y >= r.top - by && p.y <= r.bottom + by;

  expect(picture.nodes.length).toBeGreaterThan(3);
  expect(picture.edges.length).toBeGreaterThan(2);
  for (let i = 0; i < picture.nodes.length; i++) {
    for (let j = i + 1; j < picture.nodes.length; j++) {
      expect(overlap(picture.nodes[i]!.box, picture.nodes[j]!.box), `${picture.nodes[i]!.service} and ${picture.nodes[j]!.service} overlap`).toBe(false);
    }
  }
  const boxOf = (service: string) => picture.nodes.find((n) => n.service === service)!.box;
  for (const edge of picture.edges) {
    const first = edge.points[0]!;
    const last = edge.points[edge.points.length - 1]!;
    expect(near(first, boxOf(edge.from), 2), `${edge.from} → ${edge.to} starts at ${edge.from}`).toBe(true);
    // the arrow head sits on the line's end
    expect(near(last, boxOf(edge.to), 2), `${edge.from} → ${edge.to} ends at ${edge.to}`).toBe(true);
    for (const node of picture.nodes) {
      for (const p of edge.points) expect(inside(p, node.box, 2), `${edge.from} → ${edge.to} runs through ${node.service}`).toBe(false);
      expect(overlap(edge.label, node.box), `the label of ${edge.from} → ${edge.to} is on ${node.service}`).toBe(false);
    }
  }
  for (let i = 0; i < picture.edges.length; i++) {
    for (let j = i + 1; j < picture.edges.length; j++) {
      const a = picture.edges[i]!;
      const b = picture.edges[j]!;
      expect(overlap(a.label, b.label), `labels of ${a.from} → ${a.to} and ${b.from} → ${b.to} overlap`).toBe(false);
    }
  }
});

test('the service map: uninstrumented peers say so, edge widths stay modest, the critical path has its own colour', async ({ page }) => {
  await openShopTraceMap(page);
  const peer = map(page).locator('[data-testid="map-node"]').filter({ hasText: 'not instrumented' }).first();
  await expect(peer).toBeVisible();
  await expect(map(page).getByTestId('map-node').filter({ hasText: /(^|\D)0\s?ns/ })).toHaveCount(0);

  const edges = await map(page)
    .locator('[data-testid="map-edge"]')
    .evaluateAll((gs) =>
      gs.map((g) => {
        const line = g.querySelector('[data-stroke-px]') as SVGPathElement;
        const style = getComputedStyle(line);
        return { critical: g.hasAttribute('data-critical'), error: g.getAttribute('class')?.includes('Error') ?? false, width: parseFloat(style.strokeWidth), colour: style.stroke };
      }),
    );
  const widths = edges.map((e) => e.width);
  // one call or a hundred: between a thin and a modest line, and not every edge at the top of the range
  expect(Math.min(...widths)).toBeLessThan(2);
  expect(Math.max(...widths)).toBeLessThanOrEqual(5);
  expect(widths.filter((w) => w > 3).length).toBeLessThan(edges.length / 2);
  const critical = edges.filter((e) => e.critical && !e.error);
  const plain = edges.filter((e) => !e.critical && !e.error);
  expect(critical.length).toBeGreaterThan(0);
  expect(plain.length).toBeGreaterThan(0);
  for (const c of critical) for (const p of plain) expect(c.colour).not.toBe(p.colour);
});

test('the service map: each service is named by its visible text first, and Enter moves focus to the waterfall’s find box', async ({ page }) => {
  await openShopTraceMap(page);
  const audit = await new AxeBuilder({ page }).include('section[aria-label="Service map"]').withRules(['label-content-name-mismatch']).analyze();
  expect(audit.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  // the rule above is experimental in axe; say the same thing directly
  for (const node of await map(page).getByTestId('map-node').all()) {
    const visible = (await node.locator('text').allTextContents()).join(' ');
    expect(await node.getAttribute('aria-label')).toMatch(new RegExp(`^${visible.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }

  const node = map(page).locator('[data-testid="map-node"]:not([data-service=""])').nth(1);
  const service = (await node.getAttribute('data-service')) ?? '';
  await node.focus();
  await page.keyboard.press('Enter');
  await expect(tab(page, 'Waterfall')).toHaveAttribute('aria-selected', 'true');
  const find = page.getByRole('searchbox', { name: 'Find spans' });
  await expect(find).toHaveValue(new RegExp(service.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(find).toBeFocused();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});
