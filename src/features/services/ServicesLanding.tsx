import { Navigate, useLocation } from 'react-router';

/** `/` opens the services overview, keeping the link's `?source=`: a service's health is the first question. */
export function ServicesLanding() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/services', search }} replace />;
}
