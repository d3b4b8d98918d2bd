import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { applyCompletion, completionContext, rankSuggestions, type CompletionContext } from '../../core';
import type { DataSource } from '../../state/data-sources';
import { queries } from '../../state/queries';

interface Props {
  readonly id: string;
  readonly source: DataSource;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly invalid: boolean;
  readonly describedBy?: string;
}

/**
 * The logfmt tags box with autocomplete of attribute names, then of the
 * values of the name being typed (from the backend's tag APIs). An ARIA 1.2
 * combobox: ↑/↓ move through suggestions, Enter (or → at the end of the text)
 * takes the highlighted one, Esc closes. Tab always moves on: a person tabbing
 * through the form must not add a tag they never chose. Nothing is highlighted
 * until a person types part of a name or value, or moves with ↓, so Enter in a
 * finished field submits the search.
 */
export function TagsInput({ id, source, value, onChange, invalid, describedBy }: Props) {
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [caret, setCaret] = useState<number>();
  // -1: no suggestion highlighted
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);

  const context: CompletionContext | undefined = caret === undefined ? undefined : completionContext(value, caret);
  const valueKey = context?.kind === 'value' ? context.key : '';
  const names = useQuery({ ...queries.tagNames(source), enabled: open });
  const values = useQuery({ ...queries.tagValues(source, valueKey), enabled: open && valueKey !== '' });

  const suggestions = useMemo(() => {
    if (!context) return [];
    const candidates = context.kind === 'key' ? (names.data ?? []) : (values.data ?? []);
    return rankSuggestions(candidates, context.prefix);
  }, [context, names.data, values.data]);
  const showList = open && suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);
  // a failing tag API must not look like "no suggestions": say so, with Retry
  const failed = context?.kind === 'value' ? values : names;
  const suggestionError = open && failed.isError ? failed.error.message : undefined;

  const track = () => {
    const input = inputRef.current;
    if (input) setCaret(input.selectionStart ?? input.value.length);
  };

  const choose = (choice: string) => {
    if (!context) return;
    const next = applyCompletion(value, context, choice);
    onChange(next.text);
    setActive(-1);
    // after React has written the new value, put the caret after the insert
    requestAnimationFrame(() => {
      inputRef.current?.setSelectionRange(next.caret, next.caret);
      setCaret(next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!showList) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const count = suggestions.length;
      setActive((i) => (i < 0 ? (event.key === 'ArrowDown' ? 0 : count - 1) : (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count));
    } else if (event.key === 'Enter' || event.key === 'ArrowRight') {
      const input = event.currentTarget;
      // → is still the caret's key anywhere but at the end of the text
      if (event.key === 'ArrowRight' && (input.selectionStart !== input.value.length || input.selectionEnd !== input.value.length)) return;
      const choice = suggestions[activeIndex];
      // a suggestion that is already typed in full completes nothing: Enter submits
      if (choice !== undefined && choice !== context?.prefix) {
        event.preventDefault();
        choose(choice);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="tags-input">
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && activeIndex >= 0 ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        value={value}
        placeholder='key=value key2="with spaces"'
        onChange={(e) => {
          const nextCaret = e.target.selectionStart ?? e.target.value.length;
          onChange(e.target.value);
          setOpen(true);
          // typing part of a name or value highlights the best match; an empty token, nothing
          setActive(completionContext(e.target.value, nextCaret).prefix === '' ? -1 : 0);
          setCaret(nextCaret);
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') track();
        }}
        onClick={track}
        onFocus={() => {
          setOpen(true);
          setActive(-1);
          track();
        }}
        onBlur={() => setOpen(false)}
      />
      {suggestionError !== undefined && (
        <p className="field-note suggestions-error" role="status">
          No suggestions: {suggestionError}{' '}
          <button
            type="button"
            className="link-button"
            // mousedown, not click: the input keeps focus and the list stays open
            onMouseDown={(e) => {
              e.preventDefault();
              void failed.refetch();
            }}
          >
            Retry
          </button>
        </p>
      )}
      {showList && (
        // tabIndex -1: Chromium puts a scrollable list in the Tab order, and Tab must leave the field for the next one
        <ul id={listId} role="listbox" tabIndex={-1} className="suggestions" aria-label={context?.kind === 'value' ? `Values of ${valueKey}` : 'Attribute names'}>
          {suggestions.map((s, i) => (
            <li
              key={s}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={i === activeIndex ? 'suggestion is-active' : 'suggestion'}
              // mousedown, not click: the input must not lose focus first
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s);
              }}
            >
              {s}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
