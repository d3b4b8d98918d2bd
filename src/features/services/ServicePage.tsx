import { useId } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { Exemplar, MetricsRange, SystemGraph, SystemGraphEdge, SystemGraphNode } from '../../core';
import type { DataSource } from '../../state/data-sources';
import { useDataSource } from '../../state/data-source-context';
import { servicesQueries } from '../../state/services-queries';
import { edgeSearch, overviewLink, searchLink, serviceLink, servicePath, writeServicesView, type ServicesView } from '../../state/services-url';
import { EmptyState, LoadingState } from '../../ui/StatusMessage';
import { useDocumentTitle } from '../../ui/use-document-title';
import { MetricsProblem } from './MetricsProblem';
import { RedCharts, type TimeWindow } from './RedCharts';
import { RedTable } from './RedTable';
import { TimeRangeControls } from './TimeRangeControls';
import { formatMs, formatPercent, formatRate, originText } from './red-format';
import { useServicesView } from './use-services-view';
import styles from './services.module.css';
import { IgnoredFromLink } from '../../ui/IgnoredFromLink';

/**
 * `/services/<name>`: one service's RED over time, its operations, its callers and the
 * services and peers it calls, and the way to the traces behind any of it: a click or
 * a brushed window opens Search already filled in, an example trace opens directly.
 */
export function ServicePage() {
  const service = useParams().service ?? '';
  const source = useDataSource();
  const { view, dropped, range, sourceId, update } = useServicesView();
  const navigate = useNavigate();
  const id = useId();
  useDocumentTitle(view.operation ? `${service}: ${view.operation}` : service);
  const enabled = source !== undefined && service !== '';
  const anySource = source ?? NO_SOURCE;
  const serviceRed = useQuery({ ...servicesQueries.red(anySource, { range, scope: view.scope, groupBy: 'service', service }), enabled, placeholderData: keepPreviousData });
  const operations = useQuery({ ...servicesQueries.red(anySource, { range, scope: view.scope, groupBy: 'operation', service }), enabled, placeholderData: keepPreviousData });
  const graph = useQuery({ ...servicesQueries.systemGraph(anySource, { range, service }), enabled, placeholderData: keepPreviousData });
  if (!source) return <EmptyState title="No data source configured">Add one to public/tracery.config.json (see the README).</EmptyState>;

  const chartRow = view.operation ? operations.data?.rows.find((row) => row.operation === view.operation) : serviceRed.data?.rows.find((row) => row.service === service);
  const chartRange = (view.operation ? operations.data?.range : serviceRed.data?.range) ?? range;
  const chartQuery = view.operation ? operations : serviceRed;
  const title = view.operation ? `${service}: ${view.operation}` : service;
  const openTraces = (window: TimeWindow, errors: boolean) => void navigate(searchLink({ service, ...(view.operation ? { operation: view.operation } : {}), ...window, errorsOnly: errors }, sourceId));
  const openExemplar = (exemplar: Exemplar) => void navigate({ pathname: `/trace/${exemplar.traceId}`, search: sourceId ? `?source=${encodeURIComponent(sourceId)}` : '' });
  const allTraces = searchLink({ service, ...(view.operation ? { operation: view.operation } : {}), startMs: chartRange.startMs, endMs: chartRange.endMs }, sourceId);
  const errorTraces = searchLink({ service, ...(view.operation ? { operation: view.operation } : {}), startMs: chartRange.startMs, endMs: chartRange.endMs, errorsOnly: true }, sourceId);
  const origin = chartQuery.data?.origin;

  return (
    <div className={styles.page}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link to={overviewLink(view, sourceId)}>Services</Link>
        <span aria-hidden="true"> / </span>
        {view.operation ? <Link to={{ pathname: servicePath(service), search: searchOf({ ...view, operation: '' }, sourceId) }}>{service}</Link> : <span aria-current="page">{service}</span>}
      </nav>
      <h1 className={styles.title}>{title}</h1>
      <div className={styles.controls} role="group" aria-label="What the figures cover">
        <TimeRangeControls view={view} onChange={update} fixedRange={source.kind === 'files'} />
        {operations.data && operations.data.rows.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-operation`}>Operation</label>
            <select id={`${id}-operation`} value={view.operation} onChange={(e) => update({ operation: e.target.value })}>
              <option value="">All operations</option>
              {[...new Set([...(view.operation ? [view.operation] : []), ...operations.data.rows.map((row) => row.operation ?? '')])]
                .filter((name) => name !== '')
                .sort((a, b) => a.localeCompare(b))
                .map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
            </select>
          </div>
        )}
      </div>
      <IgnoredFromLink dropped={dropped} />
      {origin && (
        <p className={styles.origin} data-testid="metrics-origin">
          {originText(origin, source.name)}
        </p>
      )}
      <section aria-labelledby={`${id}-red`}>
        <h2 id={`${id}-red`} className={styles.sectionTitle}>
          Rate, errors, duration
        </h2>
        {chartQuery.isPending ? (
          <LoadingState>Loading figures…</LoadingState>
        ) : chartQuery.isError ? (
          <MetricsProblem error={chartQuery.error} onRetry={() => void chartQuery.refetch()} what="figures" />
        ) : chartRow ? (
          <>
            <RedCharts row={chartRow} range={chartRange} title={title} onWindow={openTraces} onExemplar={openExemplar} />
            <p className={styles.chartLinks}>
              <Link to={allTraces}>Traces in this range</Link> · <Link to={errorTraces}>Failed traces in this range</Link>
              {chartRow.exemplars.length > 0 && (
                <>
                  {' '}
                  · Example traces:{' '}
                  {chartRow.exemplars.slice(0, 5).map((exemplar, i) => (
                    <span key={`${exemplar.traceId}:${exemplar.timeMs}`}>
                      {i > 0 && ', '}
                      <Link to={{ pathname: `/trace/${exemplar.traceId}`, search: sourceId ? `?source=${encodeURIComponent(sourceId)}` : '' }}>{formatMs(exemplar.value)}</Link>
                    </span>
                  ))}
                </>
              )}
            </p>
          </>
        ) : (
          <EmptyState title={`No requests of ${title} in this range`}>Pick a longer time range, or count all spans.</EmptyState>
        )}
      </section>
      <section aria-labelledby={`${id}-operations`}>
        <h2 id={`${id}-operations`} className={styles.sectionTitle}>
          Operations
        </h2>
        {operations.isPending ? (
          <LoadingState>Loading operations…</LoadingState>
        ) : operations.isError ? (
          <MetricsProblem error={operations.error} onRetry={() => void operations.refetch()} what="operations" />
        ) : (
          <RedTable
            rows={operations.data.rows}
            range={operations.data.range}
            groupBy="operation"
            sort={view.sort}
            order={view.order}
            onSort={(sort, order) => update({ sort, order }, { replace: true })}
            linkOf={(row) => ({ pathname: servicePath(service), search: searchOf({ ...view, operation: row.operation ?? '' }, sourceId) })}
            caption={`Operations of ${service}`}
          />
        )}
      </section>
      <section aria-labelledby={`${id}-neighbours`}>
        <h2 id={`${id}-neighbours`} className={styles.sectionTitle}>
          Callers and dependencies
        </h2>
        {graph.isPending ? (
          <LoadingState>Loading callers and dependencies…</LoadingState>
        ) : graph.isError ? (
          <MetricsProblem error={graph.error} onRetry={() => void graph.refetch()} what="service graph" />
        ) : (
          <>
            <p className={styles.origin}>{originText(graph.data.origin, source.name)}</p>
            <div className={styles.neighbours}>
              <Neighbours graph={graph.data} service={service} direction="callers" view={view} source={source} sourceId={sourceId} range={graph.data.range} />
              <Neighbours graph={graph.data} service={service} direction="callees" view={view} source={source} sourceId={sourceId} range={graph.data.range} />
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function searchOf(view: ServicesView, sourceId: string | null): string {
  const text = writeServicesView(view, sourceId).toString();
  return text ? `?${text}` : '';
}

interface NeighboursProps {
  readonly graph: SystemGraph;
  readonly service: string;
  readonly direction: 'callers' | 'callees';
  readonly view: ServicesView;
  readonly source: DataSource;
  readonly sourceId: string | null;
  readonly range: MetricsRange;
}

/** Upstream callers or downstream dependencies: each with the calls between them and its own RED. */
function Neighbours({ graph, service, direction, view, source, sourceId, range }: NeighboursProps) {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const self = graph.nodes.find((node) => node.kind === 'service' && node.name === service);
  const edges = graph.edges.filter((edge) => (direction === 'callers' ? edge.to === self?.id : edge.from === self?.id));
  const heading = direction === 'callers' ? 'Called by' : 'Calls';
  const other = (edge: SystemGraphEdge): SystemGraphNode | undefined => nodes.get(direction === 'callers' ? edge.from : edge.to);
  return (
    <div className="table-scroll">
      <table className={styles.redTable}>
        <caption>{heading}</caption>
        <thead>
          <tr>
            <th scope="col">{direction === 'callers' ? 'Caller' : 'Dependency'}</th>
            <th scope="col" className={styles.numeric}>
              Calls/s
            </th>
            <th scope="col" className={styles.numeric}>
              Errors
            </th>
            <th scope="col" className={styles.numeric}>
              p90
            </th>
            <th scope="col" className={styles.numeric}>
              Its rate
            </th>
            <th scope="col" className={styles.numeric}>
              Its errors
            </th>
            <th scope="col" className={styles.numeric}>
              Its p90
            </th>
          </tr>
        </thead>
        <tbody>
          {edges.length === 0 ? (
            <tr>
              <td colSpan={7}>{direction === 'callers' ? 'No callers seen: requests come in from outside.' : 'No calls to other services seen.'}</td>
            </tr>
          ) : (
            edges.map((edge) => {
              const node = other(edge);
              const name = node?.name ?? (direction === 'callers' ? edge.from : edge.to);
              const from = direction === 'callers' ? name : service;
              const to = direction === 'callers' ? service : name;
              const window = { startMs: range.startMs, endMs: range.endMs };
              const crossing = searchLink(edgeSearch(from, { name: to, peer: direction === 'callees' && node?.kind !== 'service' }, window, source.kind === 'tempo'), sourceId);
              return (
                <tr key={`${edge.from}→${edge.to}`}>
                  <th scope="row" className={styles.rowName}>
                    {node?.kind === 'service' ? <Link to={serviceLink(name, view, sourceId)}>{name}</Link> : `${name} (${node?.kind ?? 'external'})`}
                  </th>
                  <td className={styles.numeric}>
                    <Link to={crossing} aria-label={`Traces from ${from} to ${to}`}>
                      {formatRate(edge.callsPerSecond)}
                    </Link>
                  </td>
                  <td className={styles.numeric}>{formatPercent(edge.errorFraction)}</td>
                  <td className={styles.numeric}>{formatMs(edge.p90Ms)}</td>
                  <td className={styles.numeric}>{formatRate(node?.ratePerSecond)}</td>
                  <td className={styles.numeric}>{formatPercent(node?.errorFraction)}</td>
                  <td className={styles.numeric}>{formatMs(node?.p90Ms)}</td>
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

/** useQuery's options need a source even when disabled */
const NO_SOURCE = { id: '', name: '', kind: 'tempo', url: '/', demo: false } as const;

