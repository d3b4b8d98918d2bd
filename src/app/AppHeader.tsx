import { useLayoutEffect, useRef, type RefObject } from 'react';
import { NavLink } from 'react-router';
import { GoToTraceBox } from '../features/search/GoToTraceBox';
import { OpenTraceFile } from '../features/import/OpenTraceFile';
import { DataSourcePicker } from './DataSourcePicker';
import { TimeZoneToggle } from './TimeZoneToggle';
import { ThemeToggle } from '../ui/theme/ThemeToggle';
import { useSourceSearch } from '../state/data-source-context';
import { LOCAL_FILES_SOURCE } from '../state/data-sources';

export function AppHeader() {
  const sourceSearch = useSourceSearch();
  const headerRef = useRef<HTMLElement>(null);
  usePublishedHeight(headerRef);
  return (
    <header className="app-header" ref={headerRef}>
      <NavLink to={{ pathname: '/search', search: sourceSearch }} className="brand" aria-label="Tracery home">
        Tracery
      </NavLink>
      <nav aria-label="Main">
        <NavLink to={{ pathname: '/services', search: sourceSearch }}>Services</NavLink>
        <NavLink to={{ pathname: '/search', search: sourceSearch }}>Search</NavLink>
        <NavLink to={{ pathname: '/files', search: `?source=${LOCAL_FILES_SOURCE.id}` }}>Local files</NavLink>
      </nav>
      <OpenTraceFile />
      <GoToTraceBox />
      <DataSourcePicker />
      {/* preferences of the whole app, so on every page */}
      <div className="header-prefs">
        <TimeZoneToggle />
        <ThemeToggle className="header-toggle" />
      </div>
    </header>
  );
}

/**
 * The header wraps to two or three lines on a narrow window: pages that fill the
 * viewport below it (the trace page) size themselves by `--app-header-px`.
 */
function usePublishedHeight(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty('--app-header-px', `${element.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--app-header-px');
    };
  }, [ref]);
}
