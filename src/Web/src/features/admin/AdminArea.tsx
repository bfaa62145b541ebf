import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';

/** The admin's room (/admin/*): branches, roles, dead letters, the audit of personal-data reads, erasure. */
export function AdminArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Admin" who="admins" roles={['ADMIN']} pages={[
        { to: '/admin', label: 'Branches', end: true },
        { to: '/admin/roles', label: 'Roles' },
        { to: '/admin/dead-letters', label: 'Dead letters' },
        { to: '/admin/audit', label: 'Audit' },
        { to: '/admin/erase', label: 'Erase a member' },
      ]} />}>
      </Route>
    </Routes>
  );
}
