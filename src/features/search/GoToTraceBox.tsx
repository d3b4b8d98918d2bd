import { useId, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { parseTraceReference } from '../../core';

/**
 * "Go to trace": a trace id or a pasted W3C traceparent (which also selects
 * its span). A bad value gets a precise message under the box.
 */
export function GoToTraceBox() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reference = parseTraceReference(text);
    if (!reference.ok) {
      setError(reference.error);
      return;
    }
    setError(undefined);
    setText('');
    const next = new URLSearchParams();
    const source = params.get('source');
    if (source) next.set('source', source);
    if (reference.spanId) next.set('span', reference.spanId);
    const search = next.toString();
    void navigate({ pathname: `/trace/${reference.traceId}`, search: search ? `?${search}` : '' });
  };

  return (
    <form className="goto-trace" role="search" aria-label="Go to trace" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Trace id or traceparent
      </label>
      <input
        id={id}
        type="text"
        value={text}
        placeholder="Trace id or traceparent"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (error) setError(undefined);
        }}
      />
      <button type="submit">Go</button>
      {error && (
        <span id={`${id}-error`} role="alert" className="goto-error">
          {error}
        </span>
      )}
    </form>
  );
}
