import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Attribute, AttributeValue } from '../../../core';
import { ConfigContext } from '../../../state/data-source-context';
import { AttributeTable, MAX_ROWS_SHOWN } from './AttributeTable';
import { AttributeValueView, KeyValueRows } from './AttributeValueView';
import { cutText, formatKB, labelText, MAX_SHOWN_CHARS, utf8Length } from './value-format';

const str = (value: string): AttributeValue => ({ type: 'string', value });
const kv = (key: string, value: string): Attribute => ({ key, value: str(value) });

describe('sensitive values are masked until revealed', () => {
  const attributes: Attribute[] = [
    kv('http.request.header.authorization', 'Bearer s3cr3t'),
    kv('db.password', 'hunter2'),
    kv('http.method', 'GET'),
    { key: 'http.request.headers', value: { type: 'kvlist', value: [kv('x-api-key', 'key-in-kvlist'), kv('accept', 'json')] } },
  ];

  it('keeps the secret out of the DOM entirely (no text, no title, no aria) until "Reveal"', () => {
    const { container } = render(<AttributeTable title="Span attributes" attributes={attributes} />);
    const html = container.innerHTML;
    for (const secret of ['s3cr3t', 'hunter2']) expect(html).not.toContain(secret);
    expect(container.textContent).toContain('GET');
    expect(screen.getAllByTestId('masked-value')).toHaveLength(3); // the kvlist's x-api-key too

    fireEvent.click(screen.getByRole('button', { name: 'Reveal http.request.header.authorization' }));
    expect(container.textContent).toContain('Bearer s3cr3t');
    expect(container.innerHTML).not.toContain('hunter2'); // one value at a time
    fireEvent.click(screen.getByRole('button', { name: 'Hide http.request.header.authorization' }));
    expect(container.innerHTML).not.toContain('s3cr3t');
  });

  it('masks keys inside a kvlist value too', () => {
    const { container } = render(<AttributeTable title="Span attributes" attributes={attributes} />);
    const details = container.querySelector('details') as HTMLDetailsElement;
    expect(within(details).getByTestId('masked-value')).toBeTruthy();
    expect(container.innerHTML).not.toContain('key-in-kvlist');
    expect(details.textContent).toContain('json');
  });

  it('masks again when the value changes (another span, same key)', () => {
    const first = [kv('authorization', 'first-secret')];
    const { container, rerender } = render(<AttributeTable title="Span attributes" attributes={first} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal authorization' }));
    expect(container.textContent).toContain('first-secret');
    rerender(<AttributeTable title="Span attributes" attributes={[kv('authorization', 'second-secret')]} />);
    expect(container.innerHTML).not.toContain('second-secret');
    expect(screen.getByTestId('masked-value')).toBeTruthy();
  });

  it('the filter still finds a masked value by its text, and shows it masked', () => {
    const { container } = render(<AttributeTable title="Span attributes" attributes={attributes} />);
    fireEvent.change(screen.getByLabelText('Filter span attributes'), { target: { value: 'hunter' } });
    expect([...container.querySelectorAll('tbody > tr > th')].map((th) => th.textContent)).toEqual(['db.password']);
    expect(container.innerHTML).not.toContain('hunter2');
  });

  it('follows the config: its list replaces the default, an empty one masks nothing', () => {
    const table = (keys: readonly string[]) =>
      render(
        <ConfigContext.Provider value={{ dataSources: [], sensitiveKeys: keys }}>
          <KeyValueRows attributes={[kv('authorization', 'visible-now'), kv('tenant.id', 'acme')]} />
        </ConfigContext.Provider>,
      );
    const custom = table(['tenant']);
    expect(custom.container.textContent).toContain('visible-now');
    expect(custom.container.innerHTML).not.toContain('acme');
    custom.unmount();
    expect(table([]).container.textContent).toContain('acme');
  });
});

describe('limits', () => {
  it('shows the first 64 KiB of a longer value, and all of it on "Show all (N KB)"', () => {
    const big = `start ${'x'.repeat(MAX_SHOWN_CHARS)} the end`;
    const { container } = render(<AttributeValueView value={str(big)} />);
    expect(container.textContent).not.toContain('the end');
    expect(screen.getByTestId('truncated-value').textContent).toContain('truncated at 64 KB');
    fireEvent.click(screen.getByRole('button', { name: `Show all (${formatKB(big.length)})` }));
    expect(container.textContent).toContain('the end');
    // still clamped behind "Show more" until asked
    expect(screen.getByRole('button', { name: 'Show more' })).toBeTruthy();
  });

  it('a long https value that is cut stays text, not a link', () => {
    const { container } = render(<AttributeValueView value={str(`https://example.com/${'a'.repeat(MAX_SHOWN_CHARS)}`)} />);
    expect(container.querySelector('a')).toBeNull();
  });

  it('draws 500 rows of a big attribute list, then all of them on request', () => {
    const many = Array.from({ length: 1200 }, (_, i) => kv(`attr.${String(i).padStart(4, '0')}`, `v${i}`));
    const { container } = render(<AttributeTable title="Span attributes" attributes={many} />);
    const rows = () => container.querySelectorAll('tbody > tr').length;
    expect(rows()).toBe(MAX_ROWS_SHOWN);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 1,200 rows' }));
    expect(rows()).toBe(1200);
    // the filter searches all of them, shown or not
    fireEvent.change(screen.getByLabelText('Filter span attributes'), { target: { value: 'attr.1199' } });
    expect(rows()).toBe(1);
  });

  it('cuts labels and sizes text without splitting a surrogate pair', () => {
    expect(labelText('short')).toBe('short');
    expect(labelText('x'.repeat(2000))).toHaveLength(1001);
    expect(cutText('ab😀', 3)).toBe('ab');
    expect(utf8Length('aé😀')).toBe(1 + 2 + 4);
    expect(utf8Length('\ud800')).toBe(3); // a lone surrogate: U+FFFD when encoded
    expect(formatKB(1024 * 1024)).toBe('1,024 KB');
    expect(formatKB(65 * 1024 + 1)).toBe('66 KB');
  });
});
