import { useApolloClient } from '@apollo/client/react';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Loading } from '../ui/ProblemNotice';
import { ViewErrorBoundary } from '../ui/ViewErrorBoundary';
import { LoginView } from '../views/login/LoginView';
import { OrderDetailView } from '../views/orders/OrderDetailView';
import { OrdersView } from '../views/orders/OrdersView';
import { href, useRoute } from './router';
import { sessionStore, useSession } from './session';

// The map and the heatmap carry the heavy libraries: loaded only when a person opens them.
const JourneyView = lazy(() => import('../views/journey/JourneyView'));
const RegionsView = lazy(() => import('../views/regions/RegionsView'));
const WarehousesView = lazy(() => import('../views/warehouses/WarehousesView'));
const InboxView = lazy(() => import('../views/inbox/InboxView'));
const HeatmapView = lazy(() => import('../views/b2b/HeatmapView'));
const RulesView = lazy(() => import('../views/order-rules/RulesView'));
const AuditView = lazy(() => import('../views/audit/AuditView'));
const ReturnsView = lazy(() => import('../views/returns/ReturnsView'));
const PrivacyView = lazy(() => import('../views/privacy/PrivacyView'));
const NoticesView = lazy(() => import('../views/notices/NoticesView'));

const NAV = [
  { path: '/orders', label: 'Orders' },
  { path: '/journey', label: 'Parcel journey' },
  { path: '/regions', label: 'Regions' },
  { path: '/warehouses', label: 'Warehouses' },
  { path: '/inbox', label: 'Inbox' },
  { path: '/b2b', label: 'B2B heatmap' },
  { path: '/rules', label: 'Rules' },
  { path: '/returns', label: 'Returns' },
  { path: '/privacy', label: 'Privacy' },
  { path: '/notices', label: 'Notices' },
  { path: '/audit', label: 'Audit trail' },
];

export function App() {
  const session = useSession();
  const client = useApolloClient();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);

  // A new view moves keyboard focus to its content, as a page load would.
  useEffect(() => {
    main.current?.focus();
  }, [route.path]);

  if (!session) return <LoginView />;
  const section = `/${route.segments[0] ?? 'orders'}`;
  const logout = async () => {
    sessionStore.set(null);
    await client.clearStore();
  };

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Order hub</span>
        <nav aria-label="Views">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <a href={href(item.path)} aria-current={section === item.path ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who" data-testid="who">
          <span>
            {session.principal.role}
            {session.principal.regions.length ? ` · ${session.principal.regions.join(', ')}` : ''}
          </span>
          <button type="button" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <ViewErrorBoundary resetKey={route.path}>
          <Suspense fallback={<Loading what="view" />}>
            <View segments={route.segments} query={route.query} />
          </Suspense>
        </ViewErrorBoundary>
      </main>
    </div>
  );
}

function View({ segments, query }: { segments: string[]; query: URLSearchParams }) {
  const [section = 'orders', id] = segments;
  switch (section) {
    case 'orders':
      return id ? <OrderDetailView id={id} /> : <OrdersView query={query} />;
    case 'journey':
      return <JourneyView orderId={id} />;
    case 'regions':
      return <RegionsView />;
    case 'warehouses':
      return <WarehousesView />;
    case 'inbox':
      return <InboxView />;
    case 'b2b':
      return <HeatmapView query={query} />;
    case 'rules':
      return <RulesView ruleSetKey={id} />;
    case 'audit':
      return <AuditView />;
    case 'returns':
      return <ReturnsView orderId={id} query={query} />;
    case 'privacy':
      return <PrivacyView />;
    case 'notices':
      return <NoticesView />;
    default:
      return (
        <p>
          There is no view at this address. <a href={href('/orders')}>Go to orders</a>.
        </p>
      );
  }
}
