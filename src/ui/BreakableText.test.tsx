import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { BreakableText } from './BreakableText';

describe('BreakableText', () => {
  it('offers a line break after each separator of a long dotted or pathed name, never inside a word', () => {
    const { container } = render(<BreakableText text="deployment.environment.name" />);
    expect(container.textContent).toBe('deployment.environment.name');
    expect(container.innerHTML).toBe('deployment.<wbr>environment.<wbr>name');
    const path = render(<BreakableText text="shop.order.v1.OrderService/PlaceOrder" />).container;
    expect(path.innerHTML).toBe('shop.<wbr>order.<wbr>v1.<wbr>OrderService/<wbr>PlaceOrder');
  });

  it('leaves short names and huge ones as plain text', () => {
    expect(render(<BreakableText text="http.route" />).container.innerHTML).toBe('http.route');
    const huge = 'a.'.repeat(150);
    expect(render(<BreakableText text={huge} />).container.innerHTML).toBe(huge);
  });
});
