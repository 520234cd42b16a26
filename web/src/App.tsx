import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { Layout } from './components/Layout';
import { I18nProvider } from './i18n';
import { Account } from './pages/Account';
import { ForgotPassword } from './pages/ForgotPassword';
import { Landing } from './pages/Landing';
import { Login } from './pages/Login';
import { MyTickets } from './pages/MyTickets';
import { NotFound } from './pages/NotFound';
import { Notifications } from './pages/Notifications';
import { Queue } from './pages/Queue';
import { Macros } from './pages/Macros';
import { Register } from './pages/Register';
import { Reports } from './pages/Reports';
import { RegisterConfirm } from './pages/RegisterConfirm';
import { ResetPassword } from './pages/ResetPassword';
import { ResolutionAnswer } from './pages/ResolutionAnswer';
import { SatisfactionAnswer } from './pages/SatisfactionAnswer';
import { TicketPage } from './pages/TicketPage';
import { Users } from './pages/Users';
import { Audit } from './pages/settings/Audit';
import { Calendars } from './pages/settings/Calendars';
import { Categories } from './pages/settings/Categories';
import { Inbound } from './pages/settings/Inbound';
import { Settings } from './pages/settings/Settings';
import { SlaPolicies } from './pages/settings/SlaPolicies';
import { Teams } from './pages/settings/Teams';
import { Skeleton } from './components/Loading';

// The charts library is only needed by staff on one screen: keep it out of the first load.
const Dashboard = lazy(() => import('./pages/Dashboard'));

function RequireAuth({ role, children }: { role?: 'staff' | 'admin'; children: ReactNode }) {
  const { user, isStaff, isAdmin } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if ((role === 'staff' && !isStaff) || (role === 'admin' && !isAdmin)) return <NotFound />;
  return <>{children}</>;
}

function Loading() {
  return <Skeleton rows={3} variant="block" />;
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<Landing />} />
              <Route path="login" element={<Login />} />
              <Route path="register" element={<Register />} />
              <Route path="register/confirm" element={<RegisterConfirm />} />
              <Route path="forgot-password" element={<ForgotPassword />} />
              <Route path="reset-password" element={<ResetPassword />} />
              <Route path="resolucion" element={<ResolutionAnswer />} />
              <Route path="satisfaccion" element={<SatisfactionAnswer />} />
              <Route path="tickets" element={<RequireAuth><MyTickets /></RequireAuth>} />
              <Route path="tickets/:id" element={<RequireAuth><TicketPage /></RequireAuth>} />
              <Route path="notifications" element={<RequireAuth><Notifications /></RequireAuth>} />
              <Route path="account" element={<RequireAuth><Account /></RequireAuth>} />
              <Route path="queue" element={<RequireAuth role="staff"><Queue /></RequireAuth>} />
              <Route path="macros" element={<RequireAuth role="staff"><Macros /></RequireAuth>} />
              <Route
                path="dashboard"
                element={
                  <RequireAuth role="staff">
                    <Suspense fallback={<Loading />}>
                      <Dashboard />
                    </Suspense>
                  </RequireAuth>
                }
              />
              <Route path="reports" element={<RequireAuth role="staff"><Reports /></RequireAuth>} />
              <Route path="users" element={<RequireAuth role="admin"><Users /></RequireAuth>} />
              <Route path="settings" element={<RequireAuth role="admin"><Settings /></RequireAuth>}>
                <Route index element={<Navigate to="teams" replace />} />
                <Route path="teams" element={<Teams />} />
                <Route path="categories" element={<Categories />} />
                <Route path="sla" element={<SlaPolicies />} />
                <Route path="calendars" element={<Calendars />} />
                <Route path="audit" element={<Audit />} />
                <Route path="inbound" element={<Inbound />} />
              </Route>
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
