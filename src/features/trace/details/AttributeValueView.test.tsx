import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { AttributeValue } from '../../../core';
import { AttributeValueView } from './AttributeValueView';
import { httpUrl, isLong, prettyJson } from './value-format';

const str = (value: string): AttributeValue => ({ type: 'string', value });

describe('only http: and https: values become links', () => {
  it.each([
    ['https://shop.example/cart?id=1', true],
    ['http://localhost:8080/', true],
    ['HTTPS://SHOP.EXAMPLE/', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['file:///etc/passwd', false],
    ['ftp://files.example/x', false],
    [' https://leading.space/', false],
    ['//protocol-relative.example/', false],
    ['https://', false],
  ])('%s → link: %s', (text, isLink) => {
    expect(httpUrl(text) !== undefined).toBe(isLink);
    const { container } = render(<AttributeValueView value={str(text)} />);
    const link = container.querySelector('a');
    expect(link !== null).toBe(isLink);
    if (link) {
      expect(link.getAttribute('rel')).toBe('noreferrer noopener');
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('href')).toMatch(/^https?:\/\//i);
    } else {
      expect(container.textContent).toContain(text.trim() === '' ? '' : text.slice(0, 10));
    }
  });
});

describe('string values', () => {
  it('pretty-prints JSON objects and arrays, and leaves other text alone', () => {
    expect(prettyJson('{"a":1,"b":[true]}')).toBe('{\n  "a": 1,\n  "b": [\n    true\n  ]\n}');
    expect(prettyJson('[1,2]')).toBe('[\n  1,\n  2\n]');
    expect(prettyJson('"just a string"')).toBeUndefined();
    expect(prettyJson('42')).toBeUndefined();
    expect(prettyJson('{not json')).toBeUndefined();
    const { container } = render(<AttributeValueView value={str('{"amount":12}')} />);
    expect(container.textContent).toBe('{\n  "amount": 12\n}');
  });

  it('clamps long text behind "Show more", and shows it all on request', () => {
    expect(isLong('short')).toBe(false);
    expect(isLong('x'.repeat(241))).toBe(true);
    expect(isLong('1\n2\n3\n4\n5')).toBe(true);
    render(<AttributeValueView value={str('y'.repeat(300))} />);
    const more = screen.getByRole('button', { name: 'Show more' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('y'.repeat(300))).toBeTruthy();
  });

  it('never renders markup from a value', () => {
    const { container } = render(<AttributeValueView value={str('<img src=x onerror=alert(1)>')} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('other types', () => {
  it('shows 64-bit ints exactly and marks numbers for right alignment', () => {
    const { container } = render(<AttributeValueView value={{ type: 'int', value: '9007199254740993' }} />);
    expect(container.textContent).toBe('9007199254740993');
    expect(container.querySelector('[data-type="int"]')).not.toBeNull();
    const double = render(<AttributeValueView value={{ type: 'double', value: 0.25 }} />);
    expect(double.container.querySelector('[data-type="double"]')?.textContent).toBe('0.25');
  });

  it('makes arrays and kvlists expandable, nested values included', () => {
    const { container } = render(
      <AttributeValueView
        value={{
          type: 'kvlist',
          value: [
            { key: 'brand', value: { type: 'string', value: 'visa' } },
            { key: 'digits', value: { type: 'array', value: [{ type: 'int', value: '4' }, { type: 'int', value: '2' }] } },
          ],
        }}
      />,
    );
    const summaries = [...container.querySelectorAll('summary')].map((s) => s.textContent);
    expect(summaries).toEqual(['{2 keys}', '[2 items]']);
    expect(container.querySelector('th')?.textContent).toBe('brand');
    expect([...container.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['4', '2']);
  });

  it('shows bools, bytes and empty values', () => {
    expect(render(<AttributeValueView value={{ type: 'bool', value: false }} />).container.textContent).toBe('false');
    expect(render(<AttributeValueView value={{ type: 'bytes', value: 'AAEC' }} />).container.textContent).toBe('AAEC');
    expect(render(<AttributeValueView value={{ type: 'empty' }} />).container.textContent).toBe('(empty)');
  });
});
