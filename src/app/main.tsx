import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { parseConfig, withAnsweringSources, withLocalFiles, type TraceryConfig } from '../state/data-sources';
import { pickDataSource } from '../state/data-source-context';
import { App } from './App';
import './global.css';
// the theme applies on every page, before the first render
import '../ui/theme/theme-store';
import '../ui/theme/theme.css';

async function loadConfig(): Promise<{ config: TraceryConfig; problems: string[] }> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}tracery.config.json`);
    if (!response.ok) return { config: { dataSources: [] }, problems: [`tracery.config.json: HTTP ${response.status}`] };
    return parseConfig(await response.json());
  } catch (error) {
    return { config: { dataSources: [] }, problems: [`tracery.config.json could not be read: ${(error as Error).message}`] };
  }
}

async function start(): Promise<void> {
  const loaded = await loadConfig();
  const { problems } = loaded;
  // a source whose server is not running (the Local server under `npm start`) is not offered
  const config = await withAnsweringSources(withLocalFiles(loaded.config));
  problems.forEach((p) => console.warn(`Tracery config: ${p}`));
  const source = pickDataSource(config, new URLSearchParams(window.location.search).get('source'));
  let startupError: string | undefined;
  if (source?.demo) {
    // The demo backend (msw + generated data) is its own chunk, loaded only
    // when a demo source is in use, and must answer before the first query.
    try {
      const { startDemoWorker } = await import('../../mocks/browser');
      await startDemoWorker();
    } catch (error) {
      startupError = `The demo backend could not start: ${(error as Error).message}`;
    }
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App config={config} startupProblems={startupError ? [...problems, startupError] : problems} />
    </StrictMode>,
  );
}

void start();
