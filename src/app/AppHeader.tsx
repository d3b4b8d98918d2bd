import { NavLink } from 'react-router';
import { GoToTraceBox } from '../features/search/GoToTraceBox';
import { OpenTraceFile } from '../features/import/OpenTraceFile';
import { DataSourcePicker } from './DataSourcePicker';
import { TimeZoneToggle } from './TimeZoneToggle';
import { useSourceSearch } from '../state/data-source-context';
import { LOCAL_FILES_SOURCE } from '../state/data-sources';

export function AppHeader() {
  const sourceSearch = useSourceSearch();
  return (
    <header className="app-header">
      <NavLink to={{ pathname: '/search', search: sourceSearch }} className="brand" aria-label="Tracery home">
        Tracery
      </NavLink>
      <nav aria-label="Main">
        <NavLink to={{ pathname: '/search', search: sourceSearch }}>Search</NavLink>
        <NavLink to={{ pathname: '/files', search: `?source=${LOCAL_FILES_SOURCE.id}` }}>Local files</NavLink>
      </nav>
      <OpenTraceFile />
      <GoToTraceBox />
      <DataSourcePicker />
      <TimeZoneToggle />
    </header>
  );
}
