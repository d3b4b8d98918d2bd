import { Link } from 'react-router';
import { useDocumentTitle } from '../ui/use-document-title';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <div className="state state-empty">
      <h1>Page not found</h1>
      <p>
        Tracery has no page at this address. <Link to="/search">Search traces</Link>
      </p>
    </div>
  );
}
