import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';
import { AuditPage } from './AuditPage';
import { BranchesPage } from './BranchesPage';
import { DeadLettersPage } from './DeadLettersPage';
import { ErasePage } from './ErasePage';
import { OperationsPage } from './OperationsPage';
import { RolesPage } from './RolesPage';
import './admin.css';

/** The admin's room (/admin/*): branches, roles, dead letters, the audit of personal-data reads, erasure, the platform's operations. */
export function AdminArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Admin" who="admins" roles={['ADMIN']} pages={[
        { to: '/admin', label: 'Branches', end: true },
        { to: '/admin/roles', label: 'Roles' },
        { to: '/admin/dead-letters', label: 'Dead letters' },
        { to: '/admin/audit', label: 'Audit' },
        { to: '/admin/erase', label: 'Erase a member' },
        { to: '/admin/operations', label: 'Operations' },
      ]} />}>
        <Route index element={<BranchesPage />} />
        <Route path="roles" element={<RolesPage />} />
        <Route path="dead-letters" element={<DeadLettersPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="erase" element={<ErasePage />} />
        <Route path="operations" element={<OperationsPage />} />
      </Route>
    </Routes>
  );
}
