import { Route, Routes } from 'react-router';
import { AreaFrame } from '../../ui/console/AreaFrame';
import { ImportPage } from './ImportPage';
import { RecordPaymentPage } from './RecordPaymentPage';
import { TotalsPage } from './TotalsPage';

/** The treasury (/treasury/*): record a payment, import a bank statement, contributions per branch per month. */
export function TreasuryArea() {
  return (
    <Routes>
      <Route element={<AreaFrame label="Treasury" who="treasurers" roles={['TREASURER', 'ADMIN']} pages={[
        { to: '/treasury', label: 'Record a payment', end: true },
        { to: '/treasury/import', label: 'Import payments' },
        { to: '/treasury/totals', label: 'Contributions' },
      ]} />}>
        <Route index element={<RecordPaymentPage />} />
        <Route path="import" element={<ImportPage />} />
        <Route path="totals" element={<TotalsPage />} />
      </Route>
    </Routes>
  );
}
