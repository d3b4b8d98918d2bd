import { NavLink } from 'react-router';
import { useDataSource } from '../state/data-source-context';
import { GoToTraceBox } from '../features/search/GoToTraceBox';

export function AppHeader() {
  const source = useDataSource();
  return (
    <header className="app-header">
      <NavLink to="/search" className="brand" aria-label="Tracery home">
        Tracery
      </NavLink>
      <nav aria-label="Main">
        <NavLink to={{ pathname: '/search' }}>Search</NavLink>
      </nav>
      <GoToTraceBox />
      <span className="source-name" title="Data source">
        {source ? source.name : 'no data source configured'}
      </span>
    </header>
  );
}
