import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <div className="state state-empty">
      <h1>Page not found</h1>
      <p>
        Tracery has no page at this address. <Link to="/search">Search traces</Link>
      </p>
    </div>
  );
}
