import { useId } from 'react';
import { LOOKBACKS, isLookback, type SpanScope } from '../../core';
import type { ServicesView } from '../../state/services-url';
import { LOOKBACK_LABELS } from '../../ui/lookback-labels';

const SCOPE_LABELS: Record<SpanScope, string> = {
  server: 'Server spans',
  root: 'Root spans only',
  all: 'All spans',
};

const rangeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

interface Props {
  readonly view: ServicesView;
  readonly onChange: (next: Partial<ServicesView>) => void;
  /** Local files cover their own time: no range to pick */
  readonly fixedRange?: boolean;
}

/** Time range (presets, or the window a brush chose) and which spans count as requests. */
export function TimeRangeControls({ view, onChange, fixedRange }: Props) {
  const id = useId();
  return (
    <>
      {!fixedRange && (
        <div className="field">
          <label htmlFor={`${id}-range`}>Time range</label>
          <select
            id={`${id}-range`}
            value={view.range ? 'custom' : view.lookback}
            onChange={(e) => {
              const value = e.target.value;
              if (isLookback(value)) onChange({ lookback: value, range: undefined });
            }}
          >
            {LOOKBACKS.map((lookback) => (
              <option key={lookback} value={lookback}>
                {LOOKBACK_LABELS[lookback]}
              </option>
            ))}
            {view.range && <option value="custom">{`${rangeFormat.format(view.range.startMs)} – ${rangeFormat.format(view.range.endMs)}`}</option>}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-scope`}>Requests are</label>
        <select id={`${id}-scope`} value={view.scope} onChange={(e) => onChange({ scope: e.target.value as SpanScope })}>
          {(Object.keys(SCOPE_LABELS) as SpanScope[]).map((scope) => (
            <option key={scope} value={scope}>
              {SCOPE_LABELS[scope]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
