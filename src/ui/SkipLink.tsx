import { createContext, useContext, useState, type MouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * Skip links (WCAG 2.4.1) must come first in the Tab order, before the app header,
 * while the page that knows its landmarks renders far below it: the shell renders
 * an empty slot at the top and pages put their links into it through a portal.
 */
const SlotContext = createContext<{ slot: HTMLElement | null; setSlot: (element: HTMLElement | null) => void } | undefined>(undefined);

export function SkipLinksProvider({ children }: { children: ReactNode }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  return <SlotContext.Provider value={{ slot, setSlot }}>{children}</SlotContext.Provider>;
}

/** Where the skip links go: the first thing in the page. `children` are the shell's own (skip to content). */
export function SkipLinksSlot({ children }: { children?: ReactNode }) {
  const context = useContext(SlotContext);
  return (
    <nav aria-label="Skip links" className="skip-links" ref={context?.setSlot}>
      {children}
    </nav>
  );
}

interface Props {
  /** the element the link names, for a person who opens it in a new tab or reads the URL */
  readonly targetId: string;
  /** moves focus (and the view, if needed) to the target: a hash change would also be a router navigation */
  readonly onActivate: () => void;
  readonly children: ReactNode;
}

/** A link shown only when focused that jumps past the controls before it. */
export function SkipLink({ targetId, onActivate, children }: Props) {
  const slot = useContext(SlotContext)?.slot;
  const link = (
    <a
      href={`#${targetId}`}
      className="skip-link"
      onClick={(event: MouseEvent) => {
        event.preventDefault();
        onActivate();
      }}
    >
      {children}
    </a>
  );
  if (slot === undefined) return link;
  return slot ? createPortal(link, slot) : null;
}
