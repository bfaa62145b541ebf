import { StrictMode, Suspense, Component, lazy, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { RelayEnvironmentProvider } from 'react-relay/hooks';
import { BrowserRouter, Routes, Route, Link } from 'react-router';
import { createEnvironment } from './relay/environment';
import { Layout } from './ui/Layout';
import { HomePage } from './features/public/HomePage';
// The home page is in the first load; the others load when opened.
const JoinPage = lazy(() => import('./features/join/JoinPage').then((m) => ({ default: m.JoinPage })));
const ArticlePage = lazy(() => import('./features/public/ArticlePage').then((m) => ({ default: m.ArticlePage })));
const CampaignPage = lazy(() => import('./features/public/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const SignInPage = lazy(() => import('./features/account/SignInPage').then((m) => ({ default: m.SignInPage })));
const MePage = lazy(() => import('./features/account/MePage').then((m) => ({ default: m.MePage })));
const StandingPage = lazy(() => import('./features/public/StandingPage').then((m) => ({ default: m.StandingPage })));
const CampaignsPage = lazy(() => import('./features/public/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const ArticlesPage = lazy(() => import('./features/public/ArticlesPage').then((m) => ({ default: m.ArticlesPage })));
// The pages behind the links in mails, and the account's own.
const ActivatePage = lazy(() => import('./features/account/ActivatePage').then((m) => ({ default: m.ActivatePage })));
const ResetPasswordPage = lazy(() => import('./features/account/ResetPasswordPage').then((m) => ({ default: m.ResetPasswordPage })));
const ForgotPasswordPage = lazy(() => import('./features/account/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })));
const ConfirmEmailPage = lazy(() => import('./features/account/ConfirmEmailPage').then((m) => ({ default: m.ConfirmEmailPage })));
const UnsubscribePage = lazy(() => import('./features/account/UnsubscribePage').then((m) => ({ default: m.UnsubscribePage })));
const ChangePasswordPage = lazy(() => import('./features/account/ChangePasswordPage').then((m) => ({ default: m.ChangePasswordPage })));
// The member space: its frame (sub-navigation, signed in only) and its pages.
const MemberSpace = lazy(() => import('./features/member/MemberSpace').then((m) => ({ default: m.MemberSpace })));
const ProfilePage = lazy(() => import('./features/member/ProfilePage').then((m) => ({ default: m.ProfilePage })));
const ContributionsPage = lazy(() => import('./features/member/ContributionsPage').then((m) => ({ default: m.ContributionsPage })));
const HistoryPage = lazy(() => import('./features/member/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const DataPage = lazy(() => import('./features/member/DataPage').then((m) => ({ default: m.DataPage })));
const ResignedPage = lazy(() => import('./features/member/ResignedPage').then((m) => ({ default: m.ResignedPage })));
// The role areas: each one chunk, loaded when opened (never in the first load).
const OrganiseArea = lazy(() => import('./features/organise/OrganiseArea').then((m) => ({ default: m.OrganiseArea })));
const EditorArea = lazy(() => import('./features/editor/EditorArea').then((m) => ({ default: m.EditorArea })));
const TreasuryArea = lazy(() => import('./features/treasury/TreasuryArea').then((m) => ({ default: m.TreasuryArea })));
const AdminArea = lazy(() => import('./features/admin/AdminArea').then((m) => ({ default: m.AdminArea })));
const DecisionsArea = lazy(() => import('./features/decisions/DecisionsArea').then((m) => ({ default: m.DecisionsArea })));
import './ui/tokens.css';
import './ui/base.css';

/** A page's data failed to load: words a person understands, and a way on. */
class PageBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() { return { failed: true }; }
  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="alert" role="alert">
        <h1>This page could not be loaded</h1>
        <p>Please check your connection and <a href={window.location.pathname}>try again</a>.</p>
      </div>
    );
  }
}

const page = (element: ReactNode) => (
  <PageBoundary>
    <Suspense fallback={<p className="muted" role="status">Loading…</p>}>{element}</Suspense>
  </PageBoundary>
);

function NotFound() {
  return (
    <>
      <title>Not found · Workers Power</title>
      <h1>There is no page here</h1>
      <p>The address may be mistyped or the page moved. <Link to="/">Go to the home page</Link>.</p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RelayEnvironmentProvider environment={createEnvironment()}>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route path="/" element={page(<HomePage />)} />
            <Route path="/join" element={page(<JoinPage />)} />
            <Route path="/sign-in" element={page(<SignInPage />)} />
            <Route path="/me" element={page(<MemberSpace />)}>
              <Route index element={<MePage />} />
              <Route path="profile" element={<ProfilePage />} />
              <Route path="contributions" element={<ContributionsPage />} />
              <Route path="history" element={<HistoryPage />} />
              <Route path="data" element={<DataPage />} />
            </Route>
            <Route path="/me/resigned" element={page(<ResignedPage />)} />
            <Route path="/programme" element={page(<StandingPage slug="programme" />)} />
            <Route path="/about" element={page(<StandingPage slug="about" />)} />
            <Route path="/pages/:slug" element={page(<StandingPage />)} />
            <Route path="/articles" element={page(<ArticlesPage />)} />
            <Route path="/articles/:slug" element={page(<ArticlePage />)} />
            <Route path="/campaigns" element={page(<CampaignsPage />)} />
            <Route path="/campaigns/:slug" element={page(<CampaignPage />)} />
            <Route path="/activate" element={page(<ActivatePage />)} />
            <Route path="/reset-password" element={page(<ResetPasswordPage />)} />
            <Route path="/forgot-password" element={page(<ForgotPasswordPage />)} />
            <Route path="/confirm-email" element={page(<ConfirmEmailPage />)} />
            <Route path="/unsubscribe" element={page(<UnsubscribePage />)} />
            <Route path="/account/password" element={page(<ChangePasswordPage />)} />
            <Route path="/organise/*" element={page(<OrganiseArea />)} />
            <Route path="/editor/*" element={page(<EditorArea />)} />
            <Route path="/treasury/*" element={page(<TreasuryArea />)} />
            <Route path="/admin/*" element={page(<AdminArea />)} />
            <Route path="/decisions/*" element={page(<DecisionsArea />)} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </RelayEnvironmentProvider>
  </StrictMode>,
);
