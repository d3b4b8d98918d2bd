import { useId } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataSource } from '../../state/data-source-context';
import { servicesQueries } from '../../state/services-queries';
import { serviceLink, servicePath, writeServicesView } from '../../state/services-url';
import { EmptyState, LoadingState } from '../../ui/StatusMessage';
import { Tabs } from '../../ui/Tabs';
import { useDocumentTitle } from '../../ui/use-document-title';
import { MetricsProblem } from './MetricsProblem';
import { RedTable } from './RedTable';
import { SystemGraphView } from './SystemGraphView';
import { TimeRangeControls } from './TimeRangeControls';
import { originText } from './red-format';
import { useServicesView } from './use-services-view';
import styles from './services.module.css';
import { IgnoredFromLink } from '../../ui/IgnoredFromLink';

/**
 * `/services`: every service's rate, errors and duration over the range, as a sortable
 * table with sparklines or as the system's service graph. Everything it shows is in
 * the URL (services-url.ts).
 */
export function ServicesPage() {
  const source = useDataSource();
  const { view, dropped, range, sourceId, update } = useServicesView();
  const id = useId();
  useDocumentTitle('Services');
  const red = useQuery({ ...servicesQueries.red(source ?? NO_SOURCE, { range, scope: view.scope, groupBy: view.groupBy }), enabled: source !== undefined && view.view === 'table', placeholderData: keepPreviousData });
  const graph = useQuery({ ...servicesQueries.systemGraph(source ?? NO_SOURCE, { range }), enabled: source !== undefined && view.view === 'graph', placeholderData: keepPreviousData });
  if (!source) return <EmptyState title="No data source configured">Add one to public/tracery.config.json (see the README).</EmptyState>;

  const narrow = (window: { startMs: number; endMs: number }) => update({ range: window });
  const shown = view.view === 'table' ? red : graph;
  const origin = shown.data?.origin;
  return (
    <div className={styles.page}>
      <h1 className={styles.title}>Services</h1>
      <div className={styles.controls} role="group" aria-label="What the figures cover">
        <TimeRangeControls view={view} onChange={update} fixedRange={source.kind === 'files'} />
        {view.view === 'table' && (
          <div className="field">
            <label htmlFor={`${id}-group`}>Rows</label>
            <select id={`${id}-group`} value={view.groupBy} onChange={(e) => update({ groupBy: e.target.value === 'operation' ? 'operation' : 'service' })}>
              <option value="service">One per service</option>
              <option value="operation">One per operation</option>
            </select>
          </div>
        )}
      </div>
      <IgnoredFromLink dropped={dropped} />
      <Tabs
        label="Show services as"
        idPrefix={`${id}-view`}
        tabs={[
          { id: 'table', label: 'Table' },
          { id: 'graph', label: 'Graph' },
        ]}
        selected={view.view}
        onSelect={(next) => update({ view: next === 'graph' ? 'graph' : 'table' })}
      />
      <div id={`${id}-view-panel`} role="tabpanel" aria-labelledby={`${id}-view-tab-${view.view}`} className={styles.panel}>
        {origin && (
          <p className={styles.origin} data-testid="metrics-origin">
            {originText(origin, source.name)}
          </p>
        )}
        {shown.isPending ? (
          <LoadingState>{view.view === 'table' ? 'Loading service figures…' : 'Loading the service graph…'}</LoadingState>
        ) : shown.isError ? (
          <MetricsProblem error={shown.error} onRetry={() => void shown.refetch()} what={view.view === 'table' ? 'service figures' : 'service graph'} />
        ) : view.view === 'table' && red.data ? (
          red.data.rows.length === 0 ? (
            <EmptyState title="No requests in this range">Pick a longer time range, or count all spans rather than {view.scope === 'root' ? 'root spans' : 'server spans'}.</EmptyState>
          ) : (
            <RedTable
              rows={red.data.rows}
              range={red.data.range}
              groupBy={view.groupBy}
              sort={view.sort}
              order={view.order}
              onSort={(sort, order) => update({ sort, order }, { replace: true })}
              linkOf={(row) => {
                const link = serviceLink(row.service, view, sourceId);
                if (view.groupBy !== 'operation' || row.operation === undefined) return link;
                const params = writeServicesView({ ...view, groupBy: 'service', sort: 'rate', order: 'desc', view: 'table', operation: row.operation }, sourceId);
                return { pathname: servicePath(row.service), search: `?${params.toString()}` };
              }}
              caption={view.groupBy === 'operation' ? 'Operations of every service' : 'Services'}
              showService={view.groupBy === 'operation'}
              onBrush={source.kind === 'files' ? undefined : narrow}
            />
          )
        ) : graph.data ? (
          <SystemGraphView graph={graph.data} view={view} source={source} sourceId={sourceId} />
        ) : null}
      </div>
    </div>
  );
}

/** useQuery's options need a source even when disabled */
const NO_SOURCE = { id: '', name: '', kind: 'tempo', url: '/', demo: false } as const;
