import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { UrlCheckbox } from './UrlCheckbox';

const box = () => (screen.getByRole('checkbox') as HTMLInputElement).checked;

describe('UrlCheckbox', () => {
  it('shows the click at once, before the URL it reports to has changed', () => {
    const onChange = vi.fn();
    render(<UrlCheckbox checked={false} onChange={onChange} />);
    fireEvent.click(screen.getByRole('checkbox'));
    expect(onChange).toHaveBeenCalledWith(true);
    expect(box()).toBe(true);
  });

  it('then follows the value it is given (the URL wins)', () => {
    const { rerender } = render(<UrlCheckbox checked={false} onChange={() => undefined} />);
    rerender(<UrlCheckbox checked onChange={() => undefined} />);
    expect(box()).toBe(true);
    rerender(<UrlCheckbox checked={false} onChange={() => undefined} />);
    expect(box()).toBe(false);
  });
});
