import { NavLink } from 'react-router';
import { GoToTraceBox } from '../features/search/GoToTraceBox';
import { OpenTraceFile } from '../features/import/OpenTraceFile';
import { DataSourcePicker } from './DataSourcePicker';
import { TimeZoneToggle } from './TimeZoneToggle';
import { useSourceSearch } from '../state/data-source-context';

export function AppHeader() {
  const sourceSearch = useSourceSearch();
  return (
    <header className="app-header">
      <NavLink to={{ pathname: '/search', search: sourceSearch }} className="brand" aria-label="Tracery home">
        Tracery
      </NavLink>
      <nav aria-label="Main">
        <NavLink to={{ pathname: '/search', search: sourceSearch }}>Search</NavLink>
        <NavLink to="/files">Local files</NavLink>
      </nav>
      <OpenTraceFile />
      <GoToTraceBox />
      <DataSourcePicker />
      <TimeZoneToggle />
    </header>
  );
}
