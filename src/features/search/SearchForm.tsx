import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { LOOKBACKS, isLookback, lookbackMs, parseDuration, parseLogfmt, traceQLFromSearch } from '../../core';
import type { DataSource } from '../../state/data-sources';
import { queries } from '../../state/queries';
import type { FormErrors, SearchForm as Form } from '../../state/search-url';
import { TagsInput } from './TagsInput';
import { registerServices } from '../../ui/service-color';
import { Tabs } from '../../ui/Tabs';
import { offsetOfPosition, traceQLErrorPosition, TraceQLErrorPosition } from './TraceQLErrorPosition';
import styles from './Search.module.css';
import { LOOKBACK_LABELS } from '../../ui/lookback-labels';

interface Props {
  readonly source: DataSource;
  readonly initial: Form;
  readonly errors: FormErrors;
  readonly onSubmit: (form: Form) => void;
}

export function SearchForm({ source, initial, errors, onSubmit }: Props) {
  const [form, setForm] = useState(initial);
  const services = useQuery(queries.services(source));
  const operations = useQuery(queries.operations(source, form.service));
  const id = useId();
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const traceqlRef = useRef<HTMLTextAreaElement>(null);

  // A TraceQL syntax error puts the caret where the error is, ready to fix.
  const traceqlError = errors.traceql;
  useEffect(() => {
    const box = traceqlRef.current;
    const position = traceqlError === undefined ? undefined : traceQLErrorPosition(traceqlError);
    if (!box || !position) return;
    const offset = offsetOfPosition(box.value, position);
    box.setSelectionRange(offset, offset);
  }, [traceqlError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.range && form.range.endMs <= form.range.startMs) return;
    onSubmit(form);
  };

  const serviceNames = services.data ?? [];
  // the backend's services get their colours together, so no two collide
  useEffect(() => {
    if (services.data) registerServices(services.data);
  }, [services.data]);
  // Keep a service named by a link even before (or without) the list knowing it.
  const options = form.service && !serviceNames.includes(form.service) ? [form.service, ...serviceNames] : serviceNames;
  const operationNames = operations.data ?? [];
  const operationOptions = form.operation && !operationNames.includes(form.operation) ? [form.operation, ...operationNames] : operationNames;

  const isTempo = source.kind === 'tempo';
  const mode: 'form' | 'traceql' = isTempo && form.traceql !== undefined ? 'traceql' : 'form';
  const preview = isTempo && mode === 'form' ? previewTraceQL(form) : undefined;

  return (
    <form className="search-form-wrap" role="search" aria-label="Search traces" onSubmit={submit}>
      {isTempo && (
        <Tabs
          label="Search with"
          idPrefix={`${id}-mode`}
          tabs={[
            { id: 'form', label: 'Search form' },
            { id: 'traceql', label: 'TraceQL' },
          ]}
          selected={mode}
          onSelect={(next) => setForm((f) => ({ ...f, traceql: next === 'traceql' ? (f.traceql ?? carriedOverTraceQL(f)) : undefined }))}
        />
      )}
      <div className="search-form" id={`${id}-mode-panel`} role={isTempo ? 'tabpanel' : undefined} aria-labelledby={isTempo ? `${id}-mode-tab-${mode}` : undefined}>
        {mode === 'traceql' ? (
          <div className={errors.traceql ? 'field traceql-field field-invalid' : 'field traceql-field'}>
            <label htmlFor={`${id}-traceql`}>TraceQL query</label>
            <textarea
              ref={traceqlRef}
              id={`${id}-traceql`}
              className="traceql-input"
              rows={2}
              spellCheck={false}
              placeholder={TRACEQL_PLACEHOLDER}
              aria-invalid={errors.traceql ? true : undefined}
              aria-describedby={`${id}-traceql-note`}
              value={form.traceql ?? ''}
              onChange={(e) => set('traceql', e.target.value)}
              onKeyDown={(e) => {
                // Enter runs the query, as in Grafana's editor; Shift+Enter breaks the line.
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  onSubmit(form);
                }
              }}
            />
            {errors.traceql ? (
              <div className="field-error" role="alert" id={`${id}-traceql-note`}>
                {errors.traceql}
                <TraceQLErrorPosition query={form.traceql ?? ''} message={errors.traceql} />
              </div>
            ) : (
              <span className="field-note" id={`${id}-traceql-note`}>
                Empty finds every trace. e.g. {'{ resource.service.name = "payment" && duration > 200ms } && { status = error }'}
              </span>
            )}
          </div>
        ) : (
          <>
        <div className="field">
          <label htmlFor={`${id}-service`}>Service</label>
          <select
            id={`${id}-service`}
            className={styles.fixedSelect}
            value={form.service}
            onChange={(e) => setForm((f) => ({ ...f, service: e.target.value, operation: '' }))}
            aria-describedby={`${id}-service-status`}
          >
            <option value="">All services</option>
            {options.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <span id={`${id}-service-status`} className={`field-note field-note-bounded ${styles.oneLineNote}`}>
            {services.isPending ? 'loading services…' : services.isError ? `could not load services: ${services.error.message}` : `${serviceNames.length} services`}
            {services.isError && (
              <button type="button" className="link-button" onClick={() => void services.refetch()}>
                retry
              </button>
            )}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-operation`}>Operation</label>
          <select id={`${id}-operation`} className={styles.fixedSelect} value={form.operation} disabled={!form.service} onChange={(e) => set('operation', e.target.value)}>
            <option value="">All operations</option>
            {operationOptions.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <span className={`field-note field-note-bounded ${styles.oneLineNote}`}>
            {!form.service ? 'pick a service first' : operations.isPending ? 'loading…' : operations.isError ? `could not load operations: ${operations.error.message}` : ''}
          </span>
        </div>
        <Field id={`${id}-tags`} label="Tags" error={errors.tags} hint="logfmt: http.route=/cart error=true">
          <TagsInput id={`${id}-tags`} source={source} value={form.tags} onChange={(tags) => set('tags', tags)} invalid={Boolean(errors.tags)} />
        </Field>
        <Field id={`${id}-min`} label="Min duration" error={errors.minDuration} hint="e.g. 100ms, 1.5s">
          <input id={`${id}-min`} type="text" value={form.minDuration} placeholder="100ms" onChange={(e) => set('minDuration', e.target.value)} size={8} />
        </Field>
        <Field id={`${id}-max`} label="Max duration" error={errors.maxDuration}>
          <input id={`${id}-max`} type="text" value={form.maxDuration} placeholder="2s" onChange={(e) => set('maxDuration', e.target.value)} size={8} />
        </Field>
        <div className="field field-checkbox">
          <input id={`${id}-errors`} type="checkbox" checked={form.errorsOnly} onChange={(e) => set('errorsOnly', e.target.checked)} />
          <label htmlFor={`${id}-errors`}>Errors only</label>
        </div>
          </>
        )}
      <div className="field">
        <label htmlFor={`${id}-lookback`}>Time range</label>
        <select
          id={`${id}-lookback`}
          value={form.range ? 'custom' : form.lookback}
          onChange={(e) => {
            const value = e.target.value;
            if (isLookback(value)) setForm((f) => ({ ...f, lookback: value, range: undefined }));
            // a custom range starts as the window the preset covered, ready to edit
            else if (value === 'custom') {
              // whole seconds, as the inputs show them
              const nowMs = Math.floor(Date.now() / 1000) * 1000;
              setForm((f) => ({ ...f, range: f.range ?? { startMs: nowMs - lookbackMs(f.lookback), endMs: nowMs } }));
            }
          }}
        >
          <option value="custom">{form.range ? formatRange(form.range) : 'Custom range…'}</option>
          {LOOKBACKS.map((l) => (
            <option key={l} value={l}>
              {LOOKBACK_LABELS[l]}
            </option>
          ))}
        </select>
      </div>
      {form.range && (
        <>
          <div className="field">
            <label htmlFor={`${id}-from`}>From (local time)</label>
            <input
              id={`${id}-from`}
              type="datetime-local"
              step={1}
              value={toLocalInput(form.range.startMs)}
              onChange={(e) => {
                const startMs = fromLocalInput(e.target.value);
                if (startMs !== undefined) setForm((f) => (f.range ? { ...f, range: { ...f.range, startMs } } : f));
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>To (local time)</label>
            <input
              id={`${id}-to`}
              type="datetime-local"
              step={1}
              value={toLocalInput(form.range.endMs)}
              onChange={(e) => {
                const endMs = fromLocalInput(e.target.value);
                if (endMs !== undefined) setForm((f) => (f.range ? { ...f, range: { ...f.range, endMs } } : f));
              }}
            />
            {form.range.endMs <= form.range.startMs && (
              <span className="field-error" role="alert">
                the end is not after the start
              </span>
            )}
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${id}-limit`}>Limit</label>
        <input
          id={`${id}-limit`}
          type="number"
          min={1}
          max={1000}
          value={form.limit}
          onChange={(e) => set('limit', Math.max(1, Math.min(1000, Number(e.target.value) || 1)))}
          className="limit-input"
        />
      </div>
        <button type="submit" className="primary">
          Search
        </button>
      </div>
      {preview !== undefined && (
        <p className="traceql-preview">
          <span className="field-note">TraceQL for this search: </span>
          <code>{preview}</code>
        </p>
      )}
    </form>
  );
}

const TRACEQL_PLACEHOLDER = '{ resource.service.name = "checkout" && status = error }';

/**
 * What the TraceQL box starts with: the form's search written as TraceQL, as
 * Grafana carries it over, but empty (showing the placeholder) rather than the
 * match-all `{ }`, which a person would only type after.
 */
function carriedOverTraceQL(form: Form): string {
  const preview = previewTraceQL(form);
  return preview === undefined || preview === traceQLFromSearch({ tags: [] }) ? '' : preview;
}

/** The TraceQL the form stands for, or undefined while a field does not parse. */
function previewTraceQL(form: Form): string | undefined {
  const tags = parseLogfmt(form.tags);
  const min = form.minDuration.trim() ? parseDuration(form.minDuration) : undefined;
  const max = form.maxDuration.trim() ? parseDuration(form.maxDuration) : undefined;
  if (!tags.ok || min?.ok === false || max?.ok === false) return undefined;
  return traceQLFromSearch({
    service: form.service || undefined,
    operation: (form.service && form.operation) || undefined,
    tags: tags.pairs,
    minDurationNs: min?.ns,
    maxDurationNs: max?.ns,
    errorsOnly: form.errorsOnly,
  });
}

/** `<input type="datetime-local">` speaks local wall-clock time without a zone: 2026-11-24T10:05:00 */
function toLocalInput(unixMs: number): string {
  const d = new Date(unixMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function fromLocalInput(text: string): number | undefined {
  const ms = new Date(text).getTime(); // a zone-less date-time string is read as local time
  return Number.isFinite(ms) ? ms : undefined;
}

const rangeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

function formatRange(range: { startMs: number; endMs: number }): string {
  return `${rangeFormat.format(range.startMs)} – ${rangeFormat.format(range.endMs)}`;
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: React.ReactNode }) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : (
        hint && <span className="field-note">{hint}</span>
      )}
    </div>
  );
}
