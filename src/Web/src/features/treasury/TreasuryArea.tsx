import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';

/** The treasury (/treasury/*): record a payment, import a bank statement, contributions per branch per month. */
export function TreasuryArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Treasury" who="treasurers" roles={['TREASURER', 'ADMIN']} pages={[
        { to: '/treasury', label: 'Record a payment', end: true },
        { to: '/treasury/import', label: 'Import payments' },
        { to: '/treasury/totals', label: 'Contributions' },
      ]} />}>
      </Route>
    </Routes>
  );
}
