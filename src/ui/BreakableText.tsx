import { Fragment } from 'react';

/** Where a dotted or pathed name may break: after the separators people read as word ends. */
const SEPARATOR_AFTER = /(?<=[./_:\-=,])/;
/** Past this length a name gets no break hints (each is an element), only the last-resort break. */
const MAX_HINTED_CHARS = 200;
/** Shorter names fit the narrowest column they are shown in (≈ 24 characters): no elements spent on them. */
const MIN_HINTED_CHARS = 20;

/**
 * A name such as `deployment.environment.name` or `shop.order.v1.OrderService/PlaceOrder`
 * with a line-break opportunity (<wbr>) after each separator, so a narrow column wraps it
 * between its words rather than mid-word (the CSS's `overflow-wrap: break-word` is only
 * the last resort, for a word longer than the line).
 */
export function BreakableText({ text }: { text: string }) {
  if (text.length > MAX_HINTED_CHARS || text.length < MIN_HINTED_CHARS) return <>{text}</>;
  const parts = text.split(SEPARATOR_AFTER);
  if (parts.length === 1) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
