import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { TraceImportContext, type TraceImport } from './import-context';
import { PasteJsonButton } from './PasteJsonDialog';

/**
 * jsdom has <dialog> without showModal/close. These follow the HTML standard where it
 * matters here: close() on an open dialog drops `open` at once and fires `close` a task later.
 */
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.hasAttribute('open')) return;
    this.removeAttribute('open');
    setTimeout(() => this.dispatchEvent(new Event('close')), 0);
  };
});
afterEach(cleanup);

const nextTask = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 5)));

function renderButton() {
  const openText = vi.fn();
  const importer: TraceImport = { status: { phase: 'idle' }, lastImported: new Set(), openFiles: () => undefined, openText, cancel: () => undefined, dismiss: () => undefined };
  // StrictMode as main.tsx renders the app: `npm start` mounts, unmounts and mounts again
  render(
    <StrictMode>
      <TraceImportContext.Provider value={importer}>
        <PasteJsonButton />
      </TraceImportContext.Provider>
    </StrictMode>,
  );
  return { openText, button: screen.getByRole('button', { name: 'Paste JSON' }) };
}

describe('Paste JSON', () => {
  it('stays open under StrictMode (the first mount’s close must not close the second)', async () => {
    const { button, openText } = renderButton();
    fireEvent.click(button);
    await nextTask();
    const dialog = screen.getByRole('dialog', { name: 'Paste trace JSON' });
    expect(dialog.hasAttribute('open')).toBe(true);
    fireEvent.change(screen.getByLabelText('OTLP/JSON, JSON Lines, Jaeger or Zipkin JSON'), { target: { value: '{"resourceSpans":[]}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open' }));
    expect(openText).toHaveBeenCalledWith('{"resourceSpans":[]}');
    await nextTask();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('returns focus to the button that opened it when closed', async () => {
    const { button } = renderButton();
    button.focus();
    fireEvent.click(button);
    await nextTask();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await nextTask();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Esc (the browser closes the dialog and fires close)', async () => {
    const { button } = renderButton();
    fireEvent.click(button);
    await nextTask();
    act(() => (screen.getByRole('dialog') as HTMLDialogElement).close());
    await nextTask();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
