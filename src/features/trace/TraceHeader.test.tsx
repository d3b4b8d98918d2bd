import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import type { Trace } from '../../core';
import { withFakeLayout } from './test-layout';
import { renderTraceView } from './test-render';
import { testTrace } from './test-trace';

withFakeLayout();

/** the test trace with two decoding problems: the header's badge says "⚠ 2 warnings" */
function warnedTrace(): Trace {
  return { ...testTrace(), warnings: ['span 00000000000000c3: end before start, end set to start', 'span 00000000000000d4: attribute "x" dropped (not a value)'] };
}

/** The page with span B2's details open, and the warnings popover opened by its badge. */
function openWarnings() {
  renderTraceView(warnedTrace(), '?source=demo&span=00000000000000b2');
  const badge = screen.getByRole('button', { name: '⚠ 2 warnings' });
  fireEvent.click(badge);
  expect(badge.getAttribute('aria-expanded')).toBe('true');
  const popover = screen.getByRole('region', { name: 'Trace warnings' });
  expect(within(popover).getAllByRole('listitem')).toHaveLength(2);
  return { badge, popover };
}

const detailsPanel = () => screen.queryByRole('complementary', { name: 'Span details' });

describe('TraceHeader warnings popover', () => {
  it('closes on Esc with focus back on the badge, and that Esc leaves the span details open', () => {
    const { badge, popover } = openWarnings();
    within(popover).getByRole('button', { name: 'Close warnings' }).focus();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Trace warnings' })).toBeNull();
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(badge);
    expect(detailsPanel()).toBeTruthy();
    // the next Esc is the page's again: it closes the details
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(detailsPanel()).toBeNull();
  });

  it('closes on a click outside it, leaving focus where the click put it, and stays open for a click inside', () => {
    const { badge, popover } = openWarnings();
    fireEvent.pointerDown(within(popover).getAllByRole('listitem')[0] as HTMLElement);
    expect(screen.getByRole('region', { name: 'Trace warnings' })).toBeTruthy();

    const copyLink = screen.getByRole('button', { name: 'Copy link' });
    copyLink.focus();
    fireEvent.pointerDown(copyLink);
    expect(screen.queryByRole('region', { name: 'Trace warnings' })).toBeNull();
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(copyLink);
  });

  it('closes with its × button, focus back on the badge; the badge opens it again', () => {
    const { badge, popover } = openWarnings();
    fireEvent.click(within(popover).getByRole('button', { name: 'Close warnings' }));
    expect(screen.queryByRole('region', { name: 'Trace warnings' })).toBeNull();
    expect(document.activeElement).toBe(badge);
    fireEvent.click(badge);
    expect(screen.getByRole('region', { name: 'Trace warnings' })).toBeTruthy();
  });
});
